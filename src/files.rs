//! Files the tool appends to (the audit log, the log file): private to the user, and never
//! written through a link or when others could write them too.

use std::fs::OpenOptions;
use std::path::Path;

/// Opens `path` to append, created 0600. An existing file that is a symlink (it could point
/// anywhere) or that group or others may write (anyone could forge lines) is refused.
/// Shared by the audit log and the log file.
pub fn open_private_append(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
        if let Ok(meta) = std::fs::symlink_metadata(path) {
            if meta.file_type().is_symlink() {
                return Err(std::io::Error::other(format!(
                    "{} is a symlink: refusing to write through it",
                    path.display()
                )));
            }
            if meta.mode() & 0o022 != 0 {
                return Err(std::io::Error::other(format!(
                    "{} is writable by group or others (mode {:o}): chmod 600 it",
                    path.display(),
                    meta.mode() & 0o777
                )));
            }
        }
        // O_NOFOLLOW: a symlink planted between the check and the open still fails.
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    opts.open(path)
}
