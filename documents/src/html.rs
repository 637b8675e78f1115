//! The report as a printable HTML page (A4 landscape): the letterhead block, the title, the three-column table
//! "№ | Зміст заходу | Виконання заходів" with a row spanning the table for each section, and the signature.

use crate::markup::escape as esc;
use intercoop_domain::report::{Lang, Letterhead, Report, Summary};

const STYLE: &str = "@page { size: A4 landscape; margin: 15mm; }
body { font-family: 'Times New Roman', Times, serif; font-size: 12pt; margin: 0 auto; max-width: 270mm; }
.letterhead { text-align: center; margin-bottom: 8mm; }
.letterhead .council, .letterhead .department { font-weight: bold; }
h1 { font-size: 13pt; text-align: center; margin: 6mm 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 2mm; vertical-align: top; text-align: left; }
th { text-align: center; }
td.code { width: 12mm; text-align: center; }
td.measure { width: 70mm; }
tr.section td { font-weight: bold; text-align: center; }
td p { margin: 0 0 2mm 0; }
.date { font-weight: bold; }
.draft { color: #a00; }
.chart { margin-top: 8mm; page-break-inside: avoid; }
.signature { margin-top: 12mm; display: flex; justify-content: space-between; }
@media print { tr { page-break-inside: avoid; } }";

pub fn render(report: &Report, summary: &Summary, letterhead: &Letterhead, lang: Lang) -> String {
    let (no, content, execution, code_label, draft) = match lang {
        Lang::Uk => ("№", "Зміст заходу", "Виконання заходів", "Код ЄДРПОУ", "чернетка"),
        Lang::En => ("No.", "Measure", "Implementation", "Registry code (EDRPOU)", "draft"),
    };
    let mut h = String::new();
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\" />\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n",
        lang.code(),
        esc(&report.title)
    ));
    h.push_str("<div class=\"letterhead\">\n");
    h.push_str(&format!("<div class=\"council\">{}</div>\n", esc(&lang.pick(&letterhead.council))));
    h.push_str(&format!("<div class=\"department\">{}</div>\n", esc(&lang.pick(&letterhead.department))));
    h.push_str(&format!("<div>{}</div>\n", esc(&lang.pick(&letterhead.address))));
    h.push_str(&format!("<div>{}</div>\n", esc(&letterhead.phones)));
    h.push_str(&format!("<div>E-mail: {}</div>\n", esc(&letterhead.email)));
    h.push_str(&format!("<div>{code_label} {}</div>\n</div>\n", esc(&letterhead.registry_code)));
    h.push_str(&format!("<h1>{}</h1>\n", esc(&report.title)));
    h.push_str(&format!(
        "<table>\n<thead>\n<tr><th>{no}</th><th>{content}</th><th>{execution}</th></tr>\n</thead>\n<tbody>\n"
    ));
    for section in &report.sections {
        h.push_str(&format!(
            "<tr class=\"section\"><td colspan=\"3\">{}. {}</td></tr>\n",
            esc(&section.number),
            esc(&section.title)
        ));
        for measure in &section.measures {
            h.push_str(&format!(
                "<tr><td class=\"code\">{}</td><td class=\"measure\">{}</td><td>",
                measure.code,
                esc(&measure.title)
            ));
            if let Some(none) = &measure.none_text {
                h.push_str(&format!("<p>{}</p>", esc(none)));
            }
            for entry in &measure.entries {
                h.push_str("<p>");
                if let Some(date) = &entry.date_phrase {
                    h.push_str(&format!("<span class=\"date\">{}</span> – ", esc(date)));
                }
                h.push_str(&esc(&entry.text));
                if entry.publication != intercoop_domain::PublicationState::Published {
                    h.push_str(&format!(" <span class=\"draft\">[{draft}]</span>"));
                }
                h.push_str("</p>");
            }
            h.push_str("</td></tr>\n");
        }
    }
    h.push_str("</tbody>\n</table>\n");
    h.push_str("<div class=\"chart\">\n");
    h.push_str(&super::svg::activities_by_month(summary, lang));
    h.push_str("</div>\n");
    h.push_str(&format!(
        "<div class=\"signature\"><span>{}</span><span>{}</span></div>\n</body>\n</html>\n",
        esc(&lang.pick(&letterhead.signatory_position)),
        esc(&lang.pick(&letterhead.signatory_name))
    ));
    h
}
