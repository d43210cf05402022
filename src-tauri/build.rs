include!("src/commands/list.rs");

/// The IPC name of every command in the list.
macro_rules! command_names {
    ($($module:ident::$name:ident $(<$runtime:ident>)?,)*) => {
        &[$(stringify!($name)),*]
    };
}

fn main() {
    // The command list is included above; tauri-build's own rerun lines do not name it.
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    const COMMANDS: &[&str] = app_commands!(command_names);
    let mut attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if target_is_windows_msvc() {
        attributes = attributes
            .windows_attributes(tauri_build::WindowsAttributes::new_without_app_manifest());
        embed_windows_manifest_in_every_binary();
    }
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}

/// The target (not the machine building it) is Windows with the MSVC linker.
fn target_is_windows_msvc() -> bool {
    let cfg = |name: &str| std::env::var(name).unwrap_or_default();
    cfg("CARGO_CFG_TARGET_OS") == "windows" && cfg("CARGO_CFG_TARGET_ENV") == "msvc"
}

/// tauri-build links its app manifest (Common Controls 6) into the app binary only
/// (`rustc-link-arg-bins`), so a test binary loads comctl32 5, which lacks `TaskDialogIndirect`,
/// and stops with `STATUS_ENTRYPOINT_NOT_FOUND` before any test runs (tauri issue 13419; Windows
/// Server 2025 runners). The same manifest, given to the linker for every binary instead, as a
/// Tauri maintainer suggests there.
fn embed_windows_manifest_in_every_binary() {
    let manifest =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("windows-app-manifest.xml");
    println!("cargo:rerun-if-changed={}", manifest.display());
    println!("cargo:rustc-link-arg=/MANIFEST:EMBED");
    println!("cargo:rustc-link-arg=/MANIFESTINPUT:{}", manifest.display());
}
