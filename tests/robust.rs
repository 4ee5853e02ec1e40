//! Trustworthy under faults and hostile input (issue 6).
//!
//! Everything here runs the real `nnbook` binary, so that a crash (a stack overflow, an abort)
//! shows as a signal instead of taking the test harness down, and a hang is caught by a deadline.
//!
//! - Nothing lost: a build killed at any moment leaves the previous complete site or the new
//!   complete site, never a mix, never nothing.
//! - Stale output disappears, and nothing outside the output folder is ever deleted.
//! - Output folders that would overwrite the project are refused.
//! - Slugs cannot name a path outside the output (or a reserved name).
//! - Symbolic links cannot pull files from outside the project, and loops cannot hang the walk.
//! - Front matter and block values never become markup; the SVGs stay well-formed XML.
//! - Every limit is a clear error with file:line:col; deep nesting does not crash; error
//!   messages do not pass control characters to the terminal.
//!
//! Tests marked `#[ignore = "bug: ..."]` assert the right behaviour for a bug found here; run
//! them with `cargo test --test robust -- --ignored`.

#![cfg(unix)]

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_nnbook");
/// A copy of the shipped ReLU lesson (seven figures), so that edits to `content/` do not change
/// these tests.
const RELU: &str = include_str!("fixtures/robust/relu.md");
/// A small valid lesson: a network, a figure and a table.
const SMALL: &str = include_str!("fixtures/robust/small.md");
/// The folders `publish` leaves beside `site/` while it swaps.
const STAGING: &str = ".site.nnbook-staging";
const OLD: &str = ".site.nnbook-old";
/// Longer than any build here takes; a run past it is a hang.
const DEADLINE: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------------------------
// Running the binary.

/// A finished run of `nnbook`.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn describe(&self) -> String {
        format!(
            "{:?} after {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.status,
            self.elapsed,
            self.stdout,
            truncate(&self.stderr, 4000)
        )
    }

    /// Exit code 0 or 1: no signal (stack overflow, abort), no panic.
    fn no_crash(&self) -> &Self {
        assert!(
            matches!(self.status.code(), Some(0 | 1)),
            "nnbook crashed: {}",
            self.describe()
        );
        assert!(
            !self.stderr.contains("panicked"),
            "nnbook panicked: {}",
            self.describe()
        );
        self
    }

    fn succeeded(&self) -> &Self {
        self.no_crash();
        assert!(
            self.status.success(),
            "the build failed: {}",
            self.describe()
        );
        self
    }

    fn failed(&self) -> &Self {
        self.no_crash();
        assert_eq!(
            self.status.code(),
            Some(1),
            "the build should have failed: {}",
            self.describe()
        );
        self
    }

    /// Assert that stderr contains every one of `needles`.
    fn says(&self, needles: &[&str]) -> &Self {
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "stderr does not contain {n:?}: {}",
                self.describe()
            );
        }
        self
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} bytes in all)", &s[..end], s.len())
}

fn nnbook() -> Command {
    Command::new(BIN)
}

/// Run `cmd` to the end, failing the test if it outlives `deadline`.
fn run_within(cmd: &mut Command, deadline: Duration) -> Run {
    fn drain(mut r: impl Read + Send + 'static) -> thread::JoinHandle<String> {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = r.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nnbook");
    let stdout = drain(child.stdout.take().expect("stdout"));
    let stderr = drain(child.stderr.take().expect("stderr"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nnbook did not finish within {deadline:?}: it hangs");
        }
        thread::sleep(Duration::from_millis(2));
    };
    Run {
        status,
        elapsed: start.elapsed(),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

fn run(cmd: &mut Command) -> Run {
    run_within(cmd, DEADLINE)
}

/// `nnbook build --root ROOT --out OUT --quiet`.
fn build(root: &Path, out: &Path) -> Run {
    run(&mut build_command(root, out))
}

fn build_command(root: &Path, out: &Path) -> Command {
    let mut cmd = nnbook();
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .arg("--quiet");
    cmd
}

// ---------------------------------------------------------------------------------------------
// Files.

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// One entry of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

/// The relative paths (with `/`) of the files under `dir`, without reading them.
fn list(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.expect("dir entry");
            let path = entry.path();
            if entry.file_type().expect("file type").is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("under base");
                out.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

/// Every file, folder and link under `dir` (links are recorded, not followed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        for entry in fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("dir entry").path();
            let rel = path.strip_prefix(base).expect("under base").to_path_buf();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.file_type().is_symlink() {
                out.insert(rel, Entry::Link(fs::read_link(&path).expect("read_link")));
            } else if meta.is_dir() {
                out.insert(rel, Entry::Dir);
                walk(base, &path, out);
            } else {
                out.insert(rel, Entry::File(fs::read(&path).expect("read")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The regular files under `dir`: relative path (with `/`) -> bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter_map(|(path, entry)| match entry {
            Entry::File(bytes) => Some((path.to_string_lossy().replace('\\', "/"), bytes)),
            _ => None,
        })
        .collect()
}

/// Assert two snapshots are equal, naming the first differences.
fn assert_same(before: &BTreeMap<PathBuf, Entry>, after: &BTreeMap<PathBuf, Entry>, what: &str) {
    if before == after {
        return;
    }
    let gone: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let new: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    panic!("{what}: gone {gone:?}, new {new:?}, changed {changed:?}");
}

/// A temporary folder `base` holding the project folder `base/project`, so that there is an
/// outside to watch.
struct Project {
    _tmp: tempfile::TempDir,
    base: PathBuf,
    root: PathBuf,
}

impl Project {
    /// A project whose `content/` holds `lessons` (path under `content/`, text).
    fn new(lessons: &[(&str, &str)]) -> Project {
        let tmp = tempfile::tempdir().expect("tempdir");
        let base = tmp.path().canonicalize().expect("canonical temp dir");
        let root = base.join("project");
        fs::create_dir_all(root.join("content")).expect("mkdir content");
        for (rel, text) in lessons {
            write(&root.join("content").join(rel), text);
        }
        Project {
            _tmp: tmp,
            base,
            root,
        }
    }

    fn site(&self) -> PathBuf {
        self.root.join("site")
    }
}

/// The small lesson with `extra` lines added at the top of its front matter.
fn small(extra: &str) -> String {
    SMALL.replacen("+++\n", &format!("+++\n{extra}"), 1)
}

/// A lesson whose text holds one `§` where an error must point: the text without it and the
/// `line:col` (1-based, columns in characters) of the marker.
fn marked(text: &str) -> (String, String) {
    let at = text.find('§').expect("a § marker");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (text.replacen('§', "", 1), format!("{line}:{col}"))
}

// ---------------------------------------------------------------------------------------------
// 1. Nothing lost: a build killed at any moment.

const KILL_LESSONS: usize = 150;
const KILL_ROUNDS: u32 = 25;

/// Lesson `i` of generation `g`: the ReLU lesson with its own slug, order and w1, and every
/// title (the lesson's and its figures') marked `[gen g]`.
fn generation_lesson(i: usize, g: u32) -> String {
    let text = RELU
        .replacen("slug = \"relu\"", &format!("slug = \"lesson-{i:03}\""), 1)
        .replacen("order = 1\n", &format!("order = {i}\n"), 1)
        .replacen(
            "w1 = 1.70",
            &format!("w1 = {:.3}", 1.70 + i as f64 * 0.001),
            1,
        )
        .replace("title = \"", &format!("title = \"[gen {g}] "));
    assert!(text.contains(&format!("slug = \"lesson-{i:03}\"")));
    assert_eq!(text.matches(&format!("[gen {g}]")).count(), 8, "8 titles");
    text
}

/// Write generation `g` of the big project: the 150 lessons, and one more lesson whose slug
/// (`gen-<g>`) changes with the generation, so that the file list tells generations apart too.
fn write_generation(root: &Path, g: u32) {
    for i in 0..KILL_LESSONS {
        write(
            &root.join(format!("content/lesson-{i:03}.md")),
            generation_lesson(i, g),
        );
    }
    write(
        &root.join("content/extra.md"),
        format!(
            "+++\ntitle = \"[gen {g}] Extra\"\nslug = \"gen-{g}\"\norder = 1000\n+++\n\nGeneration {g}.\n"
        ),
    );
}

/// Every `[gen N]` marker in `text`.
fn markers(text: &str) -> BTreeSet<u32> {
    text.match_indices("[gen ")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let end = rest.find(']')?;
            rest[..end].parse().ok()
        })
        .collect()
}

/// Which complete generation `site` holds, or what is wrong with it. `base` is the file list of
/// generation 0.
fn generation_of(site: &Path, base: &BTreeSet<String>) -> Result<u32, String> {
    if !site.is_dir() {
        return Err(format!("{} does not exist", site.display()));
    }
    let actual = list(site);
    let read = |name: &str| fs::read_to_string(site.join(name)).map_err(|e| format!("{name}: {e}"));
    let gens = markers(&read("index.html")?);
    let g = match gens.iter().collect::<Vec<_>>()[..] {
        [g] => *g,
        _ => return Err(format!("index.html shows generations {gens:?}")),
    };
    let expected: BTreeSet<String> = base
        .iter()
        .map(|f| match f.strip_prefix("gen-0/") {
            Some(rest) => format!("gen-{g}/{}", rest.replace("gen-0", &format!("gen-{g}"))),
            None => f.clone(),
        })
        .collect();
    if actual != expected {
        let missing: Vec<_> = expected.difference(&actual).take(5).collect();
        let extra: Vec<_> = actual.difference(&expected).take(5).collect();
        return Err(format!(
            "generation {g}: {} files instead of {}; missing {missing:?}, extra {extra:?}",
            actual.len(),
            expected.len()
        ));
    }
    // Every page, and the last figure of every lesson, shows this generation and no other.
    // (Reading all 1,050 figures every round would double the test's time.)
    let checked = actual
        .iter()
        .filter(|name| name.ends_with(".html") || name.ends_with("/step-7.svg"));
    for name in checked {
        let text = read(name)?;
        let end = if name.ends_with(".html") {
            "</html>"
        } else {
            "</svg>"
        };
        if !text.trim_end().ends_with(end) {
            return Err(format!("{name} is truncated"));
        }
        let must = name.as_str() == "index.html"
            || name.starts_with("lesson-")
            || name.starts_with("gen-");
        let found = markers(&text);
        if found.iter().any(|f| *f != g) || must && found.is_empty() {
            return Err(format!(
                "{name} shows generations {found:?}, the site generation {g}"
            ));
        }
    }
    Ok(g)
}

/// A deterministic pseudo-random sequence (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    /// A number in [0, 1).
    fn next_f64(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn a_killed_build_leaves_the_previous_or_the_new_site_whole() {
    let p = Project::new(&[]);
    let (root, site) = (p.root.clone(), p.site());
    write_generation(&root, 0);
    build(&root, &site).succeeded();
    // What a full build costs when it replaces a site (the first one had none to delete).
    let again = build(&root, &site);
    again.succeeded();
    let full = again.elapsed;
    let base = list(&site);
    assert!(base.contains("lesson-149/step-7.svg") && base.contains("gen-0/index.html"));
    let per_lesson = base.iter().filter(|f| f.starts_with("lesson-000/")).count();
    assert!(per_lesson >= 15, "index.html and 7 figures (SVG and CSV)");
    assert!(
        base.len() > KILL_LESSONS * per_lesson,
        "{} files",
        base.len()
    );
    assert_eq!(generation_of(&site, &base), Ok(0));

    let mut current = 0;
    let mut rng = Lcg(0x6e6e_626f_6f6b);
    let (mut killed_before, mut killed_after, mut finished) = (0, 0, 0);
    for round in 1..=KILL_ROUNDS {
        write_generation(&root, round);
        // Jittered strata: round k is killed somewhere in the k-th 25th of the build's time,
        // so that the end of the build (staging and swapping) is hit as often as the start.
        let delay = full.mul_f64((f64::from(round - 1) + rng.next_f64()) / f64::from(KILL_ROUNDS));
        let mut child = build_command(&root, &site)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn nnbook");
        thread::sleep(delay);
        // SIGKILL; a no-op if the build has already exited.
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let mut stderr = String::new();
        let _ = child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr);
        let state = generation_of(&site, &base);
        let g = match state {
            Ok(g) if g == current || g == round => g,
            other => {
                let old = generation_of(&root.join(OLD), &base);
                let staging = generation_of(&root.join(STAGING), &base);
                panic!(
                    "round {round}: killed after {delay:?} ({status:?}), the site is {other:?} \
                     (expected generation {current} or {round}); {OLD}: {old:?}; \
                     {STAGING}: {staging:?}; stderr: {stderr}"
                );
            }
        };
        if status.success() {
            assert_eq!(g, round, "a finished build published generation {g}");
            finished += 1;
        } else {
            assert_eq!(
                status.signal(),
                Some(9),
                "round {round}: the build failed by itself: {status:?}\n{stderr}"
            );
            if g == round {
                killed_after += 1;
            } else {
                killed_before += 1;
            }
        }
        current = g;
    }
    eprintln!(
        "kill test: full build {full:?}; {killed_before} killed before publishing, \
         {killed_after} killed after, {finished} finished"
    );

    // A normal build afterwards succeeds and cleans up whatever the killed ones left.
    let last = KILL_ROUNDS + 1;
    write_generation(&root, last);
    build(&root, &site).succeeded();
    assert_eq!(generation_of(&site, &base), Ok(last));
    for leftover in [STAGING, OLD] {
        assert!(
            !root.join(leftover).exists(),
            "{leftover} left behind after a normal build"
        );
    }
}

/// A kill between `publish`'s two renames (`site` -> `.site.nnbook-old`, then
/// `.site.nnbook-staging` -> `site`) leaves no `site/` at all, with the complete previous site
/// in `.site.nnbook-old` (reproduced with `strace -e inject=rename:delay_exit=3000000` and a
/// SIGKILL during the delay). The next build must bring that site back, even if it fails;
/// today its `publish` deletes `.site.nnbook-old` first, so a second kill (or a failed build)
/// loses every copy.
#[test]
fn a_swap_killed_between_its_renames_is_recovered_by_the_next_build() {
    let p = Project::new(&[("a.md", &small(""))]);
    let site = p.site();
    build(&p.root, &site).succeeded();
    let previous = snapshot(&site);
    // The state a kill between the two renames leaves: the previous site moved aside, the new
    // one staged (one file stands for it here), no `site/`.
    fs::rename(&site, p.root.join(OLD)).expect("rename site away");
    write(
        &p.root.join(STAGING).join("index.html"),
        "<p>the new site</p>\n",
    );
    // The next build fails (a broken lesson): the previous site must be back in place.
    write(&p.root.join("content/b.md"), "no front matter\n");
    build(&p.root, &site).failed();
    assert!(
        site.is_dir(),
        "after the interrupted swap and a failed build there is no site/ (the previous site \
         is only in {OLD}: {})",
        p.root.join(OLD).is_dir()
    );
    assert_same(&previous, &snapshot(&site), "the restored site");
    // And a good build then publishes and cleans up.
    fs::remove_file(p.root.join("content/b.md")).expect("rm");
    build(&p.root, &site).succeeded();
    assert!(!p.root.join(OLD).exists() && !p.root.join(STAGING).exists());
}

// ---------------------------------------------------------------------------------------------
// 2. Stale files disappear; nothing outside the output is deleted.

#[test]
fn stale_output_disappears_and_nothing_outside_the_output_is_deleted() {
    let p = Project::new(&[
        ("a.md", &small("slug = \"a\"\n")),
        ("b.md", &small("slug = \"b\"\n")),
    ]);
    let out_parent = p.root.join("public");
    let out = out_parent.join("site");
    let sentinels = [
        (p.base.join("outside.txt"), "outside the project\n"),
        (p.root.join("keep.txt"), "in the project root\n"),
        (out_parent.join("keep.txt"), "next to the site\n"),
        (p.root.join("content/notes.txt"), "not a lesson\n"),
    ];
    for (path, text) in &sentinels {
        write(path, text);
    }
    build(&p.root, &out).succeeded();
    for f in ["index.html", "a/index.html", "b/index.html", "b/step-1.svg"] {
        assert!(out.join(f).is_file(), "{f} missing after the first build");
    }
    // A lesson deleted, a figure renamed, a stray file in the output.
    fs::remove_file(p.root.join("content/b.md")).expect("rm b.md");
    write(
        &p.root.join("content/a.md"),
        small("slug = \"a\"\n").replace("id = \"step-1\"", "id = \"renamed\""),
    );
    write(&out.join("stray.txt"), "left in the output by hand\n");
    build(&p.root, &out).succeeded();
    let now: BTreeSet<String> = files(&out).into_keys().collect();
    // The theme adds its own files at the top; the lessons are the folders.
    let folders: BTreeSet<&str> = now
        .iter()
        .filter_map(|f| f.split_once('/'))
        .map(|(d, _)| d)
        .collect();
    assert_eq!(folders, BTreeSet::from(["a"]), "lesson folders: {now:?}");
    assert!(
        !out.join("b").exists(),
        "the deleted lesson's folder is still there"
    );
    for f in [
        "index.html",
        "a/index.html",
        "a/renamed.svg",
        "a/renamed.csv",
    ] {
        assert!(now.contains(f), "{f} missing after the second build");
    }
    for f in ["stray.txt", "a/step-1.svg", "a/step-1.csv"] {
        assert!(!now.contains(f), "the stale {f} is still there");
    }
    for (path, text) in &sentinels {
        assert_eq!(
            fs::read_to_string(path).ok().as_deref(),
            Some(*text),
            "{} was touched",
            path.display()
        );
    }
    let beside: BTreeSet<String> = fs::read_dir(&out_parent)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        beside,
        ["keep.txt", "site"].iter().map(|s| s.to_string()).collect(),
        "leftovers beside the site"
    );
}

/// `build` writes each lesson's files into the staging folder as soon as the lesson is
/// rendered. A lesson that fails only when it is drawn (after others were written) must still
/// leave the previous site as it was and no staging folder behind.
#[test]
fn a_build_failing_while_drawing_leaves_the_previous_site_and_no_staging() {
    let lessons: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("l{i:02}.md"),
                small(&format!("slug = \"l{i:02}\"\n")),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = lessons
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let p = Project::new(&refs);
    build(&p.root, &p.site()).succeeded();
    let before = snapshot(&p.site());
    // Parses, but its figure reaches 1.7e13: an error only when the figure is drawn. The file
    // sorts last, so the other lessons are rendered (and written) first.
    write(
        &p.root.join("content/z.md"),
        small("slug = \"z\"\n").replace("w1 = 1.70", "w1 = 1.7e13"),
    );
    // Change every other lesson, so that a partly written new site would differ.
    for (path, text) in &lessons {
        write(
            &p.root.join("content").join(path),
            text.replace("Small lesson", "Changed lesson"),
        );
    }
    build(&p.root, &p.site())
        .failed()
        .says(&["content/z.md:", "too large to draw"]);
    assert_same(
        &before,
        &snapshot(&p.site()),
        "the site after a failed build",
    );
    let beside: BTreeSet<String> = fs::read_dir(&p.root)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        beside,
        BTreeSet::from(["content".to_string(), "site".to_string()]),
        "leftovers beside the site"
    );
}

/// An output folder that is a link to a folder elsewhere: the build replaces the link, and the
/// folder it pointed to (which nnbook does not own) keeps its files.
#[test]
fn an_output_link_to_a_folder_elsewhere_does_not_delete_that_folder() {
    let p = Project::new(&[("a.md", &small(""))]);
    let elsewhere = p.base.join("elsewhere");
    write(&elsewhere.join("precious.txt"), "precious\n");
    symlink(&elsewhere, p.site()).expect("symlink");
    build(&p.root, &p.site()).succeeded();
    assert!(p.site().join("a/index.html").is_file());
    assert_eq!(
        fs::read_to_string(elsewhere.join("precious.txt"))
            .ok()
            .as_deref(),
        Some("precious\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Output folders that would overwrite the project.

#[test]
fn output_folders_that_would_overwrite_the_project_are_refused() {
    let p = Project::new(&[("a.md", &small(""))]);
    write(&p.base.join("outside.txt"), "outside\n");
    write(&p.root.join("keep.txt"), "root\n");
    write(&p.root.join("templates/extra.css"), "p { color: red; }\n");
    write(&p.root.join("content/sub/b.md"), small("slug = \"b\"\n"));
    symlink(&p.root, p.base.join("link-to-project")).expect("symlink");
    symlink(p.root.join("content"), p.base.join("link-to-content")).expect("symlink");
    let before = snapshot(&p.base);
    let refused: Vec<(Option<&Path>, PathBuf, PathBuf)> = vec![
        (None, p.root.clone(), p.root.clone()),
        (None, p.root.clone(), p.root.join("content")),
        (None, p.root.clone(), p.root.join("content/sub")),
        (None, p.root.clone(), p.root.join("templates")),
        (None, p.root.clone(), p.root.join("..")),
        (None, p.root.clone(), p.base.clone()),
        (None, p.root.clone(), PathBuf::from("/")),
        (None, p.root.clone(), p.base.join("link-to-project")),
        (None, p.root.clone(), p.base.join("link-to-content")),
        (Some(&p.root), PathBuf::from("."), PathBuf::from("..")),
        (Some(&p.root), PathBuf::from("."), PathBuf::from(".")),
        (Some(&p.root), PathBuf::from("."), PathBuf::from("content")),
    ];
    for (cwd, root, out) in &refused {
        let mut cmd = build_command(root, out);
        if let Some(cwd) = cwd {
            cmd.current_dir(cwd);
        }
        let r = run(&mut cmd);
        r.failed().says(&["refusing"]);
        assert_same(
            &before,
            &snapshot(&p.base),
            &format!("--root {} --out {}", root.display(), out.display()),
        );
    }
    // An output that is a file is an error too, and the file stays.
    build(&p.root, &p.root.join("keep.txt"))
        .failed()
        .says(&["not a folder"]);
    assert_same(&before, &snapshot(&p.base), "--out a file");
}

// ---------------------------------------------------------------------------------------------
// 4. Safe slugs.

#[test]
fn unsafe_slugs_are_errors_naming_the_lesson() {
    let long = "a".repeat(101);
    let front_slugs: [(&str, &str); 14] = [
        ("dotdot", "../evil"),
        ("dots", ".."),
        ("absolute", "/abs"),
        ("slash", "a/b"),
        ("backslash", "a\\\\b"),
        ("con", "con"),
        ("nul", "nul"),
        ("lpt1", "lpt1"),
        ("control", "a\\u0001b"),
        ("empty", ""),
        ("upper", "Evil"),
        ("space", "a b"),
        ("unicode", "caf\u{e9}"),
        ("long", &long),
    ];
    for (name, slug) in front_slugs {
        let file = format!("{name}.md");
        let p = Project::new(&[
            ("ok.md", &small("slug = \"ok\"\n")),
            (&file, &small(&format!("slug = \"{slug}\"\n"))),
        ]);
        let before = snapshot(&p.base);
        build(&p.root, &p.site())
            .failed()
            .says(&[&format!("--> content/{name}.md:2:8")]);
        assert_same(&before, &snapshot(&p.base), &format!("slug {slug:?}"));
    }
    // Slugs from file names (no `slug` in the front matter).
    for stem in ["con", "Upper", "a b", "a.b"] {
        let file = format!("{stem}.md");
        let p = Project::new(&[("ok.md", &small("")), (&file, &small(""))]);
        let before = snapshot(&p.base);
        build(&p.root, &p.site())
            .failed()
            .says(&[&format!("--> content/{stem}.md:1:1"), "slug"]);
        assert_same(&before, &snapshot(&p.base), &format!("file {file}"));
    }
    // Figure ids name files too.
    let (text, at) = marked(&small("").replace("id = \"step-1\"", "id = §\"../evil\""));
    let p = Project::new(&[("fig.md", &text)]);
    let before = snapshot(&p.base);
    build(&p.root, &p.site())
        .failed()
        .says(&[&format!("--> content/fig.md:{at}"), "bad figure id"]);
    assert_same(&before, &snapshot(&p.base), "figure id ../evil");
}

#[test]
fn duplicate_slugs_name_both_lessons() {
    let p = Project::new(&[
        ("first.md", &small("slug = \"same\"\n")),
        ("second.md", &small("slug = \"same\"\n")),
        ("x/dup.md", &small("")),
        ("y/dup.md", &small("")),
    ]);
    let before = snapshot(&p.base);
    build(&p.root, &p.site()).failed().says(&[
        "two lessons have the slug `same`",
        "content/first.md",
        "content/second.md",
        "two lessons have the slug `dup`",
        "content/x/dup.md",
        "content/y/dup.md",
    ]);
    assert_same(&before, &snapshot(&p.base), "duplicate slugs");
}

// ---------------------------------------------------------------------------------------------
// 5. Symbolic links and file names.

#[test]
fn links_out_of_the_project_are_not_followed_and_loops_do_not_hang() {
    let p = Project::new(&[("a.md", &small("slug = \"a\"\n"))]);
    let secret_lesson = small("slug = \"secret\"\n").replace("Small lesson", "SECRET-OUTSIDE");
    write(&p.base.join("outside/secret.md"), &secret_lesson);
    write(&p.base.join("outside/secret.css"), "/* SECRET-CSS */\n");
    write(
        &p.root.join("lessons/inner.md"),
        small("").replace("Small lesson", "INNER-LESSON"),
    );
    let content = p.root.join("content");
    symlink(p.base.join("outside/secret.md"), content.join("outside.md")).expect("symlink");
    symlink(p.base.join("outside"), content.join("outside-dir")).expect("symlink");
    symlink("..", content.join("loop")).expect("symlink");
    symlink(".", content.join("self")).expect("symlink");
    symlink("nowhere.md", content.join("dangling.md")).expect("symlink");
    symlink("../lessons/inner.md", content.join("inner.md")).expect("symlink");
    fs::create_dir_all(p.root.join("templates")).expect("mkdir templates");
    symlink(
        p.base.join("outside/secret.css"),
        p.root.join("templates/secret.css"),
    )
    .expect("symlink");
    symlink("..", p.root.join("templates/loop")).expect("symlink");
    let r = run_within(
        &mut build_command(&p.root, &p.site()),
        Duration::from_secs(20),
    );
    r.succeeded().says(&[
        "content/outside.md",
        "outside the project",
        "content/outside-dir",
        "content/loop",
        "content/self",
        "a link to a folder is not followed",
        "content/dangling.md",
    ]);
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}", r.elapsed);
    let site = files(&p.site());
    for (name, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        for secret in ["SECRET-OUTSIDE", "SECRET-CSS"] {
            assert!(!text.contains(secret), "{name} holds {secret}");
        }
    }
    assert!(!site.keys().any(|f| f.starts_with("secret/")));
    // The link to a lesson inside the project is followed.
    let inner = String::from_utf8_lossy(site.get("inner/index.html").expect("inner lesson"));
    assert!(inner.contains("INNER-LESSON"));
    assert!(site.contains_key("a/index.html"));
}

#[test]
fn a_file_name_that_is_not_utf8_is_an_error_not_a_panic() {
    let p = Project::new(&[("ok.md", &small(""))]);
    let content = p.root.join("content");
    fs::write(
        content.join(OsStr::from_bytes(b"bad\xff.md")),
        small("slug = \"bad\"\n"),
    )
    .expect("write");
    let before = snapshot(&p.base);
    build(&p.root, &p.site())
        .failed()
        .says(&["content/bad", "not valid UTF-8"]);
    assert_same(&before, &snapshot(&p.base), "a non-UTF-8 lesson name");

    // The same in templates/.
    let p = Project::new(&[("ok.md", &small(""))]);
    write(
        &p.root
            .join("templates")
            .join(OsStr::from_bytes(b"bad\xfe.css")),
        "p {}\n",
    );
    build(&p.root, &p.site())
        .failed()
        .says(&["templates/bad", "not valid UTF-8"]);

    // A folder name that is not UTF-8 holding a lesson with a good name: no panic.
    let p = Project::new(&[("ok.md", &small(""))]);
    write(
        &p.root
            .join("content")
            .join(OsStr::from_bytes(b"dir\xff"))
            .join("inner.md"),
        small(""),
    );
    build(&p.root, &p.site()).no_crash();
}

// ---------------------------------------------------------------------------------------------
// 6. Escaping: front matter and block values never become markup.

/// A value that would open a script, break out of a double- or single-quoted attribute, start
/// an entity, end a CDATA section and open a comment if it were not escaped.
const ATTACK: &str = "<script>alert(1)</script>\" onmouseover=\"x' onfocus='y' & ]]> <!--";

/// `s` as a TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A project where every front matter and block value that reaches a page or a figure is `v`.
fn hostile_project(v: &str) -> Project {
    let t = toml_str(v);
    let first = format!(
        r#"+++
title = {t}
summary = {t}
slug = "hostile"
order = 1
+++

<div class="note">hi</div>

The input is {{{{ input.label }}}}, named {{{{ input.name }}}}.

## Step for {{{{ input.label }}}}

```python
print("<script>alert(1)</script>")  # {{{{ input.label }}}}
```

```network
input = {{ name = {t}, label = {t}, from = 0.0, to = 1.0, samples = 11 }}

[[layer]]
activation = "relu"
nodes = [
  {{ name = "top", weights = {{ w1 = 1.70 }}, bias = {{ b1 = -0.85 }} }},
]

[output]
label = {t}
weights = {{ w2 = 2.0 }}
bias = {{ b2 = 0.5 }}
```

```parameters
```

```figure source
id = "attack"
title = {t}
x_label = {t}
y_label = {t}
caption = "*Emphasis* and {{{{ input.label }}}}."
series = [
  {{ signal = "top.activation", label = {t} }},
  {{ signal = "output.activation", label = {t} }},
]
points = [[0.5, 1.0]]
points_label = {t}
```

```figure
id = "defaults"
series = [{{ signal = "top.linear" }}]
```

```table
signals = ["top.activation"]
at = [0.0, 1.0]
headers = [{t}, {t}]
```

```table
signals = ["top.linear"]
at = [0.5]
arithmetic = true
```
"#
    );
    let second = format!("+++\ntitle = {t}\nsummary = {t}\nslug = \"second\"\norder = 2\n+++\n\nA second lesson, for the previous and next links.\n");
    let p = Project::new(&[("hostile.md", &first), ("second.md", &second)]);
    write(
        &p.root.join("nnbook.toml"),
        format!("title = {t}\ndescription = {t}\nlanguage = {t}\n"),
    );
    p
}

/// What a minimal HTML tokenizer sees: for every tag, its name and its attribute names; also
/// `<!--` comments and `<!`/`<?` declarations.
fn html_skeleton(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            out.push("<!--".to_string());
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            out.push(rest[..end].to_ascii_lowercase());
            i += end;
            continue;
        }
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1; // a text `<` (only valid HTML if escaped, but not a tag)
            continue;
        }
        // A start tag: name, then attributes.
        let mut j = i + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        let mut tag = format!("<{}", html[i + 1..j].to_ascii_lowercase());
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                j += 1;
                continue;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
                j += 1;
            }
            tag.push(' ');
            tag.push_str(&html[start..j].to_ascii_lowercase());
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    j += 1;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    j += 1;
                } else {
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
        }
        out.push(tag + ">");
        i = j.min(html.len());
    }
    out
}

/// Check that `s` is a well-formed XML document (elements, attributes, text, comments, CDATA,
/// the XML declaration and a doctype; no DTD subsets), with only XML's predefined entities and
/// character references.
fn check_xml(s: &str) -> Result<(), String> {
    fn text_ok(t: &str, at: usize, in_attr: Option<char>) -> Result<(), String> {
        if let Some(c) = t
            .chars()
            .find(|c| (*c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        {
            return Err(format!(
                "control character {c:?} near byte {at}: {:?}",
                truncate(t, 80)
            ));
        }
        if t.contains('<') {
            return Err(format!("a raw `<` near byte {at}: {:?}", truncate(t, 80)));
        }
        if in_attr.is_none() && t.contains("]]>") {
            return Err(format!("a raw `]]>` near byte {at}"));
        }
        if let Some(q) = in_attr {
            if t.contains(q) {
                return Err(format!("an unescaped quote in an attribute near byte {at}"));
            }
        }
        let mut rest = t;
        while let Some(amp) = rest.find('&') {
            let after = &rest[amp + 1..];
            let end = after.find(';').ok_or(format!("a raw `&` near byte {at}"))?;
            let name = &after[..end];
            let ok = matches!(name, "lt" | "gt" | "amp" | "quot" | "apos")
                || name
                    .strip_prefix("#x")
                    .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
                || name
                    .strip_prefix('#')
                    .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
            if !ok {
                return Err(format!("an unknown entity `&{name};` near byte {at}"));
            }
            rest = &after[end + 1..];
        }
        Ok(())
    }
    let is_name = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':');
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some(lt) = rest.find('<') else {
            text_ok(rest, i, None)?;
            if !rest.trim().is_empty() && stack.is_empty() {
                return Err("text after the root element".into());
            }
            break;
        };
        let text = &rest[..lt];
        text_ok(text, i, None)?;
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root element near byte {i}"));
        }
        i += lt;
        let rest = &s[i..];
        let skip = |open: &str, close: &str| -> Result<usize, String> {
            rest[open.len()..]
                .find(close)
                .map(|e| open.len() + e + close.len())
                .ok_or(format!("`{open}` never closed near byte {i}"))
        };
        if rest.starts_with("<!--") {
            let n = skip("<!--", "-->")?;
            if rest[4..n - 3].contains("--") {
                return Err(format!("`--` inside a comment near byte {i}"));
            }
            i += n;
        } else if rest.starts_with("<![CDATA[") {
            i += skip("<![CDATA[", "]]>")?;
        } else if rest.starts_with("<?") {
            i += skip("<?", "?>")?;
        } else if rest.starts_with("<!DOCTYPE") {
            i += skip("<!DOCTYPE", ">")?;
        } else if let Some(close) = rest.strip_prefix("</") {
            let end = close.find('>').ok_or("unclosed end tag")?;
            let name = close[..end].trim_end();
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("`</{name}>` closes {other:?} near byte {i}")),
            }
            i += 2 + end + 1;
        } else {
            let body = &rest[1..];
            let name_len = body.find(|c: char| !is_name(c)).unwrap_or(body.len());
            let name = &body[..name_len];
            if name.is_empty() {
                return Err(format!("a raw `<` near byte {i}"));
            }
            let mut j = 1 + name_len;
            let mut seen = BTreeSet::new();
            loop {
                let r = &rest[j..];
                let trimmed = r.trim_start();
                let ws = r.len() - trimmed.len();
                j += ws;
                if let Some(after) = trimmed.strip_prefix("/>") {
                    let _ = after;
                    j += 2;
                    if stack.is_empty() {
                        roots += 1;
                    }
                    break;
                }
                if trimmed.starts_with('>') {
                    j += 1;
                    if stack.is_empty() {
                        roots += 1;
                    }
                    stack.push(name);
                    break;
                }
                if ws == 0 {
                    return Err(format!(
                        "no space before an attribute of <{name}> near byte {i}"
                    ));
                }
                let an = trimmed.find(|c: char| !is_name(c)).unwrap_or(trimmed.len());
                if an == 0 {
                    return Err(format!("a bad attribute in <{name}> near byte {i}"));
                }
                if !seen.insert(&trimmed[..an]) {
                    return Err(format!("a repeated attribute in <{name}> near byte {i}"));
                }
                let after = trimmed[an..].trim_start();
                let Some(after) = after.strip_prefix('=') else {
                    return Err(format!(
                        "an attribute without a value in <{name}> near byte {i}"
                    ));
                };
                let after = after.trim_start();
                let q = after
                    .chars()
                    .next()
                    .filter(|c| *c == '"' || *c == '\'')
                    .ok_or(format!("an unquoted attribute in <{name}> near byte {i}"))?;
                let end = after[1..].find(q).ok_or("an unclosed attribute value")?;
                text_ok(&after[1..1 + end], i, Some(q))?;
                j = rest.len() - after.len() + 1 + end + 1;
            }
            i += j;
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

#[test]
fn the_xml_checker_catches_what_it_should() {
    assert_eq!(
        check_xml("<?xml version=\"1.0\"?>\n<svg a=\"1\"><t>x &amp; &#39; &#x41;</t><g/></svg>\n"),
        Ok(())
    );
    for bad in [
        "<svg><t>a < b</t></svg>",
        "<svg><t>a & b</t></svg>",
        "<svg><t>]]></t></svg>",
        "<svg a=\"x\" onmouseover=\"y\"\" ></svg>",
        "<svg a=\"<\"></svg>",
        "<svg><t></svg></t>",
        "<svg><t>\u{1}</t></svg>",
        "<svg><!-- a -- b --></svg>",
        "<svg></svg><svg></svg>",
        "<svg><t>&nbsp;</t></svg>",
    ] {
        assert!(check_xml(bad).is_err(), "accepted {bad:?}");
    }
    assert_eq!(
        html_skeleton("<p class=\"a\" title='b'>x</p><img src=x onerror=y>"),
        ["<p class title>", "</p>", "<img src onerror>"]
    );
}

#[test]
fn front_matter_and_block_values_never_become_markup() {
    let p = hostile_project(ATTACK);
    let r = build(&p.root, &p.site());
    r.succeeded();
    let site = files(&p.site());
    // The same project with a harmless value: the markup must have the same shape.
    let benign = hostile_project("Harmless value");
    build(&benign.root, &benign.site()).succeeded();
    let benign_site = files(&benign.site());
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        benign_site.keys().collect::<Vec<_>>()
    );
    let escaped_script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    for (name, bytes) in &site {
        let is_svg = name.ends_with(".svg");
        if !(is_svg || name.ends_with(".html")) {
            continue;
        }
        let text = String::from_utf8(bytes.clone()).expect("UTF-8 output");
        let lower = text.to_ascii_lowercase();
        assert!(
            !lower.contains("<script>alert"),
            "{name} has the value's <script> tag"
        );
        // A comment opened by the value would hide the rest of the page.
        for breakout in ["]]> <!--", "&gt; <!--"] {
            assert!(!text.contains(breakout), "{name} contains {breakout:?}");
        }
        // A quote in text content is harmless; in a tag it must not start an attribute.
        let skeleton = html_skeleton(&text);
        for tag in &skeleton {
            assert!(
                !tag.split(' ').skip(1).any(|a| a.starts_with("on")),
                "{name}: an event handler attribute in {tag}"
            );
        }
        let benign_text = String::from_utf8_lossy(&benign_site[name]);
        assert_eq!(
            skeleton,
            html_skeleton(&benign_text),
            "{name}: the hostile value changed the markup"
        );
        if is_svg {
            check_xml(&text).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
        }
    }
    let page = String::from_utf8_lossy(&site["hostile/index.html"]);
    let index = String::from_utf8_lossy(&site["index.html"]);
    let second = String::from_utf8_lossy(&site["second/index.html"]);
    let svg = String::from_utf8_lossy(&site["hostile/attack.svg"]);
    let defaults_svg = String::from_utf8_lossy(&site["hostile/defaults.svg"]);
    for (what, text) in [
        ("the lesson page", &page),
        ("the index", &index),
        ("the next lesson (previous link)", &second),
        ("the figure", &svg),
        ("the figure with default labels", &defaults_svg),
    ] {
        assert!(
            text.contains(escaped_script),
            "{what} does not show the value escaped"
        );
    }
    // Where the value lands in attributes, its quotes are escaped.
    let in_attribute = nnbook::text::escape(ATTACK);
    assert!(in_attribute.contains("&quot; onmouseover=&quot;x&#39; onfocus=&#39;y"));
    for attribute in ["lang=\"", "content=\"", "alt=\"Line chart over "] {
        assert!(
            page.contains(&format!("{attribute}{in_attribute}")),
            "the lesson page has no {attribute}<escaped value>"
        );
    }
    assert!(
        page.contains("<div class=\"note\">hi</div>"),
        "the author's own HTML in the body was not kept"
    );
    assert!(page.contains("<em>Emphasis</em>"), "the caption's Markdown");
    assert!(
        page.contains(&format!("<th scope=\"col\">{escaped_script}")),
        "the table headers"
    );
}

/// Captions are block values: Markdown formatting is fine, raw HTML must be shown as text (or
/// refused), never passed through as markup.
#[test]
fn raw_html_in_a_caption_is_not_markup() {
    let caption = "C <script>alert(1)</script> <img src=x onerror=alert(1)> *em*";
    let p = Project::new(&[(
        "a.md",
        &small("").replace(
            "caption = \"The top node reaches {{ top.activation @ 1.0 }}.\"",
            &format!("caption = {}", toml_str(caption)),
        ),
    )]);
    let r = build(&p.root, &p.site());
    r.no_crash();
    if r.status.code() == Some(1) {
        r.says(&["content/a.md:"]);
        return;
    }
    let page = fs::read_to_string(p.site().join("a/index.html")).expect("page");
    // (The theme's own `<script src="../copy.js" defer>` is expected.)
    assert!(
        !page.to_ascii_lowercase().contains("<script>alert"),
        "{}",
        figcaption(&page)
    );
    for tag in html_skeleton(&page) {
        assert!(!tag.contains(" onerror"), "{tag} in {}", figcaption(&page));
    }
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("<em>em</em>"), "{}", figcaption(&page));
}

/// The lesson's notebook (`<slug>.ipynb`, if the site has one) copies the title, the summary
/// and the prose with its placeholders filled into Markdown cells, which Jupyter renders as
/// HTML: the values must be escaped there too (the author's own HTML may stay).
#[test]
fn notebook_markdown_cells_do_not_turn_values_into_markup() {
    let p = hostile_project(ATTACK);
    build(&p.root, &p.site()).succeeded();
    for (name, bytes) in files(&p.site()) {
        if !name.ends_with(".ipynb") {
            continue;
        }
        let json = String::from_utf8(bytes).expect("UTF-8 notebook");
        for (i, _) in json.match_indices("\"markdown\"") {
            let cell = &json[i..];
            let cell = &cell[..cell.find("\"cell_type\"").unwrap_or(cell.len())];
            assert!(
                !cell.to_ascii_lowercase().contains("<script>alert"),
                "{name}: a Markdown cell holds the value as markup: {}",
                truncate(cell, 400)
            );
        }
    }
}

fn figcaption(page: &str) -> &str {
    let start = page.find("<figcaption").unwrap_or(0);
    let end = page[start..]
        .find("</figcaption>")
        .map_or(page.len(), |e| start + e + 13);
    &page[start..end]
}

/// A control character in a figure's title or labels must not make its SVG ill-formed XML
/// (XML 1.0 forbids U+0000..U+001F but tab, newline and return): refuse it with an error, or
/// leave it out.
#[test]
fn control_characters_in_figure_text_keep_the_svg_well_formed() {
    let p = Project::new(&[(
        "a.md",
        &small("")
            .replace(
                "title = \"Top node\"",
                "title = \"Top\\u0001node\"\nx_label = \"x\\u0007\"",
            )
            .replace("label = \"ReLU\"", "label = \"ReLU\\u001B[31m\""),
    )]);
    let r = build(&p.root, &p.site());
    r.no_crash();
    if r.status.code() == Some(1) {
        r.says(&["content/a.md:"]);
        return;
    }
    let svg = fs::read_to_string(p.site().join("a/step-1.svg")).expect("svg");
    check_xml(&svg).unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}"));
}

#[test]
fn hostile_node_and_parameter_names_are_rejected() {
    for (name, from, to) in [
        (
            "node",
            "{ name = \"top\",",
            "{ name = §\"<script>alert(1)</script>\",",
        ),
        (
            "quote",
            "{ name = \"top\",",
            "{ name = §\"x\\\" onmouseover=\\\"y\",",
        ),
        ("weight", "{ w1 = 1.70 }", "{ §\"<b>\" = 1.70 }"),
        ("bias", "{ b3 = -16 }", "{ §\"b3 & ]]>\" = -16 }"),
        ("output", "[output]\n", "[output]\nname = §\"<out>\"\n"),
    ] {
        let text = small("");
        assert!(text.contains(from), "{from}");
        let (text, at) = marked(&text.replacen(from, to, 1));
        let file = format!("{name}.md");
        let p = Project::new(&[(&file, &text)]);
        build(&p.root, &p.site())
            .failed()
            .says(&[&format!("--> content/{file}:{at}"), "is not a usable name"]);
    }
}

// ---------------------------------------------------------------------------------------------
// 7. Limits.

/// A one-layer network for the limit cases.
const NETWORK: &str = r#"input = { name = "x", from = 0.0, to = 1.0, samples = 11 }

[[layer]]
activation = "relu"
nodes = [
  { name = "top", weights = { w1 = 1.70 }, bias = { b1 = -0.85 } },
]

[output]
weights = { w3 = 2.0 }
bias = { b3 = 0.5 }
"#;

fn limit_lesson(front: &str, network: &str, blocks: &str) -> String {
    format!("+++\ntitle = \"Limits\"\n{front}+++\n\nSome prose.\n\n```network\n{network}```\n\n{blocks}")
}

/// Build the one lesson `<name>.md` (with a `§` where the error points): it must fail with
/// `message` at that file:line:col, and write nothing.
fn limit_case(name: &str, marked_text: &str, message: &[&str]) {
    let (text, at) = marked(marked_text);
    let file = format!("{name}.md");
    let p = Project::new(&[(&file, &text)]);
    let before = snapshot(&p.base);
    build(&p.root, &p.site())
        .failed()
        .says(message)
        .says(&[&format!("--> content/{file}:{at}")]);
    assert_same(&before, &snapshot(&p.base), name);
}

#[test]
fn a_lesson_over_5_mib_is_refused() {
    let mut text = small("");
    let line = format!("{}\n", "x".repeat(1023));
    while text.len() < 6 * 1024 * 1024 {
        text.push_str(&line);
    }
    let p = Project::new(&[("big.md", &text)]);
    let before = snapshot(&p.base);
    build(&p.root, &p.site())
        .failed()
        .says(&["content/big.md", "larger than 5 MiB"]);
    assert_same(&before, &snapshot(&p.base), "big lesson");
}

#[test]
fn seventeen_series_in_a_figure_are_refused() {
    let series: Vec<&str> = vec!["{ signal = \"top.activation\" }"; 17];
    let block = format!("```figure\nseries = §[{}]\n```\n", series.join(", "));
    limit_case(
        "series",
        &limit_lesson("", NETWORK, &block),
        &["17 series", "too many"],
    );
}

#[test]
fn thirty_three_layers_are_refused() {
    let mut network =
        String::from("input = { name = \"x\", from = 0.0, to = 1.0, samples = 11 }\n");
    for k in 0..33 {
        let mark = if k == 32 { "§" } else { "" };
        network.push_str(&format!(
            "\n{mark}[[layer]]\nactivation = \"relu\"\nnodes = [{{ name = \"n{k}\", weights = {{ w{k} = 1.0 }}, bias = {{ b{k} = 0.0 }} }}]\n"
        ));
    }
    network.push_str("\n[output]\nweights = { wo = 1.0 }\nbias = { bo = 0.0 }\n");
    limit_case(
        "layers",
        &limit_lesson("", &network, ""),
        &["33 hidden layers", "too many"],
    );
}

#[test]
fn three_hundred_nodes_in_a_layer_are_refused() {
    let nodes: Vec<String> = (0..300)
        .map(|k| {
            format!("{{ name = \"n{k}\", weights = {{ w{k} = 1.0 }}, bias = {{ b{k} = 0.0 }} }}")
        })
        .collect();
    let network = format!(
        "input = {{ name = \"x\", from = 0.0, to = 1.0, samples = 11 }}\n\n[[layer]]\nactivation = \"relu\"\nnodes = §[\n{}\n]\n\n[output]\nweights = {{ wo = 1.0 }}\nbias = {{ bo = 0.0 }}\n",
        nodes.join(",\n")
    );
    limit_case(
        "nodes",
        &limit_lesson("", &network, ""),
        &["300 nodes", "too many"],
    );
}

#[test]
fn more_than_10000_parameters_are_refused() {
    // 101 nodes of one weight, then 100 nodes of 101 weights: 202 + 10,200 parameters.
    let first: Vec<String> = (0..101)
        .map(|k| {
            format!("{{ name = \"a{k}\", weights = {{ wa{k} = 1.0 }}, bias = {{ ba{k} = 0.0 }} }}")
        })
        .collect();
    let second: Vec<String> = (0..100)
        .map(|k| {
            let weights: Vec<String> = (0..101).map(|j| format!("w{k}_{j} = 1.0")).collect();
            format!(
                "{{ name = \"b{k}\", weights = {{ {} }}, bias = {{ bb{k} = 0.0 }} }}",
                weights.join(", ")
            )
        })
        .collect();
    let network = format!(
        "input = {{ name = \"x\", from = 0.0, to = 1.0, samples = 11 }}\n\n[[layer]]\nactivation = \"relu\"\nnodes = [\n{}\n]\n\n§[[layer]]\nactivation = \"relu\"\nnodes = [\n{}\n]\n\n[output]\nweights = {{ {} }}\nbias = {{ bo = 0.0 }}\n",
        first.join(",\n"),
        second.join(",\n"),
        (0..100).map(|k| format!("wo{k} = 1.0")).collect::<Vec<_>>().join(", ")
    );
    limit_case(
        "parameters",
        &limit_lesson("", &network, ""),
        &["10000", "weights and biases"],
    );
}

#[test]
fn a_table_of_1001_inputs_is_refused() {
    let at: Vec<String> = (0..1001)
        .map(|k| format!("{}", k as f64 / 1000.0))
        .collect();
    let block = format!(
        "```table\nsignals = [\"top.activation\"]\nat = §[{}]\n```\n",
        at.join(", ")
    );
    limit_case(
        "rows",
        &limit_lesson("", NETWORK, &block),
        &["1001", "too many"],
    );
}

#[test]
fn a_table_of_17_signals_is_refused() {
    let signals = vec!["\"top.linear\""; 17].join(", ");
    let block = format!("```table\nsignals = §[{signals}]\nat = [0.5]\n```\n");
    limit_case(
        "signals",
        &limit_lesson("", NETWORK, &block),
        &["17 signals", "too many"],
    );
}

#[test]
fn precision_13_is_refused() {
    limit_case(
        "front-precision",
        &limit_lesson("precision = §13\n", NETWORK, ""),
        &["precision", "13", "out of range"],
    );
    let block = "```table\nsignals = [\"top.linear\"]\nat = [0.5]\nprecision = §13\n```\n";
    limit_case(
        "table-precision",
        &limit_lesson("", NETWORK, block),
        &["precision", "13", "out of range"],
    );
    let block = "```table\nsignals = [\"top.linear\"]\nat = [0.5]\ninput_precision = §13\n```\n";
    limit_case(
        "input-precision",
        &limit_lesson("", NETWORK, block),
        &["precision", "13", "out of range"],
    );
}

#[test]
fn samples_100001_are_refused() {
    limit_case(
        "samples",
        &limit_lesson(
            "",
            &NETWORK.replace("samples = 11", "samples = §100001"),
            "",
        ),
        &["100001", "out of range"],
    );
}

#[test]
fn ten_thousand_and_one_points_are_refused() {
    let mut points: Vec<String> = (0..10_000)
        .map(|k| format!("[{}, 0.0]", k as f64 / 10_000.0))
        .collect();
    points.push("§[1.0, 0.0]".to_string());
    let block = format!(
        "```figure\nseries = [{{ signal = \"top.activation\" }}]\npoints = [{}]\n```\n",
        points.join(", ")
    );
    limit_case(
        "points",
        &limit_lesson("", NETWORK, &block),
        &["10001", "too many"],
    );
}

/// Build one lesson made of `body` through the binary: exit 0 or 1, never a crash signal (a
/// stack overflow aborts with SIGABRT or SIGSEGV), within the deadline.
fn survives(name: &str, lesson: &str) -> Run {
    let p = Project::new(&[(&format!("{name}.md"), lesson)]);
    let r = run_within(
        &mut build_command(&p.root, &p.site()),
        Duration::from_secs(30),
    );
    assert!(
        r.status.signal().is_none(),
        "{name}: nnbook was killed by signal {:?}: {}",
        r.status.signal(),
        truncate(&r.stderr, 500)
    );
    r.no_crash();
    r
}

fn body_lesson(body: &str) -> String {
    format!("+++\ntitle = \"Deep\"\n+++\n\n{body}\n")
}

#[test]
fn deep_nesting_in_the_markdown_body_does_not_crash() {
    const DEPTH: usize = 100_000;
    let quote = format!("{} deep", ">".repeat(DEPTH));
    let list = format!("{}deep", "- ".repeat(DEPTH));
    let start = Instant::now();
    survives("blockquote", &body_lesson(&quote));
    survives("list", &body_lesson(&list));
    survives("emphasis", &body_lesson(&"*a ".repeat(DEPTH)));
    survives(
        "brackets",
        &body_lesson(&format!("{}x{}", "[".repeat(DEPTH), "]".repeat(DEPTH))),
    );
    survives("html", &body_lesson(&"<div>".repeat(DEPTH)));
    eprintln!("deep Markdown: {:?}", start.elapsed());
}

#[test]
fn deep_nesting_in_toml_is_an_error_not_a_crash() {
    const DEPTH: usize = 100_000;
    let arrays = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let tables = format!("{}1{}", "{ a = ".repeat(DEPTH), " }".repeat(DEPTH));
    survives(
        "front-arrays",
        &format!("+++\ntitle = \"Deep\"\nx = {arrays}\n+++\n"),
    )
    .failed();
    survives(
        "front-tables",
        &format!("+++\ntitle = \"Deep\"\nx = {tables}\n+++\n"),
    )
    .failed();
    survives(
        "block-arrays",
        &limit_lesson("", NETWORK, &format!("```figure\nseries = {arrays}\n```\n")),
    )
    .failed();
}

/// `$...$` math nested 100,000 deep: the LaTeX conversion (math-core) recurses once per level
/// and overflows the stack of the thread rendering the page (`main` with one lesson, a rayon
/// worker with several). 4,000 levels pass, 5,000 abort.
#[test]
fn deep_nesting_in_math_does_not_crash() {
    const DEPTH: usize = 100_000;
    survives(
        "math-braces",
        &body_lesson(&format!("${}x{}$", "{ ".repeat(DEPTH), " }".repeat(DEPTH))),
    );
    survives(
        "math-sqrt",
        &body_lesson(&format!(
            "${}x{}$",
            "\\sqrt{ ".repeat(DEPTH),
            " }".repeat(DEPTH)
        )),
    );
}

/// Error messages quote what the author wrote (a slug, an activation's name, the offending
/// line). A control character there (ESC starts terminal escape sequences that can clear the
/// screen, retitle the window or fake output) must not reach the terminal raw.
#[test]
fn diagnostics_do_not_write_control_characters_to_the_terminal() {
    let cases = [
        ("slug", small("slug = \"a\\u001B[2Jb\"\n")),
        (
            "activation",
            small("").replace(
                "activation = \"relu\"",
                "activation = \"relu\\u001B]0;x\\u0007\"",
            ),
        ),
        (
            "raw",
            small("").replace("activation = \"relu\"", "activation = \"\u{1b}[31mrelu\""),
        ),
    ];
    let mut leaks = Vec::new();
    for (name, text) in cases {
        let file = format!("{name}.md");
        let p = Project::new(&[(&file, &text)]);
        let r = build(&p.root, &p.site());
        r.failed().says(&[&format!("content/{file}:")]);
        let bad: Vec<char> = r
            .stderr
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
            .collect();
        if !bad.is_empty() {
            leaks.push(format!("{name}: {bad:?} in {:?}", r.stderr));
        }
    }
    assert!(
        leaks.is_empty(),
        "control characters on the terminal:\n{}",
        leaks.join("\n")
    );
}
