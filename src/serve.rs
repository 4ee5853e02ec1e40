//! `nnbook serve`: the site built in memory, served over HTTP with live reload. The project is
//! polled for changes; a change rebuilds what it touches (see [`Builder`]) and every open page
//! reloads itself through server-sent events. Nothing is written to disk.

use std::collections::BTreeSet;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::error::Diagnostic;
use crate::media_type::content_type;
use crate::project::{
    display_path, is_editor_file, is_lesson_file, CONFIG_FILE, CONTENT_DIR, TEMPLATES_DIR,
};
use crate::site::{drafts_left_out, Builder, SiteFiles};
use crate::text::count;

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// The port asked for (`--port`): that one, or else [`DEFAULT_PORT`] or the next free one.
    pub port: Option<u16>,
    pub bind: String,
    pub open: bool,
    /// Serve the lessons marked `draft = true` too.
    pub drafts: bool,
}

/// How often the project is polled for changes; a change is built once two polls agree.
pub const POLL: Duration = Duration::from_millis(20);
/// The path of the event stream pages listen to.
pub const EVENTS_PATH: &str = "/__nnbook/events";
/// The longest request head accepted (request line and headers).
const MAX_HEAD: usize = 8 * 1024;
/// The port served on when none is asked for, as Zola's.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after the default one are tried when it is taken.
const PORT_TRIES: u16 = 20;
/// How long a client may take to send its whole request head; a slower one is cut off.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(10);
/// How many connections are served at once (each has a thread; open pages' event streams
/// count). Further connections wait to be accepted until one closes.
pub const MAX_CONNECTIONS: usize = 128;

/// What is being served: the last good site, and the last build's error if it failed.
struct Status {
    files: Arc<SiteFiles>,
    generation: u64,
    error: Option<String>,
}

struct State {
    status: Mutex<Status>,
    changed: Condvar,
}

impl State {
    fn snapshot(&self) -> (Arc<SiteFiles>, u64, Option<String>) {
        let s = self.status.lock().unwrap_or_else(|e| e.into_inner());
        (s.files.clone(), s.generation, s.error.clone())
    }
}

/// Build, serve, and rebuild on every change, until the process is stopped.
pub fn run(options: &ServeOptions) -> Result<(), Diagnostic> {
    // (A project that is not there cannot be watched: told before serving, not on the page.)
    if let Some(problem) = crate::project::not_a_project(&options.root) {
        return Err(problem);
    }
    let listener = bind(&options.bind, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::new(format!("cannot read the server's address: {e}")))?;
    let state = Arc::new(State {
        status: Mutex::new(Status {
            files: Arc::new(SiteFiles::new()),
            generation: 0,
            error: None,
        }),
        changed: Condvar::new(),
    });
    // (Without the configuration's address: the 404 page's links led to the published site.
    // Nor this server's, which a phone on the network reaches by another name than `0.0.0.0`:
    // the 404 page finds the site's folder from the address it is shown at.)
    let url = format!("http://{addr}/");
    let mut builder = (Builder::new(&options.root).with_drafts(options.drafts)).without_base_url();
    rebuild(&mut builder, &state);
    // Watching before saying so: once "serving" is printed, every thread but the connections'
    // is running (a test counts them).
    let root = options.root.clone();
    let watcher_state = state.clone();
    thread::spawn(move || watch(&root, builder, &watcher_state));
    // (A closed standard output or error loses the line: no reason to stop serving.)
    if options.port.is_none() && addr.port() != DEFAULT_PORT {
        let _ = writeln!(io::stdout(), "note: port {DEFAULT_PORT} is taken");
    }
    let _ = writeln!(io::stdout(), "serving {url} (Ctrl-C to stop)");
    let _ = io::stdout().flush();
    if options.open {
        open_browser(&url);
    }
    let slots = Arc::new((Mutex::new(0usize), Condvar::new()));
    loop {
        // Wait for a free slot before accepting: at most MAX_CONNECTIONS threads.
        {
            let (open, freed) = &*slots;
            let mut open = open.lock().unwrap_or_else(|e| e.into_inner());
            while *open >= MAX_CONNECTIONS {
                open = freed.wait(open).unwrap_or_else(|e| e.into_inner());
            }
            *open += 1;
        }
        let stream = listener.accept().map(|(s, _)| s);
        let (state, slots) = (state.clone(), slots.clone());
        thread::spawn(move || {
            if let Ok(stream) = stream {
                let _ = handle(stream, &state);
            }
            let (open, freed) = &*slots;
            *open.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
            freed.notify_one();
        });
    }
}

/// A listener on `address`: on the port asked for (`port`: that one only, as Zola and mdBook
/// do), or else on [`DEFAULT_PORT`] or the next free one after it.
fn bind(address: &str, port: Option<u16>) -> Result<TcpListener, Diagnostic> {
    let (first, last) = match port {
        Some(p) => (p, p),
        None => (DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES),
    };
    let mut error = None;
    for p in first..=last {
        match TcpListener::bind((address, p)) {
            Ok(l) => return Ok(l),
            Err(e) => error = Some(e),
        }
    }
    let ports = match first == last {
        true => format!("port {first}"),
        false => format!("ports {first} to {last}"),
    };
    Err(Diagnostic::new(format!(
        "cannot listen on {address} {ports}: {}",
        error.map_or_else(|| "no port tried".to_string(), |e| e.to_string())
    ))
    .hint("pass another `--port`, or `--port 0` for any free port"))
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        let _ = writeln!(io::stderr(), "could not open a browser; visit {url}");
    }
}

/// Build and publish the result (or the error) to the pages. Printing happens after the
/// status lock is released, so a terminal that does not read never blocks a request.
fn rebuild(builder: &mut Builder, state: &State) {
    let start = Instant::now();
    let result = builder.build();
    let elapsed = start.elapsed();
    let report = {
        let mut status = state.status.lock().unwrap_or_else(|e| e.into_inner());
        status.generation += 1;
        let report = match result {
            Ok(site) => {
                let mut text: String = site.warnings.iter().map(|w| format!("{w}\n")).collect();
                text.push_str(&format!(
                    "built {} ({} rendered{}) in {:.1} ms\n",
                    count(site.lessons, "lesson"),
                    site.rendered,
                    drafts_left_out(site.drafts, "serves")
                        .map_or(String::new(), |d| format!("; {d}")),
                    elapsed.as_secs_f64() * 1e3,
                ));
                status.files = Arc::new(site.files);
                status.error = None;
                (text, false)
            }
            Err(e) => {
                let text = e.to_string();
                status.error = Some(text.clone());
                (text, true)
            }
        };
        state.changed.notify_all();
        report
    };
    match report {
        (text, false) => drop(write!(io::stdout(), "{text}")),
        (text, true) => drop(write!(io::stderr(), "{text}")),
    }
    let _ = io::stdout().flush();
}

/// The files of the project that a build reads, with their modification times and sizes.
fn project_files(
    root: &Path,
    linked: &BTreeSet<String>,
) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let mut out = Vec::new();
    for dir in [CONTENT_DIR, TEMPLATES_DIR] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let path = entry.path();
            let read = if dir == CONTENT_DIR {
                is_lesson_file(path) || linked.contains(&display_path(root, path))
            } else {
                !is_editor_file(path)
            };
            if entry.file_type().is_file() && read {
                if let Ok(meta) = entry.metadata() {
                    out.push((entry.into_path(), meta.modified().ok(), meta.len()));
                }
            }
        }
    }
    if let Ok(meta) = std::fs::metadata(root.join(CONFIG_FILE)) {
        out.push((root.join(CONFIG_FILE), meta.modified().ok(), meta.len()));
    }
    out
}

/// Poll the project; after a change, wait until it settles (a burst of saves is one change),
/// then rebuild.
fn watch(root: &Path, mut builder: Builder, state: &State) {
    let mut seen = project_files(root, builder.linked_files());
    loop {
        thread::sleep(POLL);
        let mut now = project_files(root, builder.linked_files());
        if now == seen {
            continue;
        }
        loop {
            thread::sleep(POLL);
            let again = project_files(root, builder.linked_files());
            if again == now {
                break;
            }
            now = again;
        }
        let linked = builder.linked_files().clone();
        rebuild(&mut builder, state);
        // (What the lessons link to may have changed with them: read again, what is there now
        // is the site's.)
        seen = match *builder.linked_files() == linked {
            true => now,
            false => project_files(root, builder.linked_files()),
        };
    }
}

/// Serve one connection: one request, then close.
fn handle(stream: TcpStream, state: &State) -> io::Result<()> {
    let mut writer = stream.try_clone()?;
    let head = match read_head(stream, Instant::now() + REQUEST_DEADLINE)? {
        Ok(head) => head,
        Err(code) => {
            let text: &[u8] = if code == 414 {
                b"request too long\n"
            } else {
                b"request too slow\n"
            };
            return respond(&mut writer, code, "text/plain; charset=utf-8", text, true);
        }
    };
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version), None) if version.starts_with("HTTP/1.") => {
            (method, target)
        }
        _ => {
            let text = b"bad request\n";
            return respond(&mut writer, 400, "text/plain; charset=utf-8", text, true);
        }
    };
    let body = method != "HEAD";
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut writer,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            true,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        return events(&mut writer, state);
    }
    let (files, _, _) = state.snapshot();
    match resolve(path) {
        Some(name) => match files.get(&name) {
            Some(bytes) => {
                let kind = content_type(&name);
                if kind.starts_with("text/html") {
                    let html = inject(bytes);
                    respond(&mut writer, 200, kind, &html, body)
                } else {
                    respond(&mut writer, 200, kind, bytes, body)
                }
            }
            None if files.contains_key(&format!("{name}/index.html")) => {
                let location = format!("{path}/");
                let head = format!(
                    "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                writer.write_all(head.as_bytes())
            }
            None => not_found(&mut writer, &files, path, body),
        },
        None => not_found(&mut writer, &files, path, body),
    }
}

/// The site's own 404 page: its language's (`zh-CN/404.html`) for an address in a language's
/// folder, else `404.html` (a stub while there is none: before the first good build). The
/// served site is at the server's root, so the page's folder is known: a `<base>` first in its
/// head says it (the page's own script, which finds the folder from the address, cannot for a
/// missing address deeper than one unknown folder, `/reluu/deep/`).
fn not_found(writer: &mut impl Write, files: &SiteFiles, path: &str, body: bool) -> io::Result<()> {
    let folder = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let (page, base) = match files.get(&format!("{folder}/404.html")) {
        Some(page) => (Some(page), format!("/{folder}/")),
        None => (files.get("404.html"), "/".to_string()),
    };
    let page = match page {
        Some(page) => inject(&based(page, &base)),
        None => inject(b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p><a href=\"/\">The lessons</a></p></body></html>\n"),
    };
    respond(writer, 404, "text/html; charset=utf-8", &page, body)
}

/// Read a request head (request line and headers, to the blank line) before `deadline`: the
/// whole head, not each read, has the deadline, so a client sending a byte now and then is cut
/// off. `Err(414)` for a head over [`MAX_HEAD`], `Err(408)` past the deadline.
fn read_head(mut stream: TcpStream, deadline: Instant) -> io::Result<Result<Vec<u8>, u16>> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        if let Some(end) = find_blank_line(&head) {
            head.truncate(end);
            return Ok(Ok(head));
        }
        if head.len() > MAX_HEAD {
            return Ok(Err(414));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Err(408));
        }
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(Ok(head)),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(Err(408))
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Where the request head ends in `bytes` (after its blank line), if it does.
fn find_blank_line(bytes: &[u8]) -> Option<usize> {
    let crlf = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4);
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The site file a request path names, or `None` for anything that could leave the site:
/// `..`, encoded traversals, backslashes, NUL bytes, absolute or drive paths.
pub fn resolve(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    if decoded.contains(['\\', '\0', ':']) || decoded.starts_with('/') {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            p => parts.push(p),
        }
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        parts.push("index.html");
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn respond(
    writer: &mut impl Write,
    code: u16,
    kind: &str,
    bytes: &[u8],
    body: bool,
) -> io::Result<()> {
    let reason = match code {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        _ => "URI Too Long",
    };
    let head = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        bytes.len()
    );
    writer.write_all(head.as_bytes())?;
    if body {
        writer.write_all(bytes)?;
    }
    writer.flush()
}

/// The live-reload script (`reload.js`), added to every HTML page in serve mode only.
/// `html` with `<base href="{base}">` first in its head (as it is where it has none).
fn based(html: &[u8], base: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let Some(head) = text
        .find("<head")
        .and_then(|i| text[i..].find('>').map(|j| i + j + 1))
    else {
        return html.to_vec();
    };
    format!("{}<base href=\"{base}\">{}", &text[..head], &text[head..]).into_bytes()
}

const RELOAD_SCRIPT: &str = concat!("<script>\n", include_str!("reload.js"), "</script>\n");

fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + RELOAD_SCRIPT.len());
    out.push_str(&text[..at]);
    out.push_str(RELOAD_SCRIPT);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The server-sent event stream: `failure` with the error text while the build is broken,
/// `reload` after every successful build.
fn events(writer: &mut impl Write, state: &State) -> io::Result<()> {
    // The build seen is read first, so a build that ends while the headers go out is announced.
    let (_, mut seen, error) = state.snapshot();
    writer.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 300\n\n",
    )?;
    if let Some(e) = error {
        send(writer, "failure", &e)?;
    }
    writer.flush()?;
    loop {
        let status = state.status.lock().unwrap_or_else(|e| e.into_inner());
        let (status, timeout) = state
            .changed
            .wait_timeout_while(status, Duration::from_secs(15), |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        if timeout.timed_out() {
            drop(status);
            writer.write_all(b": ping\n\n")?;
            writer.flush()?;
            continue;
        }
        seen = status.generation;
        let error = status.error.clone();
        drop(status);
        match error {
            Some(e) => send(writer, "failure", &e)?,
            None => send(writer, "reload", &seen.to_string())?,
        }
        writer.flush()?;
    }
}

fn send(writer: &mut impl Write, event: &str, data: &str) -> io::Result<()> {
    let mut message = format!("event: {event}\n");
    for line in data.lines() {
        message.push_str("data: ");
        message.push_str(line);
        message.push('\n');
    }
    message.push('\n');
    writer.write_all(message.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The script's wide characters, which put a caret under its column in a line of Chinese,
    /// are `text::is_wide`'s, every one of them.
    #[test]
    fn the_overlay_counts_wide_characters_as_the_terminal_does() {
        let class = RELOAD_SCRIPT
            .split_once("/[\\u1100")
            .and_then(|(_, rest)| rest.split_once("]/u"))
            .map(|(class, _)| format!("\\u1100{class}"))
            .expect("the script's class of wide characters");
        let code = |u: &str| {
            let hex = u.trim_start_matches("\\u").trim_matches(['{', '}']);
            u32::from_str_radix(hex, 16).expect("a code point")
        };
        let ranges: Vec<(u32, u32)> = class
            .split("\\u")
            .skip(1)
            .collect::<Vec<_>>()
            .chunks(2)
            .map(|pair| (code(pair[0].trim_end_matches('-')), code(pair[1])))
            .collect();
        assert_eq!(ranges.len(), 12, "{class}");
        for c in (0..=0x40000).filter_map(char::from_u32) {
            let scripted = ranges.iter().any(|&(a, b)| (a..=b).contains(&(c as u32)));
            assert_eq!(scripted, crate::text::is_wide(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn requests_stay_inside_the_site() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/relu/").as_deref(), Some("relu/index.html"));
        assert_eq!(
            resolve("/relu/step-1.svg").as_deref(),
            Some("relu/step-1.svg")
        );
        assert_eq!(resolve("/a%20b.csv").as_deref(), Some("a b.csv"));
        for bad in [
            "/../etc/passwd",
            "/relu/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/..%2fx",
            "/%5c..%5cx",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/c:/windows",
            "/%00",
            "/%zz",
            "etc/passwd",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }
}
