//! `payouts-tui wait ID --until STATUS[,STATUS]`: for runbooks. Reads the payout every
//! `--every` until its status or execution status is one of those asked (exit 0), it ends
//! in another final status (exit 1), or `--timeout` runs out (exit 4). Reads only; a failed
//! read is retried by the client's rules and, if it keeps failing, is exit 3.

use std::time::{Duration, Instant};

use crate::dfns::model::Payout;
use crate::dfns::text::shown;

use super::args::WaitArgs;
use super::session::Session;
use super::{Exit, GlobalArgs, get};

/// Whether `p` is at one of `until` (status or execution status, any case).
pub fn reached(p: &Payout, until: &[String]) -> bool {
    until.iter().any(|u| {
        let u = u.trim();
        p.status.as_str().eq_ignore_ascii_case(u)
            || p.execution_status().as_str().eq_ignore_ascii_case(u)
    })
}

pub async fn run(global: &GlobalArgs, args: WaitArgs) -> Exit {
    let s = match Session::open(global) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let started = Instant::now();
    let mut last = String::new();
    loop {
        let p = match get::find(&s, args.id.trim()).await {
            Ok(p) => p,
            Err(code) => return code,
        };
        let now = format!("{} · {}", p.status, p.execution_status());
        if now != last {
            eprintln!("{} is {}", shown(&p.id), shown(&now));
            last = now;
        }
        if reached(&p, &args.until) {
            return Exit::Ok;
        }
        if p.status.is_terminal() {
            eprintln!(
                "{} ended {} without reaching {}",
                shown(&p.id),
                shown(p.status.as_str()),
                shown(&args.until.join(","))
            );
            return Exit::Refused;
        }
        let pause = match args.timeout {
            Some(t) if started.elapsed() >= t => {
                eprintln!(
                    "timed out: {} is still {} after {}",
                    shown(&p.id),
                    shown(&last),
                    humantime::format_duration(Duration::from_secs(started.elapsed().as_secs()))
                );
                return Exit::TimedOut;
            }
            // One last read right at the deadline.
            Some(t) => args.every.min(t - started.elapsed()),
            None => args.every,
        };
        tokio::time::sleep(pause).await;
    }
}
