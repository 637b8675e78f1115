//! A service account (another system's sign-in): creating it (its secret shown this once), changing its name,
//! role, unit and scopes, disabling it, and giving it a new secret.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::roles::Admin;
use intercoop_operations::accounts::service_accounts::{self, ServiceAccount};
use intercoop_operations::{Database, Error, ErrorCode, IfMatch};
use serde::Deserialize;
use uuid::Uuid;

use super::roles;
use crate::BASE;
use crate::forms::accounts::{ServiceForm, input_of};
use crate::forms::{self, Errors, Refusal};
use crate::page::{PageError, Shell, render, see_other};
use crate::pages::activities::Choice;
use crate::session::Staff;

#[derive(Template)]
#[template(path = "admin/service.html")]
struct ServicePage {
    shell: Shell,
    id: Option<String>,
    form: ServiceForm,
    errors: Errors,
    roles: Vec<Choice>,
    /// A secret just made, shown this once.
    secret: Option<String>,
}

fn page(
    req: &HttpRequest,
    staff: &Staff<Admin>,
    account: Option<&ServiceAccount>,
    form: ServiceForm,
    errors: Errors,
) -> ServicePage {
    let tr = staff.tr;
    ServicePage {
        shell: Shell::new(req, staff, "admin", account.map_or_else(|| tr.t("admin-service-new"), |a| a.name.clone())),
        id: account.map(|a| a.id.to_string()),
        roles: roles(tr, &form.role),
        form,
        errors,
        secret: None,
    }
}

async fn stored(db: &Database, staff: &Staff<Admin>, id: &str) -> Result<ServiceAccount, PageError> {
    let lang = staff.tr.lang;
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found(lang))?;
    service_accounts::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(lang, e))
}

fn refused(
    req: &HttpRequest,
    staff: &Staff<Admin>,
    account: Option<&ServiceAccount>,
    mut form: ServiceForm,
    e: Error,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let taken = e.code == ErrorCode::Conflict && account.is_none();
    let Refusal { status, mut errors, clashed } = Refusal::of(tr, e, input_of)?;
    if taken {
        errors.fields.push(("client_id".into(), tr.t("error-client-id-taken")));
    }
    if clashed && let Some(account) = account {
        form.version = Some(account.version);
    }
    let mut res = render(&page(req, staff, account, form, errors))?;
    *res.status_mut() = status;
    Ok(res)
}

/// The account's page with its new secret, shown this once.
fn with_secret(
    req: &HttpRequest,
    staff: &Staff<Admin>,
    account: &ServiceAccount,
    secret: String,
) -> Result<HttpResponse, PageError> {
    let mut page = page(req, staff, Some(account), ServiceForm::of(account), Errors::default());
    page.secret = Some(secret);
    render(&page)
}

pub async fn new(req: HttpRequest, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let form = ServiceForm { role: "viewer".into(), active: Some("on".into()), ..ServiceForm::default() };
    render(&page(&req, &staff, None, form, Errors::default()))
}

pub async fn create(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: ServiceForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let created = match form.new_account() {
        Ok(request) => service_accounts::create(&db, staff.caller(), request).await,
        Err(errors) => Err(Error::validation(errors)),
    };
    match created {
        Ok((account, secret)) => with_secret(&req, &staff, &account, secret),
        Err(e) => refused(&req, &staff, None, form, e),
    }
}

pub async fn show(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let account = stored(&db, &staff, &id).await?;
    render(&page(&req, &staff, Some(&account), ServiceForm::of(&account), Errors::default()))
}

pub async fn save(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: ServiceForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let account = stored(&db, &staff, &id).await?;
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    let saved = match form.changes() {
        Ok(patch) => service_accounts::change(&db, staff.caller(), account.id, &if_match, patch).await,
        Err(errors) => Err(Error::validation(errors)),
    };
    match saved {
        Ok(account) => Ok(see_other(&format!("{BASE}/admin/services/{}?done=saved", account.id))),
        Err(e) => refused(&req, &staff, Some(&account), form, e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RotateForm {
    csrf: String,
    version: Option<i32>,
}

/// Gives the account a new secret (the old one stops working), shown this once.
pub async fn rotate(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: RotateForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let account = stored(&db, &staff, &id).await?;
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    match service_accounts::rotate_secret(&db, staff.caller(), account.id, &if_match).await {
        Ok((account, secret)) => with_secret(&req, &staff, &account, secret),
        Err(e) => refused(&req, &staff, Some(&account), ServiceForm::of(&account), e),
    }
}
