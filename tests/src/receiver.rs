//! A webhook receiver on 127.0.0.1 for the tests: it verifies each request's Standard Webhooks signature with its
//! own HMAC, can fail on purpose, and keeps what it received.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub webhook_id: String,
    pub body: Value,
    /// Whether `webhook-signature` is right for the secret.
    pub signature_valid: bool,
    /// The status the receiver answered.
    pub answered: u16,
}

#[derive(Default)]
struct State {
    secret: Vec<u8>,
    fail_next: usize,
    down: bool,
    received: Vec<Received>,
}

pub struct Receiver {
    pub url: String,
    state: Arc<Mutex<State>>,
    server: ServerHandle,
}

fn verify(secret: &[u8], req: &HttpRequest, body: &[u8]) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let (id, timestamp, signatures) = (header("webhook-id"), header("webhook-timestamp"), header("webhook-signature"));
    let fresh = timestamp.parse::<i64>().is_ok_and(|t| (chrono::Utc::now().timestamp() - t).abs() < 300);
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    fresh && !id.is_empty() && signatures.split(' ').any(|s| s == expected)
}

async fn receive(req: HttpRequest, body: web::Bytes, state: web::Data<Arc<Mutex<State>>>) -> HttpResponse {
    let mut state = state.lock().unwrap();
    let signature_valid = verify(&state.secret, &req, &body);
    let answered = if state.down {
        503
    } else if state.fail_next > 0 {
        state.fail_next -= 1;
        500
    } else if signature_valid {
        204
    } else {
        401
    };
    let webhook_id = req.headers().get("webhook-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    state.received.push(Received { webhook_id, body, signature_valid, answered });
    HttpResponse::build(actix_web::http::StatusCode::from_u16(answered).unwrap()).finish()
}

impl Receiver {
    /// A receiver that verifies signatures with `secret` (`whsec_...`).
    pub async fn start(secret: &str) -> Receiver {
        let key = STANDARD.decode(secret.strip_prefix("whsec_").unwrap()).unwrap();
        let state = Arc::new(Mutex::new(State { secret: key, ..Default::default() }));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let data = web::Data::new(state.clone());
        let server = HttpServer::new(move || App::new().app_data(data.clone()).default_service(web::to(receive)))
            .workers(1)
            .disable_signals()
            .listen(listener)
            .unwrap()
            .run();
        let handle = server.handle();
        tokio::spawn(server);
        Receiver { url: format!("http://127.0.0.1:{port}/hooks"), state, server: handle }
    }

    /// Answers 500 to the next `n` requests.
    pub fn fail_next(&self, n: usize) {
        self.state.lock().unwrap().fail_next = n;
    }

    /// While down, answers 503 to everything.
    pub fn set_down(&self, down: bool) {
        self.state.lock().unwrap().down = down;
    }

    /// Every request so far, in the order received.
    pub fn requests(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// The requests it accepted (answered 2xx), in order.
    pub fn accepted(&self) -> Vec<Received> {
        self.requests().into_iter().filter(|r| (200..300).contains(&r.answered)).collect()
    }

    /// Waits until it has accepted `n` requests (at most 20 seconds) and returns them.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let accepted = self.accepted();
            if accepted.len() >= n || started.elapsed() > Duration::from_secs(20) {
                return accepted;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let server = self.server.clone();
        tokio::spawn(async move { server.stop(false).await });
    }
}
