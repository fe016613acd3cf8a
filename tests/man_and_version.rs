//! What the release archives ship besides the binary: man pages generated from the clap
//! definitions (they render and cover every subcommand), and a `--version` that names the
//! commit the binary was built from, with build.rs's fallback outside a git checkout.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clap::CommandFactory;
use payouts_tui::cli::Cli;

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

/// `payouts-tui-SUB` for every visible subcommand, nested ones as `payouts-tui-config-check`.
fn visible_commands(cmd: &clap::Command, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("{prefix}-{}", sub.get_name());
        names.extend(visible_commands(sub, &name));
        names.push(name);
    }
    names
}

/// The text of section `name` (from its `.SH` line to the next one).
fn section<'a>(page: &'a str, name: &str) -> &'a str {
    let heading = format!(".SH {name}\n");
    let quoted = format!(".SH \"{name}\"\n");
    let start = page
        .find(&heading)
        .map(|i| i + heading.len())
        .or_else(|| page.find(&quoted).map(|i| i + quoted.len()))
        .unwrap_or_else(|| panic!("no section {name}:\n{page}"));
    let rest = &page[start..];
    &rest[..rest.find("\n.SH ").map_or(rest.len(), |i| i + 1)]
}

/// Structure every page must have; unknown requests would print as nothing or garbage.
fn check_roff(name: &str, page: &str) {
    const KNOWN: &[&str] = &[
        "TH", "SH", "SS", "TP", "PP", "LP", "P", "IP", "RS", "RE", "B", "I", "BR", "br", "ie",
        "el", "ds", "sp", "nf", "fi", "in",
    ];
    let title = page
        .lines()
        .find(|l| l.starts_with(".TH "))
        .unwrap_or_else(|| panic!("{name}: no .TH line"));
    let stem = name.trim_end_matches(".1");
    assert!(
        title.starts_with(&format!(".TH {stem} 1 ")),
        "{name}: title {title}"
    );
    // An empty argument (two spaces) would shift the date, source and manual slots.
    assert!(!title.contains("  "), "{name}: title {title}");
    for line in page.lines() {
        if let Some(request) = line.strip_prefix('.') {
            let request = request.split_whitespace().next().unwrap_or_default();
            assert!(KNOWN.contains(&request), "{name}: unknown request: {line}");
        }
        assert!(
            !line.starts_with('\''),
            "{name}: stray control line: {line}"
        );
    }
    let sections: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .collect();
    assert!(
        sections.starts_with(&["NAME", "SYNOPSIS"]),
        "{name}: sections {sections:?}"
    );
    let name_line = section(page, "NAME").trim();
    assert!(
        name_line.starts_with(&format!("{} \\- ", stem.replace('-', "\\-"))),
        "{name}: NAME says {name_line}"
    );
}

#[test]
fn man_dir_holds_a_valid_page_per_visible_subcommand() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man/man1");
    let out = bin(&["man", "--dir", dir.to_str().unwrap()]);

    let mut expected: BTreeSet<String> = visible_commands(&Cli::command(), "payouts-tui")
        .into_iter()
        .map(|n| format!("{n}.1"))
        .collect();
    expected.insert("payouts-tui.1".into());
    assert!(
        expected.contains("payouts-tui-config-check.1"),
        "{expected:?}"
    );
    assert!(!expected.contains("payouts-tui-man.1"), "man is hidden");
    let written: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(written, expected);

    // stdout names each file written, the main page first.
    let listed: Vec<PathBuf> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(PathBuf::from)
        .collect();
    assert_eq!(listed.len(), expected.len());
    assert_eq!(listed[0], dir.join("payouts-tui.1"));

    for name in &written {
        let page = std::fs::read_to_string(dir.join(name)).unwrap();
        check_roff(name, &page);
    }
}

#[test]
fn main_page_lists_every_subcommand_and_the_exit_codes() {
    let page = String::from_utf8(bin(&["man"]).stdout).unwrap();
    check_roff("payouts-tui.1", &page);
    let version = format!("payouts-tui {}", payouts_tui::cli::args::VERSION);
    assert!(page.contains(&version), "header names {version}");

    let subcommands = section(&page, "SUBCOMMANDS");
    let top: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| format!("payouts\\-tui\\-{}(1)", s.get_name()))
        .collect();
    assert!(top.len() >= 10, "{top:?}");
    for entry in &top {
        assert!(subcommands.contains(entry.as_str()), "{entry} missing");
    }
    assert!(!subcommands.contains("tui\\-man("), "man is hidden");
    for flag in ["\\-\\-profile", "\\-\\-api\\-url", "\\-\\-read\\-only"] {
        assert!(section(&page, "OPTIONS").contains(flag), "{flag}");
    }
    let exit = section(&page, "EXIT STATUS");
    for code in ["0", "1", "2", "3"] {
        assert!(exit.contains(&format!(".TP\n\\fB{code}\\fR")), "{exit}");
    }
    for var in ["DFNS_AUTH_TOKEN", "PAYOUTS_TUI_CONFIG", "NO_COLOR"] {
        assert!(section(&page, "ENVIRONMENT").contains(var), "{var}");
    }
}

/// Renders each page with man(1) and groff's warnings on, as a user on a jump host would.
/// Skipped where man-db is not installed: the structural checks above still run.
#[test]
fn pages_render_with_man_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let probe = tmp.path().join("probe.1");
    std::fs::write(
        &probe,
        ".TH probe 1\n.SH NAME\nprobe \\- a page man can render\n",
    )
    .unwrap();
    let usable = Command::new("man")
        .arg("-l")
        .arg(&probe)
        .env("MANPAGER", "cat")
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains("probe"));
    if !usable {
        eprintln!("man(1) cannot render pages here (man-db or groff missing): not checked");
        return;
    }
    std::fs::remove_file(&probe).unwrap();
    bin(&["man", "--dir", tmp.path().to_str().unwrap()]);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    for path in &pages {
        let out = Command::new("man")
            .args(["-l", "--warnings", "-E", "UTF-8"])
            .arg(path)
            .env("MANWIDTH", "100")
            .env("MANPAGER", "cat")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{path:?}: {stderr}");
        assert!(stderr.trim().is_empty(), "{path:?} warns: {stderr}");
        assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "{text}");
        if path.ends_with("payouts-tui.1") {
            for entry in visible_commands(&Cli::command(), "payouts-tui") {
                if !entry.starts_with("payouts-tui-config-") {
                    assert!(text.contains(&format!("{entry}(1)")), "{entry}:\n{text}");
                }
            }
            assert!(text.contains("EXIT STATUS"), "{text}");
        }
    }
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
