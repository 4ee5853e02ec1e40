//! The figures of a built page: each is inlined as `<figure class="nn-figure" id="figure-ID">`
//! holding its SVG and, for charts, a data link whose `data:` address carries its CSV.

use std::collections::BTreeMap;
use std::path::Path;

/// One figure of a page.
#[derive(Debug, Clone)]
pub struct PageFigure {
    pub id: String,
    /// The whole `<figure>` element.
    pub html: String,
    /// The inlined `<svg>…</svg>`.
    pub svg: String,
    /// The CSV its data link carries (charts only).
    pub csv: Option<String>,
    /// The name the browser saves the CSV as (`download="…"`).
    pub download: Option<String>,
}

/// Every figure of a page, by id.
pub fn page_figures(html: &str) -> BTreeMap<String, PageFigure> {
    const OPEN: &str = "<figure class=\"nn-figure\" id=\"figure-";
    let mut out = BTreeMap::new();
    for (start, _) in html.match_indices(OPEN) {
        let rest = &html[start..];
        let html = &rest[..rest.find("</figure>").expect("a closed figure") + "</figure>".len()];
        let id = &html[OPEN.len()..];
        let id = id[..id.find('"').expect("a closed id")].to_string();
        let svg_start = html
            .find("<svg")
            .unwrap_or_else(|| panic!("figure {id} has no <svg>"));
        let svg_end = html.find("</svg>").expect("a closed svg") + "</svg>".len();
        let svg = html[svg_start..svg_end].to_string();
        let csv = attribute_after(html, "href=\"data:text/csv;charset=utf-8,")
            .map(|s| percent_decode(&s));
        let download = attribute_after(html, "download=\"");
        let figure = PageFigure {
            id: id.clone(),
            html: html.to_string(),
            svg,
            csv,
            download,
        };
        assert!(
            out.insert(id.clone(), figure).is_none(),
            "two figures with id {id}"
        );
    }
    out
}

/// The figures of the page `rel` (e.g. `relu/index.html`) of a built site.
pub fn site_figures(site: &Path, rel: &str) -> BTreeMap<String, PageFigure> {
    let html = std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    page_figures(&html)
}

/// The text from after `prefix` to the next `"`, with HTML's `&amp;` undone.
fn attribute_after(html: &str, prefix: &str) -> Option<String> {
    let from = html.find(prefix)? + prefix.len();
    let value = &html[from..from + html[from..].find('"')?];
    Some(value.replace("&amp;", "&"))
}

/// `%XX` escapes decoded to bytes, read as UTF-8.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("two hex digits");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 CSV")
}
