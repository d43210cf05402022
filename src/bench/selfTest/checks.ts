// What a self-test is made of: suites of named checks, each passed or failed with what was seen
// instead. A check is an async function that throws to fail — `ensure` states what must hold —
// and a suite reports each check's name as it starts, for the progress line.
import { isIpcError } from '../../api';

export interface CheckResult {
  name: string;
  passed: boolean;
  /** What was seen instead (failed checks only). */
  detail?: string;
}

export const SUITE_TITLES = {
  seeds: 'Seed conformance',
  channel: 'Channel torture',
  hygiene: 'Listener hygiene',
  earlyEvents: 'Early events',
} as const;
export type SuiteId = keyof typeof SUITE_TITLES;

export interface SuiteResult {
  id: SuiteId;
  title: string;
  checks: CheckResult[];
}

/** Told the name of each check as it starts. */
export type OnCheck = (name: string) => void;

/** A failed expectation: its message is the check's detail. */
export class CheckFailed extends Error {}

/** Fails the check with `detail` unless `condition` holds. */
export function ensure(condition: unknown, detail: string): asserts condition {
  if (!condition) throw new CheckFailed(detail);
}

/** Any value as a short text: an IPC error as `kind: message`, the rest as JSON. */
export function describe(value: unknown): string {
  if (isIpcError(value)) return `${value.kind}: ${value.message}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof ArrayBuffer) return `an ArrayBuffer of ${value.byteLength} bytes`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Runs one check: passed unless `fn` throws; a throw that is not a CheckFailed is shown as such. */
export async function runCheck(name: string, fn: () => unknown): Promise<CheckResult> {
  try {
    await fn();
    return { name, passed: true };
  } catch (reason) {
    const detail = reason instanceof CheckFailed ? reason.message : `threw ${describe(reason)}`;
    return { name, passed: false, detail };
  }
}

/** Suite `id`'s checks, run in order as they are added, each announced to `onCheck`. */
export function suiteOf(id: SuiteId, onCheck?: OnCheck) {
  const checks: CheckResult[] = [];
  return {
    checks,
    check: async (name: string, fn: () => unknown) => {
      onCheck?.(name);
      checks.push(await runCheck(name, fn));
    },
    result: (): SuiteResult => ({ id, title: SUITE_TITLES[id], checks }),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves true once `condition()` holds (polled every `everyMs`), false after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 20,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/**
 * How many checks each suite runs. A run passes only with all of them: a suite that stopped
 * early, or never ran, fails it (a report of 0 checks, 0 failed, is no pass).
 */
export const EXPECTED_CHECKS: Readonly<Record<SuiteId, number>> = { seeds: 22, channel: 6, hygiene: 5, earlyEvents: 3 };

export interface SelfTestSummary {
  checks: number;
  passed: number;
  failed: number;
  /** How many checks a whole run has. */
  expected: number;
  /** Each suite that ran other than its expected number of checks: "Channel torture: 4 of 6 checks". */
  incomplete: string[];
}

export function summarize(
  suites: readonly SuiteResult[],
  expected: Readonly<Record<SuiteId, number>> = EXPECTED_CHECKS,
): SelfTestSummary {
  const all = suites.flatMap((suite) => suite.checks);
  const passed = all.filter((check) => check.passed).length;
  const incomplete = (Object.keys(expected) as SuiteId[]).flatMap((id) => {
    const ran = suites.filter((suite) => suite.id === id).reduce((sum, suite) => sum + suite.checks.length, 0);
    return ran === expected[id] ? [] : [`${SUITE_TITLES[id]}: ${ran} of ${expected[id]} checks`];
  });
  const total = Object.values(expected).reduce((sum, n) => sum + n, 0);
  return { checks: all.length, passed, failed: all.length - passed, expected: total, incomplete };
}

/** The run passed: every expected check ran, and passed. */
export const summaryPassed = (summary: SelfTestSummary) =>
  summary.failed === 0 &&
  summary.incomplete.length === 0 &&
  summary.checks === summary.expected &&
  summary.passed === summary.expected;
