// nnbook serve's live-reload script, added to every HTML page in serve mode only (never to a
// build's output): a page reloads after every successful build, and a failed build shows its
// errors over the page. Their source lines and carets stay whole, in a frame that scrolls
// sideways (to the carets) under a gutter that stays, so that a caret stays under its column on
// a phone; every other line wraps, continuing under the text after its `= hint: ` or `--> `.
(function () {
  var events = new EventSource("/__nnbook/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("failure", function (e) {
    // (Every element starts from `all:unset`, so that the page's own style, of `pre` say, stays out.)
    function add(parent, tag, css) {
      var el = parent.appendChild(document.createElement(tag));
      el.style.cssText = "all:unset;" + css;
      return el;
    }
    var box = document.getElementById("nnbook-error"), frame = null, source = "";
    if (!box) {
      box = add(document.body, "div", "display:block;position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1rem;background:#18181b;color:#fafafa;font:14px/1.5 ui-monospace,monospace");
      box.id = "nnbook-error";
      box.setAttribute("role", "alert");
      // nnbook's messages are English, left to right, on a page in any language (`all:unset`
      // leaves the page's direction inherited).
      box.lang = "en";
      box.dir = "ltr";
    }
    box.textContent = "";
    ("nnbook: the build failed; save a fix and the page reloads.\n\n" + e.data).split("\n").forEach(function (line) {
      if (/^ *\d* \|/.test(line)) {
        if (!frame) {
          frame = add(box, "pre", "display:block;white-space:pre;overflow-x:auto;position:relative");
          frame.tabIndex = 0;
        }
        var gutter = add(frame, "span", "position:sticky;left:0;background:#18181b");
        gutter.textContent = /^ *\d* \| ?/.exec(line)[0];
        var rest = line.slice(gutter.textContent.length), carets = /^( *)(\^+)$/.exec(rest);
        if (!carets) {
          frame.append((source = rest) + "\n");
          return;
        }
        // The carets start under the character their indent's columns reach in the source line
        // above (a CJK one fills two, as `text::is_wide` says), drawn unseen before them, so
        // that they line up whatever widths the font gives.
        var columns = carets[1].length, before = "";
        Array.from(source).some(function (c) {
          columns -= /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u.test(c) ? 2 : 1;
          if (columns < 0) return true;
          before += c;
        });
        add(frame, "span", "visibility:hidden").textContent = before;
        var caret = add(frame, "span", "color:#fca5a5");
        caret.textContent = carets[2];
        frame.append("\n");
        var shown = frame.clientWidth - gutter.offsetWidth;
        if (caret.offsetLeft + caret.offsetWidth > frame.clientWidth) {
          frame.scrollLeft = caret.offsetLeft - gutter.offsetWidth - shown / 4;
        }
      } else {
        frame = null;
        var indent = /^ *(= )?(\w+: |--> )?/.exec(line)[0].length;
        add(box, "div", "display:block;white-space:pre-wrap;overflow-wrap:anywhere;min-height:1.5em;padding-left:" + indent + "ch;text-indent:-" + indent + "ch").textContent = line;
      }
    });
  });
})();
