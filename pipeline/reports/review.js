// mtfix review page: renders raw and fixed side by side in blocks of lines as they scroll into view,
// lets the reviewer accept, reject or dismiss each change (the fixed column follows at once), and
// exports the decisions as JSON. Document text only ever reaches the page through textContent.
// Offsets: start16/end16 index the raw text in UTF-16 units, as JavaScript strings do; raw_start and
// raw_end are the ledger's code-point offsets, exported unchanged in the decisions.
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("mtfix-data").textContent);
  const BLOCK = 100;
  const CONTROL = /[\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;
  const TOKEN = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;
  const rawLines = DATA.raw.split("\n");
  const lineStarts = new Array(rawLines.length);
  for (let i = 0, pos = 0; i < rawLines.length; i++) { lineStarts[i] = pos; pos += rawLines[i].length + 1; }
  const changes = DATA.changes.rows.map((row) => {
    const c = {};
    DATA.changes.fields.forEach((name, i) => { c[name] = row[i]; });
    c.message = DATA.changes.messages[c.message];
    c.family = c.rule.split(".")[0];
    c.context = [c.context_before, c.context_after];
    return c;
  });
  const byId = new Map(changes.map((c) => [c.id, c]));
  const byLine = new Map();
  for (const c of changes) {
    if (!byLine.has(c.line)) byLine.set(c.line, []);
    byLine.get(c.line).push(c);
  }
  const verdicts = new Map(changes.filter((c) => c.decision).map((c) => [c.id, c.decision]));
  const order = changes.slice().sort((a, b) => a.raw_start - b.raw_start || a.raw_end - b.raw_end);
  const shown = { family: new Set(changes.map((c) => c.family)), tier: new Set(["safe", "review", "finding"]) };
  const blocks = [];
  const replayable = new Map();
  const isChanged = (n) => byLine.has(n) || DATA.fixed[n] !== undefined;
  const gapBefore = new Map();
  for (let n = 1, last = 0; n <= rawLines.length + 1; n++) {
    if (n > rawLines.length || isChanged(n)) { if (n - last > 1) gapBefore.set(n, n - last - 1); last = n; }
  }
  const docNode = document.getElementById("doc");
  const toolbar = document.getElementById("toolbar");
  const onlyChanged = document.getElementById("changed-only");
  let current = -1;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) put(node, text);
    return node;
  }

  // Append text, showing bidi and other invisible control characters as labelled badges.
  function put(node, text) {
    if (!CONTROL.test(text)) { node.appendChild(document.createTextNode(text)); return; }
    for (const ch of text) {
      if (CONTROL.test(ch)) {
        const code = "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
        node.appendChild(el("span", "ctl", code)).title = "invisible control character " + code;
      } else if (node.lastChild && node.lastChild.nodeType === 3) {
        node.lastChild.appendData(ch);
      } else {
        node.appendChild(document.createTextNode(ch));
      }
    }
  }

  function visible(c) { return shown.family.has(c.family) && shown.tier.has(c.tier); }

  // The raw line cut at every change boundary; each piece covered by changes becomes a mark.
  function rawCell(number, cell) {
    const line = rawLines[number - 1], start = lineStarts[number - 1], list = byLine.get(number) || [];
    const cuts = new Set([0, line.length]);
    for (const c of list) { cuts.add(c.start16 - start); cuts.add(c.end16 - start); }
    const points = [...cuts].filter((p) => p >= 0 && p <= line.length).sort((a, b) => a - b);
    for (let i = 0; i < points.length; i++) {
      const a = points[i], b = i + 1 < points.length ? points[i + 1] : a;
      const inserts = list.filter((c) => c.start16 === c.end16 && c.start16 - start === a);
      if (inserts.length) cell.appendChild(markFor(inserts, "\u2038"));
      if (b === a) continue;
      const over = list.filter((c) => c.start16 - start <= a && c.end16 - start >= b && c.end16 > c.start16);
      if (over.length) cell.appendChild(markFor(over, line.slice(a, b)));
      else put(cell, line.slice(a, b));
    }
  }

  function markFor(list, text) {
    const mark = el("mark", [...new Set(list.map((c) => c.kind))].join(" "), text);
    mark.dataset.changes = list.map((c) => c.id).join(" ");
    mark.dataset.rule = [...new Set(list.map((c) => c.rule))].join(" ");
    mark.title = list.map((c) => c.rule + " (" + c.tier + "): " + c.message).join("\n");
    const decided = list.find((c) => verdicts.has(c.id));
    if (decided) mark.dataset.verdict = verdicts.get(decided.id);
    return mark;
  }

  // Word-level highlight of the fixed line: tokens not in the raw line are marked.
  function fixedCell(raw, fixed, cell) {
    const a = raw.match(TOKEN) || [], b = fixed.match(TOKEN) || [];
    let p = 0, s = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    const mid = b.slice(p, b.length - s), keep = lcsKeep(a.slice(p, a.length - s), mid);
    put(cell, b.slice(0, p).join(""));
    let run = "", runIns = false;
    const flush = () => { if (run) { if (runIns) cell.appendChild(el("mark", "ins", run)); else put(cell, run); } run = ""; };
    mid.forEach((tok, i) => { const ins = !keep[i]; if (ins !== runIns) { flush(); runIns = ins; } run += tok; });
    flush();
    put(cell, b.slice(b.length - s).join(""));
  }

  // Whether a change is in effect under the reviewer's verdicts: applied unless rejected, else if accepted.
  function effective(c) { const v = verdicts.get(c.id); return c.applied ? v !== "reject" : v === "accept"; }

  // The raw line with the picked edits put in, each where the ledger places it; null when edits chain
  // or overlap (an edit of text another edit wrote), which only rerunning the pipeline can settle.
  function replay(n, pick) {
    const line = rawLines[n - 1], start = lineStarts[n - 1];
    const list = (byLine.get(n) || []).filter((c) => c.kind !== "finding" && pick(c))
      .sort((x, y) => x.start16 - y.start16 || x.end16 - y.end16);
    let out = "", pos = 0;
    for (const c of list) {
      const a = c.start16 - start, b = c.end16 - start;
      if (a < pos || b > line.length || line.slice(a, b) !== c.before) return null;
      out += line.slice(pos, a) + c.after;
      pos = b;
    }
    return out + line.slice(pos);
  }

  // The fixed line as the verdicts so far make it; live is false where replaying cannot tell.
  function fixedText(n) {
    const original = DATA.fixed[n] !== undefined ? DATA.fixed[n] : rawLines[n - 1];
    if (!byLine.has(n)) return { text: original, live: true };
    if (!replayable.has(n)) replayable.set(n, replay(n, (c) => c.applied) === original);
    return replayable.get(n) ? { text: replay(n, effective), live: true } : { text: original, live: false };
  }

  function fillFixed(n, cell) {
    const fixed = fixedText(n), raw = rawLines[n - 1];
    cell.replaceChildren();
    if (fixed.text !== raw) fixedCell(raw, fixed.text, cell); else put(cell, raw);
    const decided = (byLine.get(n) || []).some((c) => c.kind !== "finding" && verdicts.has(c.id) && !c.decision);
    cell.classList.toggle("stale", decided && !fixed.live);
    cell.title = decided && !fixed.live ? "the edits of this line depend on each other: 'mtfix apply' recomputes it" : "";
  }

  function lcsKeep(a, b) {
    const keep = new Array(b.length).fill(false);
    if (!a.length || !b.length || a.length * b.length > 250000) return keep;
    const n = a.length, m = b.length, t = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
      t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    }
    for (let i = 0, j = 0; i < n && j < m;) {
      if (a[i] === b[j]) { keep[j] = true; i++; j++; } else if (t[i + 1][j] >= t[i][j + 1]) i++; else j++;
    }
    return keep;
  }

  function card(c) {
    const box = el("div", "change tier-" + c.tier);
    box.id = "change-" + c.id;
    box.dataset.id = c.id;
    box.dataset.rule = c.rule;
    box.tabIndex = -1;
    box.appendChild(el("code", "rule", c.rule));
    box.appendChild(el("span", "tier", c.tier));
    box.appendChild(el("span", "msg", c.message));
    const what = el("span", "what");
    if (c.kind === "finding") {
      what.appendChild(el("code", "", c.text));
    } else {
      what.appendChild(excerpt(c, c.context[0], "del"));
      put(what, " \u2192 ");
      what.appendChild(excerpt(c, c.context[1], "ins"));
    }
    box.appendChild(what);
    box.appendChild(el("span", "pos", c.line + ":" + c.col));
    box.appendChild(el("span", "state"));
    for (const verdict of c.kind === "finding" ? ["dismiss"] : ["accept", "reject"]) {
      const button = el("button", verdict, verdict[0].toUpperCase() + verdict.slice(1));
      button.type = "button";
      button.dataset.verdict = verdict;
      button.addEventListener("click", () => decide(c.id, verdict));
      box.appendChild(button);
    }
    paint(box, c);
    return box;
  }

  // The changed text with a few characters of the raw line around it; blank changes made visible.
  function excerpt(c, text, tag) {
    const code = el("code");
    const start = lineStarts[c.line - 1], end = start + rawLines[c.line - 1].length;
    const from = c.context[0] ? DATA.raw.indexOf(c.context[0], Math.max(start, c.start16 - c.context[0].length)) : -1;
    const a = from >= 0 && from <= c.start16 ? from : c.start16;
    const b = from >= 0 && from <= c.start16 ? from + c.context[0].length : c.end16;
    if (c.context[0].trim().length < 4) put(code, DATA.raw.slice(Math.max(start, a - 12), a));
    code.appendChild(el(tag, "", text.trim() ? text : text.replace(/ /g, "\u2423") || "\u2205"));
    if (c.context[0].trim().length < 4) put(code, DATA.raw.slice(b, Math.min(end, b + 12)));
    return code;
  }

  function stateText(c, verdict) {
    if (c.kind === "finding") return verdict ? "dismissed" : "open";
    if (verdict === "reject") return "rejected: will not be applied";
    if (verdict === "accept") return c.kind === "suggestion" ? "accepted: will be applied" : "accepted";
    if (c.applied) return "applied";
    return c.tier === "safe" ? "rejected before; applied again without a verdict" : "suggested, not applied";
  }

  function paint(box, c) {
    const verdict = verdicts.get(c.id) || "";
    box.dataset.verdict = verdict;
    box.querySelector(".state").textContent = stateText(c, verdict);
    for (const b of box.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.verdict === verdict));
    box.hidden = !visible(c);
  }

  function decide(id, verdict) {
    if (verdicts.get(id) === verdict) verdicts.delete(id); else verdicts.set(id, verdict);
    const box = document.getElementById("change-" + id);
    if (box) paint(box, byId.get(id));
    for (const mark of document.querySelectorAll('mark[data-changes~="' + id + '"]')) {
      if (verdicts.has(id)) mark.dataset.verdict = verdicts.get(id); else delete mark.dataset.verdict;
    }
    const line = byId.get(id).line, cell = document.querySelector("#L" + line + " > .fixed");
    if (cell) fillFixed(line, cell);
    status();
  }

  function renderBlock(block) {
    if (block.done) return;
    block.done = true;
    block.node.replaceChildren();
    block.node.style.minHeight = "";
    block.node.classList.remove("block-todo");
    for (let n = block.first; n <= block.last; n++) {
      const list = byLine.get(n);
      if (gapBefore.has(n)) block.node.appendChild(gap(gapBefore.get(n)));
      const row = el("div", isChanged(n) ? "row changed" : "row");
      row.id = "L" + n;
      row.appendChild(el("div", "no", String(n)));
      const raw = el("div", "raw"), out = el("div", "fixed");
      if (list) rawCell(n, raw); else put(raw, rawLines[n - 1]);
      fillFixed(n, out);
      row.append(raw, out);
      if (list) {
        const cards = el("div", "cards");
        for (const c of list.slice().sort((x, y) => x.raw_start - y.raw_start)) cards.appendChild(card(c));
        row.appendChild(cards);
      }
      block.node.appendChild(row);
    }
    if (block.last === rawLines.length && gapBefore.has(rawLines.length + 1)) {
      block.node.appendChild(gap(gapBefore.get(rawLines.length + 1)));
    }
    filterMarks(block.node);
  }

  // Shown in place of the unchanged lines that "changed lines only" hides.
  function gap(count) { return el("div", "gap", "\u22EF " + count + " unchanged line" + (count === 1 ? "" : "s")); }

  // Height a block takes before it is drawn, for the lines the current view shows.
  function estimate(block) {
    const perRow = Math.max(20, Math.floor((docNode.clientWidth - 80) / (innerWidth > 640 ? 2 : 1) / 7.5));
    let rows = 0;
    for (let n = block.first; n <= block.last; n++) {
      if (onlyChanged.checked && !isChanged(n)) continue;
      rows += Math.max(1, Math.ceil(rawLines[n - 1].length / perRow)) * (isChanged(n) ? 2 : 1);
    }
    return rows * 20;
  }

  function setChangedOnly() {
    docNode.classList.toggle("changed-only", onlyChanged.checked);
    for (const block of blocks) if (!block.done) block.node.style.minHeight = estimate(block) + "px";
    if (current >= 0) reveal(document.getElementById("change-" + order[current].id));
  }

  function filterMarks(root) {
    for (const mark of root.querySelectorAll("mark[data-changes]")) {
      mark.classList.toggle("off", !mark.dataset.changes.split(" ").some((id) => visible(byId.get(id))));
    }
  }

  function build() {
    const doc = docNode;
    docNode.classList.toggle("changed-only", onlyChanged.checked);
    const observer = new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting) { renderBlock(e.target.block); observer.unobserve(e.target); }
    }, { rootMargin: "1500px 0px" });
    for (let first = 1; first <= rawLines.length; first += BLOCK) {
      const last = Math.min(rawLines.length, first + BLOCK - 1);
      const node = el("div", "block block-todo");
      const block = { first, last, node, done: false };
      node.style.minHeight = estimate(block) + "px";
      node.block = block;
      blocks.push(block);
      doc.appendChild(node);
      observer.observe(node);
    }
  }

  function go(step) {
    const seen = order.filter(visible);
    if (!seen.length) return;
    const at = current < 0 ? -1 : seen.findIndex((c) => c.id === order[current].id);
    const next = seen[at < 0 ? (step > 0 ? 0 : seen.length - 1) : (at + step + seen.length) % seen.length];
    current = order.indexOf(next);
    renderBlock(blocks[Math.floor((next.line - 1) / BLOCK)]);
    for (const node of document.querySelectorAll(".current")) node.classList.remove("current");
    const box = document.getElementById("change-" + next.id);
    box.classList.add("current");
    for (const mark of document.querySelectorAll('mark[data-changes~="' + next.id + '"]')) mark.classList.add("current");
    reveal(box);
    box.focus({ preventScroll: true });
    status();
  }

  // Scroll so that the card, and its line when both fit, show whole below the sticky toolbar.
  function reveal(box) {
    const bar = toolbar.offsetHeight, row = box.closest(".row");
    const rowTop = row.getBoundingClientRect().top + scrollY;
    const boxTop = box.getBoundingClientRect().top + scrollY, boxBottom = box.getBoundingClientRect().bottom + scrollY;
    const free = innerHeight - bar, span = boxBottom - rowTop;
    const y = span + 16 <= free ? rowTop - bar - (free - span) / 2 : boxTop - bar - 8;
    window.scrollTo({ top: Math.max(0, y), behavior: "instant" });
  }

  function barHeight() { document.documentElement.style.setProperty("--bar", toolbar.offsetHeight + "px"); }

  function status() {
    const counts = { accept: 0, reject: 0, dismiss: 0 };
    for (const v of verdicts.values()) counts[v]++;
    const where = current < 0 ? "" : "change " + (current + 1) + " of " + order.length + " \u2014 ";
    document.getElementById("status").textContent = where + counts.accept + " accepted, " + counts.reject +
      " rejected, " + counts.dismiss + " dismissed";
  }

  function exportDecisions() {
    const decisions = [];
    for (const c of order) {
      const verdict = verdicts.get(c.id);
      if (!verdict) continue;
      const entry = { rule: c.rule, raw_start: c.raw_start, raw_end: c.raw_end };
      if (c.kind === "finding") entry.text = c.text; else { entry.before = c.before; entry.after = c.after; }
      entry.verdict = verdict;
      decisions.push(entry);
    }
    const body = { format: DATA.format, input: DATA.input, raw_sha256: DATA.raw_sha256, decisions };
    const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 1) + "\n"], { type: "application/json" }));
    const link = el("a");
    link.href = url;
    link.download = DATA.stem + ".decisions.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function filters() {
    const box = document.getElementById("families");
    for (const family of [...shown.family].sort()) {
      const label = el("label");
      const input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.dataset.family = family;
      label.append(input, " ");
      put(label, family);
      box.appendChild(label);
    }
    toolbar.addEventListener("change", (e) => {
      const input = e.target;
      if (input === onlyChanged) { setChangedOnly(); return; }
      const set = input.dataset.family !== undefined ? shown.family : shown.tier;
      const key = input.dataset.family !== undefined ? input.dataset.family : input.dataset.tier;
      if (input.checked) set.add(key); else set.delete(key);
      for (const box of document.querySelectorAll(".change")) box.hidden = !visible(byId.get(box.dataset.id));
      filterMarks(document);
    });
  }

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.target.tagName === "INPUT" && e.target.type !== "checkbox")) return;
    const act = { j: () => go(1), n: () => go(1), k: () => go(-1), p: () => go(-1) }[e.key];
    const verdict = { a: "accept", r: "reject", d: "dismiss" }[e.key];
    if (act) { e.preventDefault(); act(); } else if (verdict && current >= 0) {
      const c = order[current];
      if ((verdict === "dismiss") === (c.kind === "finding")) { e.preventDefault(); decide(c.id, verdict); }
    }
  });
  document.getElementById("prev").addEventListener("click", () => go(-1));
  document.getElementById("next").addEventListener("click", () => go(1));
  document.getElementById("export").addEventListener("click", exportDecisions);
  filters();
  build();
  barHeight();
  addEventListener("resize", barHeight);
  status();
})();
