//! `PUT` and `PATCH /api/v1/partners/{id}`: replacing and changing some fields of a partner.

use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::PartnerDraft;
use intercoop_operations::{Database, partners};
use uuid::Uuid;

use super::PartnerResponse;
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::editing::edit_routes;
use crate::routes::problems::UpdateProblems;

edit_routes!(
    replace_partner, patch_partner, "/partners/{id}", "partners", "The partner's id",
    "Replace a partner", "Change some fields of a partner",
    partners, PartnerDraft, PartnerResponse, {"website": "https://www.stuttgart.de/"}
);
