// Recipes of streams and their control: a tagged-enum Channel, raw binary frames and the app's
// own bounded delivery of them, a batching channel, cancelling long-running work with exactly one
// terminal message, and the URL scope a capability attaches to the network commands.
import type { Recipe } from '../model';

export const CHANNEL_RECIPES: Recipe[] = [
  {
    id: 'channel-enum',
    demo: 'downloads',
    title: 'A tagged-enum Channel (download events)',
    summary:
      '`download` takes an optional `Channel<DownloadEvent>`: a Rust enum serialized with `#[serde(tag = "event", content = "data")]`, so every message is `{ event: \'started\', data: { … } }` and tauri-specta exports it as a TypeScript discriminated union the page switches on. Every download that got an id ends with exactly one `finished`, `failed` or `cancelled` message.',
    permissions: ['allow-download'],
    figures: ['messages.channel'],
    group: 'messages',
    seeds: ['downloadChannel'],
    pitfalls: [
      {
        problem:
          '`rename_all = "camelCase"` on an enum renames only its variants: the fields inside them would still go out as `download_id` and `chunk_length`, and the seed\'s `event.data.downloadId` would be `undefined`.',
        remedy:
          'DownloadEvent also has `rename_all_fields = "camelCase"`; the test checks each message\'s exact JSON, keys included, against what the TypeScript union declares.',
        test: {
          file: 'src-tauri/tests/downloads.rs',
          name: 'the_seed_download_with_on_event_streams_started_progress_finished_and_emits_the_events',
        },
      },
      {
        problem:
          "Tauri's own `Channel<T>` argument is required: the seed's `invoke('download', { url })` without `onEvent` would be refused with an argument error.",
        remedy:
          'The command takes `OptionalChannel<DownloadEvent>`, which accepts a missing or `null` channel; the download then still runs and emits the app-wide `download-*` events.',
        test: {
          file: 'src-tauri/tests/downloads.rs',
          name: 'the_seed_download_without_a_channel_still_emits_the_events',
        },
      },
      {
        problem:
          "After a reload nobody reads the old page's channel: messages sent to it would pile up for a page that is gone, or an error from the channel would end the download.",
        remedy:
          'The channel is a `PageChannel`: once its page is gone `send_now` refuses (`cancelled`), the sink only logs it, and the download goes on; the reloaded page follows it through `list_downloads`.',
        test: {
          file: 'src-tauri/tests/downloads.rs',
          name: 'after_a_reload_the_download_goes_on_and_list_downloads_follows_it',
        },
      },
    ],
    keywords: 'serde tag content discriminated union DownloadEvent onEvent OptionalChannel download progress',
  },
  {
    id: 'channel-frames',
    demo: 'files',
    title: 'Raw binary frames on a channel',
    summary:
      "A command streams `ArrayBuffer` frames on a channel (`load_image` sends a file in 1 MiB chunks, `bench_channel` sends the bench's frames). The app replaces Tauri's delivery with `Builder::channel_interceptor`: small messages are evaluated in the page as Tauri does, large ones wait in the page's bounded outbox and the page fetches them by sequential id from the `frames:` URI scheme; the sender waits for room. The command answers once Rust has sent the last frame, so the page waits until every byte it was told of has arrived.",
    permissions: ['allow-load-image', 'allow-bench-channel'],
    figures: ['bulk.channel.1048576x1', 'bulk.channel.262144x4', 'bulk.channel.65536x4'],
    group: 'bulk',
    seeds: [],
    pitfalls: [
      {
        problem:
          'Tauri 2.12 has the page fetch every large channel message (raw ≥ 1 KiB, JSON ≥ 8 KiB) by an `invoke` whose callback ids are random and never checked against the ones in use: with ~10⁵ in flight two share an id, a message is lost, and the Channel holds back every later one.',
        remedy:
          'Large frames are fetched from the `frames:` scheme by a sequential id per page, with no invoke and no callback id; the self-test streams raw and JSON messages across both thresholds and checks each arrives once, in order.',
        test: {
          file: 'src/bench/selfTest/channelSuite.ts',
          name: 'strictly in order and exactly once: message i carries sequence number i',
        },
      },
      {
        problem:
          "Tauri keeps each large message in Rust until the page fetches it, forever if it never does: a page that replaces `window.fetch`, or simply falls behind, makes the app's memory grow without bound.",
        remedy:
          "Every message counts against the page's outbox budget until the page has taken it; senders wait for room, and a page that takes nothing for the stall ends its streams with `timeout`, dropping what it held.",
        test: {
          file: 'src-tauri/tests/channel_memory.rs',
          name: 'a_page_that_never_fetches_pins_at_most_its_budget_and_its_stalled_streams_end_freeing_it',
        },
      },
      {
        problem:
          'When the page reloads mid-stream, its frames are never fetched and a sender waiting for room would wait for a page that is gone.',
        remedy:
          "The page's outbox is dropped with the page, and a sender waiting for room fails with `cancelled` at once.",
        test: {
          file: 'src-tauri/tests/channels.rs',
          name: 'a_reload_drops_what_the_page_held_and_cancels_the_waiting_stream',
        },
      },
    ],
    keywords: 'ArrayBuffer raw bytes frames scheme channel_interceptor outbox budget backpressure load_image stream',
  },
  {
    id: 'channel-batched',
    demo: 'bench',
    title: 'A batching channel sender',
    summary:
      'Tauri delivers each small channel message by one `eval` in the page, so thousands of tiny messages pay that cost thousands of times. `BatchedChannel<T>` is a command argument that gathers messages into JSON arrays (under 8000 bytes, or after 16 ms) and sends each as one frame; the page unpacks the frames in order with `batchedChannel`. The bench (`bench_batched`) is its only user.',
    permissions: ['allow-bench-batched'],
    figures: ['messages.batched', 'messages.channel'],
    group: 'messages',
    seeds: [],
    pitfalls: [
      {
        problem:
          "A frame of 8192 bytes of JSON or more leaves Tauri's eval path and costs the page a fetch, and a batch that grows without limit holds messages back.",
        remedy:
          'A batch goes out at 8000 bytes of JSON, under the eval threshold, and a single larger message goes alone after the batch before it; the test checks every frame of a 5,000-message run is evaluated JSON under 8192 bytes, each message once and in order.',
        test: {
          file: 'src-tauri/tests/bench.rs',
          name: 'a_batched_run_arrives_as_json_arrays_in_order_under_the_eval_threshold',
        },
      },
      {
        problem:
          'The last messages of a stream can sit in a half-full batch: the page waits for them, or they arrive after the command has answered.',
        remedy:
          'A task of its own sends a batch once its first message has waited 16 ms, and `finish` sends the last message with everything still waiting before the command answers.',
        test: {
          file: 'src-tauri/src/services/transport/batch.rs',
          name: 'a_batch_goes_out_once_its_first_message_has_waited_its_delay',
        },
      },
      {
        problem:
          'The page receives frames, not messages: counting frames, or handing a frame on as one message, breaks a caller that waits for N messages.',
        remedy:
          '`batchedChannel` hands each message of each frame on in order (the Channel puts frames back in order by index), and `arrived` counts messages.',
        test: {
          file: 'src/api/stream.test.ts',
          name: 'hands each message of each frame on in order, and counts messages, not frames',
        },
      },
    ],
    keywords: 'batch coalesce eval frames JSON array BatchedChannel batchedChannel throughput small messages',
  },
  {
    id: 'cancellation',
    demo: 'jobs',
    title: 'Cancellation with exactly one terminal message',
    summary:
      "Hash jobs and downloads share `services::work::Registry`: each item gets an id and a `CancellationToken`, `cancel_job` and `cancel_download` fire it (idempotent, `notFound` for an id that never was), and the work watches it while it waits for a place and while it runs. `Registry::end` moves an item to the ended list once, its state written from the outcome, and only then does its owner send the one terminal message: a `job-update` in an ended state, or `DownloadEvent::Cancelled` on the download's channel. The page asks to cancel and waits for that message.",
    permissions: ['allow-cancel-download', 'allow-cancel-job'],
    figures: [],
    seeds: [],
    pitfalls: [
      {
        problem:
          'A cancel flag looked at only between chunks does nothing while the work waits: a download stalled on its server goes on until the next byte or the stall timeout.',
        remedy:
          'The download runs inside `tokio::select!` with `cancel.cancelled()` first, so a cancel drops it at once, and with it the hidden temp file: nothing partial stays in the folder.',
        test: {
          file: 'src-tauri/tests/downloads.rs',
          name: 'cancel_download_at_half_way_resolves_within_a_second_and_leaves_nothing',
        },
      },
      {
        problem:
          'Work that ends by a cancel racing its own ending can report twice (`cancelled`, then `finished`), or never, and the page shows the wrong state.',
        remedy:
          '`Registry::end` takes the item out of the active ones once and answers `None` after that; the one ended update is sent from there, so it is the only one and the last.',
        test: {
          file: 'src-tauri/tests/jobs.rs',
          name: 'a_job_cancelled_mid_way_ends_once_as_cancelled_within_a_second',
        },
      },
      {
        problem:
          'A queued item waiting for a place does not see its cancel until it gets one, and then starts the work it was told to drop.',
        remedy:
          '`Registry::place` waits for a place and for the cancel at once (the cancel checked first); a queued download cancelled before it starts sends `queued`, then `cancelled`, and nothing else.',
        test: { file: 'src-tauri/tests/net.rs', name: 'a_queued_download_can_be_cancelled_before_it_starts' },
      },
    ],
    keywords: 'cancel abort CancellationToken tokio select terminal message jobs downloads idempotent',
  },
  {
    id: 'capabilities',
    demo: 'downloads',
    title: 'Capabilities and command scopes (the network URL scope)',
    summary:
      'The main window\'s capability grants the `network` set with `allow: [{ "url": … }]` entries. Tauri hands the entries the capability attached to the command\'s permission to the command (`CommandScope<UrlEntry>`, here read by the injected `CallerUrlScope` argument), each one deserialized into a URL pattern. Tauri enforces none of it: the command checks every URL before anything is sent (http or https only, no credentials, never a link-local or metadata address, a deny entry wins, an allow entry must match), and the HTTP client checks every redirect hop again. The page passes only the URL; a refused one rejects with `outsideScope`.',
    permissions: ['allow-fetch-data', 'allow-download'],
    figures: [],
    seeds: [],
    pitfalls: [
      {
        problem:
          "A capability's scope is only data handed to the command: nothing is enforced unless the command checks it, and `CommandScope::matches` even allows everything when there are no allow entries.",
        remedy:
          '`UrlScope::check` runs before the download gets an id or a request is sent: a deny entry wins and an allow entry must match (an empty scope allows nothing). The test gives a window a narrow capability and checks both commands refuse what it leaves out, with nothing sent.',
        test: {
          file: 'src-tauri/tests/downloads.rs',
          name: 'the_windows_capability_decides_which_urls_it_reaches_before_anything_is_sent',
        },
        link: 'https://docs.rs/tauri/2.12.5/tauri/ipc/struct.CommandScope.html#method.matches',
      },
      {
        problem:
          'A broad allow entry such as `http://*` also reaches 169.254.169.254 (the cloud metadata service), `0.0.0.0` or the same address spelled as IPv6.',
        remedy:
          'Link-local, metadata, unspecified, multicast and broadcast addresses are refused whatever the scope, IPv4 written as IPv6 judged as the IPv4 address it is; the names a URL gives are checked again as they resolve.',
        test: {
          file: 'src-tauri/src/services/net/url_scope.rs',
          name: 'link_local_metadata_and_unspecified_addresses_are_refused_even_when_allowed',
        },
      },
      {
        problem:
          'An allowed URL can redirect outside the scope, and an HTTP client that follows redirects by itself goes along.',
        remedy:
          'The client follows no redirect itself: `HttpClient::get` follows them one hop at a time, checking each against the scope and the address policy before it is requested, and counts them.',
        test: { file: 'src-tauri/tests/net.rs', name: 'a_url_outside_the_scope_is_refused_before_anything_is_sent' },
      },
    ],
    keywords: 'ACL capability permission scope allow deny url pattern CommandScope SSRF redirect outsideScope',
  },
];
