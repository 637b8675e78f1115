//! The macro that writes a record's comment handlers (each resource's `comments.rs`): `GET .../comments` lists
//! them for signed-in callers, `POST .../comments` adds a note (an editor, on its own unit's records).

macro_rules! comment_routes {
    ($list:ident, $add:ident, $path:literal, $tag:literal, $kind:literal, $repo:ident) => {
        #[utoipa::path(
                            tag = $tag,
                            summary = concat!("The comments kept with ", $kind),
                            description = "Why the record was returned, and the notes between its unit and the \
                                publishers, the oldest first. Signed-in callers only.",
                            params(("id" = Uuid, Path, description = "The record's id")),
                            responses(
                                (status = 200, description = "The comments", body = CommentList),
                                GuardedGetProblems,
                            )
                        )]
        #[get($path)]
        pub async fn $list(
            auth: Authorized<Viewer>,
            db: web::Data<Database>,
            id: web::Path<Uuid>,
        ) -> ApiResult<HttpResponse> {
            let items = $repo::comments(&db, &auth, id.into_inner()).await?;
            let body = CommentList { items: items.into_iter().map(CommentResponse::from).collect() };
            Ok(HttpResponse::Ok().json(body))
        }

        #[utoipa::path(
                            tag = $tag,
                            summary = concat!("Add a comment to ", $kind),
                            description = "A note kept with the record, for its unit and the publishers. Needs the \
                                editor role; an editor with a unit comments on that unit's records.",
                            request_body = CommentRequest,
                            params(("id" = Uuid, Path, description = "The record's id")),
                            responses(
                                (status = 201, description = "The comment as kept", body = CommentResponse),
                                CommentProblems,
                            )
                        )]
        #[post($path)]
        pub async fn $add(
            auth: Authorized<Editor>,
            db: web::Data<Database>,
            id: web::Path<Uuid>,
            Body(request): Body<CommentRequest>,
        ) -> ApiResult<HttpResponse> {
            let comment = $repo::add_comment(&db, &auth, id.into_inner(), &request.comment).await?;
            Ok(HttpResponse::Created().json(CommentResponse::from(comment)))
        }
    };
}
pub(crate) use comment_routes;
