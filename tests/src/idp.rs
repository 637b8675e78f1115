//! A stand-in for the council's identity provider on loopback: its ES256 key (the fixture's), ID tokens signed
//! with it, and a token endpoint that trades the codes a test grants for their ID tokens, checking the PKCE
//! verifier, the client and the redirect address as a provider does.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use intercoop_api::auth::idp::IdpSettings;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const PRIVATE_KEY: &str = include_str!("../fixtures/idp/es256-private.pem");

/// The provider's issuer, and the console's client id there.
pub const ISSUER: &str = "https://id.khm.gov.ua";
pub const CLIENT_ID: &str = "intercoop-console";

/// A token signed with the provider's key.
pub fn sign(claims: &Value, kid: Option<&str>) -> String {
    let mut header = Header::new(Algorithm::ES256);
    header.kid = kid.map(str::to_owned);
    let body: String = PRIVATE_KEY.lines().filter(|l| !l.starts_with("-----")).collect();
    encode(&header, claims, &EncodingKey::from_ec_der(&STANDARD.decode(body).unwrap())).unwrap()
}

/// The settings that trust the provider's keys (the fixture's JWKS), its issuer and the audience `intercoop`.
pub fn settings() -> IdpSettings {
    IdpSettings {
        jwks_file: Some(std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/idp/jwks.json"))),
        jwks_url: None,
        issuer: ISSUER.into(),
        audience: "intercoop".into(),
        role_claim: "roles".into(),
        unit_claim: Some("department".into()),
        authorization_endpoint: None,
        token_endpoint: None,
        client_id: None,
        client_secret: None,
        username_claim: "preferred_username".into(),
    }
}

/// What a granted code is traded for, and what the trade must bring.
struct Grant {
    challenge: String,
    redirect_uri: String,
    id_token: String,
}

pub struct FakeIdp {
    /// The token endpoint's address.
    pub token_url: String,
    grants: Arc<Mutex<HashMap<String, Grant>>>,
    server: ServerHandle,
}

async fn token(
    form: web::Form<HashMap<String, String>>,
    grants: web::Data<Arc<Mutex<HashMap<String, Grant>>>>,
) -> HttpResponse {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let Some(grant) = grants.lock().unwrap().remove(&field("code")) else {
        return HttpResponse::BadRequest().json(json!({"error": "invalid_grant"}));
    };
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(field("code_verifier").as_bytes()));
    let right = field("grant_type") == "authorization_code"
        && field("client_id") == CLIENT_ID
        && field("redirect_uri") == grant.redirect_uri
        && challenge == grant.challenge;
    if !right {
        return HttpResponse::BadRequest().json(json!({"error": "invalid_grant"}));
    }
    HttpResponse::Ok().json(json!({"access_token": "opaque", "token_type": "Bearer", "id_token": grant.id_token}))
}

impl FakeIdp {
    pub async fn start() -> FakeIdp {
        let grants: Arc<Mutex<HashMap<String, Grant>>> = Arc::default();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let data = web::Data::new(grants.clone());
        let server = HttpServer::new(move || App::new().app_data(data.clone()).route("/token", web::post().to(token)))
            .workers(1)
            .disable_signals()
            .listen(listener)
            .unwrap()
            .run();
        let handle = server.handle();
        tokio::spawn(server);
        FakeIdp { token_url: format!("http://127.0.0.1:{port}/token"), grants, server: handle }
    }

    /// The settings that sign staff in to the console through this provider.
    pub fn console_settings(&self) -> IdpSettings {
        IdpSettings {
            authorization_endpoint: Some(format!("{ISSUER}/authorize")),
            token_endpoint: Some(self.token_url.clone()),
            client_id: Some(CLIENT_ID.into()),
            ..settings()
        }
    }

    /// Grants `code` to the browser the console sent with the authorization request `location`: trading it (with
    /// the right verifier) gives an ID token with `claims` and the request's nonce (or `nonce`, when given).
    pub fn grant(&self, code: &str, location: &str, claims: Value, nonce: Option<&str>) {
        let url = url::Url::parse(location).unwrap();
        let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
        let now = chrono::Utc::now().timestamp();
        let mut claims = claims;
        claims["iss"] = json!(ISSUER);
        claims["aud"] = json!(CLIENT_ID);
        claims["iat"] = json!(now);
        claims["exp"] = json!(now + 300);
        claims["nonce"] = json!(nonce.unwrap_or(&query["nonce"]));
        let grant = Grant {
            challenge: query["code_challenge"].clone(),
            redirect_uri: query["redirect_uri"].clone(),
            id_token: sign(&claims, None),
        };
        self.grants.lock().unwrap().insert(code.to_owned(), grant);
    }
}

impl Drop for FakeIdp {
    fn drop(&mut self) {
        let server = self.server.clone();
        tokio::spawn(async move { server.stop(false).await });
    }
}
