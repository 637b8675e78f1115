//! `POST /api/v1/grants/{id}/publish`, `/withdraw` and `/reopen`: a grant's steps through the publication workflow.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, grants};
use uuid::Uuid;

use super::GrantResponse;
use crate::auth::{Authorized, Publisher};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::TransitionProblems;
use crate::routes::workflow::transition_route;

transition_route!(
    publish_grant,
    "/grants/{id}/publish",
    "grants",
    "Publish a grant",
    "Draft or withdrawn -> published: the public sees it, and the annual report includes it.",
    grants,
    GrantResponse,
    Transition::Publish
);

transition_route!(
    withdraw_grant,
    "/grants/{id}/withdraw",
    "grants",
    "Withdraw a published grant",
    "Published -> withdrawn: hidden from the public and the report, kept with its history.",
    grants,
    GrantResponse,
    Transition::Withdraw
);

transition_route!(
    reopen_grant,
    "/grants/{id}/reopen",
    "grants",
    "Reopen a withdrawn grant as a draft",
    "Withdrawn -> draft, for editors to rework.",
    grants,
    GrantResponse,
    Transition::Reopen
);
