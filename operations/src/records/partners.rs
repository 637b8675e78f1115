//! Partners: the cities, regions, organisations and networks the council works with.

use intercoop_domain::PartnerDraft;
use intercoop_persistence::partners as repo;
pub use intercoop_persistence::partners::{Partner, PartnerFilter, PartnerRef, PartnerSort};

use crate::{Caller, Database, Page, PageRequest, Result, Sort};

super::workflow_operations!(repo, PartnerDraft, Partner);

/// A page of the partners the caller may see.
pub async fn list(
    db: &Database,
    caller: &Caller,
    filter: &PartnerFilter,
    sort: Sort<PartnerSort>,
    page: PageRequest,
) -> Result<Page<Partner>> {
    Ok(repo::list(db, caller.visibility(), filter, sort, page).await?)
}
