//! In-process benchmarks of each pipeline stage, and of a whole 100-lesson site built in memory.
//!
//! ```sh
//! cargo bench --bench stages
//! ```
//!
//! The lesson benchmarks use the shipped ReLU lesson (`content/relu.md`); the site benchmark
//! uses a 100-lesson project written once per run into `target/tmp/` by the same code as
//! `cargo run --release --example generate -- 100 DIR`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::{black_box, Bencher};
use nnbook::error::SourceFile;
use nnbook::figure;
use nnbook::i18n::Lang;
use nnbook::lesson::{BlockKind, FigureSpec, Lesson, Rgb};
use nnbook::network::train::{train, Loss, TrainingSpec};
use nnbook::network::Signal;
use nnbook::{diagram, page, render, site, Builder};

/// The lessons are rendered in English, with nnbook's own words.
fn en() -> Lang<'static> {
    Lang::built_in("en")
}

// The generator example, shared as a module: only `write_lessons` is used here.
#[allow(dead_code)]
#[path = "../examples/generate.rs"]
mod generate;

fn main() {
    divan::main();
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped ReLU lesson, parsed.
fn relu() -> &'static Lesson {
    static RELU: OnceLock<Lesson> = OnceLock::new();
    RELU.get_or_init(|| {
        let text = std::fs::read_to_string(repo().join("content/relu.md"))
            .expect("content/relu.md is shipped");
        nnbook::lesson::parse(SourceFile::new("content/relu.md", text), "relu")
            .expect("the ReLU lesson parses")
    })
}

fn figure_specs(lesson: &Lesson) -> Vec<&FigureSpec> {
    lesson.figures().collect()
}

/// Every signal of the ReLU network, sampled over the input range with every kink (what the
/// figures of a lesson need, all at once).
#[divan::bench]
fn network_sample_all_signals(bencher: Bencher) {
    let network = relu().network.as_ref().expect("the lesson has a network");
    let signals: Vec<Signal> = network
        .signal_names()
        .iter()
        .filter_map(|name| network.signal(name))
        .collect();
    bencher.bench(|| network.sample(black_box(&signals), black_box(0.01)));
}

/// One signal sampled, as `figure::draw` does twice per figure.
#[divan::bench]
fn network_sample_one_signal(bencher: Bencher) {
    let network = relu().network.as_ref().expect("the lesson has a network");
    let signals = vec![network.signal("output.activation").expect("a signal")];
    bencher.bench(|| network.sample(black_box(&signals), black_box(0.01)));
}

/// The kinks of the ReLU network (part of every `sample`).
#[divan::bench]
fn network_kinks(bencher: Bencher) {
    let network = relu().network.as_ref().expect("the lesson has a network");
    bencher.bench(|| black_box(network).kinks());
}

/// One figure: sample, draw the SVG with plotters, describe, CSV. Step 7 has a legend and data
/// points; step 1 is the plainest.
#[divan::bench(args = ["step-1", "step-7"])]
fn figure_draw(bencher: Bencher, id: &str) {
    let lesson = relu();
    let network = lesson.network.as_ref().expect("the lesson has a network");
    let spec = figure_specs(lesson)
        .into_iter()
        .find(|s| s.id == id)
        .expect("the figure exists");
    bencher.bench(|| figure::draw(black_box(spec), network, en()).expect("the figure draws"));
}

/// Parse and validate the ReLU lesson (front matter, TOML blocks, network).
#[divan::bench]
fn lesson_parse(bencher: Bencher) {
    let source = relu().source.clone();
    bencher
        .with_inputs(|| source.clone())
        .bench_values(|s| nnbook::lesson::parse(s, "relu").expect("the lesson parses"));
}

/// The ReLU lesson's network diagrams (the plain one and the highlighted paths).
#[divan::bench]
fn diagram_draw_all(bencher: Bencher) {
    let lesson = relu();
    let network = lesson.network.as_ref().expect("the lesson has a network");
    let specs: Vec<_> = lesson
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Diagram(spec) => Some(spec),
            _ => None,
        })
        .collect();
    let paths = Rgb::paths(network, lesson.figures());
    bencher.bench(|| {
        specs
            .iter()
            .map(|spec| diagram::draw(black_box(spec), network, &paths, (en(), 2)))
            .collect::<Vec<_>>()
    });
}

/// The ReLU lesson's body to HTML (Markdown, tables, highlighting), its figures already drawn.
#[divan::bench]
fn page_render(bencher: Bencher) {
    let lesson = relu();
    let figures = render::draw_figures(lesson, en()).expect("the figures draw");
    bencher.bench(|| page::render(black_box(lesson), &figures, en()).expect("the page renders"));
}

/// The ReLU lesson rendered without the theme (figures, diagrams, page, notebook): a lesson's
/// work, as `render::render` does it for the site.
#[divan::bench]
fn lesson_render(bencher: Bencher) {
    let lesson = relu();
    bencher.bench(|| render::render(black_box(lesson), en()).expect("the lesson renders"));
}

/// The shipped site (the repository's own `content/`), built in memory by a fresh builder.
#[divan::bench(sample_count = 20)]
fn site_shipped(bencher: Bencher) {
    bencher.bench(|| {
        Builder::new(repo())
            .build()
            .expect("the shipped site builds")
    });
}

/// A 100-lesson project (700 figures), written once per run into Cargo's temporary folder for
/// benchmarks (`target/tmp/`), so that nothing is left in the system's temporary folder.
fn project_100() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stages-100-lessons");
        generate::write_lessons(100, &root).expect("the project is written");
        root
    })
}

/// 100 lessons, 700 figures: load, draw, render and template the whole site in memory (no
/// writing), with a fresh builder so nothing is cached.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn site_100_lessons(bencher: Bencher) {
    let root = project_100();
    bencher.bench(|| {
        let site = Builder::new(root).build().expect("the project builds");
        assert_eq!(site.figures, 700);
        site
    });
}

/// Only the loading stage of the 100-lesson project: find, read, parse and validate.
#[divan::bench(sample_count = 20)]
fn site_100_lessons_load(bencher: Bencher) {
    let root = project_100();
    bencher.bench(|| {
        let loaded = site::load_lessons(root);
        assert!(loaded.is_ok(), "the lessons parse");
        loaded
    });
}

/// The 1-2-1 Softplus network of the backpropagation lesson (`content/backpropagation.md`).
fn backpropagation() -> &'static Lesson {
    static LESSON: OnceLock<Lesson> = OnceLock::new();
    LESSON.get_or_init(|| {
        let text = std::fs::read_to_string(repo().join("content/backpropagation.md"))
            .expect("content/backpropagation.md is shipped");
        nnbook::lesson::parse(
            SourceFile::new("content/backpropagation.md", text),
            "backpropagation",
        )
        .expect("the lesson parses")
    })
}

/// 1,000 steps of gradient descent on the 1-2-1 network over StatQuest's three data points,
/// training b3 alone or all seven weights and biases (the target: at most 1 ms).
#[divan::bench(args = ["b3", "all"])]
fn train_1000_steps(bencher: Bencher, which: &str) {
    let network = backpropagation()
        .network
        .as_ref()
        .expect("the lesson has a network");
    let params: Vec<String> = match which {
        "b3" => vec!["b3".to_string()],
        _ => network.params().map(|p| p.name.clone()).collect(),
    };
    let spec = TrainingSpec {
        data: vec![(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)],
        params,
        loss: Loss::SumOfSquares,
        learning_rate: 0.01,
        start: Vec::new(),
        steps: Some(1000),
        tolerance: None,
        max_steps: 1000,
    };
    bencher.bench(|| {
        let t = train(network, black_box(&spec)).expect("training runs");
        assert_eq!(t.steps.len(), 1000);
        t
    });
}

/// The backpropagation lesson parsed: its training (10 steps) runs at parse time.
#[divan::bench]
fn lesson_parse_with_training(bencher: Bencher) {
    let source = backpropagation().source.clone();
    bencher
        .with_inputs(|| source.clone())
        .bench_values(|s| nnbook::lesson::parse(s, "backpropagation").expect("the lesson parses"));
}
