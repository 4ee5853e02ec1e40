//! `nnbook init`: create a new project that builds at once, or with `--theme` copy the default
//! theme into one.

use std::path::Path;

use nnbook::project::TEMPLATES_DIR;
use nnbook::scaffold::Kept;
use nnbook::Error;

pub fn run(dir: &Path, theme: bool) -> Result<(), Error> {
    let done = nnbook::scaffold::init(dir, theme)?;
    for path in &done.written {
        super::say!("wrote {}", super::shown(path));
    }
    if !done.unignored.is_empty() {
        let path = dir.join(".gitignore");
        let gitignore = super::shown(&path);
        let lines = done.unignored.join(" and ");
        super::say!("note: {gitignore} is yours, left as it is: add {lines} to it, so that git ignores what nnbook builds");
    }
    for (path, kept) in &done.kept {
        let why = match kept {
            Kept::Own => "it is there; nnbook never overwrites a file",
            Kept::Current => "it is there, as this nnbook has it",
            Kept::Earlier => "an earlier nnbook's copy, unchanged: delete it and run this again",
        };
        super::say!("kept {} ({why})", super::shown(path));
    }
    if done.existing {
        match done.written.is_empty() {
            true => super::say!("nothing to write: {TEMPLATES_DIR}/ has every file of the theme"),
            false => super::say!(
                "next: change what you like in {TEMPLATES_DIR}/, and delete the files you leave \
                 as they are: nnbook's built-in ones keep up with it"
            ),
        }
        return Ok(());
    }
    // (No `cd` into the folder the user is in already.)
    let cd = match dir.to_str() {
        Some("." | "./" | "") => String::new(),
        _ => format!("cd {} && ", dir.display()),
    };
    super::say!("next: {cd}nnbook build (or nnbook serve)");
    if !theme {
        super::say!("the look is nnbook's built-in theme: `nnbook init --theme` copies it into {TEMPLATES_DIR}/ to change");
    }
    Ok(())
}
