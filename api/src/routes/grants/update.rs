//! `PUT` and `PATCH /api/v1/grants/{id}`: replacing and changing some fields of a grant.

use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::GrantDraft;
use intercoop_operations::{Database, grants};
use uuid::Uuid;

use super::GrantResponse;
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::editing::edit_routes;
use crate::routes::problems::UpdateProblems;

edit_routes!(
    replace_grant, patch_grant, "/grants/{id}", "grants", "The grant's id",
    "Replace a grant", "Change some fields of a grant",
    grants, GrantDraft, GrantResponse, {"status": "completed"}
);
