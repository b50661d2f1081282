"""The pages' stylesheet and the index's script, kept as Python text so that they travel with the package.

No web fonts and nothing from a CDN: the pages open from the file system with no network. The font stack
names the CJK fonts each platform ships (Debian's fonts-wqy-microhei, Windows' YaHei, macOS' PingFang).
"""

from __future__ import annotations

CSS = """
:root { --ink: #202124; --muted: #5f6368; --line: #dadce0; --fail: #d93025; --fail-bg: #fde2e1;
  --doubt: #e37400; --doubt-bg: #fef0d9; --fact: #fff0a0; --fact-ink: #6b5400; --link: #1a56c4; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
  color: var(--ink); background: #f8f9fa; font-size: 15px; line-height: 1.6; }
body { margin: 0; }
a { color: var(--link); }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; color: #3c4043; }
h1 { font-size: 1.45rem; margin: 0.2rem 0 0.4rem; line-height: 1.35; }
h1 small { font-size: 0.9rem; color: var(--muted); font-weight: normal; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 0.5rem; }
h3 { font-size: 0.98rem; margin: 1rem 0 0.4rem; }
.top { background: #fff; border-bottom: 1px solid var(--line); padding: 0.8rem 1.5rem; }
.back { font-size: 0.9rem; text-decoration: none; }
.badges { margin: 0.3rem 0; }
.badge { display: inline-block; border-radius: 3px; padding: 0 0.55em; margin-right: 0.5em; font-size: 0.9rem; }
.badge.fail { background: var(--fail-bg); color: var(--fail); font-weight: bold; }
.badge.doubt { background: var(--doubt-bg); color: var(--doubt); }
.badge.fact { background: var(--fact); color: var(--fact-ink); }
dl.meta { display: flex; flex-wrap: wrap; gap: 0.1rem 1.4rem; margin: 0.3rem 0 0; font-size: 0.86rem; }
dl.meta div { display: flex; gap: 0.4em; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; word-break: break-all; }
.layout { padding: 0 1.5rem 2rem; }
.findings, .reading { min-width: 0; }
@media (min-width: 1100px) {
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.25fr); gap: 1.5rem; }
  .reading { grid-column: 1; grid-row: 1; }
  .findings { grid-column: 2; grid-row: 1; position: sticky; top: 0; max-height: 100vh; overflow-y: auto;
    padding-right: 0.3rem; }
}
.text { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 1rem 1.2rem;
  white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.9; }
.chunk { content-visibility: auto; contain-intrinsic-size: auto 40em; }
.text strong.h { color: #174ea6; }
mark { background: none; color: inherit; border-radius: 2px; }
mark.f { background: var(--fact); }
mark.fail { background-color: var(--fail-bg); text-decoration: underline 2px solid var(--fail);
  text-underline-offset: 4px; }
mark.f.fail { background-color: #ffd9a8; }
mark.doubt { text-decoration: underline 2px wavy var(--doubt); text-underline-offset: 4px; }
mark.pt::before { content: "‸"; color: var(--fail); font-weight: bold; }
mark.pt.doubt { text-decoration: none; }
mark:target, td:target { outline: 3px solid var(--link); outline-offset: 1px; }
sup.tag { font-size: 0.72rem; color: var(--fact-ink); background: #fff8d0; border: 1px solid #ecd77a;
  border-radius: 3px; padding: 0 0.3em; margin: 0 0.2em; white-space: nowrap; line-height: 1; }
nav.toc ol { margin: 0 0 0.6rem; padding-left: 1.2rem; font-size: 0.88rem; columns: 2; }
section { margin-bottom: 0.4rem; }
ol.checks { list-style: none; padding: 0; margin: 0; }
li.check { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--doubt); border-radius: 4px;
  padding: 0.45rem 0.8rem; margin-bottom: 0.5rem; }
li.check.fail { border-left-color: var(--fail); }
li.check .head { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: baseline; font-size: 0.88rem; }
li.check .st { font-weight: bold; color: var(--doubt); }
li.check.fail .st { color: var(--fail); }
li.check .sev, li.check .scope, li.check .lenient { color: var(--muted); }
li.check p { margin: 0.2rem 0; }
p.nums b { font-size: 1.05rem; }
p.ev { font-size: 0.86rem; }
a.ev { display: inline-block; margin: 0.1rem 0.35rem 0.1rem 0; padding: 0 0.4em; border: 1px solid #c6d3f0;
  border-radius: 3px; background: #f3f6fd; text-decoration: none; }
details.passed { font-size: 0.86rem; color: var(--muted); margin-top: 0.4rem; }
.ok { color: #188038; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #c4c7c5; padding: 0.15rem 0.4rem; font-size: 0.84rem; }
th { background: #f1f3f4; font-weight: normal; text-align: left; }
table.facts td.num { white-space: nowrap; font-weight: bold; }
table.grid th.group { background: #e8eaed; font-weight: bold; }
table.grid th.note { font-size: 0.76rem; color: var(--muted); }
table.t4 th { text-align: center; }
td.c { text-align: right; min-width: 2.8em; font-variant-numeric: tabular-nums; white-space: nowrap; }
.c.number { font-weight: bold; }
.c.zero { color: #80868b; }
.c.blank { background-image: repeating-linear-gradient(135deg, #e8eaed 0 3px, transparent 3px 7px); }
.c.dash, .c.slash, .c.na, .c.text { color: #1967d2; font-style: italic; background-color: #e8f0fe; }
.c.missing { color: #bdc1c6; background-color: #fafafa; border-style: dashed; }
.c.fail { background-color: var(--fail-bg); box-shadow: inset 0 0 0 2px var(--fail); }
.c.doubt { box-shadow: inset 0 0 0 2px var(--doubt); }
p.legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.82rem; color: var(--muted); }
p.legend .key { display: inline-flex; align-items: center; gap: 0.35em; }
p.legend .c { display: inline-block; min-width: 2.2em; height: 1.5em; line-height: 1.5em; text-align: center;
  border: 1px solid #c4c7c5; }
p.absent, p.note { color: var(--muted); font-size: 0.86rem; }
form.filters { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; align-items: center; padding: 0.7rem 1.5rem; }
form.filters[hidden] { display: none; }
form.filters select, form.filters input { font: inherit; font-size: 0.9rem; }
table.reports { margin: 0 1.5rem 2rem; min-width: calc(100% - 3rem); }
table.reports th button { font: inherit; background: none; border: 0; padding: 0; cursor: pointer; color: var(--ink); }
table.reports th[aria-sort="ascending"] button::after { content: " ▲"; }
table.reports th[aria-sort="descending"] button::after { content: " ▼"; }
table.reports td { vertical-align: top; }
table.reports .key { font-size: 0.75rem; color: var(--muted); word-break: break-all; }
.chip { display: inline-block; background: var(--fail-bg); color: var(--fail); border-radius: 3px; padding: 0 0.4em;
  margin: 0.05rem 0.25rem 0.05rem 0; font-size: 0.78rem; font-family: ui-monospace, monospace; }
tr[hidden] { display: none; }
"""

# Filters and sort order live in the URL fragment, read on load and on every change.
INDEX_JS = """
"use strict";
(function () {
  var form = document.getElementById("filters");
  var table = document.getElementById("reports");
  if (!form || !table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var numeric = { year: 1, fail: 1, uncertain: 1, facts: 1 };
  var names = ["year", "template", "rule", "q"];
  var sort = { key: "", dir: "asc" };

  function read() {
    var p = new URLSearchParams(location.hash.slice(1));
    names.forEach(function (n) { form.elements[n].value = p.get(n) || ""; });
    sort.key = p.get("sort") || "";
    sort.dir = p.get("dir") === "desc" ? "desc" : "asc";
  }

  function write() {
    var p = new URLSearchParams();
    names.forEach(function (n) { if (form.elements[n].value) { p.set(n, form.elements[n].value); } });
    if (sort.key) { p.set("sort", sort.key); p.set("dir", sort.dir); }
    try { history.replaceState(null, "", "#" + p.toString()); } catch (e) { /* a file: page may refuse */ }
  }

  function keep(row) {
    var d = row.dataset, f = form.elements;
    var rules = d.rules ? d.rules.split(" ") : [];
    var rule = f.rule.value, q = f.q.value.trim().toLowerCase();
    if (f.year.value && d.year !== f.year.value) { return false; }
    if (f.template.value && d.template !== f.template.value) { return false; }
    if (rule === "*" && !rules.length) { return false; }
    if (rule === "-" && rules.length) { return false; }
    if (rule && rule !== "*" && rule !== "-" && rules.indexOf(rule) < 0) { return false; }
    return !q || d.search.indexOf(q) >= 0;
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) { var k = keep(row); row.hidden = !k; shown += k ? 1 : 0; });
    if (sort.key) {
      var sign = sort.dir === "desc" ? -1 : 1, key = sort.key;
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.dataset[key] || "", y = b.dataset[key] || "";
        if (numeric[key]) { return sign * ((Number(x) || 0) - (Number(y) || 0)); }
        return sign * x.localeCompare(y, "zh-CN");
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.dataset.key !== sort.key) { th.removeAttribute("aria-sort"); return; }
      th.setAttribute("aria-sort", sort.dir === "desc" ? "descending" : "ascending");
    });
    document.getElementById("shown").textContent = shown + " / " + rows.length;
  }

  table.tHead.addEventListener("click", function (e) {
    var th = e.target.closest("th");
    if (!th) { return; }
    sort.dir = sort.key === th.dataset.key && sort.dir === "asc" ? "desc" : "asc";
    sort.key = th.dataset.key;
    write();
    apply();
  });
  form.addEventListener("input", function () { write(); apply(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("hashchange", function () { read(); apply(); });
  form.hidden = false;
  read();
  apply();
})();
"""

ASSETS = {"view.css": ("text/css", CSS), "index.js": ("text/javascript", INDEX_JS)}
