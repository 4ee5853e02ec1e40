//! nnbook's integration tests: one test binary (it links the library once), one module per
//! topic, and the shared harness in `tests/support/` (mdBook's layout).
//!
//! | module | what it covers |
//! |---|---|
//! | `numbers` | the network's values against independent ones (the article, by hand, StatQuest) |
//! | `training` | loss, backpropagated gradient and gradient descent against StatQuest and finite differences |
//! | `training_blocks` | the training blocks and placeholders in a lesson (StatQuest's numbers), series, every training mistake located and snapshotted |
//! | `legends` | no legend covers a line or point (shipped and random figures, both canvases); points are rings |
//! | `site` | the shipped site: pages, figures, CSV data, links, reproducible output |
//! | `reader` | MathML, languages, descriptions, sitemap/404/Open Graph, diagrams, notebooks |
//! | `notebooks` | every figure and diagram saved in the notebook, code written for figures without the lesson's, no HTML entities in Markdown cells |
//! | `pages` | per-language title and description, a 404 per language with links that work without a base URL, a lesson's source linked under its title |
//! | `labels` | nodes' display labels wherever readers see a name; no raw signal name heads a table |
//! | `diagnostics` | insta snapshots of rendered diagnostics written inline |
//! | `one_run` | what a broken lesson used to hide: its links, the placeholders behind a broken network |
//! | `wording` | diagnostics the author reviews found unclear, as they now read |
//! | `list_items` | an item of the wrong type in a list stands in where it is, or is taken out; a data point is two numbers |
//! | `invalid` | one mistake per fixture (`tests/fixtures/invalid/`, caret marked with `‸`), templates, the previous site untouched, the binary's exit code |
//! | `guide` | the authoring guide quotes exactly what nnbook prints |
//! | `scaffold` | `init` and `new`; the embedded theme and overrides |
//! | `no_panic` | truncated and mangled lessons, extreme numbers: no panic, no hang |
//! | `fuzz_regressions` | the fuzzers' findings give their known outcome, quickly |
//! | `serve` | `nnbook serve` end to end |
//! | `robust_kill` | builds killed at any moment leave a whole site |
//! | `output_safety` | stale output, failed builds, output links, refused output folders |
//! | `slugs` | unsafe and duplicate slugs and figure ids |
//! | `file_names` | symbolic links, loops, names that are not UTF-8 |
//! | `escaping` | values never become markup; SVGs stay well-formed XML |
//! | `limits` | every limit is a located error that writes nothing |
//! | `deep_nesting` | 100,000-deep Markdown, TOML and math |
//! | `terminal` | no control characters reach the terminal |
//! | `words` | a project's words for a language (`[languages.fr.words]`) on every page, never markup; unknown words and slots; `nnbook words` |
//! | `architecture` | the modules import one way; no file over 600 lines, no function over 80 |
//!
//! Run one topic with `cargo test --test testsuite limits::`, one test by its name.
//! Update the diagnostic snapshots (`snapshots/`) with
//! `INSTA_UPDATE=always cargo test --test testsuite` and review every line:column and underline
//! by hand before committing them.

#[path = "../support/mod.rs"]
mod support;

// The shipped project and the library's numbers.
mod aliases;
mod arithmetic;
mod controls;
mod extra;
mod feeds;
mod labels;
mod legends;
mod link_words;
mod linked_files;
mod notebooks;
mod numbers;
mod pages;
mod prose_markup;
mod reader;
mod search;
mod site;
mod tags;
mod training;
mod training_blocks;
mod training_steps;

// Authoring: projects made by the CLI, the guide's quoted messages, diagnostics.
mod block_names;
mod diagnostics;
mod direction;
mod drafts;
mod fragments;
mod guide;
mod habits;
mod invalid;
mod list_items;
mod message_formats;
mod one_run;
mod scaffold;
mod template_check;
mod theme_warnings;
mod wording;
mod words;
mod wrong_types;

// Never a panic or a hang, whatever the input.
mod fuzz_regressions;
mod no_panic;

// The shape of the code (ARCHITECTURE.md's rules).
mod architecture;

// `nnbook serve`, end to end.
mod serve;

// Trustworthy under faults and hostile input (issue 6); these run the binary, so that a crash
// shows as a signal instead of taking the test harness down.
#[cfg(unix)]
mod clean;
#[cfg(unix)]
mod deep_nesting;
#[cfg(unix)]
mod escaping;
#[cfg(unix)]
mod file_names;
#[cfg(unix)]
mod limits;
#[cfg(unix)]
mod output_safety;
#[cfg(unix)]
mod robust_kill;
#[cfg(unix)]
mod slugs;
#[cfg(unix)]
mod terminal;
