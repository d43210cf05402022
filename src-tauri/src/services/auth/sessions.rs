//! Who is signed in where, and the short-lived upload tokens.
//!
//! A session belongs to the window that signed in (by label), so no token is ever needed
//! for it in the webview; it ends when the window is destroyed, and when its user's password
//! changes elsewhere. An upload token is issued to a signed-in window, returned only to that
//! window's command call, used once, and expires after [`UPLOAD_TOKEN_TTL`]; a window holds at
//! most one (a new one revokes the last). Tokens never appear in errors, logs or events.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::services::random_hex;

pub const UPLOAD_TOKEN_TTL: Duration = Duration::from_secs(60);

#[derive(Debug)]
struct UploadGrant {
    window: String,
    user: String,
    expires: Instant,
}

#[derive(Debug, Default)]
pub struct Sessions {
    users_by_window: HashMap<String, String>,
    upload_tokens: HashMap<String, UploadGrant>,
}

impl Sessions {
    pub fn sign_in(&mut self, window: &str, user: &str) {
        self.users_by_window
            .insert(window.to_owned(), user.to_owned());
    }

    /// Ends the window's session and revokes its unused upload tokens.
    pub fn sign_out(&mut self, window: &str) {
        self.users_by_window.remove(window);
        self.upload_tokens.retain(|_, grant| grant.window != window);
    }

    /// Ends every session of `user` but the one in `keep` (after a password change there).
    pub fn end_others(&mut self, user: &str, keep: &str) {
        let others: Vec<String> = self
            .users_by_window
            .iter()
            .filter(|(window, signed_in)| *signed_in == user && *window != keep)
            .map(|(window, _)| window.clone())
            .collect();
        for window in others {
            self.sign_out(&window);
        }
    }

    pub fn user(&self, window: &str) -> Option<&str> {
        self.users_by_window.get(window).map(String::as_str)
    }

    /// The signed-in user of `window`, or `unauthorized`.
    pub fn require_user(&self, window: &str) -> Result<&str> {
        self.user(window)
            .ok_or_else(|| Error::Unauthorized("sign in first".into()))
    }

    /// A fresh single-use upload token for the signed-in `window`; the window's previous one
    /// stops working.
    pub fn issue_upload_token(&mut self, window: &str, now: Instant) -> Result<String> {
        let user = self.require_user(window)?.to_owned();
        self.upload_tokens
            .retain(|_, grant| grant.expires > now && grant.window != window);
        let token = random_hex(32);
        self.upload_tokens.insert(
            token.clone(),
            UploadGrant {
                window: window.to_owned(),
                user,
                expires: now + UPLOAD_TOKEN_TTL,
            },
        );
        Ok(token)
    }

    /// Uses up `token` for an upload from `window`; returns the user it was issued to.
    pub fn redeem_upload_token(
        &mut self,
        token: &str,
        window: &str,
        now: Instant,
    ) -> Result<String> {
        let refused = || Error::Unauthorized("invalid or expired upload token".into());
        let grant = self.upload_tokens.remove(token).ok_or_else(refused)?;
        if grant.window != window || grant.expires <= now || self.user(window) != Some(&grant.user)
        {
            return Err(refused());
        }
        Ok(grant.user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn sessions_belong_to_windows() {
        let mut sessions = Sessions::default();
        assert_eq!(
            sessions.require_user("main").unwrap_err().kind(),
            ErrorKind::Unauthorized
        );
        sessions.sign_in("main", "tauri");
        assert_eq!(sessions.user("main"), Some("tauri"));
        assert_eq!(sessions.user("settings"), None);
        sessions.sign_out("main");
        assert_eq!(sessions.user("main"), None);
    }

    #[test]
    fn upload_tokens_are_single_use_window_bound_and_short_lived() {
        let mut sessions = Sessions::default();
        let now = Instant::now();
        assert!(sessions.issue_upload_token("main", now).is_err());
        sessions.sign_in("main", "tauri");
        let token = sessions.issue_upload_token("main", now).unwrap();
        assert_eq!(token.len(), 64);
        assert_eq!(
            sessions.redeem_upload_token(&token, "main", now).unwrap(),
            "tauri"
        );
        let again = sessions
            .redeem_upload_token(&token, "main", now)
            .unwrap_err();
        assert_eq!(again.kind(), ErrorKind::Unauthorized);
        assert!(!again.to_string().contains(&token));

        let other_window = sessions.issue_upload_token("main", now).unwrap();
        assert!(sessions
            .redeem_upload_token(&other_window, "file-viewer", now)
            .is_err());

        let late = sessions.issue_upload_token("main", now).unwrap();
        let later = now + UPLOAD_TOKEN_TTL + Duration::from_millis(1);
        assert!(sessions.redeem_upload_token(&late, "main", later).is_err());

        let revoked = sessions.issue_upload_token("main", now).unwrap();
        sessions.sign_out("main");
        assert!(sessions.redeem_upload_token(&revoked, "main", now).is_err());
    }

    #[test]
    fn a_window_holds_one_upload_token_at_most() {
        let mut sessions = Sessions::default();
        let now = Instant::now();
        sessions.sign_in("main", "tauri");
        sessions.sign_in("login", "tauri");
        let first = sessions.issue_upload_token("main", now).unwrap();
        let other_window = sessions.issue_upload_token("login", now).unwrap();
        let second = sessions.issue_upload_token("main", now).unwrap();
        assert!(sessions.redeem_upload_token(&first, "main", now).is_err());
        assert!(sessions.redeem_upload_token(&second, "main", now).is_ok());
        assert!(sessions
            .redeem_upload_token(&other_window, "login", now)
            .is_ok());
        assert_eq!(sessions.upload_tokens.len(), 0);
    }

    #[test]
    fn a_password_change_ends_the_users_other_sessions_and_their_tokens() {
        let mut sessions = Sessions::default();
        let now = Instant::now();
        for window in ["main", "login", "settings"] {
            sessions.sign_in(window, "tauri");
        }
        sessions.sign_in("file-viewer", "alice");
        let token = sessions.issue_upload_token("login", now).unwrap();
        sessions.end_others("tauri", "main");
        assert_eq!(sessions.user("main"), Some("tauri"));
        assert_eq!(sessions.user("login"), None);
        assert_eq!(sessions.user("settings"), None);
        assert_eq!(sessions.user("file-viewer"), Some("alice"));
        assert!(sessions.redeem_upload_token(&token, "login", now).is_err());
    }
}
