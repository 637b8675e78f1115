//! A proposed activity made into a draft record: its kind and format guessed from its words, its partners
//! recognised by their names and aliases.

use uuid::Uuid;

use super::report_text::ProposedActivity;
use crate::report::PartnerNames;
use crate::{ActivityDraft, ActivityFormat, ActivityKind, ActivityStatus, LocalizedText, PartnerLink, PartnerRole};

/// A word's stem for matching inflected forms: a final vowel or soft sign dropped ("Прага" matches "Праги",
/// "Конгрес" matches "Конгресу"); words of up to four letters stay whole.
fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    let count = lower.chars().count();
    match lower.chars().last() {
        Some(last) if count > 4 && "аяоеєіїиуюьй".contains(last) => lower.chars().take(count - 1).collect(),
        _ => lower,
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether the text names `name`: each of its words stands in the text in this order, short ones whole, longer
/// ones by their stem.
fn names(text_words: &[String], name: &str) -> bool {
    let wanted: Vec<(String, bool)> = words(name).into_iter().map(|w| (stem(&w), w.chars().count() <= 4)).collect();
    if wanted.is_empty() || wanted.iter().all(|(w, _)| w.chars().count() < 2) {
        return false;
    }
    text_words.windows(wanted.len()).any(|window| {
        window.iter().zip(&wanted).all(|(t, (w, whole))| if *whole { t == w } else { t.starts_with(w.as_str()) })
    })
}

/// The partners whose name (either language) or alias the text names, each once, in the order of `partners`.
pub fn recognise_partners(text: &str, partners: &[PartnerNames]) -> Vec<Uuid> {
    let text_words = words(text);
    partners
        .iter()
        .filter(|p| {
            std::iter::once(p.name.uk.as_str())
                .chain(p.name.en.as_deref())
                .chain(p.aliases.iter().map(String::as_str))
                .any(|name| names(&text_words, name))
        })
        .map(|p| p.id)
        .collect()
}

/// The kind of event its words say, `Other` when they say none.
pub fn guess_kind(text: &str) -> ActivityKind {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["підписано меморандум", "підписано угоду", "підписали меморандум", "підписання меморандуму"])
    {
        ActivityKind::AgreementSigning
    } else if has(&["перебувала делегація", "з офіційним візитом перебувала", "прийом делегац", "візит делегац"])
    {
        ActivityKind::DelegationReceived
    } else if has(&["гуманітарн"]) && has(&["передан", "отриман", "надійшл"]) {
        ActivityKind::HumanitarianAid
    } else if has(&["конференц", "форум", "саміт", "конгресі"]) {
        ActivityKind::Conference
    } else if has(&["навчанн", "курс", "тренінг", "семінар", "стажуванн"]) {
        ActivityKind::Training
    } else if has(&["марафон", "спортсмен", "веломарафон", "змаганн"]) {
        ActivityKind::SportsEvent
    } else if has(&["фестивал", "концерт", "виставк", "день німеччини", "культур"])
    {
        ActivityKind::CulturalEvent
    } else if has(&["зустріч", "зустрічі"]) {
        ActivityKind::Meeting
    } else {
        ActivityKind::Other
    }
}

pub fn guess_format(text: &str) -> ActivityFormat {
    let t = text.to_lowercase();
    if t.contains("онлайн") || t.contains("зум-зустріч") || t.contains("online") {
        ActivityFormat::Online
    } else {
        ActivityFormat::InPerson
    }
}

/// The draft of a proposed activity under `measure_ids`, with the recognised partners.
pub fn draft(activity: &ProposedActivity, measure_ids: Vec<Uuid>, partner_ids: &[Uuid]) -> ActivityDraft {
    let mut periods = activity.dates.periods.iter();
    let first = periods.next().expect("a proposed activity has a date");
    ActivityDraft {
        title: LocalizedText::uk(activity.title.clone()),
        description: Some(LocalizedText::uk(activity.source.clone())),
        kind: guess_kind(&activity.source),
        start_date: first.start_date,
        end_date: first.end_date,
        date_precision: activity.dates.precision,
        additional_dates: periods.cloned().collect(),
        format: guess_format(&activity.source),
        place: None,
        measure_ids,
        partners: partner_ids
            .iter()
            .map(|&id| PartnerLink { partner_id: id, role: PartnerRole::Participant })
            .collect(),
        participants: None,
        outcome: None,
        links: Vec::new(),
        status: ActivityStatus::Done,
        owner_unit: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partner(uk: &str, en: Option<&str>, aliases: &[&str]) -> PartnerNames {
        PartnerNames {
            id: Uuid::new_v4(),
            name: LocalizedText { uk: uk.into(), en: en.map(Into::into) },
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            country: None,
        }
    }

    #[test]
    fn recognises_names_aliases_and_short_names_as_words() {
        let nefco = partner("Північна екологічна фінансова корпорація", Some("NEFCO"), &["НЕФКО"]);
        let eu = partner("Представництво ЄС в Україні", None, &["ЄС"]);
        let prague = partner("Прага 6", Some("Prague 6"), &[]);
        let all = [nefco.clone(), eu.clone(), prague.clone()];
        let found = recognise_partners("12 грудня 2024 року з представниками НЕФКО щодо проекту", &all);
        assert_eq!(found, [nefco.id]);
        let found = recognise_partners("кошти ЄС; делегація міського району Прага 6", &all);
        assert_eq!(found, [eu.id, prague.id]);
        assert!(recognise_partners("ЄСПЛ розглянув", &all).is_empty(), "a short alias inside a word is not a match");
        let congress = partner("Конгрес США", Some("United States Congress"), &[]);
        let found = recognise_partners(
            "з старшими радниками Конгресу США та експертів; делегація Праги 6",
            &[congress.clone(), prague.clone()],
        );
        assert_eq!(found, [congress.id, prague.id], "inflected names are recognised");
    }

    #[test]
    fn guesses_kind_and_format_from_the_words() {
        assert_eq!(guess_kind("підписано Меморандум про співробітництво"), ActivityKind::AgreementSigning);
        assert_eq!(guess_kind("взяло участь у щорічній конференції Eurocities"), ActivityKind::Conference);
        assert_eq!(guess_kind("організовано короткотерміновий курс"), ActivityKind::Training);
        assert_eq!(guess_kind("відбулась робоча зустріч"), ActivityKind::Meeting);
        assert_eq!(guess_format("взяли участь онлайн у зустрічі"), ActivityFormat::Online);
        assert_eq!(guess_format("зустріч у Дрездені"), ActivityFormat::InPerson);
    }
}
