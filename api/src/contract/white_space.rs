//! White space in the contract's patterns means what it means to the service. The service's checks (not blank,
//! no white space in an e-mail address or a URL) use Unicode's White_Space (`char::is_whitespace`, `str::trim`),
//! while `\s` in a JSON Schema pattern is ECMAScript's: that leaves out U+0085 and takes in U+FEFF. So the
//! patterns are written with `\s` and the contract spells the service's set out in its place. Likewise `\u0000`
//! in a pattern stands for every character that text may not hold (`intercoop_domain::text::is_forbidden_char`).

use serde_json::Value;

/// `char::is_whitespace` as the body of an ECMAScript character class.
const WHITE_SPACE: &str = "\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/// `intercoop_domain::text::is_forbidden_char` as the body of an ECMAScript character class.
const FORBIDDEN: &str = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff";

/// Spells out `\s` and `\u0000` in every pattern of the contract (patterns use them only inside a character class).
pub fn apply(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(pattern) if key == "pattern" => {
                        *pattern = pattern.replace("\\s", WHITE_SPACE).replace("\\u0000", FORBIDDEN)
                    }
                    _ if key == "example" || key == "examples" => {}
                    _ => apply(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(apply),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters the class names, read back from its ranges and escapes.
    fn class_members(class: &str) -> Vec<char> {
        let unescaped = class.replace("\\t", "\t").replace("\\r", "\r");
        let mut chars = Vec::new();
        let mut rest = unescaped.as_str();
        while !rest.is_empty() {
            let (c, after) = one(rest);
            if let Some(after_dash) = after.strip_prefix('-') {
                let (end, after_end) = one(after_dash);
                chars.extend(c..=end);
                rest = after_end;
            } else {
                chars.push(c);
                rest = after;
            }
        }
        chars
    }

    fn one(s: &str) -> (char, &str) {
        match s.strip_prefix("\\u") {
            Some(hex) => (char::from_u32(u32::from_str_radix(&hex[..4], 16).unwrap()).unwrap(), &hex[4..]),
            None => {
                let c = s.chars().next().unwrap();
                (c, &s[c.len_utf8()..])
            }
        }
    }

    #[test]
    fn the_class_is_exactly_what_the_service_calls_white_space() {
        let members = class_members(WHITE_SPACE);
        let white: Vec<char> =
            (0..=char::MAX as u32).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        assert_eq!(members, white);
    }

    #[test]
    fn the_forbidden_class_is_exactly_what_the_service_refuses() {
        let forbidden: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| intercoop_domain::text::is_forbidden_char(*c))
            .collect();
        assert_eq!(class_members(FORBIDDEN), forbidden);
    }

    #[test]
    fn patterns_get_the_class_and_examples_keep_their_text() {
        let mut spec = serde_json::json!({"a": {"pattern": "^[^\\s\\u0000]+$", "example": {"pattern": "\\s"}}});
        apply(&mut spec);
        assert_eq!(spec["a"]["pattern"], format!("^[^{WHITE_SPACE}{FORBIDDEN}]+$"));
        assert_eq!(spec["a"]["example"]["pattern"], "\\s");
    }
}
