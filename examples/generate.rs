//! Generate a benchmark project of N lessons, and the same amount of plain Markdown for peers.
//!
//! ```sh
//! cargo run --release --example generate -- <N> <DIR>
//! ```
//!
//! Writes:
//!
//! - `DIR/content/lesson-0001.md` ... : N lessons shaped like the shipped ReLU lesson
//!   (`content/relu.md`): a 1-2-1 ReLU network whose seven parameters are perturbed by up to
//!   ±10% per lesson (deterministically, from the lesson index, so no two lessons share a
//!   figure), a parameters listing, seven figures, a computed table, three Python blocks, a
//!   formula and about 600 words of prose (28 filler sentences); `order` is the index.
//! - `DIR/plain/hugo/`: a Hugo site (`config.toml`, minimal layouts, N posts) with the same
//!   amount of prose and code per page, no figures.
//! - `DIR/plain/mdbook/`: an mdBook (`book.toml`, `src/SUMMARY.md`, N chapters), the same pages.
//!
//! Output is a pure function of N: two runs give byte-identical trees. Files from an earlier run
//! with a larger N (`lesson-*.md`, `page-*.md`) are removed. Standard library only; the
//! benchmarks in `benches/` include this file as a module.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants), seeded per lesson.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        // Mix the seed so that neighbouring indices start far apart.
        let mut lcg = Lcg(seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(0x2545_F491_4F6C_DD1D));
        lcg.next_u32();
        lcg
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    /// Uniform in [-1, 1].
    pub fn signed_unit(&mut self) -> f64 {
        f64::from(self.next_u32()) / f64::from(u32::MAX) * 2.0 - 1.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.next_u32() as usize % n
    }
}

/// The ReLU lesson's parameters, in the order w1, b1, w2, b2, w3, w4, b3.
const BASE: [(&str, f64); 7] = [
    ("w1", 1.70),
    ("b1", -0.85),
    ("w2", 12.6),
    ("b2", 0.00),
    ("w3", -40.8),
    ("w4", 2.70),
    ("b3", -16.0),
];

/// Lesson `index`'s parameters as TOML literals: each base value moved by up to ±10% (a zero
/// base value by up to ±0.01, so it varies too).
pub fn parameters(index: usize) -> Vec<(&'static str, String)> {
    let mut rng = Lcg::new(index as u64);
    BASE.iter()
        .map(|&(name, base)| {
            let scale = if base == 0.0 { 0.1 } else { base.abs() };
            let value = base + 0.1 * scale * rng.signed_unit();
            (name, format!("{value:.4}"))
        })
        .collect()
}

const SUBJECTS: [&str; 12] = [
    "The top node",
    "The bottom node",
    "Each hidden unit",
    "The output node",
    "A single bend",
    "The weighted sum",
    "Every ReLU",
    "The bias",
    "This small network",
    "The final activation",
    "A steeper weight",
    "The plotted signal",
];

const VERBS: [&str; 12] = [
    "turns",
    "shifts",
    "stretches",
    "flips",
    "keeps",
    "adds up",
    "cuts off",
    "bends",
    "scales",
    "passes on",
    "reshapes",
    "combines",
];

const OBJECTS: [&str; 12] = [
    "a straight line into a corner at zero",
    "the dosage axis before the next layer sees it",
    "every negative value into a flat stretch of zeros",
    "the slope of the line without moving its kink",
    "both paths into one narrow wedge of efficacy",
    "the whole curve up or down by a constant amount",
    "the part of the signal that points in the wrong direction",
    "the rising orange line into a steeper one",
    "the two bent lines into a shape neither could draw alone",
    "what the previous step drew, one plotted stage at a time",
    "the peak so that it lands on the observed data",
    "a linear function into a piecewise-linear one",
];

const CLAUSES: [&str; 8] = [
    "as the figure below shows",
    "which is easy to check by hand",
    "and the table confirms the numbers",
    "so the picture changes only where a slope changes",
    "while the rest of the network stays the same",
    "just as in the previous lessons",
    "without any change to the other weights",
    "and nothing else has to be computed",
];

/// `sentences` deterministic filler sentences (about 20 words each) as one paragraph.
pub fn prose(rng: &mut Lcg, sentences: usize) -> String {
    let mut out = String::new();
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(
            out,
            "{} {} {}, {}.",
            SUBJECTS[rng.below(SUBJECTS.len())],
            VERBS[rng.below(VERBS.len())],
            OBJECTS[rng.below(OBJECTS.len())],
            CLAUSES[rng.below(CLAUSES.len())],
        );
    }
    out
}

/// The figures of a lesson: (id, title, y label, signal, series label, colour, caption).
const FIGURES: [(&str, &str, &str, &str, &str, &str, &str); 7] = [
    (
        "step-1",
        "ReLU Activation",
        "Activation",
        "top.activation",
        "ReLU(w1·x + b1)",
        "blue",
        "The top node's output, rising to {{ top.activation @ 1.0 }} at dosage {{ input.to }}.",
    ),
    (
        "step-2",
        "ReLU Output × w3",
        "Value",
        "top.w3",
        "ReLU × w3",
        "blue",
        "The bent blue line times {{ w3 }}, falling to {{ top.w3 @ 1.0 }}.",
    ),
    (
        "step-3",
        "Bottom Node",
        "Value",
        "bottom.linear",
        "w2·x + b2",
        "orange",
        "The bottom node's linear term, from {{ bottom.linear @ 0.0 }} to {{ bottom.linear @ 1.0 }}.",
    ),
    (
        "step-4",
        "Scaled Bottom Node",
        "Value",
        "bottom.w4",
        "(w2·x + b2) × w4",
        "orange",
        "The orange line scaled by {{ w4 }}, reaching {{ bottom.w4 @ 1.0 }}.",
    ),
    (
        "step-5",
        "Combined Signal",
        "Value",
        "output.sum",
        "Combined Signal",
        "green",
        "The two paths added: {{ output.sum @ 0.5 }} at dosage 0.5.",
    ),
    (
        "step-6",
        "Combined Signal + Bias",
        "Value",
        "output.linear",
        "Combined + b3",
        "green",
        "Shifted by {{ b3 }}: {{ output.linear @ 0.0 }} at the start, {{ output.linear @ 0.5 }} at 0.5.",
    ),
    (
        "step-7",
        "Final ReLU Output",
        "Activation",
        "output.activation",
        "Final ReLU Output",
        "green",
        "The final output: {{ output.activation @ 0.5 }} at dosage 0.5.",
    ),
];

/// The Python blocks, placed after figures 1, 4 and 7.
const PYTHON: [&str; 3] = [
    "import numpy as np\nimport matplotlib.pyplot as plt\n\n\
     x = np.linspace({{ input.from }}, {{ input.to }}, 101)\n\
     w1, b1 = {{ w1 }}, {{ b1 }}\nrelu1 = np.maximum(0, w1 * x + b1)\n\
     plt.plot(x, relu1, label=\"ReLU(w1·x + b1)\")\nplt.legend()\nplt.show()\n",
    "w2, b2, w3, w4 = {{ w2 }}, {{ b2 }}, {{ w3 }}, {{ w4 }}\n\
     scaled_blue = relu1 * w3\nscaled_orange = np.maximum(0, w2 * x + b2) * w4\n\
     plt.plot(x, scaled_blue, label=\"ReLU × w3\")\n\
     plt.plot(x, scaled_orange, color=\"orange\", label=\"(w2·x + b2) × w4\")\n\
     plt.legend()\nplt.show()\n",
    "b3 = {{ b3 }}\nfinal_output = np.maximum(0, scaled_blue + scaled_orange + b3)\n\
     plt.plot(x, final_output, color=\"green\")\nplt.xlabel(\"Dosage\")\n\
     plt.ylabel(\"Activation\")\nplt.show()\n",
];

/// Lesson `index` (1-based): a complete nnbook lesson.
pub fn lesson(index: usize) -> String {
    let params = parameters(index);
    let p = |name: &str| {
        params
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("0", |(_, v)| v.as_str())
    };
    let mut rng = Lcg::new(index as u64 ^ 0x5EED);
    let mut s = String::with_capacity(12 * 1024);
    let _ = write!(
        s,
        "+++\n\
         title = \"Lesson {index}: a ReLU network, variant {index}\"\n\
         summary = \"Benchmark lesson {index}: seven figures of a 1-2-1 ReLU network with its own parameters.\"\n\
         order = {index}\n\
         precision = 2\n\
         +++\n\n"
    );
    let _ = write!(s, "{}\n\n## The network\n\n", prose(&mut rng, 4));
    s.push_str("```parameters\n```\n\n");
    let _ = write!(
        s,
        "```network\n\
         input = {{ name = \"dosage\", label = \"Dosage\", from = 0.0, to = 1.0, samples = 100 }}\n\n\
         [[layer]]\n\
         activation = \"relu\"\n\
         nodes = [\n  \
         {{ name = \"top\",    weights = {{ w1 = {} }}, bias = {{ b1 = {} }} }},\n  \
         {{ name = \"bottom\", weights = {{ w2 = {} }}, bias = {{ b2 = {} }} }},\n\
         ]\n\n\
         [output]\n\
         name = \"output\"\n\
         label = \"Efficacy\"\n\
         activation = \"relu\"\n\
         weights = {{ w3 = {}, w4 = {} }}\n\
         bias = {{ b3 = {} }}\n\
         ```\n\n",
        p("w1"),
        p("b1"),
        p("w2"),
        p("b2"),
        p("w3"),
        p("w4"),
        p("b3"),
    );
    s.push_str(
        "The whole network is one formula: \
         `output = ReLU(w3·ReLU(w1·x + b1) + w4·ReLU(w2·x + b2) + b3)`, with w1 = {{ w1 }}, \
         b1 = {{ b1 }}, w2 = {{ w2 }}, b2 = {{ b2 }}, w3 = {{ w3 }}, w4 = {{ w4 }} and \
         b3 = {{ b3 }}.\n\n",
    );
    s.push_str(
        "```table\n\
         signals = [\"top.linear\", \"top.activation\"]\n\
         at = [0.0, 0.2, 0.6, 1.0]\n\
         arithmetic = true\n\
         headers = [\"Dosage\", \"Linear term (w1·x + b1)\", \"ReLU output\"]\n\
         input_precision = 1\n\
         ```\n\n",
    );
    for (k, (id, title, y_label, signal, label, color, caption)) in FIGURES.iter().enumerate() {
        let _ = write!(
            s,
            "## Step {} – {title}\n\n{}\n\n",
            k + 1,
            prose(&mut rng, 3)
        );
        let _ = writeln!(
            s,
            "```figure\n\
             id = \"{id}\"\n\
             title = \"{title}\"\n\
             y_label = \"{y_label}\"\n\
             caption = \"{caption}\"\n\
             series = [\n  \
             {{ signal = \"{signal}\", label = \"{label}\", color = \"{color}\" }},\n\
             ]"
        );
        if *id == "step-7" {
            s.push_str(
                "points = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]\n\
                 points_label = \"Observed efficacy\"\n",
            );
        }
        s.push_str("```\n\n");
        if let Some(code) = match k {
            0 => Some(PYTHON[0]),
            3 => Some(PYTHON[1]),
            6 => Some(PYTHON[2]),
            _ => None,
        } {
            let _ = write!(s, "```python\n{code}```\n\n");
        }
    }
    let _ = writeln!(s, "## Summary\n\n{}", prose(&mut rng, 3));
    s
}

/// Plain page `index` (1-based), Markdown body only: the prose and code of a lesson, no
/// nnbook blocks.
pub fn plain_page(index: usize) -> String {
    let params = parameters(index);
    let mut rng = Lcg::new(index as u64 ^ 0x5EED);
    let mut s = String::with_capacity(8 * 1024);
    let _ = write!(s, "{}\n\n## The network\n\n", prose(&mut rng, 4));
    s.push_str("| parameter | value |\n|---|---|\n");
    for (name, value) in &params {
        let _ = writeln!(s, "| {name} | {value} |");
    }
    s.push_str(
        "\nThe whole network is one formula: \
         `output = ReLU(w3·ReLU(w1·x + b1) + w4·ReLU(w2·x + b2) + b3)`.\n\n",
    );
    for (k, (_, title, ..)) in FIGURES.iter().enumerate() {
        let _ = write!(
            s,
            "## Step {} – {title}\n\n{}\n\n",
            k + 1,
            prose(&mut rng, 3)
        );
        if let Some(code) = match k {
            0 => Some(PYTHON[0]),
            3 => Some(PYTHON[1]),
            6 => Some(PYTHON[2]),
            _ => None,
        } {
            let mut code = code.to_string();
            for (name, value) in &params {
                code = code.replace(&format!("{{{{ {name} }}}}"), value);
            }
            code = code
                .replace("{{ input.from }}", "0.0")
                .replace("{{ input.to }}", "1.0");
            let _ = write!(s, "```python\n{code}```\n\n");
        }
    }
    let _ = writeln!(s, "## Summary\n\n{}", prose(&mut rng, 3));
    s
}

const HUGO_CONFIG: &str = "baseURL = \"http://example.org/\"\n\
languageCode = \"en-us\"\n\
title = \"Benchmark\"\n\
disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n";

const HUGO_SINGLE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
<title>{{ .Title }}</title></head>\n<body>\n<h1>{{ .Title }}</h1>\n{{ .Content }}\n\
{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}\n\
{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}\n\
</body>\n</html>\n";

const HUGO_LIST: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
<title>{{ .Title }}</title></head>\n<body>\n<h1>{{ .Title }}</h1>\n<ul>\n\
{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n{{ end }}\
</ul>\n</body>\n</html>\n";

fn width(n: usize) -> usize {
    n.to_string().len().max(4)
}

/// Remove files named `prefix*.md` in `dir` (left by an earlier run).
fn remove_generated(dir: &Path, prefix: &str) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with(prefix) && name.ends_with(".md") {
            fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// Write the nnbook project: `dir/content/lesson-NNNN.md`.
pub fn write_lessons(n: usize, dir: &Path) -> io::Result<()> {
    let content = dir.join("content");
    remove_generated(&content, "lesson-")?;
    fs::create_dir_all(&content)?;
    let w = width(n);
    for i in 1..=n {
        fs::write(content.join(format!("lesson-{i:0w$}.md")), lesson(i))?;
    }
    Ok(())
}

/// Write the peers' projects: `dir/plain/hugo` and `dir/plain/mdbook`.
pub fn write_plain(n: usize, dir: &Path) -> io::Result<()> {
    let hugo = dir.join("plain/hugo");
    let posts = hugo.join("content/posts");
    let layouts = hugo.join("layouts/_default");
    let book = dir.join("plain/mdbook");
    let src = book.join("src");
    remove_generated(&posts, "page-")?;
    remove_generated(&src, "page-")?;
    for d in [&posts, &layouts, &src] {
        fs::create_dir_all(d)?;
    }
    fs::write(hugo.join("config.toml"), HUGO_CONFIG)?;
    fs::write(layouts.join("single.html"), HUGO_SINGLE)?;
    fs::write(layouts.join("list.html"), HUGO_LIST)?;
    fs::write(
        book.join("book.toml"),
        "[book]\ntitle = \"Benchmark\"\nauthors = [\"nnbook\"]\nlanguage = \"en\"\nsrc = \"src\"\n",
    )?;
    let w = width(n);
    let mut summary = String::from("# Summary\n\n");
    for i in 1..=n {
        let title = format!("Page {i}: a ReLU network, variant {i}");
        let body = plain_page(i);
        fs::write(
            posts.join(format!("page-{i:0w$}.md")),
            format!("---\ntitle: \"{title}\"\nweight: {i}\n---\n\n{body}"),
        )?;
        fs::write(
            src.join(format!("page-{i:0w$}.md")),
            format!("# {title}\n\n{body}"),
        )?;
        let _ = writeln!(summary, "- [{title}](page-{i:0w$}.md)");
    }
    fs::write(src.join("SUMMARY.md"), summary)?;
    Ok(())
}

/// Write everything: the nnbook project and the peers' projects.
pub fn write_project(n: usize, dir: &Path) -> io::Result<()> {
    write_lessons(n, dir)?;
    write_plain(n, dir)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, dir) = match &args[..] {
        [n, dir] => match n.parse::<usize>() {
            Ok(n) if n >= 1 => (n, PathBuf::from(dir)),
            _ => usage(&format!("N must be a positive integer, not `{n}`")),
        },
        _ => usage("expected two arguments"),
    };
    if let Err(e) = write_project(n, &dir) {
        eprintln!(
            "error: cannot write the project into {}: {e}",
            dir.display()
        );
        std::process::exit(1);
    }
    println!(
        "wrote {n} lessons to {0}/content, {n} pages to {0}/plain/hugo and {0}/plain/mdbook",
        dir.display()
    );
}

fn usage(problem: &str) -> ! {
    eprintln!("error: {problem}\nusage: cargo run --release --example generate -- <N> <DIR>");
    std::process::exit(2);
}
