//! `PUT` and `PATCH /api/v1/agreements/{id}`: replacing and changing some fields of an agreement.

use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::AgreementDraft;
use intercoop_operations::{Database, agreements};
use uuid::Uuid;

use super::AgreementResponse;
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::editing::edit_routes;
use crate::routes::problems::UpdateProblems;

edit_routes!(
    replace_agreement, patch_agreement, "/agreements/{id}", "agreements", "The agreement's id",
    "Replace an agreement", "Change some fields of an agreement",
    agreements, AgreementDraft, AgreementResponse, {"status": "in_force", "signed_on": "2024-12-10"}
);
