// Two builds' --bench reports side by side (scripts/bench-isolation.sh): each figure's median
// over the runs of each build and the factor between them (second ÷ first, in the figure's
// unit: for a time above 1 is slower, for a rate above 1 is faster). Each side's `pattern`
// and `transport` are read from its reports, not assumed.
//   node scripts/compare-builds.mjs A1.json A2.json … -- B1.json B2.json …
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const split = args.indexOf('--');
if (split < 1 || split === args.length - 1) {
  console.error('usage: node scripts/compare-builds.mjs A.json … -- B.json …');
  process.exit(2);
}
const read = (files) => files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
const [first, second] = [read(args.slice(0, split)), read(args.slice(split + 1))];

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** id → { label, unit, median value } over the reports. */
function medians(reports) {
  const values = new Map();
  for (const report of reports)
    for (const f of report.results.figures) {
      const entry = values.get(f.id) ?? { label: f.label, unit: f.unit, values: [] };
      entry.values.push(f.value);
      values.set(f.id, entry);
    }
  return new Map([...values].map(([id, e]) => [id, { ...e, value: median(e.values) }]));
}
const side = (reports) =>
  [...new Set(reports.map((r) => `${r.pattern ?? 'brownfield'} pattern, ${r.transport}`))].join(' / ');
const number = (value) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

const [a, b] = [medians(first), medians(second)];
console.log(`first:  ${side(first)}, ${first.length} runs`);
console.log(`second: ${side(second)}, ${second.length} runs\n`);
console.log('| figure | first | second | second ÷ first |');
console.log('| --- | --- | --- | --- |');
for (const [id, x] of a) {
  const y = b.get(id);
  if (!y || !(x.value > 0)) continue;
  console.log(
    `| ${x.label} | ${number(x.value)} ${x.unit} | ${number(y.value)} ${y.unit} | ${(y.value / x.value).toFixed(2)}× |`,
  );
}
