//! Logs (JSON when stdout is not a terminal) and a request id on every request and response.

use std::io::IsTerminal;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Starts logging to stdout. `RUST_LOG` overrides the default filter (`info`, with sqlx's statements at `warn`).
pub fn init(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = match format {
        "json" => true,
        "text" => false,
        _ => !std::io::stdout().is_terminal(),
    };
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stdout);
    let _ = if json {
        // The fields as JSON too (`json()`), or the JSON format cannot read the spans' fields.
        let format = tracing_subscriber::fmt::format().json().flatten_event(true);
        builder.json().event_format(ClientErrorsAsWarnings { json, inner: format }).try_init()
    } else {
        builder.event_format(ClientErrorsAsWarnings { json, inner: tracing_subscriber::fmt::format() }).try_init()
    };
}

/// actix-http logs a connection the client broke (a malformed request, a body cut short, a client gone) at ERROR,
/// as `stream error: ...`. That is the client's error, not the service's: it is written at WARN.
struct ClientErrorsAsWarnings<F> {
    json: bool,
    inner: F,
}

const CLIENT_ERRORS: &str = "actix_http::h1::dispatcher";

impl<S, N, F> FormatEvent<S, N> for ClientErrorsAsWarnings<F>
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
    F: FormatEvent<S, N>,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let meta = event.metadata();
        if meta.target() != CLIENT_ERRORS || *meta.level() != tracing::Level::ERROR {
            return self.inner.format_event(ctx, writer, event);
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        let timestamp = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        if self.json {
            let line = serde_json::json!({"timestamp": timestamp, "level": "WARN", "message": message.0, "target": CLIENT_ERRORS});
            writeln!(writer, "{line}")
        } else {
            writeln!(writer, "{timestamp}  WARN {CLIENT_ERRORS}: {}", message.0.escape_debug())
        }
    }
}

/// The `message` of an event.
struct Message(String);

impl tracing::field::Visit for Message {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

/// Takes the caller's `X-Request-Id` when it is a sane token, or makes one; logs the request under it and
/// returns it in the response.
pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.path());
    let started = Instant::now();
    let mut response = next.call(req).instrument(span.clone()).await?;
    let status = response.status().as_u16();
    span.in_scope(|| tracing::info!(status, elapsed_ms = started.elapsed().as_secs_f64() * 1000.0, "handled"));
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn logged(json: bool, emit: impl FnOnce()) -> String {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let builder = tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone());
        if json {
            let inner = tracing_subscriber::fmt::format().json().flatten_event(true);
            tracing::subscriber::with_default(
                builder.json().event_format(ClientErrorsAsWarnings { json, inner }).finish(),
                emit,
            );
        } else {
            let inner = tracing_subscriber::fmt::format().with_ansi(false);
            tracing::subscriber::with_default(
                builder.json().event_format(ClientErrorsAsWarnings { json, inner }).finish(),
                emit,
            );
        }
        String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn a_malformed_request_is_the_clients_error_and_values_cannot_forge_lines() {
        for json in [false, true] {
            let out = logged(json, || {
                tracing::error!(target: "actix_http::h1::dispatcher", "stream error: {}", "Parse error: invalid Header provided");
                let span =
                    tracing::info_span!("request", request_id = "r-1", method = "POST", path = "/api/v1/auth/token");
                span.in_scope(|| {
                    tracing::info!(username = "olena\n2026-12-03T00:00:00Z  INFO admin signed in", "sign-in refused")
                });
                tracing::error!("a real error");
            });
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines.len(), 3, "{out}");
            assert!(lines[0].contains("WARN") && !lines[0].contains("ERROR"), "{out}");
            assert!(lines[0].contains("invalid Header provided"), "{out}");
            assert!(lines[1].contains("r-1"), "the request's span is written with its event: {out}");
            assert!(lines[2].contains("ERROR"), "{out}");
        }
    }
}
