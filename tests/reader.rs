//! The reader's site: math, languages, notebooks, sitemap, 404, diagrams.

use std::fs;
use std::path::Path;

fn build(root: &Path, base_url: Option<&str>) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    nnbook::build(&nnbook::BuildOptions {
        root: root.to_path_buf(),
        out: out.path().join("site"),
        base_url: base_url.map(str::to_string),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    out
}

fn read(out: &tempfile::TempDir, path: &str) -> String {
    fs::read_to_string(out.path().join("site").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const SHIPPED: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn math_is_mathml_and_languages_link_each_other() {
    let out = build(Path::new(SHIPPED), None);
    let en = read(&out, "relu/index.html");
    let zh = read(&out, "zh-CN/relu/index.html");
    assert!(en.contains("<html lang=\"en\">") && zh.contains("<html lang=\"zh-CN\">"));
    // The ReLU definition and the table's arithmetic are MathML; no LaTeX is left.
    assert!(en.contains("<math display=\"block\">"), "display math");
    assert!(
        en.contains("<mi>max</mi>") || en.contains(">max<"),
        "max(0, x) as math"
    );
    assert!(!en.contains("\\mathrm"), "no raw LaTeX");
    assert!(
        en.contains("<mn>0.2</mn><mo>·</mo><mn>1.70</mn>"),
        "arithmetic as MathML"
    );
    // Each lesson links to its translation; each language has its index with a switcher.
    assert!(en.contains("href=\"../zh-CN/relu/index.html\""), "en -> zh");
    assert!(zh.contains("href=\"../../relu/index.html\""), "zh -> en");
    let zh_index = read(&out, "zh-CN/index.html");
    assert!(zh_index.contains("relu/index.html") && zh_index.contains("English"));
    assert!(read(&out, "index.html").contains("简体中文"));
    // Interface words follow the page's language.
    assert!(zh.contains("下载 Jupyter Notebook") && en.contains("Download notebook"));
    // So do the descriptions of figures and diagrams (alt text and the SVG's <desc>).
    assert!(
        en.contains("alt=\"Line chart over Dosage from 0 to 1.")
            && en.contains(
                "(blue line) goes from 0 to 0.85; lowest 0 at Dosage 0, highest 0.85 at Dosage 1."
            )
            && en.contains("alt=\"Network diagram: the input Dosage feeds a hidden layer"),
        "English descriptions"
    );
    assert!(
        zh.contains("alt=\"折线图，横轴为剂量，从 0 到 1。")
            && zh.contains("（蓝线）从 0 变到 0.85；最低 0（剂量 0），最高 0.85（剂量 1）。")
            && zh.contains("alt=\"网络图：输入 剂量 连到隐藏层（ReLU 激活函数）"),
        "Chinese descriptions"
    );
    let zh_svg = read(&out, "zh-CN/relu/step-1.svg");
    assert!(
        zh_svg.contains("<desc id=\"desc\">折线图") && !zh_svg.contains("Line chart"),
        "the Chinese figure's own description"
    );
}

#[test]
fn sitemap_404_and_open_graph_follow_the_base_url() {
    let out = build(Path::new(SHIPPED), Some("https://example.org/nn"));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/nn/relu/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/nn/zh-CN/relu/</loc>"));
    assert!(!sitemap.contains("404"));
    let page = read(&out, "relu/index.html");
    assert!(page.contains("<meta property=\"og:url\" content=\"https://example.org/nn/relu/\">"));
    assert!(
        page.contains("<meta property=\"og:title\" content=\"Understanding ReLU, step by step\">")
    );
    assert!(read(&out, "404.html").contains("href=\"https://example.org/nn/style.css\""));
    // Without a base URL there is no sitemap (its URLs must be absolute).
    let plain = build(Path::new(SHIPPED), None);
    assert!(!plain.path().join("site/sitemap.xml").exists());
    assert!(plain.path().join("site/404.html").exists());
    assert!(plain.path().join("site/favicon.svg").exists());
}

#[test]
fn diagrams_draw_the_network_and_highlight_a_step() {
    let out = build(Path::new(SHIPPED), None);
    let svg = read(&out, "relu/network-top.svg");
    assert!(svg.contains("role=\"img\"") && svg.contains("<title") && svg.contains("<desc"));
    for weight in [
        "w1 = 1.70",
        "w2 = 12.6",
        "w3 = −40.8",
        "w4 = 2.70",
        "b3 = −16",
    ] {
        assert!(svg.contains(weight), "{weight} on the diagram");
    }
    assert!(svg.contains("class=\"edge hl\""), "w3 highlighted");
    assert!(svg.contains("prefers-color-scheme: dark"), "dark colours");
}

#[test]
fn the_notebook_has_the_parameters_first_and_the_code_in_order() {
    let out = build(Path::new(SHIPPED), None);
    let nb: serde_json::Value = serde_json::from_str(&read(&out, "relu/relu.ipynb")).unwrap();
    assert_eq!(nb["nbformat"], 4);
    let cells = nb["cells"].as_array().unwrap();
    let text = |c: &serde_json::Value| {
        c["source"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect::<String>()
    };
    let code: Vec<String> = cells
        .iter()
        .filter(|c| c["cell_type"] == "code")
        .map(text)
        .collect();
    assert!(
        code[0].contains("w1 = 1.70") && code[0].contains("b3 = -16"),
        "{}",
        code[0]
    );
    assert!(
        code[1].contains("import numpy as np"),
        "step 1's code comes first"
    );
    assert_eq!(code.len(), 8, "the parameters and seven steps");
    assert!(
        code.iter().all(|c| !c.contains("{{")),
        "placeholders filled"
    );
    assert!(
        cells
            .iter()
            .any(|c| text(c).contains("0.2 · 1.70 + (−0.85) = −0.51")),
        "the table"
    );
}

#[test]
fn a_latex_error_is_a_build_error_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("content")).unwrap();
    fs::write(
        tmp.path().join("content/m.md"),
        "+++\ntitle = \"Math\"\n+++\n\nThe rule: $\\notacommand{x}$ done.\n",
    )
    .unwrap();
    let Err(error) = nnbook::check(tmp.path()) else {
        panic!("an unknown LaTeX command must fail the build");
    };
    let d = error.first();
    let loc = d.location.as_ref().expect("a location");
    assert_eq!(
        (loc.file.as_str(), loc.line),
        ("content/m.md", 5),
        "{error}"
    );
    assert_eq!(
        loc.column, 12,
        "the command, after `The rule: $` (11 characters): {error}"
    );
    assert!(d.message.starts_with("LaTeX error"), "{error}");
}
