//! The change feed: every change in commit order, records as GET shows them, tombstones, cursors that hold, and a
//! consumer that follows it while others write ends with exactly the server's records.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use intercoop_tests::{Role, TestApp, db_test, partner_body};
use serde_json::{Value, json};

db_test! {
    async fn the_feed_tells_each_change_with_the_record_as_it_stood(app) {
        let (_, start) = app.follow_changes("").await;
        let created = app.create("/api/v1/partners", &partner_body(1)).await;
        let id = created["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/partners/{id}");
        let patched = app.patch(&path, Role::Editor, &json!({"website": "https://lublin.eu"})).await.expect(200);
        let published = app.publish(&path).await;
        app.delete(&path, Role::Admin).await.expect(204);

        let (items, next) = app.changes_until(&start, 4).await;
        assert_eq!(items.len(), 4, "{items:#?}");
        let actions: Vec<&str> = items.iter().map(|c| c["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["create", "update", "publish", "delete"]);
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item["type"], "partner");
            assert_eq!(item["id"], id.as_str());
            assert_eq!(item["version"], i + 1);
        }
        assert_eq!(items[0]["record"], created);
        assert_eq!(items[1]["record"], patched);
        assert_eq!(items[2]["record"], published);
        assert_eq!(items[3]["deleted"], true);
        assert_eq!(items[3]["record"], Value::Null);
        assert_eq!(next, items[3]["cursor"].as_str().unwrap());

        // Nothing new: the same cursor back, and no more.
        let page = app.get_as(&format!("/api/v1/changes?after={next}"), Role::Viewer).await.expect(200);
        assert_eq!(page["items"], json!([]));
        assert_eq!(page["next"], next.as_str());
        assert_eq!(page["has_more"], false);
    }
}

db_test! {
    async fn the_feed_pages_filters_by_type_and_refuses_bad_parameters(app) {
        let fixture = app.programme_fixture().await;
        for n in 0..5 {
            app.create("/api/v1/partners", &partner_body(n)).await;
        }
        let total = app.count_rows("changes").await as usize;
        let (all, _) = app.changes_until("", total).await;
        assert_eq!(all.len(), total);

        let first = app.get_as("/api/v1/changes?limit=2", Role::Viewer).await.expect(200);
        assert_eq!(first["items"].as_array().unwrap().len(), 2);
        assert_eq!(first["has_more"], true);
        assert_eq!(first["items"][0], all[0]);
        let after = first["next"].as_str().unwrap();
        let second = app.get_as(&format!("/api/v1/changes?after={after}&limit=2"), Role::Viewer).await.expect(200);
        assert_eq!(second["items"][0], all[2]);

        let partners = app.get_as("/api/v1/changes?types=partner&limit=1000", Role::Viewer).await.expect(200);
        assert_eq!(partners["items"].as_array().unwrap().len(), 5);
        let structure = app.get_as("/api/v1/changes?types=programme,section,measure", Role::Viewer).await.expect(200);
        assert!(structure["items"].as_array().unwrap().iter().any(|c| c["id"] == fixture.programme_id.as_str()));
        assert!(structure["items"].as_array().unwrap().iter().all(|c| c["type"] != "partner"));

        for (query, field) in [
            ("after=nonsense", "after"),
            ("after=1_-2", "after"),
            ("limit=0", "limit"),
            ("limit=1001", "limit"),
            ("types=user", "types"),
            ("types=activity,,partner", "types"),
            ("types=activity,%20partner", "types"),
            ("since=2024-01-01", "since"),
        ] {
            let problem =
                app.get_as(&format!("/api/v1/changes?{query}"), Role::Viewer).await.expect_problem(400, "invalid_query");
            assert!(problem["detail"].as_str().unwrap().contains(field), "{query}: {problem}");
        }
        app.get("/api/v1/changes").await.expect_problem(401, "missing_token");
    }
}

db_test! {
    async fn cursors_hold_across_processes(app) {
        app.create("/api/v1/partners", &partner_body(1)).await;
        let (_, cursor) = app.changes_until("", 1).await;
        let other = app.spawn_sibling().await;
        let later = other.create("/api/v1/partners", &partner_body(2)).await;
        let (items, _) = other.changes_until(&cursor, 1).await;
        assert_eq!(items.len(), 1, "{items:#?}");
        assert_eq!(items[0]["record"], later);
    }
}

/// A consumer's copy of the records, built from the feed alone.
#[derive(Default)]
struct Replica {
    records: HashMap<String, Value>,
    versions: HashMap<String, i64>,
    cursors: Vec<String>,
}

impl Replica {
    fn apply(&mut self, change: &Value) {
        let id = change["id"].as_str().unwrap().to_owned();
        let version = change["version"].as_i64().unwrap();
        let previous = self.versions.insert(id.clone(), version).unwrap_or(0);
        assert_eq!(version, previous + 1, "{id} went from version {previous} to {version}: a change was missed");
        self.cursors.push(change["cursor"].as_str().unwrap().to_owned());
        if change["deleted"] == true {
            self.records.remove(&id);
        } else {
            self.records.insert(id, change["record"].clone());
        }
    }
}

/// Writes from several tasks at once through `apps` while a consumer follows the feed; then checks that the
/// consumer saw every change once, each record's versions without a gap, and ends with the server's records.
pub async fn follow_while_writing(apps: &[&TestApp]) {
    let writers = 6;
    let writers_done = AtomicUsize::new(0);
    let consumer = async {
        let mut replica = Replica::default();
        let mut cursor = String::new();
        let mut quiet_rounds = 0;
        // Follows, through each process in turn, until the writers are done and it has every change row.
        loop {
            let app = apps[replica.cursors.len() % apps.len()];
            let (items, next) = app.follow_changes(&cursor).await;
            for item in &items {
                replica.apply(item);
            }
            cursor = next;
            quiet_rounds = if items.is_empty() { quiet_rounds + 1 } else { 0 };
            let all_written = writers_done.load(Ordering::SeqCst) == writers;
            if all_written && quiet_rounds > 2 && app.count_rows("changes").await as usize == replica.cursors.len() {
                return replica;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    };
    let writing = futures_util::future::join_all((0..writers).map(|w| {
        let writers_done = &writers_done;
        async move {
            let app = apps[w % apps.len()];
            for n in 0..4 {
                let created = app.create("/api/v1/partners", &partner_body(w * 100 + n)).await;
                let path = format!("/api/v1/partners/{}", created["id"].as_str().unwrap());
                app.patch(&path, Role::Editor, &json!({"city": {"uk": "Люблін", "en": "Lublin"}})).await.expect(200);
                app.publish(&path).await;
                if n % 2 == 0 {
                    app.delete(&path, Role::Admin).await.expect(204);
                }
            }
            writers_done.fetch_add(1, Ordering::SeqCst);
        }
    }));
    let (replica, _) = tokio::join!(consumer, writing);

    let distinct: HashSet<&String> = replica.cursors.iter().collect();
    assert_eq!(distinct.len(), replica.cursors.len(), "a change was seen twice");
    let server: BTreeMap<String, Value> = apps[0].get_as("/api/v1/partners?limit=200", Role::Viewer).await.expect(200)
        ["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_owned(), p.clone()))
        .collect();
    let copy: BTreeMap<String, Value> = replica.records.into_iter().collect();
    assert_eq!(copy.len(), writers * 2);
    assert_eq!(copy, server, "the consumer's copy differs from the server's records");
}

db_test! {
    async fn a_consumer_following_the_feed_while_others_write_ends_with_the_servers_records(app) {
        follow_while_writing(&[&app]).await;
    }
}

/// On PostgreSQL a transaction that took its sequence number first can commit last. The feed must not move past
/// it: a change committed meanwhile waits until the older transaction ends, and then both come, the older first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(pg_tests), ignore = "set TEST_DATABASE_URL to run on PostgreSQL")]
async fn a_late_commit_is_not_skipped() {
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    let app = TestApp::spawn(intercoop_tests::Backend::Postgres).await;
    let (_, start) = app.follow_changes("").await;
    let slow = app.db.connection().begin().await.unwrap();
    let late_id = uuid::Uuid::now_v7();
    slow.execute_raw(Statement::from_string(
        sea_orm::DbBackend::Postgres,
        format!(
            "INSERT INTO changes (at, action, record_type, record_id, record_version, record) \
             VALUES (now(), 'create', 'partner', '{late_id}', 1, NULL)"
        ),
    ))
    .await
    .unwrap();
    let quick = app.create("/api/v1/partners", &partner_body(1)).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (meanwhile, _) = app.follow_changes(&start).await;
    assert_eq!(meanwhile, Vec::<Value>::new(), "the feed moved past a transaction still running");
    slow.commit().await.unwrap();
    let (items, _) = app.changes_until(&start, 2).await;
    let ids: Vec<&str> = items.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [late_id.to_string().as_str(), quick["id"].as_str().unwrap()]);
}

db_test! {
    async fn lists_give_the_records_changed_since_a_time(app) {
        let fixture = app.programme_fixture().await;
        let first = app.create("/api/v1/partners", &partner_body(1)).await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let since = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let query = |path: &str| format!("{path}?updated_since={}", since.replace('+', "%2B"));
        let second = app.create("/api/v1/partners", &partner_body(2)).await;
        let names = |list: Value| -> Vec<String> {
            list["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect()
        };
        let changed = app.get_as(&query("/api/v1/partners"), Role::Viewer).await.expect(200);
        assert_eq!(names(changed), [second["id"].as_str().unwrap()]);
        let path = format!("/api/v1/partners/{}", first["id"].as_str().unwrap());
        app.patch(&path, Role::Editor, &json!({"website": "https://example.org"})).await.expect(200);
        let changed = app.get_as(&query("/api/v1/partners"), Role::Viewer).await.expect(200);
        assert_eq!(changed["total"], 2);

        for list in ["/api/v1/programmes", "/api/v1/measures", "/api/v1/activities", "/api/v1/grants", "/api/v1/agreements"] {
            assert_eq!(app.get_as(&query(list), Role::Viewer).await.expect(200)["total"], 0, "{list}");
        }
        let all_measures = app.get_as("/api/v1/measures?updated_since=2000-01-01T00:00:00Z", Role::Viewer).await;
        assert_eq!(all_measures.expect(200)["total"], fixture.measures.len());
        app.get_as("/api/v1/partners?updated_since=yesterday", Role::Viewer).await.expect_problem(400, "invalid_query");
    }
}
