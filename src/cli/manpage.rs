//! Man pages generated from the clap definitions (`payouts-tui man`), so they never drift
//! from `--help`: `payouts-tui.1`, which also documents exit codes, environment and files,
//! and one `payouts-tui-SUB.1` per visible subcommand (`payouts-tui-config-check.1` for
//! nested ones), as git does. The release archives ship them.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use super::Cli;

/// Every page as (file name, roff source); the main page first.
pub fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Propagates global flags and gives subcommands their `payouts-tui-SUB` names.
    cmd.build();
    let mut pages = Vec::new();
    let mut main = Vec::new();
    man(cmd.clone()).render(&mut main)?;
    main_page_extras().to_writer(&mut main)?;
    pages.push((man(cmd.clone()).get_filename(), main));
    let mut stack: Vec<clap::Command> = visible_subcommands(&cmd);
    while let Some(sub) = stack.pop() {
        stack.extend(visible_subcommands(&sub));
        let page = man(sub);
        let mut buf = Vec::new();
        page.render(&mut buf)?;
        pages.push((page.get_filename(), buf));
    }
    pages[1..].sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

/// Writes every page into `dir` (created if missing); returns the paths written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in pages()? {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

/// `payouts-tui man [--dir DIR]`: the main page to stdout, or every page into DIR.
pub(super) fn run(dir: Option<&Path>) -> super::Exit {
    let result = match dir {
        None => pages().and_then(|p| match p.first() {
            Some((_, text)) => std::io::stdout().lock().write_all(text),
            None => Ok(()),
        }),
        Some(dir) => write_all(dir).and_then(|paths| {
            let mut out = std::io::stdout().lock();
            paths
                .iter()
                .try_for_each(|p| writeln!(out, "{}", p.display()))
        }),
    };
    match result {
        Ok(()) => super::Exit::Ok,
        Err(e) => {
            eprintln!("error: cannot write the man pages: {e}");
            super::Exit::Usage
        }
    }
}

fn man(cmd: clap::Command) -> Man {
    // .TH takes positional arguments: an empty date would shift the source into its place.
    let date = match env!("PAYOUTS_TUI_COMMIT_DATE") {
        "" => r"\&",
        date => date,
    };
    Man::new(cmd)
        .date(date)
        .manual("payouts-tui manual")
        // Subcommands have no version of their own: name the binary's in every header.
        .source(format!("payouts-tui {}", super::args::VERSION))
}

fn visible_subcommands(cmd: &clap::Command) -> Vec<clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect()
}

/// What `--help` cannot say: the exit codes README promises, the environment, the files.
fn main_page_extras() -> Roff {
    let mut r = Roff::new();
    let item = |r: &mut Roff, term: &str, text: &str| {
        r.control("TP", []).text([bold(term)]).text([roman(text)]);
    };
    r.control("SH", ["EXIT STATUS"]);
    item(&mut r, "0", "Success.");
    item(
        &mut r,
        "1",
        "The API refused, or the payout is not in a state that allows the action.",
    );
    item(&mut r, "2", "Usage or configuration error.");
    item(
        &mut r,
        "3",
        "Network or server unavailable, or the outcome of a state-changing request is \
         unknown: re-read the payout, or re-run create with the same --external-id.",
    );
    item(
        &mut r,
        "4",
        "wait: --timeout ran out before the payout reached the status.",
    );
    item(
        &mut r,
        "10",
        "list --exit-code: at least one payout matched (for cron).",
    );
    item(
        &mut r,
        "129, 130, 131, 143",
        "The dashboard ended by SIGHUP, SIGINT, SIGQUIT or SIGTERM (128 + the signal), \
         with the terminal restored.",
    );
    r.control("SH", ["ENVIRONMENT"]);
    item(&mut r, "DFNS_API_URL", "API base URL (beats the profile).");
    item(
        &mut r,
        "DFNS_AUTH_TOKEN",
        "The service account's or personal access token.",
    );
    item(
        &mut r,
        "DFNS_CRED_ID",
        "The key credential's id (optional when the token has one).",
    );
    item(
        &mut r,
        "DFNS_PRIVATE_KEY_FILE",
        "The credential's private key in PEM; refused when readable by group or others.",
    );
    item(
        &mut r,
        "DFNS_PRIVATE_KEY",
        "The private key's PEM itself, instead of a file.",
    );
    item(
        &mut r,
        "PAYOUTS_TUI_CONFIG",
        "The configuration file, instead of the default below.",
    );
    item(
        &mut r,
        "PAYOUTS_TUI_USER_ID",
        "Your Dfns user id, for a token whose claim carries none (else confirm and cancel \
         refuse: nothing proves a payout is yours).",
    );
    item(&mut r, "PAYOUTS_TUI_AUDIT", "The audit file.");
    item(&mut r, "PAYOUTS_TUI_LOG", "The log file.");
    item(&mut r, "RUST_LOG", "Log level (default info).");
    item(&mut r, "NO_COLOR", "When set and not empty, no colours.");
    r.control("SH", ["FILES"]);
    item(
        &mut r,
        "~/.config/payouts-tui/config.toml",
        "Profiles: API URL and the sources of secrets (env:NAME, file:PATH or cmd:COMMAND), \
         never the secrets themselves. See config.example.toml in the release archive.",
    );
    item(
        &mut r,
        "~/.local/state/payouts-tui/audit.jsonl",
        "Every confirm, cancel, create, approve and deny attempt and its outcome, one JSON object a line.",
    );
    item(
        &mut r,
        "~/.local/state/payouts-tui/payouts-tui.log",
        "The log; never written to the terminal.",
    );
    r
}
