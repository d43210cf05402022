// The isolation pattern's hook (a build with src-tauri/tauri.isolation.conf.json): every IPC
// message of the page passes through here, in a sandboxed iframe of its own origin, before Tauri
// encrypts it for Rust. This one lets every message through unchanged, so a bench of the
// isolation build measures the pattern's own cost (the iframe hop, the structured clone, the
// AES-GCM encryption and the number-array body) and nothing else.
window.__TAURI_ISOLATION_HOOK__ = (payload) => payload;
