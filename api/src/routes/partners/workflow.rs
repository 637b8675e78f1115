//! `POST /api/v1/partners/{id}/publish`, `/withdraw` and `/reopen`: a partner's steps through the publication workflow.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, partners};
use uuid::Uuid;

use super::PartnerResponse;
use crate::auth::{Authorized, Publisher};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::TransitionProblems;
use crate::routes::workflow::transition_route;

transition_route!(
    publish_partner,
    "/partners/{id}/publish",
    "partners",
    "Publish a partner",
    "Draft or withdrawn -> published: the public sees it, and the annual report includes it.",
    partners,
    PartnerResponse,
    Transition::Publish
);

transition_route!(
    withdraw_partner,
    "/partners/{id}/withdraw",
    "partners",
    "Withdraw a published partner",
    "Published -> withdrawn: hidden from the public and the report, kept with its history.",
    partners,
    PartnerResponse,
    Transition::Withdraw
);

transition_route!(
    reopen_partner,
    "/partners/{id}/reopen",
    "partners",
    "Reopen a withdrawn partner as a draft",
    "Withdrawn -> draft, for editors to rework.",
    partners,
    PartnerResponse,
    Transition::Reopen
);
