//! `GET` and `POST /api/v1/activities/{id}/comments`: the comments kept with an activity.

use actix_web::{HttpResponse, get, post, web};
use intercoop_operations::{Database, activities};
use uuid::Uuid;

use crate::auth::{Authorized, Editor, Viewer};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::comments::comment_routes;
use crate::routes::problems::{CommentProblems, GuardedGetProblems};
use crate::routes::workflow::{CommentList, CommentRequest, CommentResponse};

comment_routes!(
    list_activity_comments,
    add_activity_comment,
    "/activities/{id}/comments",
    "activities",
    "an activity",
    activities
);
