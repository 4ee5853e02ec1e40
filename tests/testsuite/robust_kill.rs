//! Nothing lost: a build killed at any moment leaves the previous complete site or the new
//! complete site, never a mix, never nothing.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;

use crate::support::run::run_killed_after;
use crate::support::tree::{assert_same, list, snapshot, write};
use crate::support::{build_at, build_command, small, Project};

/// A copy of the shipped ReLU lesson (seven figures), so that edits to `content/` do not change
/// these tests.
const RELU: &str = include_str!("../fixtures/robust/relu.md");
/// The folders `publish` leaves beside `site/` while it swaps.
const STAGING: &str = ".site.nnbook-staging";
const OLD: &str = ".site.nnbook-old";

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
    // Every page (its figures are inlined) and every lesson's preview figure shows this
    // generation and no other.
    let checked = actual
        .iter()
        .filter(|name| name.ends_with(".html") || name.ends_with("/preview.svg"));
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
    let p = Project::new();
    let (root, site) = (p.root.clone(), p.site());
    write_generation(&root, 0);
    build_at(&root, &site).succeeded();
    // What a full build costs when it replaces a site (the first one had none to delete).
    let again = build_at(&root, &site);
    again.succeeded();
    let full = again.elapsed;
    let base = list(&site);
    assert!(base.contains("lesson-149/preview.svg") && base.contains("gen-0/index.html"));
    let per_lesson = base.iter().filter(|f| f.starts_with("lesson-000/")).count();
    assert_eq!(
        per_lesson, 3,
        "index.html, the notebook and the preview figure"
    );
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
        let (status, stderr) = run_killed_after(&mut build_command(&root, &site), delay);
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
    build_at(&root, &site).succeeded();
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
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    let site = p.site();
    build_at(&p.root, &site).succeeded();
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
    build_at(&p.root, &site).failed();
    assert!(
        site.is_dir(),
        "after the interrupted swap and a failed build there is no site/ (the previous site \
         is only in {OLD}: {})",
        p.root.join(OLD).is_dir()
    );
    assert_same(&previous, &snapshot(&site), "the restored site");
    // And a good build then publishes and cleans up.
    fs::remove_file(p.root.join("content/b.md")).expect("rm");
    build_at(&p.root, &site).succeeded();
    assert!(!p.root.join(OLD).exists() && !p.root.join(STAGING).exists());
}

/// `strace` kills the build at one system call of its swap: on entering the exchange
/// (`renameat2` with `RENAME_EXCHANGE`), the exchange not done; or on entering the `rename` that
/// sets the previous site aside after it (`.site.nnbook-trash`), the exchange done. Either way `site/` is a whole site, the previous or the
/// new one, at every moment, and the next build cleans up. (With two renames, a kill between
/// them left no `site/` at all.) Needs `strace`: `.ci/run` installs it and runs this test.
#[test]
#[ignore = "needs strace (run by .ci/run with --ignored)"]
fn a_kill_at_the_swap_leaves_the_previous_or_the_new_site() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    let site = p.site();
    build_at(&p.root, &site).succeeded();
    let previous = snapshot(&site);
    let edit = |title: &str| {
        let text = small("").replacen("title = \"", &format!("title = \"{title} "), 1);
        write(&p.root.join("content/a.md"), text);
    };
    for (round, (syscall, swapped)) in [("renameat2", false), ("rename", true)].iter().enumerate() {
        let title = format!("Round{round}");
        edit(&title);
        let mut cmd = std::process::Command::new("strace");
        cmd.args(["-f", "-qq", "-o", "/dev/null", "-e"])
            .arg(format!("inject={syscall}:signal=SIGKILL:when=1"))
            .arg(crate::support::run::BIN)
            .args(build_command(&p.root, &site).get_args());
        let out = cmd
            .output()
            .expect("strace runs (install it: apt-get install strace)");
        assert_eq!(
            out.status.signal().or(out.status.code()),
            Some(9),
            "the build was not killed at {syscall}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            site.join("a/index.html").is_file(),
            "no whole site/ after a kill at {syscall}"
        );
        let page = fs::read_to_string(site.join("a/index.html")).expect("read page");
        assert_eq!(page.contains(&title), *swapped, "killed at {syscall}");
        if !swapped {
            assert_same(&previous, &snapshot(&site), "the previous site");
        }
        build_at(&p.root, &site).succeeded();
        assert!(!p.root.join(STAGING).exists() && !p.root.join(OLD).exists());
    }
}

/// Builds of one site at once (a watch script and a hand, two CI steps): they shared the
/// staging and trash folders, and one could empty the published files the other linked (an
/// operator saw 18 empty pages, lessons missing, both builds exiting 0, and the damage kept by
/// every later build). One waits for the other now (`.site.nnbook-lock`): each round's
/// builds all succeed, and the site is the one a build alone makes into a new folder.
#[test]
fn builds_of_one_site_at_once_take_turns() {
    let p = Project::new();
    let (root, site) = (p.root.clone(), p.site());
    let lessons = 40;
    for i in 0..lessons {
        write(
            &root.join(format!("content/lesson-{i:03}.md")),
            generation_lesson(i, 0),
        );
    }
    build_at(&root, &site).succeeded();
    for round in 1..=4 {
        // (One lesson changed: the others are linked from the published site.)
        write(
            &root.join("content/lesson-000.md"),
            generation_lesson(0, round),
        );
        let builds: Vec<_> = (0..3)
            .map(|_| build_command(&root, &site).spawn().expect("spawn"))
            .collect();
        for mut b in builds {
            assert!(b.wait().expect("wait").success(), "round {round}");
        }
        // (A build of its own into a new folder: one beside the site would reuse its damage.)
        let alone = root.join(format!("alone-{round}"));
        build_at(&root, &alone).succeeded();
        assert_same(
            &snapshot(&alone),
            &snapshot(&site),
            &format!("round {round}"),
        );
    }
}
