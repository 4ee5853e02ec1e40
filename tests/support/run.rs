//! Running the `nnbook` binary: to the end or to a deadline (a run past it is a hang), with
//! its exit status and output captured. The tests that must survive crashes run the binary,
//! so that a stack overflow or an abort shows as a signal instead of taking the test harness
//! down.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::truncate;

/// The binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_nnbook");

/// Longer than any run here takes; a run past it is a hang.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// A `Command` for the `nnbook` binary.
pub fn nnbook() -> Command {
    Command::new(BIN)
}

/// A finished run of `nnbook`.
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    pub fn describe(&self) -> String {
        format!(
            "{:?} after {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.status,
            self.elapsed,
            self.stdout,
            truncate(&self.stderr, 4000)
        )
    }

    /// Exit code 0 or 1: no signal (stack overflow, abort), no panic.
    pub fn no_crash(&self) -> &Self {
        assert!(
            matches!(self.status.code(), Some(0 | 1)),
            "nnbook crashed: {}",
            self.describe()
        );
        assert!(
            !self.stderr.contains("panicked"),
            "nnbook panicked: {}",
            self.describe()
        );
        self
    }

    /// Exit code 0.
    pub fn succeeded(&self) -> &Self {
        self.no_crash();
        assert!(self.status.success(), "the run failed: {}", self.describe());
        self
    }

    /// Exit code 1 (an error reported, not a crash).
    pub fn failed(&self) -> &Self {
        self.no_crash();
        assert_eq!(
            self.status.code(),
            Some(1),
            "the run should have failed: {}",
            self.describe()
        );
        self
    }

    /// Assert that stderr contains every one of `needles`.
    pub fn says(&self, needles: &[&str]) -> &Self {
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "stderr does not contain {n:?}: {}",
                self.describe()
            );
        }
        self
    }

    /// Assert that stdout contains every one of `needles`.
    pub fn prints(&self, needles: &[&str]) -> &Self {
        for n in needles {
            assert!(
                self.stdout.contains(n),
                "stdout does not contain {n:?}: {}",
                self.describe()
            );
        }
        self
    }
}

/// Run `cmd` to the end, failing the test if it outlives `deadline`.
pub fn run_within(cmd: &mut Command, deadline: Duration) -> Run {
    fn drain(mut r: impl Read + Send + 'static) -> thread::JoinHandle<String> {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = r.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nnbook");
    let stdout = drain(child.stdout.take().expect("stdout"));
    let stderr = drain(child.stderr.take().expect("stderr"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nnbook did not finish within {deadline:?}: it hangs");
        }
        thread::sleep(Duration::from_millis(2));
    };
    Run {
        status,
        elapsed: start.elapsed(),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

/// Run `cmd` to the end within [`DEADLINE`].
pub fn run(cmd: &mut Command) -> Run {
    run_within(cmd, DEADLINE)
}

/// Start `cmd`, kill it (SIGKILL) after `delay` (a no-op if it has exited by then), and return
/// how it ended and what it wrote to stderr.
pub fn run_killed_after(cmd: &mut Command, delay: Duration) -> (ExitStatus, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nnbook");
    thread::sleep(delay);
    let _ = child.kill();
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    let _ = child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr);
    (status, stderr)
}
