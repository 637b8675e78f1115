//! What the criterion benches share: a database of generated activities in one year, and its report data.

use intercoop_domain::Money;
use intercoop_domain::report::ReportData;
use intercoop_operations::{Caller, Database, DbSettings, PageRequest, programmes, reports};
use intercoop_persistence::generate::{self, Counts};
use uuid::Uuid;

/// The year every generated activity is in.
pub const YEAR: i32 = 2024;

/// A SQLite database in a temporary folder with `activities` activities in [`YEAR`], 500 partners.
pub struct Fixture {
    pub db: Database,
    pub programme_id: Uuid,
    dir: std::path::PathBuf,
}

impl Fixture {
    pub async fn new(activities: usize) -> Fixture {
        let dir = std::env::temp_dir().join(format!("intercoop-bench-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let url = format!("sqlite://{}?mode=rwc", dir.join("bench.sqlite").display());
        let db = Database::connect(&DbSettings::new(url)).await.expect("opening SQLite");
        db.migrate().await.expect("migrating");
        let counts = Counts { activities, partners: 500, seed: 2024, year: Some(YEAR) };
        generate::fill(&db, counts).await.expect("generating");
        let page = PageRequest { limit: 1, offset: 0 };
        let programme_id = programmes::list(&db, Some(YEAR), None, page).await.expect("programmes").items[0].meta.id;
        Fixture { db, programme_id, dir }
    }

    /// The report's data and the year's grants, as the report endpoint loads them.
    pub async fn load(&self) -> (ReportData, Vec<Money>) {
        let data = reports::data(&self.db, &Caller::default(), self.programme_id, YEAR, false).await.expect("loading");
        let grants = reports::grants_of_year(&self.db, &data, YEAR, false).await.expect("grants");
        (data, grants)
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// The sizes to measure: `BENCH_SIZES` (comma-separated), else 1,000, 10,000 and 100,000.
pub fn sizes() -> Vec<usize> {
    std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}
