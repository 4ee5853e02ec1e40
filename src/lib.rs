//! nnbook: a static-site generator for visual neural-network tutorials.
//!
//! Data flows one way, one module per stage:
//! [`content`] (find files) -> [`lesson`] (front matter and blocks, parsed and validated) ->
//! [`network`] (evaluate signals over the input range) -> [`figure`] (SVG, CSV) ->
//! [`page`] (Markdown to HTML) -> [`site`] (templates, write the output).

pub mod content;
pub mod diagram;
pub mod error;
pub mod figure;
pub mod highlight;
pub mod i18n;
pub mod lesson;
pub mod network;
pub mod notebook;
pub mod page;
pub mod scaffold;
pub mod serve;
pub mod site;

pub use error::{Diagnostic, Error};
pub use site::{build, check, BuildOptions, BuildSummary, Builder};
