//! What the service checks of request fields that their Rust types cannot state to the schema generator: lists
//! that name an item once, alias lengths, web addresses, and a party that is a partner or a name. Stated here once,
//! by schema and property, so that a client's own validation (and schemathesis) sees every rule it can.

use serde_json::{Value, json};

/// An absolute `http` or `https` URL with no white space (`intercoop_domain::validation::web_url`).
const WEB_URL: &str = "^https?://[^/\\s\\u0000][^\\s\\u0000]*$";

/// Lists that refuse an item named twice (`no_duplicates` in the domain's checks).
const UNIQUE: [(&str, &str); 5] = [
    ("ActivityDraft", "measure_ids"),
    ("GrantDraft", "measure_ids"),
    ("GrantDraft", "activity_ids"),
    ("AgreementDraft", "measure_ids"),
    ("PartnerDraft", "aliases"),
];

fn property<'a>(spec: &'a mut Value, schema: &str, name: &str) -> &'a mut Value {
    let found = spec.pointer_mut(&format!("/components/schemas/{schema}/properties/{name}"));
    found.unwrap_or_else(|| panic!("the contract has no {schema}.{name}"))
}

/// States the rules on the components the handlers registered.
pub fn apply(spec: &mut Value) {
    for (schema, name) in UNIQUE {
        property(spec, schema, name)["uniqueItems"] = json!(true);
    }
    let aliases = property(spec, "PartnerDraft", "aliases");
    aliases["items"]["minLength"] = json!(1);
    aliases["items"]["maxLength"] = json!(500);
    let links = property(spec, "ActivityDraft", "links");
    links["items"]["pattern"] = json!(WEB_URL);
    links["items"]["maxLength"] = json!(2000);
    let url = property(spec, "WebhookContent", "url");
    url["pattern"] = json!(WEB_URL);
    url["maxLength"] = json!(2000);
    agreement_party(spec);
}

/// A party is a partner record or a body named in text, never both: a `oneOf` of the two shapes (the service
/// answers a party with its one field).
fn agreement_party(spec: &mut Value) {
    let schemas = &mut spec["components"]["schemas"];
    let party = schemas["AgreementParty"].clone();
    let partner_id = &party["properties"]["partner_id"];
    let name = party["properties"]["name"]["oneOf"][0].clone();
    let partner_id = json!({"type": "string", "format": "uuid", "description": partner_id["description"]});
    schemas["AgreementPartyPartner"] = json!({
        "type": "object",
        "description": "A party that is a partner record.",
        "required": ["partner_id"],
        "properties": {"partner_id": partner_id},
    });
    schemas["AgreementPartyNamed"] = json!({
        "type": "object",
        "description": "A party named in text, when it is not a partner record (a local body, say).",
        "required": ["name"],
        "properties": {"name": name},
    });
    schemas["AgreementParty"] = json!({
        "description": party["description"],
        "oneOf": [
            {"$ref": "#/components/schemas/AgreementPartyPartner"},
            {"$ref": "#/components/schemas/AgreementPartyNamed"},
        ],
    });
}
