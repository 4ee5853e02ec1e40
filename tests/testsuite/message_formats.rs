//! `--message-format`: `build` and `check` write the same problems, at the same places, for a
//! reader (`human`), an editor's error list (`short`), tools (`json`) and GitHub Actions
//! (`github`); the formats other programs read have standard output to themselves. `check
//! --deny-warnings` makes every warning an error.

use crate::support::{nnbook, run, small, Project, Run};

/// A project with two errors (an unknown activation, an unknown placeholder) and a broken link.
fn broken() -> Project {
    let lesson = small("")
        .replacen("activation = \"relu\"", "activation = \"relux\"", 1)
        .replacen("{{ w1 }}", "{{ w9 }}", 1)
        + "\n[a lesson](missing.md)\n";
    Project::new().lesson("a.md", lesson)
}

/// `nnbook <command...> --root <the project's folder name> --message-format <format>`, run in
/// the folder above the project (so that places are seen from there).
fn run_in_parent(p: &Project, command: &[&str], format: &str) -> Run {
    let name = p.root.file_name().unwrap().to_str().unwrap();
    run(nnbook()
        .args(command)
        .args(["--root", name, "--message-format", format])
        .current_dir(p.root.parent().unwrap()))
}

/// The `file:line:column` of each problem `human` writes (its `--> ` lines), in order.
fn human_places(stderr: &str) -> Vec<String> {
    (stderr.lines())
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_format_writes_the_same_problems_at_the_same_places() {
    let p = broken();
    let name = p.root.file_name().unwrap().to_str().unwrap().to_string();
    let human = run_in_parent(&p, &["check"], "human");
    human.failed();
    let places = human_places(&human.stderr);
    assert_eq!(places.len(), 3, "{}", human.stderr);
    // (Seen from the folder above: the project's folder first.)
    let from_here: Vec<String> = places.iter().map(|p| format!("{name}/{p}")).collect();

    let short = run_in_parent(&p, &["check"], "short");
    short.failed();
    assert_eq!(short.stdout, "");
    let lines: Vec<&str> = short.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{}", short.stderr);
    assert_eq!(lines[3], "2 errors");
    for (line, place) in lines.iter().zip(&from_here) {
        assert!(line.starts_with(&format!("{place}: ")), "{line} at {place}");
    }
    assert!(
        lines[2].contains(": warning: broken link `missing.md`"),
        "{}",
        lines[2]
    );

    let json = run_in_parent(&p, &["check"], "json");
    json.failed();
    assert_eq!(json.stderr, "", "the problems have standard output");
    let objects: Vec<serde_json::Value> = (json.stdout.lines())
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    let json_places: Vec<String> = (objects.iter())
        .map(|o| {
            format!(
                "{}:{}:{}",
                o["file"].as_str().unwrap(),
                o["line"],
                o["column"]
            )
        })
        .collect();
    assert_eq!(json_places, from_here);
    let severities: Vec<&str> = objects
        .iter()
        .map(|o| o["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["error", "error", "warning"]);
    assert_eq!(objects[0]["hint"], "did you mean `w1`?", "{}", objects[0]);
    assert_eq!(objects[1]["hint"], "did you mean `relu`?", "{}", objects[1]);

    let github = run_in_parent(&p, &["build"], "github");
    github.failed();
    assert_eq!(github.stderr, "");
    let kinds: Vec<&str> = (github.stdout.lines())
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["::error", "::error", "::warning"],
        "{}",
        github.stdout
    );
    for (line, place) in github.stdout.lines().zip(&from_here) {
        let mut parts = place.rsplitn(3, ':');
        let (column, line_number, file) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let properties = format!("file={file},line={line_number},col={column}");
        assert!(line.contains(&properties), "{line}: {properties}");
    }
    assert!(!p.site().exists(), "a failed build publishes nothing");
}

/// A run that succeeds with warnings: in a format tools read, standard output holds the
/// warnings alone and the summary line goes to standard error.
#[test]
fn a_run_that_succeeds_keeps_standard_output_for_the_problems() {
    let p = Project::new().lesson("a.md", small("") + "\n[a lesson](missing.md)\n");
    let json = run_in_parent(&p, &["build"], "json");
    json.succeeded();
    let warning: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert_eq!(warning["severity"], "warning");
    assert!(json.stderr.starts_with("built 1 lesson"), "{}", json.stderr);
    assert!(p.site().join("a/index.html").is_file());
    let short = run_in_parent(&p, &["check"], "short");
    short.succeeded();
    assert!(
        short.stderr.contains(": warning: broken link"),
        "{}",
        short.stderr
    );
    assert!(
        short.stdout.starts_with("checked 1 lesson"),
        "{}",
        short.stdout
    );
}

/// `check --deny-warnings` (for a publisher's CI: a broken link fails it) makes each warning an
/// error, in every format, and exits 1; a project without warnings passes.
#[test]
fn deny_warnings_makes_each_warning_an_error() {
    let p = Project::new().lesson("a.md", small("") + "\n[a lesson](missing.md)\n");
    run_in_parent(&p, &["check"], "human").succeeded();
    let denied = |format: &str| run_in_parent(&p, &["check", "--deny-warnings"], format);
    let human = denied("human");
    human.failed().says(&[
        "error: broken link `missing.md`",
        "(an error by `--deny-warnings`)",
        "1 error",
    ]);
    assert!(!human.stderr.contains("warning:"), "{}", human.stderr);
    let github = denied("github");
    github.failed();
    assert!(
        github.stdout.starts_with("::error file="),
        "{}",
        github.stdout
    );
    let clean = Project::new().lesson("a.md", small(""));
    run_in_parent(&clean, &["check", "--deny-warnings"], "human")
        .succeeded()
        .prints(&["no errors, 0 warnings"]);
}

/// `build --deny-warnings` fails on a warning as on an error: exit 1, the warning told as an
/// error, and nothing published (the previous site stays as it was); without a warning it
/// builds.
#[test]
fn build_deny_warnings_publishes_nothing_on_a_warning() {
    use crate::support::tree::{assert_same, snapshot};

    let p = Project::new().lesson("a.md", small(""));
    let build = |p: &Project| {
        run(nnbook()
            .args(["build", "--quiet", "--deny-warnings", "--root"])
            .arg(&p.root))
    };
    build(&p).succeeded();
    let before = snapshot(&p.root);
    let broken = small("") + "\n[a lesson](missing.md)\n";
    std::fs::write(p.root.join("content/a.md"), &broken).unwrap();
    let after_edit = snapshot(&p.root);
    build(&p).failed().says(&[
        "error: broken link `missing.md`",
        "(an error by `--deny-warnings`)",
        "1 error",
    ]);
    assert_same(&after_edit, &snapshot(&p.root), "after a denied build");
    assert_ne!(before, after_edit);
    // Without the flag, the same project builds, with its warning.
    run(nnbook().args(["build", "--root"]).arg(&p.root))
        .succeeded()
        .says(&["warning: broken link `missing.md`"]);
}

/// The shipped lessons and theme give no warning (`nnbook check --deny-warnings` passes on
/// this repository): a broken link or an unused network in them would be published unseen.
#[test]
fn the_shipped_site_has_no_warnings() {
    let site =
        nnbook::check(std::path::Path::new(crate::support::REPO)).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = site.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
    assert_eq!(site.lessons, 7);
}
