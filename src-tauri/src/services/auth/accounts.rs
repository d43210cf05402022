//! Sign-in accounts: user names with salted Argon2id password hashes (PHC strings), kept in
//! `accounts.json` in the private folder. The demo account `tauri` / `tauri` is created on the
//! first run only: a damaged accounts file is kept aside and sign-in is refused until someone
//! restores or deletes it, so damage never silently brings back the demo password.
//!
//! The store only hands out and swaps stored hashes; hashing and verifying are free functions,
//! so callers run them (slowly, on a blocking thread) without holding the store.
//! Passwords never leave this module and never appear in errors or logs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::OsRng;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::services::store::json_store::{self, Stored};

pub const FILE_NAME: &str = "accounts.json";
pub const DEMO_USER: &str = "tauri";
pub const DEMO_PASSWORD: &str = "tauri";
/// The seed's rejection text, for every failed sign-in whatever the cause.
pub const INVALID_CREDENTIALS: &str = "invalid credentials";
pub const MAX_USER_CHARS: usize = 64;
pub const MIN_PASSWORD_CHARS: usize = 4;
pub const MAX_PASSWORD_BYTES: usize = 1024;

#[derive(Debug, Default, Serialize, Deserialize)]
struct AccountsFile {
    /// user name → Argon2id PHC string (algorithm, parameters, salt and hash).
    users: BTreeMap<String, String>,
}

/// The account store, loaded once and written back on every change.
#[derive(Debug)]
pub struct Accounts {
    dir: PathBuf,
    /// `None` when the file was damaged: nobody can sign in until it is dealt with.
    file: Option<AccountsFile>,
}

impl Accounts {
    /// Loads the accounts in `dir`; on the very first run, creates the demo account.
    pub fn open(dir: &Path) -> Result<Self> {
        let file = match json_store::read::<AccountsFile>(dir, FILE_NAME)? {
            Stored::Found(file) => Some(file),
            Stored::Missing if !json_store::damaged_path(dir, FILE_NAME).exists() => {
                let mut file = AccountsFile::default();
                file.users.insert(DEMO_USER.into(), hash(DEMO_PASSWORD)?);
                json_store::save(dir, FILE_NAME, &file)?;
                Some(file)
            }
            Stored::Missing | Stored::Damaged => {
                log::error!("sign-in is unavailable: {FILE_NAME} is damaged");
                None
            }
        };
        Ok(Self {
            dir: dir.to_path_buf(),
            file,
        })
    }

    /// The stored hash of `user` (`None` for an unknown user).
    pub fn stored_hash(&self, user: &str) -> Result<Option<String>> {
        let file = self.file.as_ref().ok_or_else(|| {
            Error::Unauthorized(format!(
                "sign-in is unavailable: the accounts file is damaged (kept as \
                 {FILE_NAME}{}); restore it, or delete it to start again with the demo account",
                json_store::DAMAGED_SUFFIX
            ))
        })?;
        Ok(file.users.get(user).cloned())
    }

    /// Succeeds when `password` is `user`'s; any mismatch is `unauthorized: invalid credentials`.
    pub fn verify(&self, user: &str, password: &str) -> Result<()> {
        check_lengths(user, password)?;
        if verify_hash(self.stored_hash(user)?.as_deref(), password) {
            Ok(())
        } else {
            Err(invalid_credentials())
        }
    }

    /// Replaces `user`'s hash with `new`, if it is still `expected` (the one the caller
    /// verified): of two concurrent changes, the second is refused instead of lost.
    pub fn replace_hash(&mut self, user: &str, expected: &str, new: String) -> Result<()> {
        let file = self.file.as_mut().ok_or_else(invalid_credentials)?;
        match file.users.get_mut(user) {
            Some(stored) if stored == expected => {
                let previous = std::mem::replace(stored, new);
                if let Err(e) = json_store::save(&self.dir, FILE_NAME, &*file) {
                    file.users.insert(user.to_owned(), previous);
                    return Err(e);
                }
                Ok(())
            }
            _ => Err(Error::Busy(
                "the password changed meanwhile; sign in again".into(),
            )),
        }
    }
}

pub fn invalid_credentials() -> Error {
    Error::Unauthorized(INVALID_CREDENTIALS.into())
}

/// The cheap checks on a sign-in, done before anything is hashed.
pub fn check_lengths(user: &str, password: &str) -> Result<()> {
    if user.is_empty() || user.chars().count() > MAX_USER_CHARS {
        return Err(Error::InvalidInput(format!(
            "the user name must have 1 to {MAX_USER_CHARS} characters"
        )));
    }
    check_size(password, "the password")
}

/// The checks on a new password.
pub fn check_new_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::InvalidInput(format!(
            "the new password needs at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    check_size(password, "the new password")
}

fn check_size(password: &str, which: &str) -> Result<()> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::TooLarge(format!(
            "{which} is over {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    Ok(())
}

/// A salted Argon2id hash of `password` (slow: tens of milliseconds).
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

/// Whether `password` matches `stored`. An unknown user (`None`) costs a hash too, so timing
/// does not tell which names exist.
pub fn verify_hash(stored: Option<&str>, password: &str) -> bool {
    let Some(phc) = stored else {
        let _ = hash(password);
        return false;
    };
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn the_demo_account_exists_on_first_run_as_a_salted_hash() {
        let dir = tempfile::tempdir().unwrap();
        let accounts = Accounts::open(dir.path()).unwrap();
        accounts.verify("tauri", "tauri").unwrap();
        let stored = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(stored.contains("$argon2id$"), "{stored}");
        assert!(
            !stored.contains("\"tauri\"\n") && !stored.contains(": \"tauri\""),
            "{stored}"
        );
        // A second store gets a different salt for the same password.
        let other = tempfile::tempdir().unwrap();
        Accounts::open(other.path()).unwrap();
        let stored_again = std::fs::read_to_string(other.path().join(FILE_NAME)).unwrap();
        assert_ne!(stored, stored_again);
    }

    #[test]
    fn wrong_credentials_are_one_error() {
        let dir = tempfile::tempdir().unwrap();
        let accounts = Accounts::open(dir.path()).unwrap();
        for (user, password) in [("tauri", "pass"), ("nobody", "tauri"), ("tauri", "")] {
            let err = accounts.verify(user, password).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Unauthorized);
            assert_eq!(err.to_string(), "invalid credentials");
        }
        let huge = "x".repeat(10 * 1024 * 1024);
        assert_eq!(
            accounts.verify("tauri", &huge).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
        assert_eq!(
            accounts.verify(&huge, "x").unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
        assert!(!accounts
            .verify("tauri", &huge)
            .unwrap_err()
            .to_string()
            .contains("xxxx"));
    }

    #[test]
    fn a_replaced_hash_survives_a_restart_and_a_stale_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut accounts = Accounts::open(dir.path()).unwrap();
        let old = accounts.stored_hash("tauri").unwrap().unwrap();
        accounts
            .replace_hash("tauri", &old, hash("s3cret!").unwrap())
            .unwrap();
        let err = accounts
            .replace_hash("tauri", &old, hash("other").unwrap())
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Busy);
        let reopened = Accounts::open(dir.path()).unwrap();
        reopened.verify("tauri", "s3cret!").unwrap();
        assert_eq!(
            reopened.verify("tauri", "tauri").unwrap_err().kind(),
            ErrorKind::Unauthorized
        );
    }

    #[test]
    fn new_passwords_are_checked() {
        check_new_password("abcd").unwrap();
        assert_eq!(
            check_new_password("abc").unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
        assert_eq!(
            check_new_password(&"x".repeat(MAX_PASSWORD_BYTES + 1))
                .unwrap_err()
                .kind(),
            ErrorKind::TooLarge
        );
    }

    #[test]
    fn a_damaged_file_refuses_every_sign_in_and_never_brings_back_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        Accounts::open(dir.path()).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "{ truncated").unwrap();
        for _ in 0..2 {
            // Twice: the second start finds no accounts file, only the damaged one kept aside.
            let accounts = Accounts::open(dir.path()).unwrap();
            let err = accounts.verify("tauri", "tauri").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Unauthorized);
            assert!(err.to_string().contains("damaged"), "{err}");
            assert!(!dir.path().join(FILE_NAME).exists());
        }
        let kept = json_store::damaged_path(dir.path(), FILE_NAME);
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "{ truncated");
        // Deleting the damaged file is how one starts again.
        std::fs::remove_file(kept).unwrap();
        Accounts::open(dir.path())
            .unwrap()
            .verify("tauri", "tauri")
            .unwrap();
    }
}
