// The platform the app runs on, as Rust says: `run_mode` answers it from the Rust target, and
// every answer is remembered here. A user agent cannot tell (an iPad's WebView says
// "Macintosh"), so nothing in the frontend guesses from one. main.ts asks before it builds the
// router: on mobile the desktop's secondary windows are routes of main.
import type { Platform, RunModeInfo } from '../../gen/bindings';

export type { Platform };

let known: Pick<RunModeInfo, 'platform' | 'mobile'> | null = null;

/** Keeps what a `run_mode` answer says of the platform. */
export function rememberPlatform({ platform, mobile }: Pick<RunModeInfo, 'platform' | 'mobile'>): void {
  known = { platform, mobile };
}

/** The platform of the last `run_mode` answer; `null` before one. */
export function currentPlatform(): Platform | null {
  return known?.platform ?? null;
}

/**
 * Android and iOS run one webview, `main`, with the desktop's secondary windows as its routes.
 * False until `run_mode` has answered: the desktop's secondary windows, which may not call it,
 * never ask.
 */
export function isMobile(): boolean {
  return known?.mobile ?? false;
}
