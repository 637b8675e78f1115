//! The datasets of the open-data feeds and their columns, with a description of each in Ukrainian and English:
//! the data dictionary that `datapackage.json`, the catalog and the `/open-data/v1/` page are written from.

/// A column's type, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    String,
    Integer,
    Number,
    Date,
    DateTime,
}

impl ColumnType {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Date => "date",
            ColumnType::DateTime => "datetime",
        }
    }
}

/// One column: its name, type, and what it holds (Ukrainian, English).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
    pub uk: &'static str,
    pub en: &'static str,
}

/// A dataset: its file name, titles, description and columns (in the CSV's order).
#[derive(Debug, Clone, Copy)]
pub struct Dataset {
    pub name: &'static str,
    pub title_uk: &'static str,
    pub title_en: &'static str,
    pub description_uk: &'static str,
    pub description_en: &'static str,
    pub columns: &'static [Column],
    /// The record types whose changes change the dataset.
    pub sources: &'static [&'static str],
}

use ColumnType::{Date, DateTime, Number, String as Text};

/// An activity's further periods (after its columns of the first, so a reader by position is not misled).
const ADDITIONAL_DATES: Column = c(
    "additional_dates",
    Text,
    "Інші дні заходу, що проходив частинами: дата або період ISO 8601 (2024-07-23/2024-07-26), через \"; \"",
    "Further days of an activity held in parts: a date or an ISO 8601 period (2024-07-23/2024-07-26), separated by \"; \"",
);

const fn c(name: &'static str, kind: ColumnType, uk: &'static str, en: &'static str) -> Column {
    Column { name, kind, uk, en }
}

const LIST: &str = "; ";

const ID: Column = c("id", Text, "Незмінний ідентифікатор (UUID)", "Stable identifier (UUID)");
const OWNER_UNIT: Column =
    c("owner_unit", Text, "Структурний підрозділ, що веде запис", "The organisational unit that keeps the record");
const CREATED_AT: Column = c("created_at", DateTime, "Коли запис створено (UTC)", "When the record was created (UTC)");
const UPDATED_AT: Column =
    c("updated_at", DateTime, "Коли запис востаннє змінено (UTC)", "When the record last changed (UTC)");
const MEASURE_CODES: Column = c(
    "measure_codes",
    Text,
    "Номери заходів програми, через \"; \"",
    "Codes of the programme's measures, separated by \"; \"",
);

pub const MEASURES: Dataset = Dataset {
    name: "measures",
    title_uk: "Заходи програми",
    title_en: "Measures of the programme",
    description_uk: "Пронумеровані заходи програми міжнародного співробітництва та промоції, за розділами.",
    description_en: "The numbered measures of the programme of international cooperation and promotion, by section.",
    columns: &[
        c("id", Text, "Незмінний ідентифікатор заходу (UUID)", "The measure's stable identifier (UUID)"),
        c("code", Text, "Номер заходу в програмі, напр. 1.10", "The measure's number in the programme, e.g. 1.10"),
        c("title", Text, "Назва заходу", "The measure's title"),
        c("section_id", Text, "Ідентифікатор розділу програми", "The identifier of the programme's section"),
        c("responsible_units", Text, "Відповідальні виконавці, через \"; \"", "Units responsible, separated by \"; \""),
        c(
            "planned_funding",
            Text,
            "Заплановане фінансування: рік, сума, валюта, джерело; через \"; \"",
            "Planned funding: year, amount, currency, source; separated by \"; \"",
        ),
        CREATED_AT,
        UPDATED_AT,
    ],
    sources: &["measure"],
};

pub const ACTIVITIES: Dataset = Dataset {
    name: "activities",
    title_uk: "Заходи міжнародного співробітництва",
    title_en: "International cooperation activities",
    description_uk: "Що зроблено в межах програми: візити, прийоми делегацій, конференції, навчання, обміни, гуманітарна допомога, підписання угод, публікації.",
    description_en: "What was done under the programme: visits, delegations received, conferences, trainings, exchanges, humanitarian aid, signings, publications.",
    columns: &[
        ID,
        c("title", Text, "Назва", "Title"),
        c(
            "kind",
            Text,
            "Вид: meeting, visit_abroad, delegation_received, conference, training, cultural_event, sports_event, youth_exchange, humanitarian_aid, agreement_signing, publication, procurement, online_event, other",
            "Kind: meeting, visit_abroad, delegation_received, conference, training, cultural_event, sports_event, youth_exchange, humanitarian_aid, agreement_signing, publication, procurement, online_event, other",
        ),
        c("status", Text, "Стан: planned, done, cancelled", "Status: planned, done, cancelled"),
        c("format", Text, "Формат: in_person, online, hybrid", "Format: in_person, online, hybrid"),
        c("start_date", Date, "Дата початку", "Start date"),
        c(
            "end_date",
            Date,
            "Дата завершення, якщо захід тривав понад день",
            "End date, when it lasted more than a day",
        ),
        c("date_precision", Text, "Точність дат: day, month, year", "Precision of the dates: day, month, year"),
        c("place_city", Text, "Місто", "City"),
        c("place_country", Text, "Країна (ISO 3166-1 alpha-2)", "Country (ISO 3166-1 alpha-2)"),
        MEASURE_CODES,
        c("partner_ids", Text, "Ідентифікатори партнерів, через \"; \"", "Partners' identifiers, separated by \"; \""),
        c("partner_names", Text, "Назви партнерів, через \"; \"", "Partners' names, separated by \"; \""),
        c("description", Text, "Опис", "Description"),
        c("outcome", Text, "Результат", "Outcome"),
        c("links", Text, "Посилання, через \"; \"", "Links, separated by \"; \""),
        OWNER_UNIT,
        CREATED_AT,
        UPDATED_AT,
        ADDITIONAL_DATES,
        c(
            "partner_roles",
            Text,
            "Ролі партнерів (host, organiser, funder, participant), через \"; \", у порядку partner_ids",
            "The partners' roles (host, organiser, funder, participant), separated by \"; \", in the order of partner_ids",
        ),
    ],
    sources: &["activity", "measure", "partner"],
};

pub const PARTNERS: Dataset = Dataset {
    name: "partners",
    title_uk: "Партнери",
    title_en: "Partners",
    description_uk: "Міста-побратими й міста-партнери, донори, міжнародні організації та інші партнери громади.",
    description_en: "Twin and partner cities, donors, international organisations and the community's other partners.",
    columns: &[
        ID,
        c("name", Text, "Назва", "Name"),
        c("aliases", Text, "Інші назви, через \"; \"", "Other names, separated by \"; \""),
        c("kind", Text, "Вид партнера", "Kind of partner"),
        c("country", Text, "Країна (ISO 3166-1 alpha-2)", "Country (ISO 3166-1 alpha-2)"),
        c("city", Text, "Місто", "City"),
        c("website", Text, "Вебсайт", "Website"),
        c("parent_id", Text, "Ідентифікатор партнера, до якого належить (UUID)", "The partner it belongs to (UUID)"),
        c("partner_since", Date, "Дата початку партнерства", "Partner since"),
        c("latitude", Number, "Широта (WGS 84)", "Latitude (WGS 84)"),
        c("longitude", Number, "Довгота (WGS 84)", "Longitude (WGS 84)"),
        OWNER_UNIT,
        CREATED_AT,
        UPDATED_AT,
    ],
    sources: &["partner"],
};

pub const GRANTS: Dataset = Dataset {
    name: "grants",
    title_uk: "Гранти",
    title_en: "Grants",
    description_uk: "Кошти донорів для проєктів громади: суми з точністю до копійки у валюті гранту.",
    description_en: "Money from donors for the community's projects: exact amounts in the grant's currency.",
    columns: &[
        ID,
        c("project_title", Text, "Назва проєкту", "Project title"),
        c("description", Text, "Опис", "Description"),
        c("donor_id", Text, "Ідентифікатор донора (UUID)", "The donor's identifier (UUID)"),
        c("donor_name", Text, "Донор", "Donor"),
        c("instrument", Text, "Програма або інструмент донора", "The donor's programme or instrument"),
        c("amount", Number, "Сума", "Amount"),
        c("currency", Text, "Валюта (ISO 4217)", "Currency (ISO 4217)"),
        c("status", Text, "Стан гранту", "Status of the grant"),
        c("applied_on", Date, "Дата подання заявки", "Applied on"),
        c("awarded_on", Date, "Дата надання", "Awarded on"),
        c("start_date", Date, "Початок проєкту", "Project start"),
        c("end_date", Date, "Завершення проєкту", "Project end"),
        MEASURE_CODES,
        c(
            "activity_ids",
            Text,
            "Пов'язані заходи (UUID), через \"; \"",
            "Related activities (UUID), separated by \"; \"",
        ),
        OWNER_UNIT,
        CREATED_AT,
        UPDATED_AT,
    ],
    sources: &["grant", "partner", "measure"],
};

pub const AGREEMENTS: Dataset = Dataset {
    name: "agreements",
    title_uk: "Угоди",
    title_en: "Agreements",
    description_uk: "Меморандуми, угоди про партнерство, побратимство та технічну допомогу.",
    description_en: "Memoranda, partnership, twinning and technical assistance agreements.",
    columns: &[
        ID,
        c("title", Text, "Назва", "Title"),
        c(
            "kind",
            Text,
            "Вид: twinning, partnership, solidarity_partnership, memorandum, technical_assistance",
            "Kind: twinning, partnership, solidarity_partnership, memorandum, technical_assistance",
        ),
        c(
            "status",
            Text,
            "Стан: in_preparation, in_force, expired, terminated",
            "Status: in_preparation, in_force, expired, terminated",
        ),
        c("signed_on", Date, "Дата підписання", "Signed on"),
        c("valid_until", Date, "Діє до", "Valid until"),
        c("parties", Text, "Сторони, через \"; \"", "Parties, separated by \"; \""),
        c(
            "partner_ids",
            Text,
            "Ідентифікатори сторін-партнерів, через \"; \"",
            "Identifiers of the partner parties, separated by \"; \"",
        ),
        c("document_url", Text, "Текст угоди", "The signed document"),
        c("description", Text, "Опис", "Description"),
        MEASURE_CODES,
        OWNER_UNIT,
        CREATED_AT,
        UPDATED_AT,
    ],
    sources: &["agreement", "partner", "measure"],
};

/// The record datasets, in the order the catalog lists them.
pub const RECORDS: [Dataset; 5] = [MEASURES, ACTIVITIES, PARTNERS, GRANTS, AGREEMENTS];

/// The columns of the annual report table (`report-{year}`).
pub const REPORT_COLUMNS: &[Column] = &[
    c("section", Text, "Номер розділу програми", "The programme section's number"),
    c("section_title", Text, "Назва розділу", "The section's title"),
    c("measure_code", Text, "Номер заходу програми", "The measure's code"),
    c("measure_title", Text, "Назва заходу програми", "The measure's title"),
    c(
        "activity_id",
        Text,
        "Ідентифікатор заходу (UUID), порожній для заходу програми без виконання",
        "The activity's identifier (UUID); empty for a measure with no activity",
    ),
    c("date_phrase", Text, "Дата, як її пише звіт", "The date as the report writes it"),
    c("start_date", Date, "Дата початку", "Start date"),
    c("end_date", Date, "Дата завершення", "End date"),
    c("date_precision", Text, "Точність дат: day, month, year", "Precision of the dates: day, month, year"),
    c("title", Text, "Назва заходу", "The activity's title"),
    c("text", Text, "Виконання, як його пише звіт", "What was done, as the report writes it"),
    c("partners", Text, "Партнери, через \"; \"", "Partners, separated by \"; \""),
    c(
        "publication",
        Text,
        "Стан публікації (у відкритих даних завжди published)",
        "Publication state (always published in open data)",
    ),
    ADDITIONAL_DATES,
];

/// The annual report table; one dataset per year, named `report-{year}`.
pub const REPORT: Dataset = Dataset {
    name: "report",
    title_uk: "Звіт про виконання програми",
    title_en: "Report on the programme's implementation",
    description_uk: "Таблиця щорічного звіту: кожен захід програми з виконанням за рік.",
    description_en: "The annual report's table: each measure of the programme with what was done in the year.",
    columns: REPORT_COLUMNS,
    sources: &["programme", "section", "measure", "activity", "partner"],
};

pub fn find(name: &str) -> Option<Dataset> {
    RECORDS.into_iter().find(|d| d.name == name)
}

/// The separator of list values in a CSV cell.
pub const LIST_SEPARATOR: &str = LIST;
