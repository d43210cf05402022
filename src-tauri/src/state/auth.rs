//! Accounts, sessions, the sign-in throttle and the bound on password hashing. The flows
//! (sign in, change the password) live here: cheap checks first, then the throttle, then the
//! hash on a blocking thread without holding the account store, then the session update.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::lock;
use crate::error::{Error, Result};
use crate::services::auth::accounts::{self, invalid_credentials, Accounts};
use crate::services::auth::sessions::Sessions;
use crate::services::auth::throttle::Throttle;
use crate::services::work::limit::Limit;

/// Password hashes computed at once, at most (each takes a core for tens of milliseconds).
pub const HASHES_AT_ONCE: usize = 2;
/// How long a sign-in waits for a place to hash before it is `busy`.
pub const HASH_WAIT: Duration = Duration::from_secs(3);

#[derive(Debug)]
pub struct Auth {
    accounts: Arc<Mutex<Accounts>>,
    sessions: Mutex<Sessions>,
    throttle: Mutex<Throttle>,
    hashes: Limit,
}

/// The throttle keys of an attempt: its user name and its window.
fn throttle_keys(user: &str, window: &str) -> [String; 2] {
    [format!("user:{user}"), format!("window:{window}")]
}

impl Auth {
    /// Opens the account store in `private_dir`.
    pub fn open(private_dir: &Path) -> Result<Self> {
        Ok(Self {
            accounts: Arc::new(Mutex::new(Accounts::open(private_dir)?)),
            sessions: Mutex::default(),
            throttle: Mutex::default(),
            hashes: Limit::new("password checks", HASHES_AT_ONCE, HASH_WAIT),
        })
    }

    /// Signs `window` in as `user` if `password` is theirs.
    pub async fn login(&self, window: &str, user: &str, password: String) -> Result<()> {
        accounts::check_lengths(user, &password)?;
        let keys = throttle_keys(user, window);
        self.begin_attempt(&keys)?;
        let stored = lock(&self.accounts).stored_hash(user)?;
        let matches = self
            .off_thread(&keys, move || {
                Ok(accounts::verify_hash(stored.as_deref(), &password))
            })
            .await?;
        if !matches {
            return Err(invalid_credentials());
        }
        lock(&self.throttle).succeeded(&keys);
        self.sessions().sign_in(window, user);
        Ok(())
    }

    /// Changes the password of `window`'s user after checking the current one, and ends that
    /// user's sessions in every other window.
    pub async fn change_password(&self, window: &str, current: String, new: String) -> Result<()> {
        let user = self.sessions().require_user(window)?.to_owned();
        accounts::check_lengths(&user, &current)?;
        accounts::check_new_password(&new)?;
        let keys = throttle_keys(&user, window);
        self.begin_attempt(&keys)?;
        let stored = lock(&self.accounts).stored_hash(&user)?;
        let store = Arc::clone(&self.accounts);
        let name = user.clone();
        self.off_thread(&keys, move || {
            if !accounts::verify_hash(stored.as_deref(), &current) {
                return Err(invalid_credentials());
            }
            let hashed = accounts::hash(&new)?;
            lock(&store).replace_hash(&name, stored.as_deref().unwrap_or_default(), hashed)
        })
        .await?;
        lock(&self.throttle).succeeded(&keys);
        self.sessions().end_others(&user, window);
        Ok(())
    }

    /// Counts an attempt, or refuses it as `busy` while one of its keys must wait.
    fn begin_attempt(&self, keys: &[String]) -> Result<()> {
        lock(&self.throttle)
            .begin(keys, Instant::now())
            .map_err(|wait| {
                Error::Busy(format!(
                    "too many failed sign-ins; try again in {} s",
                    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
                ))
            })
    }

    /// Runs password hashing on a blocking thread, within the bound on concurrent hashes. An
    /// attempt that finds no place in time does not count against the throttle.
    async fn off_thread<T: Send + 'static>(
        &self,
        keys: &[String],
        work: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let place = self.hashes.acquire().await.inspect_err(|_| {
            lock(&self.throttle).withdraw(keys);
        })?;
        tokio::task::spawn_blocking(move || {
            let _place = place;
            work()
        })
        .await?
    }

    pub fn sessions(&self) -> MutexGuard<'_, Sessions> {
        lock(&self.sessions)
    }

    /// How many password hashes were allowed to run (refused attempts compute none).
    pub fn hashes_run(&self) -> u64 {
        self.hashes.granted()
    }

    pub fn issue_upload_token(&self, window: &str) -> Result<String> {
        self.sessions().issue_upload_token(window, Instant::now())
    }

    pub fn redeem_upload_token(&self, token: &str, window: &str) -> Result<String> {
        self.sessions()
            .redeem_upload_token(token, window, Instant::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::services::auth::throttle::FREE_ATTEMPTS;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_of_wrong_passwords_is_refused_without_hashing() {
        let dir = tempfile::tempdir().unwrap();
        let auth = Arc::new(Auth::open(dir.path()).unwrap());
        let attempts: Vec<_> = (0..200)
            .map(|_| {
                let auth = Arc::clone(&auth);
                tokio::spawn(async move { auth.login("main", "tauri", "guess".into()).await })
            })
            .collect();
        // The right password, tried in the same burst (its throttle check runs right after the
        // 200, long before the first delay could pass however slow the hashes are).
        let right = {
            let auth = Arc::clone(&auth);
            tokio::spawn(async move { auth.login("main", "tauri", "tauri".into()).await })
        };
        let mut kinds = Vec::new();
        for attempt in attempts {
            kinds.push(attempt.await.unwrap().unwrap_err().kind());
        }
        let hashed = u64::from(FREE_ATTEMPTS) + 1;
        let unauthorized = kinds.iter().filter(|k| **k == ErrorKind::Unauthorized);
        assert_eq!(unauthorized.count() as u64, hashed);
        assert!(kinds
            .iter()
            .all(|k| matches!(k, ErrorKind::Unauthorized | ErrorKind::Busy)));
        assert_eq!(auth.hashes_run(), hashed);
        // The right password waits out the throttle too.
        let err = right.await.unwrap();
        assert_eq!(err.unwrap_err().kind(), ErrorKind::Busy);
        // Another window and user name are not held up by it.
        auth.login("login", "other", "x".into()).await.unwrap_err();
        assert_eq!(auth.hashes_run(), hashed + 1);
    }

    #[tokio::test]
    async fn a_password_change_ends_the_other_sessions() {
        let dir = tempfile::tempdir().unwrap();
        let auth = Auth::open(dir.path()).unwrap();
        auth.login("main", "tauri", "tauri".into()).await.unwrap();
        auth.login("login", "tauri", "tauri".into()).await.unwrap();
        let token = auth.issue_upload_token("login").unwrap();
        let err = auth
            .change_password("main", "wrong".into(), "n3w-pass".into())
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "invalid credentials");
        auth.change_password("main", "tauri".into(), "n3w-pass".into())
            .await
            .unwrap();
        assert_eq!(auth.sessions().user("main"), Some("tauri"));
        assert_eq!(auth.sessions().user("login"), None);
        assert!(auth.redeem_upload_token(&token, "login").is_err());
        let reopened = Accounts::open(dir.path()).unwrap();
        reopened.verify("tauri", "n3w-pass").unwrap();
    }
}
