//! Projects made from files in a temporary folder, and builds of them (through the library or
//! the binary).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use nnbook::{BuildOptions, BuildSummary, Error};

use super::run::{nnbook, run, run_within, Run};
use super::tree::write;

/// What [`Project::previous_site`] leaves in `site/`.
pub const PREVIOUS_MARKER: &str = "previous-build.txt";
pub const PREVIOUS_TEXT: &str = "left by a previous, successful build\n";

/// A temporary folder `base` holding the project folder `base/project`, so that there is an
/// outside to watch. Made with [`Project::new`] and the builder methods:
///
/// ```text
/// let p = Project::new().lesson("a.md", text).template("lesson.html", html).config(toml);
/// ```
pub struct Project {
    _tmp: tempfile::TempDir,
    /// The temporary folder (canonical), around the project.
    pub base: PathBuf,
    /// The project folder, `base/project`; it holds `content/`.
    pub root: PathBuf,
}

impl Default for Project {
    fn default() -> Project {
        Project::new()
    }
}

impl Project {
    /// An empty project: a `content/` folder only.
    pub fn new() -> Project {
        let tmp = tempfile::tempdir().expect("tempdir");
        let base = tmp.path().canonicalize().expect("canonical temp dir");
        let root = base.join("project");
        std::fs::create_dir_all(root.join("content")).expect("mkdir content");
        Project {
            _tmp: tmp,
            base,
            root,
        }
    }

    /// A project whose `content/` holds `lessons` (path under `content/`, text).
    pub fn with_lessons(lessons: &[(impl AsRef<str>, impl AsRef<str>)]) -> Project {
        lessons.iter().fold(Project::new(), |p, (rel, text)| {
            p.lesson(rel.as_ref(), text.as_ref())
        })
    }

    /// Add `content/<rel>`.
    pub fn lesson(self, rel: &str, text: impl AsRef<[u8]>) -> Project {
        self.file(&format!("content/{rel}"), text)
    }

    /// Add `templates/<name>`.
    pub fn template(self, name: &str, text: impl AsRef<[u8]>) -> Project {
        self.file(&format!("templates/{name}"), text)
    }

    /// Add `nnbook.toml`.
    pub fn config(self, text: &str) -> Project {
        self.file("nnbook.toml", text)
    }

    /// Add any file (path relative to the project folder).
    pub fn file(self, rel: &str, bytes: impl AsRef<[u8]>) -> Project {
        write(&self.root.join(rel), bytes);
        self
    }

    /// Add a `site/` as a previous, successful build would have left it: a marker file
    /// ([`PREVIOUS_MARKER`]) and an old lesson's page.
    pub fn previous_site(self) -> Project {
        let site = self.site();
        // What every site nnbook builds carries, so that the next build may replace it.
        write(&site.join(nnbook::site::SITE_MARKER), "built by nnbook\n");
        write(&site.join(PREVIOUS_MARKER), PREVIOUS_TEXT);
        write(&site.join("old-lesson/index.html"), "<p>old</p>\n");
        self
    }

    /// The output folder the builds below write, `<root>/site`.
    pub fn site(&self) -> PathBuf {
        self.root.join("site")
    }

    /// The text of a file of the built site.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.site().join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Build through the library into [`Project::site`].
    /// Every name its pages got is one the static template check knows
    /// (`nnbook::site::unlisted_page_names`).
    pub fn build(&self) -> Result<BuildSummary, Error> {
        let built = nnbook::build(&BuildOptions {
            root: self.root.clone(),
            out: self.site(),
            base_url: None,
            force: false,
            drafts: false,
            deny_warnings: false,
        });
        let unlisted = nnbook::site::unlisted_page_names();
        assert!(
            unlisted.is_empty(),
            "add to template_check::PAGE_NAMES: {unlisted:?}"
        );
        built
    }

    /// `nnbook build --root ROOT --out ROOT/site --quiet`, to the end.
    pub fn run_build(&self) -> Run {
        run(&mut build_command(&self.root, &self.site()))
    }

    /// [`Project::run_build`] with its own deadline.
    pub fn run_build_within(&self, deadline: Duration) -> Run {
        run_within(&mut build_command(&self.root, &self.site()), deadline)
    }
}

/// `nnbook build --root ROOT --out OUT --quiet`.
pub fn build_command(root: &Path, out: &Path) -> Command {
    let mut cmd = nnbook();
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .arg("--quiet");
    cmd
}

/// A build of the shipped project (this repository's `content/`) in a temporary folder.
pub struct Shipped {
    _tmp: tempfile::TempDir,
    /// The built site.
    pub site: PathBuf,
}

impl Shipped {
    /// The text of a file of the site.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.site.join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }
}

/// Build the shipped project (with `base_url`, if given) into a fresh temporary folder.
pub fn shipped(base_url: Option<&str>) -> Shipped {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    build_shipped_into(&site, base_url);
    Shipped { _tmp: tmp, site }
}

/// Build the shipped project into `out`.
pub fn build_shipped_into(out: &Path, base_url: Option<&str>) {
    let options = BuildOptions {
        root: PathBuf::from(super::REPO),
        out: out.to_path_buf(),
        base_url: base_url.map(str::to_string),
        force: false,
        drafts: false,
        deny_warnings: false,
    };
    if let Err(e) = nnbook::build(&options) {
        panic!("the shipped project does not build:\n{e}");
    }
    let unlisted = nnbook::site::unlisted_page_names();
    assert!(
        unlisted.is_empty(),
        "add to template_check::PAGE_NAMES: {unlisted:?}"
    );
}

/// `nnbook build --root ROOT --out OUT --quiet`, to the end.
pub fn build_at(root: &Path, out: &Path) -> Run {
    run(&mut build_command(root, out))
}
