//! The page: a lesson's Markdown body rendered to HTML, with its nnbook blocks replaced by their
//! figures, tables and parameter listings, and `{{ ... }}` placeholders filled from the network.

mod autolinks;
mod blocks;
mod code;
mod footnotes;
mod headings;
mod live;
mod math;
mod named;
mod open_math;
mod placeholder;
mod text;
mod training;
mod training_value;

use std::ops::Range;

use math_core::MathDisplay;
use pulldown_cmark::{
    html, BlockQuoteKind, CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd, TextMergeWithOffset,
};

use crate::error::Diagnostic;
use crate::explore;
use crate::figure::{self, Figure};
use crate::highlight;
use crate::i18n::{self, Lang};
use crate::lesson::{Block, BlockKind, DiagramSpec, FigureSpec, Lesson, TrainingFigureSpec};
use crate::markdown::{self, NNBOOK_BLOCKS};

use code::Code;
use headings::Heading;
pub use headings::TocEntry;
use placeholder::{fill, Context};
pub use text::{in_index, SearchText};

pub use math::{MAX_MATH_BYTES, MAX_MATH_NESTING};
pub use named::{name_of, LinkNames};
pub use placeholder::{fill_markdown, fill_placeholders};

/// A lesson's body as HTML, the links it makes (to check them against the site) and its tables'
/// cells (for the notebook).
#[derive(Debug, Clone)]
pub struct Page {
    pub html: String,
    /// Link and image destinations as written, with their byte range in the lesson source.
    pub links: Vec<(String, Range<usize>)>,
    /// The second- and third-level headings, for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Every table's cells, as the page shows them: the notebook writes the same.
    pub tables: Vec<Table>,
    /// The page's words by section, for the site's search index.
    pub text: SearchText,
    /// The titles of its headings and drawings by id, for links without words
    /// ([`named`]): the notebook's say them too.
    pub names: LinkNames,
}

/// A table block's cells as text: its header row and its rows, computed once for the page and
/// the notebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Where the table's fence starts in the lesson source.
    pub at: usize,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Render a lesson's body to HTML. `figures` are the lesson's drawn figures and diagrams (found
/// by id). `lang` is the page's language, for the few words nnbook adds.
pub fn render(lesson: &Lesson, figures: &[Figure], lang: Lang) -> Result<Page, Vec<Diagnostic>> {
    let walk = walked(lesson, figures, lang);
    if !walk.problems.is_empty() {
        return Err(walk.problems);
    }
    // The drawings (and their data) are most of a page: room for them, and twice the prose.
    let drawn: usize = figures
        .iter()
        .map(|f| {
            // (Slack for the caption and the explorable model's share of the figure.)
            f.svg.len() + f.phone.as_ref().map_or(0, |p| p.svg.len()) + f.csv.len() * 3 / 2 + 2048
        })
        .sum();
    let mut html_out = String::with_capacity(lesson.body().len() * 2 + drawn);
    let mut out = autolinks::linked(footnotes::gathered(walk.out, &lesson.footnotes, lang));
    number_regions(&mut out);
    let text = text::of(&out);
    html::push_html(&mut html_out, out.into_iter());
    let model = explore::model_script(lesson, figures, &html_out, lang);
    html_out.push_str(&model);
    Ok(Page {
        html: html_out,
        links: walk.links,
        toc: walk.toc,
        tables: walk.tables,
        text,
        names: walk.names,
    })
}

/// The links a lesson's prose makes, also when it does not render (a LaTeX error): they are
/// checked all the same.
pub fn links(lesson: &Lesson, lang: Lang) -> Vec<(String, Range<usize>)> {
    walked(lesson, &[], lang).links
}

/// The ids a lesson's body gives its page, also when it does not render (a misspelt
/// placeholder): its headings', its drawings', its footnotes' and its raw HTML's, so that a
/// link to one of them (`#the-spike`) is checked all the same.
pub fn ids(lesson: &Lesson, lang: Lang) -> Vec<String> {
    let walk = walked(lesson, &[], lang);
    let mut ids = walk.ids;
    let out = autolinks::linked(footnotes::gathered(walk.out, &lesson.footnotes, lang));
    let mut html = String::new();
    html::push_html(&mut html, out.into_iter());
    ids.extend(markdown::html_ids(&html));
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The lesson's body walked, event by event: its HTML events, links, contents, tables and
/// problems.
fn walked<'a>(lesson: &'a Lesson, figures: &'a [Figure], lang: Lang<'a>) -> Walk<'a> {
    let body = lesson.body();
    let offset = lesson.body_start;
    let events =
        TextMergeWithOffset::new(Parser::new_ext(body, markdown::options()).into_offset_iter());
    let mut walk = Walk {
        lesson,
        figures,
        lang,
        out: Vec::new(),
        skipping: false,
        code: None,
        heading: None,
        // Headings never take an id a drawing uses in the page.
        ids: (lesson.blocks.iter())
            .filter_map(|b| b.kind.drawing())
            .flat_map(|(id, _)| figure::page_ids(id))
            .collect(),
        toc: Vec::new(),
        links: Vec::new(),
        names: named::drawing_names(lesson),
        unnamed: Vec::new(),
        tables: Vec::new(),
        problems: Vec::new(),
        shared_styles: Vec::new(),
        lines: math::Lines::default(),
    };
    for (event, range) in events {
        let range = range.start + offset..range.end + offset;
        // (Raw HTML's links are checked, and a file beside the lesson published, as Markdown's.)
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            let links = markdown::html_links(html).into_iter();
            walk.links.extend(links.map(|dest| (dest, range.clone())));
        }
        walk.event(event, range);
    }
    walk.name_links();
    walk
}

/// The scrolling regions of one kind (tables, formulas, wide diagrams) told apart when a page has
/// more than one: "Table 1", "Table 2", … Screen readers list landmarks by name, and a list of
/// regions all named "Table" says nothing of which is which. Each region opens an event of the
/// page's HTML ([`blocks::REGIONS`]; a diagram's, after its figure's first line), so only
/// those openings are looked at (searching the page for them cost 1 % of a build).
fn number_regions(events: &mut [Event]) {
    let mut found = Vec::new(); // (event, where its name ends, kind)
    for (i, event) in events.iter().enumerate() {
        let (Event::Html(s) | Event::InlineHtml(s)) = event else {
            continue;
        };
        let at = match s.starts_with("<figure") {
            true => memchr::memchr(b'\n', s.as_bytes()).map_or(s.len(), |n| n + 1),
            false => 0,
        };
        let rest = &s[at..];
        if let Some(kind) = blocks::REGIONS.iter().position(|r| rest.starts_with(r)) {
            let name = &rest[blocks::REGIONS[kind].len()..];
            let end = at + blocks::REGIONS[kind].len() + name.find('"').unwrap_or(0);
            found.push((i, end, kind));
        }
    }
    let counts = [0, 1, 2].map(|k| found.iter().filter(|f| f.2 == k).count());
    let mut seen = [0; 3];
    for (i, end, kind) in found.into_iter().filter(|f| counts[f.2] > 1) {
        seen[kind] += 1;
        if let Event::Html(s) | Event::InlineHtml(s) = &mut events[i] {
            *s = CowStr::from(format!("{} {}{}", &s[..end], seen[kind], &s[end..]));
        }
    }
}

/// The opening of one of GitHub's alerts (`> [!NOTE]`): a note, not a quotation, titled in the
/// page's words (`lang`). Its end is a `</div>`.
fn alert(kind: BlockQuoteKind, lang: Lang) -> Event<'static> {
    let key = markdown::alert_key(kind);
    let (class, title) = (key.replace('_', "-"), i18n::html(lang, key));
    Event::Html(CowStr::from(format!(
        "<div class=\"nn-alert nn-{class}\" role=\"note\">\n<p class=\"nn-alert-title\">{title}</p>\n"
    )))
}

/// The walk over a lesson body's Markdown events, turning them into the page's events.
struct Walk<'a> {
    lesson: &'a Lesson,
    figures: &'a [Figure],
    lang: Lang<'a>,
    out: Vec<Event<'a>>,
    /// Inside an nnbook block: its events are skipped (the block's HTML replaces them).
    skipping: bool,
    /// Inside another code block.
    code: Option<Code>,
    heading: Option<Heading>,
    /// The heading ids given so far, to keep them unique.
    ids: Vec<String>,
    toc: Vec<TocEntry>,
    links: Vec<(String, Range<usize>)>,
    /// The titles of the page's drawings and of its headings so far, by id ([`named`]).
    names: LinkNames,
    /// The links without words: where their words go in `out`, their address and place.
    unnamed: Vec<(usize, String, Range<usize>)>,
    tables: Vec<Table>,
    problems: Vec<Diagnostic>,
    /// The shared stylesheets written so far ([`Figure::shared_style`]): each goes into the
    /// first drawing that needs it.
    shared_styles: Vec<&'static str>,
    /// The prose paragraph or tight list item the walk is in, for its formulas over lines.
    lines: math::Lines,
}

impl<'a> Walk<'a> {
    /// Handle one event found at `range` of the lesson source.
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info)))
                if NNBOOK_BLOCKS.contains(&info.split_whitespace().next().unwrap_or("")) =>
            {
                self.skipping = true;
                self.nnbook_block(info, range);
            }
            Event::End(TagEnd::CodeBlock) if self.skipping => self.skipping = false,
            _ if self.skipping => {}
            Event::Start(Tag::CodeBlock(ref kind)) => self.code = Some(Code::opened(kind)),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(code) = self.code.take() {
                    let html = highlight::code_block(&code.lang, &code.text);
                    let html = live::mark_code_values(&html, &code.text, &code.values);
                    self.out.push(Event::Html(CowStr::from(html)));
                }
            }
            Event::Text(text) => self.text(&text, &range),
            ref edge if math::Lines::edge(edge) => {
                let unbalanced = self.lines.at_edge(self.lesson, edge, range);
                self.problems.extend(unbalanced);
                self.out.push(event);
            }
            Event::Code(ref text) => {
                if let Some(h) = self.heading.as_mut() {
                    h.text.push_str(text);
                }
                self.out.push(event);
            }
            Event::InlineMath(latex) | Event::DisplayMath(latex) => self.math(&latex, &range),
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let at = self.out.len();
                self.heading = Some(Heading::new(level as usize, at, (id, classes), range));
                self.out.push(Event::Html(CowStr::from("")));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = self.heading.take() {
                    let (at, closed) = h.closed(&mut self.ids, self.lesson, self.lang);
                    self.out[at] = closed.open;
                    self.out.push(closed.close);
                    self.names.push(closed.name);
                    self.toc.extend(closed.toc);
                    self.problems.extend(closed.problem);
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => self.out.push(alert(kind, self.lang)),
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.out.push(Event::Html("</div>\n".into()))
            }
            Event::Start(Tag::Table(_)) => {
                self.out
                    .push(Event::Html(CowStr::from(blocks::table_wrap(self.lang))));
                self.out.push(event);
            }
            Event::End(TagEnd::Table) => {
                self.out.push(event);
                self.out.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                if dest_url.contains("{{") {
                    self.problems
                        .push(unfilled(self.lesson, &range, "a link's address"));
                }
                self.links.push((dest_url.to_string(), range));
                self.out.push(event);
            }
            Event::End(TagEnd::Link) => self.link_closed(event, range),
            Event::Html(ref html) | Event::InlineHtml(ref html) if html.contains("{{") => {
                self.problems
                    .push(unfilled(self.lesson, &range, "raw HTML"));
            }
            Event::TaskListMarker(done) => self.out.push(blocks::task_marker(done, self.lang)),
            other => self.out.push(other),
        }
    }

    /// A link's end; of a link without words, where they go (found once the page's headings
    /// are known: [`Walk::name_links`]).
    fn link_closed(&mut self, event: Event<'a>, range: Range<usize>) {
        if let Some(dest) = named::opened_link(&self.out) {
            let unnamed = (self.out.len(), dest.to_string(), range);
            self.unnamed.push(unnamed);
            self.out.push(Event::Text(CowStr::from("")));
        }
        self.out.push(event);
    }

    /// Each link of the page without words says the title of the heading or drawing it leads
    /// to ([`named`]); any other is a problem.
    fn name_links(&mut self) {
        for (at, dest, range) in std::mem::take(&mut self.unnamed) {
            match named::name_of(&dest, &self.names) {
                Some(name) => self.out[at] = Event::Text(CowStr::from(name.to_string())),
                None => (self.problems).extend(named::unnamed(self.lesson, &dest, &range, false)),
            }
        }
    }

    /// An nnbook block: its source if marked `source`, then what it renders to.
    fn nnbook_block(&mut self, info: &str, range: Range<usize>) {
        let lesson = self.lesson;
        if info.split_whitespace().any(|w| w == "source") {
            let html = blocks::source_html(&lesson.source.text[range.clone()]);
            self.out.push(Event::Html(CowStr::from(html)));
        }
        let html = match lesson.block_at(range.start).map(|b: &Block| &b.kind) {
            Some(BlockKind::Network | BlockKind::Training(_)) => String::new(),
            None => self.failed_block(range.start),
            Some(
                BlockKind::Figure(FigureSpec {
                    id,
                    caption,
                    caption_span,
                    ..
                })
                | BlockKind::Diagram(DiagramSpec {
                    id,
                    caption,
                    caption_span,
                    ..
                })
                | BlockKind::TrainingFigure(TrainingFigureSpec {
                    id,
                    caption,
                    caption_span,
                    ..
                }),
            ) => self.figure(id, caption, caption_span),
            Some(BlockKind::Table(spec)) => match lesson.network_at(range.start) {
                Some(net) => {
                    let (headers, rows) = blocks::table_cells(net, spec, self.lang);
                    self.table("nn-table", range.start, headers, rows)
                }
                None => String::new(),
            },
            Some(BlockKind::Parameters) => match lesson.network_at(range.start) {
                Some(net) => {
                    blocks::parameters_html(net, self.lang, lesson.explorable(), lesson.precision)
                }
                None => String::new(),
            },
            Some(BlockKind::TrainingTable(spec)) => match lesson.training(&spec.training) {
                Some(t) => {
                    let (headers, rows) = training::table_cells(t, spec, self.lang);
                    self.table("nn-table nn-steps", range.start, headers, rows)
                }
                None => String::new(),
            },
        };
        if !html.is_empty() {
            self.out.push(Event::Html(CowStr::from(html)));
        }
    }

    /// A figure, diagram or training figure with its caption, as HTML; its caption's links
    /// kept to be checked.
    fn figure(&mut self, id: &str, caption: &str, caption_span: &Range<usize>) -> String {
        let lesson = self.lesson;
        let Some(f) = self.figures.iter().find(|f| f.id == id) else {
            // (Not drawn: a lesson with problems, checked. Its caption is checked too.)
            self.caption_checked(caption, caption_span);
            return String::new();
        };
        self.caption_links(caption, caption_span);
        let shared = !f.shared_style.is_empty() && !self.shared_styles.contains(&f.shared_style);
        if shared {
            self.shared_styles.push(f.shared_style);
        }
        blocks::figure_html(lesson, self.lang, (f, shared), caption, caption_span).unwrap_or_else(
            |problems| {
                self.problems.extend(problems);
                String::new()
            },
        )
    }

    /// The links and images of a caption at `span`, kept with the page's to be checked.
    fn caption_links(&mut self, caption: &str, span: &Range<usize>) {
        for event in Parser::new_ext(caption, markdown::options()) {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
                self.links.push((dest_url.to_string(), span.clone()));
            }
        }
    }

    /// A caption at `span` that is not shown (its figure is not drawn, or its block failed),
    /// checked all the same: its placeholders, formulas and links.
    fn caption_checked(&mut self, caption: &str, span: &Range<usize>) {
        self.caption_links(caption, span);
        let checked = blocks::inline_markdown(self.lesson, caption, span, self.lang);
        self.problems.extend(checked.err().into_iter().flatten());
    }

    /// A block that failed at `at` (its problems are reported) renders nothing; its caption
    /// is checked all the same.
    fn failed_block(&mut self, at: usize) -> String {
        let lesson = self.lesson;
        if let Some(c) = (lesson.failed_captions.iter()).find(|c| c.fence_start == at) {
            self.caption_checked(&c.text, &c.span);
        }
        String::new()
    }

    /// A table of `class` at `at` as HTML; its cells kept for the notebook.
    fn table(
        &mut self,
        class: &str,
        at: usize,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    ) -> String {
        let html = blocks::cells_html(class, &headers, &rows, self.lang);
        self.tables.push(Table { at, headers, rows });
        html
    }

    /// Text: prose (placeholders filled with true minus signs) or a code block's (ASCII, or
    /// as written when `verbatim`).
    fn text(&mut self, text: &str, range: &Range<usize>) {
        if let Some(code) = self.code.as_mut() {
            if code.context == Context::Verbatim {
                code.text.push_str(text);
                return;
            }
        }
        if self.code.is_none() {
            self.lines.text(self.lesson, text, range);
            if let Some(unbalanced) = math::unbalanced(self.lesson, text, range) {
                self.problems.push(unbalanced);
                self.lines.reported();
                // The text's placeholders are reported as well.
                if let Err(problems) = placeholder::pieces(self.lesson, text, range, Context::Prose)
                {
                    self.problems.extend(problems);
                }
                return;
            }
        }
        if let Some(code) = self.code.as_mut() {
            if code.context == Context::Code && text.contains("{{") {
                // Each live value's place in the code, for the page's script.
                match placeholder::pieces(self.lesson, text, range, Context::Code) {
                    Ok(pieces) => code.push(pieces),
                    Err(problems) => self.problems.extend(problems),
                }
                return;
            }
            match fill(self.lesson, text, range, code.context) {
                Ok(filled) => code.text.push_str(&filled),
                Err(problems) => self.problems.extend(problems),
            }
            return;
        }
        // A link whose address holds `{{ w1 }}` is not a link (an address has no spaces): its
        // text would be published as written.
        // (Each such address is reported, to its `)` or `>`.)
        let mut addresses: Vec<(usize, &str)> = ["](", "<http", "<mailto:"]
            .iter()
            .flat_map(|a| text.match_indices(a))
            .map(|(i, _)| {
                let rest = &text[i..];
                (
                    i,
                    &rest[..rest.find([')', '>']).map_or(rest.len(), |e| e + 1)],
                )
            })
            .filter(|(_, written)| written.contains("{{"))
            .collect();
        addresses.sort_unstable();
        if let Some(&(address, _)) = addresses.first() {
            let mut from = range.start;
            for (_, written) in &addresses {
                let at = self.lesson.source.find_in(from..range.end, written);
                from = at + written.len();
                self.problems
                    .push(unfilled(self.lesson, &(at..from), "a link's address"));
            }
            // (And the placeholders before it, in the link's text, are checked.)
            let before = &text[..address];
            if let Err(problems) = placeholder::pieces(self.lesson, before, range, Context::Prose) {
                self.problems.extend(problems);
            }
            return;
        }
        match placeholder::prose_events(self.lesson, text, range, self.lang.rtl) {
            Ok((events, plain)) => {
                if let Some(h) = self.heading.as_mut() {
                    h.text.push_str(&plain);
                }
                self.out.extend(events);
            }
            Err(problems) => self.problems.extend(problems),
        }
    }

    /// Inline or display math, as MathML; a display formula scrolls by itself instead of
    /// widening the page.
    fn math(&mut self, latex: &str, range: &Range<usize>) {
        let lesson = self.lesson;
        let display = if math::source_is_display(&lesson.source.text, range) {
            MathDisplay::Block
        } else {
            MathDisplay::Inline
        };
        let converted = math::math_html(lesson, latex, range, display);
        match converted {
            Ok(mathml) => {
                if let Some(h) = self.heading.as_mut() {
                    h.text.push_str(latex);
                }
                let html = if display == MathDisplay::Block {
                    format!(
                        "{}{}\">{mathml}</span>",
                        blocks::REGIONS[1],
                        i18n::html(self.lang, "formula")
                    )
                } else {
                    mathml
                };
                self.out.push(Event::InlineHtml(CowStr::from(html)));
            }
            Err(problems) => self.problems.extend(problems),
        }
    }
}

/// A placeholder where nnbook does not fill one (a link's address, raw HTML), found in the
/// lesson source at `range`: an error, as it would be published as written.
fn unfilled(lesson: &Lesson, range: &Range<usize>, place: &str) -> Diagnostic {
    let source = &lesson.source;
    let at = source.find_in(range.clone(), "{{");
    let rest = source.text.get(at..range.end).unwrap_or("");
    let end = rest.find("}}").map_or(at + 2, |i| at + i + 2);
    source
        .error(at..end, format!("a placeholder in {place} is not filled"))
        .expected("the value written out")
        .hint("placeholders are filled in a lesson's text, captions, code and math")
}
