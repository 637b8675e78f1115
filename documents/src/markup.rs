//! Text written into HTML, SVG or XML: escaped, and without the characters no text may hold, whatever is stored.

use intercoop_domain::text::is_forbidden_char;

/// `text` as HTML or XML character data or an attribute value (in double or single quotes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_forbidden_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_and_control_characters_do_not_pass() {
        assert_eq!(super::escape("a\"><script>&'\u{1}\u{ffff}b"), "a&quot;&gt;&lt;script&gt;&amp;&#39;b");
    }
}
