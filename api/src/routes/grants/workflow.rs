//! `POST /api/v1/grants/{id}/submit`, `/publish`, `/return`, `/withdraw` and `/reopen`: a grant's steps through the
//! publication workflow.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, grants};
use uuid::Uuid;

use super::GrantResponse;
use crate::auth::{Authorized, Editor, Publisher};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::{StepWithBodyProblems, TransitionProblems};
use crate::routes::workflow::{CommentRequest, return_route, transition_route};

transition_route!(
    submit_grant,
    "/grants/{id}/submit",
    "grants",
    "Submit a grant for review",
    "Draft -> submitted: handed to the publishers, who publish it or return it with a comment. An editor with a \
        unit submits that unit's records. While submitted, only publishers change it.",
    grants,
    GrantResponse,
    Transition::Submit,
    Editor
);

transition_route!(
    publish_grant,
    "/grants/{id}/publish",
    "grants",
    "Publish a grant",
    "Draft, submitted or withdrawn -> published: the public sees it, and the annual report includes it.",
    grants,
    GrantResponse,
    Transition::Publish,
    Publisher
);

return_route!(
    return_grant,
    "/grants/{id}/return",
    "grants",
    "Return a grant to its unit with a comment",
    grants,
    GrantResponse
);

transition_route!(
    withdraw_grant,
    "/grants/{id}/withdraw",
    "grants",
    "Withdraw a published grant",
    "Published -> withdrawn: hidden from the public and the report, kept with its history.",
    grants,
    GrantResponse,
    Transition::Withdraw,
    Publisher
);

transition_route!(
    reopen_grant,
    "/grants/{id}/reopen",
    "grants",
    "Reopen a withdrawn grant as a draft",
    "Withdrawn -> draft, for editors to rework.",
    grants,
    GrantResponse,
    Transition::Reopen,
    Publisher
);
