//! Who may call what: one table, by operation. It writes the contract's security requirements and each
//! operation's "Required role" line; the handlers check the same roles with their `Authorized<R>` extractors, and
//! a test walks every operation against every role to prove the two agree.

use utoipa::Modify;
use utoipa::openapi::security::SecurityRequirement;

use crate::auth::Role;

/// The least role an operation needs; `None`: anyone, anonymous callers included (who see published records
/// only).
pub const TABLE: &[(&str, Option<Role>)] = &[
    ("live", None),
    ("issue_token", None),
    ("refresh_token", None),
    ("logout", None),
    ("me", Some(Role::Viewer)),
    ("list_users", Some(Role::Admin)),
    ("create_user", Some(Role::Admin)),
    ("get_user", Some(Role::Admin)),
    ("patch_user", Some(Role::Admin)),
    ("list_service_accounts", Some(Role::Admin)),
    ("create_service_account", Some(Role::Admin)),
    ("get_service_account", Some(Role::Admin)),
    ("patch_service_account", Some(Role::Admin)),
    ("rotate_service_account_secret", Some(Role::Admin)),
    ("ready", None),
    ("metrics", None),
    ("problem_type", None),
    ("list_programmes", None),
    ("get_programme", None),
    ("create_programme", Some(Role::Admin)),
    ("replace_programme", Some(Role::Admin)),
    ("patch_programme", Some(Role::Admin)),
    ("delete_programme", Some(Role::Admin)),
    ("list_sections", None),
    ("get_section", None),
    ("create_section", Some(Role::Admin)),
    ("replace_section", Some(Role::Admin)),
    ("patch_section", Some(Role::Admin)),
    ("delete_section", Some(Role::Admin)),
    ("list_measures", None),
    ("get_measure", None),
    ("create_measure", Some(Role::Admin)),
    ("replace_measure", Some(Role::Admin)),
    ("patch_measure", Some(Role::Admin)),
    ("delete_measure", Some(Role::Admin)),
    ("get_report", None),
    ("get_report_summary", None),
    ("get_report_checks", Some(Role::Viewer)),
    ("list_activities", None),
    ("get_activity", None),
    ("create_activity", Some(Role::Editor)),
    ("replace_activity", Some(Role::Editor)),
    ("patch_activity", Some(Role::Editor)),
    ("delete_activity", Some(Role::Admin)),
    ("submit_activity", Some(Role::Editor)),
    ("publish_activity", Some(Role::Publisher)),
    ("return_activity", Some(Role::Publisher)),
    ("withdraw_activity", Some(Role::Publisher)),
    ("reopen_activity", Some(Role::Publisher)),
    ("list_activity_comments", Some(Role::Viewer)),
    ("add_activity_comment", Some(Role::Editor)),
    ("list_partners", None),
    ("get_partner", None),
    ("create_partner", Some(Role::Editor)),
    ("replace_partner", Some(Role::Editor)),
    ("patch_partner", Some(Role::Editor)),
    ("delete_partner", Some(Role::Admin)),
    ("submit_partner", Some(Role::Editor)),
    ("publish_partner", Some(Role::Publisher)),
    ("return_partner", Some(Role::Publisher)),
    ("withdraw_partner", Some(Role::Publisher)),
    ("reopen_partner", Some(Role::Publisher)),
    ("list_partner_comments", Some(Role::Viewer)),
    ("add_partner_comment", Some(Role::Editor)),
    ("list_grants", None),
    ("get_grant", None),
    ("create_grant", Some(Role::Editor)),
    ("replace_grant", Some(Role::Editor)),
    ("patch_grant", Some(Role::Editor)),
    ("delete_grant", Some(Role::Admin)),
    ("submit_grant", Some(Role::Editor)),
    ("publish_grant", Some(Role::Publisher)),
    ("return_grant", Some(Role::Publisher)),
    ("withdraw_grant", Some(Role::Publisher)),
    ("reopen_grant", Some(Role::Publisher)),
    ("list_grant_comments", Some(Role::Viewer)),
    ("add_grant_comment", Some(Role::Editor)),
    ("list_agreements", None),
    ("get_agreement", None),
    ("create_agreement", Some(Role::Editor)),
    ("replace_agreement", Some(Role::Editor)),
    ("patch_agreement", Some(Role::Editor)),
    ("delete_agreement", Some(Role::Admin)),
    ("submit_agreement", Some(Role::Editor)),
    ("publish_agreement", Some(Role::Publisher)),
    ("return_agreement", Some(Role::Publisher)),
    ("withdraw_agreement", Some(Role::Publisher)),
    ("reopen_agreement", Some(Role::Publisher)),
    ("list_agreement_comments", Some(Role::Viewer)),
    ("add_agreement_comment", Some(Role::Editor)),
    ("list_audit", Some(Role::Admin)),
    ("programme_history", Some(Role::Viewer)),
    ("measure_history", Some(Role::Viewer)),
    ("activity_history", Some(Role::Viewer)),
    ("partner_history", Some(Role::Viewer)),
    ("grant_history", Some(Role::Viewer)),
    ("agreement_history", Some(Role::Viewer)),
    ("list_changes", Some(Role::Viewer)),
    ("dataset_json", None),
    ("open_data_page", None),
    ("datapackage_json", None),
    ("catalog_jsonld", None),
    ("catalog_ttl", None),
    ("report_json", None),
    ("report_csv", None),
    ("partners_geojson", None),
    ("grants_360giving", None),
    ("activities_jsonld", None),
    ("iati_activities", None),
    ("dataset_csv", None),
    ("list_webhooks", Some(Role::Admin)),
    ("create_webhook", Some(Role::Admin)),
    ("get_webhook", Some(Role::Admin)),
    ("patch_webhook", Some(Role::Admin)),
    ("delete_webhook", Some(Role::Admin)),
    ("rotate_webhook_secret", Some(Role::Admin)),
    ("list_webhook_deliveries", Some(Role::Admin)),
    ("redeliver_webhook", Some(Role::Admin)),
    ("list_imports", Some(Role::Editor)),
    ("create_import", Some(Role::Editor)),
    ("get_import", Some(Role::Editor)),
    ("delete_import", Some(Role::Editor)),
    ("apply_import", Some(Role::Editor)),
];

/// The table's entry for an operation, if it has one.
pub fn required_role(operation_id: &str) -> Option<Option<Role>> {
    TABLE.iter().find(|(id, _)| *id == operation_id).map(|(_, role)| *role)
}

/// Writes the table into the contract: each operation's security requirement, an `x-required-role` extension,
/// and a closing "Required role" line in its description.
pub struct AccessModifier;

impl Modify for AccessModifier {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for operation in
                [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch].into_iter().flatten()
            {
                let Some(role) = operation.operation_id.as_deref().and_then(required_role) else { continue };
                let bearer = SecurityRequirement::new("bearer", Vec::<String>::new());
                let (security, line) = match role {
                    None => (
                        vec![SecurityRequirement::default(), bearer],
                        "Anyone may call this; anonymous callers see published records only.".to_owned(),
                    ),
                    Some(role) => (vec![bearer], format!("Required role: `{}` or above.", role.as_str())),
                };
                operation.security = Some(security);
                let description = operation.description.take().unwrap_or_default();
                operation.description =
                    Some(if description.is_empty() { line } else { format!("{description}\n\n{line}") });
                let extensions = operation.extensions.get_or_insert_with(Default::default);
                extensions.insert(
                    "x-required-role".to_owned(),
                    serde_json::Value::String(role.map_or("anonymous", Role::as_str).to_owned()),
                );
            }
        }
    }
}
