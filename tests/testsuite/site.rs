//! The shipped project (this repository's `content/`), built into a temporary folder: the index,
//! the ReLU lesson's page, its seven figures (inlined SVG + CSV data), the article's numbers, relative links,
//! and reproducible output.

use std::path::{Path, PathBuf};

use crate::support::project::build_shipped_into;
use crate::support::tree::files as tree;
use crate::support::{shipped, site_figures};

/// A CSV file parsed by hand: its header and its rows, a field being `None` when empty. Every
/// non-empty field must be a number.
struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<Option<f64>>>,
}

impl Csv {
    fn parse(name: &str, text: &str) -> Csv {
        let mut lines = text.lines();
        let header: Vec<String> = lines
            .next()
            .unwrap_or_else(|| panic!("{name} is empty"))
            .split(',')
            .map(str::to_string)
            .collect();
        let rows = lines
            .enumerate()
            .map(|(i, line)| {
                let fields: Vec<Option<f64>> = line
                    .split(',')
                    .map(|f| {
                        (!f.is_empty()).then(|| {
                            f.parse::<f64>().unwrap_or_else(|_| {
                                panic!("{name} line {}: {f:?} is not a number", i + 2)
                            })
                        })
                    })
                    .collect();
                assert_eq!(
                    fields.len(),
                    header.len(),
                    "{name} line {} has {} fields for {} columns",
                    i + 2,
                    fields.len(),
                    header.len()
                );
                fields
            })
            .collect();
        Csv { header, rows }
    }

    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.header))
    }
}

const STEPS: std::ops::RangeInclusive<usize> = 1..=7;

#[test]
fn the_index_links_the_lesson_relatively() {
    let built = shipped(None);
    let index = built.read("index.html");
    assert!(
        index.contains("href=\"relu/index.html\""),
        "the index does not link relu/index.html:\n{index}"
    );
    assert!(index.contains("Understanding ReLU, step by step"));
}

#[test]
fn the_lesson_page_has_the_seven_step_figures() {
    let built = shipped(None);
    let figures = site_figures(&built.site, "relu/index.html");
    for n in STEPS {
        let id = format!("step-{n}");
        let figure = figures.get(&id).unwrap_or_else(|| panic!("no figure {id}"));
        assert!(
            figure
                .svg
                .contains(&format!("aria-labelledby=\"figure-{id}-title\"")),
            "figure {id} is not labelled by its own title:\n{}",
            figure.svg
        );
        assert_eq!(
            figure.download.as_deref(),
            Some(format!("{id}.csv").as_str())
        );
        assert!(
            figure.html.contains(">data</a>"),
            "figure {id} has no data link"
        );
    }
    // Other figures (network diagrams) exist, but only the seven plots have data.
    let with_data = figures.values().filter(|f| f.csv.is_some()).count();
    assert_eq!(with_data, 7, "seven figures with data");
    assert!(figures.len() > 7, "the diagrams are inlined too");
}

#[test]
fn a_lesson_is_three_files_however_many_figures() {
    // Figures are inlined with their data: a lesson is its page, its notebook and the preview
    // the index shows (a thumbnail of its last chart), so a build creates few files on a real
    // disk.
    let built = shipped(None);
    let files = tree(&built.site);
    let relu: Vec<&String> = files.keys().filter(|k| k.starts_with("relu/")).collect();
    assert_eq!(
        relu,
        ["relu/index.html", "relu/preview.svg", "relu/relu.ipynb"]
            .iter()
            .collect::<Vec<_>>()
    );
}

/// The numbers of an SVG path's data (`M14.0 155.5L151.3 155.5...`) as points.
fn path_points(d: &str) -> Vec<(f64, f64)> {
    let numbers: Vec<f64> = d
        .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
        .filter(|n| !n.is_empty())
        .map(|n| n.parse().unwrap_or_else(|_| panic!("{n:?} in {d:?}")))
        .collect();
    numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect()
}

/// The value of attribute `name` of the first element of `svg` whose opening starts with
/// `element`.
fn attribute<'a>(svg: &'a str, element: &str, name: &str) -> &'a str {
    let start = svg
        .find(element)
        .unwrap_or_else(|| panic!("no {element} in\n{svg}"));
    let tag = &svg[start..start + svg[start..].find('>').expect("a closed tag")];
    let at = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {tag}"));
    let value = &tag[at + name.len() + 3..];
    &value[..value.find('"').expect("a closed attribute")]
}

#[test]
fn the_preview_is_a_thumbnail_drawn_for_its_size() {
    let built = shipped(None);
    let thumb = built.read("relu/preview.svg");
    // Drawn for its size: a 320 x 180 drawing with no text (none could be read at that size),
    // named for assistive technology, its colours following the reader's scheme.
    assert!(
        thumb.starts_with("<svg class=\"nn-thumb\" role=\"img\""),
        "{thumb}"
    );
    assert_eq!(attribute(&thumb, "<svg", "viewBox"), "0 0 320 180");
    assert!(
        !thumb.contains("<text"),
        "a thumbnail has no text:\n{thumb}"
    );
    assert!(thumb.contains(
        "<title id=\"nn-thumb-title\">Final figure of the lesson: Final ReLU Output</title>"
    ));
    assert!(thumb.contains("@media (prefers-color-scheme: dark)"));
    assert!(thumb.len() < 4_000, "{} bytes", thumb.len());
    // In the colour of the series of the lesson's last chart, as the page draws it.
    let figures = site_figures(&built.site, "relu/index.html");
    assert!(figures["step-7"].svg.contains("stroke=\"#2CA02C\""));
    assert_eq!(attribute(&thumb, "<path class=\"s0\"", "stroke"), "#2CA02C");
    // The curve passes through the lesson's values: read back through the drawing's own
    // references (the curve spans dosage 0 to 1; the zero line is 0; the observed efficacy
    // 1.0 at dosage 0.5 is a dot), its highest point is the peak the article's arithmetic
    // gives by hand: 1.01 at dosage 0.5.
    let curve = path_points(attribute(&thumb, "<path class=\"s0\"", "d"));
    let (first, last) = (curve[0], curve[curve.len() - 1]);
    let dosage = |px: f64| (px - first.0) / (last.0 - first.0);
    let zero: f64 = path_points(attribute(&thumb, "<path class=\"zero\"", "d"))[0].1;
    let dots: Vec<(f64, f64)> = thumb
        .match_indices("<circle class=\"pt\"")
        .map(|(i, _)| {
            let cx: f64 = attribute(&thumb[i..], "<circle", "cx").parse().unwrap();
            let cy: f64 = attribute(&thumb[i..], "<circle", "cy").parse().unwrap();
            (cx, cy)
        })
        .collect();
    assert_eq!(dots.len(), 3, "the three observed efficacies");
    let one = dots
        .iter()
        .find(|d| (dosage(d.0) - 0.5).abs() < 1e-3)
        .expect("the dot at dosage 0.5")
        .1;
    let value = |py: f64| (zero - py) / (zero - one);
    let peak = curve
        .iter()
        .copied()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("a curve");
    assert!(
        (dosage(peak.0) - 0.5).abs() < 0.002,
        "peak at dosage {}",
        dosage(peak.0)
    );
    assert!(
        (value(peak.1) - 1.01).abs() < 0.003,
        "peak {}",
        value(peak.1)
    );
    assert!(value(first.1).abs() < 0.003 && value(last.1).abs() < 0.003);
    // The index shows it, sized to be read, with nothing announced twice (the card's title
    // names the lesson).
    let index = built.read("index.html");
    assert!(
        index.contains(
            "<img class=\"preview\" src=\"relu/preview.svg\" alt=\"\" width=\"320\" height=\"180\""
        ),
        "{index}"
    );
    let zh = built.read("zh-CN/index.html");
    assert!(zh.contains("src=\"../zh-CN/relu/preview.svg\""), "{zh}");
}

#[test]
fn the_index_is_a_page_to_start_from() {
    let built = shipped(None);
    let index = built.read("index.html");
    let at = |needle: &str| {
        index
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in the index:\n{index}"))
    };
    // What the site teaches (nnbook.toml's description), and where to start: part 1.
    assert!(at("<h1>Visual, step-by-step neural-network tutorials.</h1>") < at("Start here"));
    assert!(index.contains(
        "<a class=\"start-link\" href=\"black-box/index.html\"><span class=\"start-label\">Start here</span>"
    ));
    // The series under its name with its parts in order, then the pages outside it.
    let series = at(">A neural network, step by step</h2>");
    assert!(series < at("<p class=\"series-count\">3 parts</p>"));
    let parts = [
        at("href=\"black-box/index.html\">Inside the black box"),
        at("href=\"backpropagation/index.html\">Backpropagation, step by step"),
        at("href=\"relu/index.html\">Understanding ReLU, step by step"),
    ];
    assert!(series < parts[0] && parts[0] < parts[1] && parts[1] < parts[2]);
    assert!(at(">Part 1</p>") < at(">Part 2</p>") && at(">Part 2</p>") < at(">Part 3</p>"));
    assert!(parts[2] < at(">Other pages</h2>"));
    assert!(at(">Other pages</h2>") < at("href=\"writing-a-lesson/index.html\">Writing a lesson"));
    // Every lesson with a chart has its preview; each card has its summary.
    assert_eq!(index.matches("<img class=\"preview\"").count(), 4);
    assert_eq!(index.matches("<p class=\"summary\">").count(), 4);
    // The Chinese index in Chinese.
    let zh = built.read("zh-CN/index.html");
    for words in [
        "<h1>可视化、循序渐进的神经网络教程。</h1>",
        "从这里开始",
        "共 3 部分",
        "第 1 部分",
    ] {
        assert!(
            zh.contains(words),
            "no {words:?} in the Chinese index:\n{zh}"
        );
    }
}

#[test]
fn every_figure_svg_is_accessible_and_small() {
    let built = shipped(None);
    let mut seen = 0;
    for page in [
        "relu/index.html",
        "zh-CN/relu/index.html",
        "writing-a-lesson/index.html",
    ] {
        for (id, figure) in site_figures(&built.site, page) {
            let svg = &figure.svg;
            let open = &svg[..svg.find('>').expect("a closed <svg> tag")];
            assert!(
                open.contains("role=\"img\""),
                "{page} {id}: no role=\"img\""
            );
            let title = format!("<title id=\"figure-{id}-title\">");
            let desc = format!("<desc id=\"figure-{id}-desc\">");
            assert!(svg.contains(&title), "{page} {id}: no {title}");
            assert!(svg.contains(&desc), "{page} {id}: no {desc}");
            // Its style reaches only its own kind of drawing.
            for rule in svg.split("<style>").skip(1) {
                let css = &rule[..rule.find("</style>").expect("closed style")];
                let css = css.replace("@media screen and (prefers-color-scheme:dark){", "");
                for selector in css
                    .split('}')
                    .filter_map(|r| r.split_once('{'))
                    .map(|r| r.0)
                {
                    for one in selector.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        assert!(
                            one.starts_with(".nn-chart ") || one.starts_with(".nn-diagram "),
                            "{page} {id}: unscoped rule `{one}`"
                        );
                    }
                }
            }
            assert!(
                svg.len() < 8 * 1024,
                "{page} {id} is {} bytes, 8 KB at most",
                svg.len()
            );
            seen += 1;
        }
    }
    assert!(seen >= 20, "{seen} figures");
}

#[test]
fn every_csv_is_numbers_under_a_header() {
    let built = shipped(None);
    let mut seen = 0;
    for page in [
        "relu/index.html",
        "zh-CN/relu/index.html",
        "writing-a-lesson/index.html",
    ] {
        for (id, figure) in site_figures(&built.site, page) {
            let Some(text) = figure.csv else { continue };
            let name = format!("{page} {id}");
            if page.contains("relu/") {
                assert!(
                    text.starts_with("dosage,"),
                    "{name}'s header does not start with `dosage,`"
                );
            }
            let csv = Csv::parse(&name, &text);
            if page.contains("relu/") {
                // 100 samples, plus the kinks.
                assert!(csv.rows.len() >= 100, "{name} has {} rows", csv.rows.len());
            }
            // The input column is always filled.
            assert!(csv.rows.iter().all(|r| r[0].is_some()), "{name}");
            seen += 1;
        }
    }
    assert!(seen >= 16, "{seen} CSVs");
}

#[test]
fn the_step_1_table_shows_the_articles_arithmetic() {
    let built = shipped(None);
    let page = built.read("relu/index.html");
    let start = page
        .find("<table class=\"nn-table\"")
        .expect("a table in the lesson");
    let table = &page[start..start + page[start..].find("</table>").expect("closed table")];
    for expected in [
        "0.2 · 1.70 + (−0.85) = −0.51",
        "0.6 · 1.70 + (−0.85) = 0.17",
        "= 0.85",
    ] {
        assert!(
            table.contains(expected),
            "the step-1 table lacks {expected:?}:\n{table}"
        );
    }
}

/// Every `href="..."` and `src="..."` value of a page.
fn links(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for rest in page.split(attr).skip(1) {
            out.push(&rest[..rest.find('"').expect("a closed attribute")]);
        }
    }
    out
}

#[test]
fn no_page_links_absolutely() {
    let built = shipped(None);
    let site = &built.site;
    let files = tree(site);
    let pages: Vec<(&String, &Vec<u8>)> =
        files.iter().filter(|(k, _)| k.ends_with(".html")).collect();
    assert!(pages.len() >= 2);
    for (name, bytes) in pages {
        let page = std::str::from_utf8(bytes).expect("UTF-8 page");
        // 404 pages too: without a base URL their links are relative to their own folder.
        assert!(!page.contains("href=\"/"), "{name} has an absolute href");
        assert!(!page.contains("src=\"/"), "{name} has an absolute src");
        // The one link out of the site: the source a lesson follows, under its title.
        let without_source = match page.find("<p class=\"lesson-source\">") {
            Some(at) => {
                let end = at + page[at..].find("</p>").expect("closed");
                format!("{}{}", &page[..at], &page[end..])
            }
            None => page.to_string(),
        };
        // (An address in text, such as the guide's example of `source`, is no link.)
        for attribute in ["href=\"http", "src=\"http"] {
            assert!(
                !without_source.contains(attribute),
                "{name} has an http link"
            );
        }
        // Every relative link leads to a file of the site.
        let dir = Path::new(name.as_str()).parent().unwrap_or(Path::new(""));
        for link in links(page) {
            let target = link.split('#').next().unwrap_or("");
            // The source's address is the one link out (checked above).
            let out = target.starts_with("https://") || target.starts_with("http://");
            if target.is_empty() || target.starts_with("data:") || out {
                continue;
            }
            let mut path = PathBuf::new();
            for part in dir.join(target).components() {
                match part {
                    std::path::Component::ParentDir => {
                        assert!(path.pop(), "{name}: {link} leaves the site");
                    }
                    std::path::Component::Normal(p) => path.push(p),
                    _ => {}
                }
            }
            assert!(
                site.join(&path).is_file(),
                "{name} links to {link}, which does not exist"
            );
        }
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_shipped_into(&a, None);
    build_shipped_into(&b, None);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "the two builds have different files"
    );
    for (name, bytes) in &ta {
        assert!(bytes == &tb[name], "{name} differs between two builds");
    }
}

#[test]
fn the_step_7_csv_has_the_true_peak_and_both_kinks() {
    let built = shipped(None);
    let figures = site_figures(&built.site, "relu/index.html");
    let csv = Csv::parse(
        "step-7.csv",
        figures["step-7"].csv.as_deref().expect("data"),
    );
    assert_eq!(csv.header[0], "dosage");
    let out = csv.column("output.activation");
    let rows: Vec<(f64, f64)> = csv
        .rows
        .iter()
        .filter_map(|r| Some((r[0]?, r[out]?)))
        .collect();
    assert!(
        rows.iter()
            .any(|&(x, y)| x == 0.5 && (y - 1.01).abs() < 1e-9),
        "no row with dosage 0.5 and output 1.01"
    );
    // The output is non-zero only between the kinks 16/34.02 = 0.470312 and
    // 18.68/35.34 = 0.528579.
    for &(x, y) in &rows {
        if y > 0.0 {
            assert!(
                x > 0.47031 && x < 0.52858,
                "output {y} at dosage {x}, outside the kinks"
            );
        }
    }
    for (lo, hi) in [(0.4703, 0.4704), (0.5285, 0.5286)] {
        let kink: Vec<&(f64, f64)> = rows.iter().filter(|(x, _)| (lo..=hi).contains(x)).collect();
        assert!(!kink.is_empty(), "the kink in {lo}..{hi} is not sampled");
        for (x, y) in kink {
            assert!(y.abs() < 1e-9, "output {y} at the kink {x}, expected 0");
        }
    }
}

/// The page's model is under the id that names its format, and the built-in script looks it up
/// by that id; a script of an earlier nnbook, looking for `nn-model`, finds nothing and leaves
/// the page static. (A bump of the format on one side alone fails here.)
#[test]
fn the_built_in_script_finds_the_model_under_the_id_that_names_its_format() {
    let built = shipped(None);
    let id = nnbook::explore::MODEL_ID;
    let page = built.read("relu/index.html");
    assert_eq!(
        page.matches(&format!("<script type=\"application/json\" id=\"{id}\">"))
            .count(),
        1
    );
    assert!(!page.contains("id=\"nn-model\""));
    assert!(built
        .read("explore.js")
        .contains(&format!("getElementById(\"{id}\")")));
}

#[test]
fn built_in_scripts_are_served_compact_and_a_project_s_own_as_written() {
    let built = shipped(None);
    let script = built.read("explore.js");
    assert!(
        !script
            .lines()
            .any(|l| l.trim_start().starts_with("//") || l.starts_with(' ')),
        "explore.js keeps comment lines or indentation"
    );
    // Served compact: no comment, no indentation, no space two tokens do not need.
    assert!(
        !script.contains("function ("),
        "explore.js keeps its spaces"
    );
    let css = built.read("style.css");
    assert!(!css.contains("/*") && !css.contains(": ") && !css.contains(" {"));
    // The ReLU page with everything it loads stays under 150 KB (issue 13): its HTML (both
    // canvases of each chart, the diagrams, the CSVs in their data: links, the model) and the
    // files its <link>s and <script>s name.
    let page = built.read("relu/index.html");
    let loaded: Vec<&str> = [("<link ", "href"), ("<script src=", "src")]
        .into_iter()
        .flat_map(|(tag, name)| {
            let page = page.as_str();
            page.match_indices(tag)
                .map(move |(at, _)| attribute(&page[at..], tag, name))
        })
        .filter_map(|value| value.strip_prefix("../"))
        .collect();
    assert!(
        [
            "style.css",
            "explore.js",
            "copy.js",
            "toc.js",
            "favicon.svg"
        ]
        .iter()
        .all(|f| loaded.contains(f)),
        "{loaded:?}"
    );
    // (The index page's own rules are the index's alone.)
    assert!(!loaded.contains(&"index.css"), "{loaded:?}");
    assert!(built
        .read("index.html")
        .contains("<link rel=\"stylesheet\" href=\"index.css\">"));
    assert!(built.read("index.css").contains(".lesson-card{"));
    let weight = page.len() + loaded.iter().map(|f| built.read(f).len()).sum::<usize>();
    assert!(weight < 150_000, "the ReLU page weighs {weight} bytes");
    // So does it with the one math font file its formulas need (tests/browser/reader.mjs
    // checks that the browser loads math-core.woff2 alone there): 164.0 KB when the font came,
    // 265 KB when it was one file, 155.8 KB in the twenty-fifth session; 147.5 KB since the
    // index page's rules have a file of their own, the scripts' functions are arrows and the
    // drawings' texts carry their baseline in `y` (docs/performance.md).
    let font = std::fs::read(built.site.join("math-core.woff2"))
        .unwrap()
        .len();
    assert!(
        weight + font < 150_000,
        "the ReLU page with its math font weighs {} bytes",
        weight + font
    );
    // Its diagrams share one stylesheet, written once.
    assert_eq!(page.matches("<style>.nn-diagram .bg{").count(), 1);
    assert_eq!(page.matches("<svg class=\"nn-diagram\"").count(), 3);
    let own = "// mine\n  console.log('kept as written');\n";
    let p = crate::support::Project::with_lessons(&[("a.md", &crate::support::small(""))])
        .template("copy.js", own);
    p.run_build().succeeded();
    assert_eq!(p.read("copy.js"), own);
}

/// A chart's phone drawing (shown instead of its column drawing on narrow screens) is named and
/// described by the column drawing's title and description, which the page holds once.
#[test]
fn a_phone_drawing_is_named_by_its_column_drawing() {
    let built = shipped(None);
    let page = built.read("relu/index.html");
    let phones: Vec<&str> = page
        .match_indices("<svg class=\"nn-chart nn-phone\"")
        .map(|(at, _)| &page[at..at + page[at..].find("</svg>").unwrap()])
        .collect();
    assert_eq!(phones.len(), 7);
    for svg in phones {
        assert!(!svg.contains("<title") && !svg.contains("<desc"), "{svg}");
        for (attr, kind) in [("aria-labelledby", "title"), ("aria-describedby", "desc")] {
            let id = attribute(svg, "<svg", attr);
            assert!(id.starts_with("figure-step-") && id.ends_with(&format!("-{kind}")));
            assert_eq!(
                page.matches(&format!("<{kind} id=\"{id}\">")).count(),
                1,
                "{id}"
            );
        }
    }
}
