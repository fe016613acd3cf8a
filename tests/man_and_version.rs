//! A `--version` that names the commit the binary was built from, with build.rs's fallback
//! outside a git checkout.

use std::path::Path;
use std::process::{Command, Output};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn bin(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_payouts-tui"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "payouts-tui {args:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The commit this source tree is at, or None when it is not a git checkout of its own.
fn head_of_this_checkout() -> Option<String> {
    let top = git(Path::new(MANIFEST_DIR), &["rev-parse", "--show-toplevel"])?;
    let same = std::fs::canonicalize(top).ok()? == std::fs::canonicalize(MANIFEST_DIR).ok()?;
    same.then(|| git(Path::new(MANIFEST_DIR), &["rev-parse", "HEAD"]))?
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let long = String::from_utf8(bin(&["--version"]).stdout).unwrap();
    let short = String::from_utf8(bin(&["-V"]).stdout).unwrap();
    assert_eq!(long, short);
    let prefix = format!("payouts-tui {} (commit ", env!("CARGO_PKG_VERSION"));
    let commit = long
        .strip_prefix(&prefix)
        .and_then(|r| r.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("--version printed {long:?}"));
    match head_of_this_checkout() {
        Some(head) => {
            assert_eq!(commit.len(), 10, "{commit}");
            assert!(
                head.starts_with(commit),
                "built from {commit}, HEAD is {head}"
            );
        }
        None => assert_eq!(commit, "unknown"),
    }
}

/// Compiles build.rs on its own and runs it as cargo would, in directories that are not a
/// git checkout of the crate: a plain directory (a source tarball) and a directory inside
/// some other repository (a vendored copy). Both must build, with the commit "unknown".
#[test]
fn build_script_falls_back_to_unknown_outside_a_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let exe = tmp.path().join("build-script");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .args(["--edition", "2024", "-o"])
        .arg(&exe)
        .arg(Path::new(MANIFEST_DIR).join("build.rs"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let tarball = tmp.path().join("payouts-tui-0.1.0");
    let other_repo = tmp.path().join("other");
    let vendored = other_repo.join("vendor/payouts-tui");
    std::fs::create_dir_all(&tarball).unwrap();
    std::fs::create_dir_all(&vendored).unwrap();
    let mut dirs = vec![tarball];
    let has_git = Command::new("git")
        .args(["init", "-q"])
        .arg(&other_repo)
        .status()
        .is_ok_and(|s| s.success());
    if has_git {
        let commit = Command::new("git")
            .arg("-C")
            .arg(&other_repo)
            .args(["-c", "user.name=t", "-c", "user.email=t@t", "commit"])
            .args(["-q", "--allow-empty", "-m", "outer"])
            .status()
            .unwrap();
        assert!(commit.success());
        dirs.push(vendored);
    }
    for dir in dirs {
        let out = Command::new(&exe)
            .env("CARGO_MANIFEST_DIR", &dir)
            .current_dir(&dir)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{dir:?}: {out:?}");
        assert!(
            stdout
                .lines()
                .any(|l| l == "cargo:rustc-env=PAYOUTS_TUI_COMMIT=unknown"),
            "{dir:?}: {stdout}"
        );
        assert!(!stdout.contains("rerun-if-changed=/"), "{dir:?}: {stdout}");
    }
}
