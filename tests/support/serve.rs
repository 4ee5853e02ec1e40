//! Running `nnbook serve` from tests and benchmarks (`tests/testsuite/serve.rs`,
//! `benches/reload.rs`): a fresh `nnbook init` project served on `--port 0`, a raw TCP client (so
//! that request targets reach the server exactly as written), and the server-sent event stream read
//! as it arrives.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long the first build may take (a debug binary, on a busy machine).
pub const STARTUP: Duration = Duration::from_secs(60);
/// How long a rebuild and its event may take. Normally well under 100 ms.
pub const REBUILD: Duration = Duration::from_secs(10);

/// A running `nnbook serve` in a fresh `nnbook init` project. Dropping it kills the server.
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// Everything the server printed (stdout and stderr), shown when a test fails.
    log: Arc<Mutex<String>>,
    /// Keeps the project alive while the server runs; removed after the server is killed
    /// (fields drop after `Drop::drop`).
    dir: tempfile::TempDir,
}

impl Server {
    /// Make a project with `bin init`, let `prepare` change it, and start `bin serve` on it.
    pub fn launch(bin: &Path, prepare: impl FnOnce(&Path)) -> Server {
        Server::launch_with(bin, &[], prepare)
    }

    /// [`Server::launch`], with more arguments to `serve` (`--drafts`).
    pub fn launch_with(bin: &Path, args: &[&str], prepare: impl FnOnce(&Path)) -> Server {
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
        let mut child = Command::new(bin)
            .args(["serve", "--port", "0", "--root"])
            .arg(dir.path())
            .args(args)
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

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn get(&self, target: &str) -> Response {
        request(
            self.port,
            format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
        )
    }

    /// Open the event stream.
    pub fn events(&self) -> Events {
        Events::open(self.port)
    }

    /// Everything the server printed so far, each line marked `[stdout]` or `[stderr]`.
    pub fn printed(&self) -> String {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The build times (ms) the server printed (`built ... in X ms`), in order.
    pub fn build_times(&self) -> Vec<f64> {
        let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.lines()
            .filter_map(|line| line.strip_prefix("[stdout] built "))
            .filter_map(|line| line.rsplit_once(" in "))
            .filter_map(|(_, time)| time.strip_suffix(" ms")?.parse().ok())
            .collect()
    }
}

/// Read the server's stdout until `serving http://127.0.0.1:PORT/`.
pub fn wait_for_port(lines: &Receiver<String>, server: &Server) -> u16 {
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
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

pub fn connect(port: u16) -> TcpStream {
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
pub fn request(port: u16, raw: &[u8]) -> Response {
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

pub fn parse_response(bytes: &[u8]) -> Response {
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
pub struct Event {
    pub name: String,
    pub data: String,
}

/// An open `GET /__nnbook/events`, read incrementally.
pub struct Events {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Events {
    pub fn open(port: u16) -> Events {
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
    pub fn fill(&mut self) {
        let mut chunk = [0u8; 4096];
        match self.stream.read(&mut chunk) {
            Ok(0) => panic!("the server closed the event stream"),
            Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("reading the event stream: {e} ({:?})", e.kind()),
        }
    }

    /// The next event (not a comment such as `: ping`) arriving within `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Option<Event> {
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
    pub fn expect(&mut self, name: &str) -> Event {
        match self.next(REBUILD) {
            Some(e) if e.name == name => e,
            Some(e) => panic!("expected `event: {name}`, got {e:?}"),
            None => panic!("no `event: {name}` within {REBUILD:?}"),
        }
    }

    /// Forget what has arrived so far.
    pub fn drain(&mut self) {
        self.fill();
        self.buffer.clear();
    }

    /// Every event arriving within `window`.
    pub fn all_within(&mut self, window: Duration) -> Vec<Event> {
        let deadline = Instant::now() + window;
        let mut out = Vec::new();
        while let Some(e) = self.next(deadline.saturating_duration_since(Instant::now())) {
            out.push(e);
        }
        out
    }
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}
