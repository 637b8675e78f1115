//! Activities: what the council did under the programme's measures, with its partners.

use intercoop_domain::ActivityDraft;
use intercoop_persistence::activities as repo;
pub use intercoop_persistence::activities::{ActivityFilter, ActivitySort, ActivityView};

use crate::{Caller, Database, Page, PageRequest, Result, Sort};

super::workflow_operations!(repo, ActivityDraft, ActivityView);

/// A page of the activities the caller may see.
pub async fn list(
    db: &Database,
    caller: &Caller,
    filter: &ActivityFilter,
    sort: Sort<ActivitySort>,
    page: PageRequest,
) -> Result<Page<ActivityView>> {
    Ok(repo::list(db, caller.visibility(), filter, sort, page).await?)
}
