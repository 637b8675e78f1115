//! The place a report's paragraph names: the first city written "м. Дрезден", "місто/міста/місті X", with its
//! country from a following "(Польща)", from a known partner of that name, or home when it is the council's city.

use uuid::Uuid;

use crate::CountryCode;
use crate::report::PartnerNames;

/// A city a paragraph names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPlace {
    /// The city's name: the known partner's or the home city's when it is one of them, else as written.
    pub city: String,
    pub country: Option<CountryCode>,
    /// The known partner the city is.
    pub partner: Option<Uuid>,
    /// The council's own city.
    pub home: bool,
}

/// Country names as the reports write them, with their ISO codes; matched by stem.
const COUNTRIES: &[(&str, &str)] = &[
    ("Україна", "UA"),
    ("Польща", "PL"),
    ("Німеччина", "DE"),
    ("Чехія", "CZ"),
    ("Чеська Республіка", "CZ"),
    ("Литва", "LT"),
    ("Латвія", "LV"),
    ("Естонія", "EE"),
    ("Болгарія", "BG"),
    ("Республіка Болгарія", "BG"),
    ("Румунія", "RO"),
    ("Молдова", "MD"),
    ("Угорщина", "HU"),
    ("Словаччина", "SK"),
    ("Словенія", "SI"),
    ("Хорватія", "HR"),
    ("Австрія", "AT"),
    ("Швейцарія", "CH"),
    ("Франція", "FR"),
    ("Італія", "IT"),
    ("Іспанія", "ES"),
    ("Португалія", "PT"),
    ("Греція", "GR"),
    ("Нідерланди", "NL"),
    ("Бельгія", "BE"),
    ("Люксембург", "LU"),
    ("Данія", "DK"),
    ("Швеція", "SE"),
    ("Норвегія", "NO"),
    ("Фінляндія", "FI"),
    ("Ірландія", "IE"),
    ("Велика Британія", "GB"),
    ("Великобританія", "GB"),
    ("Грузія", "GE"),
    ("Азербайджан", "AZ"),
    ("Вірменія", "AM"),
    ("Туреччина", "TR"),
    ("Ізраїль", "IL"),
    ("Тайвань", "TW"),
    ("Японія", "JP"),
    ("Китай", "CN"),
    ("Корея", "KR"),
    ("Республіка Корея", "KR"),
    ("США", "US"),
    ("Канада", "CA"),
];

/// Words after "м." that are not cities (a sentence ending in "м." and the next one).
const NOT_CITIES: &[&str] = &["Вони", "Він", "Вона", "Це", "Так", "На", "У", "В", "З", "До"];

/// Whether two forms are one word inflected: they share all but the last two letters of the shorter, and at
/// least four ("Хмельницькому" is "Хмельницький", "Дрездені" is "Дрезден").
pub fn same_word(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.to_lowercase().chars().collect(), b.to_lowercase().chars().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let shorter = a.len().min(b.len());
    common >= 4 && common + 2 >= shorter
}

/// Whether the words of `name` are the words of `written`, each inflected or not.
fn same_name(written: &str, name: &str) -> bool {
    let w: Vec<&str> = written.split_whitespace().collect();
    let n: Vec<&str> = name.split_whitespace().collect();
    w.len() == n.len() && w.iter().zip(&n).all(|(a, b)| a == b || same_word(a, b))
}

fn country_named(name: &str) -> Option<CountryCode> {
    let name = name.trim();
    COUNTRIES.iter().find(|(n, _)| same_name(name, n)).and_then(|(_, code)| CountryCode::parse(code).ok())
}

/// The city after a marker at `at`: a capitalised word, with its hyphenated parts and a district number.
fn city_at(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '’'))
        .map_or(text.len(), |(i, _)| i);
    let word = &text[..end];
    if !word.chars().next().is_some_and(char::is_uppercase) || word.chars().count() < 2 {
        return None;
    }
    let mut rest = &text[end..];
    let mut city = word.to_owned();
    let digits: String = rest.strip_prefix(' ').unwrap_or("").chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        city = format!("{city} {digits}");
        rest = &rest[1 + digits.len()..];
    }
    Some((city, rest))
}

/// The first city `text` names, if any. `home` is the council's city (its name in the nominative), `home_country`
/// its country.
pub fn find_place(text: &str, partners: &[PartnerNames], home: &str, home_country: &str) -> Option<FoundPlace> {
    const MARKERS: [&str; 4] = ["м. ", "місто ", "міста ", "місті "];
    let mut from = 0;
    while from < text.len() {
        let (at, marker) =
            MARKERS.iter().filter_map(|m| text[from..].find(m).map(|i| (from + i, *m))).min_by_key(|(i, _)| *i)?;
        from = at + marker.len();
        let starts_word = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let Some((city, rest)) = city_at(&text[from..]).filter(|_| starts_word) else { continue };
        if NOT_CITIES.contains(&city.as_str()) {
            continue;
        }
        if same_name(&city, home) {
            let country = CountryCode::parse(home_country).ok();
            return Some(FoundPlace { city: home.to_owned(), country, partner: None, home: true });
        }
        let written =
            rest.trim_start().strip_prefix('(').and_then(|r| r.split_once(')')).and_then(|(c, _)| country_named(c));
        let partner = partners.iter().find(|p| {
            std::iter::once(p.name.uk.as_str()).chain(p.aliases.iter().map(String::as_str)).any(|n| same_name(&city, n))
        });
        return Some(match partner {
            Some(p) => {
                FoundPlace { city: p.name.uk.clone(), country: p.country.or(written), partner: Some(p.id), home: false }
            }
            None => FoundPlace { city, country: written, partner: None, home: false },
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LocalizedText;

    fn partner(uk: &str, country: &str) -> PartnerNames {
        PartnerNames {
            id: Uuid::new_v4(),
            name: LocalizedText::uk(uk.to_owned()),
            aliases: Vec::new(),
            country: CountryCode::parse(country).ok(),
        }
    }

    fn place(text: &str, partners: &[PartnerNames]) -> Option<(String, Option<String>, bool)> {
        find_place(text, partners, "Хмельницький", "UA")
            .map(|p| (p.city, p.country.map(|c| c.as_str().to_owned()), p.home))
    }

    #[test]
    fn finds_the_city_its_country_and_home() {
        let dresden = partner("Дрезден", "DE");
        let all = [dresden.clone()];
        let found = |t| place(t, &all);
        let some = |c: &str, k: Option<&str>, home| Some((c.to_owned(), k.map(str::to_owned), home));
        assert_eq!(found("робочий візит до м. Люблін (Польща) щодо"), some("Люблін", Some("PL"), false));
        assert_eq!(found("делегації міста Сілістра (Республіка Болгарія)"), some("Сілістра", Some("BG"), false));
        assert_eq!(found("зустріч у м. Дрездені"), some("Дрезден", Some("DE"), false));
        assert_eq!(found("у м. Хмельницькому відбувся форум"), some("Хмельницький", Some("UA"), true));
        assert_eq!(found("делегація Праги 6 у місті Хмельницькому"), some("Хмельницький", Some("UA"), true));
        assert_eq!(found("конференція у м. Тайбей"), some("Тайбей", None, false));
        assert_eq!(found("висота 5 м. Вони прибули до м. Краків"), some("Краків", None, false));
        assert_eq!(found("форум громад (онлайн)"), None);
        assert_eq!(found("наукового співробітництва університету міста"), None);
        assert!(find_place("до м. Дрезден", &all, "Хмельницький", "UA").unwrap().partner == Some(dresden.id));
    }

    #[test]
    fn inflected_forms_are_one_word() {
        assert!(same_word("Хмельницькому", "Хмельницький"));
        assert!(same_word("Польщі", "Польща"));
        assert!(!same_word("Прага", "Празі"));
        assert!(!same_word("Литва", "Латвія"));
        assert!(!same_word("Рим", "Рига"));
    }
}
