// Typed access to the app's events, keyed by the generated names (`backendEvent` is the wire
// event "backend-event"): emits through the generated bindings, listens through the same IPC
// calls @tauri-apps/api makes, with an unlisten that cannot leak (see `listenWire`). Listeners
// resolve to an unlisten function; callers own cleanup (composables/useTauriEvent.ts). Also: the
// catalog of every app event, the window-scoped pair of the seed, the desktop → mobile target
// fallback, and the live listener counts.
import { invoke, transformCallback } from '@tauri-apps/api/core';
import { getCurrentWebviewWindow } from '@tauri-apps/api/webviewWindow';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { commands, events, type ListenerCount } from '../../gen/bindings';
import { call } from './call';
import { isMobile } from './platform';

export type { ListenerCount };

// #region recipe:events-global
type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Parameters<Parameters<Events[K]['listen']>[0]>[0]['payload'];
export type Unlisten = () => void;
// #endregion recipe:events-global

// #region recipe:window-events
/**
 * Which emits a listener hears. `any` (`listen()`): every emit of the event, also those aimed
 * at other windows — events are public. `window` (`getCurrentWindow().listen()`): global
 * emits and those aimed at this window (`EventTarget::window`, as `response-event` is).
 * `webviewWindow` (`getCurrentWebviewWindow().listen()`): global emits and those aimed at this
 * webview window (`emit_filter` on `WebviewWindow` targets, as `open-file` is, or a label).
 * `{ aimedAt: label }`: the emits aimed at window `label` (`emitTo(label, …)`, a label target),
 * heard from this page — what that window's own listeners hear of them.
 */
export type ListenScope = 'any' | 'window' | 'webviewWindow' | { aimedAt: string };
// #endregion recipe:window-events

// #region recipe:eval
/** The DOM event Rust's `eval` dispatches in the main window (see src-tauri/src/wiring/handshake.rs). */
export const RUST_EVAL_DOM_EVENT = 'ipc-lab:eval';
// #endregion recipe:eval

// #region recipe:window-events
type Target = { kind: 'Any' } | { kind: 'Window' | 'WebviewWindow' | 'AnyLabel'; label: string };

function targetOf(scope: ListenScope): Target {
  if (typeof scope === 'object') return { kind: 'AnyLabel', label: scope.aimedAt };
  if (scope === 'window') return { kind: 'Window', label: getCurrentWindow().label };
  if (scope === 'webviewWindow') return { kind: 'WebviewWindow', label: getCurrentWebviewWindow().label };
  return { kind: 'Any' };
}
// #endregion recipe:window-events

// #region recipe:once-unlisten
/** Drops a handler from Tauri's callback table (what `Channel` in @tauri-apps/api does too). */
function unregisterCallback(id: number) {
  (
    window as unknown as { __TAURI_INTERNALS__: { unregisterCallback(id: number): void } }
  ).__TAURI_INTERNALS__.unregisterCallback(id);
}

/**
 * `listen()` as @tauri-apps/api sends it (`plugin:event|listen` with a handler from
 * `transformCallback`), except that the unlisten drops the handler itself. Tauri's unlisten
 * finds the handler through an entry a separate `eval` writes into the page after `listen()`
 * resolved; an unlisten before that lands (a view that goes at once) leaves the handler, and
 * the closures it holds, registered for good (tauri 2.12, tauri-apps/tauri issue 15799).
 */
async function listenWire<T>(
  event: string,
  scope: ListenScope,
  handler: (payload: T) => void,
  once: boolean,
): Promise<Unlisten> {
  let eventId: number | undefined;
  let live = true;
  const unlisten = () => {
    if (!live) return;
    live = false;
    unregisterCallback(handlerId);
    if (eventId !== undefined) invoke('plugin:event|unlisten', { event, eventId }).catch(() => {});
  };
  const handlerId = transformCallback((delivered: { payload: T }) => {
    if (!live) return;
    if (once) unlisten();
    handler(delivered.payload);
  });
  try {
    eventId = await invoke<number>('plugin:event|listen', { event, target: targetOf(scope), handler: handlerId });
  } catch (reason) {
    unregisterCallback(handlerId);
    throw reason;
  }
  return unlisten;
}
// #endregion recipe:once-unlisten

// #region recipe:events-global
export function listenEvent<K extends EventName>(
  name: K,
  handler: (payload: EventPayload<K>) => void,
  scope: ListenScope = 'any',
): Promise<Unlisten> {
  return listenWire(EVENT_CATALOG[name].wire, scope, handler, false);
}
// #endregion recipe:events-global

// #region recipe:once-unlisten
export function onceEvent<K extends EventName>(
  name: K,
  handler: (payload: EventPayload<K>) => void,
  scope: ListenScope = 'any',
): Promise<Unlisten> {
  return listenWire(EVENT_CATALOG[name].wire, scope, handler, true);
}
// #endregion recipe:once-unlisten

// #region recipe:js-to-rust
/** Emits to every window and to Rust (`emit`). */
export function emitEvent<K extends EventName>(name: K, payload: EventPayload<K>): Promise<void> {
  const emit = events[name].emit as (payload: EventPayload<K>) => Promise<void>;
  return emit(payload);
}
// #endregion recipe:js-to-rust

// #region recipe:emit-to
/** Emits to the windows with `label` only (`emitTo`); see [`windowTarget`] for mobile. */
export function emitEventTo<K extends EventName>(label: string, name: K, payload: EventPayload<K>): Promise<void> {
  const emitTo = events[name].emitTo as (label: string, payload: EventPayload<K>) => Promise<void>;
  return emitTo(windowTarget(label), payload);
}
// #endregion recipe:emit-to

/** The label of the window this frontend runs in (`main` on mobile). */
export function currentWindowLabel(): string {
  return getCurrentWebviewWindow().label;
}

// #region recipe:handshake
/** Tells Rust (and every window) that this frontend is mounted and listening. */
export function announceReady(): Promise<void> {
  return emitEvent('ready', { window: currentWindowLabel() });
}
// #endregion recipe:handshake

// #region recipe:emit-to
/** The label an event for window `label` goes to here: itself on desktop, `main` on mobile. */
export function windowTarget(label: string, mobile = isMobile()): string {
  return mobile ? 'main' : label;
}
// #endregion recipe:emit-to

// #region recipe:window-events
/**
 * The seed's `new Window('main').emit('window-specific-event', { data })`, from this window.
 * `Window.emit` is a global emit: every window's Rust listener hears it, and each answers its
 * own window with `response-event` (listen with scope `window`). This uses
 * `getCurrentWindow()`, because `new Window(label)` also asks Tauri to create that window
 * (refused by the ACL, harmlessly).
 */
export function emitWindowSpecific(data: string): Promise<void> {
  return events.windowSpecificEvent(getCurrentWindow()).emit({ data });
}
// #endregion recipe:window-events

// #region recipe:events-global
/** `broadcast`: Rust emits `message` (≤ 1000 characters) as a `backend-event` to all windows. */
export const broadcast = (message: string) => call(commands.broadcast(message));
// #endregion recipe:events-global

// #region recipe:js-to-rust
/** The app's own Rust event listeners now, per event name. */
export const rustListenerCount = () => call(commands.rustListenerCount());
// #endregion recipe:js-to-rust

type ListenerTable = Record<string, Record<string, { handlerId: number }>>;
type TauriWindow = {
  __TAURI_INTERNALS__?: { callbacks?: unknown };
  __internal_unstable_listeners_function_id__?: unknown;
  __internal_unstable_listeners_object_id__?: ListenerTable;
};

/**
 * The live event listeners of this page, counted in Tauri's own tables — it READS TAURI
 * INTERNALS (tauri 2.12's `listen_js_script` and scripts/core.js): each `listen()` adds
 * `window.__internal_unstable_listeners_object_id__[event][eventId] = { handlerId }` (with
 * `Object.defineProperty`, so not enumerable; an unlisten leaves the entry) and registers
 * `handlerId` in `window.__TAURI_INTERNALS__.callbacks` (a Map; an unlisten deletes it). A
 * listener is live while its handler is still registered. `null` when these internals are
 * absent (another Tauri version, or the IPC mocks): Tauri's event script defines
 * `__internal_unstable_listeners_function_id__` on every page it serves.
 */
export function liveJsListenerCount(): number | null {
  const tauri = window as unknown as TauriWindow;
  const callbacks = tauri.__TAURI_INTERNALS__?.callbacks;
  if (!(callbacks instanceof Map) || tauri.__internal_unstable_listeners_function_id__ === undefined) return null;
  const table = tauri.__internal_unstable_listeners_object_id__;
  if (table === undefined) return 0; // no listen() on this page yet
  let live = 0;
  for (const event of Object.getOwnPropertyNames(table)) {
    for (const id of Object.getOwnPropertyNames(table[event])) {
      if (callbacks.has(table[event][id].handlerId)) live++;
    }
  }
  return live;
}

/**
 * How many handlers Tauri's callback table holds — listeners, channels and invokes in flight
 * (the same internals as above); `null` without them.
 */
export function tauriCallbackCount(): number | null {
  const callbacks = (window as unknown as TauriWindow).__TAURI_INTERNALS__?.callbacks;
  return callbacks instanceof Map ? callbacks.size : null;
}

/** Who sends an event and who it is aimed at, as the app defines it. */
export interface CatalogEntry {
  wire: string;
  source: string;
  target: string;
  payload: string;
  /** How a window listens to hear what is aimed at it (and nothing aimed elsewhere). */
  scope: ListenScope;
}

/** Every app event (`satisfies` makes this fail to compile when Rust adds one). */
export const EVENT_CATALOG = {
  ready: { wire: 'ready', source: 'JS, each window', target: 'all', payload: '{ window }', scope: 'any' },
  backendEvent: { wire: 'backend-event', source: 'Rust', target: 'all', payload: 'text', scope: 'any' },
  frontendEvent: { wire: 'frontend-event', source: 'JS', target: 'Rust (all)', payload: 'text', scope: 'any' },
  fileSelected: { wire: 'file-selected', source: 'JS (Files)', target: 'Rust (all)', payload: 'path', scope: 'any' },
  userLoggedIn: { wire: 'user-logged-in', source: 'JS', target: 'JS (all)', payload: 'user name', scope: 'any' },
  loginResult: {
    wire: 'login-result',
    source: 'Rust',
    target: 'login',
    payload: '{ ok, user, window }',
    scope: 'webviewWindow',
  },
  downloadStarted: {
    wire: 'download-started',
    source: 'Rust',
    target: 'all',
    payload: '{ url, downloadId, contentLength }',
    scope: 'any',
  },
  downloadProgress: { wire: 'download-progress', source: 'Rust', target: 'all', payload: 'percent', scope: 'any' },
  downloadFinished: { wire: 'download-finished', source: 'Rust', target: 'all', payload: 'url', scope: 'any' },
  jobProgress: { wire: 'job-progress', source: 'Rust (start_job)', target: 'all', payload: '1..=100', scope: 'any' },
  jobDone: { wire: 'job-done', source: 'Rust (start_job)', target: 'all', payload: 'null', scope: 'any' },
  jobUpdate: { wire: 'job-update', source: 'Rust (hash jobs)', target: 'all', payload: 'JobInfo', scope: 'any' },
  benchEvent: {
    wire: 'bench-event',
    source: 'Rust (bench)',
    target: 'the calling webview',
    payload: 'sequence number',
    scope: 'any',
  },
  openFile: { wire: 'open-file', source: 'Rust', target: 'main, file-viewer', payload: 'path', scope: 'webviewWindow' },
  windowSpecificEvent: {
    wire: 'window-specific-event',
    source: 'JS (Window.emit)',
    target: "all; each window's Rust listener",
    payload: '{ data }',
    scope: 'any',
  },
  responseEvent: {
    wire: 'response-event',
    source: 'Rust',
    target: 'the window answered',
    payload: '{ window, data }',
    scope: 'window',
  },
  settingsUpdateRequested: {
    wire: 'settings-update-requested',
    source: 'JS (main)',
    target: 'settings',
    payload: '{ key, value }',
    scope: 'webviewWindow',
  },
} as const satisfies Record<EventName, CatalogEntry>;

export const EVENT_NAMES = Object.keys(EVENT_CATALOG) as EventName[];
