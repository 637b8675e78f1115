//! `GET` and `POST /api/v1/grants/{id}/comments`: the comments kept with a grant.

use actix_web::{HttpResponse, get, post, web};
use intercoop_operations::{Database, grants};
use uuid::Uuid;

use crate::auth::{Authorized, Editor, Viewer};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::routes::comments::comment_routes;
use crate::routes::problems::{CommentProblems, GuardedGetProblems};
use crate::routes::workflow::{CommentList, CommentRequest, CommentResponse};

comment_routes!(list_grant_comments, add_grant_comment, "/grants/{id}/comments", "grants", "a grant", grants);
