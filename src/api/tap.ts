// The page's one door to Tauri's IPC, with a tap the Inspector opens. Every import of
// `@tauri-apps/api/core` in the page — the app's, the generated bindings', the dialog plugin's
// and @tauri-apps/api's own modules (event, window…) — resolves to this module at build time
// (src/inspector/plugin.ts); it is the real module with three of its exports wrapped:
// `invoke` (each call, its answer and the transport that carried it), `transformCallback`
// (the events a listener hears) and `Channel` (each message). With the tap closed (the
// Inspector not open) each wrapper costs one null check.
import * as core from '@tauri-apps/api/core';

export * from '@tauri-apps/api/core';

/** One invoke the tap watches: told when it went out, and how it settled. */
export interface TappedCall {
  /** The call has been handed to Tauri (an `ipc:` fetch, if any, has been made by now). */
  sent(): void;
  ok(answer: unknown): void;
  failed(reason: unknown): void;
}

export interface Tap {
  call(cmd: string, args: unknown): TappedCall;
  /** Whatever a callback from `transformCallback` receives (an event delivery, for listeners). */
  callback(data: unknown): void;
  channel(channel: core.Channel<unknown>, message: unknown): void;
}

let tap: Tap | null = null;

/** Opens the tap (`null` closes it). */
export function setTap(next: Tap | null) {
  tap = next;
}

export function invoke<T>(cmd: string, args?: core.InvokeArgs, options?: core.InvokeOptions): Promise<T> {
  const open = tap;
  if (!open) return core.invoke<T>(cmd, args, options);
  const call = open.call(cmd, args);
  const answer = core.invoke<T>(cmd, args, options);
  call.sent();
  answer.then(
    (value) => call.ok(value),
    (reason) => call.failed(reason),
  );
  return answer;
}

export function transformCallback<T = unknown>(callback?: (response: T) => void, once = false): number {
  return core.transformCallback((data: T) => {
    tap?.callback(data);
    return callback?.(data);
  }, once);
}

export class Channel<T = unknown> extends core.Channel<T> {
  constructor(onmessage?: (response: T) => void) {
    super();
    if (onmessage) this.onmessage = onmessage;
  }

  set onmessage(handler: (response: T) => void) {
    super.onmessage = (message: T) => {
      tap?.channel(this as core.Channel<unknown>, message);
      handler.call(this, message);
    };
  }

  get onmessage(): (response: T) => void {
    return super.onmessage;
  }
}
