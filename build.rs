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

/// The theme's files served compact (`templates/`); `src/site/theme.rs` names the same.
const COMPACTED: [&str; 5] = ["copy.js", "explore.js", "toc.js", "style.css", "index.css"];

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for source in [
        "src/site/rename.rs",
        "src/site/arrows.rs",
        "src/site/compact.rs",
    ] {
        println!("cargo:rerun-if-changed={source}");
    }
    for name in COMPACTED {
        let path = format!("templates/{name}");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let served = if name.ends_with(".js") {
            compact::script(&text)
        } else {
            compact::style(&text)
        };
        fs::write(out.join(name), served).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
