// The npm registry reachable here serves only the Linux builds of @tauri-apps/cli, so
// `npm install` leaves the other platforms' optional packages out of package-lock.json, and
// `npm ci` then refuses the lock as out of sync. This adds them back as optional entries that
// npm skips on a platform they do not match. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const cli = lock.packages['node_modules/@tauri-apps/cli'];
const platform = (name) => {
  const [os, cpu, libc] = name.replace('@tauri-apps/cli-', '').split('-');
  const entry = { os: [os], cpu: [cpu] };
  if (libc === 'gnu' || libc === 'gnueabihf') entry.libc = ['glibc'];
  if (libc === 'musl') entry.libc = ['musl'];
  return entry;
};
let added = 0;
for (const [name, version] of Object.entries(cli.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  lock.packages[key] = {
    version,
    dev: true,
    license: 'Apache-2.0 OR MIT',
    optional: true,
    ...platform(name),
    engines: { node: '>= 10' },
  };
  added++;
}
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} platform entries`);
