//! Which page each webview shows. Work started for a page (a `load_image` stream) holds a
//! [`PageToken`] and stops once that page is gone: reloaded, navigated away, or its window
//! destroyed. Its channel has no reader any more then.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::lock;

#[derive(Debug, Default)]
pub struct Pages {
    live: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

/// Held by work done for one page of one webview.
#[derive(Debug, Clone)]
pub struct PageToken(Arc<AtomicBool>);

impl PageToken {
    /// Whether the page the work was started for is still there.
    pub fn is_live(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

impl Pages {
    /// The token of the page `webview` shows now.
    pub fn current(&self, webview: &str) -> PageToken {
        let mut live = lock(&self.live);
        let flag = live
            .entry(webview.to_owned())
            .or_insert_with(|| Arc::new(AtomicBool::new(true)));
        PageToken(Arc::clone(flag))
    }

    /// `webview`'s page is gone (a new one started loading, or the window was destroyed).
    pub fn gone(&self, webview: &str) {
        if let Some(flag) = lock(&self.live).remove(webview) {
            flag.store(false, Ordering::Release);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_dies_with_its_page_only() {
        let pages = Pages::default();
        let main = pages.current("main");
        let login = pages.current("login");
        assert!(main.is_live() && pages.current("main").is_live());
        pages.gone("main");
        assert!(!main.is_live());
        assert!(login.is_live());
        assert!(pages.current("main").is_live(), "the next page has its own");
        pages.gone("nobody");
    }
}
