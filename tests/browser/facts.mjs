// What check.mjs looks at in a page: `settle` brings a page to rest (lazy images loaded, fonts
// in), and `inspect` gathers the facts check.mjs checks (images, figures and their data links,
// math, raw LaTeX, links and ids, what sticks out sideways).

/** Scrolls through the page (lazy images load), back to the top, and waits for every image. */
export async function settle(page) {
  await page.evaluate(async () => {
    const step = Math.max(200, Math.floor(innerHeight * 0.8));
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      scrollTo(0, y);
      // (A page that is not drawn runs no frame callbacks: the timer alone goes on.)
      await new Promise((r) => { requestAnimationFrame(() => setTimeout(r, 16)); setTimeout(r, 200); });
    }
    scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((r) => setTimeout(r, 50));
  });
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
  await page.evaluate(async () => {
    // Every wait at most 10 s: a lazy image that never started loading may never load or decode.
    const bounded = (p) => Promise.race([p, new Promise((r) => setTimeout(r, 10000))]);
    const loaded = (img) => (img.complete ? Promise.resolve() : bounded(new Promise((r) => {
      img.addEventListener('load', r, { once: true });
      img.addEventListener('error', r, { once: true });
    })));
    await Promise.all([...document.images].map(loaded));
    await Promise.all([...document.images].map((img) => (img.decode ? bounded(img.decode().catch(() => {})) : null)));
    if (document.fonts) await bounded(document.fonts.ready);
    scrollTo(0, 0);
  });
}

/** Facts about the rendered page, gathered in the page. (One function of some 150 lines:
 * `page.evaluate` sends it to the page as its source, so all it uses is inside it.) */
export function inspect() {
  const describe = (el) => {
    if (!el) return '';
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    else if (el.classList && el.classList.length) s += '.' + [...el.classList].join('.');
    const parent = el.parentElement && el.parentElement.closest('figure[id], nav, header, footer, table');
    if (parent) s = `${parent.tagName.toLowerCase()}${parent.id ? '#' + parent.id : ''} ${s}`;
    // The section it is in: the last heading with an id before it.
    const headings = [...document.querySelectorAll('h1[id], h2[id], h3[id], h4[id]')]
      .filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (headings.length && !el.closest('nav, header')) s += ` (in #${headings[headings.length - 1].id})`;
    return s;
  };
  const rect = (el) => {
    const r = el.getBoundingClientRect();
    return { w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10 };
  };
  const hidden = (el) => {
    // Not rendered on purpose: inside closed <details>, [hidden], display:none ancestors.
    for (let e = el; e; e = e.parentElement) {
      if (e.hidden) return true;
      if (e.tagName === 'DETAILS' && !e.open && e !== el) {
        const summary = e.querySelector(':scope > summary');
        if (!summary || !summary.contains(el)) return true;
      }
      if (getComputedStyle(e).display === 'none') return true;
    }
    return false;
  };

  const images = [...document.images].map((img) => ({
    src: img.getAttribute('src'),
    where: describe(img),
    inFigure: !!img.closest('figure'),
    complete: img.complete,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    ...rect(img),
    visibility: getComputedStyle(img).visibility,
    hidden: hidden(img),
  }));

  const maths = [...document.getElementsByTagName('math')].map((m) => ({
    where: describe(m),
    mathml: m.namespaceURI === 'http://www.w3.org/1998/Math/MathML',
    display: getComputedStyle(m).display,
    text: m.getAttribute('aria-label') || m.textContent,
    ...rect(m),
    hidden: hidden(m),
  }));

  // Raw LaTeX in text: outside code, math and the like. Heuristics: a backslash command such as
  // \mathrm or \frac, a \( \) \[ \] delimiter, $$, or a $...$ span holding ^ _ { } or a backslash.
  const skip = 'code, pre, kbd, samp, math, script, style, svg, textarea, template';
  const texts = [];
  const root = document.querySelector('main') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && n.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  // Text of a block, joined across inline elements, so "$x" <em>..</em> "$" is seen whole.
  const blocks = new Map();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const block = n.parentElement.closest('p, li, td, th, figcaption, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, summary, div') || root;
    blocks.set(block, (blocks.get(block) || '') + n.data);
  }
  const latex = [
    [/\\(?:[A-Za-z]{2,}|[()[\]])/, 'a LaTeX command or delimiter'],
    [/\$\$/, 'a $$ delimiter'],
    [/(?:^|[^\\\w])\$(?=\S)[^$\n]*?(?:[\\^_{}])[^$\n]*?\S\$/, 'a $…$ span with TeX in it'],
  ];
  for (const [block, text] of blocks) {
    for (const [re, what] of latex) {
      const m = text.match(re);
      if (m) {
        const at = Math.max(0, m.index - 40);
        texts.push({ where: describe(block), what, context: text.slice(at, m.index + m[0].length + 40) });
        break;
      }
    }
  }

  // Figures and diagrams are inlined SVG; charts carry their CSV in a data: link.
  const drawings = [...document.querySelectorAll('figure > svg')].map((svg) => ({
    id: svg.closest('figure').id,
    where: describe(svg),
    ...rect(svg),
    visibility: getComputedStyle(svg).visibility,
    hidden: hidden(svg),
    labelled: (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
      .concat((svg.getAttribute('aria-describedby') || '').split(' ').filter(Boolean))
      .every((id) => document.getElementById(id) && document.getElementById(id).textContent.trim() !== ''
        && svg.closest('figure').contains(document.getElementById(id))),
  }));
  const dataLinks = [...document.querySelectorAll('figure a[href^="data:"]')].map((a) => {
    const href = a.getAttribute('href');
    const comma = href.indexOf(',');
    let text = '';
    try { text = decodeURIComponent(href.slice(comma + 1)); } catch { text = ''; }
    return { where: describe(a), download: a.getAttribute('download') || '', type: href.slice(5, comma), lines: text.split('\n').filter(Boolean) };
  });

  const links = [];
  for (const [sel, attr] of [['a[href]', 'href'], ['link[href]', 'href'], ['img[src]', 'src'], ['script[src]', 'src'], ['source[src]', 'src']]) {
    for (const el of document.querySelectorAll(sel)) {
      links.push({ raw: el.getAttribute(attr), url: el[attr], tag: el.tagName.toLowerCase(), rel: el.getAttribute('rel') || '', where: describe(el) });
    }
  }
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
    .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')));

  const doc = document.documentElement;
  return {
    title: document.title,
    lang: doc.getAttribute('lang'),
    images,
    drawings,
    dataLinks,
    maths,
    texts,
    links,
    ids,
    scrollWidth: doc.scrollWidth,
    clientWidth: doc.clientWidth,
    wide: (() => {
      // The outermost elements that stick out of the viewport, outside any scrolling or clipping
      // box; a part of a formula stands for its whole <math>.
      const W = doc.clientWidth + 1;
      const clipped = (e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
      };
      const out = new Map();
      for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.right <= W || clipped(e)) continue;
        const culprit = e.closest('math') || e;
        const parent = culprit.parentElement;
        if (culprit === e && parent && parent !== document.body && parent.getBoundingClientRect().right > W) continue;
        if (!out.has(culprit)) {
          out.set(culprit, {
            where: describe(culprit),
            right: Math.round(Math.max(r.right, culprit.getBoundingClientRect().left + culprit.scrollWidth)),
            text: culprit.tagName === 'math' ? culprit.textContent : '',
          });
        } else out.get(culprit).right = Math.max(out.get(culprit).right, Math.round(r.right));
      }
      return [...out.values()].slice(0, 10);
    })(),
  };
}
