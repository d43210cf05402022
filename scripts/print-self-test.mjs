// Prints a --self-test report (see src/composables/useSelfTest.ts): each suite's checks, with
// what was seen instead for a failed one. Exits 1 unless every check passed.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { suites = [], summary, error } = report.results ?? {};
console.log(`IPC Lab ${report.app?.version} · tauri ${report.tauri} · ${report.os}/${report.arch} · ${report.profile}`);
for (const suite of suites) {
  console.log(`\n${suite.title}`);
  for (const check of suite.checks)
    console.log(`  ${check.passed ? 'ok  ' : 'FAIL'} ${check.name}${check.detail ? ` — ${check.detail}` : ''}`);
}
if (error) console.log(`\nthe run stopped: ${error}`);
console.log(`\n${report.passed ? 'passed' : 'FAILED'}: ${summary?.passed ?? 0} of ${summary?.checks ?? 0} checks`);
if (!report.passed) process.exit(1);
