// Sign-in and uploads. The session lives in Rust, per window; the only secret the frontend
// ever holds is a single-use upload token, for the one upload it was fetched for.
import { invoke } from '@tauri-apps/api/core';
import { commands, type InboxEntry, type SessionInfo } from '../../gen/bindings';
import { toBase64 } from '../lib/bytes';
import { call } from './call';
import { currentPlatform } from './platform';

export type { InboxEntry, SessionInfo };

/** `login` → "logged_in"; rejects `unauthorized: invalid credentials`. */
export const login = (user: string, password: string) => call(commands.login(user, password));
export const logout = () => call(commands.logout());
export const session = () => call(commands.session());
export const changePassword = (current: string, next: string) => call(commands.changePassword(current, next));
export const inboxFiles = () => call(commands.inboxFiles());

// #region recipe:raw-request
/** Android hands IPC bodies over as JSON, so bytes travel there as one base64 string. */
export function rawBodiesUnavailable(platform = currentPlatform()): boolean {
  return platform === 'android';
}

export { toBase64 };

/**
 * Uploads `bytes` as `name` into the inbox: fetches a fresh upload token, then sends the
 * raw body with `Authorization: Bearer <token>` (the seed's `upload` contract).
 */
export async function uploadFile(name: string, bytes: Uint8Array): Promise<InboxEntry> {
  const token = await call(commands.uploadToken());
  const body = rawBodiesUnavailable() ? (toBase64(bytes) as unknown as Uint8Array) : bytes;
  return call(
    invoke<InboxEntry>('upload', body, {
      headers: { Authorization: `Bearer ${token}`, 'X-File-Name': encodeURIComponent(name) },
    }),
  );
}

/** `raw_handler`: Rust answers with the content type it received. */
export const rawHandler = (body: Uint8Array, contentType: string) =>
  call(invoke<string>('raw_handler', body, { headers: { 'Content-Type': contentType } }));
// #endregion recipe:raw-request
