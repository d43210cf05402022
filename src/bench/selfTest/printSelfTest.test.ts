// scripts/print-self-test.mjs, run as CI runs it on a report: it passes only a report whose
// checks all ran (as many as the report expects) and passed.
// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPECTED_CHECKS, summarize, summaryPassed, SUITE_TITLES, type SuiteId, type SuiteResult } from './checks';

const dir = mkdtempSync(join(tmpdir(), 'print-self-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const passing = (id: SuiteId, n = EXPECTED_CHECKS[id]): SuiteResult => ({
  id,
  title: SUITE_TITLES[id],
  checks: Array.from({ length: n }, (_, i) => ({ name: `${id} ${i}`, passed: true })),
});
const whole = () => (Object.keys(EXPECTED_CHECKS) as SuiteId[]).map((id) => passing(id));

/** A report as finish_run writes it, from `suites` (`passed` as the app says, unless given). */
function report(suites: SuiteResult[], over: { passed?: boolean; summary?: unknown } = {}) {
  const summary = summarize(suites);
  return {
    app: { version: '0' },
    passed: over.passed ?? summaryPassed(summary),
    results: { suites, summary: over.summary ?? summary },
  };
}

let n = 0;
/** The script's exit status and last line on `content`. */
function print(content: unknown, ...args: string[]) {
  const file = join(dir, `report-${n++}.json`);
  writeFileSync(file, JSON.stringify(content));
  const run = spawnSync(process.execPath, [resolve('scripts/print-self-test.mjs'), file, ...args], {
    encoding: 'utf8',
  });
  return { status: run.status, last: run.stdout.trim().split('\n').at(-1), out: run.stdout };
}

const total = Object.values(EXPECTED_CHECKS).reduce((a, b) => a + b);

describe('print-self-test', () => {
  it('passes a whole run', () => {
    expect(print(report(whole()))).toMatchObject({
      status: 0,
      last: `passed: ${total} of ${total} checks passed (${total} expected)`,
    });
  });

  it('states the scale the run reports it ran at', () => {
    const scale = { name: 'emulator', mixed: 9000, small: 20000, tagged: 2000, mounts: 200, reloads: 5 };
    const run = print({ ...report(whole()), scale });
    expect(run.status).toBe(0);
    expect(run.out).toContain(
      'scale: emulator (9,000 mixed, 20,000 small and 2,000 tagged channel messages, 200 mounts, 5 reloads)',
    );
    expect(print(report(whole())).out).toContain('scale: not stated');
  });

  it('fails a run over another transport than the one asked for', () => {
    const overPostMessage = { ...report(whole()), transport: 'postMessage' };
    expect(print(overPostMessage, 'postMessage').status).toBe(0);
    const wrong = print(overPostMessage, 'customProtocol');
    expect(wrong.status).toBe(1);
    expect(wrong.out).toContain('the run used the postMessage transport, not customProtocol');
  });

  it('fails a report that ran nothing, though it says passed', () => {
    const empty = print(report([], { passed: true, summary: { checks: 0, passed: 0, failed: 0 } }));
    expect(empty.status).toBe(1);
    expect(empty.out).toContain('the report does not say how many checks to expect');
    const none = print(report([], { passed: true }));
    expect(none.status).toBe(1);
    expect(none.out).toContain(`only 0 of ${total} checks ran`);
  });

  it('fails a report with fewer checks than expected, every one passed, even if it says passed', () => {
    const short = print(report([passing('seeds', 3), ...whole().slice(1)], { passed: true }));
    expect(short.status).toBe(1);
    expect(short.out).toContain(`only ${total - EXPECTED_CHECKS.seeds + 3} of ${total} checks ran`);
    expect(short.out).toContain(`incomplete: Seed conformance: 3 of ${EXPECTED_CHECKS.seeds} checks`);
    expect(short.last).toMatch(/^FAILED/);
  });

  it('fails a report whose checks failed, or that the app called failed', () => {
    const suites = whole();
    suites[1].checks[0] = { name: 'x', passed: false };
    expect(print(report(suites, { passed: true })).status).toBe(1);
    expect(print(report(whole(), { passed: false })).status).toBe(1);
  });
});
