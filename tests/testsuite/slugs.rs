//! Slugs (and figure ids) cannot name a path outside the output, or a reserved name; two
//! lessons cannot share one.

use crate::support::tree::{assert_same, snapshot};
use crate::support::{marked, small, Project};

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
        // The caret points at the slug's value.
        let (text, at) = marked(&small(&format!("slug = ‸\"{slug}\"\n")));
        let p = Project::with_lessons(&[("ok.md", &small("slug = \"ok\"\n")), (&file, &text)]);
        let before = snapshot(&p.base);
        p.run_build()
            .failed()
            .says(&[&format!("--> content/{name}.md:{at}")]);
        assert_same(&before, &snapshot(&p.base), &format!("slug {slug:?}"));
    }
    // Slugs from file names (no `slug` in the front matter), each told the name it could take,
    // as `nnbook new` names files.
    for (stem, hint) in [
        ("con", "rename the file, or set `slug"),
        (
            "Upper",
            "rename the file `upper.md`, or set `slug = \"upper\"`",
        ),
        ("a b", "rename the file `a-b.md`"),
        ("a.b", "rename the file `a-b.md`"),
        ("Intro_Lesson", "rename the file `intro-lesson.md`"),
        // (Letters beyond ASCII are `new`'s to transliterate, `ueber`: no name is guessed.)
        ("Über", "rename the file, or set `slug"),
    ] {
        let file = format!("{stem}.md");
        // A slug made from the file name points at the start of the file.
        let (text, at) = marked(&format!("‸{}", small("")));
        let p = Project::with_lessons(&[("ok.md", &small("")), (&file, &text)]);
        let before = snapshot(&p.base);
        p.run_build()
            .failed()
            .says(&[&format!("--> content/{stem}.md:{at}"), "slug", hint]);
        assert_same(&before, &snapshot(&p.base), &format!("file {file}"));
    }
    // Figure ids name files too.
    let (text, at) = marked(&small("").replace("id = \"step-1\"", "id = ‸\"../evil\""));
    let p = Project::with_lessons(&[("fig.md", &text)]);
    let before = snapshot(&p.base);
    p.run_build()
        .failed()
        .says(&[&format!("--> content/fig.md:{at}"), "bad figure id"]);
    assert_same(&before, &snapshot(&p.base), "figure id ../evil");
}

#[test]
fn duplicate_slugs_name_both_lessons() {
    let p = Project::with_lessons(&[
        ("first.md", &small("slug = \"same\"\n")),
        ("second.md", &small("slug = \"same\"\n")),
        ("x/dup.md", &small("")),
        ("y/dup.md", &small("")),
    ]);
    let before = snapshot(&p.base);
    p.run_build().failed().says(&[
        "two lessons have the slug `same`",
        "content/first.md",
        "content/second.md",
        "two lessons have the slug `dup`",
        "content/x/dup.md",
        "content/y/dup.md",
    ]);
    assert_same(&before, &snapshot(&p.base), "duplicate slugs");
}

/// A slug claimed by hand (`slug = "leaky"`) that another lesson has from its file name is
/// reported at the `slug =` that claims it, and a part two lessons claim at the later file's
/// `part` (in the order lessons are placed, both went to the lessons that had them first:
/// the slug to `leaky.md`'s first line, the part to `a-part.md`).
#[test]
fn a_slug_or_part_taken_is_reported_where_it_is_claimed() {
    let (claims, at) = marked(&small("slug = ‸\"leaky\"\nseries = \"S\"\npart = 1\n"));
    let part = at.line + 2;
    let p = Project::with_lessons(&[
        ("leaky.md", &small("")),
        ("a-part.md", &small("series = \"S\"\npart = 1\n")),
        ("e6.md", &claims),
    ]);
    let run = p.run_build();
    run.failed().says(&[
        &format!("--> content/e6.md:{at}"),
        &format!("--> content/e6.md:{part}:8"),
        "content/leaky.md has it too",
        "content/a-part.md is part 1 too",
        "2 errors",
    ]);
}

/// A slug or series part two lessons claim is reported with the other problems of one of them
/// (a misspelt signal), in the same run: it was found only once the signal was fixed.
#[test]
fn a_slug_and_part_two_lessons_claim_are_found_beside_other_problems() {
    let claim = "slug = \"same\"\nseries = \"S\"\npart = 1\n";
    let broken = small(claim).replace("signal = \"", "signal = \"x");
    assert_ne!(broken, small(claim), "the lesson has a signal to misspell");
    let p = Project::with_lessons(&[("first.md", &small(claim)), ("second.md", &broken)]);
    p.run_build().failed().says(&[
        "two lessons have the slug `same`",
        "two lessons are part 1 of the series `S`",
        "does not exist",
        "3 errors",
    ]);
}

#[test]
fn headings_never_take_an_id_a_figure_uses() {
    // The figure `step-1` is inlined as `id="figure-step-1"` with its title and description at
    // `figure-step-1-title` and `figure-step-1-desc`; headings with those texts get other ids,
    // before and after the figure: the first free of `-1`, `-2`, ... (as GitHub, Zola and
    // mdBook number a heading's repeats; nnbook began at `-2`). Two headings alike are `intro`
    // and `intro-1`.
    let lesson = small("").replace(
        "The top node has",
        "## Figure step 1\n\n## Figure step 1 title\n\n## Intro\n\n## Intro\n\nThe top node has",
    ) + "\n## Figure step 1 desc\n";
    let p = Project::with_lessons(&[("a.md", &lesson)]);
    p.run_build().succeeded();
    let page = p.read("a/index.html");
    let ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').expect("closed id")])
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "an id is used twice: {ids:?}");
    for id in [
        "figure-step-1-1",
        "figure-step-1-title-1",
        "figure-step-1-desc-1",
        "intro",
        "intro-1",
    ] {
        assert!(ids.contains(&id), "no heading {id}: {ids:?}");
    }
}
