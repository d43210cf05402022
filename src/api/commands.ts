// Typed wrappers over the generated command bindings. Every wrapper resolves with the
// command's value or rejects with an AppError — never with a raw string or result object.
import { invoke } from '@tauri-apps/api/core';
import { commands } from '../../gen/bindings';
import { call } from './call';

// #region recipe:commands
/** `greet` → "Hello, {name}!"; blank → invalidInput, over 256 characters → tooLarge. */
export const greet = (name: string) => call<string>(commands.greet(name));
// #endregion recipe:commands

// #region recipe:arguments
/** `my_custom_command`, with or without `{ invokeMessage }` (camelCase, Tauri's default). */
export const myCustomCommand = (invokeMessage?: string) => call(commands.myCustomCommand(invokeMessage ?? null));

/**
 * `my_custom_command_snake` takes `{ invoke_message }` (rename_all = "snake_case").
 * Called directly: tauri-specta's generated wrapper always sends camelCase keys.
 */
export const myCustomCommandSnake = (invokeMessage: string) =>
  call(invoke<string>('my_custom_command_snake', { invoke_message: invokeMessage }));
// #endregion recipe:arguments

// #region recipe:injected
/** `with_context` → "Called from window: <label>" for the calling window. */
export const withContext = () => call(commands.withContext());
// #endregion recipe:injected
