//! The review on a record's page: the steps the person may take, the comments kept with the record (why it was
//! returned, notes between the unit and the publishers), and what changed since it was last published.

use intercoop_domain::PublicationState;
use intercoop_domain::roles::MinRole;
use intercoop_operations::records::{activities, agreements, grants, partners};
use intercoop_operations::{Database, RecordComment, trail};
use uuid::Uuid;

use crate::i18n::Tr;
use crate::page::PageError;
use crate::pages::history::shown;
use crate::pages::workflow::{Collection, StepButton, may_comment, offered};
use crate::session::Staff;

/// A comment as the page shows it.
pub struct CommentRow {
    pub at: String,
    pub author: String,
    /// The step it came with ("Повернуто на доопрацювання"), if any.
    pub step: Option<String>,
    pub text: String,
}

/// A field changed since the last publication: its value then and now, as a person reads them.
pub struct ChangeRow {
    pub field: String,
    pub published: String,
    pub now: String,
}

/// The workflow part of a record's page.
#[derive(Default)]
pub struct WorkflowPanel {
    pub steps: Vec<StepButton>,
    pub comments: Vec<CommentRow>,
    pub may_comment: bool,
    /// The comment the person typed, kept when a step or a comment was refused, and the form it was typed in
    /// (`return`, or `comment` for a note).
    pub comment: String,
    pub comment_at: String,
    /// What changed since the last publication, shown while the record is not published; none: never published.
    pub since_published: Option<Vec<ChangeRow>>,
    /// Whether the record is published now (then nothing is pending).
    pub published: bool,
    /// Whether the panel comes before the form: the record waits for review.
    pub first: bool,
    /// Why the record was sent back, while it is the draft that was returned.
    pub returned: Option<CommentRow>,
}

/// The panel of the record `id` of `collection`, of `owner_unit` and in `state`.
pub async fn panel<R: MinRole>(
    db: &Database,
    staff: &Staff<R>,
    collection: Collection,
    id: Uuid,
    (owner_unit, state): (Option<&str>, Option<PublicationState>),
) -> Result<WorkflowPanel, PageError> {
    let tr = staff.tr;
    let failed = |e| PageError::from_operation(tr.lang, e);
    let caller = staff.caller();
    let comments = match collection {
        Collection::Activities => activities::comments(db, caller, id).await,
        Collection::Partners => partners::comments(db, caller, id).await,
        Collection::Grants => grants::comments(db, caller, id).await,
        Collection::Agreements => agreements::comments(db, caller, id).await,
    }
    .map_err(failed)?;
    let published = state == Some(PublicationState::Published);
    let history = trail::history(db, caller, collection.record_type(), id).await.map_err(failed)?;
    let since_published = match published {
        true => None,
        false => trail::changes_since_publication(&history).map(|fields| {
            fields
                .into_iter()
                .map(|f| ChangeRow {
                    field: tr.record_field(&f.field),
                    published: shown(&f.published),
                    now: shown(&f.now),
                })
                .collect()
        }),
    };
    let last_step = history.iter().rev().find(|e| !matches!(e.action.as_str(), "create" | "update" | "delete"));
    let returned = match last_step {
        Some(step) if step.action == "return" && state == Some(PublicationState::Draft) => {
            comments.iter().rev().find(|c| c.step.as_deref() == Some("return")).map(|c| comment_row(tr, c))
        }
        _ => None,
    };
    Ok(WorkflowPanel {
        steps: offered(staff, owner_unit, state),
        comments: comments.iter().map(|c| comment_row(tr, c)).collect(),
        may_comment: may_comment(staff, owner_unit),
        comment: String::new(),
        comment_at: String::new(),
        since_published,
        published,
        first: state == Some(PublicationState::Submitted),
        returned,
    })
}

fn comment_row(tr: Tr, c: &RecordComment) -> CommentRow {
    CommentRow {
        at: c.at.format("%Y-%m-%d %H:%M").to_string(),
        author: c.actor.clone(),
        step: c.step.as_deref().map(|step| tr.term("commented", step)),
        text: c.body.clone(),
    }
}
