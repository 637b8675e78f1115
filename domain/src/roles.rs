//! What a caller may do: the roles, each allowed all that the roles before it are.

use serde::{Deserialize, Serialize};

/// What a caller may do; each role may do all that the roles before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads everything, drafts included.
    Viewer,
    /// Creates and changes drafts.
    Editor,
    /// Also publishes, and changes published records.
    Publisher,
    /// Also manages the programme structure (programmes, sections, measures) and deletes records.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Editor, Role::Publisher, Role::Admin];

    pub fn parse(text: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Publisher => "publisher",
            Role::Admin => "admin",
        }
    }
}

/// The least role a handler needs.
pub trait MinRole {
    const ROLE: Role;
}

macro_rules! min_role {
    ($($name:ident => $role:ident),+) => {$(
        #[doc = concat!("Needs at least the `", stringify!($role), "` role.")]
        pub struct $name;
        impl MinRole for $name {
            const ROLE: Role = Role::$role;
        }
    )+};
}

min_role!(Viewer => Viewer, Editor => Editor, Publisher => Publisher, Admin => Admin);

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn roles_are_ordered_and_read_back() {
        assert!(Role::Admin > Role::Publisher && Role::Publisher > Role::Editor && Role::Editor > Role::Viewer);
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }
}
