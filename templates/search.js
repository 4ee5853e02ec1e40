// nnbook: the search page. Finds the sections of the lessons (search-index.js, written by every
// build) that hold every word typed (or its stem), best first: a word in the lesson's title (or summary or tags) counts most, then
// in the section's heading, then in its text. Each result links the section, with the words
// marked in a piece of its text (a word of Latin letters to its end). Accents are not needed:
// "reseau" finds "réseau", "שלום" "שָׁלוֹם". The words are kept in the address (?q=), so a search can be
// linked; without JavaScript the page says where the lessons are.
(function () {
  var form = document.querySelector(".search-form");
  var lessons = window.nnSearchIndex;
  if (!form || !lessons) return;
  var input = form.querySelector("input"), status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results"), pending = false, shown = null;
  var sections = [];
  // (The combining marks search drops: fold(), below.)
  var MARK = "\\u0300-\\u036f\\u0591-\\u05bd\\u05bf\\u05c1\\u05c2\\u05c4\\u05c5\\u05c7\\u0610-\\u061a\\u0640\\u064b-\\u065f\\u0670\\u06d6-\\u06dc\\u06df-\\u06e4\\u06e7\\u06e8\\u06ea-\\u06ed";
  var MARKS = new RegExp("[" + MARK + "]", "g");
  // (What folding makes no character or two: a mark, and İ, whose lower case is i and a
  // combining dot.)
  var UNEVEN = new RegExp("[\\u0130" + MARK + "]", "g");
  // (Letters typed as others: Latin ones whose mark is part of them, without it ("duong" finds
  // "đường", "lodz" "Łódź", "aglari" "ağları"), Arabic's yeh, alef maksura and kaf as
  // Persian's yeh and kaf, which look the same and are typed for each other, and teh marbuta
  // as the heh it is often typed as (as Lucene's Arabic search folds them).)
  var TYPED_AS = { "đ": "d", "ħ": "h", "ı": "i", "ł": "l", "ø": "o", "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه" };
  // (The letters that may be one with their marks, or typed as others: Latin, ё, Greek,
  // Arabic's alef and others with hamza or madda, teh marbuta, yeh and kaf, Hebrew's letters with points,
  // full-width forms.)
  var LETTERS = /[\u00e0-\u024f\u1e00-\u1eff\u0451\u0386-\u03ce\u1f00-\u1fff\u0622-\u0626\u0629\u0643\u0649\u064a\ufb1d-\ufb4f\uff01-\uff5e]/g;
  lessons.forEach(function (lesson) {
    var head = fold([lesson.title, lesson.summary].concat(lesson.tags || []).join(" "));
    var parts = lesson.sections.length ? lesson.sections : [["", "", lesson.summary]];
    parts.forEach(function (s) {
      sections.push({ lesson: lesson, heading: s[0], id: s[1], text: s[2], head: head,
        inHeading: fold(s[0]), inText: fold(s[2]) });
    });
  });
  // Lower case, without accents: a Latin or Greek letter (or ё) without its marks (đ, ħ, ı, ł
  // and ø are d, h, i, l and o), Arabic's أ, إ and آ an alef (ي, ى and ك Persian's ی and ک,
  // ة a ه),
  // and no combining marks of Latin, Greek or Cyrillic letters, nor Hebrew points or Arabic
  // vowel marks (and the kashida that stretches Arabic words), so that "reseau" finds
  // "réseau", "δικτυο" "δίκτυο", "שלום" "שָׁלוֹם", "اساسيات" "أساسيات" and "istanbul"
  // "İSTANBUL". Nothing else loses a mark: a Hangul syllable is not its first jamo, が is not
  // か, कुल is not कल, й is not и.
  function fold(t) {
    return t.toLowerCase().replace(MARKS, "").replace(LETTERS, function (c) {
      // (A full-width Latin letter, digit or sign, as a CJK input method types it, is ASCII.)
      if (c >= "\uff01" && c <= "\uff5e") return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      var d = c.normalize("NFD").replace(MARKS, "");
      return TYPED_AS[c] || (d.length === 1 ? d : c);
    });
  }
  // A text folded, with the place in the text of each character of it (and of its end), so
  // that what is found in the folded text is marked in the text. Folding keeps a character a
  // character but for the UNEVEN ones. (Each search runs UNEVEN to the end: it starts at 0.)
  function folded(t) {
    var low = "", at = [], last = 0, m;
    function keep(to) {
      low += fold(t.slice(last, to));
      for (var i = last; i < to; i++) at.push(i);
    }
    while ((m = UNEVEN.exec(t))) {
      keep(m.index);
      if (m[0] === "\u0130") { low += "i"; at.push(m.index); }
      last = m.index + 1;
    }
    keep(t.length);
    at.push(t.length);
    return { low: low, at: at };
  }
  function words(q) {
    return fold(q).split(/\s+/).filter(function (w) { return w; }).map(stem);
  }
  // An English word without its ending (plural -s, -es, -ies; -ing; -ed), so that "weights"
  // finds "weight" and "trained" "trains": a word is found inside others, so the stem finds
  // every form. Never a stem under four letters, nor -s after a, i, s or u ("bias", "basis"),
  // so that a short word does not find unrelated ones ("doses" is "dose", not "dos").
  function stem(w) {
    var m = /^[a-z]+?(?:(ies)|(?:s|x|z|ch|sh)(es)|[^aisu](s)|(ing)|(ed))$/.exec(w);
    if (!m) return w;
    var cut = w.length - (m[1] || m[2] || m[3] || m[4] || m[5]).length;
    return cut >= 4 ? w.slice(0, cut) : /[^aisu]s$/.test(w) && w.length > 4 ? w.slice(0, -1) : w;
  }
  // The score of a section for the words, 0 when a word is nowhere in it or its lesson's title.
  function score(s, ws) {
    var total = 0, own = false;
    for (var i = 0; i < ws.length; i++) {
      var w = ws[i], inHead = s.head.indexOf(w) >= 0;
      var inHeading = s.inHeading.indexOf(w) >= 0, inText = s.inText.indexOf(w) >= 0;
      if (!inHead && !inHeading && !inText) return 0;
      own = own || inHeading || inText;
      total += (inHead ? 8 : 0) + (inHeading ? 4 : 0) + (inText ? 1 : 0);
    }
    return own ? total : total / 100;
  }
  // A piece of the text around the first word found, each word in it marked.
  function snippet(s, ws) {
    var text = s.text || s.lesson.summary, whole = folded(text), at = -1;
    ws.forEach(function (w) {
      var i = whole.low.indexOf(w);
      if (i >= 0 && (at < 0 || whole.at[i] < at)) at = whole.at[i];
    });
    var from = Math.max(0, at - 60), to = Math.min(text.length, Math.max(at, 0) + 160);
    // (A piece starts at a word where words are spaced.)
    var space = text.indexOf(" ", from);
    if (from > 0 && space >= 0 && space < Math.min(at, from + 20)) from = space + 1;
    var p = document.createElement("p"), piece = text.slice(from, to), f = folded(piece), low = f.low;
    if (from > 0) p.appendChild(document.createTextNode("…"));
    var i = 0, done = 0;
    while (i < low.length) {
      var next = -1, word = "";
      ws.forEach(function (w) {
        var j = low.indexOf(w, i);
        if (j >= 0 && (next < 0 || j < next)) { next = j; word = w; }
      });
      if (next < 0) break;
      // (A word of Latin letters is marked to its end: "weight" found in "weights" marks it.)
      var end = next + word.length;
      if (/^[a-z]+$/.test(word)) while (end < low.length && /[a-z]/.test(low[end])) end++;
      // (The marks after the last letter found are marked with it.)
      p.appendChild(document.createTextNode(piece.slice(done, f.at[next])));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(f.at[next], f.at[end]);
      p.appendChild(mark);
      i = end;
      done = f.at[end];
    }
    p.appendChild(document.createTextNode(piece.slice(done) + (to < text.length ? "…" : "")));
    return p;
  }
  function search() {
    pending = false;
    var q = input.value.trim();
    if (q === shown) return;
    shown = q;
    try { history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname); } catch (e) {}
    list.textContent = "";
    var ws = words(q);
    if (!ws.length) { status.textContent = ""; return; }
    var found = [], once = {};
    sections.forEach(function (s, n) {
      var v = score(s, ws);
      // (A lesson found by its title alone is one result, its first section.)
      if (v >= 1 || (v > 0 && !once[s.lesson.href])) found.push({ s: s, v: v, n: n });
      if (v > 0) once[s.lesson.href] = true;
    });
    found.sort(function (a, b) { return b.v - a.v || a.n - b.n; });
    var count = found.length, listed = Math.min(count, 50);
    status.textContent = !count ? form.dataset.none : count === 1 ? form.dataset.one :
      (count > listed ? form.dataset.first : form.dataset.many).replace("{count}", count).replace("{shown}", listed);
    found.slice(0, listed).forEach(function (f) {
      var s = f.s, li = document.createElement("li"), a = document.createElement("a");
      a.href = s.lesson.href + (s.id ? "#" + s.id : "");
      a.textContent = s.lesson.title + (s.heading ? " › " + s.heading : "");
      li.appendChild(a);
      li.appendChild(snippet(s, ws));
      list.appendChild(li);
    });
  }
  function later() {
    if (!pending) { pending = true; requestAnimationFrame(search); }
  }
  input.addEventListener("input", later);
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) input.value = q;
  search();
  input.focus();
})();
