//! nnbook: a static-site generator for visual neural-network tutorials.
//!
//! Data flows one way, one module per stage, and no module imports one that imports it back
//! (`tests/testsuite/architecture.rs` checks it):
//! [`content`] (find files) -> [`lesson`] (front matter and blocks, parsed and validated) ->
//! [`network`] (evaluate signals over the input range) -> [`figure`] and [`diagram`] (SVG,
//! CSV) -> [`page`] (Markdown to HTML) and [`notebook`] -> [`render`] (one lesson, without a
//! theme) -> [`site`] (templates, output). [`serve`] and [`scaffold`] are the authoring front
//! ends. Below them all sit the shared helpers [`text`], [`error`] (and [`message_format`], how
//! the commands write problems for other programs), [`markdown`], [`project`], [`i18n`] and
//! [`media_type`], which import no stage. `ARCHITECTURE.md` has the map.

// Shared helpers.
pub mod error;
pub mod i18n;
pub mod markdown;
pub mod media_type;
pub mod message_format;
pub mod project;
pub mod text;

// The stages, in data-flow order.
pub mod content;
pub mod diagram;
pub mod explore;
pub mod figure;
pub mod highlight;
pub mod lesson;
pub mod network;
pub mod notebook;
pub mod page;
pub mod render;
pub mod site;

// The authoring front ends.
pub mod scaffold;
pub mod serve;

pub use error::{Diagnostic, Error};
pub use site::{build, check, BuildOptions, BuildSummary, Builder};
