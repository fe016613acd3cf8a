//! The dashboard as it runs for real: the crossterm terminal, real signals, the wall clock,
//! the poller and effect tasks — wired into the generic loop of `drive`.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::EventStream;
use tokio::sync::{Notify, mpsc};
use tokio::time::{Instant, MissedTickBehavior};

use crate::app::msg::Msg;
use crate::app::state::{AppState, Settings};
use crate::audit::AuditLog;
use crate::dfns::client::Client;

use super::drive::{self, Ended, Screen, Sig, Wake};
use super::effects::Runner;
use super::poller::{Generations, Poller};
use super::sgr::BasicColors;
use super::terminal;

pub struct Launch {
    pub client: Client,
    /// My user id (the token's claim, else configured).
    pub me: Option<String>,
    pub settings: Settings,
    pub audit: Option<AuditLog>,
    /// Write the basic colours in the 16-colour form (`app::term::sixteen_colors`).
    pub sixteen_colors: bool,
}

/// The real terminal.
struct Tty {
    term: terminal::Term,
    /// Debug builds only: the end-to-end test that a panic leaves the terminal restored
    /// sets PAYOUTS_TUI_TEST_PANIC; a release build has no such switch.
    #[cfg(debug_assertions)]
    test_panic: bool,
}

impl Screen for Tty {
    type B = CrosstermBackend<BasicColors<Stdout>>;

    fn terminal(&mut self) -> &mut Terminal<Self::B> {
        &mut self.term
    }

    fn suspend(&mut self) -> io::Result<()> {
        terminal::suspend(&mut self.term)
    }

    fn write(&mut self, bytes: &str) -> io::Result<()> {
        let w = self.term.backend_mut();
        w.write_all(bytes.as_bytes())?;
        w.flush()
    }

    fn presented(&mut self, _state: &AppState, _frame: &Buffer) {
        #[cfg(debug_assertions)]
        if self.test_panic {
            panic!("forced panic after the first frame (PAYOUTS_TUI_TEST_PANIC)");
        }
    }
}

pub async fn run(launch: Launch) -> io::Result<Ended> {
    let sixteen_colors = launch.sixteen_colors;
    let mut state = AppState::new(launch.settings, launch.me, Utc::now());
    state.service_account =
        launch.client.whoami().and_then(|c| c.token_kind).as_deref() == Some("ServiceAccount");
    let (tx, rx) = mpsc::unbounded_channel::<Msg>();
    let wake = Arc::new(Notify::new());
    let generations = Generations::default();
    let mut runner = Runner {
        client: launch.client.clone(),
        tx: tx.clone(),
        wake_poller: wake.clone(),
        generations: generations.clone(),
        audit: launch.audit,
    };
    let poller = Poller::new(
        launch.client,
        tx,
        state.settings.poll_interval,
        wake,
        generations,
    );
    let poll_task = tokio::spawn(poller.run());

    let (term, _guard) = terminal::init(sixteen_colors)?;
    let mut tty = Tty {
        term,
        #[cfg(debug_assertions)]
        test_panic: std::env::var_os("PAYOUTS_TUI_TEST_PANIC").is_some(),
    };
    let (wake_tx, mut wakes) = mpsc::unbounded_channel::<Wake>();
    let feeders = [
        tokio::spawn(forward_msgs(rx, wake_tx.clone())),
        tokio::spawn(forward_terminal(wake_tx.clone())),
        tokio::spawn(forward_signals(Signals::new()?, wake_tx.clone())),
        tokio::spawn(ticks(wake_tx)),
    ];
    let ended = drive::drive(&mut state, &mut tty, &mut wakes, &mut runner).await;
    for f in feeders {
        f.abort();
    }
    poll_task.abort();
    ended
}

async fn forward_msgs(mut rx: mpsc::UnboundedReceiver<Msg>, tx: mpsc::UnboundedSender<Wake>) {
    while let Some(m) = rx.recv().await {
        if tx.send(Wake::Msg(m)).is_err() {
            return;
        }
    }
}

async fn forward_terminal(tx: mpsc::UnboundedSender<Wake>) {
    let mut events = EventStream::new();
    loop {
        let wake = match events.next().await {
            Some(Ok(ev)) => Wake::Term(ev),
            Some(Err(_)) | None => Wake::TermClosed,
        };
        let closed = matches!(wake, Wake::TermClosed);
        if tx.send(wake).is_err() || closed {
            return;
        }
    }
}

async fn forward_signals(mut signals: Signals, tx: mpsc::UnboundedSender<Wake>) {
    loop {
        let sig = signals.recv().await;
        if tx.send(Wake::Signal(sig)).is_err() {
            return;
        }
    }
}

/// Ticks on the second boundary, so every countdown on screen changes together.
async fn ticks(tx: mpsc::UnboundedSender<Wake>) {
    let first = Instant::now()
        + Duration::from_millis(1000 - u64::from(Utc::now().timestamp_subsec_millis()).min(999));
    let mut tick = tokio::time::interval_at(first, Duration::from_secs(1));
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        if tx.send(Wake::Tick(Utc::now())).is_err() {
            return;
        }
    }
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
