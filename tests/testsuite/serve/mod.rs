//! `nnbook serve`, end to end: the real binary serves a project made by `nnbook init`, over a
//! raw TCP client (so that request targets reach the server exactly as written), and reloads
//! open pages through server-sent events when a lesson changes.
//!
//! Every test starts its own server on `--port 0` in its own temporary project, so the tests
//! run in parallel and never collide on a port. The server is killed when its guard drops,
//! even when an assertion fails; its output is then printed to help the diagnosis.
//!
//! Here the harness and the first look at a served site; `requests` holds what the server
//! answers to odd, slow and many requests, `reload` the live reload.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::Duration;

use crate::support::position::position_after;
use crate::support::run::BIN;
// The server under test (the harness is shared with `benches/reload.rs`).
use crate::support::serve::{connect, request, Server};
use nnbook::serve::{MAX_CONNECTIONS, REQUEST_DEADLINE};

mod reload;
mod requests;

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

/// The default theme's file `name`, as `nnbook init --theme` writes it.
fn theme_file(name: &str) -> &'static str {
    let file = nnbook::site::DEFAULT_TEMPLATES
        .iter()
        .find(|(n, _)| *n == name);
    file.expect("a theme file").1
}

/// With the site's address in `nnbook.toml`, the served 404 page linked the published site's
/// stylesheet and home: the served site has no address of its own (not `0.0.0.0` either, which
/// `--bind 0.0.0.0` would give), and its 404 page finds the site from the address it is shown
/// at, as a site built without a base URL does.
#[test]
fn the_served_site_links_no_other_address() {
    let server = Server::start_with(|root| {
        fs::write(
            root.join("nnbook.toml"),
            "title = \"T\"\nbase_url = \"https://lessons.example.org/sub/\"\n",
        )
        .expect("write nnbook.toml");
    });
    let missing = server.get("/no-such-lesson/index.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("href=\"style.css\""),
        "{}",
        missing.body
    );
    assert!(missing.body.contains("document.createElement(\"base\")"));
    assert!(!missing.body.contains("example.org"), "{}", missing.body);
    assert!(!missing.body.contains("127.0.0.1"), "{}", missing.body);
    assert_eq!(server.get("/sitemap.xml").status, 404);
    // The served site is at the server's root: its 404 page says so first, for a missing
    // address deeper than the page's script can place too (`/reluu/deep/`).
    let deep = server.get("/reluu/deep/");
    assert_eq!(deep.status, 404);
    let head = deep.body.find("<head").expect("a head");
    assert!(
        deep.body[head..].contains("<base href=\"/\">"),
        "{}",
        deep.body
    );
    assert!(deep.body.find("<base href=\"/\">") < deep.body.find("createElement(\"base\")"));
}

/// A port asked for that is taken is an error, as Zola's and mdBook's servers make it (the
/// next free one was taken without a word); without `--port`, 1111 or the next free one.
#[test]
fn a_port_asked_for_that_is_taken_is_an_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port().to_string();
    let tmp = tempfile::tempdir().expect("tempdir");
    let run = crate::support::run(
        crate::support::nnbook()
            .args(["serve", "--port", &port, "--root"])
            .arg(tmp.path()),
    );
    run.failed().says(&[
        &format!("cannot listen on 127.0.0.1 port {port}"),
        "--port 0",
    ]);
}
