//! Which URLs a window may show: the app's own pages, and the dev server in development. Every
//! other navigation (a link, `location.href`, a form) and every new window is refused, so a
//! script in the page cannot carry data off to another origin by navigating.

use url::Url;

/// Whether `url` is one of the app's own pages: the bundled frontend on its custom protocol
/// (`tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on Windows and Android),
/// or, when given, the dev server's origin.
pub fn is_app_url(url: &Url, dev_server: Option<&Url>) -> bool {
    let bundled = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    };
    bundled || dev_server.is_some_and(|dev| dev.origin() == url.origin())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        text.parse().unwrap()
    }

    #[test]
    fn the_bundled_frontend_is_allowed_on_every_platform() {
        for ok in [
            "tauri://localhost",
            "tauri://localhost/index.html#/files",
            "http://tauri.localhost/",
            "https://tauri.localhost/index.html",
        ] {
            assert!(is_app_url(&url(ok), None), "{ok}");
        }
    }

    #[test]
    fn other_origins_are_refused() {
        for bad in [
            "http://127.0.0.1:8080/?d=secret",
            "http://localhost:1420/",
            "https://example.com/",
            "tauri://evil.com/",
            "http://tauri.localhost:8080/",
            "http://tauri.localhost.evil.com/",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "javascript:alert(1)",
            "about:blank",
            "blob:tauri://localhost/0b3b",
        ] {
            assert!(!is_app_url(&url(bad), None), "{bad}");
        }
    }

    #[test]
    fn the_dev_server_is_allowed_only_when_given() {
        let dev = url("http://localhost:1420");
        assert!(is_app_url(
            &url("http://localhost:1420/#/files"),
            Some(&dev)
        ));
        assert!(!is_app_url(&url("http://localhost:1421/"), Some(&dev)));
        assert!(!is_app_url(&url("http://127.0.0.1:1420/"), Some(&dev)));
    }
}
