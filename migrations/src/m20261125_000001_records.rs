//! The records of the foundation: programmes, sections, measures, partners, activities, grants, agreements and the
//! junctions between them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A table with the columns every record has: a UUID key, a version and its timestamps.
fn record_table(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(pk_uuid("id"))
        .col(integer("version"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .to_owned()
}

fn fk(
    from: &'static str,
    column: &'static str,
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{column}"))
        .from(from, column)
        .to(to, "id")
        .on_delete(on_delete)
        .to_owned()
}

/// A link table between two records; deleting the owner removes its links, the target cannot go while linked.
fn junction(
    name: &'static str,
    owner: (&'static str, &'static str),
    target: (&'static str, &'static str),
) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(uuid(owner.1))
        .col(uuid(target.1))
        .col(integer("position"))
        .primary_key(Index::create().col(owner.1).col(target.1))
        .foreign_key(&mut fk(name, owner.1, owner.0, ForeignKeyAction::Cascade))
        .foreign_key(&mut fk(name, target.1, target.0, ForeignKeyAction::Restrict))
        .to_owned()
}

fn index(table: &'static str, columns: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", columns.join("_"))).table(table);
    for c in columns {
        stmt.col(*c);
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            record_table("programmes")
                .col(json("title"))
                .col(string_uniq("title_key"))
                .col(integer("first_year"))
                .col(integer("last_year"))
                .col(string_null("decision_number"))
                .col(date_null("decision_date"))
                .col(string_null("owner_unit"))
                .to_owned(),
            record_table("sections")
                .col(uuid("programme_id"))
                .col(string("number"))
                .col(integer("position"))
                .col(json("title"))
                .foreign_key(&mut fk("sections", "programme_id", "programmes", ForeignKeyAction::Restrict))
                .to_owned(),
            record_table("measures")
                .col(uuid("section_id"))
                .col(string("code"))
                .col(string("code_sort"))
                .col(json("title"))
                .col(json("responsible_units"))
                .col(json("funding"))
                .foreign_key(&mut fk("measures", "section_id", "sections", ForeignKeyAction::Restrict))
                .to_owned(),
            record_table("partners")
                .col(json("name"))
                .col(string_uniq("name_key"))
                .col(json("aliases"))
                .col(string("kind"))
                .col(string_null("country"))
                .col(json_null("city"))
                .col(text_null("website"))
                .col(uuid_null("parent_id"))
                .col(date_null("partner_since"))
                .col(double_null("latitude"))
                .col(double_null("longitude"))
                .col(string("publication"))
                .col(string_null("owner_unit"))
                .col(text("search_text"))
                .foreign_key(&mut fk("partners", "parent_id", "partners", ForeignKeyAction::Restrict))
                .to_owned(),
            record_table("activities")
                .col(json("title"))
                .col(string("sort_title"))
                .col(json_null("description"))
                .col(string("kind"))
                .col(date("start_date"))
                .col(date_null("end_date"))
                .col(date("last_day"))
                .col(string("date_precision"))
                .col(json("additional_dates"))
                .col(string("format"))
                .col(json_null("place_city"))
                .col(string_null("place_country"))
                .col(text_null("participants"))
                .col(json_null("outcome"))
                .col(json("links"))
                .col(string("status"))
                .col(string("publication"))
                .col(string_null("owner_unit"))
                .col(text("search_text"))
                .to_owned(),
            junction("activity_measures", ("activities", "activity_id"), ("measures", "measure_id")),
            junction("activity_partners", ("activities", "activity_id"), ("partners", "partner_id"))
                .col(string("role"))
                .to_owned(),
            record_table("grants")
                .col(uuid("donor_id"))
                .col(string_null("instrument"))
                .col(json("project_title"))
                .col(string("sort_title"))
                .col(json_null("description"))
                .col(string("amount"))
                .col(string("currency"))
                .col(string("status"))
                .col(date_null("applied_on"))
                .col(date_null("awarded_on"))
                .col(date_null("start_date"))
                .col(date_null("end_date"))
                .col(string("publication"))
                .col(string_null("owner_unit"))
                .col(text("search_text"))
                .foreign_key(&mut fk("grants", "donor_id", "partners", ForeignKeyAction::Restrict))
                .to_owned(),
            junction("grant_measures", ("grants", "grant_id"), ("measures", "measure_id")),
            junction("grant_activities", ("grants", "grant_id"), ("activities", "activity_id")),
            record_table("agreements")
                .col(string("kind"))
                .col(json("title"))
                .col(string("sort_title"))
                .col(json_null("description"))
                .col(json("parties"))
                .col(date_null("signed_on"))
                .col(date_null("valid_until"))
                .col(string("status"))
                .col(text_null("document_url"))
                .col(string("publication"))
                .col(string_null("owner_unit"))
                .col(text("search_text"))
                .to_owned(),
            junction("agreement_measures", ("agreements", "agreement_id"), ("measures", "measure_id")),
            junction("agreement_partners", ("agreements", "agreement_id"), ("partners", "partner_id")),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        let indexes = [
            index("sections", &["programme_id", "position"], true),
            index("measures", &["section_id", "code"], true),
            index("partners", &["parent_id"], false),
            index("activities", &["start_date"], false),
            index("activities", &["last_day"], false),
            index("activity_measures", &["measure_id"], false),
            index("activity_partners", &["partner_id"], false),
            index("grants", &["donor_id"], false),
            index("grant_measures", &["measure_id"], false),
            index("grant_activities", &["activity_id"], false),
            index("agreement_measures", &["measure_id"], false),
            index("agreement_partners", &["partner_id"], false),
        ];
        for idx in indexes {
            manager.create_index(idx).await?;
        }
        Ok(())
    }
}
