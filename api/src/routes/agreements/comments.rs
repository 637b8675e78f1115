//! `GET` and `POST /api/v1/agreements/{id}/comments`: the comments kept with an agreement.

use actix_web::{HttpResponse, get, post, web};
use intercoop_operations::{Database, agreements};
use uuid::Uuid;

use crate::auth::{Authorized, Editor, Viewer};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::comments::comment_routes;
use crate::routes::problems::{CommentProblems, GuardedGetProblems};
use crate::routes::workflow::{CommentList, CommentRequest, CommentResponse};

comment_routes!(
    list_agreement_comments,
    add_agreement_comment,
    "/agreements/{id}/comments",
    "agreements",
    "an agreement",
    agreements
);
