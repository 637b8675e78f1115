//! Who calls an operation, and what they may do: the role, the unit an editor is kept to, and the version a
//! write names.

use intercoop_domain::{PublicationState, Role};
use intercoop_persistence::{Actor, Visibility};
use uuid::Uuid;

use crate::error::{Error, ErrorCode, Result};

/// Who is calling: anonymous, or a subject with a role (and the unit and account its credentials name).
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub subject: Option<String>,
    pub role: Option<Role>,
    /// The unit the caller works for, when its credentials name one.
    pub unit: Option<String>,
    /// The signed-in account, when the caller is a person.
    pub uid: Option<Uuid>,
    /// The service account, when the caller is a system.
    pub said: Option<Uuid>,
    /// The service itself or its operator (start-up tasks, the CLI): the audit trail names it `system`.
    pub system: bool,
}

impl Caller {
    /// The service itself, or its operator at the command line: every role, named `what` in the audit trail.
    pub fn system(what: &str) -> Self {
        Caller { subject: Some(what.to_owned()), role: Some(Role::Admin), system: true, ..Caller::default() }
    }

    /// Anonymous callers see published records only; any role sees drafts too.
    pub fn visibility(&self) -> Visibility {
        if self.role.is_some() { Visibility::All } else { Visibility::PublishedOnly }
    }

    pub fn has(&self, role: Role) -> bool {
        self.role.is_some_and(|r| r >= role)
    }

    /// The caller as the audit trail names it.
    pub fn actor(&self) -> Actor {
        if self.system {
            return Actor::system(self.subject.as_deref().unwrap_or_default());
        }
        Actor::new(self.subject.clone().unwrap_or_default(), self.role.map_or("anonymous", Role::as_str))
    }

    /// Refuses unless the caller has at least `role` (403; for rules that depend on the record too).
    pub fn require(&self, role: Role, what: &str) -> Result<()> {
        if self.has(role) {
            Ok(())
        } else {
            Err(Error::forbidden(format!(
                "{what} needs the {} role; the token has {}",
                role.as_str(),
                self.role.map_or("none", Role::as_str)
            )))
        }
    }

    /// Changing a published record, or one submitted for review, needs the publisher role; drafts and withdrawn
    /// records, the editor role.
    pub fn check_may_change(&self, state: Option<PublicationState>) -> Result<()> {
        match state {
            Some(PublicationState::Published) => self.require(Role::Publisher, "changing a published record"),
            Some(PublicationState::Submitted) => {
                self.require(Role::Publisher, "changing a record submitted for review (the publishers have it now)")
            }
            _ => Ok(()),
        }
    }

    /// The unit whose records the caller is limited to: an editor's own; publishers and admins work for every unit.
    pub fn bound_unit(&self) -> Option<&str> {
        self.unit.as_deref().filter(|_| !self.has(Role::Publisher))
    }

    /// An editor whose credentials name a unit works on that unit's records only: a new record is the unit's, a
    /// record of another unit cannot be changed, and none can be handed to another unit (403). Publishers and
    /// admins, and callers that name no unit, work on any unit's records.
    pub fn check_unit(&self, current: Option<&Option<String>>, new: &mut Option<String>) -> Result<()> {
        let Some(unit) = self.bound_unit() else {
            return Ok(());
        };
        if let Some(Some(owner)) = current
            && owner != unit
        {
            return Err(Error::forbidden(format!(
                "the record belongs to {owner}; an editor of {unit} cannot change it"
            )));
        }
        match new.as_deref() {
            None => *new = Some(unit.to_owned()),
            Some(owner) if owner == unit => {}
            Some(owner) => {
                return Err(Error::forbidden(format!("an editor of {unit} cannot give a record to {owner}")));
            }
        }
        Ok(())
    }
}

/// The strong entity tag of a record's version: `"3"`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The versions a write says it changes (HTTP `If-Match`): none named, `*`, or a list of entity tags.
#[derive(Debug, Clone, Default)]
pub struct IfMatch {
    /// The entity tags as sent; `None` when the caller named none.
    pub tags: Option<Vec<String>>,
    /// Whether a write must name its version (a deployment setting).
    pub required: bool,
}

impl IfMatch {
    /// The version a form was opened at: a write over any other version is refused.
    pub fn version(version: i32) -> Self {
        IfMatch { tags: Some(vec![etag(version)]), required: true }
    }

    /// Passes when no version is named (unless one is required) or one named is the current version.
    pub fn check(&self, version: i32) -> Result<()> {
        let current = etag(version);
        let refuse = |code, detail: String| Err(Error { current_version: Some(version), ..Error::new(code, detail) });
        match &self.tags {
            None if self.required => refuse(
                ErrorCode::PreconditionRequired,
                format!("this server requires If-Match on writes; the record's current ETag is {current}"),
            ),
            None => Ok(()),
            Some(tags) if tags.iter().any(|t| t == "*" || *t == current) => Ok(()),
            Some(tags) => refuse(
                ErrorCode::PreconditionFailed,
                format!(
                    "the record has changed: If-Match {} does not match the current ETag {current}",
                    tags.join(", ")
                ),
            ),
        }
    }
}
