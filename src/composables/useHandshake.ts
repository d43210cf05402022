// The startup handshake, as reactive state shared by the whole app. `startHandshake()` runs
// once from the root component: it subscribes first, then announces `ready`, so no answer
// can arrive before its listener.
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import { announceReady, RUST_EVAL_DOM_EVENT, toAppError, type AppError } from '../api';
import { useTauriEvent, useTauriOnce, type Subscription } from './useTauriEvent';

const ready = ref(false);
const backendMessage = ref<string>();
const evalMessage = ref<string>();
const error = shallowRef<AppError | null>(null);

/** Subscribes in the caller's scope and emits `ready`; call from the root component's setup. */
export function startHandshake(): Promise<void> {
  const onEval = (event: Event) => (evalMessage.value = String((event as CustomEvent).detail));
  window.addEventListener(RUST_EVAL_DOM_EVENT, onEval);
  if (getCurrentScope()) {
    onScopeDispose(() => window.removeEventListener(RUST_EVAL_DOM_EVENT, onEval));
  }
  const once = useTauriOnce('ready', () => (ready.value = true));
  const backend = useTauriEvent('backendEvent', (message) => (backendMessage.value = message));
  return announceWhenListening(once, backend).catch((reason) => {
    error.value = toAppError(reason);
  });
}

/** Emits `ready` once every subscription is registered, so nothing sent in answer is missed. */
export async function announceWhenListening(...subscriptions: Subscription[]): Promise<void> {
  await Promise.all(subscriptions.map((s) => s.ready));
  await announceReady();
}

export function useHandshake() {
  return { ready, backendMessage, evalMessage, error };
}
