//! What waits for review besides activities: the partners, grants and agreements submitted (of the person's unit,
//! for an editor kept to one), for the start page.

use intercoop_domain::PublicationState;
use intercoop_domain::roles::MinRole;
use intercoop_operations::records::agreements::{self, AgreementFilter, AgreementSort};
use intercoop_operations::records::grants::{self, GrantFilter, GrantSort};
use intercoop_operations::records::partners::{self, PartnerFilter, PartnerSort};
use intercoop_operations::{Database, PageRequest, Result, Sort};

use crate::session::Staff;

/// A record waiting for review.
pub struct Waiting {
    pub href: String,
    pub title: String,
    /// What it is ("партнер").
    pub what: String,
}

/// The partners, grants and agreements waiting for review (five of each at most), and how many there are.
pub async fn others<R: MinRole>(db: &Database, staff: &Staff<R>) -> Result<(u64, Vec<Waiting>)> {
    let (tr, caller) = (staff.tr, staff.caller());
    let unit = caller.bound_unit().map(str::to_owned);
    let state = Some(PublicationState::Submitted);
    let five = PageRequest { limit: 5, offset: 0 };
    let item = |collection: &str, id: uuid::Uuid, title: &str| Waiting {
        href: format!("{}/{collection}/{id}", crate::BASE),
        title: title.to_owned(),
        what: tr.t(&format!("waiting-{collection}")),
    };
    let filter = PartnerFilter { publication: state, owner_unit: unit.clone(), ..PartnerFilter::default() };
    let found =
        partners::list(db, caller, &filter, Sort { column: PartnerSort::Name, descending: false }, five).await?;
    let mut total = found.total;
    let mut out: Vec<Waiting> =
        found.items.iter().map(|p| item("partners", p.meta.id, tr.pick(&p.data.name))).collect();
    let filter = GrantFilter { publication: state, owner_unit: unit.clone(), ..GrantFilter::default() };
    let found =
        grants::list(db, caller, &filter, Sort { column: GrantSort::UpdatedAt, descending: true }, five).await?;
    total += found.total;
    out.extend(found.items.iter().map(|g| item("grants", g.meta.id, tr.pick(&g.data.project_title))));
    let filter = AgreementFilter { publication: state, owner_unit: unit, ..AgreementFilter::default() };
    let sort = Sort { column: AgreementSort::UpdatedAt, descending: true };
    let found = agreements::list(db, caller, &filter, sort, five).await?;
    total += found.total;
    out.extend(found.items.iter().map(|a| item("agreements", a.meta.id, tr.pick(&a.data.title))));
    Ok((total, out))
}
