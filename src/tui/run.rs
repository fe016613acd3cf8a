//! The event loop: one task owns the state and the terminal. Input, poll results, action
//! results, signals and a 1 Hz tick arrive as `Msg`s; each wake runs `update`, drains what
//! else is queued, and draws once — only if something visible changed.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use ratatui::crossterm::event::EventStream;
use tokio::sync::{Notify, mpsc};
use tokio::time::{Instant, MissedTickBehavior};

use crate::app::msg::Msg;
use crate::app::state::{AppState, Settings};
use crate::app::update;
use crate::audit::AuditLog;
use crate::dfns::client::Client;

use super::effects::Runner;
use super::poller::{Generations, Poller};
use super::{input, osc, terminal};

pub struct Launch {
    pub client: Client,
    /// My user id (the token's claim, else configured).
    pub me: Option<String>,
    pub settings: Settings,
    pub audit: Option<AuditLog>,
}

/// Messages handled per wake before drawing (keeps a burst from starving the screen).
const DRAIN: usize = 64;

pub async fn run(launch: Launch) -> std::io::Result<Ended> {
    let me = launch.me;
    let mut state = AppState::new(launch.settings, me, Utc::now());
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let wake = Arc::new(Notify::new());
    let generations = Generations::default();
    let runner = Runner {
        client: launch.client.clone(),
        tx: tx.clone(),
        wake_poller: wake.clone(),
        generations: generations.clone(),
        audit: launch.audit,
    };
    let poller = Poller::new(
        launch.client,
        tx.clone(),
        state.settings.poll_interval,
        wake,
        generations,
    );
    let poll_task = tokio::spawn(poller.run());

    let (mut term, _guard) = terminal::init()?;
    let size = term.size()?;
    update(
        &mut state,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );

    let mut events = EventStream::new();
    // Ticks on the second boundary, so every countdown on screen changes together.
    let first = Instant::now()
        + Duration::from_millis(1000 - u64::from(Utc::now().timestamp_subsec_millis()).min(999));
    let mut tick = tokio::time::interval_at(first, Duration::from_secs(1));
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut signals = Signals::new()?;
    let mut last_link = None;
    // The signal that ended the loop, for the exit status.
    let mut ended_by = None;
    // For the end-to-end test that a panic leaves the terminal restored.
    let test_panic = std::env::var_os("PAYOUTS_TUI_TEST_PANIC").is_some();

    loop {
        if state.dirty {
            let frame = term.draw(|f| crate::ui::render(&state, f))?;
            // The hash link is written over the frame, once per place it appears: a frame
            // without it (a popup over it) forgets it, so it is written again after.
            let link = crate::ui::hyperlink(&state, frame.buffer);
            if link != last_link {
                if let Some(l) = &link {
                    let w = term.backend_mut();
                    w.write_all(osc::hyperlink_at(l.x, l.y, &l.text, &l.url).as_bytes())?;
                    w.flush()?;
                }
                last_link = link;
            }
            state.dirty = false;
            if test_panic {
                panic!("forced panic after the first frame (PAYOUTS_TUI_TEST_PANIC)");
            }
        }
        let msg = tokio::select! {
            biased;
            sig = signals.recv() => match sig {
                Sig::Quit(n) => {
                    ended_by = Some(n);
                    Msg::Quit
                }
                Sig::Stop => {
                    terminal::suspend(&mut term)?;
                    last_link = None;
                    state.dirty = true;
                    continue;
                }
                Sig::Cont => {
                    terminal::redraw_all(&mut term)?;
                    last_link = None;
                    state.dirty = true;
                    continue;
                }
            },
            ev = events.next() => match ev {
                // Ctrl-Z: raw mode turns it into a key; suspend as the shell would.
                Some(Ok(ev)) if input::is_suspend(&ev) => {
                    terminal::suspend(&mut term)?;
                    last_link = None;
                    state.dirty = true;
                    continue;
                }
                Some(Ok(ev)) => match input::to_msg(&ev, &state.mode) {
                    Some(m) => m,
                    None => continue,
                },
                // The terminal is gone (hang-up): leave cleanly.
                Some(Err(_)) | None => Msg::Quit,
            },
            Some(m) = rx.recv() => m,
            _ = tick.tick() => Msg::Tick(Utc::now()),
        };
        if matches!(msg, Msg::Resize { .. }) {
            // A resize redraws every cell: the link must be written again.
            last_link = None;
        }
        let mut out = String::new();
        let mut handle = |state: &mut AppState, msg: Msg| {
            for fx in update(state, msg) {
                if let Some(bytes) = runner.run(fx) {
                    out.push_str(&bytes);
                }
            }
        };
        handle(&mut state, msg);
        for _ in 0..DRAIN {
            match rx.try_recv() {
                Ok(m) => handle(&mut state, m),
                Err(_) => break,
            }
        }
        if !out.is_empty() {
            let w = term.backend_mut();
            w.write_all(out.as_bytes())?;
            w.flush()?;
        }
        if state.quit {
            break;
        }
    }
    poll_task.abort();
    Ok(match ended_by {
        Some(n) => Ended::Signal(n),
        None => Ended::Quit,
    })
}

/// How the dashboard ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    /// By this signal (the exit status is then 128 + n).
    Signal(i32),
}

/// What a signal asks of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sig {
    /// Quit cleanly, exiting with 128 + this signal number (the shell's convention).
    Quit(i32),
    /// Stop (SIGTSTP from outside; Ctrl-Z arrives as a key): give the terminal back first.
    Stop,
    /// Continued after a stop we did not see (SIGSTOP cannot be caught): draw everything.
    Cont,
}

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT mean "quit cleanly" (in raw mode Ctrl-C is a key, but
/// a `kill -INT` still arrives as a signal); SIGTSTP suspends; SIGCONT redraws.
struct Signals {
    #[cfg(unix)]
    set: Vec<(tokio::signal::unix::Signal, Sig)>,
}

impl Signals {
    fn new() -> std::io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [
                (SignalKind::interrupt(), Sig::Quit(libc::SIGINT)),
                (SignalKind::terminate(), Sig::Quit(libc::SIGTERM)),
                (SignalKind::hangup(), Sig::Quit(libc::SIGHUP)),
                (SignalKind::quit(), Sig::Quit(libc::SIGQUIT)),
                (SignalKind::from_raw(libc::SIGTSTP), Sig::Stop),
                (SignalKind::from_raw(libc::SIGCONT), Sig::Cont),
            ];
            let mut set = Vec::with_capacity(kinds.len());
            for (kind, sig) in kinds {
                set.push((signal(kind)?, sig));
            }
            Ok(Signals { set })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    async fn recv(&mut self) -> Sig {
        #[cfg(unix)]
        {
            let waits = self.set.iter_mut().map(|(s, sig)| {
                let sig = *sig;
                Box::pin(async move {
                    s.recv().await;
                    sig
                })
            });
            futures::future::select_all(waits).await.0
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            Sig::Quit(2)
        }
    }
}
