// Global setup: starts tauri-driver (which starts WebKitWebDriver) once for all specs, with the
// app's data and config folders in a fresh temp dir, and stops it afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_IDENTIFIER, DRIVER_PORT } from './app';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  // tauri-driver listens on DRIVER_PORT and starts WebKitWebDriver on the next port; a leftover
  // from an earlier run would serve a stale session, so refuse to start next to one.
  for (const port of [DRIVER_PORT, DRIVER_PORT + 1]) {
    if (await portOpen(port)) throw new Error(`port ${port} is in use: is another tauri-driver running?`);
  }
  const home = mkdtempSync(join(tmpdir(), 'ipc-lab-e2e-'));
  const driver = spawn('tauri-driver', ['--port', String(DRIVER_PORT), '--native-port', String(DRIVER_PORT + 1)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
    },
  });
  // What the driver and the app it starts write (the app logs to stderr) goes on to this
  // process's output as before, and to a file a spec can read (`appLog` in app.ts).
  const log = createWriteStream(join(home, 'app.log'));
  driver.stdout.on('data', (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
  driver.stderr.on('data', (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
  await waitForPort(DRIVER_PORT, driver, 20_000);
  project.provide('appDataDir', join(home, 'data', APP_IDENTIFIER));
  project.provide('appLogFile', join(home, 'app.log'));
  return () => {
    driver.kill();
    log.end();
    rmSync(home, { recursive: true, force: true });
  };
}
