//! `POST /api/v1/agreements/{id}/submit`, `/publish`, `/return`, `/withdraw` and `/reopen`: an agreement's steps through the
//! publication workflow.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, agreements};
use uuid::Uuid;

use super::AgreementResponse;
use crate::auth::{Authorized, Editor, Publisher};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::{StepWithBodyProblems, TransitionProblems};
use crate::routes::workflow::{CommentRequest, return_route, transition_route};

transition_route!(
    submit_agreement,
    "/agreements/{id}/submit",
    "agreements",
    "Submit an agreement for review",
    "Draft -> submitted: handed to the publishers, who publish it or return it with a comment. An editor with a \
        unit submits that unit's records. While submitted, only publishers change it.",
    agreements,
    AgreementResponse,
    Transition::Submit,
    Editor
);

transition_route!(
    publish_agreement,
    "/agreements/{id}/publish",
    "agreements",
    "Publish an agreement",
    "Draft, submitted or withdrawn -> published: the public sees it, and the annual report includes it.",
    agreements,
    AgreementResponse,
    Transition::Publish,
    Publisher
);

return_route!(
    return_agreement,
    "/agreements/{id}/return",
    "agreements",
    "Return an agreement to its unit with a comment",
    agreements,
    AgreementResponse
);

transition_route!(
    withdraw_agreement,
    "/agreements/{id}/withdraw",
    "agreements",
    "Withdraw a published agreement",
    "Published -> withdrawn: hidden from the public and the report, kept with its history.",
    agreements,
    AgreementResponse,
    Transition::Withdraw,
    Publisher
);

transition_route!(
    reopen_agreement,
    "/agreements/{id}/reopen",
    "agreements",
    "Reopen a withdrawn agreement as a draft",
    "Withdrawn -> draft, for editors to rework.",
    agreements,
    AgreementResponse,
    Transition::Reopen,
    Publisher
);
