use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status and returns the JSON body.
    #[track_caller]
    pub fn expect(&self, status: u16) -> Value {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.text);
        if self.text.is_empty() { Value::Null } else { self.json() }
    }

    /// Asserts an RFC 9457 problem with this status and code, and returns it.
    #[track_caller]
    pub fn expect_problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.text);
        assert_eq!(self.header("content-type"), Some("application/problem+json"), "body: {}", self.text);
        let problem = self.json();
        assert_eq!(problem["code"], code, "problem: {problem}");
        assert_eq!(problem["status"], status);
        assert_eq!(problem["type"], format!("/problems/{code}"));
        assert!(problem["title"].is_string() && problem["detail"].is_string(), "problem: {problem}");
        problem
    }

    /// Asserts an OAuth2 error of the token endpoint (RFC 6749 §5.2) with this status and `error`, and returns it.
    #[track_caller]
    pub fn expect_oauth(&self, status: u16, error: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.text);
        assert_eq!(self.header("content-type"), Some("application/json"), "body: {}", self.text);
        assert_eq!(self.header("cache-control"), Some("no-store"), "body: {}", self.text);
        let body = self.json();
        assert_eq!(body["error"], error, "body: {body}");
        assert!(body["error_description"].is_string() && body["code"].is_string(), "body: {body}");
        assert_eq!(body["status"], status);
        body
    }

    /// The fields a validation problem names.
    pub fn error_fields(&self) -> Vec<String> {
        self.json()["errors"]
            .as_array()
            .map(|errors| errors.iter().map(|e| e["field"].as_str().unwrap_or_default().to_owned()).collect())
            .unwrap_or_default()
    }
}
