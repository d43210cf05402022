// Per-call cost of the same `greet` invoke in two apps, measured the same way in each real
// webview: node scripts/compare-invoke.mjs OURS_BIN TEMPLATE_BIN [ROUNDS]
// Starts tauri-driver (WebKitWebDriver; needs a display), then for each round opens a session
// on each app in turn (the first app alternates round by round), lets the page settle, and runs
// one script in it through `__TAURI_INTERNALS__.invoke` (what `@tauri-apps/api/core` calls):
// sequential calls (µs per call) and 64 calls in flight at a time (calls per second), each as
// the median of its batches. Every answer is checked. Prints one JSON line:
// {"rounds":[{"app":"ours","perCallUs":..,"inFlightPerS":..},...]}.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, Capabilities } from 'selenium-webdriver';

const [ours, template, roundsArg] = process.argv.slice(2);
if (!ours || !template) throw new Error('usage: compare-invoke.mjs OURS_BIN TEMPLATE_BIN [ROUNDS]');
const rounds = Number(roundsArg ?? 5);
const port = Number(process.env.IPC_LAB_DRIVER_PORT ?? 4454);

// The measurement, identical in both pages. The name is the seed's; both answers start "Hello, ".
const MEASURE = `
const done = arguments[arguments.length - 1];
const invoke = window.__TAURI_INTERNALS__.invoke;
const greet = async () => {
  const answer = await invoke('greet', { name: 'bench' });
  if (typeof answer !== 'string' || !answer.startsWith('Hello, bench')) throw new Error('greet answered ' + answer);
};
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
(async () => {
  for (let i = 0; i < 300; i++) await greet();
  const perCall = [];
  for (let b = 0; b < 7; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) await greet();
    perCall.push(((performance.now() - t0) * 1000) / 300);
  }
  const inFlight = [];
  for (let b = 0; b < 7; b++) {
    const t0 = performance.now();
    for (let r = 0; r < 10; r++) await Promise.all(Array.from({ length: 64 }, greet));
    inFlight.push(640 / ((performance.now() - t0) / 1000));
  }
  return { perCallUs: median(perCall), inFlightPerS: median(inFlight) };
})().then(done, (e) => done({ thrown: String(e) }));
`;

function portOpen() {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const home = mkdtempSync(join(tmpdir(), 'ipc-lab-invoke-'));
// IPC_LAB_INVOKE_PIN=1: the driver, both apps and their WebKit processes on one CPU (taskset).
// On this 2-vCPU machine a session whose threads the scheduler spreads over both CPUs pays for
// every wake-up across them and runs at half speed throughout, in either app; pinned, none does.
const pin = process.env.IPC_LAB_INVOKE_PIN === '1';
const command = ['tauri-driver', '--port', String(port), '--native-port', String(port + 1)];
const driver = spawn(pin ? 'taskset' : command[0], pin ? ['-c', '0', ...command] : command.slice(1), {
  stdio: 'ignore',
  env: {
    ...process.env,
    XDG_DATA_HOME: join(home, 'd'),
    XDG_CONFIG_HOME: join(home, 'c'),
    XDG_CACHE_HOME: join(home, 'k'),
  },
});
try {
  for (let i = 0; !(await portOpen()); i++) {
    if (i > 200 || driver.exitCode !== null) throw new Error('tauri-driver did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const order =
      round % 2
        ? [
            ['template', template],
            ['ours', ours],
          ]
        : [
            ['ours', ours],
            ['template', template],
          ];
    for (const [app, application] of order) {
      const capabilities = new Capabilities();
      capabilities.setBrowserName('wry');
      capabilities.set('tauri:options', { application });
      const session = await new Builder()
        .withCapabilities(capabilities)
        .usingServer(`http://127.0.0.1:${port}/`)
        .build();
      try {
        await session.sleep(3000); // both pages past their start-up work (idle by 2.5 s here)
        await session.manage().setTimeouts({ script: 120_000 });
        const result = await session.executeAsyncScript(MEASURE);
        if (result.thrown) throw new Error(`${app}: ${result.thrown}`);
        results.push({ app, ...result });
        process.stderr.write(
          `round ${round + 1} ${app}: ${result.perCallUs.toFixed(0)} µs/call, ${result.inFlightPerS.toFixed(0)} calls/s with 64 in flight\n`,
        );
      } finally {
        await session.quit();
      }
    }
  }
  console.log(JSON.stringify({ rounds: results }));
} finally {
  driver.kill();
  rmSync(home, { recursive: true, force: true });
}
