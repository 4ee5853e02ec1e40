//! What the server answers: no file outside the site, the site's 404 pages, a deadline for slow
//! requests, a limit on connections, and whole pages for many clients while the lesson is saved.

use super::*;

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

/// A page that does not exist gets the site's own 404 page (it was a built-in stub).
#[test]
fn a_missing_page_gets_the_sites_404_page() {
    let server = Server::start_with(|root| {
        let text = theme_file("404.html").replace("<h1>", "<h1 class=\"project-404\">");
        fs::create_dir(root.join("templates")).expect("templates");
        fs::write(root.join("templates/404.html"), text).expect("write 404 template");
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
