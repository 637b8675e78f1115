//! The words of generated records: cities with their Ukrainian cases, topics, and the sentences a department
//! writes about its partners and activities, in Ukrainian and English.

use chrono::{Datelike, Duration, NaiveDate};
use intercoop_domain::{
    ActivityDraft, ActivityFormat, ActivityKind, ActivityStatus, AgreementDraft, AgreementKind, AgreementParty,
    AgreementStatus, Coordinates, CountryCode, CurrencyCode, DatePrecision, GrantDraft, GrantStatus, LocalizedText,
    PartnerDraft, PartnerKind, PartnerLink, PartnerRole, Place,
};
use rand::Rng;
use rand::seq::IndexedRandom;
use uuid::Uuid;

/// A city: its name in the Ukrainian nominative, genitive and locative, in English, its country and position.
pub(super) struct City {
    pub nom: &'static str,
    pub gen_: &'static str,
    pub loc: &'static str,
    pub en: &'static str,
    pub country: &'static str,
    pub lat: f64,
    pub lon: f64,
}

const fn city(
    nom: &'static str,
    gen_: &'static str,
    loc: &'static str,
    en: &'static str,
    country: &'static str,
    lat: f64,
    lon: f64,
) -> City {
    City { nom, gen_, loc, en, country, lat, lon }
}

pub(super) const CITIES: &[City] = &[
    city("Люблін", "Любліна", "Любліні", "Lublin", "PL", 51.25, 22.57),
    city("Жешів", "Жешува", "Жешеві", "Rzeszów", "PL", 50.04, 22.0),
    city("Торунь", "Торуня", "Торуні", "Toruń", "PL", 53.01, 18.6),
    city("Кошалін", "Кошаліна", "Кошаліні", "Koszalin", "PL", 54.19, 16.17),
    city("Дрезден", "Дрездена", "Дрездені", "Dresden", "DE", 51.05, 13.74),
    city("Лейпциг", "Лейпцига", "Лейпцигу", "Leipzig", "DE", 51.34, 12.37),
    city("Гамбург", "Гамбурга", "Гамбурзі", "Hamburg", "DE", 53.55, 9.99),
    city("Прага", "Праги", "Празі", "Prague", "CZ", 50.08, 14.44),
    city("Брно", "Брно", "Брно", "Brno", "CZ", 49.2, 16.61),
    city("Кошице", "Кошице", "Кошице", "Košice", "SK", 48.72, 21.26),
    city("Сілістра", "Сілістри", "Сілістрі", "Silistra", "BG", 44.12, 27.26),
    city("Варна", "Варни", "Варні", "Varna", "BG", 43.21, 27.91),
    city("Сучава", "Сучави", "Сучаві", "Suceava", "RO", 47.65, 26.26),
    city("Каунас", "Каунаса", "Каунасі", "Kaunas", "LT", 54.9, 23.89),
    city("Вільнюс", "Вільнюса", "Вільнюсі", "Vilnius", "LT", 54.69, 25.28),
    city("Рига", "Риги", "Ризі", "Riga", "LV", 56.95, 24.11),
    city("Тарту", "Тарту", "Тарту", "Tartu", "EE", 58.38, 26.72),
    city("Тампере", "Тампере", "Тампере", "Tampere", "FI", 61.5, 23.79),
    city("Уппсала", "Уппсали", "Уппсалі", "Uppsala", "SE", 59.86, 17.64),
    city("Ольборг", "Ольборга", "Ольборзі", "Aalborg", "DK", 57.05, 9.92),
    city("Берген", "Бергена", "Бергені", "Bergen", "NO", 60.39, 5.32),
    city("Ліон", "Ліона", "Ліоні", "Lyon", "FR", 45.76, 4.84),
    city("Тулуза", "Тулузи", "Тулузі", "Toulouse", "FR", 43.6, 1.44),
    city("Болонья", "Болоньї", "Болоньї", "Bologna", "IT", 44.49, 11.34),
    city("Валенсія", "Валенсії", "Валенсії", "Valencia", "ES", 39.47, -0.38),
    city("Утрехт", "Утрехта", "Утрехті", "Utrecht", "NL", 52.09, 5.12),
    city("Грац", "Граца", "Граці", "Graz", "AT", 47.07, 15.44),
    city("Цюрих", "Цюриха", "Цюриху", "Zurich", "CH", 47.38, 8.54),
    city("Единбург", "Единбурга", "Единбурзі", "Edinburgh", "GB", 55.95, -3.19),
    city("Батумі", "Батумі", "Батумі", "Batumi", "GE", 41.64, 41.64),
    city("Бєльці", "Бєльців", "Бєльцях", "Bălți", "MD", 47.76, 27.93),
    city("Тайбей", "Тайбея", "Тайбеї", "Taipei", "TW", 25.03, 121.57),
    city("Сендай", "Сендая", "Сендаї", "Sendai", "JP", 38.27, 140.87),
    city("Піттсбург", "Піттсбурга", "Піттсбурзі", "Pittsburgh", "US", 40.44, -80.0),
    city("Едмонтон", "Едмонтона", "Едмонтоні", "Edmonton", "CA", 53.55, -113.49),
];

/// The city the council is in, where delegations are received.
pub(super) const HOME: City =
    city("Хмельницький", "Хмельницького", "Хмельницькому", "Khmelnytskyi", "UA", 49.42, 26.99);

/// Topics of conferences, trainings, projects and agreements: (Ukrainian, English).
const TOPICS: &[(&str, &str)] = &[
    ("Енергоефективність громад", "Energy efficiency in communities"),
    ("Відновлення міської інфраструктури", "Rebuilding urban infrastructure"),
    ("Цифрова трансформація міст", "Digital transformation of cities"),
    ("Сталий міський транспорт", "Sustainable urban transport"),
    ("Інклюзивна освіта", "Inclusive education"),
    ("Підтримка малого та середнього бізнесу", "Support for small and medium businesses"),
    ("Реабілітація ветеранів", "Rehabilitation of veterans"),
    ("Культурна спадщина та туризм", "Cultural heritage and tourism"),
    ("Чиста вода та водовідведення", "Clean water and sanitation"),
    ("Молодіжна політика", "Youth policy"),
    ("Публічні закупівлі та прозорість", "Public procurement and transparency"),
    ("Медична допомога та громадське здоров'я", "Healthcare and public health"),
    ("Управління відходами", "Waste management"),
    ("Інвестиційна привабливість регіону", "Investment attractiveness of the region"),
];

const SPORTS: &[(&str, &str)] = &[
    ("футболу", "football"),
    ("волейболу", "volleyball"),
    ("шахів", "chess"),
    ("дзюдо", "judo"),
    ("плавання", "swimming"),
];

const BRANDS: &[&str] = &["Подолія", "Євротех", "Агросвіт", "Smart Grid", "Вектор", "Nordic Build", "Медлайн", "Термо"];

const UNITS: &[&str] = &[
    "Управління економіки",
    "Управління культури і туризму",
    "Управління освіти",
    "Управління молоді та спорту",
    "Управління охорони здоров'я",
];

fn text(uk: String, en: String) -> LocalizedText {
    LocalizedText { uk, en: Some(en) }
}

fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).expect("the generator's countries are ISO codes")
}

/// A day of `year`.
pub(super) fn day_in(rng: &mut impl Rng, year: i32) -> NaiveDate {
    NaiveDate::from_yo_opt(year, rng.random_range(1..=365)).expect("a day of the year")
}

/// A partner of `kind` in `city`; `n` tells apart partners that would share a name.
pub(super) fn partner(rng: &mut impl Rng, kind: PartnerKind, city: &City, n: usize) -> PartnerDraft {
    let (topic_uk, topic_en) = *TOPICS.choose(rng).expect("topics");
    let brand = BRANDS.choose(rng).expect("brands");
    let (uk, en) = match kind {
        PartnerKind::TwinCity | PartnerKind::PartnerCity | PartnerKind::SolidarityPartner => {
            (format!("Міська рада {}", city.gen_), format!("{} City Council", city.en))
        }
        PartnerKind::University => (format!("Університет {}", city.gen_), format!("University of {}", city.en)),
        PartnerKind::Business => (format!("Компанія «{brand}» ({})", city.nom), format!("{brand} Ltd ({})", city.en)),
        PartnerKind::Ngo => {
            (format!("Громадська організація «{topic_uk}» ({})", city.nom), format!("NGO “{topic_en}” ({})", city.en))
        }
        PartnerKind::Embassy => (format!("Консульство в місті {}", city.nom), format!("Consulate in {}", city.en)),
        PartnerKind::GovernmentBody => {
            (format!("Регіональний уряд {}", city.gen_), format!("Regional government of {}", city.en))
        }
        PartnerKind::Network => (format!("Мережа міст «{topic_uk}»"), format!("“{topic_en}” city network")),
        PartnerKind::Donor | PartnerKind::InternationalOrganisation | PartnerKind::FinancialInstitution => {
            (format!("Фонд розвитку {}", city.gen_), format!("{} Development Fund", city.en))
        }
    };
    let (uk, en) = if n == 0 { (uk, en) } else { (format!("{uk} №{}", n + 1), format!("{en} No. {}", n + 1)) };
    let since_year = rng.random_range(1995..=2024);
    let partner_since = rng.random_bool(0.5).then(|| day_in(rng, since_year));
    PartnerDraft {
        name: text(uk, en),
        aliases: Vec::new(),
        kind,
        country: Some(country(city.country)),
        city: Some(text(city.nom.into(), city.en.into())),
        website: Some(format!(
            "https://{}.example.org/",
            city.en.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "")
        )),
        parent_id: None,
        partner_since,
        coordinates: Some(Coordinates {
            latitude: city.lat + rng.random_range(-0.05..0.05),
            longitude: city.lon + rng.random_range(-0.05..0.05),
        }),
        owner_unit: None,
    }
}

/// An activity of `year` under `measure_ids` with `partners`, the first of them in `city`.
pub(super) fn activity(
    rng: &mut impl Rng,
    year: i32,
    city: &City,
    measure_ids: Vec<Uuid>,
    partners: &[Uuid],
) -> ActivityDraft {
    use ActivityKind as K;
    let kind = *[
        K::Meeting,
        K::VisitAbroad,
        K::DelegationReceived,
        K::Conference,
        K::Training,
        K::CulturalEvent,
        K::SportsEvent,
        K::YouthExchange,
        K::HumanitarianAid,
        K::AgreementSigning,
        K::OnlineEvent,
    ]
    .choose(rng)
    .expect("kinds");
    let (t, te) = *TOPICS.choose(rng).expect("topics");
    let (s, se) = *SPORTS.choose(rng).expect("sports");
    let (c, cg, cl, ce) = (city.nom, city.gen_, city.loc, city.en);
    let (uk, en, abroad) = match kind {
        K::Meeting => (
            format!("Робоча зустріч з представниками міста {c}"),
            format!("Working meeting with representatives of {ce}"),
            false,
        ),
        K::VisitAbroad => (
            format!("Робочий візит делегації міської ради до {cg}"),
            format!("Working visit of the city council delegation to {ce}"),
            true,
        ),
        K::DelegationReceived => {
            (format!("Прийом офіційної делегації з {cg}"), format!("Official delegation from {ce} received"), false)
        }
        K::Conference => (
            format!("Участь у міжнародній конференції «{t}» у {cl}"),
            format!("International conference “{te}” in {ce}"),
            true,
        ),
        K::Training => (
            format!("Навчальний семінар «{t}» за участі експертів з {cg}"),
            format!("Training “{te}” with experts from {ce}"),
            false,
        ),
        K::CulturalEvent => {
            (format!("Дні культури міста {c} у Хмельницькому"), format!("Days of {ce} culture in Khmelnytskyi"), false)
        }
        K::SportsEvent => (
            format!("Міжнародний турнір з {s} за участі команди з {cg}"),
            format!("International {se} tournament with a team from {ce}"),
            false,
        ),
        K::YouthExchange => {
            (format!("Молодіжний обмін з {cg}: «{t}»"), format!("Youth exchange with {ce}: “{te}”"), true)
        }
        K::HumanitarianAid => (
            format!("Отримання гуманітарної допомоги від міста {c}"),
            format!("Humanitarian aid received from {ce}"),
            false,
        ),
        K::AgreementSigning => (
            format!("Підписання меморандуму про співпрацю з містом {c}"),
            format!("Memorandum of cooperation signed with {ce}"),
            true,
        ),
        _ => (
            format!("Онлайн-зустріч з партнерами з {cg} щодо теми «{t}»"),
            format!("Online meeting with partners from {ce} on “{te}”"),
            false,
        ),
    };
    let start = day_in(rng, year);
    let end = (rng.random_bool(0.3)).then(|| start + Duration::days(rng.random_range(1..=4)));
    let end = end.filter(|e| e.year() == year);
    let format = match kind {
        K::OnlineEvent => ActivityFormat::Online,
        _ if rng.random_bool(0.1) => ActivityFormat::Hybrid,
        _ => ActivityFormat::InPerson,
    };
    let place = (format != ActivityFormat::Online).then(|| {
        let at = if abroad { city } else { &HOME };
        Place { city: Some(text(at.nom.into(), at.en.into())), country: Some(country(at.country)) }
    });
    let people = rng.random_range(3..=60);
    let description = text(
        format!("{uk}. Обговорено напрям «{t}», взяли участь {people} представників громади та партнерів."),
        format!("{en}. The parties discussed “{te}”; {people} people from the community and the partners took part."),
    );
    let outcome = rng.random_bool(0.6).then(|| {
        text(
            format!("Погоджено план спільних заходів на {} рік.", year + 1),
            format!("A plan of joint actions for {} was agreed.", year + 1),
        )
    });
    let roles = [PartnerRole::Host, PartnerRole::Organiser, PartnerRole::Participant, PartnerRole::Participant];
    ActivityDraft {
        title: text(uk, en),
        description: Some(description),
        kind,
        start_date: start,
        end_date: end,
        date_precision: DatePrecision::Day,
        additional_dates: Vec::new(),
        format,
        place,
        measure_ids,
        partners: partners
            .iter()
            .map(|id| PartnerLink { partner_id: *id, role: *roles.choose(rng).expect("roles") })
            .collect(),
        participants: Some(format!("{people} учасників")),
        outcome,
        links: Vec::new(),
        status: if year > 2025 { ActivityStatus::Planned } else { ActivityStatus::Done },
        owner_unit: Some((*UNITS.choose(rng).expect("units")).to_owned()),
    }
}

/// A grant of `donor` in `year` for `measure_id`, funding `activity_ids`.
pub(super) fn grant(
    rng: &mut impl Rng,
    year: i32,
    donor: Uuid,
    measure_id: Uuid,
    activity_ids: Vec<Uuid>,
) -> GrantDraft {
    let (t, te) = *TOPICS.choose(rng).expect("topics");
    let code = *["EUR", "USD", "UAH"].choose(rng).expect("currencies");
    let applied = day_in(rng, year);
    let awarded = applied + Duration::days(rng.random_range(20..120));
    let status = *[GrantStatus::Awarded, GrantStatus::InProgress, GrantStatus::Completed, GrantStatus::Applied]
        .choose(rng)
        .expect("statuses");
    let awarded = (status != GrantStatus::Applied).then_some(awarded);
    GrantDraft {
        donor_id: donor,
        instrument: Some("Програма малих грантів".into()),
        project_title: text(format!("Проєкт «{t}»"), format!("Project “{te}”")),
        description: Some(text(
            format!("Грант на реалізацію проєкту за напрямом «{t}»."),
            format!("A grant for a project on “{te}”."),
        )),
        amount: format!("{}.{:02}", rng.random_range(10_000..2_000_000), rng.random_range(0..100)),
        currency: CurrencyCode::parse(code).expect("an ISO currency"),
        status,
        applied_on: Some(applied),
        awarded_on: awarded,
        start_date: awarded,
        end_date: awarded.map(|a| a + Duration::days(365)),
        measure_ids: vec![measure_id],
        activity_ids,
        owner_unit: Some(UNITS[0].to_owned()),
    }
}

/// An agreement with the partner `party` in `city`, signed in `year`.
pub(super) fn agreement(rng: &mut impl Rng, year: i32, city: &City, party: Uuid, measure_id: Uuid) -> AgreementDraft {
    let (t, te) = *TOPICS.choose(rng).expect("topics");
    let kind =
        *[AgreementKind::Memorandum, AgreementKind::Partnership, AgreementKind::Twinning].choose(rng).expect("kinds");
    let signed = day_in(rng, year);
    AgreementDraft {
        kind,
        title: text(
            format!("Меморандум про співпрацю з містом {} у сфері «{t}»", city.nom),
            format!("Memorandum of cooperation with {} on “{te}”", city.en),
        ),
        description: None,
        parties: vec![
            AgreementParty {
                partner_id: None,
                name: Some(text("Хмельницька міська рада".into(), "Khmelnytskyi City Council".into())),
            },
            AgreementParty { partner_id: Some(party), name: None },
        ],
        signed_on: Some(signed),
        valid_until: Some(signed + Duration::days(365 * 5)),
        status: AgreementStatus::InForce,
        document_url: None,
        measure_ids: vec![measure_id],
        owner_unit: Some(UNITS[0].to_owned()),
    }
}
