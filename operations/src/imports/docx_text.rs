//! The text of a Word document (.docx) in the shape the report importer reads: a table row per line with its
//! cells separated by tabs, each paragraph of a cell as `<p>...</p>`; paragraphs outside tables as lines.

use std::io::Read;

use quick_xml::events::Event;

/// The most bytes a document's text (`word/document.xml`) may unpack to: a year's report is about 1 MiB.
pub const UNPACKED_MAX: usize = 32 << 20;

/// The document's text; an error when the bytes are not a Word document.
pub fn docx_text(bytes: &[u8]) -> anyhow::Result<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("not a Word document (.docx): {e}"))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| anyhow::anyhow!("not a Word document: it has no word/document.xml"))?;
    // Read as it unpacks, never whole: past UNPACKED_MAX the document is refused.
    let limited = ShortRuns { inner: entry.take(UNPACKED_MAX as u64 + 1), run: 0 };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(limited));
    let too_large = |reader: &quick_xml::Reader<
        std::io::BufReader<ShortRuns<std::io::Take<zip::read::ZipFile<'_, _>>>>,
    >| { reader.get_ref().get_ref().inner.limit() == 0 };
    let mut buffer = Vec::new();
    let mut out = String::new();
    // The cells of the row being read (in a table), and the paragraph being read.
    let (mut depth, mut cells, mut cell, mut paragraph) = (0usize, Vec::<String>::new(), String::new(), String::new());
    let mut in_text = false;
    loop {
        buffer.clear();
        let event = match reader.read_event_into(&mut buffer) {
            Ok(_) | Err(_) if too_large(&reader) => {
                anyhow::bail!("the document's text is larger than {} MiB unpacked; no report is", UNPACKED_MAX >> 20)
            }
            Ok(event) => event,
            Err(e) => return Err(e.into()),
        };
        match event {
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
            Event::GeneralRef(r) if in_text && r.is_char_ref() => {
                // A numeric reference (`&#x2013;`, `&#8211;`) is its character; one that names none is dropped.
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    paragraph.push(c);
                }
            }
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

/// The longest run of bytes between two markup characters (`<`, `>`) that a document may have: the XML reader
/// holds a run whole, and no paragraph of a report is near this long.
const RUN_MAX: usize = 1 << 20;

/// A reader that refuses a run of more than [`RUN_MAX`] bytes without markup, so that what the XML reader holds
/// at once stays small whatever the document unpacks to.
struct ShortRuns<R> {
    inner: R,
    run: usize,
}

impl<R: Read> Read for ShortRuns<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &byte in &buf[..n] {
            self.run = if byte == b'<' || byte == b'>' { 0 } else { self.run + 1 };
            if self.run > RUN_MAX {
                return Err(std::io::Error::other(format!(
                    "the document holds a run of text over {} MiB without markup; no report does",
                    RUN_MAX >> 20
                )));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn refuses_what_is_not_a_word_document() {
        assert!(super::docx_text(b"plain text").is_err());
    }

    #[test]
    fn character_references_are_their_characters() {
        let mut bytes = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut bytes);
            zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
            let xml = r#"<w:document><w:body><w:p><w:r><w:t>04&#x2013;05 &#8216;березня&#8217; &amp; &#xD800;далі</w:t></w:r></w:p></w:body></w:document>"#;
            std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
            zip.finish().unwrap();
        }
        assert_eq!(super::docx_text(&bytes.into_inner()).unwrap(), "04\u{2013}05 \u{2018}березня\u{2019} & далі\n");
    }
}
