//! Data-quality findings to look at before the report is filed.

use chrono::Datelike;
use serde::Serialize;
use uuid::Uuid;

use super::ReportData;
use crate::{ActivityKind, LocalizedText};

/// One thing to look at.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// `activity_outside_programme_years`, `activity_outside_report_year`, `activity_without_measure`,
    /// `measure_without_activity`, `similar_partner_names`, `activity_without_partner` or
    /// `published_with_unpublished_partner`.
    pub code: &'static str,
    /// `warning`: probably wrong; `notice`: worth a look.
    pub severity: &'static str,
    /// `activity`, `measure` or `partner`.
    pub record_type: &'static str,
    pub record_id: Uuid,
    /// The other record of a pair (the partner whose name is alike).
    pub related_id: Option<Uuid>,
    /// What was found, in Ukrainian.
    pub message: String,
    /// What was found, in English (the records' own words as they are).
    pub message_en: String,
}

/// A partner's names, for the near-match check.
#[derive(Debug, Clone)]
pub struct PartnerNames {
    pub id: Uuid,
    pub name: LocalizedText,
    pub aliases: Vec<String>,
    pub country: Option<crate::CountryCode>,
}

/// The kinds of activity that always have someone on the other side.
const KINDS_WITH_PARTNERS: [ActivityKind; 3] =
    [ActivityKind::Meeting, ActivityKind::DelegationReceived, ActivityKind::AgreementSigning];

/// Findings for the report of `year`. `all_years` holds every activity of the programme's measures, whatever
/// its date; `data.activities` those of the year.
pub fn checks(
    data: &ReportData,
    all_years: &[super::ActivityData],
    partners: &[PartnerNames],
    year: i32,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let (first, last) = (data.programme.first_year, data.programme.last_year);
    for a in all_years {
        let start = a.activity.start_date.year();
        if !(first..=last).contains(&start) {
            out.push(Finding {
                code: "activity_outside_programme_years",
                severity: "warning",
                record_type: "activity",
                record_id: a.id,
                related_id: None,
                message: format!(
                    "«{}» датовано {}, поза роками програми ({first}-{last}); чи не описка в році?",
                    a.activity.title.uk, a.activity.start_date
                ),
                message_en: format!(
                    "“{}” is dated {}, outside the programme's years ({first}-{last}); a slip in the year?",
                    en(&a.activity.title),
                    a.activity.start_date
                ),
            });
        }
    }
    for a in &data.activities {
        let d = &a.activity;
        if d.start_date.year() != year || d.last_day().year() != year {
            out.push(Finding {
                code: "activity_outside_report_year",
                severity: "notice",
                record_type: "activity",
                record_id: a.id,
                related_id: None,
                message: format!("«{}» триває {} – {}, не лише у {year} році", d.title.uk, d.start_date, d.last_day()),
                message_en: format!("“{}” runs {} – {}, beyond {year}", en(&d.title), d.start_date, d.last_day()),
            });
        }
        if d.measure_ids.is_empty() {
            out.push(Finding {
                code: "activity_without_measure",
                severity: "warning",
                record_type: "activity",
                record_id: a.id,
                related_id: None,
                message: format!("«{}» не віднесено до жодного заходу", d.title.uk),
                message_en: format!("“{}” is under no measure", en(&d.title)),
            });
        }
        if a.publication == crate::PublicationState::Published {
            for partner in a.partners.iter().filter(|p| !p.published) {
                out.push(Finding {
                    code: "published_with_unpublished_partner",
                    severity: "warning",
                    record_type: "activity",
                    record_id: a.id,
                    related_id: Some(partner.id),
                    message: format!(
                        "«{}» оприлюднено, а партнера «{}» ні: публіка не бачить цього партнера; оприлюдніть його",
                        d.title.uk, partner.name.uk
                    ),
                    message_en: format!(
                        "“{}” is published, its partner “{}” is not: the public does not see the partner; publish it",
                        en(&d.title),
                        en(&partner.name)
                    ),
                });
            }
        }
        if d.partners.is_empty() && KINDS_WITH_PARTNERS.contains(&d.kind) {
            out.push(Finding {
                code: "activity_without_partner",
                severity: "notice",
                record_type: "activity",
                record_id: a.id,
                related_id: None,
                message: format!("«{}» ({}) не має жодного партнера", d.title.uk, d.kind),
                message_en: format!("“{}” ({}) has no partner", en(&d.title), d.kind),
            });
        }
    }
    for section in &data.sections {
        for m in &section.measures {
            if !data.activities.iter().any(|a| a.activity.measure_ids.contains(&m.id)) {
                out.push(Finding {
                    code: "measure_without_activity",
                    severity: "notice",
                    record_type: "measure",
                    record_id: m.id,
                    related_id: None,
                    message: format!(
                        "захід {} у {year} році не має жодної діяльності («Заходи не здійснювались»)",
                        m.code
                    ),
                    message_en: format!("measure {} has no activity in {year} (“no measures were taken”)", m.code),
                });
            }
        }
    }
    out.extend(similar_names(partners));
    out
}

/// Pairs of partners whose names or aliases differ by little: the same body entered twice, or a misspelling.
fn similar_names(partners: &[PartnerNames]) -> Vec<Finding> {
    let names: Vec<Vec<String>> = partners
        .iter()
        .map(|p| {
            let mut all = vec![normalise(&p.name.uk)];
            all.extend(p.name.en.iter().map(|n| normalise(n)));
            all.extend(p.aliases.iter().map(|n| normalise(n)));
            all.retain(|n| n.chars().count() >= 4);
            all
        })
        .collect();
    let mut out = Vec::new();
    for i in 0..partners.len() {
        for j in (i + 1)..partners.len() {
            let close = names[i].iter().find_map(|a| names[j].iter().find(|b| nearly_equal(a, b)).map(|b| (a, b)));
            if let Some((a, b)) = close {
                out.push(Finding {
                    code: "similar_partner_names",
                    severity: "warning",
                    record_type: "partner",
                    record_id: partners[i].id,
                    related_id: Some(partners[j].id),
                    message: format!("назви партнерів майже збігаються: «{a}» і «{b}»; чи це не той самий партнер?"),
                    message_en: format!("partner names nearly match: “{a}” and “{b}”; the same partner twice?"),
                });
            }
        }
    }
    out
}

/// A record's text in English where it has it, else in Ukrainian.
fn en(text: &LocalizedText) -> &str {
    text.en.as_deref().unwrap_or(&text.uk)
}

fn normalise(name: &str) -> String {
    name.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Equal, or within one edit per eight characters (at least one).
fn nearly_equal(a: &str, b: &str) -> bool {
    let longest = a.chars().count().max(b.chars().count());
    let allowed = (longest / 8).max(1);
    a == b || distance(a, b, allowed) <= allowed
}

/// Levenshtein distance, giving up past `limit`.
fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        if current.iter().min().copied().unwrap_or(0) > limit {
            return limit + 1;
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names() {
        assert!(nearly_equal("anton naering kg", "anton haering kg"));
        assert!(nearly_equal("usaid", "uaid"));
        assert!(!nearly_equal("штутгарт", "дрезден"));
        assert!(!nearly_equal("прага", "прага 6 district"));
        assert_eq!(distance("kitten", "sitting", 5), 3);
    }

    #[test]
    fn pairs_of_partners_with_alike_names() {
        let p = |uk: &str, aliases: &[&str]| PartnerNames {
            id: Uuid::new_v4(),
            name: LocalizedText::uk(uk),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            country: None,
        };
        let found =
            similar_names(&[p("Anton Haering KG", &[]), p("Anton Naering KG", &[]), p("Сілістра", &["Silistra"])]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "similar_partner_names");
    }
}
