//! A person's account: creating it, changing its name, e-mail, role and unit, disabling it (its sessions end at
//! once), and setting a new password (typed, or made up and shown this once).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::roles::Admin;
use intercoop_operations::accounts::users::{self, User};
use intercoop_operations::{Database, Error, ErrorCode, IfMatch};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::roles;
use crate::BASE;
use crate::forms::accounts::{PersonForm, input_of};
use crate::forms::{self, Errors, Refusal};
use crate::page::{PageError, Shell, render, see_other};
use crate::pages::activities::Choice;
use crate::session::Staff;

#[derive(Template)]
#[template(path = "admin/person.html")]
struct PersonPage {
    shell: Shell,
    id: Option<String>,
    form: PersonForm,
    errors: Errors,
    roles: Vec<Choice>,
    /// A password just made up, shown this once.
    new_password: Option<String>,
    /// Whether the account signs in through the identity provider, which gives its role and unit.
    linked: bool,
}

fn page(req: &HttpRequest, staff: &Staff<Admin>, user: Option<&User>, form: PersonForm, errors: Errors) -> PersonPage {
    let tr = staff.tr;
    PersonPage {
        shell: Shell::new(
            req,
            staff,
            "admin",
            user.map_or_else(|| tr.t("admin-person-new"), |u| u.display_name.clone()),
        ),
        id: user.map(|u| u.id.to_string()),
        roles: roles(tr, &form.role),
        form,
        errors,
        new_password: None,
        linked: user.is_some_and(intercoop_operations::accounts::oidc::is_linked),
    }
}

async fn stored(db: &Database, staff: &Staff<Admin>, id: &str) -> Result<User, PageError> {
    let lang = staff.tr.lang;
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found(lang))?;
    users::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(lang, e))
}

/// The form again as typed (the password left out), with what was wrong beside each field.
fn refused(
    req: &HttpRequest,
    staff: &Staff<Admin>,
    user: Option<&User>,
    mut form: PersonForm,
    e: Error,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let taken = e.code == ErrorCode::Conflict && user.is_none();
    let Refusal { status, mut errors, clashed } = Refusal::of(tr, e, input_of)?;
    if taken {
        errors.fields.push(("username".into(), tr.t("error-username-taken")));
    }
    form.password.clear();
    if clashed && let Some(user) = user {
        form.version = Some(user.version);
    }
    let mut res = render(&page(req, staff, user, form, errors))?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn new(req: HttpRequest, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let form = PersonForm { role: "editor".into(), active: Some("on".into()), ..PersonForm::default() };
    render(&page(&req, &staff, None, form, Errors::default()))
}

pub async fn create(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: PersonForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let created = match form.new_account() {
        Ok(request) => users::create(&db, staff.caller(), request).await,
        Err(errors) => Err(Error::validation(errors)),
    };
    match created {
        Ok(user) => Ok(see_other(&format!("{BASE}/admin/people/{}?done=saved", user.id))),
        Err(e) => refused(&req, &staff, None, form, e),
    }
}

pub async fn show(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let user = stored(&db, &staff, &id).await?;
    render(&page(&req, &staff, Some(&user), PersonForm::of(&user), Errors::default()))
}

pub async fn save(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: PersonForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let user = stored(&db, &staff, &id).await?;
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    let saved = match form.changes() {
        Ok(patch) => users::change(&db, staff.caller(), user.id, &if_match, patch).await,
        Err(errors) => Err(Error::validation(errors)),
    };
    match saved {
        Ok(user) => Ok(see_other(&format!("{BASE}/admin/people/{}?done=saved", user.id))),
        Err(e) => refused(&req, &staff, Some(&user), form, e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    csrf: String,
    version: Option<i32>,
    password: String,
}

/// Sets the password typed, or makes one up and shows it this once; the account's sessions end either way.
pub async fn password(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: PasswordForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let user = stored(&db, &staff, &id).await?;
    let made_up = form.password.is_empty().then(intercoop_operations::accounts::passwords::random_password);
    let password = made_up.clone().unwrap_or(form.password);
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    match users::change(&db, staff.caller(), user.id, &if_match, json!({"password": password})).await {
        Ok(user) if made_up.is_some() => {
            let mut page = page(&req, &staff, Some(&user), PersonForm::of(&user), Errors::default());
            page.new_password = made_up;
            render(&page)
        }
        Ok(user) => Ok(see_other(&format!("{BASE}/admin/people/{}?done=password", user.id))),
        Err(e) => refused(&req, &staff, Some(&user), PersonForm::of(&user), e),
    }
}
