//! Signals named in blocks and placeholders (`top.activation`), resolved against the network.

use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::network::{Network, Signal};
use crate::text::did_you_mean;

pub fn resolve_signal(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    name: &Spanned<String>,
) -> Result<Signal, Diagnostic> {
    net.signal(name.get_ref()).ok_or_else(|| {
        unknown_signal(
            source.error(fence.source_span(name.span()), ""),
            net,
            name.get_ref(),
        )
    })
}

/// Complete a diagnostic about an unknown signal name with the known ones.
pub fn unknown_signal(d: Diagnostic, net: &Network, name: &str) -> Diagnostic {
    let known = net.signal_names();
    let d = Diagnostic {
        message: format!("signal `{name}` does not exist"),
        ..d
    }
    .expected(format!("one of {}", known.join(", ")));
    match did_you_mean(name, known.iter().map(String::as_str)) {
        Some(hint) => d.hint(hint),
        None => d.hint("signals are `<node>.linear`, `<node>.activation`, `<node>.<outgoing weight>`, `<output>.sum` and `input`"),
    }
}
