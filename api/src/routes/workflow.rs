//! The publication workflow: `POST /api/v1/{collection}/{id}/publish`, `/withdraw` and `/reopen` (draft ->
//! published -> withdrawn -> draft), for activities, partners, grants and agreements. Each needs the publisher
//! role, honours `If-Match`, and is written to the audit trail.

use actix_web::{HttpResponse, post, web};
use intercoop_domain::Transition;
use intercoop_operations::{Database, activities, agreements, grants, partners};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::activities::ActivityResponse;
use super::agreements::AgreementResponse;
use super::grants::GrantResponse;
use super::partners::PartnerResponse;
use crate::auth::{Authorized, Publisher};
use crate::http::error::ApiResult;
use crate::http::preconditions::{IfMatchHeader, Preconditions, ok};
use crate::routes::problems::TransitionProblems;

macro_rules! transition_route {
    ($name:ident, $path:literal, $tag:literal, $summary:literal, $description:literal, $repo:ident, $response:ty, $step:expr) => {
        #[utoipa::path(
                            tag = $tag,
                            summary = $summary,
                            description = $description,
                            params(("id" = Uuid, Path, description = "The record's id"), IfMatchHeader),
                            responses(
                                (status = 200, description = "The record in its new state", body = $response,
                                    headers(("ETag" = String, description = "The new version's strong entity tag"))),
                                TransitionProblems,
                            )
                        )]
        #[post($path)]
        pub async fn $name(
            auth: Authorized<Publisher>,
            db: web::Data<Database>,
            pre: Preconditions,
            id: web::Path<Uuid>,
        ) -> ApiResult<HttpResponse> {
            let record = $repo::transition(&db, &auth, id.into_inner(), pre.if_match(), $step).await?;
            let body = <$response>::from(record);
            Ok(ok(body.version, &body))
        }
    };
}

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

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(publish_activity)
        .service(withdraw_activity)
        .service(reopen_activity)
        .service(publish_partner)
        .service(withdraw_partner)
        .service(reopen_partner)
        .service(publish_grant)
        .service(withdraw_grant)
        .service(reopen_grant)
        .service(publish_agreement)
        .service(withdraw_agreement)
        .service(reopen_agreement);
}
