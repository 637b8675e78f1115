//! The console's texts: Fluent catalogues (`locales/uk`, `locales/en`) with each language's plural rules
//! ("1 захід, 2 заходи, 5 заходів"). Ukrainian is the default; a text missing in English falls back to it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "uk",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static UK: LazyLock<LanguageIdentifier> = LazyLock::new(|| "uk".parse().expect("a language tag"));
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().expect("a language tag"));

/// A language the console is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Uk,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "uk" => Some(Lang::Uk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Uk => Lang::En,
            Lang::En => Lang::Uk,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Uk => &UK,
            Lang::En => &EN,
        }
    }

    /// The report's language for this one.
    pub fn report(self) -> intercoop_domain::report::Lang {
        match self {
            Lang::Uk => intercoop_domain::report::Lang::Uk,
            Lang::En => intercoop_domain::report::Lang::En,
        }
    }
}

/// The texts in one language, as templates use them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Tr { lang }
    }

    /// The text of `key`; the key itself where no catalogue has it (a test finds those).
    pub fn t(&self, key: &str) -> String {
        LOCALES.try_lookup(self.lang.id(), key).unwrap_or_else(|| key.to_owned())
    }

    /// The text of `key` with `$count`, in the plural form the language gives `count`.
    pub fn n(&self, key: &str, count: impl std::borrow::Borrow<i64>) -> String {
        let args = HashMap::from([(Cow::Borrowed("count"), FluentValue::from(*count.borrow()))]);
        self.lookup(key, &args)
    }

    /// The text of `key` with one named value.
    pub fn with(&self, key: &str, name: &'static str, value: &str) -> String {
        let args = HashMap::from([(Cow::Borrowed(name), FluentValue::from(value.to_owned()))]);
        self.lookup(key, &args)
    }

    /// The text of `key` with named values.
    pub fn args(&self, key: &str, values: &[(&'static str, String)]) -> String {
        let args = values.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        self.lookup(key, &args)
    }

    fn lookup(&self, key: &str, args: &HashMap<Cow<'static, str>, FluentValue<'_>>) -> String {
        LOCALES.try_lookup_with_args(self.lang.id(), key, args).unwrap_or_else(|| key.to_owned())
    }

    /// A value of a closed vocabulary (`kind`, `meeting`) in words.
    pub fn term(&self, vocabulary: &str, value: &str) -> String {
        self.t(&format!("{vocabulary}-{value}"))
    }

    /// Text in the reader's language where the record has it, else in Ukrainian.
    pub fn pick<'a>(&self, text: &'a intercoop_domain::LocalizedText) -> &'a str {
        match (self.lang, &text.en) {
            (Lang::En, Some(en)) if !en.trim().is_empty() => en,
            _ => &text.uk,
        }
    }

    /// What went wrong with a field, in the reader's words: the catalogue's message for the field and the
    /// validation's code (`error-measure_ids-length`), else for the code; the operation's own (English) words
    /// where the catalogue has neither.
    pub fn field_error(&self, field: &str, code: &str, message: &str) -> String {
        let field = field.split('[').next().unwrap_or(field);
        LOCALES
            .try_lookup(self.lang.id(), &format!("error-{field}-{code}"))
            .or_else(|| LOCALES.try_lookup(self.lang.id(), &format!("error-{code}")))
            .unwrap_or_else(|| message.to_owned())
    }

    /// The name of a record's field (`start_date`) in the reader's words, or the field's own name where the
    /// catalogue has none.
    pub fn record_field(&self, field: &str) -> String {
        LOCALES.try_lookup(self.lang.id(), &format!("record-field-{field}")).unwrap_or_else(|| field.to_owned())
    }
}

/// The fields of the records the console shows, as the API names them: the tests check that each has its name in
/// the catalogues.
#[cfg(test)]
const RECORD_FIELDS: [&str; 36] = [
    "title",
    "description",
    "kind",
    "start_date",
    "end_date",
    "date_precision",
    "additional_dates",
    "format",
    "place",
    "measure_ids",
    "partners",
    "participants",
    "outcome",
    "links",
    "status",
    "owner_unit",
    "name",
    "aliases",
    "country",
    "city",
    "website",
    "parent_id",
    "partner_since",
    "coordinates",
    "donor_id",
    "instrument",
    "project_title",
    "amount",
    "currency",
    "applied_on",
    "awarded_on",
    "activity_ids",
    "parties",
    "signed_on",
    "valid_until",
    "document_url",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_plurals_take_three_forms() {
        let uk = Tr::new(Lang::Uk);
        assert_eq!(uk.n("count-activities", 1i64), "1 захід");
        assert_eq!(uk.n("count-activities", 2i64), "2 заходи");
        assert_eq!(uk.n("count-activities", 5i64), "5 заходів");
        assert_eq!(uk.n("count-activities", 21i64), "21 захід");
        let en = Tr::new(Lang::En);
        assert_eq!(en.n("count-activities", 1i64), "1 activity");
        assert_eq!(en.n("count-activities", 5i64), "5 activities");
    }

    /// The keys a catalogue defines, in order.
    fn catalogue(lang: &str) -> Vec<String> {
        let text = std::fs::read_to_string(format!("{}/locales/{lang}/console.ftl", env!("CARGO_MANIFEST_DIR")))
            .expect("the catalogue");
        let mut keys: Vec<String> = text
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_key_of_one_catalogue_is_in_the_other_once() {
        assert_eq!(catalogue("uk"), catalogue("en"));
        let keys = catalogue("uk");
        let twice: Vec<&String> = keys.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
        assert!(twice.is_empty(), "defined twice (Fluent refuses the catalogue): {twice:?}");
    }

    #[test]
    fn every_text_the_pages_ask_for_is_in_the_catalogues() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut keys = Vec::new();
        for dir in [
            "src",
            "src/pages",
            "src/pages/activities",
            "src/pages/partners",
            "src/pages/imports",
            "src/pages/admin",
            "src/pages/records",
            "src/forms",
            "templates",
            "templates/activities",
            "templates/admin",
            "templates/grants",
            "templates/agreements",
            "templates/partners",
            "templates/imports",
        ] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("the folder") {
                let path = entry.expect("an entry").path();
                let Ok(text) = std::fs::read_to_string(&path) else { continue };
                for call in [".t(\"", ".n(\"", ".with(\"", ".args(\""] {
                    for part in text.split(call).skip(1) {
                        let key: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                        if !key.is_empty() && part[key.len()..].starts_with('"') {
                            keys.push(key);
                        }
                    }
                }
            }
        }
        let vocabularies = [
            ("kind", intercoop_domain::ActivityKind::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>()),
            ("format", intercoop_domain::ActivityFormat::ALL.iter().map(|v| v.as_str()).collect()),
            ("status", intercoop_domain::ActivityStatus::ALL.iter().map(|v| v.as_str()).collect()),
            ("precision", intercoop_domain::DatePrecision::ALL.iter().map(|v| v.as_str()).collect()),
            ("partner-role", intercoop_domain::PartnerRole::ALL.iter().map(|v| v.as_str()).collect()),
            ("partner-kind", intercoop_domain::PartnerKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("state", intercoop_domain::PublicationState::ALL.iter().map(|v| v.as_str()).collect()),
            ("role", intercoop_domain::Role::ALL.iter().map(|v| v.as_str()).collect()),
            ("step", intercoop_domain::Transition::ALL.iter().map(|v| v.as_str()).collect()),
            ("commented", intercoop_domain::Transition::ALL.iter().map(|v| v.as_str()).collect()),
            ("done", vec!["saved", "comment", "signed-out", "restored", "applied", "password", "redelivered"]),
            ("delivery", vec!["pending", "delivered", "failed"]),
            ("waiting", vec!["partners", "grants", "agreements"]),
            ("done", intercoop_domain::Transition::ALL.iter().map(|v| v.as_str()).collect()),
            ("record-field", RECORD_FIELDS.to_vec()),
            ("fate", vec!["new", "existing", "no_measure", "invalid", "skipped"]),
            ("flag", vec!["outside_year", "year_implied", "possible_duplicate"]),
            ("action", intercoop_operations::trail::ACTIONS.to_vec()),
            ("severity", vec!["warning", "notice"]),
            ("grant-status", intercoop_domain::GrantStatus::ALL.iter().map(|v| v.as_str()).collect()),
            ("agreement-kind", intercoop_domain::AgreementKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("agreement-status", intercoop_domain::AgreementStatus::ALL.iter().map(|v| v.as_str()).collect()),
        ];
        for (vocabulary, values) in vocabularies {
            keys.extend(values.iter().map(|v| format!("{vocabulary}-{v}")));
        }
        assert!(keys.len() > 100, "the pages ask for {} texts", keys.len());
        let defined = catalogue("uk");
        let missing: Vec<&String> = keys.iter().filter(|k| !defined.contains(k)).collect();
        assert!(missing.is_empty(), "the catalogues lack {missing:?}");
    }
}
