use std::time::{Duration, Instant};

use chrono::{SubsecRound, Utc};
use futures_util::future::join_all;
use intercoop_persistence::Database;
use intercoop_persistence::webhooks::{self, Attempt, Claimed};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::WebhookSettings;
use super::signature::sign;
use super::targets::{FilteringResolver, TargetPolicy, redacted};

/// The delivery worker of one process.
pub struct Worker {
    db: Database,
    settings: WebhookSettings,
    targets: std::sync::Arc<TargetPolicy>,
    client: reqwest::Client,
}

/// A running worker; `stop` lets the deliveries in flight finish.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WorkerHandle {
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }

    /// Stops at once, as a crash would: deliveries in flight are not recorded, and their leases run out.
    pub fn abort(self) {
        self.task.abort();
    }
}

impl Worker {
    pub fn new(db: Database, settings: WebhookSettings) -> anyhow::Result<Self> {
        let targets = std::sync::Arc::new(settings.targets()?);
        let client = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.timeout_ms))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(std::sync::Arc::new(FilteringResolver(targets.clone())))
            .user_agent(concat!("intercoop-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { db, settings, targets, client })
    }

    pub fn spawn(self) -> WorkerHandle {
        let (stop, stopped) = watch::channel(false);
        WorkerHandle { stop, task: tokio::spawn(self.run(stopped)) }
    }

    /// Long enough for an attempt to finish before another worker may take the delivery over.
    fn lease_ms(&self) -> i64 {
        (self.settings.timeout_ms + 30_000) as i64
    }

    async fn run(self, mut stopped: watch::Receiver<bool>) {
        let poll = Duration::from_millis(self.settings.poll_interval_ms);
        let mut purged: Option<Instant> = None;
        while !*stopped.borrow() {
            if purged.is_none_or(|at| at.elapsed() > Duration::from_secs(3600)) {
                purged = Some(Instant::now());
                let before = Utc::now() - chrono::Duration::days(i64::from(self.settings.retention_days));
                match webhooks::purge(&self.db, before).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(deliveries = n, "removed old deliveries from the webhook delivery log"),
                    Err(e) => tracing::warn!(error = %e, "cannot remove old webhook deliveries"),
                }
            }
            let claimed = match webhooks::has_due(&self.db).await {
                Ok(true) => webhooks::claim(&self.db, self.lease_ms(), self.settings.concurrency).await,
                Ok(false) => Ok(Vec::new()),
                Err(e) => Err(e),
            };
            match claimed {
                Ok(claimed) if !claimed.is_empty() => {
                    join_all(claimed.into_iter().map(|c| self.deliver(c))).await;
                }
                result => {
                    if let Err(e) = result {
                        tracing::warn!(error = %e, "cannot claim webhook deliveries");
                    }
                    tokio::select! {
                        _ = self.db.changed() => {}
                        _ = tokio::time::sleep(poll) => {}
                        _ = stopped.changed() => {}
                    }
                }
            }
        }
    }

    async fn deliver(&self, claimed: Claimed) {
        let id = claimed.id.to_string();
        let timestamp = Utc::now().timestamp();
        let started = Instant::now();
        let at = Utc::now().trunc_subsecs(6);
        let result = match reqwest::Url::parse(&claimed.url) {
            Err(e) => Err(format!("the URL cannot be read: {e}")),
            Ok(url) => match self.targets.check_delivery(&url).await {
                Err(refused) => Err(format!("not sent: {refused}")),
                Ok(()) => Ok(self
                    .client
                    .post(url)
                    .header("content-type", "application/json")
                    .header("webhook-id", &id)
                    .header("webhook-timestamp", timestamp.to_string())
                    .header("webhook-signature", sign(&claimed.secret, &id, timestamp, &claimed.payload))
                    .body(claimed.payload.clone())
                    .send()
                    .await),
            },
        };
        let (status, error) = match result {
            Err(refused) => (None, Some(refused)),
            Ok(Ok(response)) if response.status().is_success() => (Some(response.status().as_u16()), None),
            Ok(Ok(response)) => {
                (Some(response.status().as_u16()), Some(format!("the receiver answered {}", response.status())))
            }
            Ok(Err(e)) if e.is_timeout() => (None, Some(format!("no answer within {} ms", self.settings.timeout_ms))),
            Ok(Err(e)) => (None, Some(format!("cannot reach the receiver: {}", error_chain(&e.without_url())))),
        };
        let attempt = Attempt { at, status, error, duration_ms: started.elapsed().as_millis() as u64 };
        let retry_at = (!attempt.succeeded() && claimed.attempt < self.settings.max_attempts)
            .then(|| Utc::now().timestamp_millis() + self.settings.backoff(claimed.attempt).as_millis() as i64);
        let url = redacted(&claimed.url);
        match &attempt.error {
            None => tracing::debug!(delivery = %id, url = url.as_str(), "webhook delivered"),
            Some(error) => {
                tracing::info!(delivery = %id, url = url.as_str(), attempt = claimed.attempt, error = error.as_str(), retry = retry_at.is_some(), "webhook attempt failed")
            }
        }
        if let Err(e) = webhooks::finish(&self.db, claimed.id, &attempt, retry_at).await {
            tracing::warn!(delivery = %id, error = %e, "cannot record a webhook attempt; its lease will run out and it is sent again");
        }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
