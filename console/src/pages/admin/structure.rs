//! The programme's structure (admins): a section's numeral and title, a measure's section, code, title and
//! responsible units, each added or changed through the API's own operations; a measure's planned funding is
//! kept as it is (the API changes it).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use intercoop_domain::roles::Admin;
use intercoop_domain::{FieldErrors, MeasureDraft, SectionDraft};
use intercoop_operations::records::{measures, programmes};
use intercoop_operations::{Database, Error, IfMatch};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::BASE;
use crate::forms::{self, Errors, Refusal, optional};
use crate::page::{PageError, Shell, render, see_other};
use crate::pages::activities::Choice;
use crate::session::Staff;

/// The inputs of the section and measure forms, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StructureForm {
    csrf: String,
    version: Option<i32>,
    /// A section's numeral, or a measure's code.
    number: String,
    title_uk: String,
    title_en: String,
    /// A measure's section.
    section_id: String,
    /// A measure's responsible units, one per line.
    units: String,
}

impl StructureForm {
    fn title(&self) -> Value {
        json!({"uk": self.title_uk, "en": optional(&self.title_en)})
    }

    /// A section's content, as the API's body names it.
    fn section(&self) -> Value {
        json!({"number": self.number.trim(), "title": self.title()})
    }

    /// A measure's content but its funding, as the API's body names it.
    fn measure(&self) -> Value {
        let units: Vec<String> = self.units.lines().filter_map(optional).collect();
        json!({"section_id": self.section_id, "code": self.number.trim(), "title": self.title(), "responsible_units": units})
    }
}

/// The input an error about a field is shown beside.
fn input_of(field: &str) -> String {
    match field.split('[').next().unwrap_or(field) {
        "code" => "number".into(),
        "responsible_units" => "units".into(),
        other => other.split('.').take(2).collect::<Vec<_>>().join("_"),
    }
}

#[derive(Template)]
#[template(path = "admin/structure.html")]
struct StructurePage {
    shell: Shell,
    /// Where the form is sent.
    action: String,
    /// `section` or `measure`.
    what: &'static str,
    form: StructureForm,
    errors: Errors,
    sections: Vec<Choice>,
}

async fn page(
    req: &HttpRequest,
    staff: &Staff<Admin>,
    db: &Database,
    (what, action, title): (&'static str, String, String),
    form: StructureForm,
    errors: Errors,
) -> Result<StructurePage, PageError> {
    let tr = staff.tr;
    let mut sections = Vec::new();
    if what == "measure" {
        let all = programmes::list(db, None, None, intercoop_operations::PageRequest { limit: 20, offset: 0 })
            .await
            .map_err(|e| PageError::from_operation(tr.lang, e))?;
        for programme in &all.items {
            for s in programmes::sections::list(db, programme.meta.id)
                .await
                .map_err(|e| PageError::from_operation(tr.lang, e))?
            {
                sections.push(Choice {
                    value: s.meta.id.to_string(),
                    label: format!("{}. {}", s.data.section.number, tr.pick(&s.data.section.title)),
                    chosen: form.section_id == s.meta.id.to_string(),
                });
            }
        }
    }
    Ok(StructurePage { shell: Shell::new(req, staff, "admin", title), action, what, form, errors, sections })
}

/// Whether a save was refused because the record changed meanwhile: only then does the form take the stored
/// version, so that saving again deliberately records the person's values.
fn clash(e: &Error) -> bool {
    matches!(
        e.code,
        intercoop_operations::ErrorCode::PreconditionFailed | intercoop_operations::ErrorCode::PreconditionRequired
    )
}

fn id(lang: crate::Lang, text: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(text).map_err(|_| PageError::not_found(lang))
}

async fn refused(
    req: &HttpRequest,
    staff: &Staff<Admin>,
    db: &Database,
    target: (&'static str, String, String),
    form: StructureForm,
    e: Error,
) -> Result<HttpResponse, PageError> {
    let Refusal { status, errors, .. } = Refusal::of(staff.tr, e, input_of)?;
    let mut res = render(&page(req, staff, db, target, form, errors).await?)?;
    *res.status_mut() = status;
    Ok(res)
}

fn strict<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> Result<T, Error> {
    intercoop_domain::strict::from_value(value).map_err(|e: FieldErrors| Error::validation(e))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewMeasureQuery {
    section: String,
}

pub async fn new_section(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    programme: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let programme = id(staff.tr.lang, &programme)?;
    let target = ("section", format!("{BASE}/admin/programmes/{programme}/sections"), staff.tr.t("section-new"));
    render(&page(&req, &staff, &db, target, StructureForm::default(), Errors::default()).await?)
}

pub async fn create_section(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    programme: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: StructureForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let programme = id(staff.tr.lang, &programme)?;
    let created = match strict::<SectionDraft>(form.section()) {
        Ok(draft) => programmes::sections::create(&db, staff.caller(), programme, draft).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(_) => Ok(see_other(&format!("{BASE}/programme?done=saved"))),
        Err(e) => {
            let target =
                ("section", format!("{BASE}/admin/programmes/{programme}/sections"), staff.tr.t("section-new"));
            refused(&req, &staff, &db, target, form, e).await
        }
    }
}

pub async fn show_section(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let (programme, section) = (id(lang, &path.0)?, id(lang, &path.1)?);
    let stored =
        programmes::sections::get(&db, programme, section).await.map_err(|e| PageError::from_operation(lang, e))?;
    let data = &stored.data.section;
    let form = StructureForm {
        version: Some(stored.meta.version),
        number: data.number.clone(),
        title_uk: data.title.uk.clone(),
        title_en: data.title.en.clone().unwrap_or_default(),
        ..StructureForm::default()
    };
    let target = (
        "section",
        format!("{BASE}/admin/programmes/{programme}/sections/{section}"),
        staff.tr.pick(&data.title).to_owned(),
    );
    render(&page(&req, &staff, &db, target, form, Errors::default()).await?)
}

pub async fn save_section(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let mut form: StructureForm = forms::read(&body, lang)?;
    staff.check_csrf(&form.csrf)?;
    let (programme, section) = (id(lang, &path.0)?, id(lang, &path.1)?);
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    match programmes::sections::patch(&db, staff.caller(), programme, section, &if_match, form.section()).await {
        Ok(_) => Ok(see_other(&format!("{BASE}/programme?done=saved"))),
        Err(e) => {
            if clash(&e)
                && let Ok(stored) = programmes::sections::get(&db, programme, section).await
            {
                form.version = Some(stored.meta.version);
            }
            let target =
                ("section", format!("{BASE}/admin/programmes/{programme}/sections/{section}"), form.title_uk.clone());
            refused(&req, &staff, &db, target, form, e).await
        }
    }
}

pub async fn new_measure(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    query: web::Query<NewMeasureQuery>,
) -> Result<HttpResponse, PageError> {
    let form = StructureForm { section_id: query.section.clone(), ..StructureForm::default() };
    let target = ("measure", format!("{BASE}/admin/measures"), staff.tr.t("measure-new"));
    render(&page(&req, &staff, &db, target, form, Errors::default()).await?)
}

pub async fn create_measure(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: StructureForm = forms::read(&body, staff.tr.lang)?;
    staff.check_csrf(&form.csrf)?;
    let created = match strict::<MeasureDraft>(form.measure()) {
        Ok(draft) => measures::create(&db, staff.caller(), draft).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(_) => Ok(see_other(&format!("{BASE}/programme?done=saved"))),
        Err(e) => {
            let target = ("measure", format!("{BASE}/admin/measures"), staff.tr.t("measure-new"));
            refused(&req, &staff, &db, target, form, e).await
        }
    }
}

pub async fn show_measure(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    measure: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let measure = id(lang, &measure)?;
    let stored = measures::get(&db, measure).await.map_err(|e| PageError::from_operation(lang, e))?;
    let data = &stored.data;
    let form = StructureForm {
        version: Some(stored.meta.version),
        number: data.code.to_string(),
        title_uk: data.title.uk.clone(),
        title_en: data.title.en.clone().unwrap_or_default(),
        section_id: data.section_id.to_string(),
        units: data.responsible_units.join("\n"),
        ..StructureForm::default()
    };
    let title = format!("{} {}", data.code, staff.tr.pick(&data.title));
    render(
        &page(
            &req,
            &staff,
            &db,
            ("measure", format!("{BASE}/admin/measures/{measure}"), title),
            form,
            Errors::default(),
        )
        .await?,
    )
}

pub async fn save_measure(
    req: HttpRequest,
    staff: Staff<Admin>,
    db: web::Data<Database>,
    measure: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let lang = staff.tr.lang;
    let mut form: StructureForm = forms::read(&body, lang)?;
    staff.check_csrf(&form.csrf)?;
    let measure = id(lang, &measure)?;
    let if_match = IfMatch::version(form.version.unwrap_or_default());
    match measures::patch(&db, staff.caller(), measure, &if_match, form.measure()).await {
        Ok(_) => Ok(see_other(&format!("{BASE}/programme?done=saved"))),
        Err(e) => {
            if clash(&e)
                && let Ok(stored) = measures::get(&db, measure).await
            {
                form.version = Some(stored.meta.version);
            }
            let title = format!("{} {}", form.number, form.title_uk);
            refused(&req, &staff, &db, ("measure", format!("{BASE}/admin/measures/{measure}"), title), form, e).await
        }
    }
}
