// Prints a --self-test report (see src/composables/useSelfTest.ts): the IPC transport it ran
// over, the scale it ran at (how many messages, mounts and reloads), each suite's checks, with
// what was seen instead for a failed one. Exits 1 unless the run passed: the report says so, and
// its own checks agree — as many ran as the report expects (summary.expected), and every one
// passed. A report that lost suites or checks, or never says how many to expect, fails.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The verdict on a report: what ran and passed, counted from its checks, and what is wrong.
 * `transport`, when given, is the IPC transport the run must have used (as Rust read it).
 */
export function verdict(report, transport) {
  const { suites = [], summary, error } = report.results ?? {};
  const checks = suites.flatMap((suite) => suite.checks ?? []);
  const passed = checks.filter((check) => check.passed === true).length;
  const expected = Number.isInteger(summary?.expected) ? summary.expected : 0;
  const problems = [];
  if (error) problems.push(`the run stopped: ${error}`);
  if (expected <= 0) problems.push('the report does not say how many checks to expect');
  else if (checks.length < expected) problems.push(`only ${checks.length} of ${expected} checks ran`);
  for (const incomplete of summary?.incomplete ?? []) problems.push(`incomplete: ${incomplete}`);
  if (passed < checks.length) problems.push(`${checks.length - passed} checks failed`);
  if (report.passed !== true) problems.push('the app reported a failure');
  if (transport && report.transport !== transport)
    problems.push(`the run used the ${report.transport} transport, not ${transport}`);
  return { checks: checks.length, passed, expected, problems, ok: problems.length === 0 };
}

/** The scale a report states it ran at, in words. */
export function scaleLine(scale) {
  if (!scale) return 'scale: not stated';
  const n = (x) => Number(x).toLocaleString('en-US');
  return (
    `scale: ${scale.name} (${n(scale.mixed)} mixed, ${n(scale.small)} small and ${n(scale.tagged)} tagged` +
    ` channel messages, ${n(scale.mounts)} mounts, ${n(scale.reloads)} reloads)`
  );
}

function print(report, transport) {
  console.log(
    `IPC Lab ${report.app?.version} · tauri ${report.tauri} · ${report.os}/${report.arch} · ${report.profile}` +
      ` · IPC over ${report.transport}`,
  );
  console.log(scaleLine(report.scale));
  for (const suite of report.results?.suites ?? []) {
    console.log(`\n${suite.title}`);
    for (const check of suite.checks)
      console.log(`  ${check.passed ? 'ok  ' : 'FAIL'} ${check.name}${check.detail ? ` — ${check.detail}` : ''}`);
  }
  const seen = verdict(report, transport);
  if (seen.problems.length) console.log(`\n${seen.problems.join('\n')}`);
  console.log(
    `\n${seen.ok ? 'passed' : 'FAILED'}: ${seen.passed} of ${seen.checks} checks passed (${seen.expected} expected)`,
  );
  return seen.ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // node print-self-test.mjs REPORT [customProtocol|postMessage]
  if (!print(JSON.parse(readFileSync(process.argv[2], 'utf8')), process.argv[3])) process.exit(1);
}
