//! The disk the downloads may use: a quota on the whole downloads folder, and a reserve of free
//! space on its file system that downloads never eat into.
//!
//! Running downloads account in memory ([`Claim`]): a download with a declared length claims it
//! all before it starts, one without claims each piece before it is written, so downloads
//! running at once never together pass the quota. What the folder holds is read from the disk
//! again whenever no download runs (files the user deleted free their space). The free space
//! comes from a [`FreeSpace`] source, which tests replace to play a nearly full disk.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::{Error, Result};

/// Measures the free space of the file system that holds a folder.
type Measure = dyn Fn(&Path) -> std::io::Result<u64> + Send + Sync;

/// The space a user who can write into a folder may still use on its file system, in bytes.
#[derive(Clone)]
pub struct FreeSpace(Arc<Measure>);

impl FreeSpace {
    pub fn new(source: impl Fn(&Path) -> std::io::Result<u64> + Send + Sync + 'static) -> Self {
        Self(Arc::new(source))
    }

    /// The file system's own answer (`statvfs` on Unix, `GetDiskFreeSpaceExW` on Windows).
    pub fn real() -> Self {
        Self::new(|dir| fs4::available_space(dir))
    }

    pub fn of(&self, dir: &Path) -> std::io::Result<u64> {
        (self.0)(dir)
    }
}

impl fmt::Debug for FreeSpace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FreeSpace")
    }
}

/// How the downloads folder stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Bytes on disk: whole files, and what running downloads wrote so far.
    pub used: u64,
    /// Bytes running downloads claimed but did not write yet (their declared rest).
    pub reserved: u64,
    pub quota: u64,
    /// Free space the file system has for the app; `None` when it cannot tell.
    pub free: Option<u64>,
}

/// The quota and the reserve of the downloads folder, and what running downloads claimed.
#[derive(Debug)]
pub struct DiskBudget {
    dir: PathBuf,
    space: FreeSpace,
    /// Free space never used by a download.
    reserve: u64,
    /// Bytes a download writes between two looks at the free space.
    check_every: u64,
    ledger: Mutex<Ledger>,
}

#[derive(Debug, Default)]
struct Ledger {
    quota: u64,
    /// Bytes of the folder's files, running downloads' temp files left out.
    settled: u64,
    /// Bytes claimed by running downloads (written or not).
    claimed: u64,
    /// Bytes claimed and not written yet.
    pending: u64,
    /// Running downloads that hold a claim.
    claims: usize,
}

impl DiskBudget {
    pub fn new(dir: PathBuf, quota: u64, reserve: u64, check_every: u64, space: FreeSpace) -> Self {
        Self {
            dir,
            space,
            reserve,
            check_every: check_every.max(1),
            ledger: Mutex::new(Ledger {
                quota,
                ..Ledger::default()
            }),
        }
    }

    pub fn set_quota(&self, quota: u64) {
        self.ledger().quota = quota;
    }

    pub fn quota(&self) -> u64 {
        self.ledger().quota
    }

    /// How the folder stands (read from the disk when no download runs). Blocking.
    pub fn usage(&self) -> Usage {
        let mut ledger = self.ledger();
        self.settle(&mut ledger);
        Usage {
            used: ledger.settled + ledger.claimed - ledger.pending,
            reserved: ledger.pending,
            quota: ledger.quota,
            free: self.space.of(&self.dir).ok(),
        }
    }

    /// A claim for a download that declared `declared` bytes (all of them claimed now), or none
    /// (claimed piece by piece as they come): `quotaExceeded` when the folder would pass the
    /// quota, `diskFull` when the file system would keep less than the reserve. Blocking.
    pub fn claim(self: &Arc<Self>, declared: Option<u64>) -> Result<Claim> {
        let amount = declared.unwrap_or(0);
        let mut ledger = self.ledger();
        self.settle(&mut ledger);
        check_quota(&ledger, amount)?;
        self.check_space(ledger.pending + amount)?;
        ledger.claims += 1;
        ledger.claimed += amount;
        ledger.pending += amount;
        Ok(Claim {
            budget: Arc::clone(self),
            claimed: amount,
            written: 0,
            since_check: 0,
            committed: false,
        })
    }

    /// `diskFull` unless the file system keeps the reserve once the bytes running downloads
    /// claimed are written (a system that cannot tell its free space passes). Blocking.
    pub fn check_free_space(&self) -> Result<()> {
        let pending = self.ledger().pending;
        self.check_space(pending)
    }

    fn check_space(&self, pending: u64) -> Result<()> {
        // A system that cannot tell its free space does not stop downloads: the quota holds.
        let free = match self.space.of(&self.dir) {
            Ok(free) => free,
            Err(e) => {
                log::warn!("could not read the free space of the downloads folder: {e}");
                return Ok(());
            }
        };
        if free < pending.saturating_add(self.reserve) {
            return Err(Error::DiskFull(format!(
                "{} free on the disk of the downloads folder, and {} must stay free{}",
                mib(free),
                mib(self.reserve),
                match pending {
                    0 => String::new(),
                    n => format!(" after the {} still to come", mib(n)),
                }
            )));
        }
        Ok(())
    }

    /// Reads the folder's size from the disk when no download runs (and so none of its temp
    /// files is there to count twice).
    fn settle(&self, ledger: &mut Ledger) {
        if ledger.claims == 0 {
            match folder_size(&self.dir) {
                Ok(size) => ledger.settled = size,
                Err(e) => log::warn!("could not measure the downloads folder: {e}"),
            }
        }
    }

    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn check_quota(ledger: &Ledger, more: u64) -> Result<()> {
    let taken = ledger.settled + ledger.claimed;
    if taken.saturating_add(more) > ledger.quota {
        return Err(Error::QuotaExceeded(format!(
            "{} more would pass the downloads quota of {} ({} used or claimed)",
            mib(more),
            mib(ledger.quota),
            mib(taken)
        )));
    }
    Ok(())
}

/// `n` bytes in MiB for messages ("12.3 MiB").
fn mib(n: u64) -> String {
    format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
}

/// The space one running download holds against the quota. Dropped without [`Claim::commit`]
/// (the download failed and its temp file went), it frees all of it.
#[derive(Debug)]
pub struct Claim {
    budget: Arc<DiskBudget>,
    claimed: u64,
    written: u64,
    since_check: u64,
    committed: bool,
}

impl Claim {
    /// Accounts for `n` more bytes about to be written: past what was claimed, claims more
    /// (`quotaExceeded` when the quota is reached). Answers whether it is time to look at the
    /// free space again ([`DiskBudget::check_free_space`]).
    pub fn take(&mut self, n: u64) -> Result<bool> {
        let mut ledger = self.budget.ledger();
        let beyond = (self.written + n).saturating_sub(self.claimed);
        if beyond > 0 {
            check_quota(&ledger, beyond)?;
            ledger.claimed += beyond;
            ledger.pending += beyond;
            self.claimed += beyond;
        }
        ledger.pending -= n;
        self.written += n;
        self.since_check += n;
        let due = self.since_check >= self.budget.check_every;
        if due {
            self.since_check = 0;
        }
        Ok(due)
    }

    pub fn budget(&self) -> Arc<DiskBudget> {
        Arc::clone(&self.budget)
    }

    /// The download is saved: its bytes now belong to the folder.
    pub fn commit(mut self) {
        self.committed = true;
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        let mut ledger = self.budget.ledger();
        ledger.claims -= 1;
        ledger.claimed -= self.claimed;
        ledger.pending -= self.claimed - self.written;
        if self.committed {
            ledger.settled += self.written;
        }
    }
}

/// The bytes of the regular files under `dir` (symbolic links not followed).
pub fn folder_size(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0u64;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                total += entry.metadata()?.len();
            }
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use std::sync::atomic::{AtomicU64, Ordering};

    const GIB: u64 = 1 << 30;

    fn budget(dir: &Path, quota: u64, free: Arc<AtomicU64>) -> Arc<DiskBudget> {
        let space = FreeSpace::new(move |_| Ok(free.load(Ordering::SeqCst)));
        Arc::new(DiskBudget::new(dir.to_path_buf(), quota, 1000, 100, space))
    }

    #[test]
    fn claims_together_never_pass_the_quota_and_a_dropped_one_frees_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("old.bin"), vec![0; 300]).unwrap();
        let budget = budget(dir.path(), 1000, Arc::new(AtomicU64::new(GIB)));
        let declared = budget.claim(Some(500)).unwrap();
        let err = budget.claim(Some(201)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::QuotaExceeded, "{err}");
        let mut open = budget.claim(None).unwrap();
        open.take(150).unwrap();
        open.take(50).unwrap();
        let err = open.take(1).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::QuotaExceeded);
        let usage = budget.usage();
        assert_eq!((usage.used, usage.reserved, usage.quota), (500, 500, 1000));
        drop(declared);
        drop(open);
        // Nothing runs: the folder is read again (the failed ones left nothing).
        assert_eq!(budget.usage().used, 300);
        let mut saved = budget.claim(Some(700)).unwrap();
        let mut running = budget.claim(None).unwrap();
        saved.take(700).unwrap();
        saved.commit();
        assert_eq!(budget.usage().used, 1000, "the saved bytes count at once");
        assert_eq!(
            running.take(1).unwrap_err().kind(),
            ErrorKind::QuotaExceeded
        );
        drop(running);
        // Nothing runs: read from the disk again, where this test saved no file.
        assert_eq!(budget.usage().used, 300);
        budget.set_quota(2000);
        assert!(budget.claim(Some(1700)).is_ok());
    }

    #[test]
    fn the_free_space_reserve_holds_before_and_while_writing() {
        let dir = tempfile::tempdir().unwrap();
        let free = Arc::new(AtomicU64::new(5000));
        let budget = budget(dir.path(), GIB, Arc::clone(&free));
        let err = budget.claim(Some(4001)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DiskFull, "{err}");
        let declared = budget.claim(Some(3000)).unwrap();
        let err = budget.claim(Some(1001)).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::DiskFull,
            "counting what the first will write"
        );
        drop(declared);
        let mut open = budget.claim(None).unwrap();
        assert!(!open.take(99).unwrap());
        assert!(
            open.take(1).unwrap(),
            "a look at the free space every 100 bytes"
        );
        budget.check_free_space().unwrap();
        free.store(999, Ordering::SeqCst);
        assert_eq!(
            budget.check_free_space().unwrap_err().kind(),
            ErrorKind::DiskFull
        );
        assert_eq!(budget.usage().free, Some(999));
    }

    #[test]
    fn a_disk_that_cannot_tell_its_free_space_leaves_the_quota_in_charge() {
        let dir = tempfile::tempdir().unwrap();
        let space = FreeSpace::new(|_| Err(std::io::Error::other("no statvfs here")));
        let budget = Arc::new(DiskBudget::new(dir.path().to_path_buf(), 100, 10, 1, space));
        let mut claim = budget.claim(None).unwrap();
        claim.take(100).unwrap();
        budget.check_free_space().unwrap();
        assert_eq!(claim.take(1).unwrap_err().kind(), ErrorKind::QuotaExceeded);
        assert_eq!(budget.usage().free, None);
    }

    #[test]
    fn the_real_source_answers_for_a_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        let free = FreeSpace::real().of(dir.path()).unwrap();
        assert!(free > 0);
        assert!(FreeSpace::real().of(&dir.path().join("missing")).is_err());
    }

    #[test]
    fn the_folder_size_counts_files_in_subfolders_but_not_links() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), [0; 10]).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b"), [0; 5]).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("link")).unwrap();
        assert_eq!(folder_size(dir.path()).unwrap(), 15);
    }
}
