//! The service's first start, as `intercoop serve` makes it (the tests start the service the same way): the
//! first admin account, made once, with the configured password.

use intercoop_tests::{Options, Role, db_test, login};

const PASSWORD: &str = "the first admin's long password";

fn with_first_admin() -> Options {
    Options { first_admin: Some(PASSWORD.into()), ..Options::default() }
}

db_test! {
    async fn the_first_start_makes_the_admin_account_once(app: with_first_admin()) {
        login(&app, "admin", PASSWORD).await.expect(200);
        login(&app, "admin", "another password, not the admin's").await.expect_oauth(400, "invalid_grant");
        let sibling = app.spawn_sibling().await;
        let listed = sibling.get_as("/api/v1/users", Role::Admin).await.expect(200);
        assert_eq!(listed["total"], 1, "a second process on the same database makes no second admin: {listed}");
        assert_eq!(listed["items"][0]["username"], "admin");
        assert_eq!(listed["items"][0]["role"], "admin");
        let trail = app.get_as("/api/v1/audit?record_type=user", Role::Admin).await.expect(200);
        assert_eq!(trail["items"][0]["actor"], "first start");
        assert_eq!(trail["items"][0]["actor_role"], "system");
    }
}
