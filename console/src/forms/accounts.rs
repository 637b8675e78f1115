//! The forms of the administration: a person's account, a service account, a webhook subscription. Each makes
//! the request the operation takes (the same as the API's body), which checks it with the API's rules.

use intercoop_domain::{FieldErrors, Role};
use intercoop_operations::accounts::service_accounts::{NewServiceAccount, ServiceAccount};
use intercoop_operations::accounts::users::{NewUserRequest, User};
use serde::Deserialize;
use serde_json::{Value, json};

use super::optional;

/// The inputs of a person's account, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub csrf: String,
    pub version: Option<i32>,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub unit: String,
    /// `on` when the account may sign in (an existing account's form only).
    pub active: Option<String>,
    pub password: String,
}

fn role(value: &str, errors: &mut FieldErrors) -> Role {
    Role::parse(value).unwrap_or_else(|| {
        errors.add("role", "invalid", format!("'{value}' is not a role"));
        Role::Viewer
    })
}

/// Lines of a text box, trimmed, blank ones left out.
fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

impl PersonForm {
    pub fn of(user: &User) -> Self {
        PersonForm {
            version: Some(user.version),
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            email: user.email.clone().unwrap_or_default(),
            role: user.role.clone(),
            unit: user.unit.clone().unwrap_or_default(),
            active: user.active.then(|| "on".to_owned()),
            ..PersonForm::default()
        }
    }

    /// A new account's request.
    pub fn new_account(&self) -> Result<NewUserRequest, FieldErrors> {
        let mut errors = FieldErrors::new();
        let role = role(&self.role, &mut errors);
        errors.into_result()?;
        Ok(NewUserRequest {
            username: self.username.trim().to_owned(),
            display_name: self.display_name.clone(),
            email: optional(&self.email),
            role,
            unit: optional(&self.unit),
            password: self.password.clone(),
        })
    }

    /// The change of an existing account, as the merge patch the API takes (the password apart).
    pub fn changes(&self) -> Result<Value, FieldErrors> {
        let mut errors = FieldErrors::new();
        let role = role(&self.role, &mut errors);
        errors.into_result()?;
        Ok(json!({
            "display_name": self.display_name,
            "email": optional(&self.email),
            "role": role,
            "unit": optional(&self.unit),
            "active": self.active.is_some(),
        }))
    }
}

/// The inputs of a service account, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ServiceForm {
    pub csrf: String,
    pub version: Option<i32>,
    pub client_id: String,
    pub name: String,
    pub role: String,
    pub unit: String,
    /// One scope per line.
    pub scopes: String,
    pub active: Option<String>,
}

impl ServiceForm {
    pub fn of(account: &ServiceAccount) -> Self {
        ServiceForm {
            version: Some(account.version),
            client_id: account.client_id.clone(),
            name: account.name.clone(),
            role: account.role.clone(),
            unit: account.unit.clone().unwrap_or_default(),
            scopes: account.scopes.join("\n"),
            active: account.active.then(|| "on".to_owned()),
            ..ServiceForm::default()
        }
    }

    pub fn new_account(&self) -> Result<NewServiceAccount, FieldErrors> {
        let mut errors = FieldErrors::new();
        let role = role(&self.role, &mut errors);
        errors.into_result()?;
        Ok(NewServiceAccount {
            client_id: self.client_id.trim().to_owned(),
            name: self.name.clone(),
            role,
            unit: optional(&self.unit),
            scopes: lines(&self.scopes),
        })
    }

    pub fn changes(&self) -> Result<Value, FieldErrors> {
        let mut errors = FieldErrors::new();
        let role = role(&self.role, &mut errors);
        errors.into_result()?;
        Ok(json!({
            "name": self.name,
            "role": role,
            "unit": optional(&self.unit),
            "scopes": lines(&self.scopes),
            "active": self.active.is_some(),
        }))
    }
}

/// Where an error about an account's field is shown: its input (`scopes[2]` at `scopes`).
pub fn input_of(field: &str) -> String {
    field.split('[').next().unwrap_or(field).to_owned()
}

/// The inputs of a webhook subscription, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WebhookForm {
    pub csrf: String,
    pub version: Option<i32>,
    pub url: String,
    /// One event type or pattern per line.
    pub event_types: String,
    pub description: String,
    pub active: Option<String>,
    /// The signing secret of a new subscription; one is made when left empty.
    pub secret: String,
}

impl WebhookForm {
    /// The subscription's content, as the API's body names it.
    pub fn content(&self) -> Value {
        json!({
            "url": self.url.trim(),
            "event_types": lines(&self.event_types),
            "description": optional(&self.description),
            "active": self.active.is_some(),
        })
    }

    /// A new subscription, as the API's body names it.
    pub fn new_webhook(&self) -> Value {
        let mut body = self.content();
        body["secret"] = json!(optional(&self.secret));
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_make_the_apis_bodies() {
        let form = PersonForm { role: "boss".into(), ..PersonForm::default() };
        assert_eq!(form.new_account().unwrap_err().errors()[0].field, "role");
        let form = ServiceForm {
            role: "editor".into(),
            scopes: " activities \n\n reports\n".into(),
            ..ServiceForm::default()
        };
        assert_eq!(form.changes().unwrap()["scopes"], json!(["activities", "reports"]));
        assert_eq!(input_of("scopes[1]"), "scopes");
    }
}
