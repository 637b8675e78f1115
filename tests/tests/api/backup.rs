//! `intercoop export` / `intercoop import`: a backup of every table restores, row for row, into an empty database of
//! either kind; a restore refuses a database with data, and another document, and then changes nothing.

use intercoop_persistence::backup::{self, ImportError, TABLES};
use intercoop_persistence::generate::{self, Counts};
use intercoop_tests::{Backend, Console, Part, Receiver, Role, TestApp, db_test, partner_body};
use reqwest::Method;
use serde_json::{Value, json};

use crate::reports::REFERENCE;

const PASSWORD: &str = "correct horse battery staple";

/// Puts at least one row in every table: synthetic records, then what only the API makes.
async fn fill_every_table(app: &TestApp) {
    generate::fill(&app.db, Counts { activities: 120, partners: 30, seed: 11, year: None }).await.unwrap();
    // A partner whose parent has the later id, so that a restore must reorder them.
    let child = app.create("/api/v1/partners", &partner_body(901)).await;
    let parent = app.create("/api/v1/partners", &partner_body(902)).await;
    let child_path = format!("/api/v1/partners/{}", child["id"].as_str().unwrap());
    // Coordinates whose shortest decimal form a fast float parser reads one bit off.
    let coordinates = json!({"latitude": 55.901750432519215, "longitude": -3.2233815309408014});
    let patch = json!({"parent_id": parent["id"], "coordinates": coordinates});
    app.patch(&child_path, Role::Admin, &patch).await.expect(200);
    app.call(Method::POST, &format!("{child_path}/submit"), Some(Role::Editor), None).await.expect(200);
    let why = json!({"comment": "Уточніть координати"});
    app.post(&format!("{child_path}/return"), Role::Publisher, &why).await.expect(200);
    let user = json!({"username": "olena", "display_name": "Олена", "role": "editor", "password": PASSWORD});
    app.post("/api/v1/users", Role::Admin, &user).await.expect(201);
    let login = json!({"username": "olena", "password": PASSWORD});
    app.call(Method::POST, "/api/v1/auth/token", None, Some(&login)).await.expect(200);
    Console::signed_in(app, "olena").await;
    let wrong = json!({"username": "olena", "password": "not her password at all"});
    app.call(Method::POST, "/api/v1/auth/token", None, Some(&wrong)).await.expect_oauth(400, "invalid_grant");
    let account =
        json!({"client_id": "city-website", "name": "Сайт міста", "role": "editor", "scopes": ["activities"]});
    app.post("/api/v1/service-accounts", Role::Admin, &account).await.expect(201);
    let receiver = Receiver::start("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").await;
    let hook =
        json!({"url": receiver.url, "event_types": ["partner.*"], "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"});
    app.post("/api/v1/webhooks", Role::Admin, &hook).await.expect(201);
    let authorization = format!("Bearer {}", app.token(Role::Editor));
    let headers = [("authorization", authorization.as_str()), ("idempotency-key", "backup-1")];
    app.call_with_headers(Method::POST, "/api/v1/partners", &headers, Some(&partner_body(903))).await.expect(201);
    receiver.wait_for(1).await;
    let token = app.token(Role::Editor);
    let parts = [Part::file("file", "report.txt", REFERENCE.as_bytes()), Part::value("year", "2024")];
    app.upload("/api/v1/imports", &token, &parts).await.expect(201);
}

async fn export(app: &TestApp) -> Value {
    let mut bytes = Vec::new();
    backup::export(&app.db, &mut bytes).await.expect("exporting");
    serde_json::from_slice(&bytes).expect("the backup is one JSON document")
}

async fn import(app: &TestApp, document: &Value) -> Result<backup::TableCounts, ImportError> {
    backup::import(&app.db, &document.to_string()).await
}

/// The two backups hold the same rows, table by table, row by row.
fn assert_same_rows(first: &Value, second: &Value) {
    let (a, b) = (first["tables"].as_object().unwrap(), second["tables"].as_object().unwrap());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (table, rows) in a {
        let (rows, others) = (rows.as_array().unwrap(), b[table].as_array().unwrap());
        assert_eq!(rows.len(), others.len(), "{table}: row count");
        for (row, other) in rows.iter().zip(others) {
            assert_eq!(row, other, "{table}: a row differs");
        }
    }
}

/// Where the two values first differ: the path, and both values there.
fn difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => {
            x.iter().find_map(|(k, v)| difference(v, y.get(k).unwrap_or(&Value::Null), &format!("{path}.{k}")))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (v, w))| difference(v, w, &format!("{path}[{i}]")))
        }
        _ if a == b => None,
        _ => Some(format!("{path}: {a} | {b}")),
    }
}

/// The service's answers that must read the same from the restored database.
async fn answers(app: &TestApp) -> Vec<Value> {
    let mut out = Vec::new();
    for path in ["/api/v1/activities?limit=200", "/api/v1/partners?limit=200", "/api/v1/grants", "/api/v1/agreements"] {
        out.push(app.get_as(path, Role::Admin).await.expect(200));
    }
    for path in ["/api/v1/users", "/api/v1/service-accounts", "/api/v1/webhooks", "/api/v1/audit?limit=200"] {
        out.push(app.get_as(path, Role::Admin).await.expect(200));
    }
    let programme = app.get("/api/v1/programmes").await.expect(200)["items"][0]["id"].as_str().unwrap().to_owned();
    out.push(app.get(&format!("/api/v1/programmes/{programme}/reports/2023")).await.expect(200));
    // On PostgreSQL a change shows once no transaction that began before it runs (other tests' included): wait.
    let (mut feed, _) = app.changes_until("0_0", app.count_rows("changes").await as usize).await;
    // A cursor names the database's transaction on PostgreSQL; the changes themselves must match.
    for change in &mut feed {
        change.as_object_mut().unwrap().remove("cursor");
    }
    out.push(Value::Array(feed));
    out
}

async fn round_trip(from: Backend, to: Backend) {
    let source = TestApp::spawn(from).await;
    fill_every_table(&source).await;
    let backup = export(&source).await;
    assert_eq!(backup["format"], "intercoop-backup");
    assert_eq!(backup["version"], 1);
    assert_eq!(backup["schema"], backup::schema());
    let tables = backup["tables"].as_object().unwrap();
    assert_eq!(tables.keys().map(String::as_str).collect::<Vec<_>>(), TABLES);
    for (table, rows) in tables {
        assert!(!rows.as_array().unwrap().is_empty(), "{table} is empty: the round trip would not show it");
    }

    let restored = TestApp::spawn(to).await;
    let counts = import(&restored, &backup).await.expect("restoring");
    for (table, n) in &counts.0 {
        assert_eq!(*n as usize, tables[*table].as_array().unwrap().len(), "{table}");
        assert_eq!(restored.count_rows(table).await as u64, *n, "{table} in the database");
    }
    assert_same_rows(&backup, &export(&restored).await);
    for (before, after) in answers(&source).await.iter().zip(answers(&restored).await.iter()) {
        assert_eq!(difference(before, after, "$"), None, "the restored service answers otherwise");
    }

    let partners = restored.get_as("/api/v1/partners?limit=200", Role::Admin).await.expect(200);
    let exact =
        |p: &&Value| p["coordinates"] == json!({"latitude": 55.901750432519215, "longitude": -3.2233815309408014});
    assert!(partners["items"].as_array().unwrap().iter().any(|p| exact(&p)), "coordinates kept to the last bit");

    // The restored service goes on: its users sign in, and a new change follows the restored ones in the feed.
    let login = json!({"username": "olena", "password": PASSWORD});
    restored.call(Method::POST, "/api/v1/auth/token", None, Some(&login)).await.expect(200);
    let last_seq = tables["changes"].as_array().unwrap().iter().map(|c| c["seq"].as_i64().unwrap()).max().unwrap();
    restored.create("/api/v1/partners", &partner_body(904)).await;
    let restored_changes = tables["changes"].as_array().unwrap().len();
    let (items, _) = restored.changes_until("0_0", restored_changes + 1).await;
    assert_eq!(items.len(), restored_changes + 1);
    let new = items.last().unwrap();
    assert_eq!(new["record"]["name"], partner_body(904)["name"]);
    let seq: i64 = new["cursor"].as_str().unwrap().split_once('_').unwrap().1.parse().unwrap();
    assert!(seq > last_seq, "{new}");
}

db_test! {
    async fn a_backup_restores_every_row_of_every_table(app) {
        round_trip(app.backend(), app.backend()).await;
    }
}

/// SQLite to PostgreSQL (the way to scale out) and back, when TEST_DATABASE_URL is set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(pg_tests), ignore = "set TEST_DATABASE_URL to run on PostgreSQL")]
async fn a_backup_moves_between_sqlite_and_postgresql() {
    round_trip(Backend::Sqlite, Backend::Postgres).await;
    round_trip(Backend::Postgres, Backend::Sqlite).await;
}

db_test! {
    async fn a_restore_refuses_a_database_with_data_and_changes_nothing(app) {
        app.create("/api/v1/partners", &partner_body(1)).await;
        let backup = export(&app).await;
        let refused = import(&app, &backup).await;
        assert!(matches!(&refused, Err(ImportError::NotEmpty(table)) if table == "partners" || table == "audit_entries"), "{refused:?}");
        assert_eq!(app.count_rows("partners").await, 1);
        assert_eq!(app.count_rows("changes").await, 1);
    }
}

db_test! {
    async fn a_restore_refuses_other_documents_and_changes_nothing(app) {
        let source = TestApp::spawn(app.backend()).await;
        generate::fill(&source.db, Counts { activities: 20, partners: 5, seed: 3, year: None }).await.unwrap();
        let backup = export(&source).await;

        let refused = backup::import(&app.db, "{\"dataset\": \"khmelnytskyi-2024\"}").await;
        assert!(matches!(refused, Err(ImportError::NotABackup(_))), "{refused:?}");
        let refused = backup::import(&app.db, "not json").await;
        assert!(matches!(refused, Err(ImportError::NotABackup(_))), "{refused:?}");
        let mut newer = backup.clone();
        newer["version"] = json!(2);
        assert!(matches!(import(&app, &newer).await, Err(ImportError::Version { found: 2 })));
        let mut older = backup.clone();
        older["schema"] = json!("m20261125_000006_changes_webhooks");
        let refused = import(&app, &older).await;
        assert!(matches!(&refused, Err(ImportError::Schema { found, .. }) if found == "m20261125_000006_changes_webhooks"), "{refused:?}");
        let mut unknown_column = backup.clone();
        unknown_column["tables"]["activities"][0]["colour"] = json!("red");
        let refused = import(&app, &unknown_column).await;
        assert!(matches!(&refused, Err(ImportError::Invalid(m)) if m.contains("colour")), "{refused:?}");
        let mut missing_table = backup.clone();
        missing_table["tables"].as_object_mut().unwrap().remove("grants");
        let refused = import(&app, &missing_table).await;
        assert!(matches!(&refused, Err(ImportError::Invalid(m)) if m.contains("grants")), "{refused:?}");
        // A link to an activity the backup lacks: found by the database after most rows went in, all rolled back.
        let mut dangling = backup.clone();
        dangling["tables"]["activity_partners"][0]["activity_id"] = json!(uuid::Uuid::now_v7());
        let refused = import(&app, &dangling).await;
        assert!(matches!(&refused, Err(ImportError::Invalid(m)) if m.contains("activity_partners")), "{refused:?}");
        for table in TABLES {
            assert_eq!(app.count_rows(table).await, 0, "{table} after the refused restores");
        }
        import(&app, &backup).await.expect("the intact backup restores");
    }
}
