// Prints compare-template.sh's table (markdown) from its measurement lines on stdin:
//   node scripts/print-template-comparison.mjs OURS_BIN TEMPLATE_BIN OURS_DEB TEMPLATE_DEB < lines
// Lines are "<measure> <app> <value>" (first/returning cold starts in ms, memory in MiB) and one
// "invoke both <json>" from compare-invoke.mjs. A ratio is this app's median over the template's;
// its range is the middle half (p25–p75) of the ratios of the runs taken side by side. Verdicts
// follow the bench's rule (`row` below): a target inside the range is "within noise".
import { readFileSync, statSync } from 'node:fs';

const [oursBin, tmplBin, oursDeb, tmplDeb] = process.argv.slice(2);
const lines = readFileSync(0, 'utf8').trim().split('\n');
const values = (measure, app) =>
  lines.filter((l) => l.startsWith(`${measure} ${app} `)).map((l) => Number(l.split(' ')[2]));
const sessions = (kind) => {
  const line = lines.find((l) => l.startsWith(`invoke ${kind} `));
  return line ? JSON.parse(line.slice(`invoke ${kind} `.length)).rounds : [];
};
const invoke = sessions('both');
const pinned = sessions('pinned');

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  return s[Math.floor(at)] + (s[Math.ceil(at)] - s[Math.floor(at)]) * (at - Math.floor(at));
};
const median = (xs) => quantile(xs, 0.5);
const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;

/**
 * A table row: `ours` against `tmpl` (already reduced to one number each), with the range of
 * the ratio when there is one. The verdict is the bench's rule (src/bench/report.ts,
 * makeFigure): met or MISSED when the whole range is on one side of the target, within noise
 * when the target falls inside it; without a range, the ratio alone decides.
 */
function row(what, ours, tmpl, text, { range = null, target = null, lowerIsBetter = true } = {}) {
  const ratio = ours / tmpl;
  let verdict = '';
  if (target !== null) {
    const meets = (r) => (lowerIsBetter ? r <= target : r >= target);
    const [low, high] = range ?? [ratio, ratio];
    const word = meets(low) && meets(high) ? 'met' : meets(low) || meets(high) ? 'within noise' : 'MISSED';
    verdict = `${lowerIsBetter ? '≤' : '≥'} ${target}× ${word}`;
  }
  return [what, text(ours), text(tmpl), ratio, range, verdict];
}

const unitText = (unit) => (x) => `${x < 100 ? x.toFixed(1) : x.toFixed(0)} ${unit}`;

/** Medians of paired samples (ours[i] was taken beside template[i]); the range is the middle
 * half of the pairs' ratios. */
function paired(what, ours, tmpl, unit, target, lowerIsBetter = true) {
  const ratios = ours.map((o, i) => o / tmpl[i]);
  const range = [quantile(ratios, 0.25), quantile(ratios, 0.75)];
  return row(what, median(ours), median(tmpl), unitText(unit), { range, target, lowerIsBetter });
}

/** The best sample of each side (the lowest cost, or the highest rate). Best against best only. */
function best(what, ours, tmpl, unit, target, lowerIsBetter = true) {
  const pick = (xs) => (lowerIsBetter ? Math.min(...xs) : Math.max(...xs));
  return row(what, pick(ours), pick(tmpl), unitText(unit), { target, lowerIsBetter });
}

const size = (what, ours, tmpl, target) => row(what, statSync(ours).size, statSync(tmpl).size, mib, { target });

/** The two call rows of a set of greet sessions (compare-invoke.mjs), `how` they ran. */
function callRows(sessions, how) {
  const [o, t] = ['ours', 'template'].map((app) => sessions.filter((r) => r.app === app));
  const of = (key, side) => side.map((r) => r[key]);
  return [
    paired(
      `greet, one call at a time${how} (µs per call, median of ${o.length} sessions)`,
      of('perCallUs', o),
      of('perCallUs', t),
      'µs',
      1.0,
    ),
    paired(
      `greet, 64 calls in flight${how} (calls/s, median of ${o.length} sessions)`,
      of('inFlightPerS', o),
      of('inFlightPerS', t),
      '/s',
      1.0,
      false,
    ),
  ];
}

const oursCalls = invoke.filter((r) => r.app === 'ours');
const tmplCalls = invoke.filter((r) => r.app === 'template');
const firstOurs = values('first', 'ours');
const rows = [
  size('stripped binary', oursBin, tmplBin, 2),
  size('.deb', oursDeb, tmplDeb, null),
  paired(
    `cold start to first invoke, first run (median of ${firstOurs.length})`,
    firstOurs,
    values('first', 'template'),
    'ms',
    1.1,
  ),
  paired(
    `cold start to first invoke, returning user (median of ${values('returning', 'ours').length})`,
    values('returning', 'ours'),
    values('returning', 'template'),
    'ms',
    1.1,
  ),
  paired(
    'idle memory, PSS of app + WebKit processes',
    values('memory', 'ours'),
    values('memory', 'template'),
    'MiB',
    1.15,
  ),
  ...callRows(invoke, ''),
  // Some sessions of either app run slower throughout: the scheduler spread their threads over
  // both CPUs, and every wake-up across them costs (WebKit's IPC threads in the kernel; gone
  // when pinned to one CPU, see compare-invoke.mjs). The best session of each, side by side, is
  // the cost when that does not happen.
  best(
    'greet, one call at a time, the best session of each',
    oursCalls.map((r) => r.perCallUs),
    tmplCalls.map((r) => r.perCallUs),
    'µs',
    1.0,
  ),
  best(
    'greet, 64 calls in flight, the best session of each',
    oursCalls.map((r) => r.inFlightPerS),
    tmplCalls.map((r) => r.inFlightPerS),
    '/s',
    1.0,
    false,
  ),
  ...(pinned.length ? callRows(pinned, ', all on one CPU') : []),
];

console.log('| measure | IPC Lab | template | ratio | range (p25–p75 of pairs) | target |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [what, a, b, ratio, range, target] of rows) {
  const spread = range ? `${range[0].toFixed(2)}–${range[1].toFixed(2)}×` : '';
  console.log(`| ${what} | ${a} | ${b} | ${ratio.toFixed(2)}× | ${spread} | ${target} |`);
}
const list = (xs) => xs.map((x) => Math.round(x)).join(' ');
console.log(`\ncold starts, first run (ms): IPC Lab ${list(firstOurs)}; template ${list(values('first', 'template'))}`);
console.log(
  `cold starts, returning (ms): IPC Lab ${list(values('returning', 'ours'))}; template ${list(values('returning', 'template'))}`,
);
console.log(
  `greet µs per call by session: IPC Lab ${list(oursCalls.map((r) => r.perCallUs))}; template ${list(tmplCalls.map((r) => r.perCallUs))}`,
);
