//! Starting the service: database, migrations, and the HTTP server.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::HttpServer;
use actix_web::dev::Server;
use anyhow::Context;
use intercoop_operations::{Database, startup};

use crate::auth::JwtKeys;
use crate::auth::idp::Idp;
use crate::config::Settings;
use crate::http::app::{self, AppContext};
use crate::http::extract::{BodyLimit, UploadLimit};
use crate::http::preconditions::RequireIfMatch;
use crate::http::timeouts::RequestTimeout;
use intercoop_operations::webhooks::{Worker, WorkerHandle};

/// Connects to the configured database and brings its schema up to date; says whether the schema was new.
pub async fn open_database(settings: &Settings) -> anyhow::Result<(Database, bool)> {
    startup::open(settings.database_url()?, settings.db_max_connections).await
}

/// With no account yet, creates `admin` with the configured password (`INTERCOOP_ADMIN_PASSWORD`), or with a
/// generated one printed once to standard error. There is no default password.
pub async fn first_admin(db: &Database, settings: &Settings) -> anyhow::Result<()> {
    let configured = settings.admin_password.as_ref().map(|p| p.expose().to_owned());
    if let Some(password) = startup::first_admin(db, configured).await? {
        eprintln!(
            "Created the account 'admin' with the password {password}\n\
             It is shown this once: sign in at POST /api/v1/auth/token and change it with `intercoop user passwd admin`."
        );
    }
    Ok(())
}

/// Loads the 2024 programme dataset into an empty database.
pub async fn seed_demo(db: &Database) -> anyhow::Result<()> {
    let summary = startup::seed(db, startup::KHMELNYTSKYI_2024).await?;
    tracing::info!(
        programmes = summary.programmes,
        measures = summary.measures,
        partners = summary.partners,
        activities = summary.activities,
        grants = summary.grants,
        agreements = summary.agreements,
        "loaded the 2024 programme dataset"
    );
    Ok(())
}

/// The HTTP server on `listener`; it stops gracefully on SIGTERM or Ctrl-C, finishing requests in flight.
pub fn http_server(
    listener: TcpListener,
    ctx: AppContext,
    workers: Option<usize>,
    signals: bool,
) -> anyhow::Result<Server> {
    let mut ctx = ctx;
    ctx.public = ctx.public.resolved(listener.local_addr()?);
    // Slow clients: the request head within 10 s, idle keep-alive connections closed after 30 s.
    let mut server = HttpServer::new(move || app::build(ctx.clone()))
        .shutdown_timeout(30)
        .client_request_timeout(Duration::from_secs(10))
        .client_disconnect_timeout(Duration::from_secs(5))
        .keep_alive(Duration::from_secs(30));
    if !signals {
        server = server.disable_signals();
    }
    if let Some(workers) = workers {
        server = server.workers(workers);
    }
    Ok(server.listen(listener)?.run())
}

/// One process of the service, started: its database, its HTTP server (not yet awaited) and its webhook worker.
pub struct Started {
    pub db: Database,
    pub server: Server,
    pub worker: Option<WorkerHandle>,
    pub keys: JwtKeys,
    /// The address it listens on.
    pub address: std::net::SocketAddr,
}

/// Starts one process of the service, as `serve` does and as the tests do: opens and migrates the database, loads
/// the demo programme into a new embedded database, creates the first admin, loads the identity provider's keys,
/// then listens (`bind`), builds the application and starts the webhook worker when it is enabled.
pub async fn start(
    settings: &Settings,
    bind: impl FnOnce() -> anyhow::Result<TcpListener>,
    signals: bool,
) -> anyhow::Result<Started> {
    let (db, fresh) = open_database(settings).await?;
    if fresh && settings.seed_demo && settings.database_url.is_none() {
        seed_demo(&db).await.context("loading the 2024 programme into the new embedded database")?;
    }
    if settings.first_admin {
        first_admin(&db, settings).await?;
    }
    let mut keys = JwtKeys::from_secret(settings.jwt_secret()?.expose().as_bytes());
    if let Some(idp) = settings.idp.clone() {
        keys = keys.with_idp(Idp::load(idp).await?);
        tracing::info!("accepting the identity provider's tokens");
    }
    let ctx = AppContext {
        db: db.clone(),
        keys: keys.clone(),
        body_limit: BodyLimit(settings.max_body_bytes),
        upload_limit: UploadLimit(settings.max_upload_bytes),
        letterhead: settings.letterhead.clone(),
        open_data: settings.open_data.clone(),
        require_if_match: RequireIfMatch(settings.require_if_match),
        throttle: Default::default(),
        metrics: Default::default(),
        request_timeout: RequestTimeout(Duration::from_secs(settings.request_timeout_secs)),
        public: settings.public_address()?,
        webhook_targets: settings.webhooks.targets()?,
        console: crate::http::proxies::console_origin(),
    };
    let listener = bind()?;
    let address = listener.local_addr()?;
    let server = http_server(listener, ctx, settings.workers, signals)?;
    let worker = match settings.webhooks.enabled {
        true => Some(Worker::new(db.clone(), settings.webhooks.clone())?.spawn()),
        false => None,
    };
    Ok(Started { db, server, worker, keys, address })
}

pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let bind = || TcpListener::bind(&settings.listen).with_context(|| format!("listening on {}", settings.listen));
    let started = start(&settings, bind, true).await?;
    let address = started.address;
    let backend = format!("{:?}", started.db.backend()).to_lowercase();
    tracing::info!(%address, database = %backend, "intercoop is serving; Swagger UI at http://{address}/swagger-ui/");
    started.server.await?;
    if let Some(worker) = started.worker {
        worker.stop().await;
    }
    started.db.close().await;
    tracing::info!("stopped");
    Ok(())
}
