//! `PUT` and `PATCH /api/v1/activities/{id}`: replacing and changing some fields of an activity.

use actix_web::{HttpResponse, patch, put, web};
use intercoop_domain::ActivityDraft;
use intercoop_operations::{Database, activities};
use uuid::Uuid;

use super::ActivityResponse;
use crate::auth::{Authorized, Editor};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::editing::edit_routes;
use crate::routes::problems::UpdateProblems;

edit_routes!(
    replace_activity, patch_activity, "/activities/{id}", "activities", "The activity's id",
    "Replace an activity", "Change some fields of an activity",
    activities, ActivityDraft, ActivityResponse, {"status": "cancelled"}
);
