//! The `bench:` URI scheme: the bench's bytes and JSON straight from the webview's own
//! transport — `GET bench://localhost/bytes/<n>[/<offset>]` (the pattern, or the piece of it at
//! `offset`), `POST /echo` (checks the body as `bench_upload` does, answers its length),
//! `GET /json/<records>`, and the invoke floors `GET /noop` (answered on the handler's own
//! thread, as a sync command is) and `GET /noop-async` (answered from one task on the async
//! runtime, as an async command is); `http://bench.localhost/…` on Windows and Android. Every
//! IPC figure is divided by what this does in the same run. It serves only generated data, so
//! any page may read it (CORS `*`); each request but the no-ops takes one of the bench's places.

use tauri::http::{header, Method, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::services::bench;
use crate::state::BenchRuns;

pub const SCHEME: &str = "bench";

/// The scheme handler: the no-ops as their commands run, the rest off the main thread.
pub fn handle<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    match segments(&request).as_slice() {
        [noop] if noop == "noop" => return responder.respond(empty()),
        [noop] if noop == "noop-async" => {
            tauri::async_runtime::spawn(async move { responder.respond(empty()) });
            return;
        }
        _ => {}
    }
    let app = context.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        let response = match app.state::<BenchRuns>().0.acquire().await {
            Ok(_place) => tauri::async_runtime::spawn_blocking(move || respond(&request))
                .await
                .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR, "the bench failed")),
            Err(e) => status(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
        };
        responder.respond(response);
    });
}

/// The path's segments. `convertFileSrc(path, 'bench')` sends the path as one
/// percent-encoded segment.
fn segments(request: &Request<Vec<u8>>) -> Vec<String> {
    let decoded = percent_encoding::percent_decode_str(request.uri().path()).decode_utf8_lossy();
    decoded
        .trim_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect()
}

fn empty() -> Response<Vec<u8>> {
    with_cors(Response::builder(), Vec::new())
}

fn respond(request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let path = segments(request);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let number = |text: &str| text.parse::<u32>().ok();
    let bytes = |size: &str, offset: &str| match (number(size), offset.parse::<u64>().ok()) {
        (Some(size), Some(offset)) => bench::pattern_at(offset, size as usize)
            .map(|bytes| (bytes.to_vec(), "application/octet-stream"))
            .map_err(|e| (StatusCode::PAYLOAD_TOO_LARGE, e.to_string())),
        _ => Err((StatusCode::BAD_REQUEST, "not a size and offset".into())),
    };
    let result = match (request.method(), path.as_slice()) {
        (&Method::OPTIONS, _) => Ok((Vec::new(), "text/plain")),
        (&Method::GET, ["bytes", size]) => bytes(size, "0"),
        (&Method::GET, ["bytes", size, offset]) => bytes(size, offset),
        (&Method::POST, ["echo"]) => match bench::consume(request.body()) {
            Ok(count) => Ok((count.to_string().into_bytes(), "text/plain")),
            Err(e) => Err((StatusCode::BAD_REQUEST, e.to_string())),
        },
        (&Method::GET, ["json", n]) => match number(n).map(bench::records) {
            Some(Ok(records)) => serde_json::to_vec(&records)
                .map(|json| (json, "application/json"))
                .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
            Some(Err(e)) => Err((StatusCode::PAYLOAD_TOO_LARGE, e.to_string())),
            None => Err((StatusCode::BAD_REQUEST, "not a count".into())),
        },
        _ => Err((StatusCode::NOT_FOUND, "no such bench resource".into())),
    };
    match result {
        Ok((body, kind)) => with_cors(Response::builder().header(header::CONTENT_TYPE, kind), body),
        Err((code, text)) => status(code, &text),
    }
}

fn status(code: StatusCode, text: &str) -> Response<Vec<u8>> {
    with_cors(Response::builder().status(code), text.as_bytes().to_vec())
}

fn with_cors(builder: tauri::http::response::Builder, body: Vec<u8>) -> Response<Vec<u8>> {
    builder
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .header(header::ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
        .header(header::ACCESS_CONTROL_ALLOW_HEADERS, "content-type")
        .body(body)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(method: Method, uri: &str, body: &[u8]) -> Response<Vec<u8>> {
        respond(
            &Request::builder()
                .method(method)
                .uri(uri)
                .body(body.to_vec())
                .unwrap(),
        )
    }

    #[test]
    fn serves_the_bench_bytes_json_and_echo() {
        let bytes = get(Method::GET, "bench://localhost/bytes/1025", b"");
        assert_eq!(bytes.status(), StatusCode::OK);
        assert_eq!(bytes.body().as_slice(), bench::bytes(1025).unwrap());
        assert_eq!(bytes.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let encoded = get(Method::GET, "bench://localhost/bytes%2F3", b"");
        assert_eq!(encoded.body().as_slice(), &[0, 1, 2]);
        let piece = get(Method::GET, "bench://localhost/bytes%2F3%2F250", b"");
        assert_eq!(piece.body().as_slice(), &[250, 0, 1]);
        let echo = get(
            Method::POST,
            "http://bench.localhost/echo",
            bench::bytes(300).unwrap(),
        );
        assert_eq!(echo.body().as_slice(), b"300");
        let not_the_pattern = get(Method::POST, "http://bench.localhost/echo", &[1; 300]);
        assert_eq!(not_the_pattern.status(), StatusCode::BAD_REQUEST);
        let json = get(Method::GET, "bench://localhost/json/3", b"");
        let parsed: serde_json::Value = serde_json::from_slice(json.body()).unwrap();
        assert_eq!(parsed.as_array().unwrap().len(), 3);
    }

    #[test]
    fn refuses_what_it_does_not_serve() {
        assert_eq!(
            get(Method::GET, "bench://localhost/etc/passwd", b"").status(),
            StatusCode::NOT_FOUND
        );
        for bad in ["bytes/x", "bytes/3/-1", "bytes/3/1/2"] {
            let status = get(Method::GET, &format!("bench://localhost/{bad}"), b"").status();
            assert_ne!(status, StatusCode::OK, "{bad}");
        }
        let huge = get(Method::GET, "bench://localhost/bytes/4000000000", b"");
        assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            get(Method::OPTIONS, "bench://localhost/echo", b"").status(),
            StatusCode::OK
        );
    }
}
