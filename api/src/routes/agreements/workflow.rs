//! `POST /api/v1/agreements/{id}/publish`, `/withdraw` and `/reopen`: an agreement's steps through the publication workflow.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, agreements};
use uuid::Uuid;

use super::AgreementResponse;
use crate::auth::{Authorized, Publisher};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::TransitionProblems;
use crate::routes::workflow::transition_route;

transition_route!(
    publish_agreement,
    "/agreements/{id}/publish",
    "agreements",
    "Publish an agreement",
    "Draft or withdrawn -> published: the public sees it, and the annual report includes it.",
    agreements,
    AgreementResponse,
    Transition::Publish
);

transition_route!(
    withdraw_agreement,
    "/agreements/{id}/withdraw",
    "agreements",
    "Withdraw a published agreement",
    "Published -> withdrawn: hidden from the public and the report, kept with its history.",
    agreements,
    AgreementResponse,
    Transition::Withdraw
);

transition_route!(
    reopen_agreement,
    "/agreements/{id}/reopen",
    "agreements",
    "Reopen a withdrawn agreement as a draft",
    "Withdrawn -> draft, for editors to rework.",
    agreements,
    AgreementResponse,
    Transition::Reopen
);
