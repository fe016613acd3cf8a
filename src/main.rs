//! The `payouts-tui` binary: parse the command line, hand over, map the exit code.

use std::process::ExitCode;

use clap::Parser;
use payouts_tui::app::state::Settings;
use payouts_tui::audit::AuditLog;
use payouts_tui::cli::{self, Cli, Command, Exit, GlobalArgs};
use payouts_tui::dfns::client::{Client, ClientOptions, Signer};
use payouts_tui::dfns::signing::PrivateKey;
use payouts_tui::{emulator, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => dashboard(&cli.global),
        Some(Command::Demo { speed, seed }) => demo(speed, seed, cli.global.read_only),
        Some(command) => cli::run(&cli.global, command),
    }
    .into()
}

fn runtime() -> Option<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .ok()
}

/// An environment variable's value (lossy for a non-UTF-8 one), or None when unset.
fn env(name: &str) -> Option<String> {
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
}

/// Colour or not, by the one rule (`app::term::color_wanted`): NO_COLOR and TERM=dumb.
fn color() -> bool {
    payouts_tui::app::term::color_wanted(env("TERM").as_deref(), env("NO_COLOR").as_deref())
}

/// The basic colours in the 16-colour form or not (`app::term::sixteen_colors`): TERM and
/// COLORTERM.
fn sixteen_colors() -> bool {
    payouts_tui::app::term::sixteen_colors(env("TERM").as_deref(), env("COLORTERM").as_deref())
}

/// A multiplexer that may drop the OSC 52 copy (`app::term::multiplexer`): TMUX and TERM.
fn multiplexer() -> Option<payouts_tui::app::term::Multiplexer> {
    payouts_tui::app::term::multiplexer(env("TMUX").as_deref(), env("TERM").as_deref())
}

/// The dashboard on the configured profile.
fn dashboard(global: &GlobalArgs) -> Exit {
    let resolved = match cli::connect::resolve(global) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    let client = match cli::connect::client(&resolved, ClientOptions::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    // Checked now: a saved recipient the form could not use stops the start, as any other
    // mistake in the profile does.
    let recipients = match cli::connect::recipients(&resolved) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    let settings = Settings {
        profile: resolved.profile.clone(),
        recipients,
        aliases: resolved.aliases.clone(),
        api_host: client.host(),
        read_only: resolved.actions_disabled_reason(),
        poll_interval: resolved.poll_interval,
        bell: resolved.alert_bell,
        notify: resolved.alert_notify,
        color: color(),
        hyperlinks: true,
        multiplexer: multiplexer(),
        ..Settings::default()
    };
    let me = cli::connect::me(&client, &resolved);
    launch(client, settings, me, None)
}

/// The dashboard on an in-process emulator, as the seeded `operator`.
fn demo(speed: f64, seed: u64, read_only: bool) -> Exit {
    let Some(rt) = runtime() else {
        return Exit::Unavailable;
    };
    rt.block_on(async {
        let opts = emulator::Options {
            speed,
            seed,
            ..emulator::Options::default()
        };
        let emu = match emulator::serve(opts).await {
            Ok(e) => e,
            Err(e) => {
                eprintln!("error: cannot start the demo emulator: {e}");
                return Exit::Unavailable;
            }
        };
        let Some(op) = emu.principal("operator").cloned() else {
            return Exit::Unavailable;
        };
        let signer = PrivateKey::from_pem(op.private_key_pem.expose())
            .ok()
            .map(|key| Signer { key, cred_id: None });
        let client = match Client::new(
            &emu.url(),
            op.token.clone(),
            signer,
            ClientOptions::default(),
        ) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::Unavailable;
            }
        };
        let settings = Settings {
            profile: "demo".into(),
            read_only: read_only.then(|| "read-only (flag --read-only)".to_owned()),
            api_host: format!("emulator {}", client.host()),
            poll_interval: std::time::Duration::from_secs(2),
            color: color(),
            hyperlinks: true,
            multiplexer: multiplexer(),
            ..Settings::default()
        };
        let me = client.whoami().and_then(|c| c.user_id);
        run_dashboard(client, settings, me, Some("demo")).await
    })
}

fn launch(
    client: Client,
    settings: Settings,
    me: Option<String>,
    audit_profile: Option<&str>,
) -> Exit {
    let Some(rt) = runtime() else {
        return Exit::Unavailable;
    };
    rt.block_on(run_dashboard(client, settings, me, audit_profile))
}

async fn run_dashboard(
    client: Client,
    mut settings: Settings,
    me: Option<String>,
    audit_profile: Option<&str>,
) -> Exit {
    let _log = payouts_tui::logging::init();
    let profile = audit_profile.unwrap_or(&settings.profile).to_owned();
    let audit =
        AuditLog::default_path().map(|p| AuditLog::new(p, &profile, &client.host(), me.as_deref()));
    if audit.is_none() && settings.read_only.is_none() {
        // The rule of both front ends: nothing is sent that cannot be audited first.
        eprintln!(
            "warning: no audit log location (no state directory; set PAYOUTS_TUI_AUDIT): confirm, cancel, create, approve and deny are disabled"
        );
        settings.read_only =
            Some("no audit log location: set PAYOUTS_TUI_AUDIT (actions need an audit log)".into());
    }
    match tui::run(tui::Launch {
        client,
        me,
        settings,
        audit,
        sixteen_colors: sixteen_colors(),
    })
    .await
    {
        Ok(tui::Ended::Quit) => Exit::Ok,
        Ok(tui::Ended::Signal(n)) => Exit::for_signal(n),
        Err(e) => {
            eprintln!("error: terminal: {e}");
            Exit::Unavailable
        }
    }
}
