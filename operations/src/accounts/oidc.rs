//! Staff signing in to the console through the council's identity provider: OpenID Connect's authorization code
//! flow with PKCE (S256). The browser is sent to the provider with a fresh state, nonce and code challenge; the
//! code it brings back is traded for an ID token, whose signature, issuer, audience (the console's client id),
//! expiry and nonce are checked. The person then works as a local account linked to the provider's subject:
//! made on the first sign-in, its name, e-mail, role and unit taken from the token at each one; an admin may
//! disable it like any other, and no password signs in to it.

use intercoop_persistence::users::{self, NewUser, User};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::idp::Idp;
use super::passwords::random_secret;
use super::sessions::{Started, start_for};
use intercoop_persistence::Actor;

use crate::{Database, Error, ErrorCode, Result};

/// Where to send the browser, and what the console keeps (in a cookie) to check what comes back.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

/// Whether staff may sign in through the provider: its endpoints and the console's client id are configured.
pub fn enabled(idp: &Idp) -> bool {
    let s = idp.settings();
    s.authorization_endpoint.is_some() && s.token_endpoint.is_some() && s.client_id.is_some()
}

/// The sign-in with the provider, when its endpoints and the console's client id are configured.
pub fn authorization(idp: &Idp, redirect_uri: &str) -> Option<Authorization> {
    let settings = idp.settings();
    let (endpoint, client_id) = (settings.authorization_endpoint.as_deref()?, settings.client_id.as_deref()?);
    settings.token_endpoint.as_deref()?;
    let (state, nonce, verifier) = (random_secret(), random_secret(), random_secret());
    let url = url::Url::parse_with_params(
        endpoint,
        [
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", redirect_uri),
            ("scope", "openid profile email"),
            ("state", &state),
            ("nonce", &nonce),
            ("code_challenge", &challenge(&verifier)),
            ("code_challenge_method", "S256"),
        ],
    )
    .ok()?;
    Some(Authorization { url: url.into(), state, nonce, verifier })
}

/// The S256 code challenge of a verifier: the base64url of its SHA-256, unpadded.
pub fn challenge(verifier: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[derive(Deserialize)]
struct TokenAnswer {
    id_token: String,
}

fn refused(why: impl Into<String>) -> Error {
    let why = why.into();
    tracing::info!(%why, "identity provider sign-in refused");
    Error::new(ErrorCode::InvalidCredentials, format!("the identity provider's sign-in was not accepted: {why}"))
}

/// Trades the provider's `code` for its ID token, checks it against the `nonce` sent, and starts a session for
/// the account linked to its subject.
pub async fn sign_in(
    db: &Database,
    idp: &Idp,
    (code, verifier, nonce): (&str, &str, &str),
    redirect_uri: &str,
) -> Result<Started> {
    let settings = idp.settings();
    let (Some(endpoint), Some(client_id)) = (settings.token_endpoint.as_deref(), settings.client_id.as_deref()) else {
        return Err(refused("the console's sign-in through the identity provider is not configured"));
    };
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("client_id", client_id),
        ("code_verifier", verifier),
    ];
    if let Some(secret) = settings.client_secret.as_deref() {
        form.push(("client_secret", secret));
    }
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(Error::internal)?;
    let answer =
        client.post(endpoint).form(&form).send().await.map_err(|e| refused(format!("the token endpoint: {e}")))?;
    if !answer.status().is_success() {
        return Err(refused(format!("the token endpoint answered {}", answer.status())));
    }
    let body = answer.bytes().await.map_err(|e| refused(format!("the token endpoint's answer: {e}")))?;
    let answer: TokenAnswer =
        serde_json::from_slice(&body).map_err(|e| refused(format!("the token endpoint's answer: {e}")))?;
    let header = jsonwebtoken::decode_header(&answer.id_token).map_err(|e| refused(e.to_string()))?;
    let (identity, claims) = idp.verify_for(&answer.id_token, &header, client_id).map_err(refused)?;
    if identity.subject.trim().is_empty() {
        return Err(refused("the ID token names no subject"));
    }
    if claims["nonce"].as_str() != Some(nonce) {
        return Err(refused("the ID token's nonce is not the one sent"));
    }
    let user = linked_account(db, idp, &identity, &claims).await?;
    start_for(db, user).await
}

/// How the link to the provider starts.
const LINK: &str = "!oidc ";

/// What links a local account to the provider's subject, kept where a password's hash would be (no password
/// matches it).
fn link(idp: &Idp, subject: &str) -> String {
    format!("{LINK}{} {subject}", idp.settings().issuer)
}

/// Whether the account signs in through the identity provider (and has no password).
pub fn is_linked(user: &User) -> bool {
    user.password_hash.starts_with(LINK)
}

/// A username accounts may have: the claim's letters, digits, dots, dashes and underscores, others as `_`.
fn username_of(claims: &Value, claim: &str, subject: &str) -> String {
    let wanted = claims[claim].as_str().filter(|s| !s.trim().is_empty()).unwrap_or(subject);
    let mut name: String = wanted
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .take(56)
        .collect();
    if name.chars().count() < 2 {
        name = format!("idp_{name}");
    }
    name
}

async fn linked_account(db: &Database, idp: &Idp, identity: &super::idp::IdpClaims, claims: &Value) -> Result<User> {
    let link = link(idp, &identity.subject);
    let actor = Actor::system("identity provider");
    let display_name = claims["name"].as_str().filter(|s| !s.trim().is_empty()).map(str::to_owned);
    let email = claims["email"].as_str().map(str::to_owned);
    match users::by_password_hash(db, &link).await? {
        Some(user) if !user.active => Err(refused("the account is disabled")),
        Some(user) => {
            let (role, unit) = (identity.role.as_str().to_owned(), identity.unit.clone());
            let display = display_name.unwrap_or_else(|| user.display_name.clone());
            if user.role == role && user.unit == unit && user.display_name == display && user.email == email {
                return Ok(user);
            }
            let changed = |u: &User| Ok::<_, Error>(User { role, unit, display_name: display, email, ..u.clone() });
            users::update(db, &actor, user.id, changed).await
        }
        None => {
            let mut username = username_of(claims, &idp.settings().username_claim, &identity.subject);
            if users::by_username(db, &username).await?.is_some() {
                username = format!("{username}-{}", &super::passwords::token_hash(&identity.subject)[..6]);
            }
            let new = NewUser {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                email,
                role: identity.role.as_str().to_owned(),
                unit: identity.unit.clone(),
                password_hash: link,
            };
            Ok(users::create(db, &actor, new).await?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn usernames_are_made_of_what_accounts_may_hold() {
        let claims = json!({"preferred_username": "Olena.Koval@khm.gov.ua"});
        assert_eq!(username_of(&claims, "preferred_username", "x"), "olena.koval_khm.gov.ua");
        assert_eq!(username_of(&json!({}), "preferred_username", "0b7e"), "0b7e");
        assert_eq!(username_of(&json!({"preferred_username": "я"}), "preferred_username", "s"), "idp__");
        // RFC 7636's example.
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
