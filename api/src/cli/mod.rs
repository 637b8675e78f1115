//! The `intercoop` command: its subcommands and what each does. `main.rs` parses the line and calls [`run`].

pub mod backup;
pub mod import_report;
pub mod users;

use clap::{Parser, Subcommand};

use crate::auth::{JwtKeys, Role};
use crate::config::Settings;
use crate::http::{server, telemetry};

/// intercoop: the system of record for a council's programme of international cooperation and promotion.
#[derive(Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the service (the default): migrate the database, then serve the API and Swagger UI.
    Serve,
    /// Run pending database migrations and exit.
    Migrate,
    /// Load a dataset into an empty database (migrating it first).
    Seed {
        /// The council's 2024 programme report, built into the binary.
        #[arg(long)]
        demo: bool,
        /// A dataset file in the same format (see datasets/khmelnytskyi-2024.json).
        #[arg(long, conflicts_with = "demo")]
        file: Option<std::path::PathBuf>,
    },
    /// Fill an empty database with the 2024 programme and synthetic records (for benchmarks and trials).
    Gen {
        /// Activities to make, spread over the programme's years (grants: one per 20 activities).
        #[arg(long, default_value_t = 10_000)]
        activities: usize,
        /// Partners to make (agreements: one per 5 partners).
        #[arg(long, default_value_t = 500)]
        partners: usize,
        /// The same seed makes the same records with the same ids.
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// Puts every activity in this year (one of the programme's) rather than across its years.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Write the whole database as one JSON document (a backup), from one consistent snapshot; the service may run.
    Export {
        /// The file to write ("-": standard output). It appears only once complete.
        #[arg(long, short)]
        output: std::path::PathBuf,
    },
    /// Restore a backup written by `export` into an empty database (migrating it first): all of it, or nothing.
    Import {
        /// The backup ("-": standard input).
        file: std::path::PathBuf,
    },
    /// Print the OpenAPI contract as JSON.
    Openapi,
    /// Accounts of people who sign in.
    User {
        #[command(subcommand)]
        command: users::UserCommand,
    },
    /// Tokens for integrators and scripts.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Read an earlier report (.docx or plain text) into draft activities: `--dry-run` shows what would be created.
    ImportReport(import_report::ImportReport),
    /// Exit 0 when the service at --address answers /health/live (for container health checks).
    Healthcheck {
        #[arg(long, default_value = "127.0.0.1:8080")]
        address: String,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Print a signed bearer token, alone, on stdout.
    Issue {
        #[arg(long, value_parser = users::role_arg())]
        role: Role,
        #[arg(long)]
        subject: String,
        /// Lifetime in seconds.
        #[arg(long, default_value_t = 3600)]
        ttl: i64,
        /// The organisational unit the caller works for: an editor then changes only that unit's records.
        #[arg(long)]
        unit: Option<String>,
    },
}

/// Runs `command` with `settings`; `return_freed_memory` gives the memory a thread freed back to the system.
pub fn run(command: Command, settings: Settings, return_freed_memory: fn()) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            telemetry::init(&settings.log_format);
            // Made here, before the workers start, so that what making it leaves behind is given back at once.
            crate::http::app::prepare();
            return_freed_memory();
            crate::http::app::after_build(return_freed_memory);
            actix_web::rt::System::new().block_on(server::serve(settings))
        }
        Command::Migrate => {
            telemetry::init(&settings.log_format);
            tokio::runtime::Runtime::new()?.block_on(async {
                server::open_database(&settings).await?.0.close().await;
                tracing::info!("migrations are up to date");
                Ok(())
            })
        }
        Command::Seed { demo, file } => {
            telemetry::init(&settings.log_format);
            let json = match (demo, file) {
                (_, Some(path)) => std::fs::read_to_string(&path)?,
                (true, None) => intercoop_operations::startup::KHMELNYTSKYI_2024.to_owned(),
                (false, None) => anyhow::bail!("say what to load: --demo, or --file DATASET.json"),
            };
            tokio::runtime::Runtime::new()?.block_on(async {
                let (db, _) = server::open_database(&settings).await?;
                let summary = intercoop_operations::startup::seed(&db, &json).await?;
                db.close().await;
                tracing::info!(?summary, "dataset loaded");
                Ok(())
            })
        }
        Command::Gen { activities, partners, seed, year } => {
            telemetry::init(&settings.log_format);
            tokio::runtime::Runtime::new()?.block_on(async {
                let (db, _) = server::open_database(&settings).await?;
                let started = std::time::Instant::now();
                let counts = intercoop_operations::startup::Counts { activities, partners, seed, year };
                let made = intercoop_operations::startup::generate(&db, counts).await;
                db.close().await;
                let made = made?;
                print_out(&format!(
                    "made {} partners, {} activities, {} grants, {} agreements in {:.1} s\n",
                    made.partners,
                    made.activities,
                    made.grants,
                    made.agreements,
                    started.elapsed().as_secs_f64()
                ))
            })
        }
        Command::User { command } => tokio::runtime::Runtime::new()?.block_on(async {
            let (db, _) = server::open_database(&settings).await?;
            let result = users::run(&db, command).await;
            db.close().await;
            result
        }),
        Command::Export { output } => with_database(&settings, async |db| {
            let summary = backup::export(db, &output).await?;
            // With the backup on standard output, the summary goes to standard error.
            if output.as_os_str() == "-" {
                eprint!("{summary}")
            } else {
                print_out(&summary)?
            }
            Ok(())
        }),
        Command::Import { file } => with_database(&settings, async |db| {
            let summary = backup::import(db, &file).await?;
            print_out(&summary)
        }),
        Command::ImportReport(args) => tokio::runtime::Runtime::new()?.block_on(async {
            let (db, _) = server::open_database(&settings).await?;
            let home = intercoop_operations::imports::Home::of(&settings.letterhead);
            let result = import_report::run(&db, args, &home).await;
            db.close().await;
            print_out(&result?)
        }),
        Command::Openapi => print_out(&crate::contract::spec_json()),
        Command::Token { command: TokenCommand::Issue { role, subject, ttl, unit } } => {
            anyhow::ensure!(ttl > 0, "--ttl must be a positive number of seconds");
            let keys = JwtKeys::from_secret(settings.jwt_secret()?.expose().as_bytes());
            print_out(&format!("{}\n", keys.issue_for_unit(&subject, role, unit.as_deref(), ttl)?))
        }
        Command::Healthcheck { address } => healthcheck(&address),
    }
}

/// Runs `work` on the migrated database, then closes it.
fn with_database(
    settings: &Settings,
    work: impl AsyncFnOnce(&intercoop_operations::Database) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    tokio::runtime::Runtime::new()?.block_on(async {
        let (db, _) = server::open_database(settings).await?;
        let result = work(&db).await;
        db.close().await;
        result
    })
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error.
fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn healthcheck(address: &str) -> anyhow::Result<()> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(5)))?;
    write!(stream, "GET /health/live HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    anyhow::ensure!(response.starts_with("HTTP/1.1 200"), "unhealthy: {}", response.lines().next().unwrap_or(""));
    Ok(())
}
