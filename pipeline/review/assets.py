"""The page's inline style sheet and script (no file or server besides the
page and its crops)."""

from __future__ import annotations

from pipeline.review.corrections import COLUMNS, FIELDS

CSS = """
:root{--fg:#1f2937;--mute:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff;--err:#dc2626;--warn:#d97706;
--info:#2563eb;--ok:#059669;--acc:#4f46e5}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans Thai","Sarabun","Loma","Garuda",system-ui,sans-serif;color:var(--fg);
background:var(--bg);font-size:15px;line-height:1.55}
header.bar{position:sticky;top:0;z-index:5;background:#111827;color:#fff;display:flex;gap:16px;align-items:center;
padding:10px 24px;box-shadow:0 1px 4px rgba(0,0,0,.25)}
header.bar h1{font-size:18px;margin:0;font-weight:600;flex:1}
header.bar .count{color:#c7d2fe;font-size:14px}
header.bar label{font-size:14px;color:#d1d5db;cursor:pointer}
button{font:inherit;border:0;border-radius:6px;padding:7px 14px;background:var(--acc);color:#fff;cursor:pointer}
button:hover{filter:brightness(1.1)}
main{max-width:1180px;margin:0 auto;padding:18px 24px 60px}
h2{font-size:20px;margin:0}
.muted{color:var(--mute)}
.summary{display:grid;grid-template-columns:minmax(260px,1fr) minmax(300px,1.2fr);gap:18px;margin-bottom:18px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.panel h3{margin:0 0 8px;font-size:15px;color:var(--mute);font-weight:600}
.wide{grid-column:1/-1}
.stat{display:flex;gap:10px;flex-wrap:wrap}
.stat div{flex:1;min-width:90px;border-radius:8px;padding:8px 12px;background:var(--bg)}
.stat b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:13px;font-weight:600;color:#fff}
.s-flagged,.sev-error{background:var(--err)}.s-failed{background:#7f1d1d}.s-repaired,.sev-info{background:var(--info)}
.s-ok{background:var(--ok)}.sev-warning{background:var(--warn)}
.chart{width:100%;max-width:760px;height:auto;display:block;margin:0 auto}.chart .bar{fill:#6366f1}.chart .bar.q1{fill:#818cf8}
.chart .grid{stroke:#e5e7eb}.chart text{font-size:11px;fill:#4b5563;font-family:inherit}
.chart .ylab{text-anchor:end}.chart .xlab,.chart .vlab{text-anchor:middle}
nav.toc{columns:2;column-gap:28px;font-size:14px}
nav.toc a{display:block;color:var(--fg);text-decoration:none;padding:2px 0;break-inside:avoid}
nav.toc a:hover{color:var(--acc)}
section.plan{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:22px 0;
padding:16px 18px;content-visibility:auto;contain-intrinsic-size:auto 900px}
.plan-head{display:flex;gap:12px;align-items:baseline;flex-wrap:wrap;margin-bottom:8px}
dl.fields{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:2px 14px;margin:8px 0 14px;font-size:14px}
dl.fields dt{color:var(--mute)}dl.fields dd{margin:0;overflow-wrap:anywhere}
.finding{border:1px solid var(--line);border-left:4px solid var(--err);border-radius:8px;padding:10px 12px;
margin:10px 0;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,300px);gap:6px 18px}
.finding.warning{border-left-color:var(--warn)}.finding.info{border-left-color:var(--info)}
.finding .top{grid-column:1/-1;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.finding .check{font-family:"Tlwg Mono",monospace;font-size:13px;background:var(--bg);padding:1px 6px;border-radius:4px}
.finding .where{font-weight:600}
.finding .msg{grid-column:1/-1;margin:0}
.finding figure{margin:0}
.finding img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px;background:#fff;display:block}
.finding .nocrop{color:var(--mute);font-size:13px;font-style:italic}
.finding pre{margin:0;font-family:"Tlwg Mono",monospace;font-size:12px;background:var(--bg);padding:6px 8px;
border-radius:4px;overflow-x:auto;white-space:pre}
table.vals td{border:0;padding:1px 8px 1px 0}table.vals td:first-child{color:var(--mute);white-space:nowrap}
table.vals .bad{color:var(--err);font-weight:600}table.vals .good{color:var(--ok);font-weight:600}
table.rowline{font-size:12px;margin-top:6px}table.rowline th,table.rowline td{padding:2px 4px;text-align:right;
border:1px solid var(--line)}table.rowline th{background:var(--bg);font-weight:500}
table.rowline .hit{background:#fee2e2;font-weight:700;outline:2px solid var(--err)}
.desc{font-size:13px;color:var(--mute);margin-top:4px}
form.fix{display:flex;gap:6px;flex-wrap:wrap;align-items:center;background:#eef2ff;border-radius:6px;padding:6px 8px;
font-size:13px}
form.fix input,form.fix select{font:inherit;font-size:13px;border:1px solid #c7d2fe;border-radius:4px;padding:3px 5px;
background:#fff}
form.fix input.code{width:70px}form.fix input.month{width:58px}form.fix input.value{width:120px;font-weight:600}
form.fix input.value.filled{border-color:var(--ok);background:#ecfdf5}
form.fix input.value.invalid{border-color:var(--err);background:#fef2f2}
body.hide-info .finding.info{display:none}
footer{color:var(--mute);font-size:13px;text-align:center;margin-top:30px}
"""

JS = r"""
(function(){
const FIELDS = %(fields)s;
const store = 'thaiplan-review:' + document.body.dataset.run;
let saved = {};
try { saved = JSON.parse(localStorage.getItem(store) || '{}'); } catch (err) { saved = {}; }
const forms = Array.from(document.querySelectorAll('form.fix'));
const counter = document.getElementById('n-fixes');
function parse(v){
  v = v.trim().replace(/[๐-๙]/g, d => String(d.charCodeAt(0) - 0x0E50)).replace(/,/g, '');
  if (v === '-' ) return '0';
  return /^\d+(\.\d{1,2})?$/.test(v) ? v : null;
}
function rows(){
  const out = new Map();
  for (const f of forms){
    const value = f.elements.value.value;
    if (!value.trim()) continue;
    const v = parse(value);
    if (v === null) continue;
    const field = f.elements.field.value;
    let code = f.elements.code.value.trim();
    let month = f.elements.month.value;
    if (field !== 'work' && field !== 'budget') month = '';
    if (field === 'budget_received') code = '';
    const row = [f.dataset.plan, code, month, field, v];
    out.set(row.slice(0, 4).join('\u0001'), row);
  }
  return Array.from(out.values());
}
function refresh(f){
  const input = f.elements.value;
  const has = input.value.trim() !== '';
  const ok = !has || parse(input.value) !== null;
  input.classList.toggle('filled', has && ok);
  input.classList.toggle('invalid', !ok);
}
function update(){
  counter.textContent = rows().length;
  const keep = {};
  for (const f of forms){
    if (f.elements.value.value.trim()) keep[f.id] = [f.elements.code.value, f.elements.month.value,
      f.elements.field.value, f.elements.value.value];
  }
  try { localStorage.setItem(store, JSON.stringify(keep)); } catch (err) {}
}
for (const f of forms){
  const s = saved[f.id];
  if (s){ [f.elements.code.value, f.elements.month.value, f.elements.field.value, f.elements.value.value] = s; }
  refresh(f);
  f.addEventListener('input', () => { refresh(f); update(); });
  f.addEventListener('submit', ev => ev.preventDefault());
}
update();
function q(s){ s = String(s); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
window.thaiplanCorrectionsCsv = function(){
  const lines = [%(columns)s.join(',')].concat(rows().map(r => r.map(q).join(',')));
  return lines.join('\n') + '\n';
};
document.getElementById('download').addEventListener('click', () => {
  const blob = new Blob(['\ufeff' + window.thaiplanCorrectionsCsv()], {type: 'text/csv;charset=utf-8'});
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'corrections.csv';
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});
document.getElementById('hide-info').addEventListener('change', ev => {
  document.body.classList.toggle('hide-info', ev.target.checked);
});
})();
"""


def script() -> str:
    """The script, with the corrections file's fields and columns filled in."""
    return JS % {"fields": list(FIELDS).__repr__(), "columns": list(COLUMNS).__repr__()}
