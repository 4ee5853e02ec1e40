//! `nnbook serve`: serve the site with live reload while the author edits.

use nnbook::serve::ServeOptions;
use nnbook::Error;

pub fn run(options: &ServeOptions) -> Result<(), Error> {
    nnbook::serve::run(options).map_err(Error::from)
}
