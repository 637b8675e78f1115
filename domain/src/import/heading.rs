//! The programme a report's title names: "Звіт про стан реалізації Програми міжнародного співробітництва ... на
//! 2021-2025 роки за 2024 рік" names the programme (in the genitive) and the years it runs.

/// The programme as the report's title names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeHeading {
    /// Its title in the nominative: "Програма міжнародного співробітництва ... на 2021-2025 роки".
    pub title: String,
    /// The years it runs, when the title says ("на 2021-2025 роки").
    pub years: Option<(i32, i32)>,
}

const OPENING: &str = "Звіт про стан реалізації";

/// The programme named after the report's opening words, up to the table; none when the text has no such title.
pub fn programme_heading(text: &str) -> Option<ProgrammeHeading> {
    let rest = &text[text.find(OPENING)? + OPENING.len()..];
    let end = match rest.find('\t') {
        Some(tab) => rest[..tab].rfind('\n').unwrap_or(tab),
        None => rest.len(),
    };
    let mut title = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(at) = title.rfind(" за ").filter(|&at| title[at..].ends_with("рік")) {
        title.truncate(at);
    }
    if let Some(rest) = title.strip_prefix("Програми") {
        title = format!("Програма{rest}");
    }
    let title: String = title.chars().take(1000).collect();
    (title.chars().count() > 8).then(|| ProgrammeHeading { years: years(&title), title })
}

/// The last "YYYY-YYYY" of a text (with a hyphen or a dash), first year not after the last.
fn years(text: &str) -> Option<(i32, i32)> {
    let chars: Vec<char> = text.chars().collect();
    let number = |at: usize| -> Option<i32> {
        let digits: String = chars.get(at..at + 4)?.iter().collect();
        let before = at.checked_sub(1).and_then(|i| chars.get(i)).is_some_and(|c| c.is_ascii_digit());
        let after = chars.get(at + 4).is_some_and(|c| c.is_ascii_digit());
        (!before && !after && digits.chars().all(|c| c.is_ascii_digit())).then(|| digits.parse().ok())?
    };
    let mut found = None;
    for at in 0..chars.len() {
        let Some(first) = number(at) else { continue };
        let mut next = at + 4;
        while chars.get(next).is_some_and(|c| *c == ' ') {
            next += 1;
        }
        if !chars.get(next).is_some_and(|c| matches!(c, '-' | '–' | '—')) {
            continue;
        }
        next += 1;
        while chars.get(next).is_some_and(|c| *c == ' ') {
            next += 1;
        }
        if let Some(last) = number(next).filter(|last| *last >= first) {
            found = Some((first, last));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_programme_and_its_years_from_the_title() {
        let text = "ХМЕЛЬНИЦЬКА МІСЬКА РАДА\nКод ЄДРПОУ 39816211\n\nЗвіт про стан реалізації\nПрограми міжнародного \
                    співробітництва та промоції Хмельницької міської територіальної громади на 2021-2025 роки за 2024 \
                    рік\n\n№\tЗміст заходу\tВиконання заходів\n";
        let heading = programme_heading(text).unwrap();
        assert_eq!(
            heading.title,
            "Програма міжнародного співробітництва та промоції Хмельницької міської територіальної громади на \
             2021-2025 роки"
        );
        assert_eq!(heading.years, Some((2021, 2025)));
        assert_eq!(
            programme_heading("Звіт про стан реалізації Програми розвитку на 2024 – 2026 роки").unwrap().years,
            Some((2024, 2026))
        );
        assert_eq!(programme_heading("Звіт про стан реалізації Програми розвитку").unwrap().years, None);
        assert_eq!(programme_heading("1.1\tЗахід\tВиконано"), None);
        assert_eq!(programme_heading("Звіт про стан реалізації\n№\tЗміст"), None);
    }
}
