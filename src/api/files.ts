// Files: reading inside the app's scope (text, raw bytes whole or in pieces a few at once,
// streamed chunks), the scope's folders, recent files, and the native file picker (dialog
// plugin; a pick also opens the scope for it).
import { open } from '@tauri-apps/plugin-dialog';
import { commands, type FileInfo, type ScopeFolder } from '../../gen/bindings';
import { call } from './call';
import { readChunked } from './chunks';
import { meteredChannel } from './stream';

export type { FileInfo, ScopeFolder };

// #region recipe:commands
/** `read_file`: the file's UTF-8 text (notUtf8, tooLarge, outsideScope, notFound …). */
export const readFile = (path: string) => call(commands.readFile(path));
// #endregion recipe:commands

// #region recipe:raw-response
/** `read_file_bytes`: the whole file as one ArrayBuffer (a raw IPC response, not JSON). */
export const readFileBytes = (path: string) => call(commands.readFileBytes(path));

/** `read_file_chunk`: the `length` bytes at `offset` (at most 4 MiB; fewer at the end). */
export const readFileChunk = async (path: string, offset: number, length: number) =>
  new Uint8Array(await call(commands.readFileChunk(path, offset, length)));

/**
 * How the app reads a large file: pieces of this size, this many at once. By the bench (README,
 * Bench: bulk down; release build here): 64 MiB in 4 MiB raw invokes reach ~164 MiB/s two at a
 * time and ~184 four at a time (within the noise of each other, both ~1.0× fetches of the same
 * pieces), against ~108 for one raw Response; 1 MiB pieces ~139–151. Two at once leave the other
 * two of the app's four bulk-read places to other reads.
 */
export const FILE_PIECES = { chunk: 4 * 1024 * 1024, inFlight: 2 } as const;

/**
 * A file of `size` bytes read in pieces, `FILE_PIECES.inFlight` at once, with progress and a
 * cancel (`signal`); the whole file in one buffer. Files of a piece or less take one call.
 */
export function readFileChunked(
  path: string,
  size: number,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return readChunked((offset, length) => readFileChunk(path, offset, length), {
    total: size,
    ...FILE_PIECES,
    ...options,
  });
}
// #endregion recipe:raw-response

/** Size and media type of a file in the scope. */
export const fileInfo = (path: string) => call(commands.fileInfo(path));

// #region recipe:channel-frames
/**
 * `load_image`: streams the file; `onChunk` gets each ArrayBuffer chunk in order. Resolves
 * with the byte count once every chunk has been delivered — the command answers when Rust has
 * *sent* the last chunk, and large chunks are still being fetched by the webview then.
 */
export async function loadImage(path: string, onChunk: (chunk: ArrayBuffer) => void): Promise<number> {
  const reader = meteredChannel(onChunk, (chunk) => chunk.byteLength);
  const expected = await call(commands.loadImage(path, reader.channel));
  await reader.arrived(expected, 'bytes');
  return expected;
}
// #endregion recipe:channel-frames

export const recentFiles = () => call(commands.recentFiles());
export const scopeFolders = () => call(commands.scopeFolders());
/**
 * Opens the native folder picker in Rust; the folder the user picks joins the scope. Resolves
 * with the folder list (unchanged when the user cancels). The page cannot name a folder.
 */
export const addScopeFolder = () => call(commands.addScopeFolder());
/** Removes a folder the user added; the app's own folder is not removable. */
export const removeScopeFolder = (path: string) => call(commands.removeScopeFolder(path));

/** The native file picker; the picked file becomes readable. `null` when cancelled. */
export async function pickFile(): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false });
  return typeof picked === 'string' ? picked : null;
}
