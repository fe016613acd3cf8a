//! `payouts-tui emulator`: the standalone emulator, until SIGINT or SIGTERM.

use std::io::Write;

use crate::emulator::{self, Options, credentials, faults::FaultSpec};

use super::Exit;
use super::args::EmulatorArgs;

pub async fn run(args: EmulatorArgs) -> Exit {
    // Server logs go to stderr (RUST_LOG=debug for every request); stdout's first line is the
    // contract: `listening on http://ADDR`.
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .try_init();
    let faults = match args.faults.as_deref().map(FaultSpec::parse).transpose() {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => {
            eprintln!("error: --faults: {e}");
            return Exit::Usage;
        }
    };
    if !(args.speed.is_finite() && args.speed > 0.0) {
        eprintln!("error: --speed must be a positive number");
        return Exit::Usage;
    }
    let opts = Options {
        listen: args.listen,
        speed: args.speed,
        seed: args.seed,
        history: args.history as usize,
        faults,
        strict_body: args.strict_body,
    };
    let running = match emulator::serve(opts).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Unavailable;
        }
    };
    let url = running.url();
    if let Some(dir) = &args.credentials_dir
        && let Err(e) = credentials::write(dir, &url, &running.principals, &running.wallets)
    {
        eprintln!("error: cannot write credentials to {}: {e}", dir.display());
        return Exit::Usage;
    }
    println!("listening on {url}");
    if let Some(dir) = &args.credentials_dir {
        println!(
            "credentials in {} (source NAME.env: operator, operator2, viewer)",
            dir.display()
        );
    }
    let _ = std::io::stdout().flush();
    wait_for_signal().await;
    running.stop().await;
    Exit::Ok
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
