import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import { fakeJobs, jobInfo } from '../testing/fakeJobs';
import JobsView from './JobsView.vue';

// After-hooks run last-registered first: unmount (which unlistens) while the mocks still exist.
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});
enableAutoUnmount(afterEach);

const DIGEST = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const testId = (view: ReturnType<typeof mount>, id: string) => view.get(`[data-testid="${id}"]`);
const rows = (view: ReturnType<typeof mount>) =>
  view.findAll('[data-testid=jobs] > li').map((li) => li.attributes('data-testid'));

describe('JobsView', () => {
  it('shows the seed job’s progress from job-progress events, then done from job-done', async () => {
    const rust = fakeJobs();
    const view = mount(JobsView);
    await flushPromises();
    const progress = view.get<HTMLProgressElement>('[data-testid=seed-job-progress]');
    expect([progress.element.value, progress.element.max]).toEqual([0, 100]);
    expect(view.find('[data-testid=seed-job-value]').exists()).toBe(false);

    await testId(view, 'seed-job-start').trigger('click');
    await flushPromises();
    expect(rust.commands()).toContainEqual({ cmd: 'start_job', args: {} });
    for (const percent of [1, 2, 57]) await rust.seedProgress(percent);
    expect(progress.element.value).toBe(57);
    expect(testId(view, 'seed-job-value').text()).toBe('57');
    expect(view.find('[data-testid=seed-job-done]').exists()).toBe(false);

    await rust.seedProgress(100);
    await rust.seedDone();
    expect(progress.element.value).toBe(100);
    expect(testId(view, 'seed-job-value').text()).toBe('100');
    expect(testId(view, 'seed-job-done').text()).toBe('done');
    const listens = rust.calls
      .filter((c) => c.cmd === 'plugin:event|listen')
      .map((c) => (c.args as { event: string }).event);
    expect(listens).toEqual(expect.arrayContaining(['job-progress', 'job-done', 'job-update']));
  });

  it('shows busy when the seed job is started while it runs', async () => {
    const rust = fakeJobs();
    const view = mount(JobsView);
    await flushPromises();
    await testId(view, 'seed-job-start').trigger('click');
    await flushPromises();
    await rust.seedProgress(10);
    await testId(view, 'seed-job-start').trigger('click');
    await flushPromises();
    expect(testId(view, 'error-kind').text()).toBe('busy');
    expect(rust.commands().filter((c) => c.cmd === 'start_job')).toHaveLength(2);
  });

  it('lists the jobs Rust knows on mount, newest first, with their state', async () => {
    const failed = { kind: 'notFound', message: 'not found: /data/gone' } as const;
    const rust = fakeJobs({
      list: [
        jobInfo({ id: 3, state: 'queued', target: '/data/c.bin' }),
        jobInfo({ id: 2, state: 'failed', target: '/data/gone', error: failed }),
        jobInfo({ id: 1, state: 'finished', bytes: 3, totalBytes: 3, files: 1, totalFiles: 1, digest: DIGEST }),
      ],
    });
    const view = mount(JobsView);
    await flushPromises();
    expect(rust.commands()).toHaveLength(2);
    expect(rust.commands()).toEqual(
      expect.arrayContaining([
        { cmd: 'list_jobs', args: {} },
        { cmd: 'scope_folders', args: {} },
      ]),
    );
    expect(rows(view)).toEqual(['job-3', 'job-2', 'job-1']);
    expect(testId(view, 'job-state-3').text()).toBe('queued');
    expect(testId(view, 'job-progress-3').attributes('value')).toBeUndefined(); // indeterminate
    expect(testId(view, 'job-bytes-3').text()).toBe('0 B');
    expect(testId(view, 'job-cancel-3').attributes('aria-label')).toBe('Cancel hashing /data/c.bin');
    expect(testId(view, 'job-2').get('[data-testid=error-kind]').text()).toBe('notFound');
    expect(view.find('[data-testid=job-cancel-2]').exists()).toBe(false);
    expect(testId(view, 'job-digest-1').text()).toBe(DIGEST);
    expect(testId(view, 'job-digest-1').element.tagName).toBe('CODE');
    expect(testId(view, 'job-bytes-1').text()).toBe('3 B / 3 B');
    expect(testId(view, 'job-kind-1').text()).toBe('file');
  });

  it('starts a hash job from the path and follows its progress and speed to the digest', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const rust = fakeJobs();
    const view = mount(JobsView);
    await flushPromises();
    await testId(view, 'hash-path').setValue('/data/a.bin');
    await testId(view, 'hash-start').trigger('submit');
    await flushPromises();
    expect(rust.commands()).toContainEqual({ cmd: 'start_hash_job', args: { path: '/data/a.bin' } });
    expect(rows(view)).toEqual(['job-1']);
    expect(testId(view, 'job-1').find('.name').text()).toBe('/data/a.bin');
    expect(testId(view, 'job-state-1').text()).toBe('queued');

    await rust.update(jobInfo({ id: 1, state: 'running' }));
    vi.advanceTimersByTime(500);
    await rust.update(jobInfo({ id: 1, state: 'running', bytes: 1024, totalBytes: 4096, totalFiles: 1 }));
    expect(testId(view, 'job-speed-1').text()).toBe('2.0 KiB/s');
    const progress = view.get<HTMLProgressElement>('[data-testid=job-progress-1]');
    expect([progress.element.value, progress.element.max]).toEqual([1024, 4096]);
    expect(progress.attributes('aria-label')).toBe('SHA-256 of /data/a.bin');
    expect(testId(view, 'job-bytes-1').text()).toBe('1.0 KiB / 4.0 KiB');
    expect(testId(view, 'job-state-1').text()).toBe('running');
    expect(view.find('[data-testid=job-digest-1]').exists()).toBe(false);

    await rust.update(
      jobInfo({ id: 1, state: 'finished', bytes: 4096, totalBytes: 4096, files: 1, totalFiles: 1, digest: DIGEST }),
    );
    expect(testId(view, 'job-state-1').text()).toBe('finished');
    expect(testId(view, 'job-digest-1').text()).toBe(DIGEST);
    expect(progress.element.value).toBe(4096);
    expect(view.find('[data-testid=job-cancel-1]').exists()).toBe(false);
    expect(view.find('[data-testid=job-speed-1]').exists()).toBe(false);
  });

  it('shows a refused path as the typed error, with no job', async () => {
    const rust = fakeJobs();
    const view = mount(JobsView);
    await flushPromises();
    await testId(view, 'hash-path').setValue('/outside/secret');
    await testId(view, 'hash-start').trigger('submit');
    await flushPromises();
    expect(testId(view, 'error-kind').text()).toBe('outsideScope');
    expect(rows(view)).toEqual([]);
    expect(
      rust
        .commands()
        .map((c) => c.cmd)
        .sort(),
    ).toEqual(['list_jobs', 'scope_folders', 'start_hash_job']);
  });

  it('cancels with the job’s id', async () => {
    const rust = fakeJobs({ list: [jobInfo({ id: 5, state: 'running', target: '/data/big.iso' })] });
    const view = mount(JobsView);
    await flushPromises();
    await testId(view, 'job-cancel-5').trigger('click');
    await flushPromises();
    expect(rust.commands().at(-1)).toEqual({ cmd: 'cancel_job', args: { jobId: 5 } });
    await rust.update(jobInfo({ id: 5, state: 'cancelled', target: '/data/big.iso' }));
    expect(testId(view, 'job-state-5').text()).toBe('cancelled');
    expect(view.find('[data-testid=job-cancel-5]').exists()).toBe(false);
    expect(testId(view, 'job-5').find('[data-testid=error]').exists()).toBe(false);
  });

  it('offers one button per readable folder from scope_folders, and hashes a folder with its file count', async () => {
    const folders = [
      { path: '/data/files', removable: false },
      { path: '/home/me/notes', removable: true },
    ];
    const rust = fakeJobs({ folders });
    const view = mount(JobsView);
    await flushPromises();
    expect(testId(view, 'hash-folder-0').text()).toBe('Hash /data/files');
    expect(testId(view, 'hash-folder-1').text()).toBe('Hash /home/me/notes');
    expect(view.find('[data-testid=hash-folder-2]').exists()).toBe(false);

    await testId(view, 'hash-folder-1').trigger('click');
    await flushPromises();
    expect(rust.commands().at(-1)).toEqual({ cmd: 'start_hash_job', args: { path: '/home/me/notes' } });
    expect(testId(view, 'job-kind-1').text()).toBe('folder');
    expect(view.find('[data-testid=job-files-1]').exists()).toBe(false); // not counted yet
    await rust.update(
      jobInfo({
        id: 1,
        kind: 'hashFolder',
        target: '/home/me/notes',
        state: 'running',
        bytes: 100,
        totalBytes: 300,
        files: 1,
        totalFiles: 3,
      }),
    );
    expect(testId(view, 'job-files-1').text()).toBe('files 1 / 3');
    expect(testId(view, 'job-bytes-1').text()).toBe('100 B / 300 B');
  });

  it('hashes a picked file', async () => {
    const rust = fakeJobs({ picked: '/home/me/photo.jpg' });
    const view = mount(JobsView);
    await flushPromises();
    await testId(view, 'hash-pick-file').trigger('click');
    await flushPromises();
    expect(
      rust
        .commands()
        .slice(-2)
        .map((c) => c.cmd),
    ).toEqual(['plugin:dialog|open', 'start_hash_job']);
    expect(rust.commands().at(-1)!.args).toEqual({ path: '/home/me/photo.jpg' });
    expect(testId(view, 'job-1').find('.name').text()).toBe('/home/me/photo.jpg');
  });

  it('says at most 2 jobs run at once and jobs survive a reload', async () => {
    fakeJobs();
    const view = mount(JobsView);
    await flushPromises();
    expect(testId(view, 'jobs-hint').text()).toMatch(/At most 2 jobs run at once.*keep running when the page reloads/);
  });

  it('unlistens from every event when it goes away', async () => {
    const rust = fakeJobs();
    const view = mount(JobsView);
    await flushPromises();
    view.unmount();
    await flushPromises();
    const listened = rust.calls
      .filter((c) => c.cmd === 'plugin:event|listen')
      .map((c) => (c.args as { handler: number }).handler);
    const unlistened = rust.calls
      .filter((c) => c.cmd === 'plugin:event|unlisten')
      .map((c) => (c.args as { eventId: number }).eventId);
    expect(listened).toHaveLength(3);
    expect(unlistened.sort()).toEqual(listened.sort());
  });
});
