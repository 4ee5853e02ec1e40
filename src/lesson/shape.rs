//! A block's TOML read for its shape alone (its fields' names and types), for a block that
//! is not parsed because what it needs is broken: its problems come in the same run.

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;

use super::{figure_block, table_block, toml, training_block, training_view};

/// The problems of a block's TOML on its own (its fields' names and types), for a block that
/// is not parsed because the network or training it needs is broken: they are reported in the
/// same run as the broken block's.
pub fn toml_problems(source: &SourceFile, fence: &Fence) -> Vec<Diagnostic> {
    fn read<T: serde::de::DeserializeOwned>(
        s: &SourceFile,
        f: &Fence,
        what: &str,
    ) -> Vec<Diagnostic> {
        toml::from_block::<T>(s, f, what).map_or_else(|p| p, |(_, p)| p.into_vec())
    }
    let (s, f) = (source, fence);
    match fence.kind.as_str() {
        "figure" => read::<figure_block::RawFigure>(s, f, "figure block"),
        "diagram" => read::<figure_block::RawDiagram>(s, f, "diagram block"),
        "table" => read::<table_block::RawTable>(s, f, "table block"),
        "parameters" => read::<table_block::RawParameters>(s, f, "parameters block"),
        "training" => read::<training_block::RawTraining>(s, f, "training block"),
        "training-figure" => read::<training_view::RawFigure>(s, f, "training-figure block"),
        "training-table" => read::<training_view::RawTable>(s, f, "training-table block"),
        _ => Vec::new(),
    }
}
