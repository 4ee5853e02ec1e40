//! Save-to-reloaded time of `nnbook serve`: how long after a lesson is saved does an open page
//! have the new content?
//!
//! ```sh
//! cargo build --release        # the server binary, target/release/nnbook
//! cargo bench --bench reload
//! ```
//!
//! The benchmark runs the real server (`nnbook serve --port 0`) on a temporary project made by
//! `nnbook init`, listens to its event stream like a page does, and 20 times: changes a weight
//! of a lesson (alternating between two values), waits for `event: reload`, then fetches the
//! page and checks that it shows the new value. It prints min / median / max of the whole
//! round trip, the median of its first part (save to event) and the median build time the
//! server itself reports (`built 1 lesson (1 rendered) in X ms`).
//!
//! Three projects: the starter lesson alone; the starter plus the shipped ReLU lesson
//! (`content/relu.md`, seven figures), editing the ReLU lesson; and 100 copies of the ReLU
//! lesson, editing one of them (only that lesson is rendered again, but every lesson is parsed).
//!
//! The binary is the one `cargo bench` builds for this benchmark (`CARGO_BIN_EXE_nnbook`), or
//! else `target/release/nnbook` next to this benchmark's executable; if neither exists the
//! benchmark says so and exits successfully.
//!
//! Most of the round trip is the server's polling: a change is seen at the next 20 ms poll and
//! built once a second poll agrees, so expect roughly 20 to 45 ms plus the build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

// The `nnbook serve` harness of `tests/testsuite/serve/`; the tests use other parts of it.
#[allow(dead_code)]
#[path = "../tests/support/serve.rs"]
mod harness;
use harness::Server;

/// Measured saves per project.
const SAVES: usize = 20;
/// Saves before measuring (first-build effects, page cache, connection setup).
const WARMUP: usize = 2;

fn main() -> ExitCode {
    let Some(bin) = binary() else {
        println!(
            "reload benchmark skipped: no nnbook binary found.\n\
             Build it first with `cargo build --release` (expected at target/release/nnbook)."
        );
        return ExitCode::SUCCESS;
    };
    println!("nnbook binary: {}", bin.display());
    warn_if_stale(&bin);
    println!(
        "save -> `event: reload` -> GET of the page with the new value; {SAVES} saves each (ms)\n"
    );
    println!(
        "{:<34} {:>7} {:>7} {:>7}   {:>12} {:>13}",
        "project", "min", "median", "max", "to event", "server build"
    );
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relu = fs::read_to_string(repo.join("content/relu.md")).ok();

    run(
        &bin,
        "starter lesson",
        |_| {},
        "content/getting-started.md",
        "/getting-started/index.html",
    );
    match &relu {
        Some(relu) => {
            run(
                &bin,
                "starter + ReLU lesson (edit ReLU)",
                |root| write(root, "content/relu.md", relu),
                "content/relu.md",
                "/relu/index.html",
            );
            run(
                &bin,
                "100 ReLU lessons (edit one)",
                |root| {
                    for i in 0..100 {
                        let text =
                            relu.replacen("slug = \"relu\"", &format!("slug = \"relu-{i:03}\""), 1);
                        write(root, &format!("content/relu-{i:03}.md"), &text);
                    }
                },
                "content/relu-050.md",
                "/relu-050/index.html",
            );
        }
        None => println!("(content/relu.md not found: the ReLU projects are skipped)"),
    }
    ExitCode::SUCCESS
}

/// The server binary: the one cargo built for this benchmark, else `target/release/nnbook`.
fn binary() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = option_env!("CARGO_BIN_EXE_nnbook") {
        candidates.push(PathBuf::from(p));
    }
    // This executable is target/release/deps/reload-<hash>.
    if let Ok(exe) = std::env::current_exe() {
        if let Some(release) = exe.parent().and_then(Path::parent) {
            candidates.push(release.join(format!("nnbook{}", std::env::consts::EXE_SUFFIX)));
        }
    }
    candidates.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/release")
            .join(format!("nnbook{}", std::env::consts::EXE_SUFFIX)),
    );
    candidates.into_iter().find(|p| p.is_file())
}

/// Say so when a source file is newer than the binary.
fn warn_if_stale(bin: &Path) {
    let Ok(built) = fs::metadata(bin).and_then(|m| m.modified()) else {
        return;
    };
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let newer = fs::read_dir(&src)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .any(|t| t > built);
    if newer {
        println!("warning: src/ is newer than the binary; run `cargo build --release` first");
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(&path, text).expect("write");
}

/// One project: start a server, save the lesson `SAVES` times, print the statistics.
fn run(bin: &Path, name: &str, prepare: impl FnOnce(&Path), lesson: &str, page: &str) {
    let server = Server::launch(bin, prepare);
    let path = server.path(lesson);
    let original = fs::read_to_string(&path).expect("read lesson");
    let Some(w1) = weight(&original) else {
        println!("{name:<34} skipped: no `{{ w1 = ... }}` in {lesson}");
        return;
    };
    let mut events = server.events();
    if server.get(page).status != 200 {
        println!("{name:<34} skipped: {page} is not served (does the project build?)");
        return;
    }

    // Two values the page cannot show by accident, with the same length (a save is seen by its
    // modification time alone).
    let values = ["2.0625", "2.9375"];
    let mut total = Vec::new();
    let mut to_event = Vec::new();
    for i in 0..WARMUP + SAVES {
        let (new, old) = (values[i % 2], values[(i + 1) % 2]);
        let text = original.replacen(&w1, &format!("{{ w1 = {new} }}"), 1);
        // Let the previous save's build settle and its events drain.
        thread::sleep(Duration::from_millis(60));
        events.drain();

        let start = Instant::now();
        fs::write(&path, &text).expect("save the lesson");
        events.expect("reload");
        let event = start.elapsed();
        let response = server.get(page);
        let done = start.elapsed();
        assert_eq!(response.status, 200, "{page} after save {i}");
        assert!(
            response.body.contains(new) && !response.body.contains(old),
            "{page} does not show w1 = {new} after save {i}"
        );
        if i >= WARMUP {
            total.push(done);
            to_event.push(event);
        }
    }
    thread::sleep(Duration::from_millis(60));
    let builds = server.build_times();
    let builds = &builds[builds.len().saturating_sub(SAVES)..];
    let mut build_ms: Vec<f64> = builds.to_vec();
    build_ms.sort_by(f64::total_cmp);
    total.sort();
    to_event.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{:<34} {:>7.1} {:>7.1} {:>7.1}   {:>12.1} {:>13}",
        name,
        ms(total[0]),
        ms(total[total.len() / 2]),
        ms(total[total.len() - 1]),
        ms(to_event[to_event.len() / 2]),
        build_ms
            .get(build_ms.len() / 2)
            .map_or_else(|| "-".to_string(), |b| format!("{b:.1}")),
    );
}

/// The `{ w1 = ... }` table of a lesson, as written.
fn weight(text: &str) -> Option<String> {
    let start = text.find("{ w1 = ")?;
    let end = start + text[start..].find('}')? + 1;
    Some(text[start..end].to_string())
}
