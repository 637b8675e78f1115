//! Who may open which console page: one table of the pages and the least role each needs, tried with every role.
//! A role below the least is refused (403, an error page in Ukrainian) and the least role is let in; no session
//! at all leads to the sign-in.

use intercoop_tests::{Console, account, db_test};

/// Each page with the least role it needs.
const PAGES: &[(&str, &str)] = &[
    ("/console/", "viewer"),
    ("/console/programme?year=2024", "viewer"),
    ("/console/activities", "viewer"),
    ("/console/activities/new", "editor"),
    ("/console/activities/{activity}", "viewer"),
    ("/console/activities/{activity}/history", "viewer"),
    ("/console/partners", "viewer"),
    ("/console/partners/new", "editor"),
    ("/console/partners/{partner}", "viewer"),
    ("/console/partners/{partner}/history", "viewer"),
    ("/console/grants", "viewer"),
    ("/console/grants/new", "editor"),
    ("/console/agreements", "viewer"),
    ("/console/agreements/new", "editor"),
    ("/console/imports", "editor"),
    ("/console/report?year=2024", "viewer"),
    ("/console/report/2024/preview", "viewer"),
    ("/console/report/2024/download/docx", "viewer"),
    ("/console/admin/accounts", "admin"),
    ("/console/admin/people/new", "admin"),
    ("/console/admin/services/new", "admin"),
    ("/console/admin/webhooks", "admin"),
    ("/console/admin/webhooks/new", "admin"),
    ("/console/admin/measures/new", "admin"),
];

/// Each form with the least role that may send it.
const FORMS: &[(&str, &str)] = &[
    ("/console/activities", "editor"),
    ("/console/activities/{activity}", "editor"),
    ("/console/activities/{activity}/publish", "publisher"),
    ("/console/activities/{activity}/submit", "editor"),
    ("/console/activities/{activity}/return", "publisher"),
    ("/console/activities/{activity}/comment", "editor"),
    ("/console/partners", "editor"),
    ("/console/partners/{partner}", "editor"),
    ("/console/partners/{partner}/withdraw", "publisher"),
    ("/console/partners/{partner}/comment", "editor"),
    ("/console/grants", "editor"),
    ("/console/agreements", "editor"),
    ("/console/imports/00000000-0000-0000-0000-000000000000/apply", "editor"),
    ("/console/admin/people", "admin"),
    ("/console/admin/services", "admin"),
    ("/console/admin/webhooks", "admin"),
    ("/console/admin/measures", "admin"),
];

const ROLES: [&str; 4] = ["viewer", "editor", "publisher", "admin"];

fn rank(role: &str) -> usize {
    ROLES.iter().position(|r| *r == role).unwrap()
}

db_test! {
    async fn every_page_and_form_lets_in_its_least_role_and_refuses_the_one_below(app) {
        let fixture = app.programme_fixture().await;
        let activity = app
            .create_published(
                "/api/v1/activities",
                &serde_json::json!({"title": {"uk": "Захід"}, "kind": "meeting", "start_date": "2024-03-04", "measure_ids": [fixture.measure("1.1")]}),
            )
            .await;
        let partner = app.create_published("/api/v1/partners", &intercoop_tests::partner_body(1)).await;
        let fill = |path: &str| {
            path.replace("{activity}", activity["id"].as_str().unwrap()).replace("{partner}", partner["id"].as_str().unwrap())
        };
        for role in ROLES {
            account(&app.db, role, role, None).await;
            let console = Console::signed_in(&app, role).await;
            let csrf = console.get("/console/").await.expect(200).csrf();
            for (page, least) in PAGES {
                let answer = console.get(&fill(page)).await;
                if rank(role) < rank(least) {
                    assert_eq!(answer.status, 403, "{role} opened {page}");
                    assert!(answer.body.contains("Ваша роль не дозволяє"), "{page}: {}", answer.body);
                } else {
                    assert_eq!(answer.status, 200, "{role} could not open {page}: {}", answer.body);
                }
            }
            for (form, least) in FORMS {
                // An empty form: the role is judged before the content, so the least role gets a content error,
                // never a 403.
                let answer = console.post(&fill(form), &[("csrf", &csrf)]).await;
                if rank(role) < rank(least) {
                    assert_eq!(answer.status, 403, "{role} sent {form}");
                } else {
                    assert_ne!(answer.status, 403, "{role} was refused {form}: {}", answer.body);
                }
            }
        }
        let nobody = Console::new(&app);
        for (page, _) in PAGES {
            let answer = nobody.get(&fill(page)).await;
            assert_eq!(answer.status, 303, "{page} without a session");
            assert!(answer.location.as_deref().unwrap().starts_with("/console/sign-in?next="));
        }
    }
}
