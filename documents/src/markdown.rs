//! The report as Markdown: the letterhead, the title, a heading per section and per measure, a paragraph per
//! activity opening with its date phrase in bold, and the signature.

use intercoop_domain::report::{Lang, Letterhead, Report};

pub fn render(report: &Report, letterhead: &Letterhead, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!("**{}**  \n**{}**  \n", lang.pick(&letterhead.council), lang.pick(&letterhead.department)));
    out.push_str(&format!(
        "{}  \n{}  \nE-mail: {}  \n",
        lang.pick(&letterhead.address),
        letterhead.phones,
        letterhead.email
    ));
    let code_label = if lang == Lang::Uk { "Код ЄДРПОУ" } else { "Registry code (EDRPOU)" };
    out.push_str(&format!("{code_label} {}\n\n", letterhead.registry_code));
    out.push_str(&format!("# {}\n\n", escape(&report.title)));
    if report.includes_drafts {
        let note = if lang == Lang::Uk {
            "Попередній перегляд з чернетками"
        } else {
            "Preview with drafts"
        };
        out.push_str(&format!("> {note}\n\n"));
    }
    for section in &report.sections {
        out.push_str(&format!("## {}. {}\n\n", section.number, escape(&section.title)));
        for measure in &section.measures {
            out.push_str(&format!("### {} {}\n\n", measure.code, escape(&measure.title)));
            if let Some(none) = &measure.none_text {
                out.push_str(&format!("{none}\n\n"));
            }
            for entry in &measure.entries {
                match &entry.date_phrase {
                    Some(date) => out.push_str(&format!("**{date}** – {}\n\n", escape(&entry.text))),
                    None => out.push_str(&format!("{}\n\n", escape(&entry.text))),
                }
            }
        }
    }
    out.push_str(&format!(
        "{}\n\n{}\n",
        lang.pick(&letterhead.signatory_position),
        lang.pick(&letterhead.signatory_name)
    ));
    out
}

/// Keeps characters that Markdown would read as markup from being read so.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '#' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
