//! `GET` and `POST /api/v1/partners/{id}/comments`: the comments kept with a partner.

use actix_web::{HttpResponse, get, post, web};
use intercoop_operations::{Database, partners};
use uuid::Uuid;

use crate::auth::{Authorized, Editor, Viewer};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::comments::comment_routes;
use crate::routes::problems::{CommentProblems, GuardedGetProblems};
use crate::routes::workflow::{CommentList, CommentRequest, CommentResponse};

comment_routes!(
    list_partner_comments,
    add_partner_comment,
    "/partners/{id}/comments",
    "partners",
    "a partner",
    partners
);
