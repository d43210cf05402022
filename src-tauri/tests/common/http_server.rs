//! A real HTTP server on loopback (axum) for the network tests, on its own thread and runtime,
//! recording every request it gets. Its routes play the servers a download meets:
//!
//! - `/file/{n}`: `n` bytes of [`body`] with a `Content-Length`; `/chunked/{n}` the same with none
//! - `/slow/{n}`: `n` bytes with a `Content-Length`, 16 KiB every 20 ms; `/slow-chunked/{n}` the
//!   same with none
//! - `/drip`: one byte every 100 ms, for at most 2 minutes (never stalls, hardly ever ends)
//! - `/half/{n}`: declares `n` bytes, sends the first half, then nothing (a stalled server)
//! - `/drop/{n}`: declares `n` bytes, sends the first half, then cuts the connection
//! - `/status/{code}`; `/declared/{n}`: declares `n` bytes (sends none)
//! - `/redirect/{k}`: `k` redirects, then `/file/1000`; `/loop`: redirects to itself;
//!   `/redirect-to?{url}`: redirects to the URL in the query
//! - `/text`: a line of text; `/not-utf8`: Latin-1 bytes

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, StreamExt};

const PIECE: usize = 16 * 1024;

/// The bytes `/file/{n}` and friends serve: `n` bytes that differ from position to position.
pub fn body(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8 ^ (i / 251) as u8).collect()
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<String>>,
}

pub struct TestServer {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl TestServer {
    pub fn start() -> Self {
        let shared = Arc::new(Shared::default());
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let state = Arc::clone(&shared);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                ready_tx.send(listener.local_addr().unwrap()).unwrap();
                axum::serve(listener, router(state)).await.unwrap();
            });
        });
        let addr = ready_rx.recv().unwrap();
        Self { addr, shared }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request so far, as `path?query`.
    pub fn requests(&self) -> Vec<String> {
        self.shared.requests.lock().unwrap().clone()
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/file/{n}",
            get(|Path(n): Path<usize>| async move { body(n) }),
        )
        .route(
            "/chunked/{n}",
            get(|Path(n): Path<usize>| async move {
                Body::from_stream(pieces(body(n), Duration::ZERO))
            }),
        )
        .route(
            "/slow/{n}",
            get(|Path(n): Path<usize>| async move {
                declared_body(n, pieces(body(n), Duration::from_millis(20)))
            }),
        )
        .route(
            "/slow-chunked/{n}",
            get(|Path(n): Path<usize>| async move {
                Body::from_stream(pieces(body(n), Duration::from_millis(20)))
            }),
        )
        .route("/drip", get(drip))
        .route("/half/{n}", get(half))
        .route("/drop/{n}", get(cut_off))
        .route(
            "/status/{code}",
            get(|Path(code): Path<u16>| async move {
                StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            }),
        )
        .route("/declared/{n}", get(declared))
        .route(
            "/redirect/{k}",
            get(|Path(k): Path<u32>| async move {
                let to = if k == 0 {
                    "/file/1000".to_owned()
                } else {
                    format!("/redirect/{}", k - 1)
                };
                redirect(&to)
            }),
        )
        .route("/loop", get(|| async { redirect("/loop") }))
        .route(
            "/redirect-to",
            get(|RawQuery(to): RawQuery| async move { redirect(&to.unwrap_or_default()) }),
        )
        .route(
            "/text",
            get(|| async { "hello from the loopback server\n" }),
        )
        .route(
            "/not-utf8",
            get(|| async { Bytes::from_static(b"caf\xe9") }),
        )
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            record,
        ))
        .with_state(shared)
}

async fn record(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let uri = request.uri();
    let seen = uri
        .path_and_query()
        .map_or(uri.path(), |p| p.as_str())
        .to_owned();
    shared.requests.lock().unwrap().push(seen);
    next.run(request).await
}

fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_owned())]).into_response()
}

/// `bytes` in pieces, `pause` apart.
fn pieces(
    bytes: Vec<u8>,
    pause: Duration,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let chunks: Vec<Bytes> = bytes.chunks(PIECE).map(Bytes::copy_from_slice).collect();
    stream::iter(chunks).then(move |chunk| async move {
        tokio::time::sleep(pause).await;
        Ok(chunk)
    })
}

/// A response that declares `len` bytes and streams `parts`.
fn declared_body(
    len: usize,
    parts: impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
) -> Response {
    let mut response = Response::new(Body::from_stream(parts));
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    response
}

async fn drip() -> Response {
    let bytes = stream::iter(0..1200).then(|_| async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Ok::<_, std::io::Error>(Bytes::from_static(b"."))
    });
    Response::new(Body::from_stream(bytes))
}

async fn half(Path(n): Path<usize>) -> Response {
    let first = Bytes::from(body(n / 2));
    let parts = stream::once(async move { Ok(first) }).chain(stream::once(async {
        tokio::time::sleep(Duration::from_secs(3600)).await;
        Ok(Bytes::new())
    }));
    declared_body(n, parts)
}

async fn cut_off(Path(n): Path<usize>) -> Response {
    let half = Bytes::from(body(n / 2));
    let parts = stream::once(async move { Ok(half) }).chain(stream::once(async {
        Err(std::io::Error::other("the server cut the connection"))
    }));
    declared_body(n, parts)
}

async fn declared(Path(n): Path<usize>) -> Response {
    let parts = stream::once(async {
        tokio::time::sleep(Duration::from_secs(3600)).await;
        Ok(Bytes::new())
    });
    declared_body(n, parts)
}
