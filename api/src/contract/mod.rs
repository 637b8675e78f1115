//! The contract's frame: title, description, security scheme, tags. The paths and schemas come from registering
//! the handlers (`routes::configure`).

pub mod bounds;
pub mod clients;
pub mod demo;
pub mod examples;
pub mod links;
pub mod shapes;
pub mod white_space;

use std::sync::OnceLock;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::http::error::Problem;
use crate::routes::auth::oauth::OAuthError;
use crate::routes::open_data::DatasetName;
use crate::routes::reports::ReportFormat;
use crate::routes::webhooks::WebhookEvent;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "intercoop",
        description = "The system of record for a city council's programme of international cooperation and \
promotion: its measures, and the activities, partners, grants and agreements that carry it out.\n\n\
Reads are open to anonymous callers, who see published records only. Writes need a bearer token (JWT) with a \
role: `viewer` reads drafts too, `editor` creates and changes drafts, `publisher` also publishes and changes \
published records, `admin` also manages the programme structure and deletes.\n\n\
Errors are RFC 9457 problems (`application/problem+json`) with a stable `code`; `type` is `/problems/{code}`. \
The OAuth2 token endpoint (`POST /api/v1/auth/token`) answers its errors as RFC 6749 §5.2 says (`application/json`, \
`error` and `error_description`), with the same members beside them.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
        contact(name = "Khmelnytskyi City Council, Department of Economy", url = "https://www.khm.gov.ua/"),
    ),
    // The enumerations that parameters refer to by name.
    components(schemas(Problem, OAuthError, WebhookEvent, ReportFormat, DatasetName)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Signing in, tokens, and who the caller is"),
        (name = "programmes", description = "Programmes, their sections and their measures"),
        (name = "reports", description = "The annual implementation report, generated from the records"),
        (name = "activities", description = "What the council did under the programme's measures"),
        (name = "partners", description = "Twin cities, donors, international organisations and other partners"),
        (name = "grants", description = "Money from donors"),
        (name = "agreements", description = "Memoranda, partnership and twinning agreements"),
        (name = "imports", description = "Earlier reports (Word or text) read into draft activities: upload, review, apply"),
        (name = "audit", description = "Who changed what, and when"),
        (name = "sync", description = "The change feed: every change to the records in commit order, from a cursor"),
        (name = "webhooks", description = "Signed notifications of changes, POSTed to other systems, with a delivery log"),
        (name = "webhook-events", description = "What intercoop POSTs to a subscribed URL (the contract's `webhooks`)"),
        (name = "open-data", description = "Public feeds of the published records for open-data portals: JSON, CSV, GeoJSON, catalogs; no token"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A token from `intercoop token issue --role ROLE --subject NAME`"))
                    .build(),
            ),
        );
    }
}

/// The whole contract, as the running service serves it; made once, from the registered routes.
pub fn spec() -> &'static utoipa::openapi::OpenApi {
    static SPEC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    SPEC.get_or_init(build_spec)
}

fn build_spec() -> utoipa::openapi::OpenApi {
    let mut spec = crate::http::app::routes_and_spec(actix_web::App::new()).1;
    utoipa::Modify::modify(&crate::auth::access::AccessModifier, &mut spec);
    utoipa::Modify::modify(&crate::http::idempotency::IdempotencyModifier, &mut spec);
    utoipa::Modify::modify(&crate::routes::webhooks::WebhookContract, &mut spec);
    spec
}

/// The contract as served and committed: the registered routes' contract with the request shapes made strict and
/// links from each create to the operations on what it created, an example for every schema, and white space in
/// its patterns as the service reads it.
pub fn spec_value() -> &'static serde_json::Value {
    static VALUE: OnceLock<serde_json::Value> = OnceLock::new();
    VALUE.get_or_init(|| build_value(spec()))
}

/// Makes the contract as `spec_value` holds it, for callers that keep only what they need of it (as a document
/// it takes megabytes).
pub fn build_value(spec: &utoipa::openapi::OpenApi) -> serde_json::Value {
    let mut json = serde_json::to_value(spec).expect("the contract serializes");
    crate::contract::bounds::apply(&mut json);
    crate::contract::shapes::apply(&mut json);
    crate::contract::clients::apply(&mut json);
    crate::contract::links::apply(&mut json);
    crate::contract::demo::apply(&mut json);
    crate::contract::examples::apply(&mut json);
    crate::contract::white_space::apply(&mut json);
    json
}

/// Makes the contract anew, without keeping it (see `build_value`).
pub fn fresh_value() -> serde_json::Value {
    build_value(&build_spec())
}

/// The contract as pretty JSON with a final newline, as committed in `openapi/intercoop-v1.json`.
pub fn spec_json() -> String {
    let mut json = serde_json::to_string_pretty(spec_value()).expect("the contract serializes");
    json.push('\n');
    json
}
