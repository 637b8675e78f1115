//! The macro that writes the replace (`PUT`) and patch (`PATCH`, RFC 7396) handlers of a record with a workflow
//! (each resource's `update.rs`): each calls its operation, which checks the roles, the unit and `If-Match`.

macro_rules! edit_routes {
    (
        $replace:ident, $patch:ident, $path:literal, $tag:literal, $id:literal,
        $replace_summary:literal, $patch_summary:literal, $repo:ident, $draft:ty, $response:ty, $example:tt
    ) => {
        #[utoipa::path(
            tag = $tag,
            summary = $replace_summary,
            description = "The body is the whole record; fields left out take their defaults. A published record needs \
                the publisher role.",
            params(("id" = Uuid, Path, description = $id), IfMatchHeader),
            request_body = $draft,
            responses((status = 200, description = "The record as now stored", body = $response,
                headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))),
                UpdateProblems)
        )]
        #[put($path)]
        pub async fn $replace(
            auth: Authorized<Editor>,
            db: web::Data<Database>,
            pre: Preconditions,
            id: web::Path<Uuid>,
            Body(draft): Body<$draft>,
        ) -> ApiResult<HttpResponse> {
            let record = $repo::replace(&db, &auth, id.into_inner(), pre.if_match(), draft).await?;
            let body = <$response>::from(record);
            Ok(ok(body.version, &body))
        }

        #[utoipa::path(
            tag = $tag,
            summary = $patch_summary,
            description = "The body is a JSON merge patch (RFC 7396): the fields to change, `null` to clear one. \
                The same roles as a replace.",
            params(("id" = Uuid, Path, description = $id), IfMatchHeader),
            request_body(content = $draft, content_type = "application/merge-patch+json",
                description = "The fields to change", example = json!($example)),
            responses((status = 200, description = "The record as now stored", body = $response,
                headers(("ETag" = String, description = "The version's strong entity tag, for If-Match and If-None-Match"))),
                UpdateProblems)
        )]
        #[patch($path)]
        pub async fn $patch(
            auth: Authorized<Editor>,
            db: web::Data<Database>,
            pre: Preconditions,
            id: web::Path<Uuid>,
            Body(patch): Body<serde_json::Value>,
        ) -> ApiResult<HttpResponse> {
            let record = $repo::patch(&db, &auth, id.into_inner(), pre.if_match(), patch).await?;
            let body = <$response>::from(record);
            Ok(ok(body.version, &body))
        }
    };
}
pub(crate) use edit_routes;
