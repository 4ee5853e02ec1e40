// nnbook: explorable lessons. The page carries its lesson's model (#nn-model-v2: the network, the
// controls, each chart's signals and pixel mapping; the id names the model's format, src/explore.rs
// MODEL_ID, so that a copy of this script from an older nnbook finds nothing and leaves the page
// static). Moving a control evaluates the network again
// and redraws every chart exactly as `nnbook build` would for those values: the same sampling
// (the evenly spaced inputs plus every kink, the same refinement of smooth curves), the same
// axes and ticks (plotters' rules), the same pixels. Without this script the page is static.
// One file of over a thousand lines, in sections marked `// ----`: the page loads one script of
// the project's own (one request, served compact), whose parts share the model in one closure.
(function () {
  "use strict";
  // (`document` by a name the compact script shortens, as Math's functions below.)
  var doc = document, el = doc.getElementById("nn-model-v2");
  if (!el) return;
  var M = JSON.parse(el.textContent);
  var EPS = 2.220446049250313e-16, MAX_KINKS = 10000, KINK_WORK = 200000000;
  var MAX_REFINE_DEPTH = 16, MAX_REFINED_POINTS = 20000, MAX_VALUE = 1e12;
  // (Math's functions used most, by names the compact script shortens.)
  var mathAbs = Math.abs, mathMax = Math.max, mathFloor = Math.floor;
  // (One name for the script's twenty listeners: the page's weight is counted to the byte.)
  function listen(target, type, f, options) { target.addEventListener(type, f, options); }
  function attr(element, name) { return element.getAttribute(name); }
  function setAttr(element, name, value) { element.setAttribute(name, value); }
  function rectOf(element) { return element.getBoundingClientRect(); }

  // ---- The network, as src/network evaluates it ----------------------------------------------
  function apply(act, z) {
    switch (act) {
      case "relu": return z > 0 ? z : 0;
      case "softplus": return mathMax(z, 0) + Math.log1p(Math.exp(-mathAbs(z)));
      case "sigmoid": return 1 / (1 + Math.exp(-z));
      case "tanh": return Math.tanh(z);
      case "leaky_relu": return z >= 0 ? z : 0.01 * z;
      default: return z;
    }
  }
  var kinked = function (act) { return act === "relu" || act === "leaky_relu"; };
  var linearAct = function (act) { return kinked(act) || act === "identity"; };
  var piecewise = M.layers.every(function (l) { return linearAct(l.activation); });

  // Every node's (sum, linear, activation) at x, each pre-activation within its rounding bound
  // of zero being zero (the build's `trace_into`). One trace is kept and filled again on every
  // call (each caller reads it before the next): no allocation in the hot loops.
  var TR = M.layers.map(function (l) { return l.nodes.map(function () { return [0, 0, 0]; }); });
  var TE = M.layers.map(function (l) { return l.nodes.map(function () { return 0; }); });
  var FIRST = [[0, 0, 0]], FIRST_ERR = [0];
  function trace(P, x) {
    FIRST[0][2] = x;
    var prev = FIRST, prevErr = FIRST_ERR;
    for (var l = 0; l < M.layers.length; l++) {
      var layer = M.layers[l], nodes = TR[l], errs = TE[l];
      for (var n = 0; n < layer.nodes.length; n++) {
        var node = layer.nodes[n], ws = node[1], sum = -0, size = 0, carried = 0;
        for (var i = 0; i < ws.length; i++) {
          var w = P[ws[i]], t = w * prev[i][2];
          sum += t; size += mathAbs(t); carried += mathAbs(w) * prevErr[i];
        }
        var b = P[node[2]];
        var error = carried + (ws.length + 3) * EPS * (size + mathAbs(b));
        var linear = sum + b;
        if (isFinite(linear) && mathAbs(linear) <= error) linear = 0;
        var a = apply(layer.activation, linear), out = nodes[n];
        out[0] = sum; out[1] = linear; out[2] = a;
        errs[n] = error + EPS * mathAbs(a);
      }
      prev = nodes; prevErr = errs;
    }
    return TR;
  }

  function value(P, t, x, s) {
    var v;
    switch (s[2]) {
      case "input": v = x; break;
      case "sum": v = t[s[0]][s[1]][0]; break;
      case "linear": v = t[s[0]][s[1]][1]; break;
      case "activation": v = t[s[0]][s[1]][2]; break;
      default: v = t[s[0]][s[1]][2] * P[M.layers[s[0] + 1].nodes[s[3]][1][s[1]]];
    }
    return v + 0;
  }

  var buf = new Float64Array(1), bits = new BigInt64Array(buf.buffer);
  function nextUp(x) {
    if (x !== x || x === Infinity) return x;
    if (x === 0) return 5e-324;
    buf[0] = x; bits[0] += x > 0 ? 1n : -1n; return buf[0];
  }
  function nextDown(x) { return -nextUp(-x); }

  function exactZero(z, x) {
    if (z(x) === 0) return x;
    var down = x, up = x;
    for (var i = 0; i < 64; i++) {
      down = nextDown(down); up = nextUp(up);
      if (z(down) === 0) return down;
      if (z(up) === 0) return up;
    }
    return x;
  }

  function findZero(z, a, b, za, zb) {
    var side = 0;
    for (var i = 0; i < 100; i++) {
      var x = (a * zb - b * za) / (zb - za);
      if (!(x > a && x < b)) return 0.5 * (a + b);
      var zx = z(x);
      if (zx === 0 || (b - a) <= EPS * mathMax(mathAbs(x), 1)) return x;
      if ((zx < 0) === (za < 0)) { a = x; za = zx; if (side === -1) zb *= 0.5; side = -1; }
      else { b = x; zb = zx; if (side === 1) za *= 0.5; side = 1; }
      if (mathAbs(zx) <= 1e-15 * (mathAbs(za) + mathAbs(zb))) return x;
    }
    return 0.5 * (a + b);
  }

  // Rust's `total_cmp`: −0 before +0 (sorting, then keeping the first of equal inputs).
  var negZero = function (v) { return Object.is(v, -0) ? 1 : 0; };
  var byNumber = function (a, b) { return a - b || negZero(b) - negZero(a); };
  function dedup(xs) { return xs.filter(function (x, i) { return i === 0 || x !== xs[i - 1]; }); }

  // Every input where a kinked node's pre-activation is zero (the build's `find_kinks`).
  function kinks(P) {
    var from = M.input.from, to = M.input.to, points = [from, to], found_all = [];
    var perTrace = mathMax(P.length, 1), left = mathFloor(KINK_WORK / perTrace);
    var tr = function (x) { left = mathMax(left - 1, 0); return trace(P, x); };
    for (var l = 0; l < M.layers.length; l++) {
      if (!kinked(M.layers[l].activation)) continue;
      if (left < points.length || found_all.length >= MAX_KINKS) break;
      var zAt = points.map(function (x) { return tr(x)[l].map(function (v) { return v[1]; }); });
      var found = [];
      outer: for (var n = 0; n < M.layers[l].nodes.length; n++) {
        var z = (function (n) { return function (x) { return tr(x)[l][n][1]; }; })(n);
        for (var i = 0; i < points.length - 1; i++) {
          if (left === 0 || found_all.length + found.length >= MAX_KINKS) break outer;
          var a = points[i], b = points[i + 1], za = zAt[i][n], zb = zAt[i + 1][n];
          if (za === 0 && a > from) found.push(a);
          else if (za * zb < 0) found.push(exactZero(z, findZero(z, a, b, za, zb)));
        }
      }
      found.forEach(function (x) {
        if (x > from && x < to && found_all.length < MAX_KINKS) { found_all.push(x); points.push(x); }
      });
      points = dedup(points.sort(byNumber));
    }
    return dedup(found_all.sort(byNumber));
  }

  function sampleInputs(P, ks) {
    var n = M.input.samples, from = M.input.from, to = M.input.to, xs = [];
    for (var i = 0; i < n; i++) xs.push(i + 1 === n ? to : from + (to - from) * i / (n - 1));
    return dedup(xs.concat(ks).sort(byNumber));
  }

  // Signals sampled over the input range (the build's `Network::sample`).
  function sample(P, xs, signals, tolerance) {
    var inputs = [], values = signals.map(function () { return []; });
    var evalAt = function (x) {
      var t = trace(P, x);
      return signals.map(function (s) { return value(P, t, x, s); });
    };
    var push = function (x, v) { inputs.push(x); v.forEach(function (y, i) { values[i].push(y); }); };
    if (piecewise || !(tolerance > 0)) {
      // (Each value straight into its column: no array for each input.)
      for (var i = 0; i < xs.length; i++) {
        var x = xs[i], t = trace(P, x);
        for (var k = 0; k < signals.length; k++) values[k].push(value(P, t, x, signals[k]));
      }
      return { inputs: xs.slice(), values: values };
    }
    var budget = xs.length + MAX_REFINED_POINTS;
    var refine = function (a, av, b, bv, depth) {
      if (depth >= MAX_REFINE_DEPTH || inputs.length >= budget) return;
      var mx = 0.5 * (a + b);
      if (mx <= a || mx >= b) return;
      var mv = evalAt(mx);
      var off = mv.some(function (m, i) { return mathAbs(m - 0.5 * (av[i] + bv[i])) > tolerance; });
      if (off) { refine(a, av, mx, mv, depth + 1); push(mx, mv); refine(mx, mv, b, bv, depth + 1); }
    };
    var px = null, pv = null;
    xs.forEach(function (x) {
      var v = evalAt(x);
      if (px !== null) refine(px, pv, x, v, 0);
      push(x, v); px = x; pv = v;
    });
    return { inputs: inputs, values: values };
  }

  // ---- Charts, as src/figure draws them through plotters -------------------------------------
  // The range [lo, hi] of the finite values of `columns` and `points` (−1 to 1 with none, one
  // more either side of a single value), and third whether any value is not finite.
  function yRange(columns, points) {
    var lo = Infinity, hi = -Infinity, bad = false;
    var see = function (v) { if (isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } else bad = true; };
    for (var c = 0; c < columns.length; c++) for (var i = 0; i < columns[c].length; i++) see(columns[c][i]);
    points.forEach(function (p) { see(p[1]); });
    var out = !(isFinite(lo) && isFinite(hi)) ? [-1, 1] : hi - lo <= EPS * mathMax(mathAbs(hi), 1) ? [lo - 1, hi + 1] : [lo, hi];
    out[2] = bad;
    return out;
  }

  function remEuclid(a, b) {
    var r = b > 0 ? a - mathFloor(a / b) * b : a - Math.ceil(a / b) * b;
    return mathAbs(r - b) < EPS ? 0 : r;
  }

  // plotters' key points of a float range (its `compute_f64_key_points`).
  function keyPoints(r0, r1, max) {
    var lo = Math.min(r0, r1), hi = mathMax(r0, r1);
    if (mathAbs(lo - hi) < EPS) return [lo];
    var scale = Math.pow(10, mathFloor(Math.log10(hi - lo)));
    var gran = scale / 10;
    if (1 + mathFloor((hi - lo) / scale) > max) { scale *= 10; gran *= 10; }
    outer: for (;;) {
      var old = scale, nexts = [2, 5, 10];
      for (var k = 0; k < 3; k++) {
        var nxt = nexts[k];
        var nl = lo - remEuclid(lo, old / nxt);
        if (nl < lo) nl += old / nxt;
        var nr = hi - remEuclid(hi, old / nxt);
        if (Math.round(1 + (nr - nl) / old * nxt) > max) break outer;
        scale = old / nxt;
      }
      scale = old / 10; gran /= 10;
    }
    var out = [], left = lo - remEuclid(lo, scale);
    if (left < lo) left += scale;
    var base = mathFloor(left / gran) * gran, rel = left - base, right = hi - remEuclid(hi, scale);
    while (right - rel - base >= -EPS) {
      if (Math.round(rel / gran) * gran < 0) rel += gran;
      out.push(rel + base);
      rel += scale;
    }
    return out;
  }

  // plotters' `Ranged::map` of a float coordinate onto pixels l0..l1.
  function map(v, lo, hi, l0, l1) {
    if (hi === lo) return Math.trunc((l1 - l0) / 2);
    var logic = (v - lo) / (hi - lo), len = l1 - l0;
    if (len === 0) return l1;
    if (!isFinite(logic)) return logic > 0 ? l1 : l0;
    return len > 0 ? l0 + mathFloor(len * logic + 1e-3) : l0 + Math.ceil(len * logic - 1e-3);
  }

  function minus(s) { return s.charAt(0) === "-" ? "\u2212" + s.slice(1) : s; }
  // An axis's tick labels (src/figure/ticks.rs): three decimals, or as many more (up to 12) as
  // it takes for no two neighbours that differ to read the same; in scientific form when the
  // largest is 1e5 or more or below 1e-4, a zero's rounding error 0. (`tickFormat`: the
  // function that writes a number so.)
  function tickLabels(ks) { return ks.map(tickFormat(ks)); }
  function tickFormat(ks) {
    var m = mathMax.apply(null, ks.map(Math.abs)), e = m > 0 && !(m >= 1e-4 && m < 1e5), d = 3;
    var f = function (k) {
      if (!e) return tickText(k, d);
      if (mathAbs(k) <= m * 1e-9) return "0";
      var p = k.toExponential(d).split("e");
      return minus(p[0].replace(/\.?0+$/, "")) + "e" + minus(p[1].replace("+", ""));
    };
    while (d < 12 && !ks.every(function (k, i) { return !i || k === ks[i - 1] || f(k) !== f(ks[i - 1]); })) d++;
    return f;
  }
  // A tick: up to d decimals, trailing zeros dropped, a true minus sign.
  function tickText(v, d) {
    // (Rust's shortest round-trip digits are JavaScript's where it writes no exponent.)
    var s = String(v), i = s.indexOf(".");
    if (mathAbs(v) < 1e12 && !/e/.test(s) && (i < 0 || s.length - i <= d + 1)) return minus(s);
    s = fixed(v, d);
    if (/^-[0.]*$/.test(s)) s = s.slice(1);
    s = minus(s).replace(/0+$/, "").replace(/\.$/, "");
    return s === "" || s === "\u2212" ? "0" : s;
  }

  // A series' points (inputs `xs`, values `ys`) in pixels (`mx`, `my`), leaving out each that
  // lies on the line from the last kept to the next (src/figure/chart.rs's `straighten`).
  function straighten(xs, ys, span, mx, my) {
    var kept = [];
    for (var i = 0, a = -1; i < xs.length; i++) {
      if (a >= 0 && i + 1 < xs.length) {
        var on = ys[a] + (ys[i + 1] - ys[a]) * (xs[i] - xs[a]) / (xs[i + 1] - xs[a]);
        if (mathAbs(ys[i] - on) <= 1e-9 * span) continue;
      }
      kept.push([mx(xs[i]), my(ys[i])]);
      a = i;
    }
    return kept;
  }

  // Where a legend goes (src/figure/legend.rs): the first corner where it keeps clear of every
  // drawn line (3 px) and point (2 px beyond its edge); when all are taken, the value range is
  // raised so that the top of the plot is free, and it goes in the first corner free then.
  var CORNERS = ["upper-right", "upper-left", "lower-right", "lower-left"];
  function crosses(l, t, r, b, a, e) {
    var dx = e[0] - a[0], dy = e[1] - a[1], t0 = 0, t1 = 1;
    var pq = [[-dx, a[0] - l], [dx, r - a[0]], [-dy, a[1] - t], [dy, b - a[1]]];
    for (var i = 0; i < 4; i++) {
      var p = pq[i][0], q = pq[i][1];
      if (p === 0) { if (q < 0) return false; continue; }
      var s = q / p;
      if (p < 0) { if (s > t1) return false; t0 = mathMax(t0, s); }
      else { if (s < t0) return false; t1 = Math.min(t1, s); }
    }
    return true;
  }
  function freeCorner(px, g, box) {
    for (var i = 0; i < CORNERS.length; i++) {
      var at = legendAt(CORNERS[i], g, box[0], box[1]), x0 = at[0], y0 = at[1], x1 = x0 + box[0], y1 = y0 + box[1];
      var free = px.lines.every(function (line) {
        if (line.length === 1) return !crosses(x0 - 3, y0 - 3, x1 + 3, y1 + 3, line[0], line[0]);
        for (var k = 1; k < line.length; k++) if (crosses(x0 - 3, y0 - 3, x1 + 3, y1 + 3, line[k - 1], line[k])) return false;
        return true;
      }) && px.dots.every(function (d) {
        var c = 5 + 2;
        return !(d[0] >= x0 - c && d[0] <= x1 + c && d[1] >= y0 - c && d[1] <= y1 + c);
      });
      if (free) return i;
    }
    return -1;
  }
  // The lines (straightened) and points of a chart on view `g`, in pixels.
  function pixels(c, g, data, xs, ys) {
    var X0 = g.x_pixels[0], X1 = g.x_pixels[1], B = g.y_pixels[0], T = g.y_pixels[1];
    var mx = function (v) { return map(v, xs[0], xs[1], X0, X1); };
    var my = function (v) { return map(v, ys[0], ys[1], B, T); };
    return {
      lines: data.values.map(function (column) {
        return straighten(data.inputs, column, ys[1] - ys[0], mx, my);
      }),
      dots: c.points.filter(function (p) { return p[0] >= xs[0] && p[0] <= xs[1]; }).map(function (p) { return [mx(p[0]), my(p[1])]; }),
    };
  }
  // A tick label's width at 14.52 px in DejaVu Sans: its characters' advances in 2048ths of an
  // em (src/figure/ticks.rs `label_width`, the same table).
  function labelWidth(s) {
    for (var u = 0, i = 0; i < s.length; i++) {
      var c = s[i];
      u += c >= "0" && c <= "9" ? 1303 : c === "." ? 651 : c === "\u2212" ? 1716 : c === "e" ? 1260 : 13 * 2048 / 14.52;
    }
    return u * 14.52 / 2048;
  }
  // A view's y ticks over the value range `yr` (key points `yk`, labels `yl`) and its geometry
  // `g` for them: the build's, the plotting area moved right by as much as the widest label is
  // wider than the 33 px the label area holds (src/figure/mesh.rs `y_label_shift`), as the build
  // moved it by `shift`; a moved one has its own x axis (`xAxis`).
  function ticksOf(view, yr) {
    var yk = keyPoints(yr[0], yr[1], 6), yl = tickLabels(yk), g = view.geometry, moved = g.moved || (g.moved = {});
    var d = mathMax(0, Math.ceil(mathMax.apply(null, yl.map(labelWidth)) - 33)) - (g.shift || 0);
    if (d && !moved[d]) moved[d] = { x_pixels: [g.x_pixels[0] + d, g.x_pixels[1]], y_pixels: g.y_pixels, area: [g.area[0] - d, g.area[1]] };
    return { yk: yk, yl: yl, g: d ? moved[d] : g };
  }
  // A view's value range, ticks, geometry, pixels and legend corner for layout `l`.
  function place(view, l) {
    var c = view.fig.model, yr = l.yr, t = ticksOf(view, yr), px = pixels(c, t.g, l.data, l.xr, yr);
    t.yr = yr;
    t.px = px;
    if (!view.box) return t;
    var i = freeCorner(px, t.g, view.box);
    if (i < 0) {
      var band = (5 + view.box[1] + 5 + 2 * 2 + 1) / (t.g.y_pixels[0] - t.g.y_pixels[1]);
      if (band < 0.75) {
        yr = [yr[0], mathMax(yr[1], (l.top - band * yr[0]) / (1 - band))];
        t = ticksOf(view, yr);
        t.yr = yr;
        t.px = px = pixels(c, t.g, l.data, l.xr, yr);
      }
      i = mathMax(0, freeCorner(px, t.g, view.box));
    }
    t.corner = CORNERS[i];
    return t;
  }

  // A chart's drawing as a list of nodes, in the order and with the attributes the build writes
  // (src/figure/svg.rs, which leaves out SVG's defaults, and src/figure/mesh.rs): [tag, [[name,
  // value], ...], text], each followed by a "\n" text node.

  // Straight segments of one colour as one path (src/figure/mesh.rs): "M x y" and "H x" or "V y"
  // for each (lines: no fill).
  function segments(out, stroke, d) {
    if (d) out.push(["path", [["stroke", stroke], ["d", d]]]);
  }
  // Everything of a chart that depends on its values, in the build's order and in groups (each
  // redrawn on its own: a tick more on one axis leaves the other axis's elements alone): the
  // mesh's vertical and horizontal lines, each axis with its ticks and then its labels, the
  // lines, the points. What follows from the input range and the geometry alone (the vertical
  // lines, the x axis with its ticks and labels: `xParts`) is the build's, kept, or `xAxis`'s
  // for a moved geometry.
  function drawMiddle(p, xParts, colors, lines) {
    var g = p.g, ys = p.yr, yk = p.yk, X0 = g.x_pixels[0], X1 = g.x_pixels[1], B = g.y_pixels[0], T = g.y_pixels[1];
    var my = function (v) { return map(v, ys[0], ys[1], B, T); };
    var out = [xParts[0], [], [], xParts[1], [], []];
    var h = "", ya = "M" + (X0 - 1) + " " + T + "V" + B;
    yk.forEach(function (k) { var y = my(k); h += "M" + X0 + " " + y + "H" + X1; ya += "M" + (X0 - 6) + " " + y + "H" + (X0 - 1); });
    segments(out[1], "#E4E4E4", h);
    segments(out[2], "#555", ya);
    // Each y tick label at its baseline: below plotters' point, the label's middle, by 0.265em
    // (src/figure/svg.rs `baseline_offset`), 4 px at the labels' 14.52 px. (Family and size are
    // the <svg> element's, which every text inherits.)
    p.yl.forEach(function (t, i) { out[2].push(["text", [["x", X0 - 10], ["y", my(yk[i]) + 4], ["text-anchor", "end"]], t]); });
    // Each series a polyline 3 px wide (src/figure/mod.rs `lines`).
    lines.forEach(function (points, k) { out[4].push(["polyline", [["fill", "none"], ["stroke", colors[k]], ["stroke-width", "3"], ["points", points]]]); });
    // Points are rings (src/figure/chart.rs `point_style`): the curve under them stays visible.
    p.px.dots.forEach(function (d) {
      out[5].push(["circle", [["cx", d[0]], ["cy", d[1]], ["r", "5"], ["fill", "none"], ["stroke", "#222"], ["stroke-width", "2"]]]);
    });
    return out;
  }

  // The vertical lines, and the x axis with its ticks and labels, on a moved geometry `g`
  // (src/figure/mesh.rs `x_ticks`): up to six key points of the input range `xr`, fewer where
  // two labels would come within 4 px; a label that would cross the edge of the canvas, `width`
  // px wide, moved in to end 2 px inside it.
  function xAxis(g, xr, width) {
    var X0 = g.x_pixels[0], B = g.y_pixels[0], v = "", a = "M" + X0 + " " + (B + 1) + "H" + g.x_pixels[1], t;
    for (var n = 6; n > 1; n--) {
      var ks = keyPoints(xr[0], xr[1], n);
      t = tickLabels(ks).map(function (s, i) {
        var x = map(ks[i], xr[0], xr[1], X0, g.x_pixels[1]), h = Math.ceil(labelWidth(s) / 2);
        return [x, s, h + 2 > x ? h + 2 : x + h + 2 > width ? width - h - 2 : x];
      });
      if (t.every(function (k, i) { return !i || (labelWidth(t[i - 1][1]) + labelWidth(k[1])) / 2 + 4 <= mathAbs(k[2] - t[i - 1][2]); })) break;
    }
    var labels = t.map(function (k) {
      v += "M" + k[0] + " " + B + "V" + g.y_pixels[1];
      a += "M" + k[0] + " " + (B + 1) + "V" + (B + 6);
      return ["text", [["x", k[2]], ["y", B + 22]], k[1]];
    });
    return [[["path", [["stroke", "#E4E4E4"], ["d", v]]]], [["path", [["stroke", "#555"], ["d", a]]]].concat(labels)];
  }

  // Where the x title is centred: under the plotting area (src/figure/mesh.rs).
  function centre(g) { return g.x_pixels[0] + ((g.x_pixels[1] + 1 - g.x_pixels[0]) >> 1); }

  // A drawn node back as a descriptor (for the legend, kept as the build drew it).
  function describeNode(n) {
    return [n.nodeName, Array.from(n.attributes, function (a) { return [a.name, a.value]; }), n.childNodes.length ? n.textContent : undefined];
  }

  // Where plotters puts a legend of size w x h in the plotting area (its `layout_label_area`).
  function legendAt(corner, g, w, h) {
    var right = corner.indexOf("right") > 0, upper = corner.indexOf("upper") === 0;
    return [g.x_pixels[0] + (right ? g.area[0] - w - 5 : 5), g.y_pixels[1] + (upper ? 5 : g.area[1] - h - 5)];
  }

  // Nodes moved by (dx, dy): every coordinate attribute rewritten, as plotters would have
  // written it at the new place.
  function shift(nodes, dx, dy) {
    if (!dx && !dy) return nodes;
    return nodes.map(function (n) {
      return [n[0], n[1].map(function (a) {
        var name = a[0], v = a[1];
        if (name === "points") return [name, String(v).replace(/(-?\d+),(-?\d+)/g, function (p, x, y) { return (+x + dx) + "," + (+y + dy); })];
        if (/^c?[xy]$/.test(name)) return [name, String(+v + (name.slice(-1) === "x" ? dx : dy))];
        return a;
      }), n[2]];
    });
  }

  // The lesson's block (the child of its body) an element is in, or null.
  var lessonBody = doc.querySelector(".lesson-body");
  function blockOf(el) {
    var block = el;
    while (block.parentNode && block.parentNode !== lessonBody) block = block.parentNode;
    return block.parentNode ? block : null;
  }

  // ---- The lesson's charts ---------------------------------------------------------------------
  // A chart is drawn on two canvases (src/figure/chart.rs): the column one for desktops and
  // the phone one, each an <svg> of the figure (a view). The style sheet shows one; the other is
  // drawn when it comes into view (`phoneMedia` changes).
  // (`phone`: read once a step, and on a change.)
  var phoneMedia = window.matchMedia("(max-width: 35em)"), phone = phoneMedia.matches;
  function shown(view) { return view.phone === phone; }
  var charts = M.charts.map(function (c) {
    var figure = doc.getElementById("figure-" + c.id);
    if (!figure) return null;
    var link = figure.querySelector('a.nn-data[href^="data:"]');
    var csv = link ? decodeURIComponent(attr(link, "href").slice(attr(link, "href").indexOf(",") + 1)) : "";
    var fig = { model: c, figure: figure, block: blockOf(figure), stale: figure.classList.contains("nn-stale"), link: link, csvHeader: csv.slice(0, csv.indexOf("\n") + 1), views: [] };
    [[M.geometries[c.geometry], "svg.nn-column", false], [M.geometries[c.phone], "svg.nn-phone", true]].forEach(function (v) {
      var svg = figure.querySelector(":scope > " + v[1]);
      if (!svg) return;
      var nodes = Array.from(svg.childNodes), headCount = 0;
      while (headCount < nodes.length && nodes[headCount].nodeName !== "path") headCount++;
      // The legend: from its background (the rect drawn at 0.85 opacity) to the end.
      var legendAt0 = v[0].legend ? nodes.findIndex(function (n) { return n.nodeName === "rect" && attr(n, "opacity") === "0.85"; }) : -1;
      var desc = svg.querySelector("desc");
      // The build's vertical lines (the first path, of "V" runs alone) and x axis (the second
      // path in the axes' colour) with its labels (the texts after it): src/figure/mesh.rs.
      var els = nodes.slice(headCount).filter(function (n) { return n.nodeType === 1; }), axes = [], vertical = [];
      els.forEach(function (n, i) {
        var d = n.nodeName === "path" && attr(n, "d");
        if (i === 0 && d && d.indexOf("H") < 0) vertical.push(describeNode(n));
        if (d && attr(n, "stroke") === "#555") axes.push(i);
      });
      var xAxis = [];
      for (var i = axes[1]; i < els.length && (i === axes[1] || els[i].nodeName === "text"); i++) xAxis.push(describeNode(els[i]));
      fig.views.push({
        xParts: [vertical, xAxis],
        // (The x title's lines: the texts before the mesh below the plotting area.)
        xTitles: nodes.slice(0, headCount).filter(function (n) { return n.nodeName === "text" && attr(n, "y") > v[0].y_pixels[0]; }),
        titleX: centre(v[0]),
        fig: fig, geometry: v[0], svg: svg, phone: v[2], headCount: headCount, desc: desc, descText: desc && desc.textContent,
        legend: legendAt0 >= 0 ? nodes.slice(legendAt0).filter(function (n) { return n.nodeType === 1; }).map(describeNode) : [],
        box: legendAt0 >= 0 ? [+attr(nodes[legendAt0], "width"), +attr(nodes[legendAt0], "height")] : null,
      });
    });
    return fig.views.length ? fig : null;
  }).filter(Boolean);
  var views = [];
  charts.forEach(function (fig) { views = views.concat(fig.views); });

  // A chart's CSV is written when its data link is about to be used (hovered, focused, touched):
  // not on every step.
  function linkData(fig) {
    if (!fig.link || !fig.csvStale || !fig.layout) return;
    fig.csvStale = false;
    setAttr(fig.link, "href", "data:text/csv;charset=utf-8," + dataUri(fig.csvHeader + csvRows(fig.layout.data, fig.model.points)));
  }
  charts.forEach(function (fig) {
    if (!fig.link) return;
    ["pointerdown", "pointerenter", "focus"].forEach(function (e) {
      listen(fig.link, e, function () { linkData(fig); });
    });
  });

  // A piecewise-linear network's signals for the step's charts, from one trace per input (the
  // build samples such a lesson once for all its figures too): by signal key, over `xs`.
  // (The step's scope's signals: its charts' and its values' extremes', so `max s` reads its
  // column.)
  function shared(P, xs) {
    var d = sample(P, xs, scope.signals, 0), out = {};
    scope.keys.forEach(function (k, i) { out[k] = d.values[i]; });
    return { inputs: d.inputs, columns: out };
  }

  // A chart's data and ranges for parameters P (`xs`: the lesson's sample inputs), or null when
  // a value is not finite or too large to draw (the drawing is then left as it was).
  function layout(fig, P, xs, common) {
    var c = fig.model, data = common && piecewise
      ? { inputs: common.inputs, values: c.signals.map(function (s) { return common.columns[s.join()]; }) }
      : sample(P, xs, c.signals, 0);
    if (!piecewise) {
      var r = yRange(data.values, c.points);
      data = sample(P, xs, c.signals, 0.5 * (r[1] - r[0]) / M.plot_height);
    }
    var ys = yRange(data.values, c.points);
    if (ys[2] || mathAbs(ys[0]) > MAX_VALUE || mathAbs(ys[1]) > MAX_VALUE) return null;
    var pad = 0.05 * (ys[1] - ys[0]), xpad = 0.02 * (M.input.to - M.input.from);
    return { data: data, top: ys[1], xr: [M.input.from - xpad, M.input.to + xpad], yr: [ys[0] - pad, ys[1] + pad] };
  }

  // Draw a figure for parameters P: its data, each view's description, and the view shown when
  // the figure is on screen (else when it comes on screen: drawInView). Returns its data, or null.
  function drawChart(fig, P, xs, common) {
    var l = layout(fig, P, xs, common);
    fig.layout = l;
    if (fig.stale !== !l) fig.figure.classList.toggle("nn-stale", (fig.stale = !l));
    if (!l) return null;
    fig.desc = describe(fig.model, l.data);
    fig.views.forEach(function (view) {
      if (view.desc && view.descText !== fig.desc) setText(view.desc, (view.descText = fig.desc));
      view.placed = null;
      view.stale = true;
      if (shown(view)) { if (fig.onScreen) drawView(view); else unseen(view.svg, true); }
    });
    fig.csvStale = true;
    return l.data;
  }
  function drawView(view) {
    var fig = view.fig, l = fig.layout;
    view.stale = false;
    unseen(view.svg, false);
    if (!l) return;
    var p = placedOf(view), legend = [];
    // What is drawn follows from the value range, the legend's corner and the pixels alone (the
    // input range, geometry and colours are fixed): when they are as last drawn, so is the drawing.
    var lines = p.px.lines.map(function (pts) {
      var points = "";
      for (var i = 0; i < pts.length; i++) points += pts[i][0] + "," + pts[i][1] + " ";
      return points;
    });
    var drawn = [p.yr[0], p.yr[1], p.corner, p.px.dots.join(" ")].concat(lines), was = view.drawn;
    hideReadout(view);
    if (!was || was.length !== drawn.length || drawn.some(function (d, i) { return d !== was[i]; })) {
      view.drawn = drawn;
      var g = view.geometry;
      if (view.legend.length) {
        var from = legendAt(g.legend, g, view.box[0], view.box[1]), at = legendAt(p.corner, p.g, view.box[0], view.box[1]);
        // (Kept for the corner and geometry it was moved to: a legend goes back and forth
        // between few.)
        if (view.legendAt !== p.corner + at) { view.legendAt = p.corner + at; view.shifted = shift(view.legend, at[0] - from[0], at[1] - from[1]); }
        legend = view.shifted;
      }
      var xParts = p.g === g ? view.xParts : p.g.xParts || (p.g.xParts = xAxis(p.g, l.xr, view.svg.viewBox.baseVal.width));
      var groups = drawMiddle(p, xParts, fig.model.colors, lines).concat([legend]), x = centre(p.g);
      if (view.titleX !== x) view.xTitles.forEach(function (e) { setAttr(e, "x", (view.titleX = x)); });
      if (!(far && behind && canvasOf(view))) reconcile(view.svg, view.headCount, groups);
      else {
        paint(view, groups);
        // (The x axis and vertical lines stay in the svg: moved with the plotting area there.)
        if (xParts[1] !== view.svg.nnNodes[3]) reconcile(view.svg, view.headCount, groups.map(function (n, i) { return PAINTED.indexOf(i) < 0 ? n : view.svg.nnNodes[i]; }));
      }
    }
    // A focused chart's readout follows the new values.
    if (view.cursor !== undefined && doc.activeElement === view.svg) showReadout(view, readoutAt(view, view.cursor));
  }
  listen(phoneMedia, "change", function () {
    phone = phoneMedia.matches;
    views.forEach(function (view) { if (view.stale && shown(view)) unseen(view.svg, true); });
    drawInView(false);
  });

  // ---- A held slider's charts on a canvas ---------------------------------------------------
  // From a held slider's second step (hold()), a chart on screen has what a step changes in it
  // (all but its head and what follows from the input range alone: the vertical lines and the x
  // axis, which nothing else drawn touches) painted on a <canvas> laid over its <svg>, from the very
  // nodes the svg would be made (in the svg's coordinates, on the svg's device pixels), those
  // elements of the svg hidden; the svg is made the nodes when the slider is let go (release(),
  // before that frame). Each <text> or <path> an svg moves costs the browser style and layout,
  // tens of microseconds (most of a held step with a chart in view that every parameter moves:
  // docs/performance.md, fourteenth session); a canvas's drawing costs none. Colours are the
  // svg's elements' as styled (dark mode's).
  var PAINTED = [1, 2, 4, 5, 6];
  function canvasOf(view) {
    var svg = view.svg, els = svg.nnEls, fig = view.fig.figure;
    if (view.canvas || !els) return view.canvas;
    // (On the svg's device pixels: the canvas's are not stretched, and shapes fall on the same
    // pixels as the svg's.)
    var r = rectOf(svg), f = rectOf(fig), dpr = devicePixelRatio, k = dpr * r.width / svg.viewBox.baseVal.width;
    var x0 = mathFloor(r.left * dpr), y0 = mathFloor(r.top * dpr), c = (view.canvas = doc.createElement("canvas")), ctx = (view.ctx = c.getContext("2d"));
    c.ariaHidden = "true";
    c.width = Math.ceil(r.right * dpr) - x0;
    c.height = Math.ceil(r.bottom * dpr) - y0;
    c.style.cssText = "left:" + (x0 / dpr - f.left - fig.clientLeft) + "px;top:" + (y0 / dpr - f.top - fig.clientTop) + "px;width:" + c.width / dpr + "px";
    ctx.scale(k, k);
    ctx.miterLimit = 4;
    ctx.nnSet = {};
    // (Every text painted is in the svg's font, the canvas in the page first: a font is chosen
    // for the language of the canvas's element, and a Chinese page's sans-serif is not an
    // English one's.)
    fig.append(c);
    ctx.font = attr(svg, "font-size") + "px " + attr(svg, "font-family");
    view.colors = {};
    view.hidden = PAINTED.flatMap(function (g) { return els[g]; });
    // (Every element read before any is hidden: the page's style is worked out once.)
    view.hidden.forEach(function (e) {
      var cs = getComputedStyle(e);
      view.colors[e.nodeName + attr(e, "fill") + attr(e, "stroke")] = [cs.fill, cs.stroke];
    });
    view.hidden.forEach(function (e) { setAttr(e, "visibility", "hidden"); });
    return c;
  }
  // (A context's state is set only where it changes: each setting is parsed again.)
  function set(ctx, name, v) { if (ctx.nnSet[name] !== v) ctx[name] = ctx.nnSet[name] = v; }
  function paint(view, groups) {
    var ctx = view.ctx;
    ctx.clearRect(-9, -9, 1e4, 1e4);
    PAINTED.forEach(function (g) {
      groups[g].forEach(function (n) {
        var a = {}, shape;
        n[1].forEach(function (p) { a[p[0]] = p[1]; });
        // (Every kind of element drawn is in the svg when the slider is pressed.)
        var col = view.colors[n[0] + (a.fill || null) + (a.stroke || null)];
        set(ctx, "globalAlpha", +a.opacity || 1);
        if (n[0] === "text") {
          set(ctx, "textAlign", a["text-anchor"] || "center");
          set(ctx, "fillStyle", col[0]);
          return ctx.fillText(n[2], +a.x, +a.y);
        }
        shape = new Path2D(a.points ? "M" + a.points : a.d);
        if (a.r) shape.arc(+a.cx, +a.cy, +a.r, 0, 7);
        if (a.width) shape.rect(+a.x, +a.y, +a.width, +a.height);
        // (A path without a fill is the mesh's lines, which enclose nothing.)
        if (a.fill && col[0] !== "none") { set(ctx, "fillStyle", col[0]); ctx.fill(shape); }
        if (col[1] !== "none") { set(ctx, "lineWidth", +a["stroke-width"] || 1); set(ctx, "strokeStyle", col[1]); ctx.stroke(shape); }
      });
    });
  }
  // The canvases taken away, and their charts left to be drawn (the redraw after release()).
  function unpaint() {
    views.forEach(function (view) {
      if (view.canvas) { view.canvas.remove(); view.hidden.forEach(function (e) { e.removeAttribute("visibility"); }); view.canvas = view.drawn = null; }
    });
  }

  // Make the children of `svg` from `start` on the drawn nodes (`groups` of them, each node
  // followed by a "\n"), changing only what differs: the title, description and style before
  // `start` are left alone, and an element that stays only has its changed attributes and text
  // set (no parsing, and no style or layout work for what did not move).
  var SVG_NS = "http://www.w3.org/2000/svg";
  // Two drawn nodes: the same element and attribute names.
  function sameKind(a, b) {
    if (a[0] !== b[0] || a[1].length !== b[1].length) return false;
    for (var k = 0; k < a[1].length; k++) if (a[1][k][0] !== b[1][k][0]) return false;
    return true;
  }
  // Element `a` (drawn as node `was`, or null: as the build wrote it) made into drawn node `d`
  // (`a` changed in place, or replaced by a new element), or a new element put before `before`
  // (each element is followed by a "\n"). Returns the element.
  function drawNode(svg, a, d, before, was) {
    var attrs = d[1], k;
    if (a && !was) was = describeNode(a);
    // (A node kept from the last drawing: the element as it is.)
    if (was === d) return a;
    if (a && sameKind(was, d)) {
      for (k = 0; k < attrs.length; k++) {
        var v = String(attrs[k][1]);
        if (String(was[1][k][1]) !== v) setAttr(a, attrs[k][0], v);
      }
      if (d[2] !== undefined && was[2] !== d[2]) setText(a, d[2]);
      return a;
    }
    // A new element where there was none, another kind, or other attributes (they must come in
    // the writer's order, which setting them on the old one would not keep).
    var e = doc.createElementNS(SVG_NS, d[0]);
    for (k = 0; k < attrs.length; k++) setAttr(e, attrs[k][0], attrs[k][1]);
    if (d[2] !== undefined) e.textContent = d[2];
    if (a) svg.replaceChild(e, a);
    else { svg.insertBefore(e, before); svg.insertBefore(doc.createTextNode("\n"), before); }
    return e;
  }
  function reconcile(svg, start, groups) {
    var els = svg.nnEls, g, i;
    if (!els) {
      // The first time: the build's drawing, its whitespace made one "\n" after each element.
      var old = svg.childNodes, at = start;
      els = groups.map(function (nodes) {
        return nodes.map(function (d) {
          var e = drawNode(svg, old[at] || null, d, null, null), t = old[++at];
          if (t && t.nodeType === 3) { if (t.nodeValue !== "\n") t.nodeValue = "\n"; }
          else svg.insertBefore(doc.createTextNode("\n"), t || null);
          at++;
          return e;
        });
      });
      while (old.length > at) svg.removeChild(svg.lastChild);
    } else {
      // Since: each group's elements are made its new nodes in place, those drawn the same left
      // alone; one drawn longer gets new elements at its end (before the next group's first),
      // one drawn shorter loses its last ones.
      var before = null, prev = svg.nnNodes;
      for (g = groups.length - 1; g >= 0; g--) {
        var nodes = groups[g], was = els[g], made = [];
        for (i = 0; i < nodes.length && i < was.length; i++) made.push(drawNode(svg, was[i], nodes[i], null, prev[g][i]));
        for (; i < nodes.length; i++) made.push(drawNode(svg, null, nodes[i], before, null));
        for (i = nodes.length; i < was.length; i++) { svg.removeChild(was[i].nextSibling); svg.removeChild(was[i]); }
        if (made.length) before = made[0];
        els[g] = made;
      }
    }
    svg.nnEls = els;
    svg.nnNodes = groups;
  }

  // The figure in words (src/figure/describe.rs): each series' first, last, lowest and highest
  // values filled into the build's sentences.
  // (Each sentence split once into its words and the names of its numbers, in turn.)
  function describe(c, data) {
    var d = c.description.head, n = data.inputs, xf = tickFormat([n[0], n[n.length - 1]]);
    if (!c.sentences) c.sentences = c.description.series.map(function (sentence) { return sentence.split(/\ue000(\w+)\ue001/); });
    c.sentences.forEach(function (parts, s) {
      var col = data.values[s], lo = Infinity, hi = -Infinity, lx = 0, hx = 0;
      for (var i = 0; i < col.length; i++) {
        var v = col[i];
        if (v < lo) { lo = v; lx = data.inputs[i]; }
        if (v > hi) { hi = v; hx = data.inputs[i]; }
      }
      var nums = { first: col.length ? col[0] : 0, last: col.length ? col[col.length - 1] : 0, lo: lo, lo_x: lx, hi: hi, hi_x: hx };
      var yf = tickFormat(col.length ? [lo, hi] : []);
      for (var k = 0; k < parts.length; k++) d += k % 2 ? (/_x/.test(parts[k]) ? xf : yf)(nums[parts[k]]) : parts[k];
    });
    return d + c.description.tail;
  }

  // Rust's `{}` of a float: the shortest digits that read back, never an exponent.
  function rustNumber(v) {
    if (Object.is(v, -0)) return "-0";
    var s = String(v), m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    if (!m) return s;
    var digits = m[2] + (m[3] || ""), e = +m[4];
    if (e < 0) return m[1] + "0." + "0".repeat(-e - 1) + digits;
    return m[1] + digits + "0".repeat(mathMax(0, e - digits.length + 1));
  }
  // The CSV rows (src/figure/csv.rs): each sample, and the observed points merged in by input.
  function csvRows(data, points) {
    var pts = points.slice().sort(function (a, b) { return byNumber(a[0], b[0]); }), p = 0, out = "", n = data.values.length;
    var has = pts.length > 0, commas = ",".repeat(n);
    var point = function (y) { return has ? "," + (y === undefined ? "" : rustNumber(y)) : ""; };
    data.inputs.forEach(function (x, i) {
      while (p < pts.length && pts[p][0] < x) { out += rustNumber(pts[p][0]) + commas + point(pts[p][1]) + "\n"; p++; }
      out += rustNumber(x);
      data.values.forEach(function (col) { out += "," + rustNumber(col[i]); });
      var observed;
      if (p < pts.length && pts[p][0] === x) { observed = pts[p][1]; p++; }
      out += point(observed) + "\n";
      while (p < pts.length && pts[p][0] === x) { out += rustNumber(x) + commas + point(pts[p][1]) + "\n"; p++; }
    });
    for (; p < pts.length; p++) out += rustNumber(pts[p][0]) + commas + point(pts[p][1]) + "\n";
    return out;
  }
  // A data: address's text, as the build writes it (src/page/blocks.rs).
  function dataUri(text) {
    // (encodeURIComponent keeps ' and writes , : ; = + / as %XX, which the build keeps.)
    return encodeURIComponent(text).replace(/'/g, "%27").replace(/%(2C|3A|3B|3D|2B|2F)/g, decodeURIComponent);
  }

  // An element's text set: its one text node's data changed in place where it has one (no node
  // replaced: less style and layout work), else its content replaced by the text.
  function setText(el, text) {
    var t = el.firstChild;
    if (text !== "" && t && t === el.lastChild && t.nodeType === 3) { if (t.data !== text) t.data = text; }
    else el.textContent = text;
  }

  // ---- Numbers as the build writes them (Rust's formatting: exact, ties to even) ---------------
  // The exact value of |x| as num / den (BigInts), and whether x is negative.
  function exact(x) {
    buf[0] = mathAbs(x);
    var b = bits[0], ex = Number((b >> 52n) & 0x7ffn), m = b & 0xfffffffffffffn, e;
    if (ex === 0) e = -1074; else { m |= 1n << 52n; e = ex - 1075; }
    return e >= 0 ? [m << BigInt(e), 1n] : [m, 1n << BigInt(-e)];
  }
  // num / den rounded to an integer, ties to even.
  function roundEven(num, den) {
    var q = num / den, r = num - q * den;
    return 2n * r > den || (2n * r === den && (q & 1n) === 1n) ? q + 1n : q;
  }
  function pow10(k) { return 10n ** BigInt(k); }
  // format!("{:.f}", x)
  function fixed(x, f) {
    // toFixed rounds the exact value too, but a tie upwards: away from ties it is the same.
    var scaled = mathAbs(x) * Math.pow(10, f), frac = scaled - mathFloor(scaled);
    if (scaled < 1e15 && mathAbs(frac - 0.5) > 1e-6) return (Object.is(x, -0) ? "-" : "") + x.toFixed(f);
    var nd = exact(x), q = roundEven(nd[0] * pow10(f), nd[1]).toString();
    while (q.length <= f) q = "0" + q;
    return (x < 0 || Object.is(x, -0) ? "-" : "") + (f ? q.slice(0, -f) + "." + q.slice(-f) : q);
  }
  // format!("{:.fe}", x)
  function sci(x, f) {
    var nd = exact(x), k = mathFloor(Math.log10(mathAbs(x))), q;
    for (var tries = 0; tries < 3; tries++) {
      var d = f - k;
      q = d >= 0 ? roundEven(nd[0] * pow10(d), nd[1]) : roundEven(nd[0], nd[1] * pow10(-d));
      if (q >= pow10(f + 1)) k++; else if (q < pow10(f)) k--; else break;
    }
    var digits = q.toString();
    return (x < 0 ? "-" : "") + digits[0] + (f ? "." + digits.slice(1) : "") + "e" + k;
  }
  // text::format_number: fixed point with a true minus sign ("−0.00" written "0.00"), scientific
  // from 1e9.
  function formatNumber(v, f) {
    if (isFinite(v) && mathAbs(v) >= 1e9) return sci(v, f).replace(/-/g, "\u2212");
    var s = fixed(v, f);
    return /^-[0.]*$/.test(s) ? s.slice(1) : s.replace("-", "\u2212");
  }

  // ---- State: the parameters, the controls, the address ----------------------------------------
  var author = M.params.map(function (p) { return p[1]; });
  var P = author.slice();
  var index = {};
  M.params.forEach(function (p, i) { index[p[0]] = i; });
  // The index of the parameter named `name`, or -1.
  function paramIndex(name) { return Object.prototype.hasOwnProperty.call(index, name) ? index[name] : -1; }
  // The decimals a value on a control's grid needs: those of its start and of its step.
  function decimalsOf(x) {
    for (var d = 0; d < 12; d++) {
      var scaled = x * Math.pow(10, d);
      if (mathAbs(Math.round(scaled) - scaled) <= 1e-9 * mathMax(1, mathAbs(scaled))) return d;
    }
    return 12;
  }
  var controls = M.controls.map(function (c) {
    return { name: c[0], from: c[1], to: c[2], step: c[3], decimals: mathMax(decimalsOf(c[1]), decimalsOf(c[3])), i: index[c[0]] };
  });
  var decimals = M.params.map(function () { return M.precision; });
  controls.forEach(function (c) { decimals[c.i] = c.decimals; });
  // The panel's words in the page's language (src/i18n/, through the model: src/explore.rs):
  // title, reset, show, hint, figures updated, a figure not redrawn, no kinks. Reset, show,
  // hint and no kinks come escaped, as HTML; the others are text.
  var words = M.words;

  // A parameter as prose shows it: as typed at the author's value, else with its control's
  // decimals (kept for the value it was written for: a step asks for each many times).
  var authorShown = M.params.map(function (p) { return p[2].replace(/-/g, "\u2212"); }), shownFor = [];
  function shownParam(i) {
    var m = shownFor[i];
    if (!m || m[0] !== P[i]) m = shownFor[i] = [P[i], P[i] === author[i] ? authorShown[i] : formatNumber(P[i], decimals[i])];
    return m[1];
  }

  // Placeholders in prose, captions, code (code writes an ASCII minus) and math (an <mn>), and
  // the parameter listings; at the author's value a value's original markup (its highlighting)
  // comes back. Each keeps the text this script last gave it (`shown`; null: its original
  // markup), and is written only when that changes.
  var values = Array.from(doc.querySelectorAll("span[data-nn],mn[data-nn]")).map(function (span) {
    var plain = span.childNodes.length === 1 && span.firstChild.nodeType === 3;
    var expr = attr(span, "data-nn");
    return {
      span: span, expr: expr, param: paramIndex(expr), block: blockOf(span),
      html: span.innerHTML, text: span.textContent, plain: plain, code: span.classList.contains("nn-code"), shown: null, root: false,
    };
  });
  // A signal's largest or smallest value over inputs `xs` and the first input where it is
  // reached, or null where a value is not finite (the build's `Network::extreme`).
  // (`column`: the signal's values over `xs`, where already sampled.)
  function extreme(P, xs, s, largest, column) {
    var best = null;
    for (var i = 0; i < xs.length; i++) {
      var v = column ? column[i] : value(P, trace(P, xs[i]), xs[i], s);
      if (!isFinite(v)) return null;
      if (!best || (largest ? v > best[1] : v < best[1])) best = [xs[i], v];
    }
    return best;
  }
  function updateValues(xs, common) {
    // (Values by expression; extremes by signal and direction: `max s` and `argmax s` share one.)
    var computed = {}, extremes = {};
    scope.values.forEach(function (v) {
      var expr = v.expr, i = v.param, text;
      if (i >= 0) {
        // (A parameter as last written: its text is too.)
        if (v.at === P[i]) return;
        v.at = P[i];
        text = P[i] === author[i] ? v.text : shownParam(i);
      } else if (expr in computed) {
        text = computed[expr];
      } else if (M.values[expr]) {
        var s = M.values[expr], t = trace(P, s[4]), y = value(P, t, s[4], s);
        text = computed[expr] = isFinite(y) ? formatNumber(y, M.precision) : "\u2014";
      } else if (M.extremes && M.extremes[expr]) {
        var e = M.extremes[expr], key = e.slice(0, 5).join();
        var column = common && common.columns[e.slice(0, 4).join()];
        var r = key in extremes ? extremes[key] : (extremes[key] = extreme(P, xs, e, e[4], column));
        text = computed[expr] = r ? formatNumber(e[5] ? r[0] : r[1], M.precision) : "\u2014";
      }
      if (text === undefined) return;
      if (v.code) text = text.replace(/\u2212/g, "-");
      if (text === (v.shown === null ? v.text : v.shown)) return;
      if (v.root && shape(text) !== v.root && !(far && behind && within(shape(text), v.root))) unroot(v);
      else if (v.root === null) v.root = false;
      if (text === v.text) {
        if (v.plain) setText(v.span, text); else v.span.innerHTML = v.html;
        v.shown = null;
      }
      else { setText(v.span, text); v.shown = text; }
    });
  }

  // ---- A value laid out on its own -------------------------------------------------------------
  // Laying out a paragraph, caption or code block again because one number in it changed was most
  // of a step's layout (docs/performance.md), and a formula's most of all. Once the page is laid
  // out, each value becomes a box of the size it was laid out at (`.nn-root`: inline-block, size
  // and layout contained, its text where it stood: rootValues), and a new value of the same shape
  // (the same characters but digits, which are tabular: style.css) is laid out inside it alone. A
  // value of another shape is set back inline, and boxed again at the start of a later step (while
  // the page is still laid out from the last frame), once in view. (`root`: the boxed shape;
  // false: to be boxed; null: not boxable at this text, broken over lines or not shown; 0: left
  // inline, its box breaking the line elsewhere, until the page is laid out anew.)
  // From a held slider's second step, a value of a shape its box's shape holds (the same
  // characters with some left out: "−15" in a box made for "−15.5") stays in the box, which is
  // then a little wide for it: a drag back and forth lays the paragraph out again once for each
  // wider shape, not on every step. The box is fitted when the slider is let go (release()).
  function shape(text) { return text.replace(/[0-9]/g, "0"); }
  function within(s, box) {
    for (var i = 0, j = 0; i < box.length; i++) if (box[i] === s[j]) j++;
    return j === s.length;
  }
  // (The class taken off with the attribute it leaves empty: the span is then as the build
  // wrote it.)
  function unroot(v) {
    var span = v.span;
    span.classList.remove("nn-root");
    if (!span.classList.length) span.removeAttribute("class");
    span.removeAttribute("style");
    v.root = false;
  }
  // (Every box read before any is set: the page is laid out once, not once for each. Then each
  // value's text is found again in its box: in math a box is its <mn>'s ink, and the text laid
  // out in it sits elsewhere, so it is moved back to where it was; a box that breaks its line
  // elsewhere (in Chinese, one before a full stop, which cannot start a line) moves its text
  // along or down the page, and is taken away again.)
  function rootValues(vs) {
    var boxes = vs.map(function (v) { return v.span.getClientRects().length === 1 && rectOf(v.span); }), was = vs.map(textAt);
    vs.forEach(function (v, i) {
      var b = boxes[i];
      if (!b || !b.width) { v.root = null; return; }
      // (As an attribute: one set through `style` and removed before the page serialises it
      // would come back empty.)
      setAttr(v.span, "style", "width:" + b.width + "px;height:" + b.height + "px;line-height:" + b.height + "px");
      v.span.classList.add("nn-root");
      v.root = shape(v.span.textContent);
    });
    vs.map(textAt).forEach(function (t, i) {
      var v = vs[i], dy = was[i].top - t.top;
      if (mathAbs(was[i].left - t.left) > 0.5 || mathAbs(dy) > t.height / 2) { unroot(v); v.root = 0; }
      else if (dy) setAttr(v.span, "style", attr(v.span, "style") + ";position:relative;top:" + dy + "px");
    });
  }
  function textAt(v) {
    var r = doc.createRange();
    r.selectNodeContents(v.span);
    return rectOf(r);
  }

  // ---- Tables, as src/page/blocks.rs writes them ------------------------------------------------
  // (As character references: the browser keeps the characters, and serialises them as it does
  // any.)
  function escapeHtml(t) {
    return t.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  var paren = function (t) { return t.charAt(0) === "\u2212" ? "(" + t + ")" : t; };
  // "0.2 · 1.70 + (−0.85)" for a linear signal, "0.85 · −40.8" for a weighted one, or null.
  function arithmetic(t, x, s, spec) {
    var node = M.layers[s[0]].nodes[s[1]];
    var inputs = s[0] === 0 ? [paren(formatNumber(x, spec.input_precision))]
      : t[s[0] - 1].map(function (v) { return paren(formatNumber(v[2], spec.precision)); });
    var terms = function () {
      return node[1].map(function (w, k) { return inputs[k] + " \u00b7 " + paren(shownParam(w)); }).join(" + ");
    };
    switch (s[2]) {
      case "sum": return terms();
      case "linear": return terms() + " + " + paren(shownParam(node[2]));
      case "weighted":
        return paren(formatNumber(t[s[0]][s[1]][2], spec.precision)) + " \u00b7 " +
          paren(shownParam(M.layers[s[0] + 1].nodes[s[3]][1][s[1]]));
      default: return null;
    }
  }
  // Whether the numbers of an expression as written give `v` at `f` decimals
  // (src/page/blocks.rs's `equals`).
  // (Rounded half away from zero as a reader does: a tie within a rounding's width counts
  // where the value is the one further from zero.)
  function addsUp(e, v, f) {
    var x = e.split(" + ").reduce(function (s, t) {
      return s + t.split(" \u00b7 ").reduce(function (p, n) { return p * n.replace(/[()]/g, "").replace(/\u2212/g, "-"); }, 1);
    }, 0), w = +v.replace("\u2212", "-"), h = .5 / Number("1e" + f), d = mathAbs(x - w);
    return mathAbs(w) < 1e9 ? d < h * (1 - 1e-9) || mathAbs(d - h) <= h * 1e-9 && mathAbs(w) >= mathAbs(x) : formatNumber(x, f) === v;
  }
  // Written-out arithmetic as MathML: numbers (scientific ones whole) as <mn>, the rest as <mo>.
  // Returns the table cell: its markup, its label, and its tokens ([element, text], in order).
  function arithmeticMathml(text) {
    // (A number: a digit, or a minus sign and a digit, then digits and points, then an exponent
    // where "e" is followed by digits, with or without a minus sign; spaces are left out.)
    var tokens = (text.match(/\u2212?\d[\d.]*(?:e\u2212?\d+)?|\S/gu) || []).map(function (t) { return [/\d/.test(t) ? "mn" : "mo", t]; });
    var html = '<math aria-label="' + escapeHtml(text) + '">' + tokens.map(function (t) { return "<" + t[0] + ">" + escapeHtml(t[1]) + "</" + t[0] + ">"; }).join("") + "</math>";
    return { html: html, label: text, tokens: tokens };
  }
  // A cell written anew: MathML of the same elements as before has only its label and changed
  // tokens' text set (no parsing, no new elements), other markup is parsed, text is set as text.
  function writeCell(td, cell, was) {
    var math = td.firstElementChild, same = cell.tokens && was.tokens && math && math.nodeName === "math" &&
      math.children.length === cell.tokens.length && cell.tokens.length === was.tokens.length &&
      cell.tokens.every(function (t, i) { return t[0] === was.tokens[i][0]; });
    if (same) {
      setAttr(math, "aria-label", cell.label);
      cell.tokens.forEach(function (t, i) { if (t[1] !== was.tokens[i][1]) setText(math.children[i], t[1]); });
    } else if (/[<&]/.test(cell.html)) td.innerHTML = cell.html;
    else setText(td, cell.html);
  }
  var tables = M.tables.map(function (spec, k) {
    var table = doc.querySelectorAll("table.nn-table")[k];
    return table ? { spec: spec, block: blockOf(table), body: table.tBodies[0], html: table.tBodies[0].innerHTML, rows: null } : null;
  }).filter(Boolean);
  // Each cell's markup is kept as last written (`rows`): with as many rows as before, only the
  // cells that changed are written; else the whole body (`html`: as last written whole, or null).
  function updateTables(kinksNow) {
    scope.tables.forEach(function (tb) {
      var spec = tb.spec, at = spec.at_kinks ? kinksNow : spec.at, was = tb.rows;
      var rows = at.map(function (x, r) {
        var t = trace(P, x), cells = [{ html: escapeHtml(formatNumber(x, spec.input_precision)) }];
        spec.signals.forEach(function (s) {
          var v = formatNumber(value(P, t, x, s), spec.precision);
          var expr = spec.arithmetic ? arithmetic(t, x, s, spec) : null;
          if (expr === null) return cells.push({ html: escapeHtml(v) });
          // (A cell of the same numbers as last written is the same: not made again.)
          var last = was && was[r] && was[r][cells.length], key = expr + v, cell;
          if (last && last.key === key) return cells.push(last);
          cells.push(cell = arithmeticMathml(expr + (addsUp(expr, v, spec.precision) ? " = " : " \u2248 ") + v));
          cell.key = key;
        });
        return cells;
      });
      tb.rows = rows;
      if (was && was.length === rows.length) {
        rows.forEach(function (cells, r) {
          cells.forEach(function (cell, c) {
            if (cell.html === was[r][c].html) return;
            writeCell(tb.body.rows[r].cells[c], cell, was[r][c]);
            tb.html = null;
          });
        });
        return;
      }
      // (No kink left: one row says so, as the build writes it, src/page/blocks.rs.)
      var html = "\n" + (rows.length ? "" : '<tr><td colspan="' + (spec.signals.length + 1) + '" class="nn-none">' + words[6] + "</td></tr>\n") + rows.map(function (cells) {
        return "<tr>" + cells.map(function (c) { return '<td class="num">' + c.html + "</td>"; }).join("") + "</tr>\n";
      }).join("");
      if (tb.html !== html) tb.body.innerHTML = tb.html = html;
    });
  }

  // Diagrams: each bias's label ("b3 = −16"), each weight's value (under its name, "w3", in a
  // backing box fitted to the longer line: src/diagram/mod.rs, 8.6 px a character and 10).
  var diagramLabels = Array.from(doc.querySelectorAll("svg.nn-diagram text[data-nn]")).map(function (t) {
    var box = attr(t, "class") === "value" ? t.parentNode.querySelector("rect.label-bg") : null;
    var name = attr(t, "data-nn");
    return { text: t, svg: t.closest("svg"), block: blockOf(t), name: name, param: paramIndex(name), original: t.textContent, shown: t.textContent, value: attr(t, "class") === "value", box: box, x: box && attr(box, "x"), width: box && attr(box, "width") };
  });
  // Each diagram's description names every weight and bias as its labels do ("b1 = −0.85"),
  // written anew for the current values.
  // Each is split once where it names a parameter's value (`name = value` as the build wrote it,
  // not inside a longer name or number): its words, and in between the parameters' indexes.
  var said = M.params.map(function (p, i) { return p[0] + " = " + authorShown[i]; });
  var wordChar = function (c) { return /[\w.]/.test(c || " "); };
  function namesOf(text) {
    var parts = [], at = 0, from = 0;
    for (;;) {
      var best = -1, bestAt = Infinity;
      said.forEach(function (s, i) {
        for (var k = text.indexOf(s, from); k >= 0; k = text.indexOf(s, k + 1)) {
          if (wordChar(text.charAt(k - 1)) || /[0-9]/.test(text.charAt(k + s.length))) continue;
          if (k < bestAt || (k === bestAt && s.length > said[best].length)) { best = i; bestAt = k; }
          break;
        }
      });
      if (best < 0) break;
      parts.push(text.slice(at, bestAt), best);
      at = from = bestAt + said[best].length;
    }
    parts.push(text.slice(at));
    return parts;
  }
  var diagramDescs = Array.from(doc.querySelectorAll("svg.nn-diagram>desc")).map(function (d) {
    return { desc: d, block: blockOf(d), parts: namesOf(d.textContent), shown: d.textContent };
  });
  function updateDiagrams() {
    scope.descs.forEach(function (d) {
      var text = d.parts[0];
      for (var k = 1; k < d.parts.length; k += 2) text += M.params[d.parts[k]][0] + " = " + shownParam(d.parts[k]) + d.parts[k + 1];
      if (d.shown !== text) setText(d.desc, (d.shown = text));
    });
    scope.labels.forEach(function (l) {
      if (l.onScreen) return drawLabel(l);
      if (l.param < 0 || l.at === P[l.param]) return;
      l.stale = true;
      unseen(l.svg, true);
    });
  }
  function drawLabel(l) {
    var name = l.name, i = l.param;
    l.stale = false;
    unseen(l.svg, false);
    // (A label of a parameter as last written, as a value's: left alone.)
    if (i < 0 || l.at === P[i]) return;
    l.at = P[i];
    var text = (l.value ? "" : name + " = ") + shownParam(i);
    if (l.shown === text) return;
    setText(l.text, (l.shown = text));
    if (!l.box) return;
    var w = 8.6 * mathMax(Array.from(name).length, Array.from(text).length) + 10, centre = +l.x + +l.width / 2;
    var x = text === l.original ? l.x : fixed(centre - w / 2, 1), width = text === l.original ? l.width : fixed(w, 1);
    // (The box is as wide for every text of as many characters: written only when it moves.)
    if (l.boxX === x && l.boxWidth === width) return;
    setAttr(l.box, "x", (l.boxX = x));
    setAttr(l.box, "width", (l.boxWidth = width));
  }

  // What a step computes and writes: the whole page, or while a slider is held the blocks the
  // browser draws (`near`: whether a block is one; hold()), with the signals it samples (`keys`,
  // `signals`: its charts' and its values' extremes').
  function scopeOf(near) {
    var keep = function (list) { return near ? list.filter(function (x) { return near(x.block); }) : list; };
    var s = { charts: keep(charts), values: keep(values), tables: keep(tables), labels: keep(diagramLabels), descs: keep(diagramDescs), keys: [], signals: [] };
    var add = function (sig) { if (s.keys.indexOf(sig.join()) < 0) { s.keys.push(sig.join()); s.signals.push(sig); } };
    s.charts.forEach(function (fig) { fig.model.signals.forEach(add); });
    s.values.forEach(function (v) { var e = M.extremes && M.extremes[v.expr]; if (e) add(e.slice(0, 4)); });
    return s;
  }
  var whole = scopeOf(null), scope = whole;

  var live, panel;
  function redraw() {
    rootValues(scope.values.filter(function (v) { return v.root === false && !(v.block && v.block.nnSkipped) && v.span.checkVisibility && v.span.checkVisibility({ contentVisibilityAuto: true }); }));
    var k = kinks(P), xs = sampleInputs(P, k), out = {}, common = piecewise ? shared(P, xs) : null;
    phone = phoneMedia.matches;
    onScreen(scope.charts.concat(scope.labels));
    scope.charts.forEach(function (fig) { out[fig.model.id] = drawChart(fig, P, xs, common); });
    updateValues(xs, common);
    updateTables(k);
    updateDiagrams();
    if (scope !== whole) behind = true;
    controls.forEach(function (c) {
      var shownNow = shownParam(c.i);
      if (c.output && c.shown !== shownNow) showParam(c, shownNow);
      if (c.input && c.value !== P[c.i]) c.input.value = c.value = P[c.i];
    });
    if (panel) panel.classList.toggle("nn-moved", moved());
    return out;
  }

  function moved() { return P.some(function (v, i) { return v !== author[i]; }); }
  // The state in the address's fragment (`#nn:w3=-30,b3=-10`), replaced, never pushed: the back
  // button leaves the page, not the last slider move. A fragment's values are snapped to their
  // controls' steps and ranges, as their sliders would be; parameters it does not name are the
  // author's. (Names are compared encoded, as the address holds them: decoding a stray `%`
  // throws.)
  function saveState() {
    var url = location.pathname + location.search + fragment();
    try { history.replaceState(history.state, "", url); } catch (e) { /* file:// in some browsers */ }
  }
  function fragment() {
    var parts = [];
    controls.forEach(function (c) { if (P[c.i] !== author[c.i]) parts.push(c.name + "=" + P[c.i]); });
    return parts.length ? "#nn:" + parts.join(",") : "";
  }
  // A translation of the lesson (a link with `hreflang`) opens at the parameters shown here.
  listen(window, "click", function (e) {
    var a = e.target.closest && e.target.closest("a[hreflang]");
    if (a) a.hash = fragment();
  });
  function loadState() {
    var m = /^#nn:(.*)$/.exec(location.hash);
    if (!m) return false;
    P = author.slice();
    m[1].split(",").forEach(function (kv) {
      var p = kv.split("="), c = controls.filter(function (c) { return encodeURIComponent(c.name) === p[0]; })[0];
      var v = +p[1];
      if (c && p[1] && isFinite(v)) { c.input.value = v; P[c.i] = +c.input.value; }
    });
    return true;
  }

  var pending = false, announce = null;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; step(); });
  }
  // A step (a control's, the API's): the page redrawn for the parameters, and once the moves
  // pause, the address and the live region. Returns the charts' data. (Setting the address on
  // every step cost more than half a millisecond, 2.4 ms at 4x CPU throttling, and Chromium
  // ignores it after 200 times in 10 seconds, so a drag of 3 seconds left the address behind the
  // page: docs/performance.md, fifteenth session.)
  function step() {
    var drawn = redraw();
    // (Where the page is once this step is laid out, in a hold: see `anchored`.)
    if (far) anchored = scrollY;
    clearTimeout(announce);
    announce = setTimeout(function () {
      saveState();
      var stale = Object.keys(drawn).some(function (k) { return drawn[k] === null; });
      live.textContent = words[stale ? 5 : 4];
    }, 700);
    return drawn;
  }

  // The panel, written as markup (smaller than building it node by node).
  function buildPanel() {
    panel = doc.createElement("section");
    panel.className = "nn-controls";
    setAttr(panel, "aria-label", words[0]);
    panel.innerHTML = '<div class="nn-controls-bar"><button type="button" class="nn-controls-toggle" aria-expanded="false" aria-controls="nn-controls-body">' +
      words[2] + '</button><button type="button" class="nn-reset">' + words[1] +
      '</button></div><div id="nn-controls-body" class="nn-controls-body" hidden><p class="nn-controls-hint">' + words[3] +
      '</p><div class="nn-controls-grid">' + controls.map(function (c) {
        var id = "nn-control-" + escapeHtml(c.name);
        return '<div class="nn-control"><label for="' + id + '">' + escapeHtml(c.name) + '</label><input type="range" id="' + id +
          '" min="' + c.from + '" max="' + c.to + '" step="' + c.step + '" value="' + P[c.i] + '"><output for="' + id + '" aria-live="off"></output></div>';
      }).join("") + '</div></div><p class="nn-live" aria-live="polite"></p>';
    var find = function (s) { return panel.querySelectorAll(s); }, toggle = find("button")[0], body = find("div")[1];
    live = find("p")[1];
    // (Reset hides itself once pressed: the focus it had stays in the controls, on the toggle.)
    listen(find("button")[1], "click", function () { P = author.slice(); schedule(); toggle.focus(); });
    controls.forEach(function (c, k) {
      var input = (c.input = find("input")[k]);
      c.output = find("output")[k];
      listen(input, "input", function () { P[c.i] = c.value = +input.value; schedule(); });
    });
    listen(toggle, "click", function () {
      var open = attr(toggle, "aria-expanded") !== "true";
      setAttr(toggle, "aria-expanded", String(open));
      body.hidden = !open;
    });
    doc.body.appendChild(panel);
    doc.body.classList.add("nn-explorable");
    // The controls' height (the bar's, or with the drawer open the drawer's) for the style sheet:
    // the page scrolls what gets focus above them (`scroll-padding-bottom`), and its end too.
    if (window.ResizeObserver) new ResizeObserver(function () { doc.documentElement.style.setProperty("--nn-bar", rectOf(panel).height + "px"); }).observe(panel);
  }

  // ---- The readout: the input and each series' value under the pointer (or the keyboard's
  // cursor), snapping to a kink within 6 px -------------------------------------------------------
  // A chart's data and ranges for the current parameters: as last drawn, or (on a page not moved
  // yet) computed once.
  function layoutOf(fig) {
    if (!fig.layout) fig.layout = layout(fig, P, sampleInputs(P, kinks(P)));
    return fig.layout;
  }
  // A view's value range and pixels for the current parameters.
  function placedOf(view) {
    var l = layoutOf(view.fig);
    if (!view.placed && l) view.placed = place(view, l);
    return view.placed;
  }
  // `from`: where a keyboard move started; only a kink the move goes towards is snapped to (one
  // it leaves would hold the cursor back). Only a kink of a line the chart draws is snapped to,
  // within 6 px or half the grid's step, so that every input of the grid can be shown; it is
  // shown with two more decimals (0.5286, not 0.53, whose value differs).
  function readoutAt(ch, x, from) {
    var l = layoutOf(ch.fig), p = placedOf(ch), I = M.input, n = M.precision;
    if (!l) return null;
    var g = p.g;
    var X0 = g.x_pixels[0], X1 = g.x_pixels[1];
    var toPx = function (v) { return X0 + (v - l.xr[0]) / (l.xr[1] - l.xr[0]) * (X1 - X0); };
    var ys = function (x) { var t = trace(P, x); return ch.fig.model.signals.map(function (s) { return value(P, t, x, s); }); };
    var clamp = function (x) { return Math.min(I.to, mathMax(I.from, x)); };
    // (On the grid of the decimals the readout shows, where that grid is finer than a
    // keyboard step: the value is then the one at the input it names.)
    var u = Math.pow(10, -n), at = clamp(x), near = 6, h = (I.to - I.from) * 1e-4;
    if (u * 100 <= I.to - I.from) { x = clamp(Math.round(at / u) * u); near = Math.min(6, (toPx(u) - toPx(0)) / 2); }
    else x = at;
    // (A line bends at a kink: its second difference there is not 0.)
    kinks(P).forEach(function (k) {
      if (mathAbs(toPx(k) - toPx(at)) > near || (from !== undefined && (k - from) * (at - from) <= 0)) return;
      var a = ys(k - h), b = ys(k + h);
      if (ys(k).some(function (y, i) { return mathAbs(a[i] - 2 * y + b[i]) > 1e-9 * mathMax(1, mathAbs(y)); })) { x = k; n = M.precision + 2; }
    });
    return { x: x, n: n, ys: ys(x), px: toPx(x), yr: p.yr };
  }
  function showReadout(ch, r) {
    hideReadout(ch);
    if (!r) return;
    var g = placedOf(ch).g, B = g.y_pixels[0], T = g.y_pixels[1];
    var py = function (v) { return map(v, r.yr[0], r.yr[1], B, T); };
    var group = doc.createElementNS(SVG_NS, "g");
    setAttr(group, "class", "nn-readout");
    var html = '<line x1="' + r.px + '" x2="' + r.px + '" y1="' + T + '" y2="' + B + '"/>';
    var words = [formatNumber(r.x, r.n)];
    r.ys.forEach(function (y, k) {
      if (isFinite(y)) html += '<circle cx="' + r.px + '" cy="' + py(y) + '" r="4.5" fill="' + ch.fig.model.colors[k] + '"/>';
      words.push(formatNumber(y, M.precision));
    });
    // Each line a name and its number: the number a <tspan>, which a page written right to left
    // keeps a run of its own (rtl.css), its minus before its digits after an Arabic name.
    var lines = [ch.fig.model.x].concat(ch.labels).map(function (name, k) { return [name, words[k]]; });
    // 13 CSS px text however small the figure is drawn (a phone shrinks it). The box as wide as
    // its widest line is laid out (a Chinese name's characters are twice a Latin one's), right
    // of the input, else left of it, and within the chart (a phone's is narrow for both).
    var box = rectOf(ch.svg), k = box.width > 0 ? mathMax(1, ch.svg.viewBox.baseVal.width / box.width) : 1;
    html += '<rect y="' + (T + 4) + '" height="' + k * (8 + 17 * lines.length) + '" rx="4"/>';
    lines.forEach(function (t, i) {
      html += '<text y="' + (T + 4 + k * (16 + 17 * i)) + '" font-size="' + 13 * k + '">' + escapeHtml(t[0]) + " <tspan>" + t[1] + "</tspan></text>";
    });
    group.innerHTML = html;
    ch.svg.appendChild(group);
    var texts = Array.from(group.querySelectorAll("text"));
    var w = 8 * k + mathMax.apply(null, texts.map(function (t) { return t.getComputedTextLength(); }));
    var left = r.px + 8 + w > g.x_pixels[1] ? r.px - 8 - w : r.px + 8;
    left = mathMax(0, Math.min(left, ch.svg.viewBox.baseVal.width - w));
    var rect = group.querySelector("rect");
    setAttr(rect, "x", left);
    setAttr(rect, "width", w);
    texts.forEach(function (t) { setAttr(t, "x", left + 4 * k); });
    ch.readout = group;
    return lines.map(function (t) { return t.join(" "); }).join(", ");
  }
  function hideReadout(ch) {
    if (ch.readout) ch.readout.remove();
    ch.readout = null;
  }
  function valueAtPointer(ch, event) {
    var pt = ch.svg.createSVGPoint();
    pt.x = event.clientX; pt.y = event.clientY;
    var p = pt.matrixTransform(ch.svg.getScreenCTM().inverse());
    var l = layoutOf(ch.fig);
    if (!l) return null;
    var g = placedOf(ch).g;
    var xr = l.xr;
    return xr[0] + (p.x - g.x_pixels[0]) / (g.x_pixels[1] - g.x_pixels[0]) * (xr[1] - xr[0]);
  }
  views.forEach(function (ch) {
    // Series names: the legend's labels, else the figure's signals.
    ch.labels = ch.fig.model.labels;
    setAttr(ch.svg, "tabindex", "0");
    ["pointermove", "pointerdown"].forEach(function (n) { listen(ch.svg, n, function (e) { showReadout(ch, readoutAt(ch, valueAtPointer(ch, e))); }); });
    // (A finger lifted leaves the chart before the tap focuses it: only the mouse's leaving hides,
    // and a finger's swipe that scrolls the page.)
    listen(ch.svg, "pointerleave", function (e) { if (e.pointerType === "mouse" && doc.activeElement !== ch.svg) hideReadout(ch); });
    listen(ch.svg, "pointercancel", function () { hideReadout(ch); });
    listen(ch.svg, "blur", function () { hideReadout(ch); });
    listen(ch.svg, "keydown", function (e) {
      var span = M.input.to - M.input.from, step = e.shiftKey ? span / 10 : span / 100;
      var x = ch.cursor === undefined ? M.input.from : ch.cursor;
      if (e.key === "ArrowRight") x += step;
      else if (e.key === "ArrowLeft") x -= step;
      else if (e.key === "Home") x = M.input.from;
      else if (e.key === "End") x = M.input.to;
      else if (e.key === "Escape") { hideReadout(ch); return; }
      else return;
      e.preventDefault();
      var r = readoutAt(ch, x, ch.cursor);
      if (!r) return;
      ch.cursor = r.x;
      var text = showReadout(ch, r);
      if (live && text) live.textContent = text;
      // (In view: the page had scrolled the chart's foot above the drawer, at 200 % zoom its
      // top, where the box is, above the window.)
      ch.readout.querySelector("rect").scrollIntoView({ block: "nearest" });
    });
  });

  if (controls.length) buildPanel();
  if (loadState()) redraw(); else controls.forEach(function (c) { showParam(c, shownParam(c.i)); });
  // A slider's value as the page writes it, beside it and to a screen reader (which said the raw
  // "-0.85" for "−0.85"). (Its <output> is no live region: the drawer's one announces a step.)
  function showParam(c, text) {
    setText(c.output, (c.shown = text));
    setAttr(c.input, "aria-valuetext", text);
  }
  // A new `#nn:` fragment (pasted, or the back button's) is applied; a link within the page
  // (contents, a heading's anchor) keeps the parameters, and their fragment comes back in place
  // of the anchor's once the browser has scrolled to it.
  if (panel) listen(window, "hashchange", function () { if (loadState()) step(); else if (moved()) saveState(); });

  // ---- Out of view, out of the step ----------------------------------------------------------
  // A step changes numbers all down the page, and laying all of it out again was most of a step's
  // time (docs/performance.md). Once the page has been laid out whole, each block of the lesson
  // gets `content-visibility: auto` (style.css, `.nn-skip`): every change is still written to the
  // page, and the browser lays a block out when it comes near the view. While skipped, a block
  // stands in with the height it was last laid out at (`contain-intrinsic-height: auto`), so the
  // page's length and every scroll position stay as they were. A new window width or text size
  // (the browser's font size, changed while the page is open: the boxes kept the old one's), or
  // the fonts arriving, lays the page out whole again first.
  var skipWidth;
  // (Not while printing: the print style's text size is no reason to measure, and the boxes
  // print right as they are, reader.mjs checks.)
  function sized() { return matchMedia("print").matches ? skipWidth : innerWidth + getComputedStyle(doc.body).fontSize; }
  function skipOutOfView() {
    var width = (skipWidth = sized()), classes = doc.body.classList;
    release();
    classes.remove("nn-skip");
    values.forEach(function (v) {
      if (v.root) unroot(v);
      v.root = false;
      if (v.block) v.block.nnSkipped = undefined;
    });
    // Two frames: the browser records every block's laid-out height before it may skip one.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (width !== skipWidth) return;
        rootValues(values.filter(function (v) { return v.root === false; }));
        classes.add("nn-skip");
      });
    });
  }
  // ---- Drawings out of view, drawn when they come on screen ---------------------------------
  // A chart's drawing and a diagram's labels are inside an <svg role="img">: a screen reader reads
  // its title and description, never what is drawn, and a block off screen is not seen. So a
  // step writes the descriptions, tables and prose values of the whole page, and draws charts and
  // diagram labels only in blocks on screen (or within a quarter of a window of it). The others
  // are drawn when they come on screen: on a scroll (whatever scrolled: the reader, a link, find
  // in page, focus), a new window size or media, or a block's new size (a ResizeObserver's
  // callback comes after layout and before paint: a table's new rows move what is below); and
  // all of them before printing. Until then such a drawing is not shown (`nn-behind`: clipped
  // away, at once, and kept for a screen reader, which `visibility` would not; `opacity` fades):
  // a scroll the browser draws before the page hears of it shows an empty figure for that
  // frame, never one behind the parameters.
  function unseen(svg, on) {
    if (svg && !!svg.nnBehind !== on) svg.classList.toggle("nn-behind", (svg.nnBehind = on));
  }
  // (`onScreen`: each item's flag, read before the step writes: from where the page is scrolled,
  // `scrolled`, read again after each scroll event, and where each block is in the page, measured
  // once for each page laid out: `laidOut` counts them, a new one after any block's new size.)
  var laidOut = 0, scrolled = null;
  function onScreen(items) {
    var moved = items.some(function (x) { return x.block && (!x.block.nnAt || x.block.nnAt[2] !== laidOut); });
    var m = innerHeight / 4, y = moved || scrolled === null ? (scrolled = scrollY) : scrolled;
    items.forEach(function (x) {
      var b = x.block;
      if (!b) { x.onScreen = true; return; }
      if (!b.nnAt || b.nnAt[2] !== laidOut) { var r = rectOf(b); b.nnAt = [r.top + y, r.bottom + y, laidOut]; }
      x.onScreen = b.nnAt[1] - y >= -m && b.nnAt[0] - y <= innerHeight + m;
    });
  }
  function drawInView(all) {
    var left = charts.filter(function (fig) { return fig.views.some(function (v) { return v.stale && (all || shown(v)); }); });
    left = left.concat(diagramLabels.filter(function (l) { return l.stale; }));
    if (!left.length) return;
    if (all) left.forEach(function (x) { x.onScreen = true; }); else onScreen(left);
    left.forEach(function (x) {
      if (!x.onScreen) return;
      if (x.views) x.views.forEach(function (v) { if (v.stale && (all || shown(v))) drawView(v); });
      else drawLabel(x);
    });
  }
  listen(window, "scroll", function () { scrolled = null; drawInView(false); }, { passive: true });
  listen(window, "resize", function () { laidOut++; scrolled = null; drawInView(false); });
  listen(window, "beforeprint", function () { drawInView(true); });
  if (lessonBody && window.ResizeObserver) {
    var blocks = new ResizeObserver(function () { laidOut++; drawInView(false); if (panel && sized() !== skipWidth) skipOutOfView(); });
    for (var b of lessonBody.children) blocks.observe(b);
  }

  // While a slider is held (a pointer pressed on it, or a key held down on it and repeating, until
  // released: a click is a hold of one step), a step computes and writes only what the reader
  // sees: blocks more than an eighth of a window above the view, or below the drawer's top (what
  // the drawer covers is out of view), are left as they are (`far`). From a hold's second step on,
  // the charts in view are painted on a canvas over their svg ("A held slider's charts on a
  // canvas"), and a value may keep a box a little wide for it ("A value laid out on its own"); its
  // first step draws them as a step that is not held does (a canvas made for a click's one step
  // would cost more than it saves, and a box left wide would close on release, a jolt). When the
  // slider is let go, the window loses focus, or the page scrolls, is resized or printed (each
  // event comes before the frame is drawn), the canvases go and the page is redrawn whole before
  // that frame: no frame shows a figure, table or number behind the others. (While a key is held
  // down on a slider, a screen reader reads nothing else, and the key's release comes before it
  // can.) A key pressed once keeps the page whole: as a hold it would only move the rest of the
  // page's work to its release, the next frame. (`far`: the blocks left, or null; `behind`: a step
  // has left them as they were, which makes the hold's later steps take the shortcuts above.)
  // A held step that changes the height of a block above the view (a value grown wider, its line
  // wrapped) has the browser scroll the page by as much, to keep what is in view in place
  // (scroll anchoring); that scroll is not the reader's, and does not end the hold: `anchored`
  // is where the page was after the step's layout (reading it lays the page out, which the frame
  // would do next).
  var far = null, behind = false, anchored = null;
  function hold() {
    if (far || !doc.body.classList.contains("nn-skip")) return;
    var margin = innerHeight / 8, bottom = Math.min(innerHeight, rectOf(panel).top) + margin;
    far = Array.from(lessonBody.children).filter(function (b) {
      var r = rectOf(b);
      return r.bottom < -margin || r.top > bottom;
    });
    scope = scopeOf(function (b) { return !b || far.indexOf(b) < 0; });
  }
  function release() {
    if (!far) return;
    unpaint();
    values.forEach(function (v) { if (v.root && shape(v.span.textContent) !== v.root) unroot(v); });
    far = anchored = null;
    scope = whole;
    if (behind) { behind = false; step(); }
  }
  if (panel && lessonBody) {
    // (A key held down on a slider is a hold from its first repeat; a key pressed once is not.)
    panel.onpointerdown = panel.onkeydown = function (e) { if (e.target.type === "range" && e.repeat !== false) hold(); };
    ["pointerup", "pointercancel", "keyup"].forEach(function (e) { listen(window, e, release, true); });
    // (The window's blur and the document's scroll only: neither of an element.)
    ["blur", "resize", "beforeprint"].forEach(function (e) { listen(window, e, release); });
    listen(window, "scroll", function () { if (scrollY !== anchored) release(); });
  }
  if (panel) {
    // Whether the browser skips a block now (where it says so: a value in a skipped block is not
    // measured for its box; unknown, it is asked with checkVisibility).
    if (lessonBody) listen(lessonBody, "contentvisibilityautostatechange", function (e) { if (e.target.parentNode === lessonBody) e.target.nnSkipped = e.skipped; }, true);
    skipOutOfView();
    listen(window, "resize", function () { if (sized() !== skipWidth) skipOutOfView(); });
    if (doc.fonts) doc.fonts.ready.then(skipOutOfView);
  }

  // The page's API, for tests and benchmarks: set parameters by name, read what is drawn.
  window.nnbook = {
    params: function () { var o = {}; M.params.forEach(function (p, i) { o[p[0]] = P[i]; }); return o; },
    set: function (values) {
      Object.keys(values).forEach(function (k) { if (k in index) P[index[k]] = +values[k]; });
      return step();
    },
    reset: function () { P = author.slice(); return step(); },
    formatNumber: formatNumber,
  };
})();
