//! The words nnbook itself puts on pages, built in: English and Simplified Chinese. A project
//! gives its own in `nnbook.toml` (`[languages.fr.words]`, [`super::Lang`]).

/// Interface words, also given to templates as `t`: (key, English, Simplified Chinese).
pub const TEXTS: [(&str, &str, &str); 66] = [
    ("lessons", "Lessons", "课程"),
    ("contents", "Contents", "目录"),
    ("previous", "Previous", "上一课"),
    ("next", "Next", "下一课"),
    ("all_lessons", "All lessons", "全部课程"),
    ("tags", "Tags", "标签"),
    ("tags_label", "Tags: ", "标签："),
    ("list_comma", ", ", "、"),
    ("notebook", "Download notebook", "下载 Jupyter Notebook"),
    ("edit", "Edit this page", "编辑此页"),
    // A code block's button (copy.js, through its script element's `data-*`).
    ("copy", "Copy", "复制"),
    ("copied", "Copied", "已复制"),
    ("copy_label", "Copy the code", "复制代码"),
    // The search page (search.html, search.js).
    ("search", "Search", "搜索"),
    ("search_label", "Search the lessons", "搜索课程"),
    (
        "search_none",
        "No lesson has these words.",
        "没有课程包含这些词。",
    ),
    ("search_one", "1 section", "1 个段落"),
    ("search_many", "{count} sections", "{count} 个段落"),
    (
        "search_first",
        "{count} sections, the first {shown} shown",
        "{count} 个段落，显示前 {shown} 个",
    ),
    (
        "search_script",
        "Searching needs JavaScript; every lesson is on the index:",
        "搜索需要 JavaScript；全部课程都在首页：",
    ),
    ("data", "data", "数据"),
    ("built_with", "Built with nnbook", "由 nnbook 生成"),
    ("skip", "Skip to content", "跳到正文"),
    ("languages", "Languages", "语言"),
    ("translations", "Also in:", "其他语言版本："),
    ("anchor", "Link to this section", "链接到本节"),
    ("table", "Table", "表格"),
    ("formula", "Formula", "公式"),
    ("layer", "Layer", "层"),
    ("node", "Node", "节点"),
    ("activation", "Activation", "激活函数"),
    ("weights", "Weights", "权重"),
    ("bias", "Bias", "偏置"),
    ("hidden", "hidden", "隐藏层"),
    ("output", "output", "输出层"),
    ("parameters", "Parameters", "参数"),
    (
        "parameters_comment",
        "The network's parameters, from the lesson's network block.",
        "网络参数，来自本课的 network 块。",
    ),
    ("no_lessons", "No lessons yet.", "还没有课程。"),
    ("not_found", "Page not found", "找不到页面"),
    (
        "not_found_text",
        "There is no page at this address.",
        "这个地址没有页面。",
    ),
    ("preview", "Final figure of the lesson", "本课的最后一张图"),
    ("based_on", "Based on", "原文："),
    // A lesson's dates under its title (front matter `date`, `updated`).
    ("published", "Published", "发布于"),
    ("updated", "Updated", "更新于"),
    // The page at a lesson's earlier address (front matter `aliases`).
    ("moved", "This lesson is now at", "本课已移至"),
    ("by", "by", "作者："),
    ("step", "Step", "步骤"),
    ("step_size", "Step size", "步长"),
    ("other_lessons", "Other pages", "其他页面"),
    ("start", "Start here", "从这里开始"),
    // The sliders' panel on an explorable lesson (explore.js; its title is "parameters").
    ("reset", "Reset", "恢复原值"),
    ("show_controls", "Move the parameters", "调整参数"),
    (
        "controls_hint",
        "Move a slider: every figure and number follows.",
        "移动滑块，所有图表和数字随之更新。",
    ),
    (
        "figure_stale",
        "At these parameters a value is not finite; the figure is not redrawn.",
        "在这些参数下，图中的值不是有限数，图未更新。",
    ),
    ("figures_updated", "Figures updated.", "图表已更新。"),
    // The titles of GitHub's alerts (`> [!NOTE]`), in GitHub's words.
    ("alert_note", "Note", "注意"),
    ("alert_tip", "Tip", "提示"),
    ("alert_important", "Important", "重要"),
    ("alert_warning", "Warning", "警告"),
    ("alert_caution", "Caution", "小心"),
    // Footnotes: the list's name, a reference's and the link back's (each with the number).
    ("footnotes", "Footnotes", "脚注"),
    ("footnote", "Footnote", "脚注"),
    (
        "footnote_back",
        "Back to the text of footnote",
        "返回脚注所在正文",
    ),
    // A task list item's box (`- [x]`), ticked or not.
    ("task_done", "Done", "已完成"),
    ("task_to_do", "To do", "待完成"),
    // A table of the kinks (`at = "kinks"`) when there are none.
    (
        "no_kinks",
        "No kink lies inside the input range.",
        "输入范围内没有拐点。",
    ),
];

/// What nnbook writes about figures and diagrams (the SVG's `<desc>` and the image's alt
/// text), as [`TEXTS`]; `{name}` marks a slot that [`super::sentence`] fills.
pub const SENTENCES: [(&str, &str, &str); 55] = [
    ("figure", "Figure", "图"),
    // (A day is not broken across lines: no-break spaces.)
    ("date", "{day}\u{a0}{month}\u{a0}{year}", "{year}年{month}月{day}日"),
    // The months, as a date names them (by number in Chinese).
    ("january", "January", "1"),
    ("february", "February", "2"),
    ("march", "March", "3"),
    ("april", "April", "4"),
    ("may", "May", "5"),
    ("june", "June", "6"),
    ("july", "July", "7"),
    ("august", "August", "8"),
    ("september", "September", "9"),
    ("october", "October", "10"),
    ("november", "November", "11"),
    ("december", "December", "12"),
    (
        "chart",
        "Line chart over {x} from {from} to {to}.",
        "折线图，横轴为{x}，从 {from} 到 {to}。",
    ),
    (
        "chart_series",
        " {name} ({color}) goes from {first} to {last}; lowest {lo} at {x} {lo_x}, highest {hi} at {x} {hi_x}.",
        "{name}（{color}）从 {first} 变到 {last}；最低 {lo}（{x} {lo_x}），最高 {hi}（{x} {hi_x}）。",
    ),
    ("chart_points", " {label}: {points}.", "{label}：{points}。"),
    ("data_points", "Data points", "数据点"),
    ("list", ", ", "、"),
    ("line", "{color} line", "{color}线"),
    ("blue", "blue", "蓝"),
    ("orange", "orange", "橙"),
    ("green", "green", "绿"),
    ("red", "red", "红"),
    ("purple", "purple", "紫"),
    ("brown", "brown", "棕"),
    ("gray", "gray", "灰"),
    ("black", "black", "黑"),
    ("pink", "pink", "粉"),
    ("olive", "olive", "橄榄"),
    ("cyan", "cyan", "青"),
    ("diagram", "The network", "网络结构"),
    (
        "diagram_desc",
        "Network diagram: the input {input} feeds {layers}. Weights: {weights}.",
        "网络图：输入 {input} 连到{layers}。权重：{weights}。",
    ),
    (
        "diagram_hidden",
        "a hidden layer with {activation} activation: {nodes}",
        "隐藏层（{activation} 激活函数）：{nodes}",
    ),
    (
        "diagram_output",
        "the output with {activation} activation: {nodes}",
        "输出层（{activation} 激活函数）：{nodes}",
    ),
    ("diagram_node", "{name} ({bias})", "{name}（{bias}）"),
    ("diagram_then", ", then ", "，然后连到"),
    ("diagram_edge", "{from} to {to}: {weight}", "{from} 到 {to}：{weight}"),
    ("diagram_edges", "; ", "；"),
    ("diagram_highlight", " Highlighted: {names}.", "高亮：{names}。"),
    ("signal_linear", "{node}: linear term", "{node}：线性项"),
    ("signal_sum", "{node}: weighted sum", "{node}：加权和"),
    (
        "signal_activation",
        "{node}: {activation} output",
        "{node}：{activation} 输出",
    ),
    ("signal_weighted", "{node} × {weight}", "{node} × {weight}"),
    ("new_value", "New {name}", "新的 {name}"),
    ("after_step", "after step {n}", "第 {n} 步后"),
    ("at_start", "at the start", "初始"),
    ("part_of", "Part {part} of {count}", "第 {part} 部分，共 {count} 部分"),
    ("part_n", "Part {part}", "第 {part} 部分"),
    ("tagged", "Lessons tagged “{tag}”", "标签为“{tag}”的课程"),
    ("series_parts", "{count} parts", "共 {count} 部分"),
    ("series_one_part", "1 part", "共 1 部分"),
    (
        "tangents",
        " The tangent line at each of {points}: its slope is the derivative there.",
        "{points} 处画有切线：切线的斜率就是该处的导数。",
    ),
    (
        "training_summary",
        "Training {id} ({params}, learning rate {rate}): {steps} steps; the loss goes from {from} to {to}, and {values}.",
        "训练 {id}（{params}，学习率 {rate}）：{steps} 步；损失从 {from} 降到 {to}，{values}。",
    ),
    ("chart_steps", "Line chart over the steps from {from} to {to}.", "折线图，横轴为步骤，从 {from} 到 {to}。"),
];

/// Whether nnbook has its own words in language `tag`, a column of [`TEXTS`] and
/// [`SENTENCES`]: English and Chinese (`zh`, `zh-CN`, ...).
pub fn built_in_language(tag: &str) -> bool {
    matches!(primary(tag), "en" | "zh")
}

/// An entry's text in a language: Chinese for `zh` tags, English for every other.
pub fn pick(tag: &str, entry: &(&str, &'static str, &'static str)) -> &'static str {
    match primary(tag) {
        "zh" => entry.2,
        _ => entry.1,
    }
}

/// A language tag's first part: `zh` of `zh-CN`.
fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}
