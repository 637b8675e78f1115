//! `POST /api/v1/activities/{id}/submit`, `/publish`, `/return`, `/withdraw` and `/reopen`: an activity's steps through the
//! publication workflow.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, activities};
use uuid::Uuid;

use super::ActivityResponse;
use crate::auth::{Authorized, Editor, Publisher};
use crate::http::error::ApiResult;
use crate::http::extract::Body;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::{StepWithBodyProblems, TransitionProblems};
use crate::routes::workflow::{CommentRequest, return_route, transition_route};

transition_route!(
    submit_activity,
    "/activities/{id}/submit",
    "activities",
    "Submit an activity for review",
    "Draft -> submitted: handed to the publishers, who publish it or return it with a comment. An editor with a \
        unit submits that unit's records. While submitted, only publishers change it.",
    activities,
    ActivityResponse,
    Transition::Submit,
    Editor
);

transition_route!(
    publish_activity,
    "/activities/{id}/publish",
    "activities",
    "Publish an activity",
    "Draft, submitted or withdrawn -> published: the public sees it, and the annual report includes it.",
    activities,
    ActivityResponse,
    Transition::Publish,
    Publisher
);

return_route!(
    return_activity,
    "/activities/{id}/return",
    "activities",
    "Return an activity to its unit with a comment",
    activities,
    ActivityResponse
);

transition_route!(
    withdraw_activity,
    "/activities/{id}/withdraw",
    "activities",
    "Withdraw a published activity",
    "Published -> withdrawn: hidden from the public and the report, kept with its history.",
    activities,
    ActivityResponse,
    Transition::Withdraw,
    Publisher
);

transition_route!(
    reopen_activity,
    "/activities/{id}/reopen",
    "activities",
    "Reopen a withdrawn activity as a draft",
    "Withdrawn -> draft, for editors to rework.",
    activities,
    ActivityResponse,
    Transition::Reopen,
    Publisher
);
