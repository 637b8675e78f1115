//! `/api/v1/programmes/{id}/reports/{year}`: the annual implementation report, in the department's layout, as
//! JSON, HTML, Markdown, CSV or Word (DOCX); the writers are in `intercoop_documents`.

use utoipa_actix_web::service_config::ServiceConfig;

mod checks;
mod get;
mod summary;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get::get_report).service(checks::get_report_checks).service(summary::get_report_summary);
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Json,
    Html,
    Md,
    Csv,
    Docx,
}

impl ReportFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            ReportFormat::Json => "application/json",
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Md => "text/markdown; charset=utf-8",
            ReportFormat::Csv => "text/csv; charset=utf-8",
            ReportFormat::Docx => DOCX,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ReportFormat::Json => "json",
            ReportFormat::Html => "html",
            ReportFormat::Md => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Docx => "docx",
        }
    }

    /// The first format the `Accept` header asks for that a report can be written in, by its order and q-values;
    /// JSON when the header is absent or accepts anything.
    pub fn negotiate(accept: Option<&str>) -> Option<ReportFormat> {
        let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else { return Some(ReportFormat::Json) };
        let mut ranges: Vec<(f32, usize, &str)> = accept
            .split(',')
            .enumerate()
            .map(|(i, part)| {
                let mut pieces = part.split(';');
                let media = pieces.next().unwrap_or("").trim();
                let q = pieces
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q, i, media)
            })
            .filter(|(q, _, _)| *q > 0.0)
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.into_iter().find_map(|(_, _, media)| match media.to_ascii_lowercase().as_str() {
            "application/json" | "application/*" | "*/*" => Some(ReportFormat::Json),
            "text/html" | "text/*" | "application/xhtml+xml" => Some(ReportFormat::Html),
            "text/markdown" => Some(ReportFormat::Md),
            "text/csv" => Some(ReportFormat::Csv),
            DOCX => Some(ReportFormat::Docx),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::ReportFormat;

    #[test]
    fn negotiation_follows_order_and_quality() {
        assert_eq!(ReportFormat::negotiate(None), Some(ReportFormat::Json));
        assert_eq!(
            ReportFormat::negotiate(Some("text/html,application/xhtml+xml,*/*;q=0.8")),
            Some(ReportFormat::Html)
        );
        assert_eq!(ReportFormat::negotiate(Some("text/csv;q=0.5, text/markdown")), Some(ReportFormat::Md));
        assert_eq!(ReportFormat::negotiate(Some("image/png")), None);
        assert_eq!(ReportFormat::negotiate(Some("text/csv;q=0")), None);
    }
}
