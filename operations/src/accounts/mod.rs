//! Accounts and signing in: people's accounts, systems' service accounts, passwords and secrets, and the
//! sign-in that counts failures across replicas.

pub mod idp;
pub mod oidc;
pub mod passwords;
pub mod service_accounts;
pub mod sessions;
pub mod sign_in;
pub mod users;
