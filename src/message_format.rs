//! Problems written for other programs (`build` and `check`'s `--message-format`): one line
//! each for an editor's list of errors (`short`, as rustc's `--error-format short`), JSON Lines
//! for tools (`json`, as cargo's `--message-format json`), and GitHub Actions' workflow
//! commands (`github`), which show each problem beside its line in a pull request. `human`, the
//! default, is the [`Diagnostic`]'s own rustc-like rendering.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::error::{visible, Diagnostic, Error, Severity};

/// How a command writes its problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MessageFormat {
    /// Each problem with its source line and a caret under the place, then the count.
    #[default]
    Human,
    /// `file:line:column: error: message; expected: …; hint: …`, one line each, then the count.
    Short,
    /// One JSON object per line: `severity`, `message`, `file`, `line`, `column`, `width`,
    /// `expected`, `hint` (those a problem has; keys sorted).
    Json,
    /// `::error file=…,line=…,col=…,endColumn=…::message` (or `::warning`), one line each.
    Github,
}

impl MessageFormat {
    /// Whether the problems go to standard output (what tools read: `json`, and `github`, which
    /// the Actions runner reads there), the command's own summary to standard error; else the
    /// other way round, as compilers do.
    pub fn to_stdout(self) -> bool {
        matches!(self, MessageFormat::Json | MessageFormat::Github)
    }

    /// Write `d` of the project at `root` in this format, ending with a line break (`human`:
    /// its block, then a blank line, as between the problems of a report). `human` names files
    /// as the project has them (`content/relu.md`); the others as a program run where nnbook
    /// runs opens them (`docs/content/relu.md` with `--root docs`).
    pub fn write(self, d: &Diagnostic, root: &Path, out: &mut dyn Write) -> io::Result<()> {
        let file = || d.location.as_ref().map(|l| from_here(root, &l.file));
        let line = match self {
            MessageFormat::Human => return writeln!(out, "{d}"),
            MessageFormat::Short => short(d, file()),
            MessageFormat::Json => json_line(d, file()),
            MessageFormat::Github => github(d, file()),
        };
        writeln!(out, "{line}")
    }

    /// Write every problem of a failed run of the project at `root`, and (`human`, `short`)
    /// the count that ends it.
    pub fn write_error(self, error: &Error, root: &Path, out: &mut dyn Write) -> io::Result<()> {
        if self == MessageFormat::Human {
            return write!(out, "{error}");
        }
        for d in &error.diagnostics {
            self.write(d, root, out)?;
        }
        match (
            self,
            error.diagnostics.iter().filter(|d| d.is_error()).count(),
        ) {
            (MessageFormat::Short, 1) => writeln!(out, "1 error"),
            (MessageFormat::Short, n) if n > 1 => writeln!(out, "{n} errors"),
            _ => Ok(()),
        }
    }
}

/// A file of the project at `root` (as shown, relative to it) as seen from where nnbook runs;
/// the built-in theme's (`(built-in theme) base.html`) and one outside the project (an
/// absolute path) as they are.
fn from_here(root: &Path, file: &str) -> String {
    match root == Path::new(".") || file.starts_with('(') || Path::new(file).is_absolute() {
        true => file.to_string(),
        false => root.join(file).display().to_string(),
    }
}

fn label(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `d` on one line: its place (in `file`, [`from_here`]), its kind, its message, what was
/// expected and the hint (line breaks as spaces, control characters shown).
fn short(d: &Diagnostic, file: Option<String>) -> String {
    let one_line = |s: &str| visible(s).replace('\n', " ");
    let mut line = match d.location.as_ref().zip(file) {
        Some((l, file)) => format!("{}:{}:{}: ", one_line(&file), l.line, l.column),
        None => String::new(),
    };
    line.push_str(&format!("{}: {}", label(d), one_line(&d.message)));
    if let Some(expected) = &d.expected {
        line.push_str(&format!("; expected: {}", one_line(expected)));
    }
    if let Some(hint) = &d.hint {
        line.push_str(&format!("; hint: {}", one_line(hint)));
    }
    line
}

/// `d` as one JSON object, its place in `file` ([`from_here`]) (keys sorted; those it lacks
/// left out).
fn json_line(d: &Diagnostic, file: Option<String>) -> String {
    let mut object = Map::new();
    object.insert("severity".into(), json!(label(d)));
    object.insert("message".into(), json!(d.message));
    if let Some((l, file)) = d.location.as_ref().zip(file) {
        object.insert("file".into(), json!(file));
        object.insert("line".into(), json!(l.line));
        object.insert("column".into(), json!(l.column));
        object.insert("width".into(), json!(l.width));
    }
    for (key, value) in [("expected", &d.expected), ("hint", &d.hint)] {
        if let Some(value) = value {
            object.insert(key.into(), json!(value));
        }
    }
    Value::Object(object).to_string()
}

/// `d` as a GitHub Actions workflow command: `::error file=…,line=…,col=…,endColumn=…::…`, the
/// expected and the hint on lines of their own (escaped as the runner reads them: `%`, CR and
/// LF in the message; also `:` and `,` in a property).
fn github(d: &Diagnostic, file: Option<String>) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut line = format!("::{}", label(d));
    if let Some((l, file)) = d.location.as_ref().zip(file) {
        line.push_str(&format!(
            " file={},line={},col={}",
            property(&file),
            l.line,
            l.column
        ));
        if l.width > 1 {
            line.push_str(&format!(",endColumn={}", l.column + l.width - 1));
        }
    }
    let mut message = d.message.clone();
    for (name, value) in [("expected", &d.expected), ("hint", &d.hint)] {
        if let Some(value) = value {
            message.push_str(&format!("\n{name}: {value}"));
        }
    }
    line.push_str(&format!("::{}", data(&visible(&message))));
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceFile;

    fn written(format: MessageFormat, d: &Diagnostic, root: &str) -> String {
        let mut out = Vec::new();
        format.write(d, Path::new(root), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// A problem at `relux` on line 2 of a file whose name has a comma and a colon, its message
    /// with a per cent sign, a line break and an escape character.
    fn problem() -> Diagnostic {
        let file = SourceFile::new("content/a,b:c.md", "+++\nactivation = \"relux\"\n");
        let at = "+++\nactivation = ".len();
        file.error(at..at + 7, "50% of `relux`\nis \u{1b}[2J wrong")
            .expected("one of relu, tanh")
            .hint("did you mean `relu`?")
    }

    #[test]
    fn short_is_one_line_with_the_place_seen_from_where_nnbook_runs() {
        let line = written(MessageFormat::Short, &problem(), "docs");
        assert_eq!(
            line,
            "docs/content/a,b:c.md:2:14: error: 50% of `relux` is \\u{1b}[2J wrong; expected: \
             one of relu, tanh; hint: did you mean `relu`?\n"
        );
        let here = written(MessageFormat::Short, &problem().warning(), ".");
        assert!(
            here.starts_with("content/a,b:c.md:2:14: warning: "),
            "{here}"
        );
        let nowhere = written(
            MessageFormat::Short,
            &Diagnostic::new("no content folder"),
            "x",
        );
        assert_eq!(nowhere, "error: no content folder\n");
    }

    #[test]
    fn json_is_one_object_per_line_with_what_the_problem_has() {
        let line = written(MessageFormat::Json, &problem(), "docs");
        assert_eq!(line.lines().count(), 1);
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["severity"], "error");
        assert_eq!(v["message"], "50% of `relux`\nis \u{1b}[2J wrong");
        assert_eq!(v["file"], "docs/content/a,b:c.md");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(2), Some(14))
        );
        assert_eq!(v["width"], 7);
        assert_eq!(v["expected"], "one of relu, tanh");
        assert_eq!(v["hint"], "did you mean `relu`?");
        let bare: Value =
            serde_json::from_str(&written(MessageFormat::Json, &Diagnostic::new("x"), "."))
                .unwrap();
        assert_eq!(bare, json!({"severity": "error", "message": "x"}));
    }

    /// As GitHub's toolkit escapes a workflow command (`escapeData`, `escapeProperty` in
    /// `@actions/core`'s `command.ts`).
    #[test]
    fn github_is_a_workflow_command_escaped_as_the_runner_reads_it() {
        let line = written(MessageFormat::Github, &problem(), ".");
        assert_eq!(
            line,
            "::error file=content/a%2Cb%3Ac.md,line=2,col=14,endColumn=20::50%25 of `relux`%0Ais \
             \\u{1b}[2J wrong%0Aexpected: one of relu, tanh%0Ahint: did you mean `relu`?\n"
        );
        let warning = written(
            MessageFormat::Github,
            &Diagnostic::new("a: b").warning(),
            ".",
        );
        assert_eq!(warning, "::warning::a: b\n");
    }
}
