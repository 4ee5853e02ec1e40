//! nnbook's words in English, the reference: every other language gives the same words in the
//! same order, and the same `{slots}` in each (a test checks).

pub const WORDS: [(&str, &str); 122] = [
    // Interface words, also given to templates as `t` (the first `TEXT_COUNT`).
    // The index's title and the name of the lesson pages' navigation.
    ("lessons", "Lessons"),
    ("contents", "Contents"),
    // A lesson page's links to its neighbours in the series.
    ("previous", "Previous"),
    ("next", "Next"),
    ("all_lessons", "All lessons"),
    ("tags", "Tags"),
    // Before a lesson's tags, "Tags: ReLU, activation functions" (`list_comma` between them).
    ("tags_label", "Tags: "),
    ("list_comma", ", "),
    // The link that downloads the lesson as a Jupyter notebook.
    ("notebook", "Download notebook"),
    ("edit", "Edit this page"),
    // A code block's button (copy.js, through its script element's `data-*`).
    ("copy", "Copy"),
    ("copied", "Copied"),
    ("copy_label", "Copy the code"),
    // The search page (search.html, search.js).
    ("search", "Search"),
    ("search_label", "Search the lessons"),
    ("search_none", "No lesson has these words."),
    ("search_one", "1 section"),
    ("search_many", "{count} sections"),
    ("search_first", "{count} sections, the first {shown} shown"),
    ("search_script", "Searching needs JavaScript; every lesson is on the index:"),
    // The link under a figure that saves its data as CSV.
    ("data", "data"),
    ("built_with", "Built with nnbook"),
    // The skip link, the first thing a keyboard reaches.
    ("skip", "Skip to content"),
    ("languages", "Languages"),
    // Before the links to a lesson's other languages: "Also in: 简体中文".
    ("translations", "Also in:"),
    // A heading's anchor link, for screen readers.
    ("anchor", "Link to this section"),
    // The name of a wide table's scrolling region, for screen readers ("Table 2" where there are
    // several).
    ("table", "Table"),
    ("formula", "Formula"),
    // The parameters table's columns (layer, node, activation, weights, bias) and its layers'
    // names: "hidden 1", "output".
    ("layer", "Layer"),
    ("node", "Node"),
    ("activation", "Activation"),
    ("weights", "Weights"),
    ("bias", "Bias"),
    ("hidden", "hidden"),
    ("output", "output"),
    // The parameters table's and the sliders' panel's title.
    ("parameters", "Parameters"),
    // The comment above the parameters in the notebook's Python code.
    ("parameters_comment", "The network's parameters, from the lesson's network block."),
    ("no_lessons", "No lessons yet."),
    ("not_found", "Page not found"),
    ("not_found_text", "There is no page at this address."),
    // Before a lesson's title, naming its preview image on the index ("Final figure of the lesson:
    // ReLU").
    ("preview", "Final figure of the lesson"),
    // Before the work a lesson follows, under its title: "Based on <title> by <author>".
    ("based_on", "Based on"),
    // A lesson's dates under its title (front matter `date`, `updated`).
    ("published", "Published"),
    ("updated", "Updated"),
    // The page at a lesson's earlier address (front matter `aliases`).
    // The page at a lesson's earlier address, before the link to where it is now.
    ("moved", "This lesson is now at"),
    // Before the author of the work a lesson follows.
    ("by", "by"),
    // A training's step, as the column and axis title of its tables and figures.
    ("step", "Step"),
    // A training table's column: the step taken, the learning rate times the slope.
    ("step_size", "Step size"),
    // The index's heading over the lessons outside any series.
    ("other_lessons", "Other pages"),
    // The index's button to the first lesson: "Start here → Inside the black box".
    ("start", "Start here"),
    // The sliders' panel on an explorable lesson (explore.js; its title is "parameters").
    ("reset", "Reset"),
    ("show_controls", "Move the parameters"),
    ("controls_hint", "Move a slider: every figure and number follows."),
    // Shown over a figure when the sliders make a value not finite.
    ("figure_stale", "At these parameters a value is not finite; the figure is not redrawn."),
    // Said once by screen readers after the sliders redrew the figures.
    ("figures_updated", "Figures updated."),
    // The titles of GitHub's alerts (`> [!NOTE]`), in GitHub's words.
    ("alert_note", "Note"),
    ("alert_tip", "Tip"),
    ("alert_important", "Important"),
    ("alert_warning", "Warning"),
    ("alert_caution", "Caution"),
    // Footnotes: the list's name, a reference's and the link back's (each with the number).
    ("footnotes", "Footnotes"),
    ("footnote", "Footnote"),
    ("footnote_back", "Back to the text of footnote"),
    // A task list item's box (`- [x]`), ticked or not.
    ("task_done", "Done"),
    ("task_to_do", "To do"),
    // A table of the kinks (`at = "kinks"`) when there are none.
    ("no_kinks", "No kink lies inside the input range."),
    // What nnbook writes about figures and diagrams (the SVG's `<desc>` and the image's alt
    // text); `{name}` marks a slot that `i18n::sentence` fills.
    // A figure's accessible name when it has no title.
    ("figure", "Figure"),
    // (A day is not broken across lines: no-break spaces.)
    // A day as a date is written, with its month's name below.
    ("date", "{day}\u{a0}{month}\u{a0}{year}"),
    // The months, as a date names them (by number in Chinese).
    ("january", "January"),
    ("february", "February"),
    ("march", "March"),
    ("april", "April"),
    ("may", "May"),
    ("june", "June"),
    ("july", "July"),
    ("august", "August"),
    ("september", "September"),
    ("october", "October"),
    ("november", "November"),
    ("december", "December"),
    // The first day of a month, as `date` writes it (`{day}`): an ordinal in some languages
    // (French "1er").
    ("day_one", "1"),
    // The first sentence of a line chart's description, for screen readers: `{x}` the input's
    // label.
    ("chart", "Line chart over {x} from {from} to {to}."),
    // One sentence per line of the chart, after `chart` (it starts with a space).
    ("chart_series", " {name} ({color}) goes from {first} to {last}; lowest {lo} at {x} {lo_x}, highest {hi} at {x} {hi_x}."),
    // The data points drawn on a chart: `{label}` their name, `{points}` the list.
    ("chart_points", " {label}: {points}."),
    ("data_points", "Data points"),
    ("list", ", "),
    // A series' name when it has no label: "blue line", from the colours below.
    ("line", "{color} line"),
    ("blue", "blue"),
    ("orange", "orange"),
    ("green", "green"),
    ("red", "red"),
    ("purple", "purple"),
    ("brown", "brown"),
    ("gray", "gray"),
    ("black", "black"),
    ("pink", "pink"),
    ("olive", "olive"),
    ("cyan", "cyan"),
    // A network diagram's accessible name.
    ("diagram", "The network"),
    // A network diagram's description; `{layers}` is `diagram_hidden` and `diagram_output` joined
    // by `diagram_then`.
    ("diagram_desc", "Network diagram: the input {input} feeds {layers}. Weights: {weights}."),
    ("diagram_hidden", "a hidden layer with {activation} activation: {nodes}"),
    ("diagram_output", "the output with {activation} activation: {nodes}"),
    // A node with its bias, in `{nodes}` above.
    ("diagram_node", "{name} ({bias})"),
    ("diagram_then", ", then "),
    // A connection with its weight, in `{weights}` (joined by `diagram_edges`).
    ("diagram_edge", "{from} to {to}: {weight}"),
    ("diagram_edges", "; "),
    ("diagram_highlight", " Highlighted: {names}."),
    // A series' name from its signal ("Top node: weighted sum"): `{node}` the node's label,
    // `{activation}` its function's name.
    ("signal_linear", "{node}: linear term"),
    ("signal_sum", "{node}: weighted sum"),
    ("signal_activation", "{node}: {activation} output"),
    ("signal_weighted", "{node} × {weight}"),
    // A training table's column: the parameter's value after the step (`{name}` its name, `b3`).
    ("new_value", "New {name}"),
    // A training figure's series after step `{n}`; `at_start` before the first step.
    ("after_step", "after step {n}"),
    ("at_start", "at the start"),
    // A lesson's place in its series, under its title.
    ("part_of", "Part {part} of {count}"),
    ("part_n", "Part {part}"),
    // The title of a tag's page: the lessons with tag `{tag}`.
    ("tagged", "Lessons tagged “{tag}”"),
    // How many parts a series has, beside its name on the index.
    ("series_parts", "{count} parts"),
    ("series_one_part", "1 part"),
    // Added to a chart's description when it draws tangent lines at some points.
    ("tangents", " The tangent line at each of {points}: its slope is the derivative there."),
    // A training's description, for screen readers: its `{params}`, learning `{rate}`, `{steps}`,
    // the loss `{from}` and `{to}`, and the parameters' final `{values}`.
    ("training_summary", "Training {id} ({params}, learning rate {rate}): {steps} steps; the loss goes from {from} to {to}, and {values}."),
    // The first sentence of a training figure's description (over the steps).
    ("chart_steps", "Line chart over the steps from {from} to {to}."),
];
