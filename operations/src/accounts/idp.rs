//! Tokens from the council's identity provider: RS256 or ES256, checked against the provider's public keys (a
//! JWKS file or URL), its issuer and audience; the caller's role (and unit) read from configured claims.

use std::path::PathBuf;

use anyhow::Context;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;

use intercoop_domain::Role;

/// How to trust the identity provider (the `[idp]` table of the settings file, or `INTERCOOP_IDP_*`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdpSettings {
    /// A JWKS file with the provider's public keys.
    pub jwks_file: Option<PathBuf>,
    /// Or the URL the provider publishes them at (fetched at start).
    pub jwks_url: Option<String>,
    /// The `iss` its tokens must carry.
    pub issuer: String,
    /// The `aud` its tokens must carry.
    pub audience: String,
    /// The claim that carries the role: a string, or a list whose highest known role counts (default `role`).
    #[serde(default = "default_role_claim")]
    pub role_claim: String,
    /// The claim that carries the organisational unit, if any.
    #[serde(default)]
    pub unit_claim: Option<String>,
    /// Staff sign in to the console through the provider (OpenID Connect, the code flow with PKCE) when these are
    /// set: where the browser is sent to sign in...
    #[serde(default)]
    pub authorization_endpoint: Option<String>,
    /// ...where the code is traded for the ID token...
    #[serde(default)]
    pub token_endpoint: Option<String>,
    /// ...and the console's client id there (the ID token's audience), with its secret when the provider wants one.
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The claim whose value becomes the account's username (default `preferred_username`, else `sub`).
    #[serde(default = "default_username_claim")]
    pub username_claim: String,
}

fn default_username_claim() -> String {
    "preferred_username".into()
}

fn default_role_claim() -> String {
    "role".into()
}

/// The provider's keys and rules, loaded.
#[derive(Debug, Clone)]
pub struct Idp {
    keys: JwkSet,
    settings: IdpSettings,
}

/// What a provider's token says of its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdpClaims {
    pub subject: String,
    pub role: Role,
    pub unit: Option<String>,
}

impl Idp {
    pub async fn load(settings: IdpSettings) -> anyhow::Result<Idp> {
        let text = match (&settings.jwks_file, &settings.jwks_url) {
            (Some(path), _) => std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
            (None, Some(url)) => {
                reqwest::get(url)
                    .await
                    .and_then(|r| r.error_for_status())
                    .with_context(|| format!("fetching the identity provider's keys from {url}"))?
                    .text()
                    .await?
            }
            (None, None) => anyhow::bail!("the identity provider needs jwks_file or jwks_url"),
        };
        let keys: JwkSet = serde_json::from_str(&text).context("parsing the identity provider's JWKS")?;
        anyhow::ensure!(!keys.keys.is_empty(), "the identity provider's JWKS has no keys");
        Ok(Idp { keys, settings })
    }

    pub fn settings(&self) -> &IdpSettings {
        &self.settings
    }

    /// Checks a provider's token and reads its holder, or says why it is refused.
    pub fn verify(&self, token: &str, header: &jsonwebtoken::Header) -> Result<IdpClaims, String> {
        let audience = self.settings.audience.clone();
        self.verify_for(token, header, &audience).map(|(claims, _)| claims)
    }

    /// As [`Idp::verify`], for a token whose audience is `audience`; with all its claims.
    pub fn verify_for(
        &self,
        token: &str,
        header: &jsonwebtoken::Header,
        audience: &str,
    ) -> Result<(IdpClaims, Value), String> {
        if !matches!(header.alg, Algorithm::RS256 | Algorithm::ES256) {
            return Err(format!("the algorithm {:?} is not accepted", header.alg));
        }
        let jwk = match &header.kid {
            Some(kid) => {
                self.keys.find(kid).ok_or_else(|| format!("no key '{kid}' in the identity provider's keys"))?
            }
            None if self.keys.keys.len() == 1 => &self.keys.keys[0],
            None => return Err("the token names no key (kid)".into()),
        };
        let key = DecodingKey::from_jwk(jwk).map_err(|e| format!("the provider's key is not usable: {e}"))?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&self.settings.issuer]);
        validation.set_audience(&[audience]);
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 30;
        let claims = jsonwebtoken::decode::<Value>(token, &key, &validation).map_err(|e| e.to_string())?.claims;
        let subject = claims["sub"].as_str().unwrap_or_default().to_owned();
        let role = role_of(&claims[self.settings.role_claim.as_str()])
            .ok_or_else(|| format!("the token carries no known role in its '{}' claim", self.settings.role_claim))?;
        let unit = self.settings.unit_claim.as_ref().and_then(|c| claims[c.as_str()].as_str()).map(str::to_owned);
        Ok((IdpClaims { subject, role, unit }, claims))
    }
}

/// A role claim: a role's name, or a list of names whose highest known role counts.
fn role_of(value: &Value) -> Option<Role> {
    match value {
        Value::String(s) => Role::parse(s),
        Value::Array(items) => items.iter().filter_map(|v| v.as_str().and_then(Role::parse)).max(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn role_claims_as_strings_or_lists() {
        assert_eq!(role_of(&json!("editor")), Some(Role::Editor));
        assert_eq!(role_of(&json!(["viewer", "publisher", "unknown"])), Some(Role::Publisher));
        assert_eq!(role_of(&json!("superuser")), None);
        assert_eq!(role_of(&json!(null)), None);
    }
}
