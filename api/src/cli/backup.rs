//! `intercoop export` and `intercoop import`: a backup of the whole database as one JSON document, and its
//! restore into an empty database (see `intercoop_operations::startup`).

use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};

use anyhow::Context;
use intercoop_operations::Database;
use intercoop_operations::startup as backup;

/// Writes the backup to `output` ("-": standard output). A file is written beside its final name and renamed when
/// complete and on disk, so a failed or interrupted export never leaves a partial backup under that name; it is
/// readable by its owner only, since it holds password hashes and webhook secrets.
pub async fn export(db: &Database, output: &Path) -> anyhow::Result<String> {
    if output == Path::new("-") {
        let counts = backup::export(db, BufWriter::new(std::io::stdout().lock())).await?;
        return Ok(format!("exported {counts}\n"));
    }
    let partial = partial_name(output);
    let file = create_private(&partial).with_context(|| format!("creating {}", partial.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let result = backup::export(db, &mut out).await;
    let finished = result.map_err(anyhow::Error::from).and_then(|counts| {
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&partial, output).with_context(|| format!("renaming to {}", output.display()))?;
        Ok(counts)
    });
    match finished {
        Ok(counts) => Ok(format!("exported {counts} to {}\n", output.display())),
        Err(e) => {
            let _ = fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// Restores the backup in `file` ("-": standard input) into the empty database `db`.
pub async fn import(db: &Database, file: &Path) -> anyhow::Result<String> {
    let mut json = String::new();
    if file == Path::new("-") {
        std::io::stdin().read_to_string(&mut json).context("reading standard input")?;
    } else {
        File::open(file)
            .and_then(|mut f| f.read_to_string(&mut json))
            .with_context(|| format!("reading {}", file.display()))?;
    }
    let counts = backup::import(db, &json).await?;
    Ok(format!("imported {counts}\n"))
}

fn partial_name(output: &Path) -> PathBuf {
    let mut name = output.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    output.with_file_name(name)
}

fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
