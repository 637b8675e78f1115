//! A published activity, or a grant, as an IATI activity (Activity Standard 2.03): the council reports it and
//! carries it out, its partners take part in their roles, its dates are the ones the record holds to the day, the
//! recipient country is Ukraine, and its sectors come from its measures. A grant adds its donor as funder, its
//! budget and its commitment.

use std::collections::BTreeMap;
use std::io;

use chrono::{Months, NaiveDate};
use intercoop_operations::open_data::rows::Row;
use quick_xml::Writer;
use quick_xml::events::BytesText;
use serde_json::{Value, json};

use super::xml::{Xml, activity_date, clean, date, empty, shares, with_narratives};

/// What the feed says of the council, and how measures map to sectors.
#[derive(Debug, Clone)]
pub struct Iati {
    /// The council's organisation identifier, which prefixes every activity's.
    pub organisation: String,
    /// The council's name in Ukrainian and English.
    pub council: Value,
    pub sectors: BTreeMap<String, String>,
    pub default_sector: String,
    /// Dates up to today are actual ones, later ones planned.
    pub today: NaiveDate,
}

/// IATI's organisation type "Local Government".
const LOCAL_GOVERNMENT: &str = "11";

/// A row's value; null where it has none.
fn at<'a>(row: &'a Row, key: &str) -> &'a Value {
    row.get(key).unwrap_or(&Value::Null)
}

/// A linked document's media type, from its name's extension; a web page where it has none of these.
fn media_type(link: &str) -> &'static str {
    let path = link.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    match path.rsplit_once('.').map(|(_, extension)| extension) {
        Some("pdf") => "application/pdf",
        Some("doc") => "application/msword",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        _ => "text/html",
    }
}

impl Iati {
    fn identifier(&self, row: &Row) -> String {
        format!("{}-{}", self.organisation, at(row, "id").as_str().unwrap_or_default())
    }

    fn council(&self, w: &mut Xml, role: &str) -> io::Result<()> {
        let attributes = [("ref", self.organisation.as_str()), ("role", role), ("type", LOCAL_GOVERNMENT)];
        with_narratives(w, "participating-org", &attributes, &self.council)
    }

    fn opening(&self, w: &mut Xml, row: &Row, title: &Value, description: &Value) -> io::Result<()> {
        w.create_element("iati-identifier").write_text_content(BytesText::new(&self.identifier(row)))?;
        let reporting = [("ref", self.organisation.as_str()), ("type", LOCAL_GOVERNMENT)];
        with_narratives(w, "reporting-org", &reporting, &self.council)?;
        with_narratives(w, "title", &[], title)?;
        let description = if description.is_object() { description } else { title };
        with_narratives(w, "description", &[("type", "1")], description)
    }

    /// Recipient country and sectors: Ukraine, and the DAC sectors of the measures.
    fn scope(&self, w: &mut Xml, row: &Row) -> io::Result<()> {
        empty(w, "recipient-country", &[("code", "UA"), ("percentage", "100")])?;
        let mut codes: Vec<&str> = at(row, "measure_codes")
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|m| self.sectors.get(m).unwrap_or(&self.default_sector).as_str())
            .collect();
        if codes.is_empty() {
            codes.push(&self.default_sector);
        }
        codes.sort();
        codes.dedup();
        for (code, share) in codes.iter().zip(shares(codes.len())) {
            empty(w, "sector", &[("vocabulary", "1"), ("code", code), ("percentage", &share)])?;
        }
        Ok(())
    }

    fn element(&self, row: &Row, currency: Option<&str>, body: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
        let mut w = Writer::new(Vec::new());
        let updated = at(row, "updated_at").as_str().unwrap_or_default().to_owned();
        let mut attributes = vec![("last-updated-datetime", updated.as_str()), ("xml:lang", "uk"), ("hierarchy", "1")];
        if let Some(currency) = currency {
            attributes.push(("default-currency", currency));
        }
        w.create_element("iati-activity")
            .with_attributes(attributes)
            .write_inner_content(body)
            .expect("writing to memory does not fail");
        String::from_utf8(w.into_inner()).expect("the writer writes UTF-8")
    }

    /// An activity known to the day; none for one known only by its month or year (IATI dates are days).
    pub fn activity(&self, row: &Row) -> Option<String> {
        if at(row, "date_precision").as_str() != Some("day") {
            return None;
        }
        let start = date(at(row, "start_date"))?;
        let last = std::iter::once(date(at(row, "end_date")).unwrap_or(start))
            .chain(
                at(row, "additional_dates")
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| date(&r["end_date"]).or_else(|| date(&r["start_date"]))),
            )
            .max()
            .unwrap_or(start);
        let status = match at(row, "status").as_str() {
            Some("planned") => "1",
            Some("cancelled") => "5",
            _ => "4",
        };
        let planned = at(row, "status").as_str() != Some("done");
        Some(self.element(row, None, |w| {
            self.opening(w, row, at(row, "title"), at(row, "description"))?;
            self.council(w, "2")?;
            self.council(w, "4")?;
            let names = at(row, "partner_names").as_array().cloned().unwrap_or_default();
            let roles = at(row, "partner_roles").as_array().cloned().unwrap_or_default();
            // IATI's roles are funding, accountable, extending and implementing: a partner that only took part
            // has none of them, and is named in the other feeds.
            for (name, role) in names.iter().zip(roles.iter()) {
                let role = match role.as_str() {
                    Some("funder") => "1",
                    Some("host" | "organiser") => "4",
                    _ => continue,
                };
                with_narratives(w, "participating-org", &[("role", role)], name)?;
            }
            empty(w, "activity-status", &[("code", status)])?;
            let today = if planned { NaiveDate::MIN } else { self.today };
            activity_date(w, start, "1", "2", today)?;
            activity_date(w, last, "3", "4", today)?;
            self.scope(w, row)?;
            for link in at(row, "links").as_array().into_iter().flatten().filter_map(Value::as_str) {
                w.create_element("document-link")
                    .with_attributes([("format", media_type(link)), ("url", &clean(link))])
                    .write_inner_content(|w| {
                        with_narratives(
                            w,
                            "title",
                            &[],
                            &json!({"uk": "Сторінка про захід", "en": "A page about the activity"}),
                        )?;
                        empty(w, "category", &[("code", "A12")])
                    })?;
            }
            Ok(())
        }))
    }

    /// A grant whose project start is known, its donor published, and not rejected.
    pub fn grant(&self, row: &Row) -> Option<String> {
        let start = date(at(row, "start_date"))?;
        let donor = at(row, "donor_name").is_object().then(|| at(row, "donor_name"))?;
        let (status, planned) = match at(row, "status").as_str()? {
            "applied" => ("1", true),
            "awarded" => ("2", true),
            "in_progress" => ("2", false),
            "completed" => ("4", false),
            _ => return None,
        };
        let currency = at(row, "currency").as_str()?;
        let amount = at(row, "amount").as_str()?;
        Some(self.element(row, Some(currency), |w| {
            self.opening(w, row, at(row, "project_title"), at(row, "description"))?;
            with_narratives(w, "participating-org", &[("role", "1")], donor)?;
            self.council(w, "2")?;
            self.council(w, "4")?;
            empty(w, "activity-status", &[("code", status)])?;
            let today = if planned { NaiveDate::MIN } else { self.today };
            activity_date(w, start, "1", "2", today)?;
            let end = date(at(row, "end_date"));
            if let Some(end) = end {
                let ended = if status == "4" { self.today } else { NaiveDate::MIN };
                activity_date(w, end, "3", "4", ended)?;
            }
            self.scope(w, row)?;
            // IATI's budgets are at most a year long; a longer project's yearly split is not in the record.
            if let Some(end) = end.filter(|end| start.checked_add_months(Months::new(12)).is_some_and(|y| *end < y)) {
                let budget_status = if status == "1" { "1" } else { "2" };
                w.create_element("budget")
                    .with_attributes([("type", "1"), ("status", budget_status)])
                    .write_inner_content(|w| {
                        empty(w, "period-start", &[("iso-date", &start.to_string())])?;
                        empty(w, "period-end", &[("iso-date", &end.to_string())])?;
                        w.create_element("value")
                            .with_attribute(("value-date", start.to_string().as_str()))
                            .write_text_content(BytesText::new(amount))?;
                        Ok(())
                    })?;
            }
            if let Some(awarded) = date(at(row, "awarded_on")).filter(|d| *d <= self.today && status != "1") {
                let day = awarded.to_string();
                w.create_element("transaction").write_inner_content(|w| {
                    empty(w, "transaction-type", &[("code", "11")])?;
                    empty(w, "transaction-date", &[("iso-date", &day)])?;
                    w.create_element("value")
                        .with_attribute(("value-date", day.as_str()))
                        .write_text_content(BytesText::new(amount))?;
                    with_narratives(w, "provider-org", &[], donor)?;
                    with_narratives(w, "receiver-org", &[("ref", self.organisation.as_str())], &self.council)
                })?;
            }
            Ok(())
        }))
    }
}
