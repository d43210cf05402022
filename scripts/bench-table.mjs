// Prints the README's bench table from a --bench report (see src/bench/report.ts): the figures
// named below, each with its floor, its ratio, the ratio's range over the repetitions and its
// target's verdict, as Markdown rows. `node scripts/bench-table.mjs docs/bench-report.json`.
import { readFileSync } from 'node:fs';

const ROWS = [
  'invoke.sync.p50',
  'invoke.async.p50',
  'invoke.sync.p99',
  'down.raw.1048576',
  'down.base64.1048576',
  'down.jsonArray.1048576',
  'down.raw.67108864',
  'up.raw.1048576',
  'up.raw.16777216',
  'up.raw.67108864',
  'up.base64.1048576',
  'messages.channel',
  'messages.batched',
  'messages.runCallback',
  'messages.events',
  'bulk.response',
  'bulk.invoke.65536x1',
  'bulk.channel.65536x1',
  'bulk.channel.1048576x1',
  'bulk.invoke.1048576x2',
  'bulk.invoke.4194304x2',
  'bulk.invoke.4194304x4',
  'bulk.channel.4194304x2',
  'bulk.app',
  'bulk.best',
  'json.ipc',
  'json.fetch',
  'json.eval',
];

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const figures = new Map(report.results.figures.map((f) => [f.id, f]));
const number = (value) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));
const verdict = (f) =>
  f.target
    ? `${f.target.op === '<=' ? '≤' : '≥'} ${f.target.ratio}× ${f.verdict === 'missed' ? '**missed**' : f.verdict}`
    : '';

console.log('| figure | value | floor | ratio | range | target |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const id of ROWS) {
  const f = figures.get(id);
  if (!f) continue;
  const floor = f.floor ? `${number(f.floor.value)} ${f.unit} (${f.floor.label})` : '';
  const ratio = f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×`;
  const range = f.range ? `${f.range[0].toFixed(2)}–${f.range[1].toFixed(2)}×` : '';
  console.log(`| ${f.label} | ${number(f.value)} ${f.unit} | ${floor} | ${ratio} | ${range} | ${verdict(f)} |`);
}
