//! The HTTP operations, a folder per resource and a file per operation. Registering a handler here documents it in
//! the OpenAPI contract.

use actix_web::HttpResponse;
use actix_web::http::header;
use serde::Serialize;
use utoipa_actix_web::service_config::ServiceConfig;

pub mod activities;
pub mod agreements;
pub mod audit;
pub mod auth;
pub mod changes;
mod comments;
mod editing;
pub mod grants;
pub mod health;
pub mod imports;
pub mod measures;
pub mod open_data;
pub mod partners;
pub mod problem_types;
pub mod problems;
pub mod programmes;
pub mod reports;
pub mod service_accounts;
pub mod users;
pub mod webhooks;
mod workflow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(health::configure);
    cfg.configure(problem_types::configure);
    cfg.service(utoipa_actix_web::scope("/open-data/v1").configure(open_data::configure));
    cfg.service(
        utoipa_actix_web::scope("/api/v1")
            .configure(auth::configure)
            .configure(users::configure)
            .configure(service_accounts::configure)
            .configure(programmes::configure)
            .configure(reports::configure)
            .configure(measures::configure)
            .configure(activities::configure)
            .configure(partners::configure)
            .configure(grants::configure)
            .configure(agreements::configure)
            .configure(activities::configure_updates)
            .configure(partners::configure_updates)
            .configure(grants::configure_updates)
            .configure(agreements::configure_updates)
            .configure(activities::configure_workflow)
            .configure(partners::configure_workflow)
            .configure(grants::configure_workflow)
            .configure(agreements::configure_workflow)
            .configure(audit::configure)
            .configure(changes::configure)
            .configure(webhooks::configure)
            .configure(imports::configure),
    );
}

/// Generates the response type of a record: its id, version and timestamps, then its content.
macro_rules! record_response {
    ($(#[$meta:meta])* $name:ident, $draft:ty) => {
        $(#[$meta])*
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            /// The record's id.
            pub id: uuid::Uuid,
            /// Starts at 1 and grows by one with every change.
            pub version: i32,
            /// When the record was created.
            pub created_at: chrono::DateTime<chrono::Utc>,
            /// When the record last changed.
            pub updated_at: chrono::DateTime<chrono::Utc>,
            /// Where the record stands in its workflow (`draft`, `submitted`, `published`, `withdrawn`); changed
            /// only by `POST .../submit`, `.../publish`, `.../return`, `.../withdraw` and `.../reopen`. Absent for
            /// the programme structure.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub publication: Option<intercoop_domain::PublicationState>,
            #[serde(flatten)]
            pub data: $draft,
        }

        impl From<intercoop_domain::Stored<$draft>> for $name {
            fn from(record: intercoop_domain::Stored<$draft>) -> Self {
                Self {
                    id: record.meta.id,
                    version: record.meta.version,
                    created_at: record.meta.created_at,
                    updated_at: record.meta.updated_at,
                    publication: record.meta.publication,
                    data: record.data,
                }
            }
        }
    };
}
pub(crate) use record_response;

/// 201 Created with the new record's URL in `Location` and its `ETag`.
pub fn created<T: Serialize>(location: String, version: i32, body: &T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .insert_header((header::ETAG, crate::http::preconditions::etag(version)))
        .json(body)
}
