//! The theme's templates: a broken tag, an unknown variable, a tag left open.

use super::template_error;

#[test]
fn broken_template_tag() {
    template_error("broken_if.html", "{% if %}");
}

#[test]
fn unknown_template_variable() {
    let error = template_error("unknown_variable.html", "{{ lesson.titel }}");
    assert!(
        error.diagnostics[0].message.contains("lesson.titel"),
        "{error}"
    );
}

/// `{{ lesson.title }}` on the line before must not be taken for `{{ title }}`.
#[test]
fn unknown_template_variable_whose_name_appears_earlier() {
    template_error("unknown_variable_reused_word.html", "{{ title }}");
}

/// A template tag left open was reported on the next line (26:6 for a mistake on line 25).
#[test]
fn a_template_tag_left_open_is_reported_where_it_opens() {
    let error = template_error("tag_left_open.html", "{% if prev or next");
    assert!(
        error.diagnostics[0].message.contains("is not closed"),
        "{error}"
    );
}
