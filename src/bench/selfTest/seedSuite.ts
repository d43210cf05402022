// Seed conformance: every JavaScript snippet of the seeds (src/api/seeds.ts, verbatim) against
// the live app, checked for what its seed says it does, through what it answers and what it
// logs (console.log and console.error are watched while it runs, and a little after, for what
// arrives late); then the JS forms of DESIGN §1's table that no seed spells out in JavaScript,
// through src/api. The seed's own download URL (https://example.com/file) is inside the main
// window's URL scope; there is no network here, so the check is the typed failure and the
// channel's one terminal `failed` (a real download ends `finished` instead, which passes too);
// a URL the scope refuses is refused with `outsideScope` before any request.
import {
  SEEDS,
  currentWindowLabel,
  download,
  emitEvent,
  emitEventTo,
  isIpcError,
  listenEvent,
  loadImage,
  login,
  logout,
  myCustomCommandSnake,
  onceEvent,
  rawHandler,
  readFileBytes,
  runMode,
  rustListenerCount,
  uploadFile,
  withContext,
  type ErrorKind,
  type SeedName,
} from '../../api';
import { patternBytes } from '../payloads';
import { CheckFailed, describe, ensure, suiteOf, waitUntil, type OnCheck, type SuiteResult } from './checks';

/** What a seed snippet did: its value or what it threw, and what it logged. */
export interface Seen {
  value?: unknown;
  thrown?: unknown;
  threw: boolean;
  logs: unknown[][];
  errors: unknown[][];
}

const newSeen = (): Seen => ({ threw: false, logs: [], errors: [] });

/** How long to keep watching the console after a snippet returned, for what arrives late. */
export const LATE_MS = 3000;

/**
 * Runs seed `name` with the console watched (and still written to), into `seen`; keeps
 * watching after it returned until `until(seen)` holds, at most `lateMs`.
 */
export async function runSeed(
  name: SeedName,
  until: (seen: Seen) => boolean = () => true,
  lateMs = LATE_MS,
  seen = newSeen(),
): Promise<Seen> {
  const { log, error } = console;
  console.log = (...args: unknown[]) => {
    seen.logs.push(args);
    log.apply(console, args);
  };
  console.error = (...args: unknown[]) => {
    seen.errors.push(args);
    error.apply(console, args);
  };
  try {
    seen.value = await SEEDS[name]();
  } catch (reason) {
    seen.threw = true;
    seen.thrown = reason;
  }
  try {
    await waitUntil(() => until(seen), lateMs);
  } finally {
    console.log = log;
    console.error = error;
  }
  return seen;
}

/** The snippet did not throw and answered `expected`. */
export function answered(seen: Seen, expected: unknown) {
  ensure(!seen.threw, `threw ${describe(seen.thrown)}`);
  ensure(seen.value === expected, `answered ${describe(seen.value)}, not ${describe(expected)}`);
}

/** The snippet logged exactly one console.error: an IPC error of one of `kinds`. */
export function loggedIpcError(seen: Seen, kinds: ErrorKind[], message?: RegExp) {
  ensure(!seen.threw, `threw ${describe(seen.thrown)}`);
  ensure(seen.errors.length === 1, `logged ${seen.errors.length} errors: ${describe(seen.errors)}`);
  const [error] = seen.errors[0];
  ensure(
    isIpcError(error) && kinds.includes(error.kind),
    `logged ${describe(error)}; expected kind ${kinds.join(' or ')}`,
  );
  ensure(!message || message.test(error.message), `logged ${describe(error)}`);
}

/** The console.log lines (arguments joined by a space) that start with `prefix`. */
export const lines = (seen: Seen, prefix: string) =>
  seen.logs.map((args) => args.map(String).join(' ')).filter((line) => line.startsWith(prefix));

/** `actual` is exactly `expected`, in order. */
export function ensureLines(actual: string[], expected: string[]) {
  const at = expected.findIndex((line, i) => actual[i] !== line);
  ensure(at < 0, `line ${at} is ${describe(actual[at])}, not ${describe(expected[at])} (of ${actual.length} lines)`);
  ensure(
    actual.length === expected.length,
    `${actual.length} lines, not ${expected.length}: then ${describe(actual[expected.length])}`,
  );
}

/** `pending` rejects with an IPC error of `kind`. */
export async function rejectsWith(pending: Promise<unknown>, kind: ErrorKind) {
  let value: unknown;
  try {
    value = await pending;
  } catch (reason) {
    ensure(isIpcError(reason) && reason.kind === kind, `rejected with ${describe(reason)}; expected kind ${kind}`);
    return;
  }
  throw new CheckFailed(`resolved with ${describe(value)}; expected a rejection of kind ${kind}`);
}

/** The seed's read of `/missing`: outside the scope, so refused without saying whether it exists. */
export async function readMissingCheck() {
  loggedIpcError(await runSeed('readMissing', (s) => s.errors.length > 0), ['outsideScope']);
}

/** How many times the app's Rust listeners for `event` ran so far (rust_listener_count). */
export async function rustHeard(event: string): Promise<number> {
  return (await rustListenerCount()).find((c) => c.event === event)?.heard ?? 0;
}

/** How long an event may take to arrive. */
export const EVENT_WAIT_MS = 5000;

/** Waits until Rust's listeners for `event` have run `times` more than `before`; fails otherwise. */
export async function ensureRustHeard(event: string, before: number, times = 1, waitMs = EVENT_WAIT_MS) {
  let now = before;
  await waitUntil(async () => (now = await rustHeard(event)) >= before + times, waitMs);
  ensure(now === before + times, `Rust's listeners for ${event} ran ${now - before} times, not ${times}`);
}

/** What the seed's `emitTo('settings', …)` sends. */
export const SEED_REQUEST = { key: 'notification', value: 'all' };
/** Sent to this window after the seed's emitTo: once it is here, the seed's would have been too. */
export const REQUEST_MARKER = { key: 'self-test', value: 'marker' };

/**
 * The seed's listen / once / emit / emitTo, and what they did: Rust's `file-selected` listener
 * heard the emit, and the emitTo reached the listeners of the settings window (what a listener
 * aimed at `settings` hears, as the settings window's own does) and not this window's — judged
 * once a marker aimed at this window, sent after it, has arrived.
 */
export async function eventApiCheck(waitMs = EVENT_WAIT_MS) {
  const here = currentWindowLabel();
  const atSettings: unknown[] = [];
  const atHere: unknown[] = [];
  const unlistens = [
    await listenEvent('settingsUpdateRequested', (p) => atSettings.push(p), { aimedAt: 'settings' }),
    await listenEvent('settingsUpdateRequested', (p) => atHere.push(p), { aimedAt: here }),
  ];
  try {
    const heardBefore = await rustHeard('file-selected');
    answered(await runSeed('eventApi'), undefined);
    await emitEventTo(here, 'settingsUpdateRequested', REQUEST_MARKER);
    await waitUntil(() => atHere.length > 0 && atSettings.length > 0, waitMs);
    ensure(describe(atSettings) === describe([SEED_REQUEST]), `aimed at settings, heard ${describe(atSettings)}`);
    ensure(describe(atHere) === describe([REQUEST_MARKER]), `aimed at ${here}, heard ${describe(atHere)}`);
    await ensureRustHeard('file-selected', heardBefore, 1, waitMs);
  } finally {
    for (const unlisten of unlistens) unlisten();
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Outside every scope: a cloud metadata address. */
export const REFUSED_URL = 'http://169.254.169.254/latest/meta-data/';
const HELLO = 'Hello from Rust!';

export async function seedSuite(onCheck?: OnCheck): Promise<SuiteResult> {
  const { check, result } = suiteOf('seeds', onCheck);

  await check('000 invoke greet → "Hello, World!"', async () => answered(await runSeed('greet'), 'Hello, World!'));
  await check('000 read_file /missing: the catch logs outsideScope', readMissingCheck);
  await check('000 stream_progress: the Channel gets 0..=100 in order', async () => {
    const seen = await runSeed('streamProgress', (s) => lines(s, 'Progress:').length >= 101);
    answered(seen, undefined);
    ensureLines(
      lines(seen, 'Progress:'),
      range(0, 100).map((n) => `Progress: ${n}%`),
    );
  });
  await check('000 listen, emit, unlisten user-logged-in: the listener hears "alice"', async () => {
    const seen = await runSeed('userLoggedIn', (s) => lines(s, 'alice').length > 0);
    answered(seen, undefined);
    ensureLines(lines(seen, 'alice'), ['alice']);
  });
  await check("000 Window('main').emit(window-specific-event) is answered with response-event", async () => {
    // The seed listens after it emits, so its own answer comes before its listener: run it
    // twice, and the first run's listener hears the answer to the second.
    const answer = (s: Seen) =>
      s.logs.some(
        ([p]) =>
          (p as { window?: string; data?: string })?.data === 'value' &&
          (p as { window?: string }).window === currentWindowLabel(),
      );
    const unlistens: unknown[] = [];
    try {
      const first = await runSeed('windowScoped', () => true, 0);
      unlistens.push(first.value);
      const second = await runSeed('windowScoped', answer);
      unlistens.push(second.value);
      ensure(!first.threw && !second.threw, `threw ${describe(first.thrown ?? second.thrown)}`);
      ensure(answer(second), `heard ${describe(second.logs)}`);
    } finally {
      for (const unlisten of unlistens) if (typeof unlisten === 'function') (unlisten as () => void)();
    }
  });
  await check('001 invoke my_custom_command → "Hello from Rust!"', async () =>
    answered(await runSeed('myCustomCommand'), HELLO),
  );
  await check('001 invoke my_custom_command { invokeMessage } → "Hello from Rust!"', async () =>
    answered(await runSeed('myCustomCommandMessage'), HELLO),
  );
  await check('001 const message = await invoke(my_custom_command) → "Hello from Rust!"', async () =>
    answered(await runSeed('myCustomCommandReturn'), HELLO),
  );
  await check('001 login with a wrong password: the catch logs "invalid credentials"', async () => {
    loggedIpcError(
      await runSeed('loginWrongPassword', (s) => s.errors.length > 0),
      ['unauthorized'],
      /invalid credentials/,
    );
  });
  await check('001 download with onEvent ends once on the channel (no network: a typed failure)', async () => {
    const events = (s: Seen) => lines(s, 'got download event');
    const ended = (s: Seen) => events(s).some((line) => /(finished|failed|cancelled)$/.test(line));
    const seen = await runSeed('downloadChannel', ended, 15_000);
    const ends = events(seen).filter((line) => /(finished|failed|cancelled)$/.test(line));
    ensure(ends.length === 1 && ends[0] === events(seen).at(-1), `the channel got ${describe(events(seen))}`);
    if (seen.threw) {
      const failure = seen.thrown;
      ensure(
        isIpcError(failure) && ['network', 'timeout', 'http'].includes(failure.kind),
        `threw ${describe(failure)}`,
      );
      ensure(ends[0] === 'got download event failed', `failed, but the channel said ${ends[0]}`);
    } else {
      ensure(ends[0] === 'got download event finished', `resolved, but the channel said ${ends[0]}`);
    }
  });
  await check(
    '001 listen + unlisten, once, emit, emitTo: Rust hears file-selected, the emitTo reaches settings alone',
    () => eventApiCheck(),
  );
  await check('002 greet → "Hello, World!", then read_file /etc/hosts: the catch logs outsideScope', async () => {
    const seen = await runSeed('greetAndReadHosts', (s) => s.errors.length > 0);
    loggedIpcError(seen, ['outsideScope']);
    answered(seen, 'Hello, World!');
  });

  // The job: its progress is what the seed logs; job-done is heard here, beside it.
  const job = { seen: newSeen(), doneAfter: null as number | null };
  const progress = (s: Seen) => lines(s, 'progress:');
  const stopDone = await onceEvent('jobDone', () => (job.doneAfter = progress(job.seen).length)).catch(() => null);
  try {
    await check('002 listen job-progress, invoke start_job: 1..=100 in order', async () => {
      await runSeed('startJob', () => job.doneAfter !== null, LATE_MS, job.seen);
      answered(job.seen, undefined);
      ensureLines(
        progress(job.seen),
        range(1, 100).map((n) => `progress: ${n}`),
      );
    });
    await check('002 start_job emits job-done after job-progress 100', () => {
      ensure(stopDone, 'could not listen to job-done');
      ensure(
        job.doneAfter === 100,
        job.doneAfter === null ? 'job-done never came' : `job-done after ${job.doneAfter} progress events`,
      );
    });
  } finally {
    stopDone?.();
  }

  // DESIGN §1: the JS forms no seed spells out.
  await check('DESIGN my_custom_command_snake { invoke_message } → "Hello from Rust!"', async () => {
    const reply = await myCustomCommandSnake('Hello!');
    ensure(reply === HELLO, `answered ${describe(reply)}`);
  });
  await check('DESIGN with_context → "Called from window: <this window>"', async () => {
    const reply = await withContext();
    ensure(reply === `Called from window: ${currentWindowLabel()}`, `answered ${describe(reply)}`);
  });
  await check("DESIGN emit frontend-event: Rust's listener hears it", async () => {
    const before = await rustHeard('frontend-event');
    await emitEvent('frontendEvent', 'from the self-test');
    await ensureRustHeard('frontend-event', before);
  });
  await check('DESIGN read_file_bytes /etc/hosts rejects outsideScope', () =>
    rejectsWith(readFileBytes('/etc/hosts'), 'outsideScope'),
  );
  await check('DESIGN load_image /etc/hosts rejects outsideScope', () =>
    rejectsWith(
      loadImage('/etc/hosts', () => {}),
      'outsideScope',
    ),
  );
  await check(
    "DESIGN raw_handler echoes the Content-Type header (the ipc: protocol's application/octet-stream, or application/json under isolation; postMessage's the caller's own)",
    async () => {
      // Over the ipc: custom protocol Tauri sets Content-Type itself from the body's kind, over
      // the caller's header; over postMessage (Android) the caller's headers arrive as given.
      // Under the isolation pattern the ipc: request is the isolation frame's encrypted message,
      // JSON: Tauri decrypts the body but leaves that request's headers. Which transport carried
      // the call and which pattern the build has, Rust says (`run_mode`).
      const { transport, pattern } = await runMode();
      const sent = 'application/x-ipc-lab';
      const reply = await rawHandler(new Uint8Array([1, 2, 3]), sent);
      const expected =
        transport === 'postMessage' ? sent : pattern === 'isolation' ? 'application/json' : 'application/octet-stream';
      ensure(
        reply === `Content-Type: Some("${expected}")`,
        `answered ${describe(reply)} over ${transport} (${pattern} pattern)`,
      );
    },
  );
  await check('DESIGN login tauri/tauri, upload 1000 raw bytes with its token, logout', async () => {
    const signedIn = await login('tauri', 'tauri');
    ensure(signedIn === 'logged_in', `login answered ${describe(signedIn)}`);
    try {
      const entry = await uploadFile('self-test.bin', patternBytes(1000));
      ensure(entry.size === 1000 && entry.name.startsWith('self-test'), `the inbox got ${describe(entry)}`);
    } finally {
      await logout();
    }
  });
  await check('DESIGN download of a URL outside the scope rejects outsideScope', () =>
    rejectsWith(download(REFUSED_URL), 'outsideScope'),
  );

  return result();
}
