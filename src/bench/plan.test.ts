import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { fakeBench, QUICK_COSTS } from '../testing/fakeBench';
import { benchPlan, SETTINGS, shortLabel, sizeLabel, TARGETS } from './plan';
import type { Figure } from './report';
import { runBench } from './runner';

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const byId = (figures: Figure[]) => Object.fromEntries(figures.map((f) => [f.id, f]));

describe('the bench plan', () => {
  it('keeps the quick run small and the full run at the sizes of DESIGN §5', () => {
    expect(Math.max(...SETTINGS.quick.sizes, SETTINGS.quick.bulkTotal, ...SETTINGS.quick.chunks)).toBe(1024 * 1024);
    expect(SETTINGS.full.sizes).toEqual([0, 1023, 1024, 1025, 8191, 8192, 8193, 65536, 1 << 20, 16 << 20, 64 << 20]);
    expect(SETTINGS.full.bulkTotal).toBe(64 << 20);
    expect(SETTINGS.full.chunks).toEqual([64 << 10, 256 << 10, 1 << 20, 4 << 20]);
    expect(SETTINGS.full.inFlight).toEqual([1, 2, 4]);
    expect(benchPlan(SETTINGS.full)).toHaveLength(1 + 11 + 11 + 3);
    // One group (the Cookbook's "measure now"): only its steps.
    expect(benchPlan(SETTINGS.full, ['up']).map((step) => step.group)).toEqual(Array(11).fill('up'));
    expect(benchPlan(SETTINGS.quick, ['invoke', 'json']).map((step) => step.group)).toEqual(['invoke', 'json']);
    expect([
      sizeLabel(0),
      sizeLabel(1023),
      sizeLabel(1024),
      sizeLabel(8193),
      sizeLabel(1050374),
      sizeLabel(64 << 20),
    ]).toEqual(['0 B', '1023 B', '1.0 KiB', '8193 B', '1.0 MiB', '64 MiB']);
  });

  it('derives every figure from the calls and its floor from the same run, in the right direction', async () => {
    const fake = fakeBench(QUICK_COSTS);
    const progress: string[] = [];
    const { results, completed } = await runBench({
      quick: true,
      onProgress: (p) => progress.push(`${p.step}/${p.steps}`),
    });
    expect(results.error).toBeUndefined();
    expect(completed).toBe(true);
    expect(progress[0]).toBe('1/22');
    expect(progress.at(-1)).toBe('22/22');
    const f = byId(results.figures);
    // bulk: one Response, 7 chunk × in-flight shapes of 1 MiB × 2 ways, the best.
    expect(results.figures).toHaveLength(6 + 27 + 27 + 4 + (1 + 7 * 2 + 1) + 3);

    // Invoke: time per call, ratio = time / the no-op fetch's time; targets "at most".
    expect(f['invoke.sync.p50']).toMatchObject({
      unit: 'µs',
      value: 12_000,
      floor: { value: 10_000 },
      ratio: 1.2,
      range: [1.2, 1.2],
      verdict: 'met',
    });
    expect(f['invoke.sync.p50'].floor?.label).toContain('bench:noop');
    expect(f['invoke.sync.p50'].target).toEqual({ op: '<=', ratio: TARGETS.syncInvoke });
    expect(f['invoke.async.p50']).toMatchObject({
      value: 20_000,
      ratio: 2,
      target: { op: '<=', ratio: 1.6 },
      verdict: 'missed',
    });
    expect(f['invoke.async.p50'].floor?.label).toContain('bench:noop-async');
    expect(f['invoke.sync.p99'].target).toBeUndefined();
    expect(f['invoke.sync.p99'].samples).toHaveLength(SETTINGS.quick.latencyBatches);

    // Bytes: 0 B as a time per call, the rest as MiB/s (ratio = rate / fetch's rate).
    expect(f['down.raw.0']).toMatchObject({ unit: 'µs', value: 20_000, ratio: 2 });
    expect(f['down.jsonArray.1048576']).toMatchObject({ unit: 'MiB/s', value: 50, floor: { value: 100 }, ratio: 0.5 });
    expect(f['up.raw.1048576']).toMatchObject({
      unit: 'MiB/s',
      value: 125,
      ratio: 1.25,
      target: { op: '>=', ratio: 0.95 },
      verdict: 'met',
    });
    expect(f['up.raw.65536'].target).toBeUndefined();

    // Messages: the channel against Tauri's own runCallback text evaluated (target "at least
    // 0.9×"), that floor and events against the bare eval.
    expect(f['messages.channel']).toMatchObject({
      unit: 'msg/s',
      value: 80_000,
      floor: { value: 100_000 },
      ratio: 0.8,
      verdict: 'missed',
    });
    expect(f['messages.channel'].floor?.label).toContain('runCallback');
    expect(f['messages.runCallback']).toMatchObject({ value: 100_000, ratio: 1 });
    // The batching channel against the bare eval, in messages: target "at least 1×".
    expect(f['messages.batched']).toMatchObject({ value: 200_000, ratio: 2, verdict: 'met' });
    expect(fake.calls.find((c) => c.cmd === 'bench_batched')?.args).toMatchObject({ count: 2000 });
    expect(f['messages.events']).toMatchObject({ value: 50_000, ratio: 0.5 });

    // Bulk down: each chunked way against fetches of the same chunks, as many at once (the fake
    // clock adds every request's cost, so "at once" costs the sum here).
    expect(f['bulk.invoke.65536x1']).toMatchObject({ value: 1000 / 320, floor: { value: 1000 / 160 }, ratio: 0.5 });
    expect(f['bulk.channel.65536x2']).toMatchObject({ value: 20 }); // two runs of 25 ms each
    // A channel run sends ahead: its floor is the fetches of its pieces with the most at once.
    expect(f['bulk.channel.65536x1'].floor?.label).toBe('fetches of bench:bytes in 64 KiB pieces, 4 at once');
    expect(f['bulk.invoke.65536x1'].floor?.label).toBe('fetches of bench:bytes in 64 KiB pieces, one at a time');
    expect(f['bulk.response']).toMatchObject({ value: 50, floor: { value: 100 }, ratio: 0.5 });
    // The best way (one Response, 20 ms) against the best floor (one fetch, 10 ms).
    expect(f['bulk.best']).toMatchObject({ value: 50, floor: { value: 100 }, ratio: 0.5, verdict: 'missed' });
    expect(f['bulk.best'].label).toContain('one raw Response');
    expect(f['bulk.best'].floor?.label).toContain('one fetch');

    // JSON: the round trip against serde (5 ms) + JSON.parse (10 ms), rep by rep.
    expect(f['json.ipc']).toMatchObject({ unit: 'ms', value: 30, floor: { value: 15 }, ratio: 2, verdict: 'missed' });
    expect(f['json.fetch'].value).toBe(25 + 10); // the fetch, then Response.json()'s parse
    expect(f['json.fetch'].target).toBeUndefined();
    // The records by eval (20 ms) against the fetch of them (25 ms + the parse's 10).
    expect(f['json.eval']).toMatchObject({ value: 20, floor: { value: 35 }, target: { op: '<=', ratio: 0.77 } });
    expect(f['json.eval'].verdict).toBe('met');

    // Every payload went through the real commands with the plan's arguments.
    expect(fake.calls.some((c) => c.cmd === 'fetch POST bench://localhost/echo')).toBe(true);
    const channelRuns = fake.calls
      .filter((c) => c.cmd === 'bench_channel')
      .map((c) => (c.args as { run: unknown }).run);
    expect(channelRuns).toContainEqual({ kind: 'json', count: 2000, size: 0, batch: 1 });
    expect(channelRuns).toContainEqual({ kind: 'raw', count: 16, size: 65536, batch: 1 });
    expect(channelRuns).toContainEqual({ kind: 'raw', count: 4, size: 65536, batch: 1 }); // 4 at once
    const chunks = fake.calls.filter((c) => c.cmd === 'bench_bytes' && (c.args as { offset: number | null }).offset);
    expect(chunks.length).toBeGreaterThan(0);
    expect(fake.calls.some((c) => c.cmd === 'fetch GET bench://localhost/bytes%2F65536%2F983040')).toBe(true);
  }, 60_000);

  it('labels a chart axis by the figure id without its group, sizes as people read them', () => {
    const labels = ['invoke.sync.p50', 'down.raw.1023', 'down.base64.1048576', 'bulk.channel.65536x2', 'bulk.best'].map(
      (id) => shortLabel({ id }),
    );
    expect(labels).toEqual(['sync p50', 'raw 1023 B', 'base64 1.0 MiB', 'channel 64 KiB×2', 'best']);
  });

  it('fails a step whose bytes arrive wrong, and says so', async () => {
    const fake = fakeBench(QUICK_COSTS);
    void fake;
    const real = globalThis.fetch;
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const response = await real(url, init);
      if (!url.includes('bytes%2F1023')) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[1000] ^= 1;
      return new Response(bytes);
    });
    const { results, completed } = await runBench({ quick: true });
    expect(completed).toBe(false);
    expect(results.error).toBe('1023 B arrived wrong: byte 1000 is 246, not 247');
    expect(results.figures.map((f) => f.group)).toEqual(
      Array(6 + 3)
        .fill('invoke')
        .fill('down', 6),
    );
  }, 60_000);
});
