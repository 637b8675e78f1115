//! Reading an uploaded report: a Word document's table or UTF-8 text, on blocking threads in turn, and how many
//! uploads are held at once.

use crate::error::Error;
use crate::gate::Gate;

/// The most dated events one year's report may hold; a report with more is refused (422 `too_many_events`).
pub const MAX_EVENTS: usize = 2_000;

/// Reading reports runs on blocking threads, one per core at once, as many again waiting (see [`Gate`]).
pub(super) static READING: std::sync::LazyLock<Gate> =
    std::sync::LazyLock::new(|| Gate::per_core("reports being read", 1));

/// Uploads being received at once (two per core, none waiting): each holds its file in memory, so their number
/// bounds what uploads take in all.
pub static UPLOADS: std::sync::LazyLock<Gate> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Gate::new("reports being uploaded", cores * 2, cores * 2)
});

/// The text of an uploaded report (see [`report_text`]), read on a blocking thread in its turn.
pub async fn read_upload(bytes: Vec<u8>) -> Result<Result<String, String>, Error> {
    READING.run(move || report_text(bytes)).await
}

/// The text of an uploaded report: a Word document's table as the reader takes it, or UTF-8 text.
pub fn report_text(bytes: Vec<u8>) -> Result<String, String> {
    let text = if bytes.starts_with(b"PK") {
        super::docx_text::docx_text(&bytes).map_err(|e| e.to_string())?
    } else {
        String::from_utf8(bytes)
            .map_err(|_| "the report is neither a Word document (.docx) nor UTF-8 text".to_owned())?
    };
    // Text with NUL characters is not a report (UTF-16 text, say), and PostgreSQL text cannot hold them.
    if text.contains('\0') {
        return Err("the report holds NUL characters: save it as a Word document (.docx) or UTF-8 text".to_owned());
    }
    Ok(text)
}
