//! Live reload: edits rebuild and reload open pages, broken edits keep the last good site, and
//! files come and go.

use super::*;

#[test]
fn edits_reload_and_broken_edits_keep_the_last_good_site() {
    let server = Server::start();
    let mut events = server.events();
    let original = server.lesson();

    // A good edit: the page reloads and shows it.
    let edited = retitle(&original, "Bends and sums");
    server.write_lesson(&edited);
    events.expect("reload");
    let page = server.get(PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Bends and sums"), "{}", page.body);
    assert!(!page.body.contains("Getting started"));

    // A broken edit: a failure event with the located diagnostic; the last good page stays.
    let needle = "activation = \"relu\"";
    assert!(
        edited.contains(needle),
        "the starter lesson changed:\n{edited}"
    );
    let broken = edited.replacen(needle, "activation = \"relux\"", 1);
    let at = position_after(&broken[..broken.find("\"relux\"").expect("relux")]);
    server.write_lesson(&broken);
    let failure = events.expect("failure");
    let location = format!("{LESSON}:{at}");
    assert!(
        failure.data.contains(&location),
        "no {location} in:\n{}",
        failure.data
    );
    assert!(failure.data.contains("relux"), "{}", failure.data);
    assert!(
        failure.data.contains("did you mean `relu`"),
        "{}",
        failure.data
    );
    assert!(
        !failure.data.contains(&server.root().display().to_string()),
        "the failure shows the temporary path:\n{}",
        failure.data
    );
    let page = server.get(PAGE);
    assert_eq!(page.status, 200, "the last good site must still be served");
    assert!(page.body.contains("Bends and sums"), "{}", page.body);

    // A page opened while the build is broken learns of the failure at once.
    let mut late = server.events();
    let replay = late.expect("failure");
    assert!(replay.data.contains(&location), "{}", replay.data);

    // Fixed again: reload, on both streams.
    let fixed = retitle(&original, "Fixed again");
    server.write_lesson(&fixed);
    events.expect("reload");
    late.expect("reload");
    let page = server.get(PAGE);
    assert!(page.body.contains("Fixed again"), "{}", page.body);
}

#[test]
fn a_burst_of_saves_is_one_rebuild() {
    let server = Server::start();
    let mut events = server.events();
    let original = server.lesson();
    // Ten saves 5 ms apart, each a different length so that every one is a visible change
    // even where file times are coarse.
    let mut last = String::new();
    for i in 0..10 {
        last = retitle(&original, &format!("Save {}", "!".repeat(i + 1)));
        server.write_lesson(&last);
        thread::sleep(Duration::from_millis(5));
    }
    // The watcher polls every 20 ms and rebuilds only once two polls in a row see the same
    // files; saves 5 ms apart change the files between any two polls, so the whole burst
    // settles into one rebuild. A second one is tolerated: a loaded machine may pause this
    // thread for more than a poll interval between two saves, which legitimately ends the
    // burst early.
    let first = events.expect("reload");
    let more = events.all_within(Duration::from_millis(1500));
    assert!(
        more.len() <= 1,
        "{} events for one burst: {first:?} then {more:?}",
        more.len() + 1
    );
    assert!(more.iter().all(|e| e.name == "reload"), "{more:?}");
    let page = server.get(PAGE);
    assert!(
        page.body.contains("Save !!!!!!!!!!"),
        "the page does not show the last save:\n{}",
        page.body
    );
    assert_eq!(server.lesson(), last);
}

#[test]
fn editor_files_and_reads_trigger_nothing() {
    // A project with a theme file of its own (`nnbook init --theme` writes them).
    let server = Server::start_with(|root| {
        fs::create_dir(root.join("templates")).expect("templates");
        fs::write(
            root.join("templates/lesson.html"),
            theme_file("lesson.html"),
        )
        .expect("write");
    });
    let mut events = server.events();
    let content = server.path("content");
    fs::write(content.join(".getting-started.md.swp"), "swap").expect("swp");
    fs::write(content.join("x.md~"), "backup").expect("backup");
    fs::write(content.join("#getting-started.md#"), "emacs").expect("emacs");
    fs::write(server.path("templates/.base.html.swp"), "swap").expect("template swp");
    // vim's write probe (created and removed), and files in content/ that are not lessons.
    for probe in ["content/4913", "templates/4913", "content/5036"] {
        fs::write(server.path(probe), "").expect("probe");
        fs::remove_file(server.path(probe)).expect("remove probe");
    }
    fs::write(server.path("content/notes.txt"), "my notes").expect("notes");
    fs::write(server.path("content/data.csv"), "x,y\n").expect("csv");
    let _ = server.lesson();
    let _ = fs::read(server.path("templates/lesson.html")).expect("read template");
    assert_eq!(server.get(PAGE).status, 200);
    let seen = events.all_within(Duration::from_millis(500));
    assert!(seen.is_empty(), "events without a change: {seen:?}");

    // The stream is still live: a real change does arrive.
    let edited = retitle(&server.lesson(), "Still watching");
    server.write_lesson(&edited);
    events.expect("reload");
}

#[test]
fn lessons_and_theme_files_come_and_go() {
    let server = Server::start();
    let mut events = server.events();

    // A new lesson: on the index and served.
    let second = retitle(&server.lesson(), "Second lesson");
    fs::write(server.path("content/second.md"), &second).expect("write");
    events.expect("reload");
    let page = server.get("/second/index.html");
    assert_eq!(page.status, 200, "{page:?}");
    assert!(page.body.contains("Second lesson"));
    assert!(server.get("/").body.contains("second/index.html"));

    // A theme file: `templates/`, made while serving, is watched too; the file overrides the
    // built-in one, and when it goes the built-in one is back.
    fs::create_dir(server.path("templates")).expect("templates");
    let css = server.path("templates/style.css");
    let mut style = theme_file("style.css").to_string();
    style.push_str("\n.nnbook-test-marker { color: red; }\n");
    fs::write(&css, &style).expect("write css");
    events.expect("reload");
    assert!(server.get("/style.css").body.contains("nnbook-test-marker"));
    fs::remove_file(&css).expect("remove css");
    events.expect("reload");
    let built_in = server.get("/style.css").body;
    assert!(built_in.contains(".nn-figure") && !built_in.contains("nnbook-test-marker"));

    // A removed lesson is no longer served.
    fs::remove_file(server.path("content/second.md")).expect("remove");
    events.expect("reload");
    assert_eq!(server.get("/second/index.html").status, 404);
    assert!(!server.get("/").body.contains("second/index.html"));
}

#[test]
fn a_server_started_on_a_broken_project_reports_and_recovers() {
    let server = Server::start_with(|root| {
        let path = root.join(LESSON);
        let text = fs::read_to_string(&path).expect("read");
        let broken = text.replacen("activation = \"relu\"", "activation = \"relux\"", 1);
        assert_ne!(broken, text, "the starter lesson changed");
        fs::write(&path, broken).expect("write");
    });
    // Nothing built yet: every page is missing, with the reload script so that the error
    // shows in the browser.
    let index = server.get("/");
    assert_eq!(index.status, 404, "{index:?}");
    assert!(index.body.contains("/__nnbook/events"));
    let mut events = server.events();
    let failure = events.expect("failure");
    assert!(failure.data.contains("relux"), "{}", failure.data);

    let fixed = server.lesson().replacen("\"relux\"", "\"relu\"", 1);
    server.write_lesson(&fixed);
    events.expect("reload");
    assert_eq!(server.get(PAGE).status, 200);
    assert_eq!(server.get("/").status, 200);
}

/// One lesson broken while another is edited, then fixed as it was: every page and figure is
/// served. (The failed build renders the edited lesson to find its problems too; the next build
/// reuses that rendering, so what it kept must be whole.)
#[test]
fn a_lesson_broken_and_fixed_beside_others_keeps_all_served() {
    let server = Server::start_with(|root| {
        let lesson = fs::read_to_string(root.join(LESSON)).expect("read");
        // All of order 10, so by slug: fourth, getting-started, second, third. Third's
        // neighbours do not involve getting-started.
        for name in ["second", "third", "fourth"] {
            let text = retitle(&lesson, &format!("Lesson {name}"));
            fs::write(root.join(format!("content/{name}.md")), text).expect("write");
        }
    });
    assert_eq!(server.get("/third/index.html").status, 200);
    let mut events = server.events();
    let good = server.lesson();
    server.write_lesson(&good.replacen("+++", "+++\nnot toml", 1));
    events.expect("failure");
    // While getting-started is broken, third is edited: the failed build renders it anew.
    let third = server.path("content/third.md");
    let text = fs::read_to_string(&third).expect("read third");
    let temporary = third.with_file_name(".third.md.tmp");
    fs::write(&temporary, text.replace("Lesson third", "Lesson three")).expect("write");
    fs::rename(&temporary, &third).expect("rename");
    events.expect("failure");
    server.write_lesson(&good);
    events.expect("reload");
    for page in [
        PAGE,
        "/second/index.html",
        "/third/index.html",
        "/third/preview.svg",
    ] {
        let r = server.get(page);
        assert_eq!(r.status, 200, "{page}: {r:?}");
    }
    assert!(server
        .get("/third/index.html")
        .body
        .contains("Lesson three"));
}
