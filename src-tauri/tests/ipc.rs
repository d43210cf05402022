//! The seed commands through the real IPC path (mock runtime, real context and ACL).

mod common;

use common::{app, invoke};
use serde_json::json;

#[test]
fn greet_answers_the_seed_call() {
    let app = app();
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "greet", json!({ "name": "World" })),
        Ok(json!("Hello, World!"))
    );
}

#[test]
fn greet_rejects_bad_names_with_the_error_contract() {
    let app = app();
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "greet", json!({ "name": "  " })),
        Err(json!({ "kind": "invalidInput", "message": "invalid input: name must not be empty" }))
    );
    let long = "x".repeat(10 * 1024 * 1024);
    let err = invoke(&main, "greet", json!({ "name": long })).unwrap_err();
    assert_eq!(err["kind"], "tooLarge");
    assert!(err["message"].as_str().unwrap().len() < 200, "{err}");
}

#[test]
fn greet_rejects_malformed_arguments() {
    let app = app();
    let main = app.window("main");
    for args in [
        json!({}),
        json!({ "name": 42 }),
        json!({ "Name": "x" }),
        json!([1, 2]),
    ] {
        let err = invoke(&main, "greet", args.clone()).unwrap_err();
        let text = err.as_str().unwrap_or_default();
        assert!(
            text.contains("invalid args `name` for command `greet`"),
            "{args}: {err}"
        );
    }
}

#[test]
fn my_custom_command_works_with_and_without_a_message() {
    let app = app();
    let main = app.window("main");
    let reply = Ok(json!("Hello from Rust!"));
    assert_eq!(invoke(&main, "my_custom_command", json!({})), reply);
    assert_eq!(
        invoke(
            &main,
            "my_custom_command",
            json!({ "invokeMessage": "Hello!" })
        ),
        reply
    );
}

#[test]
fn the_snake_case_twin_takes_snake_case_arguments() {
    let app = app();
    let main = app.window("main");
    let reply = Ok(json!("Hello from Rust!"));
    assert_eq!(
        invoke(
            &main,
            "my_custom_command_snake",
            json!({ "invoke_message": "Hello!" })
        ),
        reply
    );
    // The camelCase key is not this command's argument: it fails loudly.
    let err = invoke(
        &main,
        "my_custom_command_snake",
        json!({ "invokeMessage": "Hello!" }),
    )
    .unwrap_err();
    assert!(
        err.as_str()
            .unwrap()
            .contains("missing required key invoke_message"),
        "{err}"
    );
    let err = invoke(
        &main,
        "my_custom_command_snake",
        json!({ "invoke_message": 7 }),
    )
    .unwrap_err();
    assert!(
        err.as_str()
            .unwrap()
            .contains("invalid args `invoke_message`"),
        "{err}"
    );
}

#[test]
fn with_context_names_the_calling_window() {
    let app = app();
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "with_context", json!({})),
        Ok(json!("Called from window: main"))
    );
}

#[test]
fn an_unknown_command_is_refused() {
    let app = app();
    let main = app.window("main");
    let err = invoke(&main, "no_such_command", json!({})).unwrap_err();
    assert!(err.as_str().unwrap().contains("not found"), "{err}");
}
