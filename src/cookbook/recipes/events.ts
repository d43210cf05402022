// Recipes of events: global emits, emits aimed at one window or picked by a filter, a window's
// own listeners, the page emitting to Rust, once and unlisten, Rust's eval into the page, and the
// startup handshake that ties them together.
import type { Recipe } from '../model';

export const EVENT_RECIPES: Recipe[] = [
  {
    id: 'events-global',
    demo: 'jobs',
    title: 'Global events: one emit, every window hears it',
    summary:
      "A global emit (Rust's `app.emit`, the page's `emit`) reaches every listener of that event in every window, and Rust's own listeners. Each event is a typed struct whose kebab-case name is its wire name (tauri-specta's `Event`), so `broadcast` emits `BackendEvent` and the page listens through the typed `listenEvent`, usually with `useTauriEvent`, which unlistens when its component goes.",
    permissions: ['allow-broadcast', 'core:event:allow-listen', 'core:event:allow-emit'],
    figures: ['messages.events'],
    group: 'messages',
    seeds: ['startJob', 'userLoggedIn'],
    pitfalls: [
      {
        problem:
          '`core:event:allow-listen` lets a page hear every event, whatever its name and whoever it was emitted for: no payload is private to the window it was meant for.',
        remedy:
          'No event carries a secret: `login-result` and `user-logged-in` name the user, never a password or a token; a token is only ever the answer of an invoke.',
        test: { file: 'src-tauri/tests/secrets.rs', name: 'no_password_or_token_in_logs_events_or_errors' },
      },
      {
        problem:
          'Every listener in every window gets its own copy: the payload is serialized once, then evaluated into each webview as script, so a large one costs every window.',
        remedy:
          '`broadcast` refuses a message over 1,000 characters (`tooLarge`) before emitting anything; bulk data goes by channel or raw response, never by event.',
        test: { file: 'src-tauri/tests/windows.rs', name: 'broadcast_asks_rust_for_a_backend_event_to_every_window' },
      },
    ],
    keywords: 'emit listen app.emit broadcast backend-event job-progress job-done download-finished tauri-specta Event',
  },
  {
    id: 'emit-to',
    demo: 'settings',
    title: 'Emit to one window: emit_to and emitTo',
    summary:
      "`emit_to` (Rust) and `emitTo` (the page) aim an event at one target, a label, a `Window` or a `WebviewWindow`: only the listeners registered on that target (and plain `listen()` ones) hear it. Rust answers a `window-specific-event` to its own window with `emit_to(EventTarget::window(label))` (`login-result` goes to `login` the same way, in commands/auth.rs); main asks the settings window to change a preference with `emitTo('settings', 'settings-update-requested', …)`, opening it first and waiting for its `ready`.",
    permissions: ['core:event:allow-emit-to', 'allow-open-settings-window'],
    figures: ['messages.events'],
    group: 'messages',
    seeds: [],
    pitfalls: [
      {
        problem:
          'A target picks listeners, it does not hide the payload: a listener registered with plain `listen()` (target `Any`) hears every emit of its event, whichever window it was aimed at.',
        remedy:
          'A targeted event only asks: the settings window shows the request and changes nothing until the user presses Apply; no targeted payload carries a secret.',
        test: {
          file: 'e2e/events.e2e.ts',
          name: 'delivers settings-update-requested to the settings window alone, and Apply persists it',
        },
      },
      {
        problem:
          'On Android and iOS there is one webview, `main`: an event aimed at `settings` reaches no one, and nothing says so.',
        remedy:
          "`windowTarget` (and Rust's `window_target`) aim it at `main` there; the platform is Rust's `run_mode` answer, not the user agent (an iPad's WebView says Macintosh).",
        test: {
          file: 'src/api/events.test.ts',
          name: 'fall back to main where Rust says the platform is mobile, whatever the user agent says',
        },
      },
    ],
    keywords: 'emit_to emitTo EventTarget AnyLabel settings-update-requested login-result response-event',
  },
  {
    id: 'emit-filter',
    demo: 'events',
    title: 'Emit to chosen windows: emit_filter',
    summary:
      '`emit_filter` emits once and lets a closure pick which listener targets get it. `open_file_viewer` checks the path, opens or focuses the viewer, and `send_open_file` sends `open-file` to the `WebviewWindow` targets of `main` and `file-viewer` only; the viewer is sent its file again each time its page announces `ready`.',
    permissions: ['allow-open-file-viewer', 'core:event:allow-listen'],
    figures: [],
    seeds: [],
    pitfalls: [
      {
        problem:
          "`emit_filter` judges each listener's target, not the window it lives in: a plain `listen()` (target `Any`) hears the event in every window whatever the filter says, and a listener on a window's `Window` target fails a filter that matches `WebviewWindow`.",
        remedy:
          'The filter matches the `WebviewWindow` targets of main and the viewer, and those pages listen on exactly that target (scope `webviewWindow` in EVENT_CATALOG); the path it carries is no secret.',
        test: {
          file: 'e2e/events.e2e.ts',
          name: 'sends open-file to main and the file viewer, not to the settings window',
        },
      },
    ],
    keywords: 'emit_filter EventTarget WebviewWindow open-file file-viewer',
  },
  {
    id: 'window-events',
    demo: 'events',
    title: "Window-scoped events and a window's own Rust listeners",
    summary:
      "Every window the app builds gets its own Rust listener for `window-specific-event` (`window.listen`), registered and counted by the app's listener registry and unlistened when the window is destroyed; it answers its own window alone with `response-event` (see emit-to). On the page, `getCurrentWindow().listen` (scope `window`) hears global emits and those aimed at this window, while `Window.emit` is a global emit, heard by every window's listener.",
    permissions: ['core:event:allow-listen', 'core:event:allow-emit'],
    figures: [],
    seeds: ['windowScoped'],
    pitfalls: [
      {
        problem:
          "`new Window('main').emit(…)` looks scoped to main but is a global emit: every window's `window-specific-event` listener hears it.",
        remedy:
          "Each window's listener answers its own window only (`EventTarget::window(label)`), so every window gets one answer; to reach one window's listener, the page uses `emitTo` with that window.",
        test: { file: 'src-tauri/tests/windows.rs', name: 'window_specific_events_are_answered_to_that_window_only' },
      },
      {
        problem:
          '`EventTarget::window(label)` and `EventTarget::webview_window(label)` are different targets: a page listening with `getCurrentWebviewWindow().listen` never hears an emit aimed at its `Window`.',
        remedy:
          '`response-event` is aimed at the `Window` target and the page listens to it with scope `window` (`getCurrentWindow().listen`); EVENT_CATALOG records the scope of every event.',
        test: { file: 'src-tauri/tests/windows.rs', name: 'an_answer_reaches_the_window_it_names_only' },
      },
      {
        problem:
          "A Rust listener registered for a window must go with the window, or its closure (an `AppHandle`, the label) lives on and the app's own listener count drifts with every window opened and closed.",
        remedy:
          "The registry keeps each window's listener ids (`added_for_window`) and `on_window_event(Destroyed)` unlistens them (`window_gone`), beside Tauri 2.12's own purge; the Events view shows the count.",
        test: { file: 'e2e/lifecycle.e2e.ts', name: 'closing a real window takes its own Rust listener with it' },
      },
    ],
    keywords:
      'Window.listen getCurrentWindow window.listen window-specific-event response-event EventTarget::window Destroyed',
  },
  {
    id: 'js-to-rust',
    demo: 'events',
    title: 'Page to Rust: the page emits, Rust listens',
    summary:
      "The page emits (`emit('frontend-event', …)`, `emit('file-selected', path)`) and Rust listens with `app.listen`, through `wiring::listeners`, which counts every listener and each time one runs (`rust_listener_count`, shown on the Events view). Rust trusts no payload: `parse_payload` turns a malformed one into an error, and what it logs is escaped and capped.",
    permissions: ['core:event:allow-emit', 'allow-rust-listener-count'],
    figures: [],
    seeds: ['eventApi'],
    pitfalls: [
      {
        problem:
          'Any window can emit any event with any payload: a Rust listener that deserializes it with `unwrap` panics on the first malformed one.',
        remedy:
          'Every listener parses with `parse_payload`, which answers `invalidInput` for a malformed payload; the listener logs that and ignores the event.',
        test: { file: 'src-tauri/src/wiring/events.rs', name: 'payloads_from_javascript_are_parsed_without_panicking' },
      },
      {
        problem:
          'A payload logged as it came can forge log lines (a newline in it) or flood the log (100,000 characters).',
        remedy: '`for_log` escapes and caps it before it is logged.',
        test: {
          file: 'src-tauri/tests/windows.rs',
          name: 'rust_listeners_hear_the_events_js_emits_and_log_them_escaped_and_capped',
        },
      },
    ],
    keywords: 'emit app.listen Listener frontend-event file-selected parse_payload rust_listener_count',
  },
  {
    id: 'once-unlisten',
    demo: 'events',
    title: 'once, unlisten, and cleanup that cannot leak',
    summary:
      "Every listen resolves to an unlisten the caller must call; `once` unlistens itself after the first event. The page's `listenWire` registers its handler as @tauri-apps/api does but drops it itself on unlisten, and `useTauriEvent` / `useTauriOnce` tie a subscription to the component's scope, unlistening even when the scope ends before `listen()` has resolved. In Rust, `listeners::once` counts the handshake's `once('ready')` until it fires.",
    permissions: ['core:event:allow-listen', 'core:event:allow-unlisten'],
    figures: [],
    seeds: [],
    pitfalls: [
      {
        problem:
          "Tauri's `unlisten` finds the handler through an entry a separate `eval` writes into the page after `listen()` resolved: a view that unlistens at once leaves its handler, and all its closure holds, registered for good (436 of them after 1,000 view switches).",
        remedy:
          '`listenWire` keeps the handler id itself and unregisters it on unlisten, whether or not Tauri has written its entry, then tells Rust with `plugin:event|unlisten`.',
        test: {
          file: 'e2e/events.e2e.ts',
          name: 'keeps the live listener count after 1,000 view switches and 20 reloads',
        },
        link: 'https://github.com/tauri-apps/tauri/issues/15799',
      },
      {
        problem:
          'A component can go before its `listen()` has resolved: there is no unlisten function yet, and a cleanup that calls only what it has forgets the listener.',
        remedy:
          '`subscribe` remembers that it was stopped and unlistens as soon as `listen()` resolves; stopping again does nothing.',
        test: {
          file: 'src/composables/useTauriEvent.test.ts',
          name: 'unlistens when the scope is disposed before listen() resolves',
        },
      },
      {
        problem:
          "A `listen()` the capability refuses rejects, but @tauri-apps/api has already put its handler in Tauri's callback table, where it stays.",
        remedy: '`listenWire` unregisters the handler when the listen is refused.',
        test: { file: 'src/api/events.test.ts', name: 'drops its handler when Rust refuses the listen' },
      },
    ],
    keywords: 'once unlisten listen cleanup leak onScopeDispose useTauriEvent useTauriOnce transformCallback',
  },
  {
    id: 'eval',
    demo: 'events',
    title: 'Rust runs JavaScript in the page: webview.eval',
    summary:
      "`webview.eval` runs a script in a webview's page, fire-and-forget: no result comes back. After the handshake Rust evaluates a constant script in main that logs and dispatches the `ipc-lab:eval` DOM event, which the page hears with a plain `addEventListener`, set before it announces `ready`. The page needs no permission: the script comes from Rust.",
    permissions: [],
    figures: ['messages.runCallback', 'json.eval'],
    group: 'messages',
    seeds: [],
    pitfalls: [
      {
        problem:
          '`eval` returns once the script is handed to the webview: nothing comes back, and a script evaluated before the page has set up what it calls (or while it reloads) is lost without a word.',
        remedy:
          "Rust evaluates only in answer to the page's `ready`, which the page emits after adding its DOM listener; the script reports through a DOM event, not a return value.",
        test: { file: 'e2e/commands.e2e.ts', name: 'connects: ready, eval from Rust, and backend-event' },
      },
    ],
    keywords: 'eval webview.eval evaluate script dispatchEvent CustomEvent ipc-lab:eval',
  },
  {
    id: 'handshake',
    demo: 'events',
    title: 'The ready handshake: listen first, then announce',
    summary:
      "Events are not kept for a page that does not listen yet, so each page subscribes first and announces `ready` only once every listener is registered in Rust (`announceWhenListening`). Rust answers the app's first `ready` (`app.once`): it evaluates a script in main and broadcasts `backend-event`. main.ts starts the handshake before the app mounts; the secondary windows announce `ready` the same way.",
    permissions: ['core:event:allow-listen', 'core:event:allow-emit'],
    figures: [],
    seeds: [],
    pitfalls: [
      {
        problem:
          "An event reaches only the listeners registered when it is emitted: an answer Rust sends before the page's `listen()` has reached Rust is lost, and calling `listen()` without awaiting it is not enough.",
        remedy:
          '`startHandshake` adds the eval DOM listener, subscribes to `ready` (once) and `backend-event`, waits until each `listen()` has resolved, and only then emits `ready`.',
        test: { file: 'e2e/commands.e2e.ts', name: 'connects: ready, eval from Rust, and backend-event' },
      },
      {
        problem:
          'A window Rust has just built hears nothing until its page has loaded and subscribed: an event sent to it at once is lost.',
        remedy:
          'The viewer announces `ready` once it listens, and Rust sends it its file on every `ready` from `file-viewer` (a forged one only sends the same file again).',
        test: {
          file: 'src-tauri/tests/windows.rs',
          name: 'open_file_reaches_exactly_main_and_the_viewer_once_the_viewer_is_ready',
        },
      },
    ],
    keywords: 'ready handshake app.once startup early events announceWhenListening lost events',
  },
];
