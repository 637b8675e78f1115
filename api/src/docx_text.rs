//! The text of a Word document (.docx) in the shape the report importer reads: a table row per line with its
//! cells separated by tabs, each paragraph of a cell as `<p>...</p>`; paragraphs outside tables as lines.

use std::io::Read;

use quick_xml::events::Event;

/// The document's text; an error when the bytes are not a Word document.
pub fn docx_text(bytes: &[u8]) -> anyhow::Result<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("not a Word document (.docx): {e}"))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| anyhow::anyhow!("not a Word document: it has no word/document.xml"))?
        .take(64 << 20)
        .read_to_string(&mut xml)?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    // The cells of the row being read (in a table), and the paragraph being read.
    let (mut depth, mut cells, mut cell, mut paragraph) = (0usize, Vec::<String>::new(), String::new(), String::new());
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.name().as_ref() {
                b"w:tbl" => depth += 1,
                b"w:tr" => cells.clear(),
                b"w:tc" => cell.clear(),
                b"w:p" => paragraph.clear(),
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:tab" => paragraph.push(' '),
                b"w:br" => paragraph.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => paragraph.push_str(&t.xml_content().unwrap_or_default()),
            Event::GeneralRef(r) if in_text => {
                let entity = r.decode().unwrap_or_default();
                paragraph.push_str(match entity.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    let text = paragraph.trim();
                    if depth > 0 {
                        if !text.is_empty() {
                            cell.push_str(&format!("<p>{text}</p>"));
                        }
                    } else if !text.is_empty() {
                        out.push_str(text);
                        out.push('\n');
                    }
                    paragraph.clear();
                }
                b"w:tc" => cells.push(std::mem::take(&mut cell)),
                b"w:tr" => {
                    // A cell of one paragraph is the paragraph's text (a measure's number stays "1.10").
                    let line: Vec<String> = cells
                        .iter()
                        .map(|c| match (c.strip_prefix("<p>"), c.matches("<p>").count()) {
                            (Some(inner), 1) => inner.trim_end_matches("</p>").to_owned(),
                            _ => c.clone(),
                        })
                        .collect();
                    out.push_str(&line.join("\t"));
                    out.push('\n');
                }
                b"w:tbl" => depth = depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn refuses_what_is_not_a_word_document() {
        assert!(super::docx_text(b"plain text").is_err());
    }
}
