//! The `bench:` URI scheme: the bench's bytes and JSON straight from the webview's own
//! transport — `GET bench://localhost/bytes/<n>`, `POST /echo` (answers the body's length),
//! `GET /json/<records>` (`http://bench.localhost/…` on Windows and Android). Every IPC figure
//! is divided by what this does in the same run. It serves only generated data, so any page
//! may read it (CORS `*`); each request takes one of the bench's places.

use tauri::http::{header, Method, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::services::bench;
use crate::state::BenchRuns;

pub const SCHEME: &str = "bench";

/// The scheme handler: answers off the main thread.
pub fn handle<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
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

fn respond(request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    // `convertFileSrc(path, 'bench')` sends the path as one percent-encoded segment.
    let decoded = percent_encoding::percent_decode_str(request.uri().path()).decode_utf8_lossy();
    let path: Vec<&str> = decoded.trim_matches('/').split('/').collect();
    let number = |text: &str| text.parse::<u32>().ok();
    let result = match (request.method(), path.as_slice()) {
        (&Method::OPTIONS, _) => Ok((Vec::new(), "text/plain")),
        (&Method::GET, ["bytes", n]) => match number(n).map(|n| bench::bytes(n as usize)) {
            Some(Ok(bytes)) => Ok((bytes.to_vec(), "application/octet-stream")),
            Some(Err(e)) => Err((StatusCode::PAYLOAD_TOO_LARGE, e.to_string())),
            None => Err((StatusCode::BAD_REQUEST, "not a size".into())),
        },
        (&Method::POST, ["echo"]) => {
            Ok((request.body().len().to_string().into_bytes(), "text/plain"))
        }
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
        let echo = get(Method::POST, "http://bench.localhost/echo", &[1; 300]);
        assert_eq!(echo.body().as_slice(), b"300");
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
        assert_eq!(
            get(Method::GET, "bench://localhost/bytes/x", b"").status(),
            StatusCode::BAD_REQUEST
        );
        let huge = get(Method::GET, "bench://localhost/bytes/4000000000", b"");
        assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            get(Method::OPTIONS, "bench://localhost/echo", b"").status(),
            StatusCode::OK
        );
    }
}
