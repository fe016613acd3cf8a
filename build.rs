//! Stamps the commit the binary is built from into `--version` (and the man pages).
//! Outside a git checkout of this crate (a source tarball, a vendored copy, no git at all)
//! the commit is "unknown": the build never fails for want of git.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let (commit, date) = match checkout_of(&manifest_dir) {
        Some(()) => {
            watch_head(&manifest_dir);
            (
                git(&manifest_dir, &["rev-parse", "--short=10", "HEAD"]),
                // Committer date: a reproducible date for the man pages' header.
                git(&manifest_dir, &["log", "-1", "--format=%cs", "HEAD"]),
            )
        }
        None => (None, None),
    };
    let commit = commit.unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=PAYOUTS_TUI_COMMIT={commit}");
    println!(
        "cargo:rustc-env=PAYOUTS_TUI_COMMIT_DATE={}",
        date.unwrap_or_default()
    );
}

/// Some(()) when `dir` is the top of a git work tree, so that a tarball unpacked inside
/// some other repository does not take that repository's commit.
fn checkout_of(dir: &Path) -> Option<()> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let same = std::fs::canonicalize(top).ok()? == std::fs::canonicalize(dir).ok()?;
    same.then_some(())
}

/// Re-run when HEAD moves: a commit, a checkout, a fetch that repacks refs.
fn watch_head(dir: &Path) {
    let git_path = |p: &str| git(dir, &["rev-parse", "--git-path", p]).map(|p| dir.join(p));
    let mut paths: Vec<PathBuf> = ["HEAD", "packed-refs"]
        .iter()
        .filter_map(|p| git_path(p))
        .collect();
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]).and_then(|b| git_path(&b)) {
        // A packed branch has no file until its next commit: watch its directory then.
        if branch.exists() {
            paths.push(branch);
        } else {
            paths.extend(branch.parent().map(Path::to_path_buf));
        }
    }
    // Only existing paths: cargo re-runs on every build for a path that does not exist.
    for path in paths.iter().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_owned())
}
