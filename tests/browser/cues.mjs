// Scroll cues, measured on pixels (reader.mjs on every page, diagram.mjs on a wide diagram): a
// table, display formula or network diagram wider than its column scrolls, and the edge that
// hides its text (more than 8 px of it) shows a cue: the pixels of a strip along that edge differ
// from the page's background on nearly every row (measured on a screenshot); nothing is clipped
// without a way to scroll.

import { decode, frame } from './units.mjs';

/** In the page: each of the elements `selector` finds (tables, display formulas, diagrams) whose
 * text is cut, with its scrolling box marked (`data-cue-check`), or what is wrong with it
 * (sticks out, clipped). */
function cutBoxes(selector) {
  const main = document.querySelector('main') || document.body;
  const limit = main.getBoundingClientRect().right + 1;
  const out = [];
  const items = [...main.querySelectorAll(selector)];
  items.forEach((el, i) => {
    if (!el.getClientRects().length) return;
    let box = null;
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') { box = a; break; }
    }
    const what = `${el.tagName.toLowerCase()}${el.getAttribute('class') ? '.' + el.getAttribute('class').split(' ')[0] : ''} #${i + 1} "${((el.querySelector('title') || el).textContent || '').trim().slice(0, 40)}"`;
    if (!box) {
      if (el.getBoundingClientRect().right > limit) out.push({ what, problem: 'sticks out of the column' });
      return;
    }
    if (box.scrollWidth <= box.clientWidth + 1) return;
    // What is hidden: the text (or a formula's glyphs) past the box's visible edge, with the
    // box scrolled to its start; cutting a cell's padding or border hides nothing.
    box.scrollLeft = 0;
    const edge = box.getBoundingClientRect().left + box.clientLeft + box.clientWidth;
    let right = edge;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) right = Math.max(right, r.right);
    }
    if (right - edge <= 8) return;
    const style = getComputedStyle(box).overflowX;
    if (style === 'hidden' || style === 'clip') {
      out.push({ what, problem: `is clipped (overflow-x: ${style}) and cannot scroll` });
      return;
    }
    box.dataset.cueCheck = String(i);
    out.push({ what, id: String(i) });
  });
  return out;
}

/** Check every cut box of the page (of the elements `selector` finds, by default every table,
 * display formula and diagram): `fail(message)` for each box that scrolls without a cue or
 * cannot scroll. `scratch` is a page to decode screenshots in. */
export async function scrollCues(page, scratch, fail, selector = 'table, math[display="block"], svg.nn-diagram') {
  const boxes = await page.evaluate(cutBoxes, selector);
  for (const b of boxes) {
    if (b.problem) {
      fail(`${b.what} ${b.problem}`);
      continue;
    }
    const geometry = await page.evaluate((id) => {
      const box = document.querySelector(`[data-cue-check="${id}"]`);
      box.scrollLeft = 0;
      box.scrollIntoView({ block: 'center' });
      const r = box.getBoundingClientRect();
      let bg = 'rgb(255, 255, 255)';
      for (let e = box; e; e = e.parentElement) {
        const c = getComputedStyle(e).backgroundColor;
        if (c && !/rgba\(.*, 0\)$/.test(c) && c !== 'transparent') { bg = c; break; }
      }
      const html = getComputedStyle(document.documentElement).backgroundColor;
      const body = getComputedStyle(document.body).backgroundColor;
      const page = [body, html].find((c) => c && c !== 'rgba(0, 0, 0, 0)') || 'rgb(255, 255, 255)';
      return {
        x: r.left + box.clientLeft + box.clientWidth - 6,
        y: Math.max(0, r.top + box.clientTop),
        h: Math.min(box.clientHeight, innerHeight - Math.max(0, r.top)),
        page,
        bg,
      };
    }, b.id);
    await frame(page);
    if (geometry.h < 4) continue;
    const png = await page.screenshot({ clip: { x: geometry.x, y: geometry.y, width: 5, height: geometry.h } });
    const img = await decode(scratch, png);
    const bg = geometry.page.match(/\d+/g).map(Number);
    let cued = 0;
    for (let y = 0; y < img.h; y++) {
      // The median column of the strip: a one-pixel line (a cell border, a glyph's stem) is not a cue.
      const diffs = [];
      for (let x = 0; x < img.w; x++) {
        const o = (y * img.w + x) * 4;
        diffs.push(Math.abs(img.data[o] - bg[0]) + Math.abs(img.data[o + 1] - bg[1]) + Math.abs(img.data[o + 2] - bg[2]));
      }
      diffs.sort((a, b) => a - b);
      if (diffs[Math.floor(diffs.length / 2)] >= 18) cued++;
    }
    const share = cued / img.h;
    if (share < 0.9) {
      fail(`${b.what} scrolls sideways but its right edge shows no cue (${Math.round(share * 100)} % of the edge's rows differ from the page's background)`);
    }
  }
}
