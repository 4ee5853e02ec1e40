//! `nnbook new`: write a new lesson from a starter that builds.

use std::path::Path;

use nnbook::Error;

pub fn run(root: &Path, title: &str) -> Result<(), Error> {
    let path = nnbook::scaffold::new_lesson(root, title)?;
    println!("wrote {}", path.display());
    Ok(())
}
