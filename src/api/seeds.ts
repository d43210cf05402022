// Every JavaScript snippet of the seed documents (../shared/seeds/*.txt), VERBATIM, each as the
// body of a function the self-test runs against the live app (src/bench/selfTest/seedSuite.ts
// says what each must do). What is not the seed's own text is marked:
// - the seeds' `import` lines stand here at the top (an import cannot stand inside a function);
// - a snippet that is one expression statement is the function's value (so its promise is seen);
// - `return …; // (added)` after a snippet hands the self-test a value the snippet kept in a local;
// - `// @ts-expect-error` marks a local or a parameter the seed declares and never reads.
// Nothing inside a snippet is changed: the self-test observes what it logs and returns.
// Seed 003 (tauri-core-ipc) has no code, only prose: nothing of it runs here.
/* eslint-disable @typescript-eslint/no-unused-vars -- the seeds declare values they never read */

// 000 "Invoking from Frontend": import { invoke } from '@tauri-apps/api/core';
// 000 "Channels", 001 "Channels for High-Throughput Streaming": import { invoke, Channel } from '@tauri-apps/api/core';
// 002 "2. Frontend invoke": import { invoke } from "@tauri-apps/api/core";
import { invoke, Channel } from '@tauri-apps/api/core';
// 000 "Frontend to Frontend": import { emit, listen } from '@tauri-apps/api/event';
// 001 "Frontend Event Listening": import { listen, once, emit, emitTo } from '@tauri-apps/api/event';
// 002 "3. Events": import { listen } from "@tauri-apps/api/event";
import { listen, once, emit, emitTo } from '@tauri-apps/api/event';
// 000 "Window-Scoped Events": import { Window } from '@tauri-apps/api/window';
import { Window } from '@tauri-apps/api/window';
// 001 "Frontend Event Listening" types its listener with the seed's Rust `DownloadStarted`.
import type { DownloadStarted } from '../../gen/bindings';

/** The seed snippets by name; the comment above each says which seed and heading it is from. */
export const SEEDS = {
  // 000 "Invoking from Frontend"
  greet: async () => {
    const greeting = await invoke<string>('greet', { name: 'World' });
    return greeting; // (added)
  },

  // 000 "Error Handling": "Frontend receives errors as rejected Promises"
  readMissing: async () => {
    try {
      // @ts-expect-error the seed never reads `content`
      const content = await invoke<string>('read_file', { path: '/missing' });
    } catch (error) {
      console.error(error);
    }
  },

  // 000 "Channels (Streaming Data)"
  streamProgress: async () => {
    const onProgress = new Channel<number>();
    onProgress.onmessage = (progress) => {
      console.log(`Progress: ${progress}%`);
    };

    await invoke('stream_progress', { onProgress });
  },

  // 000 "Events" › "Frontend to Frontend"
  userLoggedIn: async () => {
    const unlisten = await listen<string>('user-logged-in', (event) => {
      console.log(event.payload);
    });

    await emit('user-logged-in', 'alice');

    unlisten();
  },

  // 000 "Window-Scoped Events"
  windowScoped: async () => {
    const mainWindow = new Window('main');
    await mainWindow.emit('window-specific-event', { data: 'value' });

    const unlisten = await mainWindow.listen('response-event', (event) => {
      console.log(event.payload);
    });
    return unlisten; // (added)
  },

  // 001 "Invoke from JavaScript"
  myCustomCommand: () => invoke('my_custom_command'),

  // 001 "Passing Arguments"
  myCustomCommandMessage: () => invoke('my_custom_command', { invokeMessage: 'Hello!' }),

  // 001 "Returning Data"
  myCustomCommandReturn: async () => {
    const message = await invoke('my_custom_command');
    return message; // (added)
  },

  // 001 "Error Handling"
  loginWrongPassword: () =>
    invoke('login', { user: 'tauri', password: 'pass' })
      .then((msg) => console.log(msg))
      .catch((err) => console.error(err)),

  // 001 "Channels for High-Throughput Streaming" › "JavaScript"
  downloadChannel: async () => {
    type DownloadEvent =
      | { event: 'started'; data: { url: string; downloadId: number; contentLength: number } }
      | { event: 'progress'; data: { downloadId: number; chunkLength: number } }
      | { event: 'finished'; data: { downloadId: number } };

    const onEvent = new Channel<DownloadEvent>();
    onEvent.onmessage = (message) => {
      console.log(`got download event ${message.event}`);
    };

    await invoke('download', { url: 'https://example.com/file', onEvent });
  },

  // 001 "Frontend Event Listening"
  eventApi: async () => {
    // Listen
    const unlisten = await listen<DownloadStarted>('download-started', (event) => {
      console.log(event.payload.url);
    });
    unlisten(); // cleanup

    // Listen once
    // @ts-expect-error the seed never reads `event`
    await once('ready', (event) => {});

    // Emit to backend
    await emit('file-selected', '/path/to/file');

    // Emit to specific window
    await emitTo('settings', 'settings-update-requested', { key: 'notification', value: 'all' });
  },

  // 002 "2. Frontend invoke"
  greetAndReadHosts: async () => {
    const msg = await invoke<string>('greet', { name: 'World' });
    try {
      // @ts-expect-error the seed never reads `content`
      const content = await invoke<string>('read_file', { path: '/etc/hosts' });
    } catch (e) {
      console.error(e);
    }
    return msg; // (added)
  },

  // 002 "3. Events"
  startJob: async () => {
    const unlisten = await listen<number>('job-progress', (e) => {
      console.log('progress:', e.payload);
    });
    await invoke('start_job');
    unlisten();
  },
} as const satisfies Record<string, () => Promise<unknown>>;

export type SeedName = keyof typeof SEEDS;
