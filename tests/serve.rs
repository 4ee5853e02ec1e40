//! `nnbook serve`, end to end: the real binary serves a project made by `nnbook init`, over a
//! raw TCP client (so that request targets reach the server exactly as written), and reloads
//! open pages through server-sent events when a lesson changes.
//!
//! Every test starts its own server on `--port 0` in its own temporary project, so the tests
//! run in parallel and never collide on a port. The server is killed when its guard drops,
//! even when an assertion fails; its output is then printed to help the diagnosis.

use std::fs;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_nnbook");
/// How long the first build may take (a debug binary, on a busy machine).
const STARTUP: Duration = Duration::from_secs(60);
/// How long a rebuild and its event may take. Normally well under 100 ms.
const REBUILD: Duration = Duration::from_secs(10);
const LESSON: &str = "content/getting-started.md";
const PAGE: &str = "/getting-started/index.html";

// ---------------------------------------------------------------------------------------------
// The server under test.

/// A running `nnbook serve` in a fresh `nnbook init` project. Dropping it kills the server.
struct Server {
    child: Child,
    port: u16,
    /// Everything the server printed (stdout and stderr), shown when a test fails.
    log: Arc<Mutex<String>>,
    /// Keeps the project alive while the server runs; removed after the server is killed
    /// (fields drop after `Drop::drop`).
    dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        Server::start_with(|_| {})
    }

    /// Start the server after `prepare` changed the fresh project.
    fn start_with(prepare: impl FnOnce(&Path)) -> Server {
        let dir = tempfile::tempdir().expect("tempdir");
        let init = Command::new(BIN)
            .arg("init")
            .arg(dir.path())
            .output()
            .expect("run nnbook init");
        assert!(
            init.status.success(),
            "nnbook init failed:\n{}",
            String::from_utf8_lossy(&init.stderr)
        );
        prepare(dir.path());
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--root"])
            .arg(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn nnbook serve");
        let log = Arc::new(Mutex::new(String::new()));
        // Both pipes are drained for the server's whole life: a full pipe would block the
        // server's prints (made while it holds its state lock) and with them every request.
        let (tx, lines) = mpsc::channel::<String>();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let out_log = log.clone();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                out_log
                    .lock()
                    .unwrap()
                    .push_str(&format!("[stdout] {line}\n"));
                let _ = tx.send(line);
            }
        });
        let err_log = log.clone();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                err_log
                    .lock()
                    .unwrap()
                    .push_str(&format!("[stderr] {line}\n"));
            }
        });
        let mut server = Server {
            child,
            port: 0,
            log,
            dir,
        };
        server.port = wait_for_port(&lines, &server);
        server
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn get(&self, target: &str) -> Response {
        request(
            self.port,
            format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
        )
    }

    /// Open the event stream.
    fn events(&self) -> Events {
        Events::open(self.port)
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

/// Read the server's stdout until `serving http://127.0.0.1:PORT/`.
fn wait_for_port(lines: &Receiver<String>, server: &Server) -> u16 {
    let deadline = Instant::now() + STARTUP;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => {
                if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                    let port = rest.split('/').next().unwrap_or("");
                    return port
                        .parse()
                        .unwrap_or_else(|_| panic!("no port in {line:?}"));
                }
            }
            Err(e) => panic!(
                "the server did not print its address ({e}); it printed:\n{}",
                server.log.lock().unwrap()
            ),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking() {
            eprintln!(
                "--- nnbook serve (port {}) printed:\n{}",
                self.port,
                self.log.lock().unwrap_or_else(|e| e.into_inner())
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A tiny HTTP client.

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .expect("write timeout");
    stream
}

/// Send `raw` bytes as they are and read the response to its end (the server closes every
/// connection after one response).
fn request(port: u16, raw: &[u8]) -> Response {
    let mut stream = connect(port);
    // The server may answer (and close) before reading everything, as it does for a request
    // that is too long: a failed write is not an error here, the response decides.
    let _ = stream.write_all(raw);
    let _ = stream.shutdown(Shutdown::Write);
    let mut bytes = Vec::new();
    if let Err(e) = stream.read_to_end(&mut bytes) {
        // A reset after a complete response is fine; without one it is a failure.
        assert!(
            !bytes.is_empty(),
            "no response to {:?}: {e}",
            String::from_utf8_lossy(&raw[..raw.len().min(60)])
        );
    }
    parse_response(&bytes)
}

fn parse_response(bytes: &[u8]) -> Response {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// The event stream.

#[derive(Debug, Clone, PartialEq)]
struct Event {
    name: String,
    data: String,
}

/// An open `GET /__nnbook/events`, read incrementally.
struct Events {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = connect(port);
        stream
            .write_all(
                b"GET /__nnbook/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n",
            )
            .expect("request the event stream");
        stream
            .set_read_timeout(Some(Duration::from_millis(50)))
            .expect("read timeout");
        let mut events = Events {
            stream,
            buffer: Vec::new(),
        };
        // The head, then `retry:` as the first message: the stream is open once both arrived.
        let deadline = Instant::now() + REBUILD;
        while !contains(&events.buffer, b"retry: 300\n\n") {
            assert!(
                Instant::now() < deadline,
                "the event stream did not open: {:?}",
                String::from_utf8_lossy(&events.buffer)
            );
            events.fill();
        }
        let text = String::from_utf8_lossy(&events.buffer).into_owned();
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        assert!(
            text.to_ascii_lowercase()
                .contains("content-type: text/event-stream"),
            "{text}"
        );
        let end = find(&events.buffer, b"retry: 300\n\n").expect("retry") + 12;
        events.buffer.drain(..end);
        // The server takes its "last seen build" just after sending `retry:`; give it a moment
        // so that a change made right after `open` cannot slip in between.
        thread::sleep(Duration::from_millis(30));
        events
    }

    /// Read what has arrived (waits at most the 50 ms read timeout).
    fn fill(&mut self) {
        let mut chunk = [0u8; 4096];
        match self.stream.read(&mut chunk) {
            Ok(0) => panic!("the server closed the event stream"),
            Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("reading the event stream: {e} ({:?})", e.kind()),
        }
    }

    /// The next event (not a comment such as `: ping`) arriving within `timeout`.
    fn next(&mut self, timeout: Duration) -> Option<Event> {
        let deadline = Instant::now() + timeout;
        loop {
            while let Some(end) = find(&self.buffer, b"\n\n") {
                let message: Vec<u8> = self.buffer.drain(..end + 2).collect();
                let message = String::from_utf8_lossy(&message).into_owned();
                let mut name = None;
                let mut data = Vec::new();
                for line in message.lines() {
                    if let Some(v) = line.strip_prefix("event: ") {
                        name = Some(v.to_string());
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        data.push(v);
                    }
                }
                if let Some(name) = name {
                    return Some(Event {
                        name,
                        data: data.join("\n"),
                    });
                }
            }
            if Instant::now() >= deadline {
                return None;
            }
            self.fill();
        }
    }

    /// The next event, which must be `name`.
    fn expect(&mut self, name: &str) -> Event {
        match self.next(REBUILD) {
            Some(e) if e.name == name => e,
            Some(e) => panic!("expected `event: {name}`, got {e:?}"),
            None => panic!("no `event: {name}` within {REBUILD:?}"),
        }
    }

    /// Every event arriving within `window`.
    fn all_within(&mut self, window: Duration) -> Vec<Event> {
        let deadline = Instant::now() + window;
        let mut out = Vec::new();
        while let Some(e) = self.next(deadline.saturating_duration_since(Instant::now())) {
            out.push(e);
        }
        out
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
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

    let svg = server.get("/getting-started/signals.svg");
    assert_eq!(svg.status, 200, "{svg:?}");
    assert_eq!(svg.content_type(), "image/svg+xml");
    assert!(svg.body.contains("<svg"), "{}", svg.body);
    assert!(
        !svg.body.contains("__nnbook"),
        "the script must go into HTML only"
    );

    let csv = server.get("/getting-started/signals.csv");
    assert_eq!(csv.status, 200, "{csv:?}");
    assert!(csv.content_type().starts_with("text/csv"), "{csv:?}");
    assert!(csv.body.starts_with("x,"), "{}", csv.body);

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
    let at = broken.find("\"relux\"").expect("relux");
    let line = broken[..at].matches('\n').count() + 1;
    let column = at - broken[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    server.write_lesson(&broken);
    let failure = events.expect("failure");
    let location = format!("{LESSON}:{line}:{column}");
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
                let targets = [PAGE, "/", "/getting-started/signals.svg", "/style.css"];
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
    let status =
        fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap_or_default();
    if let Some(kb) = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    {
        assert!(kb < 200 * 1024, "the server uses {kb} kB after the load");
    }
}
