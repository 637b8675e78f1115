//! Grants: money the council's projects receive from donors.

use intercoop_domain::GrantDraft;
use intercoop_persistence::grants as repo;
pub use intercoop_persistence::grants::{Grant, GrantFilter, GrantSort};

use crate::{Caller, Database, Page, PageRequest, Result, Sort};

super::workflow_operations!(repo, GrantDraft, Grant);

/// A page of the grants the caller may see.
pub async fn list(
    db: &Database,
    caller: &Caller,
    filter: &GrantFilter,
    sort: Sort<GrantSort>,
    page: PageRequest,
) -> Result<Page<Grant>> {
    Ok(repo::list(db, caller.visibility(), filter, sort, page).await?)
}
