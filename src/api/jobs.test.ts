import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { jobInfo } from '../testing/fakeJobs';
import { cancelJob, listJobs, startHashJob, startJob } from './jobs';
import { AppError } from './errors';

afterEach(() => clearMocks());

const job = jobInfo({ id: 3, startedMs: 1 });

describe('job wrappers', () => {
  it('send the argument names Rust expects and resolve with the value', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'start_hash_job') return job;
      if (cmd === 'list_jobs') return [job];
      return null;
    });
    await expect(startJob()).resolves.toBeNull();
    await expect(startHashJob('/data/a.bin')).resolves.toEqual(job);
    await expect(cancelJob(3)).resolves.toBeNull();
    await expect(listJobs()).resolves.toEqual([job]);
    expect(calls).toEqual([
      { cmd: 'start_job', args: {} },
      { cmd: 'start_hash_job', args: { path: '/data/a.bin' } },
      { cmd: 'cancel_job', args: { jobId: 3 } },
      { cmd: 'list_jobs', args: {} },
    ]);
  });

  it('reject with the typed error', async () => {
    mockIPC((cmd) => {
      if (cmd === 'start_job') throw { kind: 'busy', message: 'busy: the seed job is already running' };
      if (cmd === 'cancel_job') throw { kind: 'notFound', message: 'not found: no job 9' };
      throw { kind: 'outsideScope', message: 'outside the allowed scope: /etc/passwd' };
    });
    const busy = await startJob().catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(AppError);
    expect(busy).toMatchObject({ kind: 'busy', message: 'busy: the seed job is already running' });
    await expect(startHashJob('/etc/passwd')).rejects.toMatchObject({ kind: 'outsideScope' });
    await expect(cancelJob(9)).rejects.toMatchObject({ kind: 'notFound' });
  });
});
