//! Inputs the fuzzers (`fuzz/`) found: each must build or fail with a diagnostic, quickly.
//! `lesson-1.md` and `lesson-2.md` are "sawtooth" networks whose kinks double with every layer;
//! `render-1.md` and `render-2.md` ask for 20 and 70 figures of 16 smooth series at 100,000
//! samples each. See `fuzz/regressions/README.md`.

use std::fs;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

#[test]
fn fuzz_findings_build_or_fail_quickly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/regressions");
    let mut found = 0;
    for entry in fs::read_dir(dir).expect("fuzz/regressions") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        found += 1;
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join("content")).unwrap();
        fs::copy(&path, tmp.path().join("content/lesson.md")).unwrap();
        let root = tmp.path().to_path_buf();
        let (done, wait) = mpsc::channel();
        thread::spawn(move || {
            let _ = done.send(nnbook::check(&root).map(|_| ()));
        });
        match wait.recv_timeout(Duration::from_secs(60)) {
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("{} took over 60 s", path.display()),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{} panicked", path.display()),
        }
    }
    assert!(found >= 4, "the fuzz regressions are there");
}
