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
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

/// Measured saves per project.
const SAVES: usize = 20;
/// Saves before measuring (first-build effects, page cache, connection setup).
const WARMUP: usize = 2;
/// Longest wait for anything (startup, an event, a response).
const TIMEOUT: Duration = Duration::from_secs(60);

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
    let dir = tempfile::tempdir().expect("tempdir");
    let init = Command::new(bin)
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
    let path = dir.path().join(lesson);
    let original = fs::read_to_string(&path).expect("read lesson");
    let Some(w1) = weight(&original) else {
        println!("{name:<34} skipped: no `{{ w1 = ... }}` in {lesson}");
        return;
    };
    let server = Server::start(bin, dir.path());
    let mut events = Events::open(server.port);
    if server.get(page).0 != 200 {
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
        events.wait_for("reload");
        let event = start.elapsed();
        let (status, body) = server.get(page);
        let done = start.elapsed();
        assert_eq!(status, 200, "{page} after save {i}");
        assert!(
            body.contains(new) && !body.contains(old),
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

/// A running `nnbook serve`; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Build times (ms) the server printed.
    builds: Receiver<f64>,
}

impl Server {
    fn start(bin: &Path, root: &Path) -> Server {
        let mut child = Command::new(bin)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn nnbook serve");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        // Drain both pipes for the server's whole life (a full pipe would stall it).
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("[nnbook] {line}");
            }
        });
        let (port_tx, port_rx) = mpsc::channel();
        let (build_tx, builds) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                    let _ = port_tx.send(rest.split('/').next().unwrap_or("").parse::<u16>());
                } else if let Some(ms) = line
                    .strip_prefix("built ")
                    .and_then(|l| l.rsplit_once(" in "))
                    .and_then(|(_, t)| t.strip_suffix(" ms"))
                    .and_then(|t| t.parse::<f64>().ok())
                {
                    let _ = build_tx.send(ms);
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            builds,
        };
        server.port = match port_rx.recv_timeout(TIMEOUT) {
            Ok(Ok(port)) => port,
            other => panic!("the server did not print its address: {other:?}"),
        };
        server
    }

    /// The build times printed since the last call.
    fn build_times(&self) -> Vec<f64> {
        self.builds.try_iter().collect()
    }

    /// Status and body of `GET target`.
    fn get(&self, target: &str) -> (u16, String) {
        let mut stream = connect(self.port);
        stream
            .write_all(format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
            .expect("send request");
        let _ = stream.shutdown(Shutdown::Write);
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read response");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    stream.set_nodelay(true).expect("nodelay");
    stream
}

/// The server-sent event stream, read as it arrives.
struct Events {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = connect(port);
        stream
            .write_all(b"GET /__nnbook/events HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("request events");
        stream
            .set_read_timeout(Some(Duration::from_millis(5)))
            .expect("timeout");
        let mut events = Events {
            stream,
            buffer: Vec::new(),
        };
        let deadline = Instant::now() + TIMEOUT;
        while find(&events.buffer, b"retry:").is_none() {
            assert!(Instant::now() < deadline, "the event stream did not open");
            events.fill();
        }
        events.buffer.clear();
        events
    }

    fn fill(&mut self) {
        let mut chunk = [0u8; 8192];
        match self.stream.read(&mut chunk) {
            Ok(0) => panic!("the server closed the event stream"),
            Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("reading the event stream: {e}"),
        }
    }

    /// Forget what arrived so far.
    fn drain(&mut self) {
        self.fill();
        self.buffer.clear();
    }

    /// Wait for `event: <name>`; any other event is an error.
    fn wait_for(&mut self, name: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(at) = find(&self.buffer, b"event: ") {
                if let Some(end) = find(&self.buffer[at..], b"\n\n") {
                    let message = String::from_utf8_lossy(&self.buffer[at..at + end]).into_owned();
                    self.buffer.drain(..at + end + 2);
                    let got = message.lines().next().unwrap_or("");
                    assert_eq!(got, format!("event: {name}"), "{message}");
                    return;
                }
            }
            assert!(Instant::now() < deadline, "no `event: {name}`");
            self.fill();
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
