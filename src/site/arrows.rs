//! A squeezed script's anonymous functions written as arrows: `function(a){return a*2;}` as
//! `a=>a*2`, `function(a,b){f(a);}` as `(a,b)=>{f(a);}`. The theme's scripts are written in ES5
//! (which [`super::rename`] follows); this pass runs after the renaming, on the served text.
//! The built-in `explore.js` loses about 1.7 KB as served.
//!
//! An arrow is not a function in every way, so only a function that cannot tell is rewritten:
//! - it has no name (a named function expression can call itself by it), and reads neither
//!   `this` nor `arguments` anywhere in its body (an arrow has neither of its own);
//! - it stands where an arrow parses as the same expression: after `(`, `,`, `[`, `:`, `?`,
//!   `return`, or an `=` that assigns (an arrow cannot be an operand: `a||()=>b` does not parse),
//!   and before `)`, `,`, `;`, `]`, `}` or `:` (an arrow cannot be called where it is written,
//!   nor read a property of: `function(){}.call` stays);
//! - its parameters are plain names.
//!
//! `new` of an anonymous function expression stands after `new`, which is not in the list, so
//! it stays a function. A body that is only `return E;` becomes `E` when E is a single
//! expression that cannot be read otherwise after `=>`: no `,` or `;` outside brackets (a comma
//! would end the arrow), not starting with `{` (a block), on one line.

use super::rename::{Kind, Script, Token};

/// `text` (squeezed, its `tokens` in order) with its anonymous functions as arrows where that
/// changes nothing, or `None` when there is none.
pub fn arrows(text: &[u8], tokens: &[Token]) -> Option<Vec<u8>> {
    let script = Script { text, tokens };
    // (start byte, end byte, replacement), in order: the edits of a function come before those
    // of the functions in its body, and never overlap them.
    let mut edits: Vec<(usize, usize, Vec<u8>)> = Vec::new();
    for at in 0..tokens.len() {
        if let Some(function) = script.function_at(at) {
            script.rewrite(&function, &mut edits);
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| e.0);
    let mut out = Vec::with_capacity(text.len());
    let mut copied = 0;
    for (start, end, new) in edits {
        out.extend_from_slice(&text[copied..start]);
        out.extend_from_slice(&new);
        copied = end;
    }
    out.extend_from_slice(&text[copied..]);
    Some(out)
}

/// An anonymous function that may be an arrow, by token index: `function`, its parameters
/// (names), `{` and the matching `}`.
struct Function {
    keyword: usize,
    params: Vec<usize>,
    open: usize,
    close: usize,
}

impl Script<'_> {
    /// Whether token `i` is the word `what`.
    fn is(&self, i: usize, what: &[u8]) -> bool {
        self.word(i) == Some(what)
    }

    /// The function whose `function` keyword is token `at`, if it may be an arrow.
    fn function_at(&self, at: usize) -> Option<Function> {
        if !(self.is(at, b"function") && self.punct(at + 1) == Some(b'(')) {
            return None;
        }
        if !self.arrow_may_stand_after(at.checked_sub(1)?) {
            return None;
        }
        let mut params = Vec::new();
        let mut i = at + 2;
        if self.punct(i) != Some(b')') {
            loop {
                if self.word(i).is_none() || self.is(i, b"this") || self.is(i, b"arguments") {
                    return None;
                }
                params.push(i);
                match self.punct(i + 1) {
                    Some(b',') => i += 2,
                    Some(b')') => {
                        i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        let open = i + 1;
        if self.punct(open) != Some(b'{') {
            return None;
        }
        let close = self.matching(open)?;
        let body_reads_own =
            (open + 1..close).any(|k| self.is(k, b"this") || self.is(k, b"arguments"));
        let next = self.punct(close + 1);
        if body_reads_own || !matches!(next, Some(b')' | b',' | b';' | b']' | b'}' | b':')) {
            return None;
        }
        Some(Function {
            keyword: at,
            params,
            open,
            close,
        })
    }

    /// Whether an arrow parses as the same expression after token `before`.
    fn arrow_may_stand_after(&self, before: usize) -> bool {
        match self.punct(before) {
            Some(b'(' | b',' | b'[' | b':' | b'?') => true,
            // An assignment, not a comparison (`==`, `<=`, ...) or a compound one.
            Some(b'=') => {
                before > 0
                    && (self.word(before - 1).is_some() || self.punct(before - 1) == Some(b']'))
            }
            _ => self.is(before, b"return"),
        }
    }

    /// The index of the `}` that closes the `{` at `open`.
    fn matching(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for k in open..self.tokens.len() {
            match self.punct(k) {
                Some(b'{') => depth += 1,
                Some(b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(k);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The tokens of E when the body is only `return E;` and E may follow `=>` as it is.
    fn concise(&self, f: &Function) -> Option<(usize, usize)> {
        let (first, last) = (f.open + 2, f.close.checked_sub(2)?);
        if !self.is(f.open + 1, b"return") || self.punct(f.close - 1) != Some(b';') || first > last
        {
            return None;
        }
        if self.punct(first) == Some(b'{') {
            return None;
        }
        let mut depth = 0i32;
        for k in first..=last {
            if self.tokens[k].kind == Kind::Line {
                return None;
            }
            match self.punct(k) {
                Some(b'(' | b'[' | b'{') => depth += 1,
                Some(b')' | b']' | b'}') => depth -= 1,
                Some(b',' | b';') if depth == 0 => return None,
                _ => {}
            }
            if depth < 0 {
                return None;
            }
        }
        (depth == 0).then_some((first, last))
    }

    /// The edits that write `f` as an arrow.
    fn rewrite(&self, f: &Function, edits: &mut Vec<(usize, usize, Vec<u8>)>) {
        let mut head = Vec::new();
        match f.params.as_slice() {
            [one] => head.extend_from_slice(self.word(*one).unwrap_or_default()),
            params => {
                head.push(b'(');
                for (n, &p) in params.iter().enumerate() {
                    if n > 0 {
                        head.push(b',');
                    }
                    head.extend_from_slice(self.word(p).unwrap_or_default());
                }
                head.push(b')');
            }
        }
        head.extend_from_slice(b"=>");
        let start = self.tokens[f.keyword].start;
        match self.concise(f) {
            Some((first, last)) => {
                edits.push((start, self.tokens[first].start, head));
                edits.push((self.tokens[last].end, self.tokens[f.close].end, Vec::new()));
            }
            None => {
                head.push(b'{');
                edits.push((start, self.tokens[f.open].end, head));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::compact::squeeze;
    use super::arrows;

    fn served(js: &str) -> String {
        let (bytes, tokens) = squeeze(js);
        String::from_utf8(arrows(&bytes, &tokens).unwrap_or(bytes)).unwrap()
    }

    #[test]
    fn functions_become_arrows_and_single_returns_their_expression() {
        assert_eq!(
            served("xs.map(function (x) { return x * 2; });"),
            "xs.map(x=>x*2);\n"
        );
        assert_eq!(
            served("var f = function (a, b) { g(a); return b; };"),
            "var f=(a,b)=>{g(a);return b;};\n"
        );
        assert_eq!(
            served("go(function () { return [1, 2]; }, 3);"),
            "go(()=>[1,2],3);\n"
        );
        // Nested: each function on its own.
        assert_eq!(
            served("var z = (function (n) { return function (x) { return t(x)[n]; }; })(n);"),
            "var z=(n=>x=>t(x)[n])(n);\n"
        );
        assert_eq!(
            served("function f() { return c ? function (v) { return v; } : null; }"),
            "function f(){return c?v=>v:null;}\n"
        );
    }

    #[test]
    fn functions_an_arrow_would_change_stay() {
        for js in [
            // Named, or reading `this` or `arguments` (even in a block inside).
            "a(function g(x) { return g; });",
            "a(function () { return this.x; });",
            "a(function () { if (b) { f(arguments); } });",
            // As an operand, called or read where written, or constructed.
            "var f = a || function () { return 1; };",
            "var f = function () { return 1; }.call(x);",
            "var f = function () { return 1; }();",
            "var o = new function () { this.a = 1; };",
            "if (a == function () {}) b();",
            // Not plain parameters.
            "a(function (x = 1) { return x; });",
        ] {
            assert!(
                served(js).contains("function"),
                "{js} became {}",
                served(js)
            );
        }
    }

    #[test]
    fn a_return_that_is_not_one_expression_keeps_its_block() {
        // A comma would end the arrow; an object literal would read as a block.
        assert_eq!(
            served("a(function (x) { return x, 1; });"),
            "a(x=>{return x,1;});\n"
        );
        assert_eq!(
            served("a(function (x) { return { v: x }; });"),
            "a(x=>{return{v:x};});\n"
        );
        assert_eq!(served("a(function (x) { return; });"), "a(x=>{return;});\n");
        assert_eq!(
            served("a(function (x) { return f(x, 1); });"),
            "a(x=>f(x,1));\n"
        );
    }
}
