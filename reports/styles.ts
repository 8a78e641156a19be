/** The report's stylesheet: system fonts only (no downloads), readable widths, print-friendly. */
export const REPORT_CSS = `
:root {
  --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --accent: #0969da; --warn-bg: #fff8c5; --warn-line: #d4a72c; --error: #b42318; --best: #1a7f37;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text); line-height: 1.5;
}
body { margin: 0; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.subtitle { color: var(--muted); margin: 0; }
.disclaimer {
  margin: 1.5rem 0; padding: .9rem 1.1rem; background: var(--warn-bg);
  border: 1px solid var(--warn-line); border-left-width: 6px; border-radius: 6px; font-size: 1.02rem;
}
.disclaimer strong { display: block; margin-bottom: .2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.2rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
details { margin-top: .9rem; }
summary { cursor: pointer; color: var(--accent); }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .8rem; overflow: auto; font-size: .85rem; }
.table-scroll { overflow-x: auto; }
table.summary { border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.summary th, table.summary td { border: 1px solid var(--line); padding: .3rem .5rem; }
table.summary thead th { background: var(--panel); font-weight: 600; white-space: normal; }
table.summary tbody th { text-align: left; font-weight: 500; }
table.summary th.key-0, table.summary th.key-1 { position: sticky; z-index: 1; background: #fff; }
table.summary thead th.key-0, table.summary thead th.key-1 { background: var(--panel); }
table.summary th.key-0 { left: 0; width: 6rem; min-width: 6rem; max-width: 6rem; white-space: normal; }
table.summary th.key-1 { left: 7.1rem; box-shadow: 2px 0 0 var(--line); }
table.summary td.num { text-align: right; }
table.summary td.best { color: var(--best); }
table.summary tr.errored td { background: #fef3f2; }
table.summary td.error { color: var(--error); white-space: normal; }
.best-marker { margin-left: .25rem; }
table.regression td { text-align: right; }
table.regression td:last-child { text-align: left; white-space: normal; }
tr.verdict-regression td:last-child { color: var(--error); font-weight: 600; }
tr.verdict-worse td:last-child { color: #9a6700; }
tr.verdict-better td:last-child { color: var(--best); }
ul.notes { color: var(--muted); }
.table-note { color: var(--muted); font-size: .875rem; margin: .5rem 0 0; }
figure.chart { margin: 1.5rem 0 2.5rem; }
figure.chart h3 { margin-top: 0; }
.chart-static svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .92rem; margin-top: .4rem; }
@media print { main { max-width: none; padding: 0; } .vega-actions { display: none; } }
`;
