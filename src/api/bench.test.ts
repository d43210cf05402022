import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockConvertFileSrc, mockIPC } from '@tauri-apps/api/mocks';
import {
  TAURI_API_VERSION,
  benchBytes,
  benchCallbackReceiver,
  benchChannel,
  benchEvalReceiver,
  benchEventReceiver,
  benchJson,
  benchJsonByEval,
  benchNoop,
  benchNoopAsync,
  benchSerdeNs,
  benchUrl,
  fetchBenchBytes,
  fetchBenchJsonText,
  fetchBenchNoop,
  fetchBenchNoopAsync,
  finishRun,
  postBenchEcho,
  receiveBytes,
  runMode,
  runProgress,
  sendBytes,
  uploadBody,
  type BenchMessage,
} from './bench';
import { emitEvent } from './events';
import { AppError } from './errors';

afterEach(() => {
  clearMocks();
  vi.unstubAllGlobals();
});

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;

/** A `--bench --quick` run on the desktop, as `run_mode` answers it. */
const MODE = {
  suite: 'bench',
  quick: true,
  transport: 'customProtocol',
  pattern: 'brownfield',
  platform: 'linux',
  mobile: false,
};

function record(answer: (cmd: string, args: unknown) => unknown = () => null) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return answer(cmd, args);
  });
  return calls;
}

describe('bench commands', () => {
  it('send the argument names Rust expects', async () => {
    const calls = record((cmd) => {
      if (cmd === 'run_mode') return MODE;
      if (cmd === 'bench_json') return [{ id: 0 }];
      if (cmd === 'bench_serde') return 1234;
      return null;
    });
    await expect(runMode()).resolves.toEqual(MODE);
    await runProgress('channel');
    await runProgress('hygiene', 3);
    await finishRun({ figures: [] }, true);
    await benchNoop();
    await benchNoopAsync();
    await expect(benchJson(6500)).resolves.toEqual([{ id: 0 }]);
    await expect(benchSerdeNs(6500)).resolves.toBe(1234);
    expect(calls).toEqual([
      { cmd: 'run_mode', args: {} },
      { cmd: 'run_progress', args: { suite: 'channel', reload: null } },
      { cmd: 'run_progress', args: { suite: 'hygiene', reload: 3 } },
      { cmd: 'finish_run', args: { results: { figures: [] }, passed: true } },
      { cmd: 'bench_noop', args: {} },
      { cmd: 'bench_noop_async', args: {} },
      { cmd: 'bench_json', args: { records: 6500 } },
      { cmd: 'bench_serde', args: { records: 6500 } },
    ]);
  });

  it('reject finish_run outside a run, and a serde time that is not there, as AppError', async () => {
    mockIPC((cmd) => {
      if (cmd === 'bench_serde') return null;
      throw {
        kind: 'permissionDenied',
        message: 'permission denied: the app was not started with --bench or --self-test',
      };
    });
    await expect(finishRun({}, true)).rejects.toMatchObject({ kind: 'permissionDenied' });
    const error = await benchSerdeNs(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'internal' });
  });

  it('get bytes in each encoding and decode them to the same bytes', async () => {
    const bytes = new Uint8Array([0, 1, 250, 0]);
    const calls = record((_, args) => {
      const { encoding } = args as { encoding: string };
      if (encoding === 'raw') return bytes.slice().buffer;
      return encoding === 'base64' ? btoa(String.fromCharCode(...bytes)) : Array.from(bytes);
    });
    await expect(benchBytes(4, 'base64')).resolves.toBe('AAH6AA==');
    for (const encoding of ['jsonArray', 'base64', 'raw'] as const) {
      expect(Array.from(await receiveBytes(4, encoding))).toEqual([0, 1, 250, 0]);
    }
    await receiveBytes(4, 'raw', 250);
    expect(calls.map((c) => c.args)).toEqual([
      { size: 4, encoding: 'base64', offset: null },
      { size: 4, encoding: 'jsonArray', offset: null },
      { size: 4, encoding: 'base64', offset: null },
      { size: 4, encoding: 'raw', offset: null },
      { size: 4, encoding: 'raw', offset: 250 },
    ]);
  });

  it('upload the bytes as the whole body: raw, a self-serializing JSON array, or base64', async () => {
    const bytes = new Uint8Array([7, 8, 9]);
    const calls = record(() => 3);
    for (const encoding of ['raw', 'jsonArray', 'base64'] as const)
      await expect(sendBytes(bytes, encoding)).resolves.toBe(3);
    expect(calls.map((c) => c.cmd)).toEqual(['bench_upload', 'bench_upload', 'bench_upload']);
    expect(calls[0].args).toBe(bytes);
    // Tauri sends a top-level Array raw (as "7,8,9"); the object serializes itself to the array.
    const json = calls[1].args as Record<string, () => unknown>;
    expect(Array.isArray(json)).toBe(false);
    expect(json.__TAURI_TO_IPC_KEY__()).toEqual([7, 8, 9]);
    expect(calls[2].args).toBe('BwgJ');
    expect(uploadBody(bytes, 'base64')).toBe('BwgJ');
  });
});

describe('benchChannel', () => {
  it('resolves once every frame has arrived, also frames trailing the answer, in order', async () => {
    let send: (index: number, message: BenchMessage) => void = () => {};
    const calls = record((_, args) => {
      const { onMessage } = args as { onMessage: { id: number } };
      send = (index, message) => internals().runCallback(onMessage.id, { index, message });
      send(1, [2, 3]); // arrives early, out of order
      return 5;
    });
    const frames: BenchMessage[] = [];
    const done = benchChannel({ kind: 'json', count: 5, size: 0, batch: 2 }, (f) => frames.push(f));
    await new Promise((r) => setTimeout(r, 0));
    expect(frames).toEqual([]);
    send(0, [0, 1]);
    let settled = false;
    void done.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(false); // 2 of 3 frames
    send(2, 4);
    await expect(done).resolves.toBe(5);
    expect(frames).toEqual([[0, 1], [2, 3], 4]);
    expect(calls[0].cmd).toBe('bench_channel');
    expect((calls[0].args as { run: unknown }).run).toEqual({ kind: 'json', count: 5, size: 0, batch: 2 });
  });

  it('rejects timeout when frames stop coming', async () => {
    vi.useFakeTimers();
    try {
      record(() => 3);
      const done = benchChannel({ kind: 'raw', count: 3, size: 4, batch: 1 }, () => {});
      const settled = expect(done).rejects.toMatchObject({ kind: 'timeout', message: 'only 0 of 3 frames arrived' });
      await vi.advanceTimersByTimeAsync(31_000);
      await settled;
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('event and eval receivers', () => {
  it('hear every bench-event of a run, and stop listening on stop()', async () => {
    const heard: number[] = [];
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC(
      (cmd, args) => {
        calls.push({ cmd, args });
        const { count } = args as { count: number };
        setTimeout(() => {
          void (async () => {
            for (let i = 0; i < count; i++) await emitEvent('benchEvent', i);
          })();
        });
        return count;
      },
      { shouldMockEvents: true },
    );
    const receiver = await benchEventReceiver((seq) => heard.push(seq));
    await expect(receiver.run(3)).resolves.toBe(3);
    await expect(receiver.run(2)).resolves.toBe(2);
    receiver.stop();
    await emitEvent('benchEvent', 99);
    expect(heard).toEqual([0, 1, 2, 0, 1]);
    expect(calls).toEqual([
      { cmd: 'bench_events', args: { count: 3 } },
      { cmd: 'bench_events', args: { count: 2 } },
    ]);
  });

  it('define the eval hook Rust calls until stop(), and count what it was called with', async () => {
    const seen: number[] = [];
    const calls = record((_, args) => {
      const { count } = args as { count: number };
      const hook = (window as unknown as { __ipcLabBenchEval: (i: number) => void }).__ipcLabBenchEval;
      setTimeout(() => Array.from({ length: count }, (_, i) => hook(i)));
      return count;
    });
    const receiver = benchEvalReceiver((seq) => seen.push(seq));
    await expect(receiver.run(4)).resolves.toBe(4);
    receiver.stop();
    expect('__ipcLabBenchEval' in window).toBe(false);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(calls).toEqual([{ cmd: 'bench_eval', args: { count: 4, callback: null } }]);
  });

  it("register a callback Rust evaluates Tauri's channel text into, until stop()", async () => {
    const seen: number[] = [];
    const internals = () =>
      (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
        .__TAURI_INTERNALS__;
    const calls = record((_, args) => {
      const { count, callback } = args as { count: number; callback: number };
      setTimeout(() =>
        Array.from({ length: count }, (_, i) => internals().runCallback(callback, { message: i, index: i })),
      );
      return count;
    });
    const receiver = benchCallbackReceiver((seq) => seen.push(seq));
    await expect(receiver.run(3)).resolves.toBe(3);
    const { callback } = calls[0].args as { callback: number };
    expect(calls).toEqual([{ cmd: 'bench_eval', args: { count: 3, callback } }]);
    expect(seen).toEqual([0, 1, 2]);
    receiver.stop();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    internals().runCallback(callback, { message: 9, index: 9 });
    expect(seen).toEqual([0, 1, 2]); // unregistered: nothing more is heard
    warn.mockRestore();
  });
});

describe('benchJsonByEval', () => {
  it('passes a one-shot callback Rust evaluates the records into, and resolves with them', async () => {
    const internals = () =>
      (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
        .__TAURI_INTERNALS__;
    const calls = record((_, args) => {
      const { callback } = args as { callback: number };
      setTimeout(() => internals().runCallback(callback, [{ id: 0 }, { id: 1 }]));
      return 2;
    });
    await expect(benchJsonByEval(2)).resolves.toEqual([{ id: 0 }, { id: 1 }]);
    const { callback } = calls[0].args as { callback: number };
    expect(calls).toEqual([{ cmd: 'bench_json_eval', args: { records: 2, callback } }]);
  });

  it('unregisters its callback when the command is refused', async () => {
    record(() => {
      throw { kind: 'tooLarge', message: 'at most 100000 records' };
    });
    await expect(benchJsonByEval(200_000)).rejects.toMatchObject({ kind: 'tooLarge' });
  });
});

describe('the bench scheme', () => {
  it('fetches the bytes, posts to echo and gets the JSON text at the scheme URLs', async () => {
    mockConvertFileSrc('linux');
    const requests: { url: string; method?: string; body?: unknown }[] = [];
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      requests.push({ url, method: init?.method, body: init?.body });
      if (url.endsWith('echo')) return Promise.resolve(new Response('3'));
      if (url.includes('json')) return Promise.resolve(new Response('[{"id":0}]'));
      return Promise.resolve(new Response(new Uint8Array([0, 1])));
    });
    expect(benchUrl('bytes/1024')).toBe('bench://localhost/bytes%2F1024');
    expect(Array.from(await fetchBenchBytes(2))).toEqual([0, 1]);
    await fetchBenchBytes(2, 500);
    await fetchBenchNoop();
    await fetchBenchNoopAsync();
    const body = new Uint8Array([1, 2, 3]);
    await expect(postBenchEcho(body)).resolves.toBe(3);
    await expect(fetchBenchJsonText(1)).resolves.toBe('[{"id":0}]');
    expect(requests).toEqual([
      { url: 'bench://localhost/bytes%2F2', method: undefined, body: undefined },
      { url: 'bench://localhost/bytes%2F2%2F500', method: undefined, body: undefined },
      { url: 'bench://localhost/noop', method: undefined, body: undefined },
      { url: 'bench://localhost/noop-async', method: undefined, body: undefined },
      { url: 'bench://localhost/echo', method: 'POST', body },
      { url: 'bench://localhost/json%2F1', method: undefined, body: undefined },
    ]);
  });

  it('turns error statuses and failed requests into AppErrors', async () => {
    mockConvertFileSrc('windows');
    expect(benchUrl('echo')).toBe('http://bench.localhost/echo');
    vi.stubGlobal('fetch', (url: string) => {
      if (url.endsWith('%2F1')) return Promise.reject(new TypeError('Load failed'));
      return Promise.resolve(new Response('bench runs are busy', { status: url.includes('%2F2') ? 503 : 413 }));
    });
    await expect(fetchBenchBytes(1)).rejects.toMatchObject({ kind: 'network' });
    await expect(fetchBenchBytes(2)).rejects.toMatchObject({
      kind: 'busy',
      message: expect.stringContaining('HTTP 503 bench runs are busy') as string,
    });
    await expect(fetchBenchBytes(3)).rejects.toMatchObject({ kind: 'tooLarge' });
  });

  it('reports the @tauri-apps/api version it was built with', () => {
    expect(TAURI_API_VERSION).toMatch(/^2\.\d+\.\d+/);
  });
});
