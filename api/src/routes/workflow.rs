//! The macros that write the publication workflow's handlers (each resource's `workflow.rs`): `POST .../submit`,
//! `/publish`, `/withdraw` and `/reopen`, `POST .../return` with its comment, and a record's comments (each
//! resource's `comments.rs`). Each calls its operation, which checks the role, the unit, the step and `If-Match`.

use chrono::{DateTime, Utc};
use intercoop_operations::RecordComment;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A comment to keep with a record: why it is returned, or a note between its unit and the publishers.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    /// The text, up to 4000 characters, not blank (it is kept trimmed).
    #[schema(
        example = "Add the partner city's name in English and the date of the second visit.",
        max_length = 4000,
        pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"
    )]
    pub comment: String,
}

/// A comment kept with a record.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentResponse {
    pub id: Uuid,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// Who wrote it (the account's name or the service account's id).
    pub author: String,
    /// The role the author wrote it with.
    pub author_role: String,
    /// The workflow step it came with (`return`), or none for a note.
    pub step: Option<String>,
    /// The record's version when it was written.
    pub record_version: i32,
    pub comment: String,
}

impl From<RecordComment> for CommentResponse {
    fn from(c: RecordComment) -> Self {
        Self {
            id: c.id,
            at: c.at,
            author: c.actor,
            author_role: c.actor_role,
            step: c.step,
            record_version: c.record_version,
            comment: c.body,
        }
    }
}

/// A record's comments, the oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentList {
    pub items: Vec<CommentResponse>,
}

macro_rules! transition_route {
    ($name:ident, $path:literal, $tag:literal, $summary:literal, $description:literal, $repo:ident, $response:ty, $step:expr, $role:ty) => {
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
            auth: Authorized<$role>,
            db: web::Data<Database>,
            pre: Preconditions,
            id: web::Path<Uuid>,
        ) -> ApiResult<HttpResponse> {
            let record = $repo::transition(&db, &auth, id.into_inner(), pre.if_match(), $step, None).await?;
            let body = <$response>::from(record);
            Ok(ok(body.version, &body))
        }
    };
}
pub(crate) use transition_route;

macro_rules! return_route {
    ($name:ident, $path:literal, $tag:literal, $summary:literal, $repo:ident, $response:ty) => {
        #[utoipa::path(
                            tag = $tag,
                            summary = $summary,
                            description = "Submitted -> draft: back to its unit with a comment saying what to change, \
                                kept with the record (`GET .../comments`).",
                            request_body = CommentRequest,
                            params(("id" = Uuid, Path, description = "The record's id"), IfMatchHeader),
                            responses(
                                (status = 200, description = "The record, a draft again", body = $response,
                                    headers(("ETag" = String, description = "The new version's strong entity tag"))),
                                StepWithBodyProblems,
                            )
                        )]
        #[post($path)]
        pub async fn $name(
            auth: Authorized<Publisher>,
            db: web::Data<Database>,
            pre: Preconditions,
            id: web::Path<Uuid>,
            Body(request): Body<CommentRequest>,
        ) -> ApiResult<HttpResponse> {
            let (id, step) = (id.into_inner(), Transition::Return);
            let record = $repo::transition(&db, &auth, id, pre.if_match(), step, Some(&request.comment)).await?;
            let body = <$response>::from(record);
            Ok(ok(body.version, &body))
        }
    };
}
pub(crate) use return_route;
