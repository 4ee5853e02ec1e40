//! Samples shared by the figures of a lesson, with every number also written as text once (for
//! the CSV files that list it), and what one figure draws of them.

use crate::network::Samples;
use crate::text::push_number;

/// Signals sampled for one or more figures, each number also written as text once, for every
/// CSV file that lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampled {
    samples: Samples,
    /// The inputs, then each signal's values.
    written: Vec<Written>,
}

impl Sampled {
    pub fn new(samples: Samples) -> Sampled {
        let written = std::iter::once(&samples.inputs)
            .chain(&samples.values)
            .map(|column| Written::new(column))
            .collect();
        Sampled { samples, written }
    }

    /// What a figure showing signals `columns` (indexes into the samples, in the figure's
    /// order) draws.
    pub fn data(&self, columns: &[usize]) -> Data<'_> {
        Data {
            inputs: &self.samples.inputs,
            columns: columns
                .iter()
                .map(|&c| self.samples.values[c].as_slice())
                .collect(),
            text: std::iter::once(&self.written[0])
                .chain(columns.iter().map(|&c| &self.written[c + 1]))
                .collect(),
        }
    }
}

/// Numbers written out as text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Written {
    pub(super) text: String,
    pub(super) ends: Vec<usize>,
}

impl Written {
    fn new(values: &[f64]) -> Written {
        let mut text = String::with_capacity(values.len() * 12);
        let mut ends = Vec::with_capacity(values.len());
        for &v in values {
            push_number(&mut text, v);
            ends.push(text.len());
        }
        Written { text, ends }
    }

    pub(super) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// What one figure draws: the sampled inputs, one column of values per series (in the
/// figure's order), and the same numbers as text (made by [`Sampled::data`]).
#[derive(Debug, Clone)]
pub struct Data<'a> {
    pub(super) inputs: &'a [f64],
    pub(super) columns: Vec<&'a [f64]>,
    /// The inputs, then each column.
    pub(super) text: Vec<&'a Written>,
}
