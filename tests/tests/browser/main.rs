//! The staff console in a real browser: Debian's Chromium driven over WebDriver (fantoccini and chromedriver),
//! with axe-core checking every page against WCAG 2.1 AA, and screenshots of the main pages under
//! `target/console-screenshots/`. Ignored, with the reason, where Chromium or chromium-driver is not installed.

mod admin;
mod browser;
mod import;
mod journey;
mod review;

/// Declares a browser test that runs on SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.
macro_rules! browser_test {
    (async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($app: intercoop_tests::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(browser_tests), ignore = "install Debian's chromium and chromium-driver to run the browser tests")]
            async fn sqlite() {
                scenario(intercoop_tests::TestApp::spawn(intercoop_tests::Backend::Sqlite).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                not(all(browser_tests, pg_tests)),
                ignore = "install chromium and chromium-driver, and set TEST_DATABASE_URL, to run on PostgreSQL"
            )]
            async fn postgres() {
                scenario(intercoop_tests::TestApp::spawn(intercoop_tests::Backend::Postgres).await).await;
            }
        }
    };
}
pub(crate) use browser_test;
