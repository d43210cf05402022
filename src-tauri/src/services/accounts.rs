//! Sign-in accounts: user names with salted Argon2id password hashes (PHC strings), kept in
//! `accounts.json` in the app data folder. The demo account `tauri` / `tauri` is created the
//! first time. Passwords never leave this module and never appear in errors or logs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::OsRng;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::services::json_store;

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
    file: AccountsFile,
}

impl Accounts {
    /// Loads the accounts in `dir`, creating the demo account when there are none.
    pub fn open(dir: &Path) -> Result<Self> {
        let mut accounts = Self {
            dir: dir.to_path_buf(),
            file: json_store::load(dir, FILE_NAME)?,
        };
        if accounts.file.users.is_empty() {
            accounts.set_password(DEMO_USER, DEMO_PASSWORD)?;
        }
        Ok(accounts)
    }

    /// Succeeds when `password` is `user`'s; any failure is `unauthorized: invalid credentials`.
    /// Unknown users cost a hash too, so timing does not tell which names exist.
    pub fn verify(&self, user: &str, password: &str) -> Result<()> {
        check_lengths(user, password)?;
        let stored = self.file.users.get(user);
        let ok = match stored {
            Some(phc) => verify_phc(phc, password),
            None => {
                let _ = hash(password);
                false
            }
        };
        if ok {
            Ok(())
        } else {
            Err(Error::Unauthorized(INVALID_CREDENTIALS.into()))
        }
    }

    /// Changes `user`'s password after checking the current one.
    pub fn change_password(&mut self, user: &str, current: &str, new: &str) -> Result<()> {
        self.verify(user, current)?;
        if new.chars().count() < MIN_PASSWORD_CHARS {
            return Err(Error::InvalidInput(format!(
                "the new password needs at least {MIN_PASSWORD_CHARS} characters"
            )));
        }
        if new.len() > MAX_PASSWORD_BYTES {
            return Err(Error::TooLarge(format!(
                "the new password is over {MAX_PASSWORD_BYTES} bytes"
            )));
        }
        self.set_password(user, new)
    }

    fn set_password(&mut self, user: &str, password: &str) -> Result<()> {
        let previous = self.file.users.insert(user.to_owned(), hash(password)?);
        if let Err(e) = json_store::save(&self.dir, FILE_NAME, &self.file) {
            match previous {
                Some(phc) => self.file.users.insert(user.to_owned(), phc),
                None => self.file.users.remove(user),
            };
            return Err(e);
        }
        Ok(())
    }
}

fn check_lengths(user: &str, password: &str) -> Result<()> {
    if user.is_empty() || user.chars().count() > MAX_USER_CHARS {
        return Err(Error::InvalidInput(format!(
            "the user name must have 1 to {MAX_USER_CHARS} characters"
        )));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::TooLarge(format!(
            "the password is over {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    Ok(())
}

fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

fn verify_phc(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
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
    fn a_changed_password_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let mut accounts = Accounts::open(dir.path()).unwrap();
        let err = accounts
            .change_password("tauri", "wrong", "newpass")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unauthorized);
        let err = accounts
            .change_password("tauri", "tauri", "abc")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        accounts
            .change_password("tauri", "tauri", "s3cret!")
            .unwrap();
        let reopened = Accounts::open(dir.path()).unwrap();
        reopened.verify("tauri", "s3cret!").unwrap();
        assert_eq!(
            reopened.verify("tauri", "tauri").unwrap_err().kind(),
            ErrorKind::Unauthorized
        );
    }
}
