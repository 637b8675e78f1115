//! The activity form: what its inputs hold, how they become an [`ActivityDraft`] (the operation then checks it
//! with the same rules as the API), and where an error about a field of the draft is shown.

use intercoop_domain::{
    ActivityDraft, ActivityFormat, ActivityKind, ActivityStatus, CountryCode, DatePrecision, DateRange, FieldErrors,
    LocalizedText, PartnerDraft, PartnerKind, PartnerLink, PartnerRole, Place,
};
use serde::Deserialize;
use uuid::Uuid;

use super::{date, ids, optional, optional_text, text, vocabulary, with_checks};

/// The inputs of the activity form, as typed: shown again as they were when a save fails.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActivityForm {
    pub csrf: String,
    /// The version the form was opened at (none for a new activity).
    pub version: Option<i32>,
    pub title_uk: String,
    pub title_en: String,
    pub description_uk: String,
    pub description_en: String,
    pub kind: String,
    pub start_date: String,
    pub end_date: String,
    pub date_precision: String,
    /// Further periods, one per line: a day, or two days with `–` or `..` between.
    pub additional_dates: String,
    pub format: String,
    pub city_uk: String,
    pub city_en: String,
    pub country: String,
    pub measure_ids: Vec<String>,
    pub partner_ids: Vec<String>,
    /// Each chosen partner's role, as `partner_id:role`.
    pub partner_roles: Vec<String>,
    pub participants: String,
    pub outcome_uk: String,
    pub outcome_en: String,
    /// Web pages, one per line.
    pub links: String,
    pub status: String,
    pub owner_unit: String,
    /// A partner to create with the activity (as a draft), when its name is given.
    pub new_partner_uk: String,
    pub new_partner_en: String,
    pub new_partner_kind: String,
    pub new_partner_country: String,
    pub new_partner_role: String,
}

impl ActivityForm {
    /// The form of a stored activity.
    pub fn of(draft: &ActivityDraft, version: Option<i32>) -> Self {
        let en = |t: &Option<LocalizedText>| t.as_ref().and_then(|t| t.en.clone()).unwrap_or_default();
        let uk = |t: &Option<LocalizedText>| t.as_ref().map(|t| t.uk.clone()).unwrap_or_default();
        let city = draft.place.as_ref().and_then(|p| p.city.clone());
        ActivityForm {
            csrf: String::new(),
            version,
            title_uk: draft.title.uk.clone(),
            title_en: draft.title.en.clone().unwrap_or_default(),
            description_uk: uk(&draft.description),
            description_en: en(&draft.description),
            kind: draft.kind.as_str().to_owned(),
            start_date: draft.start_date.to_string(),
            end_date: draft.end_date.map(|d| d.to_string()).unwrap_or_default(),
            date_precision: draft.date_precision.as_str().to_owned(),
            additional_dates: draft
                .additional_dates
                .iter()
                .map(|r| match r.end_date {
                    Some(end) => format!("{} – {end}", r.start_date),
                    None => r.start_date.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            format: draft.format.as_str().to_owned(),
            city_uk: uk(&city),
            city_en: en(&city),
            country: draft.place.as_ref().and_then(|p| p.country).map(|c| c.to_string()).unwrap_or_default(),
            measure_ids: draft.measure_ids.iter().map(Uuid::to_string).collect(),
            partner_ids: draft.partners.iter().map(|p| p.partner_id.to_string()).collect(),
            partner_roles: draft.partners.iter().map(|p| format!("{}:{}", p.partner_id, p.role)).collect(),
            participants: draft.participants.clone().unwrap_or_default(),
            outcome_uk: uk(&draft.outcome),
            outcome_en: en(&draft.outcome),
            links: draft.links.join("\n"),
            status: draft.status.as_str().to_owned(),
            owner_unit: draft.owner_unit.clone().unwrap_or_default(),
            new_partner_role: PartnerRole::Participant.as_str().to_owned(),
            ..ActivityForm::default()
        }
    }

    /// A new activity's form: today, in person, done, for the person's unit.
    pub fn new_for(unit: Option<&str>) -> Self {
        ActivityForm {
            kind: ActivityKind::Meeting.as_str().to_owned(),
            date_precision: DatePrecision::Day.as_str().to_owned(),
            format: ActivityFormat::InPerson.as_str().to_owned(),
            status: ActivityStatus::Done.as_str().to_owned(),
            owner_unit: unit.unwrap_or_default().to_owned(),
            new_partner_role: PartnerRole::Participant.as_str().to_owned(),
            ..ActivityForm::default()
        }
    }

    /// The role chosen for a partner (participant when none was).
    pub fn role_of(&self, partner_id: &str) -> PartnerRole {
        self.partner_roles
            .iter()
            .filter_map(|r| r.split_once(':'))
            .find(|(id, _)| *id == partner_id)
            .and_then(|(_, role)| PartnerRole::parse(role))
            .unwrap_or(PartnerRole::Participant)
    }

    /// The draft the form describes, or what in it is not even of the right shape (a date that is no date).
    pub fn draft(&self) -> Result<ActivityDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = vocabulary(&self.kind, ActivityKind::parse, "kind", &mut errors);
        let precision = vocabulary(&self.date_precision, DatePrecision::parse, "date_precision", &mut errors);
        let format = vocabulary(&self.format, ActivityFormat::parse, "format", &mut errors);
        let status = vocabulary(&self.status, ActivityStatus::parse, "status", &mut errors);
        let start = date(&self.start_date, "start_date", &mut errors);
        if self.start_date.trim().is_empty() {
            errors.add("start_date", "required", "the first day is required");
        }
        let end = date(&self.end_date, "end_date", &mut errors);
        let additional = self.additional_dates(&mut errors);
        let country = optional(&self.country).and_then(|c| {
            CountryCode::parse(&c.to_uppercase()).map_err(|m| errors.add("place.country", "country", m)).ok()
        });
        let measure_ids = ids(&self.measure_ids, "measure_ids", &mut errors);
        let partners = ids(&self.partner_ids, "partners", &mut errors)
            .into_iter()
            .map(|id| PartnerLink { partner_id: id, role: self.role_of(&id.to_string()) })
            .collect();
        let city = optional_text(&self.city_uk, &self.city_en);
        let draft = ActivityDraft {
            title: text(&self.title_uk, &self.title_en),
            description: optional_text(&self.description_uk, &self.description_en),
            kind: kind.unwrap_or(ActivityKind::Other),
            start_date: start.unwrap_or_default(),
            end_date: end,
            date_precision: precision.unwrap_or_default(),
            additional_dates: additional,
            format: format.unwrap_or_default(),
            place: (city.is_some() || country.is_some()).then_some(Place { city, country }),
            measure_ids,
            partners,
            participants: optional(&self.participants),
            outcome: optional_text(&self.outcome_uk, &self.outcome_en),
            links: self.links.lines().filter_map(optional).collect(),
            status: status.unwrap_or_default(),
            owner_unit: optional(&self.owner_unit),
        };
        if errors.is_empty() {
            return Ok(draft);
        }
        // Not the checks of the dates when the dates themselves could not be read.
        let dates_unread = errors.clone().into_vec().iter().any(|e| e.field.contains("date"));
        Err(with_checks(errors, draft.check(), |e| dates_unread && e.field.contains("date")))
    }

    fn additional_dates(&self, errors: &mut FieldErrors) -> Vec<DateRange> {
        let mut ranges = Vec::new();
        for (i, line) in self.additional_dates.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            let field = format!("additional_dates[{i}]");
            let (start, end) = match line.split_once('–').or_else(|| line.split_once("..")) {
                Some((start, end)) => (start, Some(end)),
                None => (line, None),
            };
            let start_date = date(start, &field, errors);
            let end_date = end.and_then(|end| date(end, &field, errors));
            if let Some(start_date) = start_date {
                ranges.push(DateRange { start_date, end_date });
            }
        }
        ranges
    }
}

impl ActivityForm {
    /// Whether the form asks for a new partner.
    pub fn has_new_partner(&self) -> bool {
        !self.new_partner_uk.trim().is_empty() || !self.new_partner_en.trim().is_empty()
    }

    /// The new partner the form describes (a draft of the activity's unit), or what in it is of the wrong shape.
    pub fn new_partner(&self) -> Result<PartnerDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = vocabulary(&self.new_partner_kind, PartnerKind::parse, "kind", &mut errors);
        let country = optional(&self.new_partner_country)
            .and_then(|c| CountryCode::parse(&c.to_uppercase()).map_err(|m| errors.add("country", "country", m)).ok());
        let draft = PartnerDraft {
            name: text(&self.new_partner_uk, &self.new_partner_en),
            aliases: Vec::new(),
            kind: kind.unwrap_or(PartnerKind::PartnerCity),
            country,
            city: None,
            website: None,
            parent_id: None,
            partner_since: None,
            coordinates: None,
            owner_unit: optional(&self.owner_unit),
        };
        if errors.is_empty() { Ok(draft) } else { Err(errors) }
    }

    /// Links the partner just created, and empties the new partner's inputs (it exists now: sending the form
    /// again does not make it twice).
    pub fn link_new_partner(&mut self, id: Uuid) {
        let role = PartnerRole::parse(&self.new_partner_role).unwrap_or(PartnerRole::Participant);
        self.partner_ids.push(id.to_string());
        self.partner_roles.push(format!("{id}:{role}"));
        for input in [&mut self.new_partner_uk, &mut self.new_partner_en, &mut self.new_partner_country] {
            input.clear();
        }
    }
}

/// The input an error about the new partner's `field` is shown beside.
pub fn new_partner_input_of(field: &str) -> String {
    match field.split('[').next().unwrap_or(field) {
        "name.en" => "new_partner_en".into(),
        "kind" => "new_partner_kind".into(),
        "country" => "new_partner_country".into(),
        _ => "new_partner_uk".into(),
    }
}

/// The input an error about the draft's `field` is shown beside.
pub fn input_of(field: &str) -> String {
    let path = field.split('[').next().unwrap_or(field);
    match path {
        "place.city.uk" => "city_uk".into(),
        "place.city.en" => "city_en".into(),
        "place.country" | "place" => "country".into(),
        "partners" => "partner_ids".into(),
        _ if path.starts_with("place.city") => "city_uk".into(),
        other => other.split('.').take(2).collect::<Vec<_>>().join("_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_placed_at_their_inputs() {
        assert_eq!(input_of("title.uk"), "title_uk");
        assert_eq!(input_of("additional_dates[1].end_date"), "additional_dates");
        assert_eq!(input_of("measure_ids[0]"), "measure_ids");
        assert_eq!(input_of("partners[2].partner_id"), "partner_ids");
        assert_eq!(input_of("place.city.uk"), "city_uk");
        assert_eq!(input_of("links[0]"), "links");
        assert_eq!(input_of("end_date"), "end_date");
    }

    #[test]
    fn a_form_reads_back_as_the_draft_it_was_made_of() {
        let mut form = ActivityForm::new_for(Some("culture"));
        form.title_uk = "Зустріч".into();
        form.start_date = "2024-03-04".into();
        form.end_date = "2024-03-05".into();
        form.additional_dates = "2024-07-16\n2024-07-23 – 2024-07-24".into();
        form.measure_ids = vec![Uuid::nil().to_string()];
        form.country = "pl".into();
        let draft = form.draft().expect("a well-formed form");
        assert_eq!(draft.additional_dates.len(), 2);
        assert_eq!(draft.place.as_ref().and_then(|p| p.country).map(|c| c.to_string()).as_deref(), Some("PL"));
        let again = ActivityForm::of(&draft, Some(1)).draft().expect("the same draft");
        assert_eq!(again, draft);
    }

    #[test]
    fn what_is_not_a_date_is_named() {
        let mut form = ActivityForm::new_for(None);
        form.start_date = "4 березня".into();
        let errors = form.draft().unwrap_err().into_vec();
        assert!(errors.iter().any(|e| e.field == "start_date" && e.code == "date"), "{errors:?}");
    }
}
