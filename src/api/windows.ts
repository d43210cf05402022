// Secondary windows: on desktop each is a real window with its own capability; on mobile the
// command answers `route` and the caller shows the screen as a route of main. Opening a window
// that is open already focuses it.
import { commands, type WindowOpened } from '../../gen/bindings';
import { call } from './call';

export type { WindowOpened };

/** Opens or focuses the desktop sign-in window. */
export const openLoginWindow = () => call(commands.openLoginWindow());
/** Opens or focuses the desktop settings window. */
export const openSettingsWindow = () => call(commands.openSettingsWindow());
// #region recipe:emit-filter
/**
 * Shows `path` in the file viewer: Rust checks it is a readable file in the scope (typed
 * errors), opens or focuses the viewer, and sends it `open-file`.
 */
export const openFileViewer = (path: string) => call(commands.openFileViewer(path));
// #endregion recipe:emit-filter
/** Closes the calling window (a secondary window's Close button); it can close no other. */
export const closeWindow = () => call(commands.closeWindow());
