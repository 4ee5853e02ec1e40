//! Display labels: what the author calls a node (`label = "顶部节点"`) is what readers see
//! wherever a name is shown (diagram, parameters table, table headers, descriptions); raw
//! signal names never head a table.

use crate::support::{site_figures, Project};

/// The small lesson's network with labels on every node, in a lesson of language `lang`.
fn lesson(top: &str, bottom: &str, output: &str) -> String {
    format!(
        r#"+++
title = "Labels"
+++

```network
input = {{ name = "dosage", label = "剂量", from = 0.0, to = 1.0, samples = 11 }}

[[layer]]
activation = "relu"
nodes = [
  {{ name = "top", label = "{top}", weights = {{ w1 = 1.70 }}, bias = {{ b1 = -0.85 }} }},
  {{ name = "bottom", label = "{bottom}", weights = {{ w2 = 12.6 }}, bias = {{ b2 = 0.00 }} }},
]

[output]
label = "{output}"
activation = "relu"
weights = {{ w3 = -40.8, w4 = 2.70 }}
bias = {{ b3 = -16 }}
```

```parameters
```

```diagram
id = "net"
highlight = ["top", "w3"]
```

```figure
id = "curves"
series = [ {{ signal = "top.w3" }}, {{ signal = "output.activation", label = "Final" }} ]
```

```table
signals = ["top.linear", "top.activation", "top.w3", "output.sum", "output.linear", "output.activation"]
at = [0.5]
```
"#
    )
}

#[test]
fn labels_replace_names_wherever_a_reader_sees_them() {
    let p = Project::new().lesson("l.zh-CN.md", lesson("顶部节点", "底部节点", "药效"));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let page = p.read("zh-CN/l/index.html");
    // The table's headers: the input's label, then each signal as its node's label and what it
    // measures; the output's activation is the output itself.
    let headers: Vec<&str> = page
        .split("<th scope=\"col\">")
        .skip(1)
        .map(|h| &h[..h.find("</th>").unwrap()])
        .collect();
    assert_eq!(
        headers,
        [
            // The parameters table.
            "层",
            "节点",
            "激活函数",
            "权重",
            "偏置",
            // The signals table.
            "剂量",
            "顶部节点：线性项",
            "顶部节点：ReLU 输出",
            "顶部节点 × w3",
            "药效：加权和",
            "药效：线性项",
            "药效",
        ]
    );
    // The parameters table names each node by its label.
    for label in ["顶部节点", "底部节点", "药效"] {
        assert!(
            page.contains(&format!("<td data-label=\"节点\">{label}</td>")),
            "{label} in the parameters table"
        );
    }
    // The diagram: the labels under the circles (the output's label shown), and in its
    // description, the highlighted node too.
    let figures = site_figures(&p.site(), "zh-CN/l/index.html");
    let diagram = &figures["net"].svg;
    for label in ["剂量", "顶部节点", "底部节点", "药效"] {
        assert!(
            diagram.contains(&format!("\">{label}</text>")),
            "{label} under its circle:\n{diagram}"
        );
    }
    assert!(diagram.contains("顶部节点（b1 = −0.85）"), "{diagram}");
    assert!(diagram.contains("高亮：顶部节点、w3。"), "{diagram}");
    // A series without a label is described by its signal's label.
    assert!(
        figures["curves"].svg.contains("顶部节点 × w3（"),
        "{}",
        figures["curves"].svg
    );
    // No node or signal name is left where readers look (the CSV's header keeps them).
    for raw in [
        ">top<",
        ">bottom<",
        ">output<",
        ">top.linear<",
        ">output.activation<",
    ] {
        assert!(!page.contains(raw), "{raw} shown on the page");
    }
}

#[test]
fn without_labels_readers_see_the_names_and_english_words() {
    let text = lesson("top", "bottom", "Efficacy").replace("剂量", "Dosage");
    let p = Project::new().lesson("l.md", text);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let page = p.read("l/index.html");
    for header in [
        "Dosage",
        "top: linear term",
        "top: ReLU output",
        "top × w3",
        "Efficacy: weighted sum",
        "Efficacy: linear term",
        "Efficacy",
    ] {
        assert!(
            page.contains(&format!("<th scope=\"col\">{header}</th>")),
            "header {header}"
        );
    }
}
