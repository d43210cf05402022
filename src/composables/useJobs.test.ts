import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { fakeJobs, jobInfo } from '../testing/fakeJobs';
import { isNewer, TICK_MS, useJobs } from './useJobs';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

function mountJobs() {
  const scope = effectScope();
  const jobs = scope.run(() => useJobs())!;
  return { ...jobs, scope };
}

const states = (rows: { id: number; state: string }[]) => rows.map((r) => [r.id, r.state]);
const DIGEST = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('useJobs', () => {
  it('listens for job-update first, then loads the list, newest first', async () => {
    const rust = fakeJobs({
      list: [jobInfo({ id: 2, state: 'running' }), jobInfo({ id: 1, state: 'finished', digest: DIGEST })],
    });
    const j = mountJobs();
    await j.ready;
    expect(states(j.jobs.value)).toEqual([
      [2, 'running'],
      [1, 'finished'],
    ]);
    expect(rust.calls.map((c) => c.cmd)).toEqual(['plugin:event|listen', 'list_jobs']);
    expect(rust.calls[0].args).toMatchObject({ event: 'job-update', target: { kind: 'Any' } });
    j.scope.stop();
  });

  it('asks for the list only once the listener is registered, so no update falls between', async () => {
    const calls: string[] = [];
    let registered: (id: number) => void = () => {};
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'plugin:event|listen') return new Promise<number>((resolve) => (registered = resolve));
      return cmd === 'list_jobs' ? [jobInfo({ id: 1 })] : null;
    });
    const j = mountJobs();
    await flushPromises();
    expect(calls).toEqual(['plugin:event|listen']);
    registered(11);
    await j.ready;
    expect(calls).toEqual(['plugin:event|listen', 'list_jobs']);
    expect(states(j.jobs.value)).toEqual([[1, 'queued']]);
    j.scope.stop();
  });

  it('shows a refused listener as the error, and still loads the list', async () => {
    mockIPC((cmd) => {
      if (cmd === 'plugin:event|listen') throw 'event.listen not allowed on window "main"';
      return [jobInfo({ id: 1, state: 'finished' })];
    });
    const j = mountJobs();
    await j.ready;
    expect(j.error.value).toMatchObject({ kind: 'permissionDenied' });
    expect(states(j.jobs.value)).toEqual([[1, 'finished']]);
    j.scope.stop();
  });

  it('keeps every job current from job-update, with a speed while running', async () => {
    const rust = fakeJobs();
    const j = mountJobs();
    await j.ready;
    await rust.update(jobInfo({ id: 4, state: 'queued' }));
    await rust.update(jobInfo({ id: 4, state: 'running' }));
    await rust.update(jobInfo({ id: 4, state: 'running', bytes: 0, totalBytes: 8000, totalFiles: 1 }));
    vi.advanceTimersByTime(500);
    await rust.update(jobInfo({ id: 4, state: 'running', bytes: 2000, totalBytes: 8000, totalFiles: 1 }));
    expect(j.jobs.value[0]).toMatchObject({ state: 'running', bytes: 2000, totalBytes: 8000, speed: 4000 });

    await rust.update(jobInfo({ id: 5, state: 'queued', target: '/data/b.bin' }));
    expect(states(j.jobs.value)).toEqual([
      [5, 'queued'],
      [4, 'running'],
    ]);
    await rust.update(
      jobInfo({ id: 4, state: 'finished', bytes: 8000, totalBytes: 8000, files: 1, totalFiles: 1, digest: DIGEST }),
    );
    expect(j.jobs.value[1]).toMatchObject({ state: 'finished', digest: DIGEST, speed: null });
    const failure = { kind: 'notFound', message: 'not found: /data/b.bin' } as const;
    await rust.update(jobInfo({ id: 5, state: 'failed', target: '/data/b.bin', error: failure }));
    expect(j.jobs.value[0]).toMatchObject({ state: 'failed', error: failure });
    expect(rust.commands().map((c) => c.cmd)).toEqual(['list_jobs']);
    j.scope.stop();
  });

  it('keeps an update that arrives before the list, and the list’s older news does not overwrite it', async () => {
    const rust = fakeJobs({ holdList: true });
    const j = mountJobs();
    await flushPromises(); // the listener is registered; list_jobs is still on its way
    expect(rust.calls.map((c) => c.cmd)).toEqual(['plugin:event|listen', 'list_jobs']);
    await rust.update(
      jobInfo({ id: 3, state: 'finished', bytes: 10, totalBytes: 10, files: 1, totalFiles: 1, digest: DIGEST }),
    );
    await rust.update(jobInfo({ id: 2, state: 'running', bytes: 700, totalBytes: 900, totalFiles: 1 }));
    rust.setList([
      jobInfo({ id: 3, state: 'running', bytes: 5, totalBytes: 10, totalFiles: 1 }),
      jobInfo({ id: 2, state: 'running', bytes: 300, totalBytes: 900, totalFiles: 1 }),
      jobInfo({ id: 1, state: 'cancelled' }),
    ]);
    await rust.releaseList();
    await j.ready;
    expect(j.jobs.value.map((r) => [r.id, r.state, r.bytes])).toEqual([
      [3, 'finished', 10],
      [2, 'running', 700],
      [1, 'cancelled', 0],
    ]);
    expect(j.jobs.value[0].digest).toBe(DIGEST);
    await rust.update(jobInfo({ id: 2, state: 'running', bytes: 900, totalBytes: 900, totalFiles: 1 }));
    expect(j.jobs.value[1].bytes).toBe(900);
    j.scope.stop();
  });

  it('orders news by how far the job is', () => {
    const running = jobInfo({ state: 'running', bytes: 100, totalBytes: 200, totalFiles: 1 });
    expect(isNewer(jobInfo({ state: 'cancelled' }), running)).toBe(true);
    expect(isNewer(jobInfo({ state: 'queued' }), running)).toBe(false);
    expect(isNewer({ ...running, bytes: 150 }, running)).toBe(true);
    expect(isNewer({ ...running, bytes: 50 }, running)).toBe(false);
    expect(isNewer(running, { ...running, totalBytes: 0, totalFiles: 0, bytes: 100 })).toBe(true);
    expect(isNewer(running, { ...running })).toBe(true); // the same news again changes nothing
  });

  it('adds a started job, shows a refused start as the error, and hashes a picked file', async () => {
    const rust = fakeJobs({ list: [jobInfo({ id: 1, state: 'finished' })], picked: '/picked/p.bin' });
    const j = mountJobs();
    await j.ready;
    await j.start('/data/a.bin');
    expect(states(j.jobs.value)).toEqual([
      [2, 'queued'],
      [1, 'finished'],
    ]);
    expect(j.error.value).toBeNull();

    await j.start('/outside/x');
    expect(j.error.value).toMatchObject({ kind: 'outsideScope' });
    expect(j.jobs.value).toHaveLength(2);

    await j.pickAndStart();
    expect(j.error.value).toBeNull();
    expect(j.jobs.value[0]).toMatchObject({ id: 3, target: '/picked/p.bin', state: 'queued' });
    expect(rust.commands().map((c) => [c.cmd, c.args])).toEqual([
      ['list_jobs', {}],
      ['start_hash_job', { path: '/data/a.bin' }],
      ['start_hash_job', { path: '/outside/x' }],
      ['plugin:dialog|open', { options: { multiple: false, directory: false } }],
      ['start_hash_job', { path: '/picked/p.bin' }],
    ]);
    j.scope.stop();
  });

  it('starts nothing when the pick is cancelled', async () => {
    const rust = fakeJobs();
    const j = mountJobs();
    await j.ready;
    await j.pickAndStart();
    expect(j.jobs.value).toEqual([]);
    expect(rust.commands().map((c) => c.cmd)).toEqual(['list_jobs', 'plugin:dialog|open']);
    j.scope.stop();
  });

  it('cancels with the job’s id, and shows a failed cancel', async () => {
    const rust = fakeJobs({ list: [jobInfo({ id: 7, state: 'queued' })] });
    const j = mountJobs();
    await j.ready;
    await j.cancel(7);
    expect(j.error.value).toBeNull();
    await rust.update(jobInfo({ id: 7, state: 'cancelled', endedMs: 5 }));
    expect(j.jobs.value[0]).toMatchObject({ state: 'cancelled' });
    await j.cancel(9999);
    expect(j.error.value).toMatchObject({ kind: 'notFound' });
    expect(rust.commands().slice(1)).toEqual([
      { cmd: 'cancel_job', args: { jobId: 7 } },
      { cmd: 'cancel_job', args: { jobId: 9999 } },
    ]);
    j.scope.stop();
  });

  it('lets a stalled job’s speed fall to 0', async () => {
    const rust = fakeJobs();
    const j = mountJobs();
    await j.ready;
    await rust.update(jobInfo({ id: 1, state: 'running', totalBytes: 5000, totalFiles: 1 }));
    vi.advanceTimersByTime(500);
    await rust.update(jobInfo({ id: 1, state: 'running', bytes: 1000, totalBytes: 5000, totalFiles: 1 }));
    expect(j.jobs.value[0].speed).toBe(2000);
    await vi.advanceTimersByTimeAsync(4 * TICK_MS);
    expect(j.jobs.value[0].speed).toBe(0);
    j.scope.stop();
  });

  it('unlistens when disposed, and ignores what comes after', async () => {
    const rust = fakeJobs({ list: [jobInfo({ id: 1, state: 'running' })] });
    const j = mountJobs();
    await j.ready;
    j.scope.stop();
    await flushPromises();
    const listen = rust.calls.find((c) => c.cmd === 'plugin:event|listen')!;
    const unlisten = rust.calls.filter((c) => c.cmd === 'plugin:event|unlisten');
    expect(unlisten).toEqual([
      {
        cmd: 'plugin:event|unlisten',
        args: { event: 'job-update', eventId: (listen.args as { handler: number }).handler },
      },
    ]);
    await rust.update(jobInfo({ id: 1, state: 'finished' }));
    await rust.update(jobInfo({ id: 2, state: 'queued' }));
    expect(states(j.jobs.value)).toEqual([[1, 'running']]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('unlistens when disposed before listen() has resolved, and never loads the list into it', async () => {
    const rust = fakeJobs({ list: [jobInfo({ id: 1, state: 'running' })] });
    const j = mountJobs();
    j.scope.stop();
    await j.ready;
    await flushPromises();
    expect(rust.calls.filter((c) => c.cmd.startsWith('plugin:event|')).map((c) => c.cmd)).toEqual([
      'plugin:event|listen',
      'plugin:event|unlisten',
    ]);
    expect(j.jobs.value).toEqual([]);
  });
});
