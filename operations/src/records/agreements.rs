//! Agreements: memoranda and agreements with partners.

use intercoop_domain::AgreementDraft;
use intercoop_persistence::agreements as repo;
pub use intercoop_persistence::agreements::{Agreement, AgreementFilter, AgreementSort};

use crate::{Caller, Database, Page, PageRequest, Result, Sort};

super::workflow_operations!(repo, AgreementDraft, Agreement);

/// A page of the agreements the caller may see.
pub async fn list(
    db: &Database,
    caller: &Caller,
    filter: &AgreementFilter,
    sort: Sort<AgreementSort>,
    page: PageRequest,
) -> Result<Page<Agreement>> {
    Ok(repo::list(db, caller.visibility(), filter, sort, page).await?)
}
