//! The report as a Word document (the council works in Word): A4 landscape, the letterhead, the title, the
//! three-column table with a row spanning the table for each section, and the signature.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, PageOrientationType, Paragraph, Run, RunFonts, Table, TableCell, TableRow, WidthType,
};
use intercoop_domain::PublicationState;
use intercoop_domain::report::{Lang, Letterhead, Report};

/// A4 landscape, in twentieths of a point.
const PAGE: (u32, u32) = (16838, 11906);
/// The columns' widths: "№", "Зміст заходу", "Виконання заходів".
const COLUMNS: [usize; 3] = [900, 4200, 9700];

/// A run of text, without the characters that XML (and so Word) cannot hold, whatever is stored.
fn run(text: impl AsRef<str>) -> Run {
    Run::new().add_text(intercoop_domain::text::without_forbidden(text.as_ref()))
}

pub fn render(report: &Report, letterhead: &Letterhead, lang: Lang) -> Result<Vec<u8>, String> {
    let (no, content, execution, code_label, draft) = match lang {
        Lang::Uk => ("№", "Зміст заходу", "Виконання заходів", "Код ЄДРПОУ", "чернетка"),
        Lang::En => ("No.", "Measure", "Implementation", "Registry code (EDRPOU)", "draft"),
    };
    let font = RunFonts::new().ascii("Times New Roman").hi_ansi("Times New Roman").cs("Times New Roman");
    let mut doc = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_orient(PageOrientationType::Landscape)
        .default_fonts(font)
        .default_size(24);
    let centred = |text: &str, bold: bool| {
        let run = run(text);
        Paragraph::new().align(AlignmentType::Center).add_run(if bold { run.bold() } else { run })
    };
    doc = doc
        .add_paragraph(centred(&lang.pick(&letterhead.council), true))
        .add_paragraph(centred(&lang.pick(&letterhead.department), true))
        .add_paragraph(centred(&lang.pick(&letterhead.address), false))
        .add_paragraph(centred(&letterhead.phones, false))
        .add_paragraph(centred(&format!("E-mail: {}", letterhead.email), false))
        .add_paragraph(centred(&format!("{code_label} {}", letterhead.registry_code), false))
        .add_paragraph(Paragraph::new())
        .add_paragraph(centred(&report.title, true))
        .add_paragraph(Paragraph::new());

    let cell = |width: usize, paragraphs: Vec<Paragraph>| {
        paragraphs.into_iter().fold(TableCell::new().width(width, WidthType::Dxa), |c, p| c.add_paragraph(p))
    };
    let text = |t: &str| Paragraph::new().add_run(run(t));
    let mut rows = vec![TableRow::new(vec![
        cell(COLUMNS[0], vec![centred(no, true)]),
        cell(COLUMNS[1], vec![centred(content, true)]),
        cell(COLUMNS[2], vec![centred(execution, true)]),
    ])];
    for section in &report.sections {
        let title = centred(&format!("{}. {}", section.number, section.title), true);
        rows.push(TableRow::new(vec![cell(COLUMNS.iter().sum(), vec![title]).grid_span(3)]));
        for measure in &section.measures {
            let mut paragraphs: Vec<Paragraph> = measure.none_text.iter().map(|t| text(t)).collect();
            for entry in &measure.entries {
                let mut p = Paragraph::new();
                if let Some(date) = &entry.date_phrase {
                    p = p.add_run(run(date.as_str()).bold()).add_run(run(" – "));
                }
                p = p.add_run(run(entry.text.as_str()));
                if entry.publication != PublicationState::Published {
                    p = p.add_run(run(format!(" [{draft}]")).bold());
                }
                paragraphs.push(p);
            }
            rows.push(TableRow::new(vec![
                cell(COLUMNS[0], vec![centred(&measure.code.to_string(), false)]),
                cell(COLUMNS[1], vec![text(&measure.title)]),
                cell(COLUMNS[2], paragraphs),
            ]));
        }
    }
    doc = doc
        .add_table(Table::new(rows).set_grid(COLUMNS.to_vec()))
        .add_paragraph(Paragraph::new())
        .add_paragraph(text(&lang.pick(&letterhead.signatory_position)))
        .add_paragraph(Paragraph::new().add_run(run(lang.pick(&letterhead.signatory_name)).bold()));
    let mut out = Cursor::new(Vec::new());
    doc.pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
