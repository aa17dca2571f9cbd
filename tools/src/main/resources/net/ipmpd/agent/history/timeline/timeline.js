// Draws ipmpd's timeline from the JSON in #timeline-data: lanes, address bars, moves, markers,
// restarts, an axis, and (zoomed to one incident) a ladder of its steps with the gaps between them.
// Times are microseconds after the first entry. Zoom: the buttons, the mouse wheel; drag to pan.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("timeline-data").textContent);
  const svg = document.getElementById("timeline");
  const tip = document.getElementById("tip");
  const NS = "http://www.w3.org/2000/svg";
  const GUTTER = 150, RIGHT = 24, TOP = 30, LANE = 52, BAND = 30, BAR = 13, STEP_ROW = 19;
  const PALETTE = ["#0b63b6", "#00897b", "#8e24aa", "#c0641b", "#3949ab", "#6d8b00"];
  const addressColour = {};
  let colours = 0;
  const colourOf = a => addressColour[a] || (addressColour[a] = PALETTE[colours++ % PALETTE.length]);
  // each lane is as tall as the number of data addresses it ever held needs (one bar row each)
  const laneIndex = {}, laneTop = [], slotOf = [];
  let laneY = TOP;
  data.lanes.forEach((l, i) => {
    laneIndex[l.member] = i;
    const slots = {};
    l.holds.forEach(h => { if (!(h.address in slots)) slots[h.address] = Object.keys(slots).length; });
    slotOf.push(slots);
    laneTop.push(laneY);
    laneY += LANE + Math.max(0, Object.keys(slots).length - 1) * BAR;
  });
  const lanesEnd = laneY;
  const bandHeight = i => BAND + Math.max(0, Object.keys(slotOf[i]).length - 1) * BAR;
  const bandTop = i => laneTop[i] + (LANE - BAND) / 2;
  const barY = (i, address) => bandTop(i) + bandHeight(i) - 13 - (Object.keys(slotOf[i]).length - 1 - (slotOf[i][address] || 0)) * BAR;
  const fullSpan = Math.max(data.end, 1000);
  let view = { t0: -fullSpan * 0.02, t1: fullSpan * 1.02 };
  let incident = null;

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function fmt(us) {
    const a = Math.abs(us);
    if (a < 1000) return us.toFixed(0) + " \u00b5s";
    if (a < 10000) return (us / 1000).toFixed(3) + " ms";
    if (a < 1e6) return (us / 1000).toFixed(1) + " ms";
    if (a < 60e6) return (us / 1e6).toFixed(3) + " s";
    return Math.floor(us / 60e6) + " min " + ((us % 60e6) / 1e6).toFixed(0) + " s";
  }

  const origin = Date.parse(data.origin);
  function clock(us) {
    const d = new Date(origin + us / 1000);
    const p = n => String(n).padStart(2, "0");
    const frac = String(Math.floor(((origin * 1000 + us) % 1e6 + 1e6) % 1e6)).padStart(6, "0");
    return p(d.getHours()) + ":" + p(d.getMinutes()) + ":" + p(d.getSeconds()) + "." + frac;
  }

  function niceStep(span, count) {
    const raw = span / count, pow = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) if (raw <= m * pow) return m * pow;
    return 10 * pow;
  }

  function draw() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const width = Math.max(svg.clientWidth || svg.parentNode.clientWidth || 1200, 600);
    const plot = width - GUTTER - RIGHT;
    const x = t => GUTTER + (t - view.t0) / (view.t1 - view.t0) * plot;
    const visible = (a, b) => b >= view.t0 && a <= view.t1;
    const clipX = v => Math.max(GUTTER, Math.min(GUTTER + plot, v));
    const lanesBottom = lanesEnd;
    const steps = incident === null ? [] : data.incidents[incident].steps;
    const height = lanesBottom + 34 + (steps.length ? 26 + steps.length * STEP_ROW : 0) + 8;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("height", height);

    const defs = el("defs", {}, svg);
    for (const [id, a, b] of [["hatch-offline", "#e4e4e4", "#c9c9c9"], ["hatch-down", "#f6f6f6", "#dcdcdc"]]) {
      const p = el("pattern", { id: id, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
      el("rect", { width: 6, height: 6, fill: a }, p);
      el("rect", { width: 2, height: 6, fill: b }, p);
    }
    const clip = el("clipPath", { id: "plot" }, defs);
    el("rect", { x: GUTTER, y: 0, width: plot, height: height }, clip);
    const arrow = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", fill: "context-stroke" }, arrow);

    // axis
    const axis = el("g", { class: "axis" }, svg);
    const step = niceStep(view.t1 - view.t0, Math.max(4, Math.floor(plot / 120)));
    // zoomed: ticks counted from the incident's start, so they read 0, 500 µs, 1 ms...
    const base = incident === null ? 0 : data.incidents[incident].t0;
    for (let t = base + Math.ceil((view.t0 - base) / step) * step; t <= view.t1; t += step) {
      el("line", { x1: x(t), x2: x(t), y1: TOP - 6, y2: lanesBottom }, axis);
      el("text", { x: x(t), y: TOP - 12, "text-anchor": "middle" }, axis, incident === null ? clock(t).slice(0, step >= 1e6 ? 8 : 12) : fmt(t - data.incidents[incident].t0));
    }
    el("line", { class: "base", x1: GUTTER, x2: GUTTER + plot, y1: lanesBottom, y2: lanesBottom }, axis);

    const body = el("g", { "clip-path": "url(#plot)" }, svg);
    data.lanes.forEach((lane, i) => {
      const y = bandTop(i), band = bandHeight(i);
      el("text", { class: "lane-name", x: 12, y: y + 13 }, svg, lane.member);
      el("text", { class: "lane-group", x: 12, y: y + 27 }, svg, "group " + (lane.group || "(anonymous)"));
      el("rect", { x: GUTTER, y: y, width: plot, height: band, fill: "#fafbfc", rx: 4 }, body);
      for (const s of lane.segments) {
        if (!visible(s.t0, s.t1)) continue;
        const x0 = clipX(x(s.t0)), x1 = clipX(x(s.t1));
        const r = el("rect", { class: "seg " + s.state, x: x0, y: y, width: Math.max(x1 - x0, 1.5), height: band, rx: 3 }, body);
        r.dataset.tip = lane.member + ": " + s.state + " for " + fmt(s.t1 - s.t0) + " from " + clock(s.t0);
        if (x1 - x0 > 60) el("text", { class: "seg-label", x: x0 + 5, y: y + 11 }, body, s.state);
      }
      for (const h of lane.holds) {
        if (!visible(h.t0, h.t1)) continue;
        const x0 = clipX(x(h.t0)), x1 = clipX(x(h.t1));
        const yb = barY(i, h.address);
        const r = el("rect", { class: "hold", x: x0, y: yb, width: Math.max(x1 - x0, 2), height: 11, rx: 5.5, fill: colourOf(h.address) }, body);
        r.dataset.tip = h.address + " on " + lane.member + " for " + fmt(h.t1 - h.t0);
        if (x1 - x0 > 90) el("text", { class: "hold-label", x: x0 + 7, y: yb + 9 }, body, h.address);
      }
    });
    // moves: from the old lane's bar to the new one's
    for (const m of data.moves) {
      if (!visible(m.t, m.t) || !(m.to in laneIndex)) continue;
      const yTo = barY(laneIndex[m.to], m.address) + 5.5;
      const yFrom = m.from in laneIndex ? barY(laneIndex[m.from], m.address) + 5.5 : yTo - 20;
      const xm = x(m.t), bend = 18;
      const p = el("path", { class: "move", d: "M" + xm + "," + yFrom + " C" + (xm + bend) + "," + yFrom + " " + (xm - bend) + "," + yTo + " " + xm + "," + yTo, stroke: colourOf(m.address), "stroke-width": 2, fill: "none", "marker-end": "url(#arrow)" }, body);
      p.dataset.tip = "move " + m.address + " " + m.from + " \u2192 " + m.to + " (" + m.cause + ") at " + clock(m.t);
    }
    // markers on their member's lane, above the band
    const glyph = { "probe-lost": "\u00d7", "kernel-notice": "\u25bc", "failure": "\u25c6", "repair": "\u25c6", "offline": "\u25c6", "online": "\u25c6",
      "address-moved": "\u27a4", "announced": "\u25cf", "trap-sent": "\u25a0", "netconf-sent": "\u25b2", "admin-request": "\u270e", "flapping": "\u25c6", "flapping-ended": "\u25c6" };
    for (const mk of data.markers) {
      if (!visible(mk.t, mk.t) || !(mk.member in laneIndex)) continue;
      const y = bandTop(laneIndex[mk.member]);
      const t = el("text", { class: "mk " + mk.kind, x: x(mk.t), y: y - 2, "text-anchor": "middle" }, body, glyph[mk.kind] || "\u2022");
      t.dataset.tip = mk.member + ": " + mk.label + " at " + clock(mk.t);
    }
    for (const r of data.restarts) {
      if (!visible(r.t, r.t)) continue;
      const g = el("g", { class: "restart" }, body);
      el("line", { x1: x(r.t), x2: x(r.t), y1: TOP - 4, y2: lanesBottom }, g);
      // "stopped" to the left of its line, "started" to the right, so a restart's two labels never collide
      el("text", { x: x(r.t) + (r.kind === "stopped" ? -3 : 3), y: lanesBottom + 12, "text-anchor": r.kind === "stopped" ? "end" : "start" }, g, "ipmpd " + r.kind);
    }
    if (steps.length) ladder(steps, x, lanesBottom + 34, plot);
  }

  // one row per step: a dot at its time, its name, and the gap to the step before
  function ladder(steps, x, top, plot) {
    const g = el("g", { class: "ladder" }, svg);
    const inc = data.incidents[incident];
    el("text", { class: "title", x: 12, y: top - 8 }, g, "Steps of \u201c" + inc.title + "\u201d (gap = time since the step before)");
    steps.forEach((s, i) => {
      const y = top + i * STEP_ROW + 10;
      const r = el("g", { class: "row" }, g);
      el("line", { x1: GUTTER, x2: GUTTER + plot, y1: y + 5, y2: y + 5 }, r);
      const xs = Math.max(GUTTER, Math.min(GUTTER + plot, x(s.t)));
      el("text", { class: "mk " + s.kind, x: xs, y: y + 1, "text-anchor": "middle" }, r, "\u25cf");
      const gap = i === 0 ? "start" : "+" + fmt(s.t - steps[i - 1].t);
      el("text", { class: "gap", x: 12, y: y + 1 }, r, gap);
      const right = xs > GUTTER + plot * 0.62;
      el("text", { x: right ? xs - 9 : xs + 9, y: y + 1, "text-anchor": right ? "end" : "start" }, r,
        s.label + (s.member ? " \u00b7 " + s.member : "") + "  (" + fmt(s.t - inc.t0) + ")");
      if (i > 0) {
        const xp = Math.max(GUTTER, Math.min(GUTTER + plot, x(steps[i - 1].t)));
        el("path", { class: "bracket", d: "M" + xp + "," + (y - 14) + " L" + xp + "," + (y - 4) + " L" + xs + "," + (y - 4) }, r);
      }
    });
  }

  function zoomTo(which) {
    incident = which === "all" ? null : Number(which);
    if (incident === null) {
      view = { t0: -fullSpan * 0.02, t1: fullSpan * 1.02 };
    } else {
      const inc = data.incidents[incident];
      const span = Math.max(inc.t1 - inc.t0, 200);
      view = { t0: inc.t0 - span * 0.12, t1: inc.t1 + span * 0.12 };
    }
    document.querySelectorAll("nav#zoom button").forEach(b => b.classList.toggle("on", b.dataset.incident === String(which)));
    draw();
  }

  document.querySelectorAll("[data-incident]").forEach(b => b.addEventListener("click", ev => {
    ev.preventDefault();
    zoomTo(b.dataset.incident);
    if (b.tagName === "A") svg.scrollIntoView({ behavior: "smooth" });
  }));
  svg.addEventListener("wheel", ev => {
    ev.preventDefault();
    const box = svg.getBoundingClientRect();
    const plot = box.width - GUTTER - RIGHT;
    const at = view.t0 + (ev.clientX - box.left - GUTTER) / plot * (view.t1 - view.t0);
    const k = ev.deltaY > 0 ? 1.25 : 0.8;
    view = { t0: at - (at - view.t0) * k, t1: at + (view.t1 - at) * k };
    draw();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("mousedown", ev => { drag = { x: ev.clientX, v: view }; svg.style.cursor = "grabbing"; });
  window.addEventListener("mouseup", () => { drag = null; svg.style.cursor = ""; });
  svg.addEventListener("mousemove", ev => {
    if (drag) {
      const plot = svg.getBoundingClientRect().width - GUTTER - RIGHT;
      const dt = (ev.clientX - drag.x) / plot * (drag.v.t1 - drag.v.t0);
      view = { t0: drag.v.t0 - dt, t1: drag.v.t1 - dt };
      draw();
      return;
    }
    const tgt = ev.target.dataset && ev.target.dataset.tip;
    if (tgt) {
      const box = svg.parentNode.getBoundingClientRect();
      tip.textContent = tgt;
      tip.hidden = false;
      tip.style.left = (ev.clientX - box.left + 12) + "px";
      tip.style.top = (ev.clientY - box.top + 12) + "px";
    } else {
      tip.hidden = true;
    }
  });
  svg.addEventListener("dblclick", () => zoomTo("all"));
  window.addEventListener("resize", draw);
  const start = new URLSearchParams(location.search).get("incident");
  zoomTo(start === null ? "all" : start);
})();
