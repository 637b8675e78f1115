//! The handlers every plain record type shares, over its [`Kind`].

use actix_web::{HttpRequest, HttpResponse, web};
use intercoop_domain::Stored;
use intercoop_operations::{Database, Error, IfMatch};
use uuid::Uuid;

use super::{EditorStaff, Kind, Versioned, page};
use crate::BASE;
use crate::forms::{self, Errors, Refusal};
use crate::page::{PageError, see_other};
use crate::pages::workflow::{Outcome, run};
use crate::session::Staff;

async fn stored<K: Kind, R: intercoop_domain::roles::MinRole>(
    db: &Database,
    staff: &Staff<R>,
    id: &str,
) -> Result<Stored<K::Draft>, PageError> {
    let lang = staff.tr.lang;
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found(lang))?;
    K::get(db, staff.caller(), id).await.map_err(|e| PageError::from_operation(lang, e))
}

/// A form for a new record.
pub async fn new<K: Kind>(
    req: HttpRequest,
    staff: EditorStaff,
    db: web::Data<Database>,
) -> Result<HttpResponse, PageError> {
    let form = K::new_form(staff.caller().unit.as_deref());
    K::render(page::<K, _>(&req, &staff, &db, None, form, Errors::default()).await?)
}

/// A record's page: its form (read-only where the person may not change it) and its review.
pub async fn show<K: Kind>(
    req: HttpRequest,
    staff: Staff,
    db: web::Data<Database>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let record = stored::<K, _>(&db, &staff, &id).await?;
    let form = K::form_of(&record.data, record.meta.version);
    K::render(page::<K, _>(&req, &staff, &db, Some(&record), form, Errors::default()).await?)
}

/// Records a new one.
pub async fn create<K: Kind>(
    req: HttpRequest,
    staff: EditorStaff,
    db: web::Data<Database>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: K::Form = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(form.csrf())?;
    let saved = match K::draft(&form) {
        Ok(draft) => K::create(&db, staff.caller(), draft).await,
        Err(errors) => Err(Error::validation(errors)),
    };
    match saved {
        Ok(record) => Ok(see_other(&format!("{BASE}/{}/{}?done=saved", K::COLLECTION.name(), record.meta.id))),
        Err(e) => refused::<K>(&req, &staff, &db, None, form, e).await,
    }
}

/// Saves the form over the version it was opened at.
pub async fn save<K: Kind>(
    req: HttpRequest,
    staff: EditorStaff,
    db: web::Data<Database>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: K::Form = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(form.csrf())?;
    let record = stored::<K, _>(&db, &staff, &id).await?;
    let id = record.meta.id;
    let if_match = IfMatch::version(form.version().unwrap_or_default());
    let saved = match K::draft(&form) {
        Ok(draft) => K::replace(&db, staff.caller(), id, &if_match, draft).await,
        Err(errors) => Err(Error::validation(errors)),
    };
    match saved {
        Ok(_) => Ok(see_other(&format!("{BASE}/{}/{id}?done=saved", K::COLLECTION.name()))),
        Err(e) => refused::<K>(&req, &staff, &db, Some(&record), form, e).await,
    }
}

/// The form again, as typed, with what was wrong: beside each field, or above the form; after someone else's
/// change, what is stored now and the version it has.
async fn refused<K: Kind>(
    req: &HttpRequest,
    staff: &EditorStaff,
    db: &Database,
    record: Option<&Stored<K::Draft>>,
    mut form: K::Form,
    e: Error,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr;
    let Refusal { status, errors, clashed } = Refusal::of(tr, e, K::input_of)?;
    let mut stored_title = None;
    if clashed && let Some(record) = record {
        stored_title = Some(K::title(tr, &record.data));
        form.set_version(record.meta.version);
    }
    let mut page = page::<K, _>(req, staff, db, record, form, errors).await?;
    page.stored_title = stored_title;
    let mut res = K::render(page)?;
    *res.status_mut() = status;
    Ok(res)
}

/// A workflow step or a comment from the record's page; a refused one shows the page again with the comment.
pub async fn step<K: Kind>(
    req: HttpRequest,
    staff: EditorStaff,
    db: web::Data<Database>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let refusal = match run(&staff, &db, &body, K::COLLECTION, path.into_inner()).await? {
        Outcome::Done(response) => return Ok(response),
        Outcome::Refused(refusal) => refusal,
    };
    let lang = staff.tr.lang;
    let record = K::get(&db, staff.caller(), refusal.id).await.map_err(|e| PageError::from_operation(lang, e))?;
    let (status, errors, comment, step) = refusal.errors(staff.tr)?;
    let form = K::form_of(&record.data, record.meta.version);
    let mut page = page::<K, _>(&req, &staff, &db, Some(&record), form, errors).await?;
    (page.workflow.comment, page.workflow.comment_at) = (comment, step);
    let mut res = K::render(page)?;
    *res.status_mut() = status;
    Ok(res)
}
