//! The records' use cases: create, replace, patch, the workflow's steps, delete, get and list. Each checks the
//! content, the caller's role (and the publisher role for a published record), keeps an editor to its unit's
//! records, honours the version the caller names, and writes in one transaction with its audit entry.

mod patch;

pub mod activities;
pub mod agreements;
pub mod grants;
pub mod measures;
pub mod partners;
pub mod programmes;

pub use patch::merge_patch;

/// The use cases of a record with the publication workflow (activities, partners, grants, agreements).
macro_rules! workflow_operations {
    ($repo:ident, $draft:ty, $view:ty) => {
        /// Creates a draft: needs the editor role; an editor with a unit creates it for that unit.
        pub async fn create(
            db: &$crate::Database,
            caller: &$crate::Caller,
            mut draft: $draft,
        ) -> $crate::Result<$view> {
            caller.require(intercoop_domain::Role::Editor, "creating a record")?;
            draft.check()?;
            caller.check_unit(None, &mut draft.owner_unit)?;
            Ok($repo::create(db, &caller.actor(), draft).await?)
        }

        /// Replaces the whole content; a published record needs the publisher role.
        pub async fn replace(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
            if_match: &$crate::IfMatch,
            mut draft: $draft,
        ) -> $crate::Result<$view> {
            caller.require(intercoop_domain::Role::Editor, "changing a record")?;
            draft.check()?;
            $repo::update(db, &caller.actor(), id, |current| {
                if_match.check(current.meta.version)?;
                caller.check_may_change(current.meta.publication)?;
                caller.check_unit(Some(&current.data.owner_unit), &mut draft.owner_unit)?;
                Ok::<_, $crate::Error>(draft)
            })
            .await
        }

        /// Changes the fields an RFC 7396 merge patch names; the same rules as a replace.
        pub async fn patch(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
            if_match: &$crate::IfMatch,
            patch: serde_json::Value,
        ) -> $crate::Result<$view> {
            caller.require(intercoop_domain::Role::Editor, "changing a record")?;
            $repo::update(db, &caller.actor(), id, |current| {
                if_match.check(current.meta.version)?;
                let mut draft: $draft = $crate::records::merge_patch(&current.data, patch)?;
                draft.check()?;
                caller.check_may_change(current.meta.publication)?;
                caller.check_unit(Some(&current.data.owner_unit), &mut draft.owner_unit)?;
                Ok::<_, $crate::Error>(draft)
            })
            .await
        }

        /// A step of the workflow: `submit` needs the editor role (an editor submits its own unit's records),
        /// the others the publisher role; a `return` needs a comment, which is kept with the record. 409 when
        /// the step does not apply to the record's state.
        pub async fn transition(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
            if_match: &$crate::IfMatch,
            step: intercoop_domain::Transition,
            comment: Option<&str>,
        ) -> $crate::Result<$view> {
            caller.require(step.role(), &format!("the workflow step '{}'", step.as_str()))?;
            let comment = intercoop_domain::Comment::for_step(step, comment)?;
            $repo::transition(db, &caller.actor(), id, comment.as_ref().map(|c| c.as_str()), |current| {
                if_match.check(current.meta.version)?;
                caller.check_unit(Some(&current.data.owner_unit), &mut current.data.owner_unit.clone())?;
                let next = current
                    .meta
                    .publication
                    .unwrap_or_default()
                    .after(step)
                    .map_err(|message| $crate::Error::new($crate::ErrorCode::InvalidTransition, message))?;
                Ok::<_, $crate::Error>((next, step.as_str()))
            })
            .await
        }

        /// Deletes the record: needs the admin role; 409 while other records refer to it.
        pub async fn delete(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
            if_match: &$crate::IfMatch,
        ) -> $crate::Result<()> {
            caller.require(intercoop_domain::Role::Admin, "deleting a record")?;
            $repo::delete(db, &caller.actor(), id, |current| if_match.check(current.meta.version)).await
        }

        /// Adds a note to the record: needs the editor role; an editor writes on its own unit's records.
        pub async fn add_comment(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
            body: &str,
        ) -> $crate::Result<$crate::RecordComment> {
            caller.require(intercoop_domain::Role::Editor, "commenting on a record")?;
            let comment = intercoop_domain::Comment::new(body)?;
            $repo::add_comment(db, &caller.actor(), id, comment.as_str(), |current| {
                caller.check_unit(Some(&current.data.owner_unit), &mut current.data.owner_unit.clone())
            })
            .await
        }

        /// The comments kept with the record, the oldest first: for signed-in callers only.
        pub async fn comments(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
        ) -> $crate::Result<Vec<$crate::RecordComment>> {
            caller.require(intercoop_domain::Role::Viewer, "reading a record's comments")?;
            $repo::get(db, id, caller.visibility()).await?;
            Ok($repo::comments(db, id).await?)
        }

        /// The record, when the caller may see it (anonymous callers see published records only).
        pub async fn get(db: &$crate::Database, caller: &$crate::Caller, id: uuid::Uuid) -> $crate::Result<$view> {
            Ok($repo::get(db, id, caller.visibility()).await?)
        }
    };
}
pub(crate) use workflow_operations;

/// The use cases of a record of the programme's structure (programmes, measures): the admin role changes them.
macro_rules! structure_operations {
    ($repo:ident, $draft:ty, $stored:ty) => {
        /// Creates the record: needs the admin role.
        pub async fn create(db: &$crate::Database, caller: &$crate::Caller, draft: $draft) -> $crate::Result<$stored> {
            caller.require(intercoop_domain::Role::Admin, "changing the programme's structure")?;
            draft.check()?;
            Ok($repo::create(db, &caller.actor(), draft).await?)
        }

        /// Replaces the whole content: needs the admin role.
        pub async fn replace(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
            if_match: &$crate::IfMatch,
            draft: $draft,
        ) -> $crate::Result<$stored> {
            caller.require(intercoop_domain::Role::Admin, "changing the programme's structure")?;
            draft.check()?;
            $repo::update(db, &caller.actor(), id, |current| {
                if_match.check(current.meta.version)?;
                Ok::<_, $crate::Error>(draft)
            })
            .await
        }

        /// Changes the fields an RFC 7396 merge patch names: needs the admin role.
        pub async fn patch(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
            if_match: &$crate::IfMatch,
            patch: serde_json::Value,
        ) -> $crate::Result<$stored> {
            caller.require(intercoop_domain::Role::Admin, "changing the programme's structure")?;
            $repo::update(db, &caller.actor(), id, |current| {
                if_match.check(current.meta.version)?;
                let draft: $draft = $crate::records::merge_patch(&current.data, patch)?;
                draft.check()?;
                Ok::<_, $crate::Error>(draft)
            })
            .await
        }

        /// Deletes the record: needs the admin role; 409 while other records refer to it.
        pub async fn delete(
            db: &$crate::Database,
            caller: &$crate::Caller,
            id: uuid::Uuid,
            if_match: &$crate::IfMatch,
        ) -> $crate::Result<()> {
            caller.require(intercoop_domain::Role::Admin, "changing the programme's structure")?;
            $repo::delete(db, &caller.actor(), id, |current| if_match.check(current.meta.version)).await
        }
    };
}
pub(crate) use structure_operations;
