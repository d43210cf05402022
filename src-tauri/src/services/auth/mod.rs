//! Sign-in: the accounts and their password hashes, who is signed in where, and throttling.

pub mod accounts;
pub mod sessions;
pub mod throttle;
