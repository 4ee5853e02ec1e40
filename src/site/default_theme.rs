//! The default theme, embedded in the binary: its templates, its scripts and stylesheets as
//! served (made compact when nnbook is compiled), and its other files (the math font).

/// The default theme, embedded in the binary. A project's `templates/` folder overrides any of
/// these files by name and may add more.
pub const DEFAULT_TEMPLATES: [(&str, &str); 15] = [
    ("404.html", include_str!("../../templates/404.html")),
    ("base.html", include_str!("../../templates/base.html")),
    ("copy.js", include_str!("../../templates/copy.js")),
    ("explore.js", include_str!("../../templates/explore.js")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
    ("index.css", include_str!("../../templates/index.css")),
    ("index.html", include_str!("../../templates/index.html")),
    ("lesson.html", include_str!("../../templates/lesson.html")),
    ("rtl.css", include_str!("../../templates/rtl.css")),
    ("search.css", include_str!("../../templates/search.css")),
    ("search.html", include_str!("../../templates/search.html")),
    ("search.js", include_str!("../../templates/search.js")),
    ("style.css", include_str!("../../templates/style.css")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("toc.js", include_str!("../../templates/toc.js")),
];

/// The default theme's scripts and stylesheets as the site serves them: made compact when
/// nnbook is compiled (`build.rs`, with `compact.rs`). A project's unchanged copy of one is
/// served so too; its own are served as written.
pub(super) const SERVED: [(&str, &str); 8] = [
    (
        "copy.js",
        include_str!(concat!(env!("OUT_DIR"), "/copy.js")),
    ),
    (
        "explore.js",
        include_str!(concat!(env!("OUT_DIR"), "/explore.js")),
    ),
    ("toc.js", include_str!(concat!(env!("OUT_DIR"), "/toc.js"))),
    (
        "search.js",
        include_str!(concat!(env!("OUT_DIR"), "/search.js")),
    ),
    (
        "search.css",
        include_str!(concat!(env!("OUT_DIR"), "/search.css")),
    ),
    (
        "style.css",
        include_str!(concat!(env!("OUT_DIR"), "/style.css")),
    ),
    (
        "index.css",
        include_str!(concat!(env!("OUT_DIR"), "/index.css")),
    ),
    (
        "rtl.css",
        include_str!(concat!(env!("OUT_DIR"), "/rtl.css")),
    ),
];

/// Files of the default theme that are not templates: the math font `style.css` names (a
/// subset of DejaVu Math TeX Gyre cut into files by Unicode range, made by
/// `src/font/subset-math.py`) and its licence. A project's `templates/` may override them by
/// name like any other file.
pub const DEFAULT_ASSETS: [(&str, &[u8]); 6] = [
    ("math-core.woff2", include_bytes!("../font/math-core.woff2")),
    (
        "math-greek.woff2",
        include_bytes!("../font/math-greek.woff2"),
    ),
    (
        "math-latin.woff2",
        include_bytes!("../font/math-latin.woff2"),
    ),
    (
        "math-alphabets.woff2",
        include_bytes!("../font/math-alphabets.woff2"),
    ),
    (
        "math-symbols.woff2",
        include_bytes!("../font/math-symbols.woff2"),
    ),
    (
        "math-font-license.txt",
        include_bytes!("../font/LICENSE-math.txt"),
    ),
];
