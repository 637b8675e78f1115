//! `POST /api/v1/partners/{id}/submit`, `/publish`, `/return`, `/withdraw` and `/reopen`: a partner's steps through the
//! publication workflow.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, partners};
use uuid::Uuid;

use super::PartnerResponse;
use crate::auth::{Authorized, Editor, Publisher};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::{StepWithBodyProblems, TransitionProblems};
use crate::routes::workflow::{CommentRequest, return_route, transition_route};

transition_route!(
    submit_partner,
    "/partners/{id}/submit",
    "partners",
    "Submit a partner for review",
    "Draft -> submitted: handed to the publishers, who publish it or return it with a comment. An editor with a \
        unit submits that unit's records. While submitted, only publishers change it.",
    partners,
    PartnerResponse,
    Transition::Submit,
    Editor
);

transition_route!(
    publish_partner,
    "/partners/{id}/publish",
    "partners",
    "Publish a partner",
    "Draft, submitted or withdrawn -> published: the public sees it, and the annual report includes it.",
    partners,
    PartnerResponse,
    Transition::Publish,
    Publisher
);

return_route!(
    return_partner,
    "/partners/{id}/return",
    "partners",
    "Return a partner to its unit with a comment",
    partners,
    PartnerResponse
);

transition_route!(
    withdraw_partner,
    "/partners/{id}/withdraw",
    "partners",
    "Withdraw a published partner",
    "Published -> withdrawn: hidden from the public and the report, kept with its history.",
    partners,
    PartnerResponse,
    Transition::Withdraw,
    Publisher
);

transition_route!(
    reopen_partner,
    "/partners/{id}/reopen",
    "partners",
    "Reopen a withdrawn partner as a draft",
    "Withdrawn -> draft, for editors to rework.",
    partners,
    PartnerResponse,
    Transition::Reopen,
    Publisher
);
