//! `nnbook new`: write a new lesson from a starter that builds.

use std::path::Path;

use nnbook::Error;

pub fn run(root: &Path, title: &str, series: Option<&str>) -> Result<(), Error> {
    let new = nnbook::scaffold::new_lesson(root, title, series)?;
    let path = new.path;
    match (new.part, series) {
        (Some(part), Some(series)) => {
            super::say!(
                "wrote {} (part {part} of \"{}\")",
                super::shown(&path),
                series.trim()
            )
        }
        _ => super::say!("wrote {}", super::shown(&path)),
    }
    if let Some(day) = &new.date {
        super::say!("note: dated today, {day} (UTC), for the site's feed");
    }
    if let Some(started) = new.new_series {
        let nearest =
            (started.closest).map_or(String::new(), |c| format!(": did you mean \"{c}\"?"));
        super::say!("note: no lesson was in this series yet, so this is its part 1{nearest}");
    }
    let slug = nnbook::scaffold::slugify(title);
    let first = path.with_file_name(format!("{slug}.md"));
    if first != path {
        super::say!(
            "note: {} exists, so this lesson took the next free name: rename it, or set \
             `slug = \"...\"` in its front matter (the page's address)",
            super::shown(&first)
        );
    }
    // A title in Chinese, say, gives the file (and the page's address) no name of its own.
    // (`lesson` is the name of a title without letters, unless the title has the word.)
    if slug == "lesson" && !title.to_lowercase().contains("lesson") {
        super::say!(
            "note: the title has no Latin or Cyrillic letters or digits to name the file after: \
             rename it, or set `slug = \"...\"` in its front matter (the page's address)"
        );
    }
    Ok(())
}
