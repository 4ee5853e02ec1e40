//! Legends never cover what a chart draws (issue 15, item 3): over every figure of the shipped
//! lessons and of generated random networks, on both canvases, the legend's box keeps clear of
//! every line and point drawn before it. Checked on the SVG text itself (its own parsing and a
//! sampling of each segment), not with the placement code. Data points are rings, so that a
//! curve through one (the ReLU lesson's peak of 1.01 under the point at 1) stays visible. A
//! title too long for its drawing is broken into lines.

use nnbook::error::SourceFile;
use nnbook::lesson;

use crate::support::{Project, REPO};

/// The value of attribute `name` in the element text `tag`.
fn attr(tag: &str, name: &str) -> Option<f64> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    tag[at..].split('"').next()?.parse().ok()
}

fn attr_text<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    tag[at..].split('"').next()
}

/// Every element `<name …>` of `svg`, in order, as its text.
fn elements<'a>(svg: &'a str, name: &str) -> Vec<(usize, &'a str)> {
    let open = format!("<{name} ");
    svg.match_indices(&open)
        .map(|(at, _)| (at, &svg[at..at + svg[at..].find('>').unwrap_or(0)]))
        .collect()
}

/// Whether `svg`'s legend box (if any) covers any line or point drawn before it. Returns a
/// description of the first overlap.
fn overlap(svg: &str) -> Option<String> {
    let rects = elements(svg, "rect");
    let (start, rect) = rects
        .iter()
        .find(|(_, r)| attr_text(r, "opacity") == Some("0.85"))?;
    let (x, y) = (attr(rect, "x").unwrap(), attr(rect, "y").unwrap());
    let (w, h) = (attr(rect, "width").unwrap(), attr(rect, "height").unwrap());
    let inside = |px: f64, py: f64, grow: f64| {
        px >= x - grow && px <= x + w + grow && py >= y - grow && py <= y + h + grow
    };
    for (at, line) in elements(svg, "polyline") {
        let width = attr(line, "stroke-width").unwrap_or(1.0);
        // Lines of the plot (series and tangents are 2 px or wider; the axes are 1 px).
        if at > *start || width < 2.0 {
            continue;
        }
        let points: Vec<(f64, f64)> = attr_text(line, "points")
            .unwrap()
            .split_whitespace()
            .map(|p| {
                let (a, b) = p.split_once(',').unwrap();
                (a.parse().unwrap(), b.parse().unwrap())
            })
            .collect();
        for pair in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let steps = ((x1 - x0).abs().max((y1 - y0).abs()) * 4.0).ceil().max(1.0);
            for i in 0..=steps as usize {
                let t = i as f64 / steps;
                let (px, py) = (x0 + t * (x1 - x0), y0 + t * (y1 - y0));
                if inside(px, py, width / 2.0) {
                    return Some(format!(
                        "a line passes ({px}, {py}) under the legend {rect}"
                    ));
                }
            }
        }
    }
    for (at, circle) in elements(svg, "circle") {
        let (cx, cy, r) = (
            attr(circle, "cx").unwrap(),
            attr(circle, "cy").unwrap(),
            attr(circle, "r").unwrap(),
        );
        if at < *start && inside(cx, cy, r + 1.0) {
            return Some(format!(
                "a point at ({cx}, {cy}) is under the legend {rect}"
            ));
        }
    }
    None
}

/// Every chart drawing (both canvases) of the lesson `text`, by figure id.
fn drawings(name: &str, text: &str) -> Vec<(String, String)> {
    let lesson = lesson::parse(SourceFile::new(name, text), "test")
        .unwrap_or_else(|d| panic!("{name}: {d:?}"));
    let rendered = nnbook::render::render(&lesson, nnbook::i18n::Lang::built_in("en"))
        .unwrap_or_else(|d| panic!("{name} does not render: {d:?}"));
    let mut out = Vec::new();
    for f in rendered.figures {
        if let Some(phone) = &f.phone {
            out.push((format!("{name} {} (phone)", f.id), phone.svg.clone()));
        }
        if f.svg.contains("nn-chart") {
            out.push((format!("{name} {}", f.id), f.svg));
        }
    }
    out
}

#[test]
fn no_legend_of_the_shipped_lessons_covers_a_line_or_point() {
    let mut legends = 0;
    for entry in std::fs::read_dir(format!("{REPO}/content")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (name, svg) in drawings(&path.display().to_string(), &text) {
            legends += usize::from(svg.contains("opacity=\"0.85\""));
            assert_eq!(overlap(&svg), None, "{name}");
        }
    }
    // The check ran on real legends (ReLU, backpropagation and black-box charts have them).
    assert!(legends >= 20, "{legends} legends");
}

/// A small deterministic generator (xorshift), for reproducible random networks.
struct Random(u64);

impl Random {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        let v = lo + (hi - lo) * self.next();
        (v * 100.0).round() / 100.0
    }
}

#[test]
fn no_legend_of_random_networks_covers_a_line_or_point() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for n in 0..60 {
        let activation = ["relu", "softplus", "sigmoid", "tanh"][n % 4];
        let mut p = || random.between(-20.0, 20.0);
        let (w1, b1, w2, b2, w3, w4, b3) = (p(), p(), p(), p(), p(), p(), p());
        let points: Vec<String> = (0..5)
            .map(|i| format!("[{}, {}]", f64::from(i) / 4.0, random.between(-10.0, 10.0)))
            .collect();
        let text = format!(
            r#"+++
title = "Random {n}"
+++

```network
input = {{ name = "x", from = 0.0, to = 1.0, samples = 41 }}

[[layer]]
activation = "{activation}"
nodes = [
  {{ name = "top", weights = {{ w1 = {w1} }}, bias = {{ b1 = {b1} }} }},
  {{ name = "bottom", weights = {{ w2 = {w2} }}, bias = {{ b2 = {b2} }} }},
]

[output]
name = "output"
weights = {{ w3 = {w3}, w4 = {w4} }}
bias = {{ b3 = {b3} }}
```

```figure
id = "paths"
title = "Both paths"
series = [
  {{ signal = "top.w3", label = "Top path, scaled by w3", color = "blue" }},
  {{ signal = "bottom.w4", label = "Bottom path, scaled by w4", color = "orange" }},
  {{ signal = "output.activation", label = "Output", color = "green" }},
]
points = [{}]
points_label = "Observed"
```
"#,
            points.join(", ")
        );
        for (name, svg) in drawings(&format!("random-{n}.md"), &text) {
            assert_eq!(overlap(&svg), None, "{name}:\n{text}");
        }
    }
}

#[test]
fn data_points_are_rings_so_the_curve_under_them_shows() {
    let text = std::fs::read_to_string(format!("{REPO}/content/backpropagation.md")).unwrap();
    let mut rings = 0;
    for (name, svg) in drawings("backpropagation.md", &text) {
        for (_, circle) in elements(&svg, "circle") {
            if attr(circle, "r") == Some(5.0) && attr_text(circle, "stroke") == Some("#222") {
                assert_eq!(attr_text(circle, "fill"), Some("none"), "{name}: {circle}");
                rings += 1;
            }
        }
    }
    assert!(rings >= 3, "{rings} rings");
}

/// A chart title wider than its drawing is broken into lines, as even as they can be (plotters
/// draws one line, centred, and the drawing cut it off at both ends: the backpropagation
/// lesson's "Each step lands where the slope is flatter" on a phone); one that fits stays one
/// line, and the plot starts below the last. A Chinese title breaks between its characters.
#[test]
fn a_title_wider_than_its_drawing_is_broken_into_lines() {
    let english = "The output against the dosage, beside the top node";
    let chinese = "网络的输出与剂量的关系以及顶部节点的输出曲线对照";
    for (title, joiner) in [(english, " "), (chinese, "")] {
        let lesson = crate::support::small("")
            .replace("title = \"Top node\"", &format!("title = \"{title}\""));
        let p = Project::with_lessons(&[("l.md", &lesson)]);
        p.build().expect("builds");
        let figure = &crate::support::site_figures(&p.site(), "l/index.html")["step-1"];
        let svgs: Vec<&str> = figure.html.split("<svg").skip(1).collect();
        assert_eq!(svgs.len(), 2, "a column and a phone drawing");
        for (svg, lines_wanted) in svgs.iter().zip([1, 2]) {
            let lines: Vec<&str> = svg
                .lines()
                .filter(|l| l.contains("font-size=\"19.35\""))
                .map(|l| &l[l.find('>').unwrap() + 1..l.find("</text>").unwrap()])
                .collect();
            assert_eq!(lines.len(), lines_wanted, "{title}: {lines:?}");
            assert_eq!(lines.join(joiner), title);
            let counts: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
            let (short, long) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
            assert!(long - short <= long / 3, "uneven lines: {lines:?}");
            let last_title = svg.lines().rfind(|l| l.contains("font-size=\"19.35\""));
            let title_y = attr(last_title.unwrap(), "y").unwrap();
            let plot_top = svg
                .lines()
                .find(|l| l.starts_with("<path"))
                .and_then(|l| l.split(['V', 'H']).nth(1))
                .and_then(|n| n.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse::<f64>().ok())
                .unwrap();
            // (A text's `y` is its baseline: the title's descenders reach a quarter of its 19.35
            // px below it.)
            assert!(plot_top > title_y + 5.0, "the plot under the title: {svg}");
        }
    }
}

/// So are axis titles too long for their axis: the x title across the plotting area, the y
/// title up it (its turned lines side by side), each line a line further out; the column
/// drawing, wide enough, keeps each on one line.
#[test]
fn axis_titles_too_long_for_their_axis_are_broken_into_lines() {
    let x_label = "Dosage of the drug, in milligrams per kilogram of body weight";
    let y_label = "Efficacy (share of patients helped)";
    let lesson = crate::support::small("").replace(
        "title = \"Top node\"",
        &format!("title = \"Top node\"\nx_label = \"{x_label}\"\ny_label = \"{y_label}\""),
    );
    let p = Project::with_lessons(&[("l.md", &lesson)]);
    p.build().expect("builds");
    let figure = &crate::support::site_figures(&p.site(), "l/index.html")["step-1"];
    let svgs: Vec<&str> = figure.html.split("<svg").skip(1).collect();
    for (svg, wrapped) in svgs.iter().zip([false, true]) {
        let titles = |turned: bool| -> Vec<&str> {
            svg.lines()
                .filter(|l| l.contains("font-size=\"15.32\"") && l.contains("rotate(") == turned)
                .map(|l| &l[l.find('>').unwrap() + 1..l.find("</text>").unwrap()])
                .collect()
        };
        let (x, y) = (titles(false), titles(true));
        assert_eq!((x.join(" "), y.join(" ")), (x_label.into(), y_label.into()));
        // (Measured in DejaVu Sans, the widest common sans-serif: on the phone the x title
        // takes three lines, the y title two.)
        let lines = if wrapped { (3, 2) } else { (1, 1) };
        assert_eq!((x.len(), y.len()), lines, "x {x:?}, y {y:?}");
    }
}

/// A figure's `points_label` without `points` is a warning (it was accepted without a word, and
/// no legend entry or point showed it).
#[test]
fn a_points_label_without_points_is_a_warning() {
    let text = crate::diagnostics::lesson(
        r#"title = "Points""#,
        &format!(
            "{}\n\n```figure\nseries = [{{ signal = \"top.activation\" }}]\npoints_label = \"Observed\"\n```",
            crate::diagnostics::NETWORK
        ),
    );
    let p = Project::new().file("content/points.md", &text);
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("does not build:\n{e}"));
    let warnings: Vec<String> = site.warnings.iter().map(|w| w.to_string()).collect();
    insta::assert_snapshot!(warnings.join("\n"));
}

/// Where a legend is drawn, every line drawn is in it: an unlabelled series beside a labelled
/// one, or beside labelled data points, is named as readers see its signal ("bottom: ReLU
/// output"), where it was left out and the reader could not tell which line it is. A figure
/// with no label at all still has no legend. The notebook's code names them alike.
#[test]
fn a_legend_names_every_line_it_sits_beside() {
    let series =
        "series = [\n  { signal = \"top.activation\", label = \"ReLU\", color = \"blue\" },\n]";
    let cases = [
        (
            "series = [\n  { signal = \"top.activation\", label = \"ReLU\", color = \"blue\" },\n  { signal = \"bottom.activation\" },\n]",
            vec!["ReLU", "bottom: ReLU output"],
        ),
        (
            "series = [{ signal = \"bottom.activation\" }]\npoints = [[0.5, 1.0]]\npoints_label = \"Seen\"",
            vec!["bottom: ReLU output", "Seen"],
        ),
        ("series = [{ signal = \"bottom.activation\" }]", vec![]),
    ];
    for (written, names) in cases {
        let lesson = crate::support::small("").replace(series, written);
        assert_ne!(lesson, crate::support::small(""), "the fixture's series");
        let p = Project::with_lessons(&[("l.md", &lesson)]);
        p.build().expect("builds");
        let figure = &crate::support::site_figures(&p.site(), "l/index.html")["step-1"];
        for svg in figure.html.split("<svg").skip(1) {
            let legend = svg.find("opacity=\"0.85\"").map_or("", |at| &svg[at..]);
            let texts: Vec<&str> = legend
                .split("</text>")
                .filter_map(|t| Some(&t[t.rfind('>')? + 1..]))
                .filter(|t| !t.trim().is_empty())
                .collect();
            assert_eq!(texts, names, "{written}");
        }
        // The notebook's code draws the same legend.
        let notebook = p.read("l/l.ipynb");
        for name in names.iter().filter(|n| n.contains(':')) {
            assert!(
                notebook.contains(&format!("label=\\\"{name}\\\"")),
                "{name}"
            );
        }
    }
}
