//! Deny by default: every app command × every window label, allowed or refused by the ACL.

mod common;

use common::{app, invoke, window};
use ipc_lab_lib::command_names::COMMANDS;
use serde_json::{json, Value};

/// Arguments that pass deserialization for each command, so a refusal can only be the ACL's.
fn valid_args(command: &str) -> Value {
    match command {
        "greet" => json!({ "name": "ACL" }),
        "my_custom_command_snake" => json!({ "invoke_message": "ACL" }),
        _ => json!({}),
    }
}

/// Which window labels may call which command. Labels not listed here have no capability.
fn allowed(label: &str, _command: &str) -> bool {
    label == "main"
}

const LABELS: &[&str] = &["main", "intruder", "file-viewer", "settings", "login"];

fn is_acl_refusal(error: &Value) -> bool {
    error
        .as_str()
        .is_some_and(|text| text.contains("not allowed"))
}

#[test]
fn every_command_against_every_window() {
    let app = app();
    for label in LABELS {
        let window = window(&app, label);
        for command in COMMANDS {
            let result = invoke(&window, command, valid_args(command));
            if allowed(label, command) {
                assert!(
                    result.is_ok(),
                    "{command} from {label} should run: {result:?}"
                );
            } else {
                let error = result.expect_err(&format!("{command} from {label} must be refused"));
                assert!(is_acl_refusal(&error), "{command} from {label}: {error}");
            }
        }
    }
}

#[test]
fn a_window_without_a_capability_is_told_so() {
    let app = app();
    let intruder = window(&app, "intruder");
    let error = invoke(&intruder, "greet", valid_args("greet")).unwrap_err();
    let text = error.as_str().unwrap();
    assert!(
        text.contains("greet not allowed on window \"intruder\""),
        "{text}"
    );
}

#[test]
fn a_remote_origin_is_refused_even_in_main() {
    let app = app();
    let main = window(&app, "main");
    let mut request = common::request("greet", tauri::ipc::InvokeBody::Json(valid_args("greet")));
    request.url = "https://example.com".parse().unwrap();
    let error = tauri::test::get_ipc_response(&main, request).unwrap_err();
    assert!(is_acl_refusal(&error), "{error}");
}
