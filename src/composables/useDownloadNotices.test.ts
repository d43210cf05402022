import { afterEach, describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emitEvent, type Notification } from '../api';
import { MAX_NOTICES, noteDownloadFailed, useDownloadNotices, wantsNotice } from './useDownloadNotices';

const http = { kind: 'http', message: 'HTTP error: HTTP 404 Not Found' } as const;

/** The notices in a scope of their own, with the preference Rust answers (or a failure). */
async function mountNotices(notification: Notification | 'unreadable') {
  const calls: string[] = [];
  mockIPC(
    (cmd) => {
      calls.push(cmd);
      if (cmd !== 'preferences') throw new Error(`unexpected ${cmd}`);
      if (notification === 'unreadable') throw 'preferences not allowed on window "main"';
      return { notification };
    },
    { shouldMockEvents: true },
  );
  const scope = effectScope();
  const notices = scope.run(() => useDownloadNotices())!;
  await flushPromises();
  const result = { ...notices, scope, calls };
  mounted = result;
  return result;
}

let mounted: Awaited<ReturnType<typeof mountNotices>> | undefined;
afterEach(() => {
  // The notices are the app's, not the scope's: clear them for the next test.
  mounted?.notices.value.forEach((notice) => mounted?.dismiss(notice.id));
  mounted?.scope.stop();
  clearMocks();
});

describe('download notices', () => {
  it('follow the notification preference', () => {
    expect(wantsNotice('all', true)).toBe(true);
    expect(wantsNotice('all', false)).toBe(true);
    expect(wantsNotice('errors', true)).toBe(false);
    expect(wantsNotice('errors', false)).toBe(true);
    expect(wantsNotice('none', true)).toBe(false);
    expect(wantsNotice('none', false)).toBe(false);
  });

  it('show a finished download (download-finished) and a failed one, newest first, and can be dismissed', async () => {
    const n = await mountNotices('all');
    await emitEvent('downloadFinished', 'https://example.com/a.bin');
    await noteDownloadFailed('https://example.com/b.bin', http);
    await flushPromises();
    expect(n.notices.value.map((x) => [x.ok, x.text])).toEqual([
      [false, 'Download failed: https://example.com/b.bin (http: HTTP error: HTTP 404 Not Found)'],
      [true, 'Downloaded https://example.com/a.bin'],
    ]);
    expect(n.calls).toEqual(['preferences', 'preferences']);
    n.dismiss(n.notices.value[0].id);
    expect(n.notices.value.map((x) => x.ok)).toEqual([true]);
  });

  it.each([
    ['errors', [false]],
    ['none', []],
  ] as const)('with %s, show %j of a finish and a failure', async (notification, shown) => {
    const n = await mountNotices(notification);
    await emitEvent('downloadFinished', 'https://example.com/a.bin');
    await noteDownloadFailed('https://example.com/b.bin', http);
    await flushPromises();
    expect(n.notices.value.map((x) => x.ok)).toEqual(shown);
    expect(n.calls).toEqual(['preferences', 'preferences']);
  });

  it('keep the newest few, show one when the preference cannot be read, and stop hearing with the scope', async () => {
    const n = await mountNotices('unreadable');
    for (let i = 0; i < MAX_NOTICES + 2; i++) await emitEvent('downloadFinished', `https://example.com/${i}`);
    await flushPromises();
    expect(n.notices.value.map((x) => x.text)).toEqual(
      Array.from({ length: MAX_NOTICES }, (_, i) => `Downloaded https://example.com/${MAX_NOTICES + 1 - i}`),
    );
    n.scope.stop();
    await emitEvent('downloadFinished', 'https://example.com/late');
    await flushPromises();
    expect(n.notices.value).toHaveLength(MAX_NOTICES);
  });
});
