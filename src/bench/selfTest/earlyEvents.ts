// Early events: the startup handshake's answers — the backend-event Rust emits and the eval it
// runs in this page right after the frontend says `ready` — reached the page, because it
// registered its listeners before announcing (composables/useHandshake.ts). Rust answers the
// app's first `ready` only (`app.once`): a page loaded after that (a reload) reads what the
// first page heard, which the handshake kept for the session.
import { describe, ensure, suiteOf, waitUntil, type OnCheck, type SuiteResult } from './checks';

export interface HandshakeView {
  /** This page's `once('ready')` heard its own `ready`. */
  ready: boolean;
  backendMessage?: string;
  evalMessage?: string;
}

/** How long the answers may take to come. */
export const HANDSHAKE_WAIT_MS = 10_000;
/** What Rust's handshake evaluates in main (src-tauri/src/wiring/handshake.rs EVAL_SCRIPT). */
export const HANDSHAKE_EVAL = 'hello from Rust';
/** What Rust's handshake broadcasts for the first window that is ready. */
export const handshakeBackend = (label: string) => `Rust saw window ${label} get ready`;

const heard = (text: string | undefined) =>
  text === undefined ? `nothing arrived in ${HANDSHAKE_WAIT_MS / 1000} s` : `heard ${describe(text)}`;

export async function earlyEventsSuite(
  read: () => HandshakeView,
  label: string,
  onCheck?: OnCheck,
): Promise<SuiteResult> {
  const { check, result } = suiteOf('earlyEvents', onCheck);
  await waitUntil(() => {
    const now = read();
    return now.ready && now.backendMessage !== undefined && now.evalMessage !== undefined;
  }, HANDSHAKE_WAIT_MS);
  const handshake = read();
  await check("this page's once('ready') heard its own ready", () => ensure(handshake.ready, heard(undefined)));
  await check(`the handshake's backend-event arrived: "${handshakeBackend(label)}"`, () =>
    ensure(handshake.backendMessage === handshakeBackend(label), heard(handshake.backendMessage)),
  );
  await check(`the handshake's eval ran: "${HANDSHAKE_EVAL}"`, () =>
    ensure(handshake.evalMessage === HANDSHAKE_EVAL, heard(handshake.evalMessage)),
  );
  return result();
}
