//! The embedded database's file holds password hashes and secrets: only its owner may read it.

use std::os::unix::fs::PermissionsExt;

use intercoop_persistence::{Database, DbSettings};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn the_sqlite_file_is_readable_by_its_owner_only() {
    let dir = std::env::temp_dir().join(format!("intercoop-mode-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("new.sqlite");
    let db = Database::connect(&DbSettings::new(format!("sqlite://{}?mode=rwc", path.display()))).await.unwrap();
    db.migrate().await.unwrap();
    assert_eq!(mode(&path), 0o600);
    for wal in ["new.sqlite-wal", "new.sqlite-shm"] {
        let wal = dir.join(wal);
        if wal.exists() {
            assert_eq!(mode(&wal) & 0o077, 0, "{}", wal.display());
        }
    }

    let old = dir.join("old.sqlite");
    std::fs::write(&old, b"").unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    Database::connect(&DbSettings::new(format!("sqlite://{}?mode=rwc", old.display()))).await.unwrap();
    assert_eq!(mode(&old), 0o600);
    std::fs::remove_dir_all(dir).ok();
}
