include!("src/commands/list.rs");

/// The IPC name of every command in the list.
macro_rules! command_names {
    ($($module:ident::$name:ident $(<$runtime:ident>)?,)*) => {
        &[$(stringify!($name)),*]
    };
}

fn main() {
    const COMMANDS: &[&str] = app_commands!(command_names);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
