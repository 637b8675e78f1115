//! The actix-web application: routes, their contract, Swagger UI, middleware and the answers for unknown routes.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::{App, HttpRequest, HttpResponse, web};
use intercoop_domain::report::Letterhead;
use intercoop_operations::Database;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::JwtKeys;
use crate::contract::ApiDoc;
use crate::http::error::{ApiError, ErrorCode};
use crate::http::extract::{BodyLimit, UploadLimit, path_error};
use crate::http::preconditions::RequireIfMatch;
use crate::{http::telemetry, routes};
use intercoop_operations::accounts::sign_in::SignInThrottle;

/// What the application needs from outside.
#[derive(Clone)]
pub struct AppContext {
    pub db: Database,
    pub keys: JwtKeys,
    pub body_limit: BodyLimit,
    pub upload_limit: UploadLimit,
    pub letterhead: Letterhead,
    pub open_data: intercoop_operations::open_data::OpenDataSettings,
    pub require_if_match: RequireIfMatch,
    /// Shared by the workers of one process.
    pub throttle: web::Data<SignInThrottle>,
    /// Shared by the workers of one process.
    pub metrics: web::Data<crate::http::metrics::Metrics>,
    pub request_timeout: crate::http::timeouts::RequestTimeout,
    /// The public base URL and the trusted reverse proxies.
    pub public: crate::http::proxies::PublicAddress,
    /// Where webhooks may be sent.
    pub webhook_targets: intercoop_operations::webhooks::targets::TargetPolicy,
    /// What the staff console needs to know of a request.
    pub console: intercoop_console::RequestOrigin,
}

/// Registers the documented routes on `app` and returns it with the contract they make.
pub fn routes_and_spec<T>(app: App<T>) -> (App<T>, utoipa::openapi::OpenApi)
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.into_utoipa_app().openapi(ApiDoc::openapi()).configure(routes::configure).split_for_parts()
}

pub fn build(
    ctx: AppContext,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let served = served_contract();
    let idp = intercoop_console::IdpSignIn(ctx.keys.idp());
    let base = App::new()
        .app_data(web::Data::new(ctx.db))
        .app_data(web::Data::new(ctx.keys))
        .app_data(web::Data::new(ctx.body_limit))
        .app_data(web::Data::new(ctx.upload_limit))
        .app_data(web::Data::new(ctx.letterhead))
        .app_data(web::Data::new(ctx.open_data))
        .app_data(web::Data::new(ctx.require_if_match))
        .app_data(ctx.throttle.clone())
        .app_data(ctx.metrics.clone())
        .app_data(web::Data::new(ctx.request_timeout))
        .app_data(web::Data::new(ctx.public))
        .app_data(web::Data::new(ctx.webhook_targets))
        .app_data(web::Data::from(served.routes.clone()))
        .app_data(web::PathConfig::default().error_handler(path_error))
        // Before the routes: the /api/v1 scope would otherwise take /api/v1/openapi.json.
        // No validator: Swagger UI would send the contract's address to validator.swagger.io, and it stays offline.
        .service(
            SwaggerUi::new("/swagger-ui/{_:.*}")
                .config(utoipa_swagger_ui::Config::new([CONTRACT_PATH]).validator_url("none")),
        )
        .service(web::resource(CONTRACT_PATH).route(web::get().to(contract)))
        .service(routes::open_data::preflight_route())
        .app_data(web::Data::new(ctx.console))
        .app_data(web::Data::new(idp))
        .app_data(web::Data::new(intercoop_console::UploadLimit(ctx.upload_limit.0)))
        .configure(intercoop_console::configure)
        .service(web::resource("/").route(web::get().to(to_console)));
    let app = routes_and_spec(base)
        .0
        .default_service(web::to(unmatched))
        // The timeout wraps the idempotency keys: a keyed request's body is read within it too.
        .wrap(actix_web::middleware::from_fn(crate::http::idempotency::middleware))
        .wrap(actix_web::middleware::from_fn(crate::http::timeouts::middleware))
        .wrap(actix_web::middleware::from_fn(crate::http::metrics::middleware))
        .wrap(actix_web::middleware::from_fn(telemetry::request_id));
    if let Some(hook) = AFTER_BUILD.get() {
        hook();
    }
    app
}

/// The root: the staff console.
async fn to_console() -> HttpResponse {
    HttpResponse::Found().insert_header((header::LOCATION, "/console/")).finish()
}

/// Where the contract is served.
const CONTRACT_PATH: &str = "/api/v1/openapi.json";

/// What the running service keeps of its contract, made once for all workers: the document as served, and the
/// routes it documents. The contract itself is dropped once these are made.
struct ServedContract {
    json: web::Bytes,
    routes: std::sync::Arc<KnownRoutes>,
}

/// Makes what the workers share (the contract they serve) ahead of them.
pub fn prepare() {
    served_contract();
}

static AFTER_BUILD: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what [`build`] calls once it has built an application (in each worker): the binary gives back to the
/// system the memory that registering the routes used (each worker makes and drops the routes' contract).
pub fn after_build(hook: fn()) {
    let _ = AFTER_BUILD.set(hook);
}

fn served_contract() -> &'static ServedContract {
    static SERVED: std::sync::OnceLock<ServedContract> = std::sync::OnceLock::new();
    SERVED.get_or_init(|| {
        let value = crate::contract::fresh_value();
        let json = serde_json::to_vec(&value).expect("the contract serializes");
        ServedContract { json: web::Bytes::from(json), routes: std::sync::Arc::new(KnownRoutes::from_contract(&value)) }
    })
}

/// The OpenAPI contract of this API (the document that `openapi/intercoop-v1.json` holds).
async fn contract() -> HttpResponse {
    HttpResponse::Ok().content_type(header::ContentType::json()).body(served_contract().json.clone())
}

/// The documented paths with their methods and operations, to tell a wrong method (405 with `Allow`) from an
/// unknown path (404), and to find the operation a request is for.
pub struct KnownRoutes(Vec<(Vec<String>, Operations)>);

/// A path's methods, each with its operation's id.
type Operations = Vec<(&'static str, String)>;

impl KnownRoutes {
    fn from_contract(contract: &serde_json::Value) -> Self {
        let paths = contract["paths"].as_object().into_iter().flatten();
        let routes = paths
            .map(|(path, item)| (path.trim_matches('/').split('/').map(str::to_owned).collect(), operations(item)))
            .collect();
        Self(routes)
    }

    fn operations_at(&self, path: &str) -> Option<&[(&'static str, String)]> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.0
            .iter()
            .find(|(template, _)| {
                template.len() == segments.len()
                    && template.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s)
            })
            .map(|(_, operations)| operations.as_slice())
    }

    fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let operations = self.operations_at(path)?;
        let mut methods: Vec<&'static str> = operations.iter().map(|(method, _)| *method).collect();
        if methods.contains(&"GET") {
            methods.push("HEAD");
        }
        Some(methods)
    }

    /// The id of the operation that answers `method` at `path`.
    pub fn operation(&self, method: &str, path: &str) -> Option<&str> {
        self.operations_at(path)?.iter().find(|(m, _)| *m == method).map(|(_, id)| id.as_str())
    }
}

fn operations(item: &serde_json::Value) -> Operations {
    ["get", "put", "post", "delete", "patch"]
        .into_iter()
        .filter_map(|m| item.get(m).map(|op| (upper(m), op["operationId"].as_str().unwrap_or_default().to_owned())))
        .collect()
}

fn upper(method: &str) -> &'static str {
    match method {
        "get" => "GET",
        "put" => "PUT",
        "post" => "POST",
        "delete" => "DELETE",
        _ => "PATCH",
    }
}

async fn unmatched(req: HttpRequest, known: web::Data<KnownRoutes>) -> Result<HttpResponse, ApiError> {
    match known.allowed(req.path()) {
        Some(methods) if !methods.contains(&req.method().as_str()) => {
            let allow = methods.join(", ");
            Err(ApiError::new(
                ErrorCode::MethodNotAllowed,
                format!("{} {} is not supported; use {allow}", req.method(), req.path()),
            )
            .with_header(header::ALLOW, &allow))
        }
        Some(_) if req.method() == Method::HEAD => Ok(HttpResponse::Ok().finish()),
        _ => Err(ApiError::not_found(format!("there is nothing at {}", req.path()))),
    }
}
