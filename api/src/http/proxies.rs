//! Where the service is, as the public sees it, and who is calling, behind reverse proxies. Absolute URLs (the
//! open data's IRIs and links) come from the configured public base URL, never from a request's `Host` or
//! forwarding headers; `X-Forwarded-For` and `Forwarded` are believed only from the configured proxies.

use std::net::{IpAddr, SocketAddr};

use actix_web::HttpRequest;
use actix_web::web;
use ipnet::IpNet;

/// How the service is reached: its public base URL (`https://intercoop.khm.gov.ua`, no trailing slash) and the
/// reverse proxies whose forwarding headers it believes.
#[derive(Debug, Clone, Default)]
pub struct PublicAddress {
    /// None: `http://` and the address the server listens on.
    pub base_url: Option<String>,
    pub trusted_proxies: Vec<IpNet>,
}

impl PublicAddress {
    /// With the base URL filled in: the configured one, or `http://` and the listening address (`localhost` for
    /// an unspecified one such as 0.0.0.0).
    pub fn resolved(mut self, listening: SocketAddr) -> Self {
        let host = match listening.ip() {
            ip if ip.is_unspecified() => "localhost".to_owned(),
            IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        };
        let url = self.base_url.take().unwrap_or_else(|| format!("http://{host}:{}", listening.port()));
        self.base_url = Some(url.trim_end_matches('/').to_owned());
        self
    }
}

/// Checks a configured public base URL: absolute http(s), a host, no query, fragment or white space.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with('/')
                && !url.contains(['?', '#', '"', '<', '>', '\\'])
                && !url.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "the public base URL must be an absolute http(s) URL such as https://intercoop.khm.gov.ua, not '{url}'"
        )),
    }
}

/// The public base URL of the running service.
pub fn base_url(req: &HttpRequest) -> String {
    req.app_data::<web::Data<PublicAddress>>()
        .and_then(|p| p.base_url.clone())
        .unwrap_or_else(|| "http://localhost".into())
}

/// What the staff console learns of a request from here: the caller's address behind the trusted proxies, and
/// whether the public base URL is HTTPS (its session cookie is then `Secure`).
pub fn console_origin() -> intercoop_console::RequestOrigin {
    intercoop_console::RequestOrigin {
        client_address: std::sync::Arc::new(client_address),
        https: std::sync::Arc::new(|req| base_url(req).starts_with("https://")),
        base_url: std::sync::Arc::new(|req| {
            match req.app_data::<web::Data<PublicAddress>>().and_then(|p| p.base_url.clone()) {
                Some(base) => base,
                None => {
                    let connection = req.connection_info();
                    format!("{}://{}", connection.scheme(), connection.host())
                }
            }
        }),
    }
}

/// The caller's address: the peer's, or, when the peer is a trusted proxy, the nearest address before it in the
/// forwarding chain that is not a trusted proxy.
pub fn client_address(req: &HttpRequest) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    let trusted = req.app_data::<web::Data<PublicAddress>>().map(|p| p.trusted_proxies.as_slice()).unwrap_or(&[]);
    if !trusted.iter().any(|net| net.contains(&peer)) {
        return Some(peer);
    }
    let chain = forwarded_chain(req);
    Some(chain.into_iter().rev().find(|ip| !trusted.iter().any(|net| net.contains(ip))).unwrap_or(peer))
}

/// The addresses the proxies say the request came through, the client first (`Forwarded`'s `for=`, else
/// `X-Forwarded-For`); unreadable entries end the chain there.
fn forwarded_chain(req: &HttpRequest) -> Vec<IpAddr> {
    let headers = req.headers();
    let joined = |name: &str| -> Option<String> {
        let values: Vec<&str> = headers.get_all(name).filter_map(|v| v.to_str().ok()).collect();
        (!values.is_empty()).then(|| values.join(","))
    };
    if let Some(forwarded) = joined("forwarded") {
        return forwarded
            .split(',')
            .map(|element| {
                element.split(';').find_map(|pair| {
                    let (name, value) = pair.trim().split_once('=')?;
                    name.eq_ignore_ascii_case("for").then(|| parse_node(value.trim().trim_matches('"')))?
                })
            })
            .map_while(|ip| ip)
            .collect();
    }
    joined("x-forwarded-for")
        .map(|list| list.split(',').map(|v| parse_node(v.trim())).map_while(|ip| ip).collect())
        .unwrap_or_default()
}

/// An address as proxies write it: `192.0.2.7`, `192.0.2.7:4711`, `[2001:db8::1]:4711`, `2001:db8::1`.
fn parse_node(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse() {
        return Some(ip);
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    text.strip_prefix('[').and_then(|t| t.split(']').next()).and_then(|t| t.parse().ok())
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn request(peer: &str, headers: &[(&str, &str)], trusted: &[&str]) -> HttpRequest {
        let settings =
            PublicAddress { base_url: None, trusted_proxies: trusted.iter().map(|t| t.parse().unwrap()).collect() };
        let mut req = TestRequest::default().peer_addr(peer.parse().unwrap()).app_data(web::Data::new(settings));
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        req.to_http_request()
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let spoofed = request("203.0.113.9:5000", &[("x-forwarded-for", "10.0.0.1")], &["10.1.0.0/16"]);
        assert_eq!(client_address(&spoofed), Some("203.0.113.9".parse().unwrap()));
        let proxied =
            request("10.1.0.2:5000", &[("x-forwarded-for", "1.2.3.4, 198.51.100.7, 10.1.0.3")], &["10.1.0.0/16"]);
        assert_eq!(client_address(&proxied), Some("198.51.100.7".parse().unwrap()));
        let rfc =
            request("10.1.0.2:5000", &[("forwarded", "for=\"[2001:db8::1]:4711\";proto=https")], &["10.1.0.0/16"]);
        assert_eq!(client_address(&rfc), Some("2001:db8::1".parse().unwrap()));
        let garbage = request("10.1.0.2:5000", &[("x-forwarded-for", "nonsense")], &["10.1.0.0/16"]);
        assert_eq!(client_address(&garbage), Some("10.1.0.2".parse().unwrap()));
    }

    #[test]
    fn the_base_url_is_configured_or_the_listening_address() {
        let base = |configured: Option<&str>, listening: &str| {
            let public = PublicAddress { base_url: configured.map(str::to_owned), ..Default::default() };
            public.resolved(listening.parse().unwrap()).base_url.unwrap()
        };
        assert_eq!(base(Some("https://intercoop.khm.gov.ua/"), "0.0.0.0:80"), "https://intercoop.khm.gov.ua");
        assert_eq!(base(None, "0.0.0.0:8080"), "http://localhost:8080");
        assert_eq!(base(None, "127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert!(check_base_url("https://evil\"><script>").is_err());
        assert!(check_base_url("https://intercoop.khm.gov.ua").is_ok());
    }
}
