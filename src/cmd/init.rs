//! `nnbook init`: create a new project that builds at once.

use std::path::Path;

use nnbook::Error;

pub fn run(dir: &Path) -> Result<(), Error> {
    let written = nnbook::scaffold::init(dir)?;
    for path in &written {
        println!("wrote {}", path.display());
    }
    // (No `cd` into the folder the user is in already.)
    let cd = match dir.to_str() {
        Some("." | "./" | "") => String::new(),
        _ => format!("cd {} && ", dir.display()),
    };
    println!("next: {cd}nnbook build (or nnbook serve)");
    Ok(())
}
