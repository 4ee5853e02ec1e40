//! `nnbook init`: create a new project that builds at once.

use std::path::Path;

use nnbook::Error;

pub fn run(dir: &Path) -> Result<(), Error> {
    let written = nnbook::scaffold::init(dir)?;
    for path in &written {
        println!("wrote {}", path.display());
    }
    println!(
        "next: cd {} && nnbook build (or nnbook serve)",
        dir.display()
    );
    Ok(())
}
