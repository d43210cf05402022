import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { greet, myCustomCommand, myCustomCommandSnake, withContext } from './commands';
import { AppError } from './errors';

afterEach(() => clearMocks());

function record() {
  const calls: { cmd: string; args: unknown }[] = [];
  return { calls, log: (cmd: string, args: unknown) => calls.push({ cmd, args }) };
}

describe('command wrappers', () => {
  it('send the seed argument names and resolve with the value', async () => {
    const { calls, log } = record();
    mockIPC((cmd, args) => {
      log(cmd, args);
      if (cmd === 'greet') return `Hello, ${(args as { name: string }).name}!`;
      if (cmd === 'with_context') return 'Called from window: main';
      return 'Hello from Rust!';
    });
    await expect(greet('World')).resolves.toBe('Hello, World!');
    await expect(myCustomCommand()).resolves.toBe('Hello from Rust!');
    await expect(myCustomCommand('Hello!')).resolves.toBe('Hello from Rust!');
    await expect(myCustomCommandSnake('Hello!')).resolves.toBe('Hello from Rust!');
    await expect(withContext()).resolves.toBe('Called from window: main');
    expect(calls).toEqual([
      { cmd: 'greet', args: { name: 'World' } },
      { cmd: 'my_custom_command', args: { invokeMessage: null } },
      { cmd: 'my_custom_command', args: { invokeMessage: 'Hello!' } },
      { cmd: 'my_custom_command_snake', args: { invoke_message: 'Hello!' } },
      { cmd: 'with_context', args: {} },
    ]);
  });

  it('reject typed command errors as AppError with the same kind', async () => {
    mockIPC(() => {
      throw { kind: 'invalidInput', message: 'invalid input: name must not be empty' };
    });
    const error = await greet(' ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'invalidInput', message: 'invalid input: name must not be empty' });
  });

  it('reject framework refusals of untyped commands as AppError too', async () => {
    mockIPC(() => {
      throw 'with_context not allowed on window "intruder", webview "intruder", URL: local';
    });
    await expect(withContext()).rejects.toMatchObject({ kind: 'permissionDenied' });
    await expect(myCustomCommandSnake('x')).rejects.toBeInstanceOf(AppError);
  });
});
