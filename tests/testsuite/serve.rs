//! `nnbook serve`, end to end: the real binary serves a project made by `nnbook init`, over a
//! raw TCP client (so that request targets reach the server exactly as written), and reloads
//! open pages through server-sent events when a lesson changes.
//!
//! Every test starts its own server on `--port 0` in its own temporary project, so the tests
//! run in parallel and never collide on a port. The server is killed when its guard drops,
//! even when an assertion fails; its output is then printed to help the diagnosis.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::Duration;

use crate::support::position::position_after;
use crate::support::run::BIN;
// The server under test (the harness is shared with `benches/reload.rs`).
use crate::support::serve::{connect, request, Server};
use nnbook::serve::{MAX_CONNECTIONS, REQUEST_DEADLINE};

const LESSON: &str = "content/getting-started.md";
const PAGE: &str = "/getting-started/index.html";

// ---------------------------------------------------------------------------------------------

impl Server {
    fn start() -> Server {
        Server::start_with(|_| {})
    }

    /// Start the server after `prepare` changed the fresh project.
    fn start_with(prepare: impl FnOnce(&Path)) -> Server {
        Server::launch(Path::new(BIN), prepare)
    }

    fn lesson(&self) -> String {
        fs::read_to_string(self.path(LESSON)).expect("read lesson")
    }

    /// Save the lesson the way most editors do: a temporary file beside it (a name the watcher
    /// ignores), renamed over it. A plain `fs::write` truncates first, and on a loaded machine
    /// this thread can be paused between the truncation and the write for longer than the
    /// watcher's two polls: the server then rightly builds the empty file, and a test expecting
    /// `reload` sees `failure`.
    fn write_lesson(&self, text: &str) {
        let path = self.path(LESSON);
        let temporary = path.with_file_name(".getting-started.md.tmp");
        fs::write(&temporary, text).expect("write lesson");
        fs::rename(&temporary, &path).expect("rename lesson");
    }
}

/// The starter lesson with another title.
fn retitle(text: &str, title: &str) -> String {
    let old = "title = \"Getting started\"";
    assert!(text.contains(old), "the starter lesson changed:\n{text}");
    text.replacen(old, &format!("title = \"{title}\""), 1)
}

// ---------------------------------------------------------------------------------------------

#[test]
fn serves_pages_figures_and_assets() {
    let server = Server::start();

    let index = server.get("/");
    assert_eq!(index.status, 200, "{index:?}");
    assert!(index.content_type().starts_with("text/html"), "{index:?}");
    assert!(
        index.body.contains("/__nnbook/events"),
        "no live reload: {}",
        index.body
    );
    assert!(
        index.body.contains("getting-started/index.html"),
        "{}",
        index.body
    );
    assert_eq!(index.header("cache-control"), Some("no-store"));

    let page = server.get(PAGE);
    assert_eq!(page.status, 200, "{page:?}");
    assert!(page.content_type().starts_with("text/html"));
    assert!(page.body.contains("Getting started"), "{}", page.body);
    assert!(page.body.contains("/__nnbook/events"));
    // The script goes inside the body, once.
    assert_eq!(page.body.matches("new EventSource").count(), 1);
    let script = page.body.find("new EventSource").expect("script");
    assert!(script < page.body.rfind("</body>").expect("</body>"));

    // The folder URL serves the same page.
    let folder = server.get("/getting-started/");
    assert_eq!(folder.status, 200);
    assert_eq!(folder.body, page.body);

    let svg = server.get("/getting-started/preview.svg");
    assert_eq!(svg.status, 200, "{svg:?}");
    assert_eq!(svg.content_type(), "image/svg+xml");
    assert!(svg.body.contains("<svg"), "{}", svg.body);
    assert!(
        !svg.body.contains("__nnbook"),
        "the script must go into HTML only"
    );

    // A figure's data travel inside the page.
    assert!(page.body.contains("href=\"data:text/csv;charset=utf-8,x,"));
    let notebook = server.get("/getting-started/getting-started.ipynb");
    assert_eq!(notebook.status, 200, "{notebook:?}");
    assert_eq!(notebook.content_type(), "application/x-ipynb+json");

    let css = server.get("/style.css");
    assert_eq!(css.status, 200, "{css:?}");
    assert!(css.content_type().starts_with("text/css"), "{css:?}");

    // A query string does not change what is served.
    assert_eq!(server.get("/style.css?v=2").body, css.body);

    let redirect = server.get("/getting-started");
    assert_eq!(redirect.status, 301, "{redirect:?}");
    assert_eq!(redirect.header("location"), Some("/getting-started/"));

    let missing = server.get("/no-such-lesson/index.html");
    assert_eq!(missing.status, 404);
    assert!(missing.content_type().starts_with("text/html"));
}

#[test]
fn traversal_and_malformed_requests_are_refused() {
    let server = Server::start();
    // Files that exist next to, or far above, the site: none may be served.
    fs::write(server.path("Cargo.toml"), "[package]\nsecret = true\n").expect("write");
    for target in [
        "/../Cargo.toml",
        "/../nnbook.toml",
        "/getting-started/../../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/Cargo.toml",
        "/..%2f..%2fetc/passwd",
        "/..%2fCargo.toml",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/%5c..%5cx",
        "/..\\Cargo.toml",
        "/%00",
        "/%zz",
        "/content/getting-started.md",
        "/templates/base.html",
        "/nnbook.toml",
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 404, "{target} gave {r:?}");
        assert!(!r.body.contains("secret"), "{target} leaked a file");
        assert!(!r.body.contains("root:"), "{target} leaked /etc/passwd");
    }

    // A request line longer than the server reads.
    let long = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(20 * 1024));
    let r = request(server.port, long.as_bytes());
    assert_eq!(r.status, 414, "{r:?}");

    for bad in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET /\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\n\r\n",
        b"GET / FTP/1.0\r\n\r\n",
        b"\r\n",
    ] {
        let r = request(server.port, bad);
        assert_eq!(
            r.status,
            400,
            "{:?} gave {r:?}",
            String::from_utf8_lossy(bad)
        );
    }
    let r = request(server.port, b"POST / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 405, "{r:?}");

    // A client that connects and sends nothing does not block the others.
    let _idle = connect(server.port);

    // Still serving.
    let index = server.get("/");
    assert_eq!(index.status, 200, "{index:?}");
    assert!(index.body.contains("/__nnbook/events"));
}

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
    let server = Server::start();
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

    // A theme file: the project's templates are watched too.
    let css = server.path("templates/style.css");
    let mut style = fs::read_to_string(&css).expect("read css");
    style.push_str("\n.nnbook-test-marker { color: red; }\n");
    fs::write(&css, &style).expect("write css");
    events.expect("reload");
    assert!(server.get("/style.css").body.contains("nnbook-test-marker"));

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

/// 200 clients fetch pages at once while the lesson is saved again and again: every response
/// is complete (its `Content-Length`, a whole page) and consistent (one build's title in the
/// page's `<title>` and heading, never a mix), and the server's memory stays bounded.
#[test]
fn two_hundred_clients_during_repeated_saves_get_whole_pages() {
    const CLIENTS: usize = 200;
    const REQUESTS: usize = 10;
    let server = Server::start();
    let port = server.port;
    let original = server.lesson();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| {
            thread::spawn(move || {
                let targets = [PAGE, "/", "/getting-started/preview.svg", "/style.css"];
                for r in 0..REQUESTS {
                    let target = targets[(i + r) % targets.len()];
                    let response = request(
                        port,
                        format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
                    );
                    assert_eq!(response.status, 200, "{target}");
                    let length: usize = response
                        .header("content-length")
                        .and_then(|l| l.parse().ok())
                        .expect("a Content-Length");
                    assert_eq!(response.body.len(), length, "{target}: the whole body");
                    if target == PAGE {
                        let body = &response.body;
                        assert!(body.trim_end().ends_with("</html>"), "a whole page");
                        let title = body
                            .split("<h1>")
                            .nth(1)
                            .and_then(|h| h.split("</h1>").next())
                            .expect("a heading");
                        assert!(
                            body.contains(&format!("<title>{title} · ")),
                            "the <title> and the heading come from one build: {title}"
                        );
                    }
                }
            })
        })
        .collect();
    for generation in 0..15 {
        server.write_lesson(&retitle(&original, &format!("Generation {generation}")));
        thread::sleep(Duration::from_millis(60));
    }
    for client in clients {
        client
            .join()
            .expect("every client got whole, consistent pages");
    }
    // The server still answers, and its memory is bounded (it holds one site, not one per
    // client or per build).
    assert_eq!(server.get(PAGE).status, 200);
    // (Measured where /proc tells it.)
    #[cfg(target_os = "linux")]
    {
        let status = fs::read_to_string(format!("/proc/{}/status", server.child.id()))
            .expect("the server's /proc status");
        let kb = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or_else(|| panic!("no VmRSS in the server's status:\n{status}"));
        assert!(kb < 200 * 1024, "the server uses {kb} kB after the load");
    }
}

/// A page that does not exist gets the site's own 404 page (it was a built-in stub).
#[test]
fn a_missing_page_gets_the_sites_404_page() {
    let server = Server::start_with(|root| {
        let page = root.join("templates/404.html");
        let text = fs::read_to_string(&page).expect("read 404 template");
        let text = text.replace("<h1>", "<h1 class=\"project-404\">");
        fs::write(&page, text).expect("write 404 template");
    });
    for target in ["/nope", "/getting-started/nope.svg", "/../x"] {
        let r = server.get(target);
        assert_eq!(r.status, 404, "{target}: {r:?}");
        assert!(r.body.contains("project-404"), "{target}: {}", r.body);
        assert!(
            r.body.contains("/__nnbook/events"),
            "live reload in the 404 page"
        );
    }
}

/// A missing page in a language's folder gets that language's 404 page.
#[test]
fn a_missing_page_in_a_languages_folder_gets_its_404_page() {
    let server = Server::start_with(|root| {
        let lesson = fs::read_to_string(root.join("content/getting-started.md")).expect("lesson");
        fs::write(root.join("content/getting-started.zh-CN.md"), lesson).expect("write");
    });
    let zh = server.get("/zh-CN/nope/deeper");
    assert_eq!(zh.status, 404, "{zh:?}");
    assert!(zh.body.contains("<html lang=\"zh-CN\">") && zh.body.contains("找不到页面"));
    let en = server.get("/nope");
    assert_eq!(en.status, 404, "{en:?}");
    assert!(en.body.contains("<html lang=\"en\">"), "{}", en.body);
}

/// A client that sends its request one byte at a time is cut off when the whole request has
/// taken [`REQUEST_DEADLINE`] (it used to keep its connection, and a thread, forever).
#[test]
fn a_slow_request_is_cut_off_at_the_deadline() {
    use std::io::{Read, Write};
    use std::time::Instant;
    let server = Server::start();
    let mut stream = connect(server.port);
    stream
        .set_read_timeout(Some(REQUEST_DEADLINE * 3))
        .expect("timeout");
    let mut writer = stream.try_clone().expect("clone");
    let start = Instant::now();
    let drip = thread::spawn(move || {
        let _ = writer.write_all(b"GET / HTTP/1.1\r\n");
        for _ in 0..(REQUEST_DEADLINE.as_secs() * 3) {
            thread::sleep(Duration::from_millis(500));
            if writer.write_all(b"X").is_err() {
                break;
            }
        }
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let took = start.elapsed();
    assert!(
        took >= REQUEST_DEADLINE - Duration::from_secs(1) && took < REQUEST_DEADLINE * 2,
        "closed after {took:?}"
    );
    assert!(
        answer.starts_with(b"HTTP/1.1 408"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    drop(stream);
    let _ = drip.join();
}

/// At most [`MAX_CONNECTIONS`] connections are served at once, each by a thread: more idle
/// clients do not make more threads, and a request beyond the limit waits until the deadline
/// frees a slot (it used to get a thread of its own, with no cap).
#[test]
fn connections_beyond_the_limit_wait_for_a_slot() {
    use std::time::Instant;
    let server = Server::start();
    let threads = || -> usize {
        let status = fs::read_to_string(format!("/proc/{}/status", server.child.id()))
            .expect("the server's /proc status (Linux)");
        status
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("a thread count")
    };
    let before = threads();
    let opened = Instant::now();
    let idle: Vec<_> = (0..MAX_CONNECTIONS + 20)
        .map(|_| connect(server.port))
        .collect();
    // The server takes the clients in as it gets to them (slowly on a loaded machine). Count its
    // threads until every slot is taken, and only while no idle client can have been cut off yet:
    // after that, a thread that has given back its slot may still be counted beside the one
    // taking the slot over.
    let until = opened + REQUEST_DEADLINE * 8 / 10;
    let mut most = threads();
    while most < before + MAX_CONNECTIONS && Instant::now() < until {
        thread::sleep(Duration::from_millis(50));
        most = most.max(threads());
    }
    thread::sleep(Duration::from_millis(300).min(until.saturating_duration_since(Instant::now())));
    most = most.max(threads());
    assert!(
        most <= before + MAX_CONNECTIONS,
        "{most} threads with {} idle connections (was {before})",
        idle.len()
    );
    assert!(
        most >= before + MAX_CONNECTIONS / 2,
        "the idle clients were not accepted"
    );
    // A request now waits for a slot: the first idle client is cut off no sooner than
    // REQUEST_DEADLINE after it connected.
    let r = request(server.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 200, "{r:?}");
    assert!(
        opened.elapsed() >= REQUEST_DEADLINE,
        "answered {:?} after the idle clients connected, while every slot was taken",
        opened.elapsed()
    );
    drop(idle);
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
