import { describe as group, expect, it } from 'vitest';
import { describe, outcomeOf, PREVIEW, redact, Ring, secretAnswer, type LogEntry } from './log';

group('the log', () => {
  it('hides every value under a password, token or secret key, at any depth, keeping its size', () => {
    expect(
      redact({
        user: 'tauri',
        password: 'hunter2',
        nested: [{ currentPassword: 'x', newPassword: 'yz', token: 'abc' }],
      }),
    ).toEqual({
      user: 'tauri',
      password: '‹hidden: 7 chars›',
      nested: [{ currentPassword: '‹hidden: 1 chars›', newPassword: '‹hidden: 2 chars›', token: '‹hidden: 3 chars›' }],
    });
    expect(redact(new Uint8Array(5))).toBe('‹5 bytes›');
    // A Channel argument as it goes over the IPC.
    expect(redact({ onProgress: { id: 7, toJSON: () => '__CHANNEL__:7' } })).toEqual({ onProgress: '__CHANNEL__:7' });
  });

  it('describes JSON, raw and base64 data by size and encoding, previews only redacted JSON', () => {
    const args = { user: 'tauri', password: 'hunter2' };
    const json = describe(args);
    expect([json.encoding, json.size]).toEqual(['json', JSON.stringify(args).length]);
    expect(json.preview).toBe('{"user":"tauri","password":"‹hidden: 7 chars›"}');
    expect(describe(new ArrayBuffer(1024))).toEqual({ encoding: 'raw', size: 1024, preview: '' });
    expect(describe('A'.repeat(100))).toEqual({ encoding: 'base64', size: 102, preview: '' });
    expect(describe('secret-token', true)).toEqual({ encoding: 'json', size: 14, preview: '' });
    expect(describe(undefined)).toEqual({ encoding: 'none', size: 0, preview: '' });
    expect(describe({ text: 'x'.repeat(500) }).preview).toHaveLength(PREVIEW + 1);
  });

  it('treats the answers of token, login and password commands as secret, and names typed errors by kind', () => {
    expect(['upload_token', 'login', 'change_password', 'greet'].map(secretAnswer)).toEqual([true, true, true, false]);
    expect(outcomeOf({ kind: 'unauthorized', message: 'no' })).toBe('unauthorized');
    expect(outcomeOf('greet not allowed')).toBe('error');
  });

  it('keeps the last entries of its capacity and counts what it dropped', () => {
    const ring = new Ring(3);
    for (let seq = 1; seq <= 5; seq++) {
      const entry: LogEntry = { seq, kind: 'invoke', name: 'greet', window: 'main', startMs: 0, outcome: 'ok' };
      ring.push(entry);
    }
    expect(ring.entries.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(ring.dropped).toBe(2);
    expect([2, 3].map((seq) => ring.holds({ seq } as LogEntry))).toEqual([false, true]);
    ring.clear();
    expect([ring.entries.length, ring.dropped]).toEqual([0, 0]);
  });
});
