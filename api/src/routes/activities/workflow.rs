//! `POST /api/v1/activities/{id}/publish`, `/withdraw` and `/reopen`: an activity's steps through the publication workflow.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, activities};
use uuid::Uuid;

use super::ActivityResponse;
use crate::auth::{Authorized, Publisher};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::TransitionProblems;
use crate::routes::workflow::transition_route;

transition_route!(
    publish_activity,
    "/activities/{id}/publish",
    "activities",
    "Publish an activity",
    "Draft or withdrawn -> published: the public sees it, and the annual report includes it.",
    activities,
    ActivityResponse,
    Transition::Publish
);

transition_route!(
    withdraw_activity,
    "/activities/{id}/withdraw",
    "activities",
    "Withdraw a published activity",
    "Published -> withdrawn: hidden from the public and the report, kept with its history.",
    activities,
    ActivityResponse,
    Transition::Withdraw
);

transition_route!(
    reopen_activity,
    "/activities/{id}/reopen",
    "activities",
    "Reopen a withdrawn activity as a draft",
    "Withdrawn -> draft, for editors to rework.",
    activities,
    ActivityResponse,
    Transition::Reopen
);
