//! Delivering webhook events: a background worker in every process claims due deliveries from the outbox,
//! POSTs them signed, and records each attempt; failures are retried with exponential backoff.

use std::time::Duration;

use serde::Deserialize;

pub mod signature;
pub mod subscriptions;
pub mod targets;
mod worker;

pub use worker::{Worker, WorkerHandle};

/// The `[webhooks]` table of the settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookSettings {
    /// Whether this process delivers events (turn off on replicas that should only serve requests).
    pub enabled: bool,
    /// How long a receiver may take to answer, in milliseconds.
    pub timeout_ms: u64,
    /// Attempts before a delivery is given up as failed.
    pub max_attempts: i32,
    /// The wait before the first retry, in milliseconds; it doubles with every failed attempt.
    pub retry_base_ms: u64,
    /// The longest wait between two attempts, in milliseconds.
    pub retry_max_ms: u64,
    /// How often to look for due deliveries made by other processes, in milliseconds.
    pub poll_interval_ms: u64,
    /// How many deliveries one process sends at once.
    pub concurrency: u64,
    /// How many days delivered and failed deliveries stay in the delivery log.
    pub retention_days: u32,
    /// Networks (`10.20.0.0/16`) or addresses webhooks may reach on any port, besides public addresses.
    #[serde(deserialize_with = "crate::settings::list")]
    pub allowed_targets: Vec<String>,
    /// The ports public addresses may be reached on; empty: 80 and 443.
    #[serde(deserialize_with = "crate::settings::list")]
    pub allowed_ports: Vec<u16>,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            timeout_ms: 10_000,
            max_attempts: 15,
            retry_base_ms: 5_000,
            retry_max_ms: 3_600_000,
            poll_interval_ms: 1_000,
            concurrency: 8,
            retention_days: 30,
            allowed_targets: Vec::new(),
            allowed_ports: Vec::new(),
        }
    }
}

impl WebhookSettings {
    /// Where deliveries may go.
    pub fn targets(&self) -> anyhow::Result<targets::TargetPolicy> {
        targets::TargetPolicy::from_settings(&self.allowed_targets, &self.allowed_ports)
    }

    /// The wait after failed attempt number `attempt` (1 for the first): base × 2^(attempt-1), at most the
    /// maximum, less up to a tenth at random so that retries of many deliveries spread out.
    pub fn backoff(&self, attempt: i32) -> Duration {
        let exponent = attempt.clamp(1, 30) as u32 - 1;
        let wait = self.retry_base_ms.saturating_mul(1u64 << exponent).min(self.retry_max_ms);
        let jitter = if wait >= 10 { rand::random_range(0..wait / 10) } else { 0 };
        Duration::from_millis(wait - jitter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let s = WebhookSettings { retry_base_ms: 1000, retry_max_ms: 10_000, ..Default::default() };
        let ms = |a| s.backoff(a).as_millis() as u64;
        assert!((900..=1000).contains(&ms(1)));
        assert!((1800..=2000).contains(&ms(2)));
        assert!((7200..=8000).contains(&ms(4)));
        assert!((9000..=10_000).contains(&ms(5)));
        assert!((9000..=10_000).contains(&ms(40)));
    }
}
