// `npm install` on Linux leaves the other platforms' builds of @tauri-apps/cli out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds them back as
// optional entries that npm skips on a platform they do not match, each with the tarball URL and
// integrity the registry states for that exact version (`npm view <name>@<version> dist`), so
// `npm ci` on macOS or Windows fetches and verifies the native CLI like any locked package.
// Run after `npm install` changes the lock.
import { execFileSync } from 'node:child_process';
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
let pinned = 0;
for (const [name, version] of Object.entries(cli.optionalDependencies ?? {})) {
  const entry = lock.packages[`node_modules/${name}`];
  if (entry.integrity && entry.resolved) continue;
  const dist = JSON.parse(execFileSync('npm', ['view', `${name}@${version}`, 'dist', '--json'], { encoding: 'utf8' }));
  if (!dist.tarball || !dist.integrity)
    throw new Error(`the registry states no tarball and integrity for ${name}@${version}`);
  // `resolved` and `integrity` right after `version`, where npm writes them.
  const { version: v, ...rest } = entry;
  lock.packages[`node_modules/${name}`] = { version: v, resolved: dist.tarball, integrity: dist.integrity, ...rest };
  pinned++;
}
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} platform entries, pinned ${pinned} to their tarball and integrity`);
