//! Writing the annual report: pure functions from the report (and its letterhead) to HTML, Markdown, CSV, Word
//! (DOCX) and the SVG chart the HTML holds. The open data's shapes are the operations layer's
//! (`intercoop_operations::open_data`). Shared by the REST API and the staff console.

pub mod csv;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod markup;
mod svg;
