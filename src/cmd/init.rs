//! `nnbook init`: create a new project that builds at once, or with `--theme` copy the default
//! theme into one.

use std::path::Path;

use nnbook::project::TEMPLATES_DIR;
use nnbook::scaffold::Kept;
use nnbook::Error;

pub fn run(dir: &Path, theme: bool) -> Result<(), Error> {
    let done = nnbook::scaffold::init(dir, theme)?;
    for path in &done.written {
        println!("wrote {}", path.display());
    }
    for (path, kept) in &done.kept {
        let why = match kept {
            Kept::Own => "it is there; nnbook never overwrites a file",
            Kept::Current => "it is there, as this nnbook has it",
            Kept::Earlier => "an earlier nnbook's copy, unchanged: delete it and run this again",
        };
        println!("kept {} ({why})", path.display());
    }
    if done.existing {
        match done.written.is_empty() {
            true => println!("nothing to write: {TEMPLATES_DIR}/ has every file of the theme"),
            false => println!(
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
    println!("next: {cd}nnbook build (or nnbook serve)");
    if !theme {
        println!("the look is nnbook's built-in theme: `nnbook init --theme` copies it into {TEMPLATES_DIR}/ to change");
    }
    Ok(())
}
