//! The local networks (private and shared ranges) the user allowed the pages to reach, saved in
//! the private folder. A range joins only when the user says OK in a native dialog that names
//! it: the page may ask, never decide. Removing one needs no dialog (it only narrows).

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ipnet::IpNet;

use super::lock;
use crate::error::{Error, Result};
use crate::models::Question;
use crate::services::net::addresses::{
    classify, parse_local_range, AddressPolicy, Class, MAX_ALLOWED,
};
use crate::services::store::json_store;

/// The allowed ranges, in the private folder.
pub const FILE_NAME: &str = "local-networks.json";

#[derive(Debug)]
pub struct LocalNetworks {
    private: PathBuf,
    policy: AddressPolicy,
    /// Held while the confirmation dialog is open: one at a time.
    dialog: tokio::sync::Mutex<()>,
    /// Held while the list changes and is saved.
    changing: Mutex<()>,
}

impl LocalNetworks {
    /// The ranges saved in `private` (one that does not parse or is no longer allowed is
    /// dropped), put in force in `policy`.
    pub fn open(private: &Path, policy: AddressPolicy) -> Result<Self> {
        let saved: Vec<String> = json_store::load(private, FILE_NAME)?;
        let mut ranges: Vec<IpNet> = Vec::new();
        for text in saved {
            match parse_local_range(&text) {
                Ok(range) if !ranges.contains(&range) && ranges.len() < MAX_ALLOWED => {
                    ranges.push(range);
                }
                Ok(_) => {}
                Err(e) => log::warn!("dropping a saved local network: {e}"),
            }
        }
        policy.set(ranges);
        Ok(Self {
            private: private.to_path_buf(),
            policy,
            dialog: tokio::sync::Mutex::new(()),
            changing: Mutex::new(()),
        })
    }

    /// The allowed ranges, in the order they were added.
    pub fn list(&self) -> Vec<String> {
        self.policy.allowed().iter().map(IpNet::to_string).collect()
    }

    /// Asks the user with `confirm` (one dialog at a time) whether pages may reach `range`, and
    /// adds it when they say OK. `invalidInput` for a range outside the local networks; nothing
    /// changes when the user cancels. Answers the ranges now allowed.
    pub async fn add<F>(
        &self,
        range: &str,
        confirm: impl FnOnce(Question) -> F,
    ) -> Result<Vec<String>>
    where
        F: Future<Output = Result<bool>>,
    {
        let range = parse_local_range(range)?;
        if self.policy.allowed().contains(&range) {
            return Ok(self.list());
        }
        if self.policy.allowed().len() >= MAX_ALLOWED {
            return Err(Error::InvalidInput(format!(
                "at most {MAX_ALLOWED} local networks can be allowed; remove one first"
            )));
        }
        let _open = self
            .dialog
            .try_lock()
            .map_err(|_| Error::Busy("a confirmation dialog is already open".into()))?;
        if !confirm(question(range)).await? {
            return Ok(self.list());
        }
        let _changing = lock(&self.changing);
        let mut next = self.policy.allowed();
        if !next.contains(&range) {
            next.push(range);
            self.save(&next)?;
            self.policy.set(next);
        }
        Ok(self.list())
    }

    /// Stops allowing `range` (as it is listed). `notFound` when it is not allowed.
    pub fn remove(&self, range: &str) -> Result<Vec<String>> {
        let range = parse_local_range(range)?;
        let _changing = lock(&self.changing);
        let mut next = self.policy.allowed();
        if !next.contains(&range) {
            return Err(Error::NotFound(format!(
                "{range} is not an allowed local network"
            )));
        }
        next.retain(|r| r != &range);
        self.save(&next)?;
        self.policy.set(next);
        Ok(self.list())
    }

    fn save(&self, ranges: &[IpNet]) -> Result<()> {
        let texts: Vec<String> = ranges.iter().map(IpNet::to_string).collect();
        json_store::save(&self.private, FILE_NAME, &texts)
    }
}

/// The dialog that names `range` and the kind of network it is in.
fn question(range: IpNet) -> Question {
    let kind = match classify(range.network()) {
        Class::Local(network) if network.to_string() == "100.64.0.0/10" => {
            "the shared address space of carrier-grade NAT (100.64.0.0/10)".to_owned()
        }
        Class::Local(network) => format!("a private network ({network})"),
        _ => "a local network".to_owned(),
    };
    Question {
        title: "Allow a local network?".into(),
        message: format!(
            "A page of IPC Lab asks to reach {range}, {kind}: devices on your own network, such \
             as routers, printers and file servers.\n\nAllow fetch_data and downloads to reach \
             {range}? You can remove it again in Settings."
        ),
        ok: "Allow".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn answer(yes: bool) -> impl FnOnce(Question) -> std::future::Ready<Result<bool>> {
        move |_| std::future::ready(Ok(yes))
    }

    #[tokio::test]
    async fn only_the_users_ok_adds_a_range_and_it_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let policy = AddressPolicy::default();
        let networks = LocalNetworks::open(dir.path(), policy.clone()).unwrap();
        let asked = Mutex::new(None);
        let listed = networks
            .add("192.168.1.7/24", |q| {
                *asked.lock().unwrap() = Some(q);
                std::future::ready(Ok(false))
            })
            .await
            .unwrap();
        assert!(listed.is_empty(), "cancelled: nothing added");
        let q = asked.lock().unwrap().take().unwrap();
        assert!(q.message.contains("192.168.1.0/24"), "{q:?}");
        assert!(
            q.message.contains("a private network (192.168.0.0/16)"),
            "{q:?}"
        );
        assert!(!dir.path().join(FILE_NAME).exists());
        assert!(policy.check("192.168.1.7".parse().unwrap()).is_err());

        let listed = networks.add("192.168.1.7/24", answer(true)).await.unwrap();
        assert_eq!(listed, ["192.168.1.0/24"]);
        assert!(policy.check("192.168.1.7".parse().unwrap()).is_ok());
        let listed = networks.add("100.64.0.0/10", answer(true)).await.unwrap();
        assert_eq!(listed, ["192.168.1.0/24", "100.64.0.0/10"]);
        drop(networks);

        let again = AddressPolicy::default();
        let networks = LocalNetworks::open(dir.path(), again.clone()).unwrap();
        assert_eq!(networks.list(), ["192.168.1.0/24", "100.64.0.0/10"]);
        assert!(again.check("100.64.1.1".parse().unwrap()).is_ok());
        assert_eq!(
            networks.remove("192.168.1.0/24").unwrap(),
            ["100.64.0.0/10"]
        );
        assert!(again.check("192.168.1.7".parse().unwrap()).is_err());
        let err = networks.remove("192.168.1.0/24").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
    }

    #[tokio::test]
    async fn a_range_outside_the_local_networks_never_reaches_the_dialog() {
        let dir = tempfile::tempdir().unwrap();
        let networks = LocalNetworks::open(dir.path(), AddressPolicy::default()).unwrap();
        for bad in [
            "8.8.8.0/24",
            "169.254.0.0/16",
            "127.0.0.1",
            "0.0.0.0/0",
            "x",
        ] {
            let err = networks
                .add(bad, |_| -> std::future::Ready<Result<bool>> {
                    panic!("asked the user about {bad}")
                })
                .await
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad}");
        }
    }

    #[tokio::test]
    async fn one_dialog_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let networks = LocalNetworks::open(dir.path(), AddressPolicy::default()).unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<bool>();
        let open = networks.add("10.0.0.0/8", |_| async { Ok(rx.await.unwrap()) });
        let second = async {
            let err = networks.add("10.1.0.0/16", answer(true)).await.unwrap_err();
            tx.send(true).unwrap();
            err
        };
        let (first, second) = tokio::join!(open, second);
        assert_eq!(first.unwrap(), ["10.0.0.0/8"]);
        assert_eq!(second.kind(), ErrorKind::Busy);
    }

    #[test]
    fn a_damaged_or_tampered_file_keeps_only_valid_local_ranges() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            r#"["10.0.0.0/8", "8.8.8.0/24", "10.0.0.0/8", "nonsense"]"#,
        )
        .unwrap();
        let networks = LocalNetworks::open(dir.path(), AddressPolicy::default()).unwrap();
        assert_eq!(networks.list(), ["10.0.0.0/8"]);
    }
}
