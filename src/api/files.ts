// Files: reading inside the app's scope (text, raw bytes, streamed chunks), the scope's folders,
// recent files, and the native file picker (dialog plugin; a pick also opens the scope for it).
import { open } from '@tauri-apps/plugin-dialog';
import { commands, type FileInfo, type ScopeFolder } from '../../gen/bindings';
import { call } from './call';
import { meteredChannel } from './stream';

export type { FileInfo, ScopeFolder };

/** `read_file`: the file's UTF-8 text (notUtf8, tooLarge, outsideScope, notFound …). */
export const readFile = (path: string) => call(commands.readFile(path));

/** `read_file_bytes`: the whole file as one ArrayBuffer (a raw IPC response, not JSON). */
export const readFileBytes = (path: string) => call(commands.readFileBytes(path));

/** Size and media type of a file in the scope. */
export const fileInfo = (path: string) => call(commands.fileInfo(path));

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
