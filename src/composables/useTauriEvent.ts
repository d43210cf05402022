// Event subscriptions tied to the calling effect scope (a component's setup, usually).
// They subscribe synchronously, and unsubscribe when the scope is disposed — also when that
// happens before `listen()` has resolved, and when Vite hot-replaces this module.
import { getCurrentScope, onScopeDispose } from 'vue';
import { listenEvent, onceEvent, type EventName, type EventPayload, type ListenScope, type Unlisten } from '../api';

// #region recipe:once-unlisten
export interface Subscription {
  /** Resolves once the listener is registered in Rust (rejects if it could not be). */
  ready: Promise<void>;
  /** Unsubscribes now; safe to call more than once. */
  stop: () => void;
}

const live = new Set<() => void>();
if (import.meta.hot) import.meta.hot.dispose(() => [...live].forEach((stop) => stop()));

function subscribe(register: () => Promise<Unlisten>): Subscription {
  let stopped = false;
  let unlisten: Unlisten | undefined;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    live.delete(stop);
    unlisten?.();
    unlisten = undefined;
  };
  live.add(stop);
  const ready = register().then(
    (fn) => {
      if (stopped) fn();
      else unlisten = fn;
    },
    (reason) => {
      live.delete(stop);
      throw reason;
    },
  );
  ready.catch(() => {}); // callers may ignore `ready`; a failure must not go unhandled
  if (getCurrentScope()) onScopeDispose(stop);
  return { ready, stop };
}
// #endregion recipe:once-unlisten

/** Calls `handler` for every `name` event (heard in `scope`) until the scope ends. */
export function useTauriEvent<K extends EventName>(
  name: K,
  handler: (payload: EventPayload<K>) => void,
  scope: ListenScope = 'any',
): Subscription {
  return subscribe(() => listenEvent(name, handler, scope));
}

// #region recipe:once-unlisten
/** Calls `handler` for the next `name` event only; cleans up if the scope ends first. */
export function useTauriOnce<K extends EventName>(
  name: K,
  handler: (payload: EventPayload<K>) => void,
  scope: ListenScope = 'any',
): Subscription {
  return subscribe(() => onceEvent(name, handler, scope));
}
// #endregion recipe:once-unlisten
