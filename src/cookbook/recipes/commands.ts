// Recipes of request/response calls: commands, their arguments and errors, what Tauri injects,
// raw bodies and raw answers.
import type { Recipe } from '../model';

export const COMMAND_RECIPES: Recipe[] = [
  {
    id: 'commands',
    demo: 'commands',
    title: 'Sync and async commands',
    summary:
      'A #[tauri::command] answers one invoke: a plain fn (greet) runs on the main thread, an async fn (read_file) on the async runtime, so file and network work never holds up the UI. The page calls it through the typed bindings tauri-specta generates, wrapped once in src/api so every failure becomes one AppError; useAsyncCall gives a view its value, error and busy state.',
    permissions: ['allow-greet', 'allow-read-file'],
    figures: ['invoke.sync.p50', 'invoke.async.p50', 'invoke.sync.p99', 'invoke.async.p99'],
    group: 'invoke',
    seeds: ['greet', 'greetAndReadHosts'],
    pitfalls: [
      {
        problem:
          'Registering a command in invoke_handler is not enough in Tauri 2: the call is refused ("… not allowed on window …") until a capability grants its permission to the calling window, and a permission granted to every window opens the command to pages that never need it.',
        remedy:
          "Each command has its own allow-<command> permission, grouped in sets (src-tauri/permissions) that each window's capability lists; a test calls every command from every window and checks it runs exactly where a capability grants it.",
        test: { file: 'src-tauri/tests/acl.rs', name: 'every_command_against_every_window' },
      },
      {
        problem:
          'Hand-written invoke("name", { args }) strings and result types drift from the Rust signatures: a renamed command or argument fails only at run time.',
        remedy:
          'gen/bindings.ts is generated from the commands by tauri-specta and src/api calls only those typed functions (or invoke where the bindings cannot express the call); a test fails when the committed bindings are stale.',
        test: { file: 'src-tauri/tests/bindings.rs', name: 'committed_bindings_are_current' },
      },
    ],
    keywords: 'invoke tauri::command async sync main thread specta bindings useAsyncCall greet read_file',
  },
  {
    id: 'arguments',
    demo: 'commands',
    title: 'Arguments and their casing',
    summary:
      'Tauri deserializes each argument from a key of the invoke object: camelCase by default (invoke_message is sent as invokeMessage), snake_case with #[tauri::command(rename_all = "snake_case")]. my_custom_command takes an optional invokeMessage; its twin my_custom_command_snake requires invoke_message, and every string from the page is checked for blank and oversized values before it is used or logged.',
    permissions: ['allow-my-custom-command', 'allow-my-custom-command-snake'],
    figures: [],
    seeds: ['myCustomCommand', 'myCustomCommandMessage', 'myCustomCommandReturn'],
    pitfalls: [
      {
        problem:
          'On a rename_all = "snake_case" command a camelCase key is simply not the argument: an Option<String> would silently stay None and the message would vanish.',
        remedy:
          'The snake_case twin makes the message required, so { invokeMessage } is refused loudly ("missing required key invoke_message"), and a wrong type is refused as "invalid args".',
        test: { file: 'src-tauri/tests/ipc.rs', name: 'the_snake_case_twin_takes_snake_case_arguments' },
        link: 'https://v2.tauri.app/develop/calling-rust/#passing-arguments',
      },
      {
        problem:
          "tauri-specta's generated wrapper camelCases every argument key, even for a snake_case command, so commands.myCustomCommandSnake sends invokeMessage and is refused.",
        remedy:
          'src/api calls that one command with invoke directly and the snake_case key; a test pins the exact keys each wrapper sends.',
        test: { file: 'src/api/commands.test.ts', name: 'send the seed argument names and resolve with the value' },
      },
      {
        problem:
          'A page can send a blank string or megabytes of text for a name: echoed back, logged or stored, it floods the log and the answer.',
        remedy:
          'greet refuses a blank name (invalidInput) and one over 256 characters (tooLarge, with a short message that does not quote it); logged page text goes through for_log, escaped and capped.',
        test: { file: 'src-tauri/tests/ipc.rs', name: 'greet_rejects_bad_names_with_the_error_contract' },
      },
    ],
    keywords: 'camelCase snake_case rename_all invokeMessage invoke_message Option validation',
  },
  {
    id: 'typed-errors',
    demo: 'account',
    title: 'One error contract: { kind, message }',
    summary:
      'Every command returns Result<T, Error>; the Rust Error (thiserror) serializes as exactly { kind, message }, kind one of a small camelCase ErrorKind the page narrows on. On the page, call() turns every failure (a typed error, or a plain string Tauri rejects with) into an AppError with the same kind.',
    permissions: ['allow-read-file', 'allow-login'],
    figures: [],
    seeds: ['readMissing', 'loginWrongPassword'],
    pitfalls: [
      {
        problem:
          "A thiserror enum does not cross the IPC boundary as it is: returning String errors leaves the page parsing text, and serde's default enum form changes shape with every variant.",
        remedy:
          'Error implements Serialize through to_ipc(): always the two fields kind and message; a test pins the exact JSON of every kind.',
        test: { file: 'src-tauri/src/error.rs', name: 'every_kind_serializes_as_kind_and_message' },
        link: 'https://v2.tauri.app/develop/calling-rust/#error-handling',
      },
      {
        problem:
          "Tauri itself rejects with plain strings before a command runs (an ACL refusal, invalid args, an unknown command), not with the command's error type.",
        remedy:
          'toAppError classifies those strings into the same contract: permissionDenied, invalidInput, notFound, else internal.',
        test: {
          file: 'src/api/errors.test.ts',
          name: 'classifies the plain strings Tauri rejects with before a command runs',
        },
      },
      {
        problem:
          "tauri-specta's typed wrappers of Result commands resolve with { status: 'error', error } instead of rejecting: code that only catches treats a failure as a value.",
        remedy:
          'Every wrapper in src/api goes through call(), which unwraps { status, data } and throws the AppError, so a failed call always rejects.',
        test: { file: 'src/api/commands.test.ts', name: 'reject typed command errors as AppError with the same kind' },
      },
    ],
    keywords: 'error Result thiserror serialize kind message AppError ErrorKind reject catch',
  },
  {
    id: 'injected',
    demo: 'commands',
    title: 'Injected State, AppHandle and WebviewWindow',
    summary:
      "A command can ask for what Tauri knows rather than what the page sends: State<'_, T> (state managed once at startup), the AppHandle, and the calling WebviewWindow. with_context answers with the label of the window that called it; the page passes no argument at all.",
    permissions: ['allow-with-context'],
    figures: [],
    seeds: [],
    pitfalls: [
      {
        problem: "A command that takes the caller's window (or user) as an argument believes whatever the page claims.",
        remedy:
          'Commands read the caller from the injected WebviewWindow, as with_context does: sessions and upload tokens are keyed on its label, so a token fetched by main is refused from another window.',
        test: {
          file: 'src-tauri/tests/auth.rs',
          name: 'tokens_go_only_to_the_window_that_asked_and_never_into_events_or_errors',
        },
      },
      {
        problem:
          'A command written against the concrete Wry types can only run inside the real webview, so what it injects is never tested.',
        remedy:
          "Commands are generic over R: Runtime (AppHandle<R>, WebviewWindow<R>), so the integration tests call them through tauri::test's MockRuntime, with the real ACL, from named windows.",
        test: { file: 'src-tauri/tests/ipc.rs', name: 'with_context_names_the_calling_window' },
      },
    ],
    keywords: 'State AppHandle WebviewWindow Window manage inject label Runtime MockRuntime',
  },
  {
    id: 'raw-request',
    demo: 'files',
    title: 'Raw request body and headers',
    summary:
      'invoke(cmd, bytes, { headers }) sends the bytes as the raw request body, with no JSON encoding; the command takes the request (here RawRequest, a borrowed tauri::ipc::Request that the bindings leave out) and reads its body and headers. upload checks an Authorization: Bearer token and an X-File-Name header, then the size, then writes the body where it lies.',
    permissions: ['allow-upload', 'allow-upload-token', 'allow-raw-handler'],
    figures: ['up.raw.1048576', 'up.base64.1048576', 'up.jsonArray.1048576'],
    group: 'up',
    seeds: [],
    pitfalls: [
      {
        problem:
          'Over the postMessage transport (Android, or wherever the ipc: custom protocol failed) there are no raw bodies: the bytes arrive as JSON, a number array, and a command that only accepts InvokeBody::Raw refuses them.',
        remedy:
          "upload_bytes accepts a raw body, a JSON number array (each item checked as a byte) and a base64 string; the page sends base64 on Android, a third of the array's size.",
        test: {
          file: 'src-tauri/tests/auth.rs',
          name: 'number_array_and_base64_json_bodies_are_accepted_like_a_raw_one',
        },
        link: 'https://github.com/tauri-apps/tauri/issues/10573',
      },
      {
        problem:
          'A raw body has no size limit of its own: copying it (to_vec) or decoding it before checking lets a page make the app hold any amount of memory.',
        remedy:
          'The size is checked on the borrowed body before anything is copied (32 MiB for upload, tooLarge past it), and a raw body is written without a copy.',
        test: {
          file: 'src-tauri/src/services/transport/raw_body.rs',
          name: 'raw_number_array_and_base64_bodies_give_the_same_bytes',
        },
      },
      {
        problem:
          "Headers are not passed through unchanged: over the ipc: protocol Tauri sets Content-Type itself from the body (application/octet-stream), while over postMessage the headers are exactly the ones the page wrote, Tauri's own included.",
        remedy:
          "raw_handler reports the Content-Type it got and the self-test expects the transport's own; no decision rests on a header Tauri may replace, and the token must be in Authorization on either transport.",
        test: {
          file: 'src/bench/selfTest/seedSuite.ts',
          name: "DESIGN raw_handler echoes the Content-Type header (the ipc: protocol's application/octet-stream, or application/json under isolation; postMessage's the caller's own)",
        },
      },
    ],
    keywords:
      'raw body ArrayBuffer Uint8Array headers Authorization Bearer upload InvokeBody Request postMessage Android base64',
  },
  {
    id: 'raw-response',
    demo: 'files',
    title: 'Raw response: tauri::ipc::Response',
    summary:
      'A command that answers a tauri::ipc::Response sends its bytes as they are, and the page gets an ArrayBuffer instead of a JSON number array. read_file_bytes answers a whole file this way (at most 64 MiB); the Files view uses it up to 4 MiB and reads a larger file (up to 256 MiB) in 4 MiB raw pieces (read_file_chunk), two at a time, with progress and a cancel.',
    permissions: ['allow-read-file-bytes', 'allow-read-file-chunk'],
    figures: ['down.raw.1048576', 'down.jsonArray.1048576', 'bulk.response', 'bulk.app'],
    group: 'down',
    seeds: [],
    pitfalls: [
      {
        problem:
          'Returning Vec<u8> serializes the bytes as a JSON number array: several times their size, encoded in Rust and parsed in the page.',
        remedy:
          'read_file_bytes answers RawBytes, whose IpcResponse is a tauri::ipc::Response (typed ArrayBuffer in the bindings); a test checks the answer is a raw body, not JSON.',
        test: { file: 'src-tauri/tests/files.rs', name: 'read_file_bytes_answers_a_raw_array_buffer' },
      },
      {
        problem:
          "A size checked from the file's metadata is stale once the file grows while it is read: the whole answer sits in memory before it is sent.",
        remedy: 'read_bytes reads at most the cap plus one byte (take) and refuses with tooLarge when it got more.',
        test: { file: 'src-tauri/src/services/fs/files.rs', name: 'the_cap_holds_even_when_the_length_was_stale' },
      },
      {
        problem: 'One Response of a large file gives the page no progress and no way to stop it.',
        remedy:
          'Files over 4 MiB are read in 4 MiB raw pieces, two at once (readFileChunked); useChunkedRead shows the progress, and Cancel starts no new piece and reports cancelled.',
        test: { file: 'src/views/FilesView.test.ts', name: 'stops a read in pieces on Cancel, and says so' },
      },
    ],
    keywords: 'tauri::ipc::Response ArrayBuffer bytes binary Vec<u8> JSON array chunk piece download file',
  },
  {
    id: 'channel',
    demo: 'commands',
    title: 'Streaming on a Channel<number>',
    summary:
      'A command takes a tauri::ipc::Channel<T> argument and sends on it as often as it likes while the invoke is pending; the page creates the Channel, sets onmessage and passes it as an argument. stream_progress sends 0 to 100 in order on a Channel<number>, through PageChannel, a Channel that waits while the page holds its budget and stops once the page is gone.',
    permissions: ['allow-stream-progress'],
    figures: ['messages.channel'],
    group: 'messages',
    seeds: ['streamProgress'],
    pitfalls: [
      {
        problem:
          'A Channel outlives the page that created it: after a reload or navigation the command keeps sending into a page that no longer listens.',
        remedy:
          'PageChannel knows the page it was created for: once that page is gone send returns cancelled, and the command stops at that first error.',
        test: { file: 'src-tauri/tests/files.rs', name: 'load_image_stops_once_the_page_that_asked_is_gone' },
        link: 'https://github.com/tauri-apps/tauri/pull/13288',
      },
      {
        problem:
          'Channel::send never waits: a page slow to run its messages (or one that never does) makes them pile up in memory without bound.',
        remedy:
          'PageChannel::send waits while the page holds its budget of messages it has not run yet, and ends the stream with timeout when the page takes nothing for too long.',
        test: { file: 'src-tauri/tests/channels.rs', name: 'small_messages_count_until_the_page_has_run_them' },
      },
    ],
    keywords: 'Channel onmessage stream progress send order backpressure',
  },
];
