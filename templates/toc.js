// nnbook: marks the section being read in the table of contents (aria-current="location"), and
// keeps that entry in view when the contents scroll. Without JavaScript nothing is marked.
(function () {
  var links = [].slice.call(document.querySelectorAll(".toc a[href^='#']"));
  var headings = links.map(function (a) { return document.getElementById(a.getAttribute("href").slice(1)); });
  var nav = document.querySelector(".toc"), current = null, pending = false;
  function update() {
    pending = false;
    var line = Math.min(innerHeight / 4, 200), at = -1;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i] && headings[i].getBoundingClientRect().top <= line) at = i;
    }
    var end = innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    if (end && at >= 0) at = headings.length - 1;
    var link = at < 0 ? null : links[at];
    if (link === current) return;
    if (current) current.removeAttribute("aria-current");
    current = link;
    if (!link) return;
    link.setAttribute("aria-current", "location");
    var top = link.offsetTop - nav.offsetTop;
    if (top < nav.scrollTop || top + link.offsetHeight > nav.scrollTop + nav.clientHeight) {
      nav.scrollTop = top - nav.clientHeight / 2;
    }
  }
  function later() {
    if (!pending) { pending = true; requestAnimationFrame(update); }
  }
  if (!nav || !links.length) return;
  addEventListener("scroll", later, { passive: true });
  addEventListener("resize", later);
  update();
})();
