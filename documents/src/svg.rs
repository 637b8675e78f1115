//! Charts drawn by the server as SVG, so the printed report needs no JavaScript.

use intercoop_domain::report::{Lang, Summary};

const UK_MONTHS: [&str; 12] = ["січ", "лют", "бер", "кві", "тра", "чер", "лип", "сер", "вер", "жов", "лис", "гру"];
const EN_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A bar per month: how many activities began in it.
pub fn activities_by_month(summary: &Summary, lang: Lang) -> String {
    let counts: Vec<usize> = summary.by_month.iter().filter(|c| c.key != "undated").map(|c| c.count).collect();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let (width, height, left, bottom, top) = (720.0, 220.0, 30.0, 30.0, 20.0);
    let slot = (width - left) / 12.0;
    let scale = (height - bottom - top) / max as f64;
    let labels = if lang == Lang::Uk { UK_MONTHS } else { EN_MONTHS };
    let title = if lang == Lang::Uk { "Заходи за місяцями" } else { "Activities by month" };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>\n"
    );
    svg.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{y}\" x2=\"{width}\" y2=\"{y}\" stroke=\"#000\" />\n",
        y = height - bottom
    ));
    for (i, count) in counts.iter().enumerate() {
        let bar = *count as f64 * scale;
        let x = left + i as f64 * slot + slot * 0.15;
        let y = height - bottom - bar;
        svg.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar:.1}\" fill=\"#4a6fa5\" />\n",
            w = slot * 0.7
        ));
        svg.push_str(&format!(
            "<text x=\"{cx:.1}\" y=\"{ty:.1}\" font-size=\"11\" text-anchor=\"middle\">{count}</text>\n",
            cx = x + slot * 0.35,
            ty = y - 4.0
        ));
        svg.push_str(&format!(
            "<text x=\"{cx:.1}\" y=\"{ly:.1}\" font-size=\"11\" text-anchor=\"middle\">{label}</text>\n",
            cx = x + slot * 0.35,
            ly = height - bottom + 16.0,
            label = labels[i]
        ));
    }
    svg.push_str("</svg>\n");
    svg
}
