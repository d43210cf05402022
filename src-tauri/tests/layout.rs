//! The map matches the territory: every command is in every place the README's "Adding a
//! command" recipe names, and the crate's imports point down its layers as the README's Layout
//! draws them (entry → commands → wiring / state → services → models / error).

// The files named here are the repository's own, spelled in lower case.
#![allow(clippy::case_sensitive_file_extension_comparisons)]

use ipc_lab_lib::commands::NAMES as COMMANDS;
use std::path::{Path, PathBuf};

/// The text of every file in `folder` (relative to the repository) whose name passes `keep`.
fn texts(folder: &str, keep: impl Fn(&str) -> bool) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(folder);
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_file() && keep(&name) {
            text.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    text
}

/// `start_hash_job` → `startHashJob`, as tauri-specta names the generated call.
fn camel(name: &str) -> String {
    let mut words = name.split('_');
    let first = words.next().unwrap_or_default().to_string();
    words.fold(first, |mut acc, word| {
        let mut chars = word.chars();
        if let Some(c) = chars.next() {
            acc.extend(c.to_uppercase());
            acc.push_str(chars.as_str());
        }
        acc
    })
}

/// The README's "Adding a command" recipe, checked: every listed command has a permission in a
/// set, a wrapper in the frontend's API layer, a row in the README and an IPC test; each fake
/// of `src/testing` answers only commands that exist. The capability side is `tests/acl.rs`
/// (a command no window is granted fails `every_command_against_every_window` by name).
#[test]
fn every_command_is_in_every_place_of_the_recipe() {
    let permissions = texts("src-tauri/permissions", |n| n.ends_with(".toml"));
    let api = texts("src/api", |n| {
        n.ends_with(".ts") && !n.ends_with(".test.ts")
    });
    let readme = texts(".", |n| n == "README.md");
    let tests = texts("src-tauri/tests", |n| {
        n.ends_with(".rs") && n != "acl.rs" && n != "bindings.rs"
    });
    let mut missing = Vec::new();
    for name in COMMANDS {
        let places = [
            (
                permissions.contains(&format!("\"allow-{}\"", name.replace('_', "-"))),
                "a permission set in src-tauri/permissions/",
            ),
            (
                api.contains(&format!("commands.{}(", camel(name)))
                    || api.contains(&format!("('{name}'")),
                "its wrapper in src/api/ (the generated call, or `invoke` for a raw body)",
            ),
            (
                readme.contains(&format!("`{name}`")) || readme.contains(&format!("'{name}'")),
                "the README's tables",
            ),
            (
                tests.contains(&format!("\"{name}\"")),
                "an IPC test in src-tauri/tests/",
            ),
        ];
        for (present, place) in places {
            if !present {
                missing.push(format!("{name}: {place}"));
            }
        }
    }
    let fakes = texts("src/testing", |n| {
        n.starts_with("fake") && n.ends_with(".ts")
    });
    for answered in fakes
        .split("cmd === '")
        .skip(1)
        .chain(fakes.split("case '").skip(1))
    {
        let name = answered.split('\'').next().unwrap_or_default();
        if !name.starts_with("plugin:") && !COMMANDS.contains(&name) {
            missing.push(format!(
                "src/testing fakes answer `{name}`, which is not a command"
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "missing from the recipe's places:\n{}",
        missing.join("\n")
    );
}

/// Every `.rs` file under `src-tauri/src/<folder>` (or the one file `folder`), with its code lines:
/// comments and doc comments dropped.
fn code_of(folder: &str) -> Vec<(PathBuf, String)> {
    fn walk(path: &Path, out: &mut Vec<(PathBuf, String)>) {
        if path.is_dir() {
            for entry in std::fs::read_dir(path).unwrap() {
                walk(&entry.unwrap().path(), out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let code = std::fs::read_to_string(path)
                .unwrap()
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.push((path.to_path_buf(), code));
        }
    }
    let mut files = Vec::new();
    walk(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(folder),
        &mut files,
    );
    assert!(!files.is_empty(), "no Rust files in src/{folder}");
    files
}

#[test]
fn the_crate_imports_point_down_its_layers() {
    let above_state = ["crate::wiring", "crate::commands", "crate::bindings"];
    let tauri = ["tauri::", "use tauri", "tauri_specta"];
    // (layer, what it must not name)
    let rules: Vec<(&str, Vec<&str>)> = vec![
        (
            "models.rs",
            [
                &above_state[..],
                &tauri,
                &["crate::services", "crate::state"],
            ]
            .concat(),
        ),
        (
            "error.rs",
            [
                &above_state[..],
                &["crate::services", "crate::state", "crate::models"],
            ]
            .concat(),
        ),
        (
            "services",
            [&above_state[..], &tauri, &["crate::state"]].concat(),
        ),
        ("state", [&above_state[..], &tauri].concat()),
        ("wiring", vec!["crate::commands", "crate::bindings"]),
    ];
    let mut wrong = Vec::new();
    for (layer, forbidden) in &rules {
        for (path, code) in code_of(layer) {
            for name in forbidden {
                if code.contains(name) {
                    wrong.push(format!("{}: names `{name}`", path.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports pointing up:\n{}",
        wrong.join("\n")
    );
}
