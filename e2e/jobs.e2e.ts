// Jobs in the real webview: the seed's start_job progress reaches the Jobs view, and a hash
// job over a real file ends with the file's SHA-256.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { byTestId, inPage, launchApp, openView, typeInto, waitForText } from './app';

let driver: WebDriver;
const folder = join(inject('appDataDir'), 'files', 'jobs');

beforeAll(async () => {
  driver = await launchApp();
  mkdirSync(folder, { recursive: true });
});

afterAll(async () => {
  await driver?.quit();
});

describe('Jobs view', () => {
  it("shows the seed job's progress from job-progress events, then job-done", async () => {
    await openView(driver, 'jobs');
    await driver.findElement(byTestId('seed-job-start')).click();
    await waitForText(driver, 'seed-job-value', '100');
    await driver.findElement(byTestId('seed-job-done'));
    const progress = await driver.findElement(byTestId('seed-job-progress'));
    expect(await progress.getAttribute('value')).toBe('100');
  });

  it('hashes a real file and shows its SHA-256', async () => {
    const bytes = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 31) & 0xff));
    const path = join(folder, 'data.bin');
    writeFileSync(path, bytes);
    await openView(driver, 'jobs');
    await typeInto(driver, 'hash-path', path);
    await driver.findElement(byTestId('hash-start')).click();
    const [job] = await inPage<{ id: number }[]>(
      driver,
      `const deadline = Date.now() + 10000;
       for (;;) {
         const jobs = (await invoke('list_jobs')).filter((j) => j.target === args[0]);
         if (jobs.length || Date.now() > deadline) return jobs;
         await new Promise((r) => setTimeout(r, 20));
       }`,
      path,
    );
    await waitForText(driver, `job-state-${job.id}`, 'finished');
    const digest = createHash('sha256').update(bytes).digest('hex');
    await waitForText(driver, `job-digest-${job.id}`, digest);
  });
});
