//! A script's local names made short: every variable, parameter and function a function of the
//! script declares gets a name of one or two characters, the most used the shortest. The
//! built-in `explore.js` loses about 6 KB as served (690 bytes gzipped).
//!
//! The renaming is safe by construction, not by a list of globals: a variable is renamed only
//! if every one of its uses is a declaration inside a function or a reference that one of those
//! declarations binds (scopes are followed as ES5 defines them: `var`, parameters and function
//! names belong to their function). A variable that is anywhere a global or a top-level
//! declaration (which the page's other scripts could read) keeps its name everywhere; properties
//! (`a.name`), object keys and labels are no variables and keep theirs. Each renamed name maps
//! to one new name that is no word of the script and no keyword, so the new program binds
//! exactly as the old one did.
//!
//! It reads ES5, which the theme's scripts are written in. A script with anything it does not
//! follow (`let`, `const`, arrows, template literals, classes, modules, `eval`, `with`,
//! destructuring, default parameters) is served with its names as written. One ES2015 form it
//! does not notice: a shorthand property (`{ value }`), whose variable would be renamed with its
//! key. The theme's scripts write `{ value: value }`; the browser tests run the served scripts.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the names are the theme's own and short; SipHash's defence against chosen keys was
/// most of this pass's time (it runs in every build).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Names<'a> = HashSet<&'a [u8], BuildHasherDefault<Fnv>>;
type ByName<'a, T> = HashMap<&'a [u8], T, BuildHasherDefault<Fnv>>;

/// A token of a squeezed script, by its bytes in it.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A name, keyword or number.
    Word,
    /// One byte of punctuation.
    Punct,
    /// A string, template literal or regular expression.
    Literal,
    /// A line break kept where a statement may end.
    Line,
}

/// Words that stop the renaming: syntax beyond ES5, or scopes it cannot follow.
const UNFOLLOWED: [&[u8]; 10] = [
    b"let", b"const", b"class", b"import", b"export", b"yield", b"async", b"await", b"eval",
    b"with",
];

/// Keywords and literals, never given as a new name.
const RESERVED: [&[u8]; 46] = [
    b"break",
    b"case",
    b"catch",
    b"class",
    b"const",
    b"continue",
    b"debugger",
    b"default",
    b"delete",
    b"do",
    b"else",
    b"enum",
    b"export",
    b"extends",
    b"false",
    b"finally",
    b"for",
    b"function",
    b"if",
    b"import",
    b"in",
    b"instanceof",
    b"new",
    b"null",
    b"return",
    b"super",
    b"switch",
    b"this",
    b"throw",
    b"true",
    b"try",
    b"typeof",
    b"var",
    b"void",
    b"while",
    b"with",
    b"let",
    b"static",
    b"yield",
    b"await",
    b"implements",
    b"package",
    b"protected",
    b"interface",
    b"private",
    b"public",
];

/// `text` (squeezed, its `tokens` in order) with its local names made short, or `None` when
/// the script has syntax this pass does not follow (it is then served as it is).
pub fn locals(text: &[u8], tokens: &[Token]) -> Option<Vec<u8>> {
    let script = Script { text, tokens };
    let scopes = script.scopes()?;
    let (variable, renamed) = script.renamings(&scopes);
    if renamed.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(text.len());
    let mut copied = 0;
    for (token, _) in tokens.iter().zip(variable).filter(|(_, v)| *v) {
        if let Some(new) = renamed.get(&text[token.start..token.end]) {
            out.extend_from_slice(&text[copied..token.start]);
            out.extend_from_slice(new);
            copied = token.end;
        }
    }
    out.extend_from_slice(&text[copied..]);
    Some(out)
}

/// A squeezed script read token by token (also by [`super::arrows`]).
pub(super) struct Script<'a> {
    pub(super) text: &'a [u8],
    pub(super) tokens: &'a [Token],
}

/// The functions of a script as scopes: scope 0 is the script's own (the global one), and each
/// token is read in one of them.
struct Scopes<'a> {
    parent: Vec<usize>,
    names: Vec<Names<'a>>,
    of_token: Vec<usize>,
}

impl<'a> Scopes<'a> {
    fn add(&mut self, parent: usize) -> usize {
        self.parent.push(parent);
        self.names.push(Names::default());
        self.parent.len() - 1
    }

    /// Whether `name` read in `scope` is bound by a function's declaration (not a global).
    fn binds(&self, mut scope: usize, name: &[u8]) -> bool {
        while scope != 0 {
            if self.names[scope].contains(name) {
                return true;
            }
            scope = self.parent[scope];
        }
        false
    }
}

impl<'a> Script<'a> {
    /// Token `i`, if it is a name, keyword or number.
    pub(super) fn word(&self, i: usize) -> Option<&'a [u8]> {
        let t = self.tokens.get(i)?;
        let text: &'a [u8] = self.text;
        (t.kind == Kind::Word).then(|| &text[t.start..t.end])
    }

    /// Token `i`, if it is punctuation.
    pub(super) fn punct(&self, i: usize) -> Option<u8> {
        let t = self.tokens.get(i)?;
        (t.kind == Kind::Punct).then(|| self.text[t.start])
    }

    fn is_punct(&self, i: usize, text: &[u8]) -> bool {
        self.punct(i).is_some_and(|c| [c] == text)
    }

    fn is_name(&self, i: usize) -> Option<&'a [u8]> {
        self.word(i).filter(|w| !w[0].is_ascii_digit())
    }

    /// The token before `i` that is not a line break.
    fn before(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.tokens[j].kind != Kind::Line)
    }

    /// The punctuation before token `i`, past line breaks, if that is what comes before it.
    fn punct_before(&self, i: usize) -> Option<u8> {
        self.before(i).and_then(|b| self.punct(b))
    }

    /// The token after `i` that is not a line break.
    fn after(&self, i: usize) -> Option<usize> {
        (i + 1..self.tokens.len()).find(|&j| self.tokens[j].kind != Kind::Line)
    }

    /// Whether token `i` starts a statement: after `;`, `{`, `}` or nothing, or after a line
    /// break that ends the statement before it (one that ends with a word or a closing
    /// bracket).
    fn starts_statement(&self, i: usize) -> bool {
        let line = i > 0 && self.tokens[i - 1].kind == Kind::Line;
        match self.before(i) {
            None => true,
            Some(b) => match self.punct(b) {
                Some(b';' | b'{' | b'}') => true,
                Some(b')' | b']') => line,
                Some(_) => false,
                None => line,
            },
        }
    }

    /// Whether the name at `i` is no variable: a property (`a.name`), an object's key
    /// (`{name: …}`), a label (`name: for …`) or a label jumped to (`break name`). (A name
    /// before `:` elsewhere is a value: `a ? name : b`, `case name:`.)
    fn no_variable(&self, i: usize) -> bool {
        let before = self.punct_before(i);
        let after = self.after(i).and_then(|a| self.punct(a));
        let jump = matches!(
            self.before(i).and_then(|b| self.word(b)),
            Some(b"break" | b"continue")
        );
        before == Some(b'.')
            || jump
            || (after == Some(b':') && (self.starts_statement(i) || before == Some(b',')))
    }

    /// Every function's scope and what it declares, and the scope each token is read in; `None`
    /// for a script this pass does not follow.
    fn scopes(&self) -> Option<Scopes<'a>> {
        let mut scopes = Scopes {
            parent: vec![0],
            names: vec![Names::default()],
            of_token: vec![0; self.tokens.len()],
        };
        // Each open `{`: the function whose body it opens, if it does.
        let mut braces: Vec<Option<usize>> = Vec::new();
        let mut body: Option<usize> = None;
        let mut current = 0;
        let mut i = 0;
        while i < self.tokens.len() {
            scopes.of_token[i] = current;
            let token = self.tokens[i];
            if body.is_some() && token.kind != Kind::Line && !self.is_punct(i, b"{") {
                return None;
            }
            match (token.kind, &self.text[token.start..token.end]) {
                (Kind::Literal, [b'`', ..]) => return None,
                (Kind::Word, w) if UNFOLLOWED.contains(&w) => return None,
                (Kind::Word, b"function") => {
                    let (scope, next) = self.function(i, current, &mut scopes)?;
                    body = Some(scope);
                    i = next;
                    continue;
                }
                (Kind::Word, b"var") => self.var(i, current, &mut scopes)?,
                // (`case a, b:` would read `b` as an object's key.)
                (Kind::Word, b"case") if self.case_has_comma(i) => return None,
                // (A promise's `.catch` is a property.)
                (Kind::Word, b"catch") if self.punct_before(i) != Some(b'.') => {
                    // (The caught value's name is taken as its function's: the theme's catch
                    // blocks do not use another value of that name.)
                    if self.punct(i + 1) != Some(b'(') || self.punct(i + 3) != Some(b')') {
                        return None;
                    }
                    scopes.names[current].insert(self.is_name(i + 2)?);
                }
                // (An accessor's body is a function this pass would not see.)
                (Kind::Word, b"get" | b"set")
                    if self.is_name(i + 1).is_some() && self.punct(i + 2) == Some(b'(') =>
                {
                    return None
                }
                (Kind::Punct, b"{") => {
                    braces.push(body.take());
                    current = body_scope(&braces);
                }
                (Kind::Punct, b"}") => {
                    braces.pop()?;
                    current = body_scope(&braces);
                }
                (Kind::Punct, b"=") if self.punct(i + 1) == Some(b'>') => return None,
                (Kind::Punct, b".") if self.punct(i + 1) == Some(b'.') => return None,
                _ => {}
            }
            i += 1;
        }
        Some(scopes)
    }

    /// Read the `function` at `i` (declared in `outer`): its name and parameters into a new
    /// scope (the name into `outer` for a declaration); the scope and the token after its `)`.
    fn function(&self, i: usize, outer: usize, scopes: &mut Scopes<'a>) -> Option<(usize, usize)> {
        let scope = scopes.add(outer);
        let mut j = i + 1;
        if let Some(name) = self.is_name(j) {
            // (Any function with a name that does not start a statement is an expression, its
            // name bound in its own scope.)
            let statement = self.starts_statement(i);
            let declared_in = if statement { outer } else { scope };
            scopes.names[declared_in].insert(name);
            scopes.of_token[j] = declared_in;
            j += 1;
        }
        if self.punct(j)? != b'(' {
            return None;
        }
        scopes.of_token[j] = scope;
        j += 1;
        while let Some(name) = self.is_name(j) {
            scopes.names[scope].insert(name);
            scopes.of_token[j] = scope;
            j += 1;
            if self.punct(j) == Some(b',') {
                scopes.of_token[j] = scope;
                j += 1;
            }
        }
        if self.punct(j)? != b')' {
            return None;
        }
        scopes.of_token[j] = scope;
        Some((scope, j + 1))
    }

    /// Read the names a `var` at `i` declares in `scope`: the first name and each after a `,`
    /// outside brackets, to the statement's end (`;`, a line break, or the `)` of a `for`).
    fn var(&self, i: usize, scope: usize, scopes: &mut Scopes<'a>) -> Option<()> {
        let (mut depth, mut expect_name) = (0usize, true);
        for j in i + 1..self.tokens.len() {
            if expect_name {
                scopes.names[scope].insert(self.is_name(j)?);
                expect_name = false;
                continue;
            }
            match (self.tokens[j].kind, self.punct(j)) {
                (Kind::Line, _) if depth == 0 => break,
                (_, Some(b'(' | b'[' | b'{')) => depth += 1,
                (_, Some(b')' | b']' | b'}')) if depth == 0 => break,
                (_, Some(b')' | b']' | b'}')) => depth -= 1,
                (_, Some(b',')) if depth == 0 => expect_name = true,
                (_, Some(b';')) if depth == 0 => break,
                _ => {}
            }
        }
        Some(())
    }

    /// Whether the `case` at `i` has a `,` outside brackets before its `:`.
    fn case_has_comma(&self, i: usize) -> bool {
        let mut depth = 0usize;
        for j in i + 1..self.tokens.len() {
            match self.punct(j) {
                Some(b'(' | b'[' | b'{') => depth += 1,
                Some(b')' | b']' | b'}') => depth = depth.saturating_sub(1),
                Some(b':') if depth == 0 => return false,
                Some(b',') if depth == 0 => return true,
                _ => {}
            }
        }
        false
    }

    /// The variables to rename (each token that names one) and their new names: every name
    /// that only functions declare and use, the most used first (ties in byte order, so two
    /// builds give the same names).
    fn renamings(&self, scopes: &Scopes<'a>) -> (Vec<bool>, ByName<'a, Vec<u8>>) {
        let mut kept: Names = scopes.names[0].iter().copied().collect();
        let mut uses: ByName<usize> = ByName::default();
        let mut words = Names::default();
        let mut variable = vec![false; self.tokens.len()];
        for (i, is_variable) in variable.iter_mut().enumerate() {
            let Some(word) = self.word(i) else { continue };
            words.insert(word);
            if word[0].is_ascii_digit() || self.no_variable(i) {
                continue;
            }
            *is_variable = true;
            if scopes.binds(scopes.of_token[i], word) {
                *uses.entry(word).or_default() += 1;
            } else {
                kept.insert(word);
            }
        }
        let mut names: Vec<(&[u8], usize)> = uses
            .into_iter()
            .filter(|(w, _)| !kept.contains(w))
            .collect();
        names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut fresh = Fresh::default();
        let mut renamed = ByName::default();
        for (name, _) in names {
            let Some(new) = fresh.next(&words) else { break };
            if new.len() < name.len() {
                renamed.insert(name, new);
            }
        }
        (variable, renamed)
    }
}

/// The scope of the innermost function whose body is open, or the global one.
fn body_scope(braces: &[Option<usize>]) -> usize {
    braces.iter().rev().find_map(|b| *b).unwrap_or(0)
}

/// New names in order: one character, then two, then three, none a word of the script or a
/// keyword (`None` when all are given: the other names stay as they are).
#[derive(Default)]
struct Fresh {
    count: usize,
}

impl Fresh {
    const FIRST: &'static [u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";
    const REST: &'static [u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$0123456789";

    fn next(&mut self, words: &Names) -> Option<Vec<u8>> {
        let (first, rest) = (Self::FIRST.len(), Self::REST.len());
        loop {
            let n = self.count;
            self.count += 1;
            let name = match n.checked_sub(first) {
                None => vec![Self::FIRST[n]],
                Some(k) if k < first * rest => vec![Self::FIRST[k / rest], Self::REST[k % rest]],
                Some(k) if k < first * rest * (rest + 1) => {
                    let k = k - first * rest;
                    vec![
                        Self::FIRST[k / rest / rest],
                        Self::REST[(k / rest) % rest],
                        Self::REST[k % rest],
                    ]
                }
                Some(_) => return None,
            };
            if !words.contains(name.as_slice()) && !RESERVED.contains(&name.as_slice()) {
                return Some(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::compact::squeeze;
    use super::*;

    /// A script squeezed and its names made short (as served, but for [`super::super::arrows`]).
    fn script(js: &str) -> String {
        let (bytes, tokens) = squeeze(js);
        String::from_utf8(locals(&bytes, &tokens).unwrap_or(bytes)).unwrap()
    }

    #[test]
    fn a_function_s_names_get_one_letter_the_most_used_first() {
        let js =
            "(function () {\n  var alpha = 1, beta = alpha + alpha;\n  function gamma(delta) { \
                  return delta * beta + alpha; }\n  window.go = gamma;\n})();\n";
        assert_eq!(
            script(js),
            "(function(){var a=1,b=a+a;function d(c){return c*b+a;}window.go=d;})();\n"
        );
    }

    #[test]
    fn globals_properties_keys_and_top_level_names_keep_theirs() {
        // `name` is a global in `read`, `shared` the script's own (another script could read
        // it), `document` and `window` the browser's; the variable `value` is renamed, the
        // property and the key of that name are not.
        let js = "var shared = 1;\n(function () {\n  function make(value, name) { return { value: \
                  value.value, n: name }; }\n  function read() { return name + shared; }\n  \
                  document.title = make(read(), window);\n})();\n";
        assert_eq!(
            script(js),
            "var shared=1;(function(){function a(c,name){return{value:c.value,n:name};}\
             function b(){return name+shared;}document.title=a(b(),window);})();\n"
        );
    }

    #[test]
    fn a_function_expression_s_name_is_its_own() {
        // `inner` outside the expression is a global (undefined): it keeps its name.
        let js = "(function () { var outer = function inner() { return inner; }; \
                  return typeof inner + outer; })();";
        assert_eq!(
            script(js),
            "(function(){var a=function inner(){return inner;};return typeof inner+a;})();\n"
        );
        let js =
            "(function () { var outer = function named() { return named; }; return outer; })();";
        assert_eq!(
            script(js),
            "(function(){var b=function a(){return a;};return b;})();\n"
        );
    }

    #[test]
    fn labels_and_values_before_a_colon() {
        // A label and its jumps keep their name; a value before `:` in a conditional or a
        // `case` is a variable.
        let js = "(function (count) { outer: for (;;) { break outer; } \
                  switch (count) { case count: return count ? count : -count; } })(1);";
        assert_eq!(
            script(js),
            "(function(a){outer:for(;;){break outer;}switch(a){case a:return a?a:-a;}})(1);\n"
        );
        assert_eq!(
            script("(function (value) { switch (1) { case value, 2: } })();"),
            "(function(value){switch(1){case value,2:}})();\n"
        );
    }

    #[test]
    fn names_go_only_where_the_syntax_is_followed() {
        for js in [
            "(function () { let value = 1; return value; })();",
            "(function () { var value = 1; return () => value; })();",
            "(function () { var value = 1; return `${value}`; })();",
            "(function () { var value = 1; return eval(\"value\"); })();",
            "(function (value = 1) { return value; })();",
            "(function () { var [value] = [1]; return value; })();",
            "(function () { return { get value() { var inner = 1; return inner; } }; })();",
        ] {
            let squeezed = script(js);
            assert!(squeezed.contains("value"), "{js} -> {squeezed}");
        }
        // A promise's `.catch` is a property; a `catch` clause names its function's value.
        assert_eq!(
            script("(function () { try { f(); } catch (error) { g(error); } p.catch(h); })();"),
            "(function(){try{f();}catch(a){g(a);}p.catch(h);})();\n"
        );
    }

    #[test]
    fn new_names_are_no_word_of_the_script_and_no_keyword() {
        let mut fresh = Fresh::default();
        let words: Names = [b"a".as_slice(), b"b0", b"value"].into_iter().collect();
        let mut seen = HashSet::new();
        while let Some(name) = fresh.next(&words) {
            assert!(!words.contains(name.as_slice()) && !RESERVED.contains(&name.as_slice()));
            assert!(seen.insert(name));
        }
        // (Every name of up to three characters but the two words and the eight keywords:
        // do, if, in, for, let, new, try, var.)
        assert_eq!(seen.len(), 54 + 54 * 64 + 54 * 64 * 64 - 2 - 8);
        assert!(!seen.contains(b"do".as_slice()) && seen.contains(b"dp".as_slice()));
    }
}
