// Typed access to the app's events, keyed by the generated names (`backendEvent` is the wire
// event "backend-event"). Listeners resolve to an unlisten function; callers own cleanup
// (see composables/useTauriEvent.ts).
import { getCurrentWebviewWindow } from '@tauri-apps/api/webviewWindow';
import { events } from '../../gen/bindings';

type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Parameters<
  Parameters<Events[K]['listen']>[0]
>[0]['payload'];
export type Unlisten = () => void;

/** The DOM event Rust's `eval` dispatches in the main window (see src-tauri/src/handshake.rs). */
export const RUST_EVAL_DOM_EVENT = 'ipc-lab:eval';

export function listenEvent<K extends EventName>(
  name: K,
  handler: (payload: EventPayload<K>) => void,
): Promise<Unlisten> {
  return events[name].listen((event) => handler(event.payload as EventPayload<K>));
}

export function onceEvent<K extends EventName>(
  name: K,
  handler: (payload: EventPayload<K>) => void,
): Promise<Unlisten> {
  return events[name].once((event) => handler(event.payload as EventPayload<K>));
}

export function emitEvent<K extends EventName>(name: K, payload: EventPayload<K>): Promise<void> {
  const emit = events[name].emit as (payload: EventPayload<K>) => Promise<void>;
  return emit(payload);
}

/** The label of the window this frontend runs in (`main` on mobile). */
export function currentWindowLabel(): string {
  return getCurrentWebviewWindow().label;
}

/** Tells Rust (and every window) that this frontend is mounted and listening. */
export function announceReady(): Promise<void> {
  return emitEvent('ready', { window: currentWindowLabel() });
}
