//! The default theme's scripts and stylesheets made compact once, when nnbook is compiled
//! (`src/site/compact.rs`, with `rename.rs` and `arrows.rs`: comments and needless whitespace
//! left out, a script's local names made short, its anonymous functions written as arrows).
//! Every build serves these texts as they are (`src/site/theme.rs`, `SERVED`): compacting them
//! took a tenth of building the shipped site.

use std::path::PathBuf;
use std::{env, fs};

#[allow(dead_code)]
#[path = "src/site/rename.rs"]
mod rename;

#[allow(dead_code)]
#[path = "src/site/arrows.rs"]
mod arrows;

#[allow(dead_code)]
#[path = "src/site/compact.rs"]
mod compact;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for source in [
        "src/site/rename.rs",
        "src/site/arrows.rs",
        "src/site/compact.rs",
        "templates",
    ] {
        println!("cargo:rerun-if-changed={source}");
    }
    // Every script and stylesheet of the theme: `src/site/theme.rs`'s `SERVED` names them, and
    // its test checks that each is served as made here.
    for entry in fs::read_dir("templates").expect("the theme's folder") {
        let path = entry.expect("a file of the theme").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let compacted = match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("js") => compact::script,
            Some("css") => compact::style,
            _ => continue,
        };
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        fs::write(out.join(name), compacted(&text)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
