// The startup handshake, as reactive state shared by the whole app. `startHandshake()` runs
// once, first thing on the main window's page (main.ts): it subscribes first, then announces
// `ready`, so no answer can arrive before its listener. Rust answers the app's first `ready`
// only, so the first answers heard are also kept for the session (`recordedHandshake`): a
// reloaded page (the self-test's reload loop) can tell what the app's first page heard.
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import { announceReady, RUST_EVAL_DOM_EVENT, toAppError, type AppError } from '../api';
import { useTauriEvent, useTauriOnce, type Subscription } from './useTauriEvent';

const ready = ref(false);
const backendMessage = ref<string>();
const evalMessage = ref<string>();
const error = shallowRef<AppError | null>(null);

const RECORD_KEY = 'ipc-lab:handshake';

export interface HandshakeRecord {
  backendMessage?: string;
  evalMessage?: string;
}

/** The first handshake answers any page of this session heard. */
export function recordedHandshake(): HandshakeRecord {
  try {
    return JSON.parse(sessionStorage.getItem(RECORD_KEY) ?? '{}') as HandshakeRecord;
  } catch {
    return {};
  }
}

/** Keeps the first `text` heard as `field` for the session. */
function record(field: keyof HandshakeRecord, text: string) {
  const kept = recordedHandshake();
  if (kept[field] === undefined) sessionStorage.setItem(RECORD_KEY, JSON.stringify({ ...kept, [field]: text }));
}

// #region recipe:handshake
/** Subscribes (in the caller's scope, if any: the page's lifetime from main.ts) and emits `ready`. */
export function startHandshake(): Promise<void> {
  // #region recipe:eval
  const onEval = (event: Event) => {
    evalMessage.value = String((event as CustomEvent).detail);
    record('evalMessage', evalMessage.value);
  };
  window.addEventListener(RUST_EVAL_DOM_EVENT, onEval);
  if (getCurrentScope()) {
    onScopeDispose(() => window.removeEventListener(RUST_EVAL_DOM_EVENT, onEval));
  }
  // #endregion recipe:eval
  const once = useTauriOnce('ready', () => (ready.value = true));
  const backend = useTauriEvent('backendEvent', (message) => {
    backendMessage.value = message;
    record('backendMessage', message);
  });
  return announceWhenListening(once, backend).catch((reason) => {
    error.value = toAppError(reason);
  });
}

/** Emits `ready` once every subscription is registered, so nothing sent in answer is missed. */
export async function announceWhenListening(...subscriptions: Subscription[]): Promise<void> {
  await Promise.all(subscriptions.map((s) => s.ready));
  await announceReady();
}
// #endregion recipe:handshake

export function useHandshake() {
  return { ready, backendMessage, evalMessage, error };
}
