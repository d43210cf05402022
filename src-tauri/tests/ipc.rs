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

/// Hostile calls on the seed commands, events on request and the preferences (the runner, the fixture and what "refused" means are in
/// `common/hostile.rs`).
// The hostile fixture is Linux's (a FIFO, links into /proc and /dev): see common/hostile.rs.
#[cfg(target_os = "linux")]
mod hostile {
    use serde_json::json;

    use crate::common::hostile::Expect::{BadArgs, BadChannel, Kind};
    use crate::common::hostile::{fixture, run, ten_mb, Case, Fixture};

    fn cases(_f: &Fixture) -> Vec<Case> {
        let ten_mb = ten_mb();
        vec![
            // The seed's first commands.
            Case::new(
                "greet: empty",
                "greet",
                json!({ "name": "" }),
                Kind("invalidInput"),
            ),
            Case::new(
                "greet: blank",
                "greet",
                json!({ "name": " \n\t" }),
                Kind("invalidInput"),
            ),
            Case::new(
                "greet: 10 MB",
                "greet",
                json!({ "name": ten_mb }),
                Kind("tooLarge"),
            ),
            Case::new(
                "greet: number",
                "greet",
                json!({ "name": 7 }),
                BadArgs("name"),
            ),
            Case::new("greet: missing", "greet", json!({}), BadArgs("name")),
            Case::new(
                "custom: number",
                "my_custom_command",
                json!({ "invokeMessage": 42 }),
                BadArgs("invokeMessage"),
            ),
            Case::new(
                "snake twin: camelCase key",
                "my_custom_command_snake",
                json!({ "invokeMessage": "x" }),
                BadArgs("invoke_message"),
            ),
            Case::new(
                "snake twin: number",
                "my_custom_command_snake",
                json!({ "invoke_message": 1 }),
                BadArgs("invoke_message"),
            ),
            Case::new(
                "stream_progress: bad channel",
                "stream_progress",
                json!({ "onProgress": "__CHANNEL__:x" }),
                BadChannel("onProgress"),
            ),
            Case::new(
                "stream_progress: no channel",
                "stream_progress",
                json!({}),
                BadArgs("onProgress"),
            ),
            // Events on request, and the preferences (from the settings window).
            Case::new(
                "broadcast: 10 MB",
                "broadcast",
                json!({ "message": ten_mb }),
                Kind("tooLarge"),
            ),
            Case::new(
                "broadcast: number",
                "broadcast",
                json!({ "message": 1 }),
                BadArgs("message"),
            ),
            Case::new(
                "broadcast: missing",
                "broadcast",
                json!({}),
                BadArgs("message"),
            ),
            Case::new(
                "preference: unknown key",
                "set_preference",
                json!({ "key": "theme", "value": "dark" }),
                Kind("invalidInput"),
            )
            .from("settings"),
            Case::new(
                "preference: unknown value",
                "set_preference",
                json!({ "key": "notification", "value": "sometimes" }),
                Kind("invalidInput"),
            )
            .from("settings"),
            Case::new(
                "preference: value in capitals",
                "set_preference",
                json!({ "key": "notification", "value": "ALL" }),
                Kind("invalidInput"),
            )
            .from("settings"),
            Case::new(
                "preference: empty",
                "set_preference",
                json!({ "key": "", "value": "" }),
                Kind("invalidInput"),
            )
            .from("settings"),
            Case::new(
                "preference: 10 MB key",
                "set_preference",
                json!({ "key": ten_mb, "value": "all" }),
                Kind("invalidInput"),
            )
            .from("settings"),
            Case::new(
                "preference: 10 MB value",
                "set_preference",
                json!({ "key": "notification", "value": ten_mb }),
                Kind("invalidInput"),
            )
            .from("settings"),
            Case::new(
                "preference: value as number",
                "set_preference",
                json!({ "key": "notification", "value": 1 }),
                BadArgs("value"),
            )
            .from("settings"),
            Case::new(
                "preference: missing value",
                "set_preference",
                json!({ "key": "notification" }),
                BadArgs("value"),
            )
            .from("settings"),
        ]
    }

    #[test]
    fn hostile_calls_are_refused_in_bounded_time_and_leave_nothing() {
        let f = fixture();
        run(&f, "ipc", cases(&f), 21);
    }
}
