//! The macro that writes the publication workflow's handlers, `POST .../publish`, `/withdraw` and `/reopen`
//! (each resource's `workflow.rs`): each calls its operation, which checks the role, the step and `If-Match`.

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
pub(crate) use transition_route;
