//! Prometheus metrics: requests counted by method, route and status, their latency as a histogram, and the
//! database pool's use; served as text at `/metrics`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

/// The upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    /// How many took at most each bucket's bound (cumulative, as Prometheus has it).
    buckets: [u64; BUCKETS.len()],
}

/// The counts of one process, shared by its HTTP workers.
#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut series = self.series.lock().unwrap_or_else(|e| e.into_inner());
        let s = series.entry((method.to_owned(), route.to_owned(), status)).or_default();
        s.count += 1;
        s.sum += seconds;
        for (bound, bucket) in BUCKETS.iter().zip(s.buckets.iter_mut()) {
            if seconds <= *bound {
                *bucket += 1;
            }
        }
    }

    /// The Prometheus text exposition of the counts and of the pool's use (`open`, `idle`, `max`).
    pub fn render(&self, pool: (u32, usize, u32)) -> String {
        let mut out = String::new();
        out.push_str("# HELP intercoop_http_requests_total HTTP requests answered, by method, route and status.\n");
        out.push_str("# TYPE intercoop_http_requests_total counter\n");
        let series = self.series.lock().unwrap_or_else(|e| e.into_inner());
        for ((method, route, status), s) in series.iter() {
            let labels = format!("method=\"{method}\",route=\"{}\",status=\"{status}\"", escape(route));
            let _ = writeln!(out, "intercoop_http_requests_total{{{labels}}} {}", s.count);
        }
        out.push_str("# HELP intercoop_http_request_duration_seconds Time to answer, by method, route and status.\n");
        out.push_str("# TYPE intercoop_http_request_duration_seconds histogram\n");
        for ((method, route, status), s) in series.iter() {
            let labels = format!("method=\"{method}\",route=\"{}\",status=\"{status}\"", escape(route));
            for (bound, count) in BUCKETS.iter().zip(s.buckets.iter()) {
                let _ =
                    writeln!(out, "intercoop_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}");
            }
            let _ = writeln!(out, "intercoop_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", s.count);
            let _ = writeln!(out, "intercoop_http_request_duration_seconds_sum{{{labels}}} {}", s.sum);
            let _ = writeln!(out, "intercoop_http_request_duration_seconds_count{{{labels}}} {}", s.count);
        }
        let (open, idle, max_connections) = pool;
        out.push_str("# HELP intercoop_db_pool_connections Database pool connections, by state.\n");
        out.push_str("# TYPE intercoop_db_pool_connections gauge\n");
        let _ = writeln!(out, "intercoop_db_pool_connections{{state=\"open\"}} {open}");
        let _ = writeln!(out, "intercoop_db_pool_connections{{state=\"idle\"}} {idle}");
        let _ =
            writeln!(out, "intercoop_db_pool_connections{{state=\"in_use\"}} {}", (open as usize).saturating_sub(idle));
        out.push_str("# HELP intercoop_db_pool_max_connections The pool's size limit.\n");
        out.push_str("# TYPE intercoop_db_pool_max_connections gauge\n");
        let _ = writeln!(out, "intercoop_db_pool_max_connections {max_connections}");
        out
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Counts every request by the route it matched (`/api/v1/activities/{id}`; `unmatched` for none, so that the
/// paths clients make up do not become series).
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let method = req.method().as_str().to_owned();
    let response = next.call(req).await?;
    if let Some(metrics) = metrics {
        let route = response.request().match_pattern().unwrap_or_else(|| "unmatched".to_owned());
        metrics.observe(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_cumulative_buckets() {
        let metrics = Metrics::default();
        metrics.observe("GET", "/api/v1/activities", 200, 0.003);
        metrics.observe("GET", "/api/v1/activities", 200, 0.2);
        let text = metrics.render((3, 1, 10));
        assert!(
            text.contains(
                "intercoop_http_requests_total{method=\"GET\",route=\"/api/v1/activities\",status=\"200\"} 2"
            )
        );
        assert!(text.contains("le=\"0.0025\"} 0"));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"0.25\"} 2"));
        assert!(text.contains("le=\"+Inf\"} 2"));
        assert!(text.contains("intercoop_db_pool_connections{state=\"in_use\"} 2"));
    }
}
