// Prints a --bench report (see src/bench/report.ts) as a table: each figure, its floor, the
// ratio with its range over the repetitions, and its target's verdict (met, MISSED, or within
// noise when the target lies inside the range). Exits 1 when the run did not complete or the
// report is not a valid one (no figures, or a figure without a finite value).
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { figures = [], environment = {} } = report.results ?? {};
const number = (value) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

console.log(
  `IPC Lab ${report.app?.version} · tauri ${report.tauri} · ${report.os}/${report.arch} · ${report.profile}` +
    ` · ${report.transport ?? '?'} · ${report.pattern ?? 'brownfield'} pattern`,
);
console.log(`webview: ${environment.webview ?? '?'}${report.quick ? ' · quick run' : ''}\n`);
const rows = figures.map((f) => [
  f.label,
  `${number(f.value)} ${f.unit}`,
  f.floor ? `${number(f.floor.value)} ${f.unit} (${f.floor.label})` : '',
  f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×`,
  f.range ? `${f.range[0].toFixed(2)}–${f.range[1].toFixed(2)}×` : '',
  f.target ? `${f.target.op} ${f.target.ratio}× ${f.verdict === 'missed' ? 'MISSED' : f.verdict}` : '',
]);
const header = ['figure', 'value', 'floor', 'ratio', 'range', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
rows.forEach((r) => console.log(line(r)));
console.log(`\n${report.passed ? 'passed' : 'FAILED'}: ${figures.length} figures`);
const invalid = figures.filter(
  (f) => !f.id || !f.unit || !Number.isFinite(f.value) || (f.floor && !Number.isFinite(f.floor.value)),
);
if (invalid.length) console.log(`invalid figures: ${invalid.map((f) => f.id ?? '?').join(', ')}`);
if (!report.passed || !figures.length || invalid.length) process.exit(1);
