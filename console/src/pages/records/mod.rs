//! The pages every record type with a plain form shares (grants, agreements): a new record's form, a record's
//! page (its form, read-only where the person may not change it, and its review), saving over the version the
//! form was opened at, the form again as typed when a save is refused, and the workflow's steps and comments.
//! Each type says what differs in a [`Kind`].

mod handlers;

pub use handlers::{create, new, save, show, step};

use actix_web::HttpResponse;
use intercoop_domain::roles::{Editor, MinRole};
use intercoop_domain::{FieldErrors, Stored};
use intercoop_operations::{Caller, Database, IfMatch, Result};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::forms::Errors;
use crate::i18n::Tr;
use crate::page::{PageError, Shell};
use crate::pages::review::WorkflowPanel;
use crate::pages::workflow::Collection;
use crate::session::Staff;

/// What a record's page shows, whatever its type; the type's template shows it.
pub struct RecordPage<K: Kind> {
    pub shell: Shell,
    pub collection: &'static str,
    pub id: Option<String>,
    pub form: K::Form,
    pub errors: Errors,
    pub choices: K::Choices,
    pub state: Option<String>,
    pub state_code: String,
    /// Whether the person may change the record (role, unit, state).
    pub editable: bool,
    pub workflow: WorkflowPanel,
    /// The title of what is stored now, when the person's save came after someone else's.
    pub stored_title: Option<String>,
}

/// A form's version and CSRF token.
pub trait Versioned {
    fn csrf(&self) -> &str;
    fn version(&self) -> Option<i32>;
    fn set_version(&mut self, version: i32);
}

/// What one record type brings to its pages.
pub trait Kind: Sized + 'static {
    type Draft: Clone;
    type Form: DeserializeOwned + Versioned;
    /// What the form offers to choose from.
    type Choices;
    const COLLECTION: Collection;
    /// The catalogue's key of a new record's title.
    const NEW: &'static str;

    fn title(tr: Tr, draft: &Self::Draft) -> String;
    fn owner_unit(draft: &Self::Draft) -> Option<&str>;
    fn form_of(draft: &Self::Draft, version: i32) -> Self::Form;
    fn new_form(unit: Option<&str>) -> Self::Form;
    fn draft(form: &Self::Form) -> std::result::Result<Self::Draft, FieldErrors>;
    /// The input an error about the draft's `field` is shown beside.
    fn input_of(field: &str) -> String;
    fn choices(
        db: &Database,
        caller: &Caller,
        tr: Tr,
        form: &Self::Form,
    ) -> impl Future<Output = Result<Self::Choices>>;
    fn get(db: &Database, caller: &Caller, id: Uuid) -> impl Future<Output = Result<Stored<Self::Draft>>>;
    fn create(db: &Database, caller: &Caller, draft: Self::Draft) -> impl Future<Output = Result<Stored<Self::Draft>>>;
    fn replace(
        db: &Database,
        caller: &Caller,
        id: Uuid,
        if_match: &IfMatch,
        draft: Self::Draft,
    ) -> impl Future<Output = Result<Stored<Self::Draft>>>;
    /// The page, through the type's template.
    fn render(page: RecordPage<Self>) -> std::result::Result<HttpResponse, PageError>;
}

/// The page of `stored` (none: a new record) with `form` and `errors`.
pub async fn page<K: Kind, R: MinRole>(
    req: &actix_web::HttpRequest,
    staff: &Staff<R>,
    db: &Database,
    stored: Option<&Stored<K::Draft>>,
    form: K::Form,
    errors: Errors,
) -> std::result::Result<RecordPage<K>, PageError> {
    let tr = staff.tr;
    let failed = |e| PageError::from_operation(tr.lang, e);
    let choices = K::choices(db, staff.caller(), tr, &form).await.map_err(failed)?;
    let state = stored.map(|s| s.meta.publication.unwrap_or_default());
    let owner = stored.and_then(|s| K::owner_unit(&s.data));
    let workflow = match stored {
        Some(s) => crate::pages::review::panel(db, staff, K::COLLECTION, s.meta.id, (owner, state)).await?,
        None => WorkflowPanel::default(),
    };
    let title = stored.map_or_else(|| tr.t(K::NEW), |s| K::title(tr, &s.data));
    Ok(RecordPage {
        shell: Shell::new(req, staff, K::COLLECTION.name(), title),
        collection: K::COLLECTION.name(),
        id: stored.map(|s| s.meta.id.to_string()),
        form,
        errors,
        choices,
        state: state.map(|s| tr.term("state", s.as_str())),
        state_code: state.map(|s| s.as_str()).unwrap_or_default().to_owned(),
        editable: crate::pages::workflow::editable(staff, owner, state),
        workflow,
        stored_title: None,
    })
}

/// Keeps the editor role in the signature of the handlers that change records.
pub type EditorStaff = Staff<Editor>;

/// Implements [`Versioned`] for a form with `csrf` and `version` fields.
macro_rules! versioned {
    ($form:ty) => {
        impl $crate::pages::records::Versioned for $form {
            fn csrf(&self) -> &str {
                &self.csrf
            }
            fn version(&self) -> Option<i32> {
                self.version
            }
            fn set_version(&mut self, version: i32) {
                self.version = Some(version);
            }
        }
    };
}
pub(crate) use versioned;

/// Fills a type's form template (a struct with the fields of [`RecordPage`]) from the page, and renders it.
macro_rules! render_as {
    ($template:ident, $page:expr) => {{
        let p = $page;
        $crate::page::render(&$template {
            shell: p.shell,
            collection: p.collection,
            id: p.id,
            form: p.form,
            errors: p.errors,
            choices: p.choices,
            state: p.state,
            state_code: p.state_code,
            editable: p.editable,
            workflow: p.workflow,
            stored_title: p.stored_title,
        })
    }};
}
pub(crate) use render_as;
