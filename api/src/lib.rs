//! intercoop's REST API and the `intercoop` command: the doors into the operations layer
//! (`intercoop_operations`), which holds every rule and is the only way to storage.

pub mod auth;
pub mod cli;
pub mod config;
pub mod contract;
pub mod http;
pub mod routes;

#[cfg(test)]
mod tests {
    #[test]
    fn storage_is_reached_through_the_operations_layer_only() {
        let manifest = include_str!("../Cargo.toml");
        assert!(
            !manifest.contains("intercoop-persistence"),
            "api/Cargo.toml names intercoop-persistence: handlers must call an operation (intercoop-operations)"
        );
    }
}
