//! Webhook subscriptions: the list, subscribing a URL (the signing secret shown this once), changing or pausing
//! one, and its delivery log, where a delivery can be sent again.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::roles::Admin;
use intercoop_operations::webhooks::subscriptions::{self, Delivery, NewWebhook, Subscription};
use intercoop_operations::webhooks::targets::TargetPolicy;
use intercoop_operations::{Database, Error, IfMatch, PageRequest};
use serde::Deserialize;
use uuid::Uuid;

use crate::BASE;
use crate::forms::accounts::{WebhookForm, input_of};
use crate::forms::{self, Errors, Refusal};
use crate::page::{PageError, Shell, render, see_other};
use crate::session::Staff;

pub struct WebhookRow {
    pub id: String,
    pub url: String,
    pub events: String,
    pub description: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/webhooks.html")]
struct ListPage {
    shell: Shell,
    rows: Vec<WebhookRow>,
}

pub struct DeliveryRow {
    pub id: String,
    pub at: String,
    pub event: String,
    pub status: String,
    pub status_code: String,
    pub attempts: i32,
    pub last: String,
}

#[derive(Template)]
#[template(path = "admin/webhook.html")]
struct WebhookPage {
    shell: Shell,
    id: Option<String>,
    form: WebhookForm,
    errors: Errors,
    deliveries: Vec<DeliveryRow>,
    /// The signing secret of a new subscription, shown this once.
    secret: Option<String>,
}

fn form_of(s: &Subscription) -> WebhookForm {
    WebhookForm {
        version: Some(s.version),
        url: s.content.url.clone(),
        event_types: s.content.event_types.join("\n"),
        description: s.content.description.clone().unwrap_or_default(),
        active: s.content.active.then(|| "on".to_owned()),
        ..WebhookForm::default()
    }
}

fn delivery_row(staff: &Staff<Admin>, d: &Delivery) -> DeliveryRow {
    let last = match (d.last_status, &d.last_error) {
        (Some(status), _) => format!("HTTP {status}"),
        (None, Some(error)) => error.clone(),
        (None, None) => String::new(),
    };
    DeliveryRow {
        id: d.id.to_string(),
        at: d.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
        event: d.event_type.clone(),
        status: staff.tr.term("delivery", d.status.as_str()),
        status_code: d.status.as_str().to_owned(),
        attempts: d.attempts,
        last,
    }
}

async fn page(
    req: &HttpRequest,
    staff: &Staff<Admin>,
    db: &Database,
    stored: Option<&Subscription>,
    form: WebhookForm,
    errors: Errors,
) -> Result<WebhookPage, PageError> {
    let tr = staff.tr;
    let deliveries = match stored {
        Some(s) => subscriptions::deliveries(db, staff.caller(), s.id, None, PageRequest { limit: 50, offset: 0 })
            .await
            .map_err(|e| PageError::from_operation(tr.lang, e))?
            .items
            .iter()
            .map(|d| delivery_row(staff, d))
            .collect(),
        None => Vec::new(),
    };
    Ok(WebhookPage {
        shell: Shell::new(
            req,
            staff,
            "admin",
            stored.map_or_else(|| tr.t("admin-webhook-new"), |s| s.content.url.clone()),
        ),
        id: stored.map(|s| s.id.to_string()),
        form,
        errors,
        deliveries,
        secret: None,
    })
}

async fn stored(db: &Database, staff: &Staff<Admin>, id: &str) -> Result<Subscription, PageError> {
    let lang = staff.tr.lang;
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found(lang))?;
    subscriptions::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(lang, e))
}

async fn refused(
    req: &HttpRequest,
    staff: &Staff<Admin>,
    db: &Database,
    stored: Option<&Subscription>,
    mut form: WebhookForm,
    e: Error,
) -> Result<HttpResponse, PageError> {
    let Refusal { status, errors, clashed } = Refusal::of(staff.tr, e, input_of)?;
    if clashed && let Some(s) = stored {
        form.version = Some(s.version);
    }
    let mut res = render(&page(req, staff, db, stored, form, errors).await?)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn list(req: HttpRequest, staff: Staff<Admin>, db: web::Data<Database>) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let all = subscriptions::list(&db, staff.caller(), PageRequest { limit: 1000, offset: 0 })
        .await
        .map_err(|e| PageError::from_operation(tr.lang, e))?;
    let rows = all
        .items
        .iter()
        .map(|s| WebhookRow {
            id: s.id.to_string(),
            url: s.content.url.clone(),
            events: s.content.event_types.join(", "),
            description: s.content.description.clone().unwrap_or_default(),
            active: s.content.active,
        })
        .collect();
    render(&ListPage { shell: Shell::new(&req, &staff, "admin", tr.t("admin-webhooks")), rows })
}

pub async fn new(req: HttpRequest, staff: Staff<Admin>, db: web::Data<Database>) -> Result<HttpResponse, PageError> {
    let form = WebhookForm { event_types: "*".into(), active: Some("on".into()), ..WebhookForm::default() };
    render(&page(&req, &staff, &db, None, form, Errors::default()).await?)
}

pub async fn create(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    targets: web::Data<TargetPolicy>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: WebhookForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let request: NewWebhook =
        serde_json::from_value(form.new_webhook()).map_err(|e| PageError::bad_form(staff.tr.lang, e))?;
    match subscriptions::create(&db, staff.caller(), &targets, request).await {
        Ok((subscription, secret)) => {
            let mut page =
                page(&req, &staff, &db, Some(&subscription), form_of(&subscription), Errors::default()).await?;
            page.secret = Some(secret);
            render(&page)
        }
        Err(e) => refused(&req, &staff, &db, None, form, e).await,
    }
}

pub async fn show(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let subscription = stored(&db, &staff, &id).await?;
    render(&page(&req, &staff, &db, Some(&subscription), form_of(&subscription), Errors::default()).await?)
}

pub async fn save(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    targets: web::Data<TargetPolicy>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: WebhookForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let subscription = stored(&db, &staff, &id).await?;
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    match subscriptions::change(&db, staff.caller(), &targets, subscription.id, &if_match, form.content()).await {
        Ok(s) => Ok(see_other(&format!("{BASE}/admin/webhooks/{}?done=saved", s.id))),
        Err(e) => refused(&req, &staff, &db, Some(&subscription), form, e).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RedeliverForm {
    csrf: String,
}

/// Sends a delivery again, as a new one due now.
pub async fn redeliver(
    staff: Staff<Admin>,
    db: web::Data<Database>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let form: RedeliverForm = forms::read(&body, lang)?;
    staff.check_csrf(&form.csrf)?;
    let (id, delivery) = path.into_inner();
    let id = Uuid::parse_str(&id).map_err(|_| PageError::not_found(lang))?;
    let delivery = Uuid::parse_str(&delivery).map_err(|_| PageError::not_found(lang))?;
    subscriptions::redeliver(&db, staff.caller(), id, delivery)
        .await
        .map_err(|e| PageError::from_operation(lang, e))?;
    Ok(see_other(&format!("{BASE}/admin/webhooks/{id}?done=redelivered")))
}
