//! `nnbook words`: print every word nnbook puts on a language's pages, as a table for
//! `nnbook.toml` to translate.

use std::path::Path;

use nnbook::Error;

pub fn run(root: &Path, lang: &str) -> Result<(), Error> {
    let table = nnbook::site::words_table(root, lang)?;
    super::say!("{}", table.trim_end());
    Ok(())
}
