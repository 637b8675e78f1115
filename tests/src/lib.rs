//! The test app: the real service on a loopback port, on a fresh database per test (a SQLite file, or a new
//! PostgreSQL database on the server of `TEST_DATABASE_URL`), with typed helpers so a test reads as its scenario.

mod accounts;
mod app;
mod console;
mod fixtures;
pub mod idp;
mod multipart;
mod receiver;
mod response;

pub use accounts::{PASSWORD, account, as_bearer, login, signed_in};
pub use app::{BODY_LIMIT, Backend, Options, TestApp, webhook_settings};
pub use console::{Console, Page};
pub use fixtures::{ProgrammeFixture, partner_body, programme_body};
pub use multipart::{Part, form};
pub use receiver::{Received, Receiver};

/// The HS256 secret the test app signs and checks tokens with.
pub const TEST_SECRET: &[u8] = b"the test secret, long enough for HS256 use";

/// The test app's body limit in bytes.
pub fn app_body_limit() -> usize {
    BODY_LIMIT
}
pub use intercoop_api::auth::Role;
pub use response::TestResponse;

/// Declares a test that runs once on SQLite and once on PostgreSQL (ignored, with the reason, when
/// `TEST_DATABASE_URL` is not set); `async fn name(app: options)` sets the app up with `Options`.
#[macro_export]
macro_rules! db_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        $crate::db_test! { $(#[$meta])* async fn $name($app: $crate::Options::default()) $body }
    };
    ($(#[$meta:meta])* async fn $name:ident($app:ident: $options:expr) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($app: $crate::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                scenario($crate::TestApp::spawn_with_options($crate::Backend::Sqlite, $options).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(pg_tests), ignore = "set TEST_DATABASE_URL to run on PostgreSQL")]
            async fn postgres() {
                scenario($crate::TestApp::spawn_with_options($crate::Backend::Postgres, $options).await).await;
            }
        }
    };
}
