//! The dashboard's real loop (`tui::drive`), in process: ratatui's `TestBackend` for the
//! terminal, scripted key and resize events, a clock that only moves when the test says, the
//! real effect runner and poller against the in-process emulator. Each test asserts what is
//! on screen, what reached the API (the emulator's own counters) and the audit file.

mod common;

#[allow(dead_code)]
#[path = "pty/board.rs"]
mod board;

#[path = "loop_inprocess/approvals.rs"]
mod approvals;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;

use payouts_tui::app::msg::Msg;
use payouts_tui::app::state::{AppState, Settings};
use payouts_tui::audit::AuditLog;
use payouts_tui::emulator::faults::FaultSpec;
use payouts_tui::emulator::{Options, Running};
use payouts_tui::tui::drive::{self, Ended, Screen, Wake};
use payouts_tui::tui::effects::Runner;
use payouts_tui::tui::poller::{Generations, Poller};

const WAIT: Duration = Duration::from_secs(15);

/// The terminal of the test: what was drawn goes out on a watch channel as text.
struct TestScreen {
    term: Terminal<TestBackend>,
    screens: watch::Sender<String>,
    written: String,
    frames: Arc<AtomicUsize>,
}

fn text_of(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

impl Screen for TestScreen {
    type B = TestBackend;

    fn terminal(&mut self) -> &mut Terminal<TestBackend> {
        &mut self.term
    }

    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn write(&mut self, bytes: &str) -> io::Result<()> {
        self.written.push_str(bytes);
        Ok(())
    }

    fn resized(&mut self, width: u16, height: u16) {
        self.term.backend_mut().resize(width, height);
    }

    fn presented(&mut self, _state: &AppState, frame: &Buffer) {
        self.frames.fetch_add(1, Ordering::SeqCst);
        let _ = self.screens.send(text_of(frame));
    }
}

struct Dash {
    wake: mpsc::UnboundedSender<Wake>,
    screens: watch::Receiver<String>,
    task: JoinHandle<(io::Result<Ended>, AppState, TestScreen)>,
    poll: JoinHandle<()>,
    /// Frames that reached the terminal.
    frames: Arc<AtomicUsize>,
    audit: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Dash {
    async fn start(emu: &Running, name: &str, width: u16, height: u16) -> Dash {
        let client = common::client(emu, name);
        let me = client.whoami().and_then(|c| c.user_id);
        let service_account =
            client.whoami().and_then(|c| c.token_kind).as_deref() == Some("ServiceAccount");
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let audit = dir.path().join("audit.jsonl");
        let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
        let wake_poller = Arc::new(Notify::new());
        let generations = Generations::default();
        let mut runner = Runner {
            client: client.clone(),
            tx: tx.clone(),
            wake_poller: wake_poller.clone(),
            generations: generations.clone(),
            audit: Some(AuditLog::new(
                audit.clone(),
                "test",
                &client.host(),
                me.as_deref(),
            )),
        };
        let poller = Poller::new(
            client,
            tx,
            Duration::from_millis(200),
            wake_poller,
            generations,
        );
        let poll = tokio::spawn(poller.run());
        let (wake, mut wakes) = mpsc::unbounded_channel::<Wake>();
        let forward = wake.clone();
        tokio::spawn(async move {
            while let Some(m) = rx.recv().await {
                if forward.send(Wake::Msg(m)).is_err() {
                    return;
                }
            }
        });
        let settings = Settings {
            profile: "test".into(),
            poll_interval: Duration::from_millis(200),
            hyperlinks: true,
            bell: false,
            notify: false,
            ..Settings::default()
        };
        let (screens_tx, screens) = watch::channel(String::new());
        let frames = Arc::new(AtomicUsize::new(0));
        let mut screen = TestScreen {
            term: Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}")),
            screens: screens_tx,
            written: String::new(),
            frames: frames.clone(),
        };
        let task = tokio::spawn(async move {
            let mut state = AppState::new(settings, me, Utc::now());
            state.service_account = service_account;
            let ended = drive::drive(&mut state, &mut screen, &mut wakes, &mut runner).await;
            (ended, state, screen)
        });
        Dash {
            wake,
            screens,
            task,
            poll,
            frames,
            audit,
            _dir: dir,
        }
    }

    fn send(&self, w: Wake) {
        self.wake
            .send(w)
            .unwrap_or_else(|_| panic!("the loop has ended"));
    }

    fn key(&self, c: char) {
        self.send(Wake::Term(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        ))));
    }

    fn enter(&self) {
        self.send(Wake::Term(Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        ))));
    }

    fn typed(&self, text: &str) {
        for c in text.chars() {
            self.key(c);
        }
    }

    /// Waits until the screen satisfies `done`; returns that screen.
    async fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let screen = self.screens.borrow_and_update().clone();
            if done(&screen) {
                return screen;
            }
            match tokio::time::timeout_at(deadline, self.screens.changed()).await {
                Ok(Ok(())) => {}
                _ => panic!("timed out waiting for {what}; screen:\n{screen}"),
            }
        }
    }

    async fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
            .await
    }

    /// Quits with Esc, `q` and returns the loop's end, its state and its screen.
    async fn quit(self) -> (Ended, AppState, TestScreen) {
        // Esc closes whatever result dialog is open (harmless on the board), then q quits.
        self.send(Wake::Term(Event::Key(KeyEvent::new(
            KeyCode::Esc,
            KeyModifiers::NONE,
        ))));
        self.key('q');
        let (ended, state, screen) = tokio::time::timeout(WAIT, self.task)
            .await
            .unwrap_or_else(|_| panic!("the loop did not end on q"))
            .unwrap_or_else(|e| panic!("{e}"));
        self.poll.abort();
        (ended.unwrap_or_else(|e| panic!("{e}")), state, screen)
    }

    fn audit_lines(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.audit)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

/// Requests the emulator served on `route` ("POST /payouts/{id}/action").
async fn served(emu: &Running, route: &str) -> u64 {
    let body = reqwest::get(format!("{}/_emulator/stats", emu.url()))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let v: Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}"));
    v["requests"]["routes"][route]["requests"]
        .as_u64()
        .unwrap_or(0)
}

/// The selected payout's full id (the detail pane's title) and its arm code, read from the
/// emulator.
async fn selected(emu: &Running, screen: &str) -> (String, String) {
    let id = board::selected_id(screen).unwrap_or_else(|| panic!("no selection:\n{screen}"));
    let p = common::client(emu, "operator")
        .get_payout(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let address = p.data.deposit_address.unwrap_or_default();
    (id, board::last4(&address))
}

const NEEDS_ME: &str = "Needs my confirmation";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirm_end_to_end_through_the_real_loop() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "operator", 120, 40).await;
    let screen = d
        .wait_until("a selected payout of mine", |s| {
            s.contains(NEEDS_ME) && board::selected_id(s).is_some()
        })
        .await;
    let (id, code) = selected(&emu, &screen).await;
    let before = emu.state.world_now().0.stats.confirms;
    d.key('c');
    d.wait_for("type the last 4 characters").await;
    d.typed(&code);
    d.wait_for("ARMED").await;
    d.enter();
    d.wait_for("Confirmed").await;
    assert_eq!(emu.state.world_now().0.stats.confirms, before + 1);
    assert_eq!(served(&emu, "POST /payouts/{id}/action").await, 1);
    let phases: Vec<String> = d
        .audit_lines()
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                l["phase"].as_str().unwrap_or(""),
                l["payoutId"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(phases, [format!("attempt {id}"), format!("outcome {id}")]);
    let (ended, state, _) = d.quit().await;
    assert_eq!(ended, Ended::Quit);
    assert!(state.quit);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_end_to_end_through_the_real_loop() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "operator", 120, 40).await;
    let screen = d
        .wait_until("a selected payout of mine", |s| {
            s.contains(NEEDS_ME) && board::selected_id(s).is_some()
        })
        .await;
    let (id, _) = selected(&emu, &screen).await;
    // The payout after it in my queue: where the cursor goes once it has left.
    let queue = board::group_rows(&screen, NEEDS_ME);
    let at = queue
        .iter()
        .position(|r| r.is(&id))
        .unwrap_or_else(|| panic!("{id} not in my queue:\n{screen}"));
    let next = queue
        .get(at + 1)
        .unwrap_or_else(|| panic!("no payout after {id}:\n{screen}"))
        .id_cell
        .clone();
    d.key('x');
    d.wait_for("Press y to cancel it").await;
    d.key('y');
    d.wait_for("canceled ✓").await;
    let p = common::client(&emu, "operator")
        .get_payout(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.status.as_str(), "Canceled");
    assert_eq!(served(&emu, "POST /payouts/{id}/action").await, 1);
    // Any key closes the result; the re-read moves the payout to Finished and the cursor
    // stays in my queue, on the payout that was after it.
    d.key(' ');
    d.wait_until(&format!("{next} selected after {id} left"), |s| {
        board::row_of(s, &id).is_none_or(|r| r.group.as_deref() != Some(NEEDS_ME))
            && board::selected_id(s)
                .is_some_and(|sel| board::row_of(s, &sel).is_some_and(|r| r.id_cell == next))
    })
    .await;
    d.quit().await;
}

/// The audit file's lines as "phase message" (the message only on resolution lines).
fn phases(d: &Dash) -> Vec<String> {
    d.audit_lines()
        .iter()
        .map(|l| {
            let phase = l["phase"].as_str().unwrap_or("");
            match phase {
                "resolution" => format!("{phase} {}", l["message"].as_str().unwrap_or("")),
                _ => phase.to_owned(),
            }
        })
        .collect()
}

/// The server confirms, the connection breaks before its answer: the outcome is unknown, the
/// confirm is never re-sent, and the re-read that follows tells it went through — the
/// dialog says so, and the audit log gets a line for the resolution.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_after_the_confirm_is_an_unknown_outcome_never_re_sent() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "operator", 120, 40).await;
    let screen = d
        .wait_until("a selected payout of mine", |s| {
            s.contains(NEEDS_ME) && board::selected_id(s).is_some()
        })
        .await;
    let (id, code) = selected(&emu, &screen).await;
    emu.state.faults.set(FaultSpec {
        reset_rate: Some(1.0),
        only: Some("POST /payouts/".into()),
        ..FaultSpec::default()
    });
    d.key('c');
    d.wait_for("type the last 4 characters").await;
    d.typed(&code);
    d.enter();
    d.wait_for("Went through").await;
    emu.state.faults.clear();
    let said = format!("confirm of {id} went through: now SubmittingPayoutTransfer");
    assert_eq!(
        phases(&d),
        [
            "attempt".to_owned(),
            "outcome".to_owned(),
            format!("resolution {said}")
        ]
    );
    // Any key closes the result; nothing was re-sent; the event log keeps the sentence.
    d.key('k');
    d.key('L');
    d.wait_for("went through: now SubmittingPayoutTransfer")
        .await;
    assert_eq!(served(&emu, "POST /payouts/{id}/action").await, 1);
    assert_eq!(emu.state.world_now().0.stats.confirms, 1);
    d.quit().await;
}

/// A 5xx answered before the server acted: the outcome is unknown, and the re-read tells it
/// did not go through (the payout still awaits confirmation).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_5xx_confirm_that_did_not_go_through_says_so_after_the_re_read() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "operator", 120, 40).await;
    let screen = d
        .wait_until("a selected payout of mine", |s| {
            s.contains(NEEDS_ME) && board::selected_id(s).is_some()
        })
        .await;
    let (id, code) = selected(&emu, &screen).await;
    emu.state.faults.set(FaultSpec {
        error_rate: Some(1.0),
        only: Some("POST /payouts/".into()),
        ..FaultSpec::default()
    });
    d.key('c');
    d.wait_for("type the last 4 characters").await;
    d.typed(&code);
    d.enter();
    d.wait_for("Did not go through").await;
    emu.state.faults.clear();
    assert_eq!(
        phases(&d),
        [
            "attempt".to_owned(),
            "outcome".to_owned(),
            format!(
                "resolution confirm of {id} did not go through: still AwaitingPayoutConfirmation"
            )
        ]
    );
    assert_eq!(emu.state.world_now().0.stats.confirms, 0);
    // Still mine to confirm: it stays in my queue.
    d.key(' ');
    d.wait_until(&format!("{id} still in my queue"), |s| {
        board::row_of(s, &id).is_some_and(|r| r.group.as_deref() == Some(NEEDS_ME))
    })
    .await;
    d.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resizes_redraw_the_whole_board_and_too_small_says_so() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "operator", 120, 40).await;
    d.wait_for(NEEDS_ME).await;
    d.send(Wake::Term(Event::Resize(80, 24)));
    d.wait_until("an 80-column board", |s| {
        s.lines().next().is_some_and(|l| l.chars().count() == 80) && s.contains(NEEDS_ME)
    })
    .await;
    d.send(Wake::Term(Event::Resize(40, 10)));
    d.wait_for("too small").await;
    d.send(Wake::Term(Event::Resize(200, 50)));
    let screen = d
        .wait_until("a 200-column board", |s| {
            s.lines().next().is_some_and(|l| l.chars().count() == 200) && s.contains(NEEDS_ME)
        })
        .await;
    assert!(!screen.contains("too small"));
    let (_, state, _) = d.quit().await;
    assert_eq!((state.width, state.height), (200, 50));
}

/// A viewer token (no Wallets:Read, no Payouts:Create): `n` fails once with 403, and from
/// then on `n` is disabled with the API's words — the hint bar and the help say so, and the
/// key flashes the reason instead of opening the form again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_403_disables_new_payout_for_the_session() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "viewer", 120, 40).await;
    d.wait_for(NEEDS_ME).await;
    d.key('n');
    d.wait_for("cannot list wallets").await;
    d.key(' ');
    // The flashes (the refusal, then "disabled for this session") take the hint line for a
    // few seconds; the test's clock moves past them.
    d.send(Wake::Tick(Utc::now() + chrono::Duration::seconds(15)));
    let screen = d
        .wait_until("n shown disabled in the hint bar", |s| {
            s.contains("n disabled (not permitted)")
                || s.contains("disabled (not permitted): n new")
        })
        .await;
    assert!(!screen.contains("cannot list wallets"), "{screen}");
    let wallets = served(&emu, "GET /wallets").await;
    d.key('n');
    let screen = d
        .wait_for("new is disabled: the API refused it (403)")
        .await;
    assert!(!screen.contains("loading wallets"), "{screen}");
    d.key('?');
    d.wait_for("disabled: the API refused it (403)").await;
    // Nothing more was asked of the API.
    assert_eq!(served(&emu, "GET /wallets").await, wallets);
    let (_, state, _) = d.quit().await;
    // The reason is the API's own words.
    let why = state
        .disabled(payouts_tui::app::action::Action::NewPayout)
        .unwrap_or_default();
    assert!(
        why.contains("is not authorized to perform operation (Wallets:Read)"),
        "{why}"
    );
}

/// Rendering on every wake costs no bytes when nothing changed: ticks at the same instant
/// send no frame; a tick a minute later (countdowns move) sends one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_frame_reaches_the_terminal_only_when_it_changed() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "operator", 120, 40).await;
    d.wait_for(NEEDS_ME).await;
    // No more polls: only the test's wakes from here.
    d.poll.abort();
    let now = Utc::now();
    d.send(Wake::Tick(now));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = d.frames.load(Ordering::SeqCst);
    for _ in 0..5 {
        d.send(Wake::Tick(now));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        d.frames.load(Ordering::SeqCst),
        before,
        "an unchanged frame was sent"
    );
    d.send(Wake::Tick(now + chrono::Duration::seconds(61)));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(d.frames.load(Ordering::SeqCst), before + 1);
    d.quit().await;
}

/// The poller's cycle costs the same requests however much finished history there is:
/// the newest page, the active set, and one `status=Pending` approvals listing (policies
/// were read once, at the first cycle; approvals of finished payouts are never read).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_per_poll_stay_flat_as_finished_history_grows() {
    let mut per_cycle = Vec::new();
    for history in [0usize, 3000] {
        let emu = common::emulator_with(Options {
            seed: 3,
            history,
            ..Options::default()
        })
        .await;
        let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
        // The dashboard's side: read (and drop) every batch, so the poller may go on.
        tokio::spawn(async move { while rx.recv().await.is_some() {} });
        let mut poller = Poller::new(
            common::client(&emu, "operator"),
            tx,
            Duration::from_secs(60),
            Arc::new(Notify::new()),
            Generations::default(),
        );
        poller.sweep(true).await.unwrap_or_else(|e| panic!("{e}"));
        poller.approvals().await.unwrap_or_else(|e| panic!("{e}"));
        let client = reqwest::Client::new();
        client
            .delete(format!("{}/_emulator/stats", emu.url()))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..3 {
            poller.cycle().await.unwrap_or_else(|e| panic!("{e}"));
            poller.approvals().await.unwrap_or_else(|e| panic!("{e}"));
        }
        let body = client
            .get(format!("{}/_emulator/stats", emu.url()))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .bytes()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let v: Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}"));
        let total = v["requests"]["total"]["requests"].as_u64().unwrap_or(0);
        let route = |r: &str| v["requests"]["routes"][r]["requests"].as_u64().unwrap_or(0);
        assert_eq!(route("GET /v2/policy-approvals"), 3, "{v}");
        assert_eq!(route("GET /v2/policies/{id}"), 0, "{v}");
        assert_eq!(route("GET /v2/policy-approvals/{id}"), 0, "{v}");
        per_cycle.push((history, total));
    }
    assert_eq!(per_cycle[0].1, per_cycle[1].1, "{per_cycle:?}");
    assert!(per_cycle[0].1 <= 3 * 3, "{per_cycle:?}");
}

/// A sweep never runs ahead of the dashboard by more than a few pages: unread batches hold
/// their places, and the poller waits for one to be read before it sends the next. (At
/// 100 000 payouts the pile of unread pages was tens of megabytes the heap kept.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sweep_waits_for_the_dashboard_to_read_its_pages() {
    let emu = common::emulator_with(Options {
        seed: 5,
        history: 1000,
        ..Options::default()
    })
    .await;
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut poller = Poller::new(
        common::client(&emu, "operator"),
        tx,
        Duration::from_secs(60),
        Arc::new(Notify::new()),
        Generations::default(),
    );
    let sweep = tokio::spawn(async move { poller.sweep(true).await.map(|()| poller) });
    // Unread: the batches pile up to the limit and no further.
    let mut unread = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
    while tokio::time::Instant::now() < deadline {
        if let Ok(Some(m)) = tokio::time::timeout(Duration::from_millis(100), rx.recv()).await {
            unread.push(m);
        }
    }
    assert_eq!(unread.len(), 8, "pages sent before any was read");
    assert!(!sweep.is_finished());
    // Read: the sweep goes on to the end (1 063 payouts, 22 pages).
    drop(unread);
    let mut pages = 8;
    let mut payouts = 8 * 50;
    while let Ok(Some(m)) = tokio::time::timeout(WAIT, rx.recv()).await {
        pages += 1;
        if let Msg::Polled(b) = m {
            payouts += b.payouts.len();
            if b.initial_load_done {
                break;
            }
        }
    }
    assert_eq!((pages, payouts), (22, 1063));
    let done = tokio::time::timeout(WAIT, sweep).await;
    assert!(matches!(done, Ok(Ok(Ok(_)))), "the sweep ended");
}

/// The re-read after a create's unknown outcome, through the real runner: the payout with
/// the externalId is found when it was made, and "none" is said — after the pages of the
/// wallet's payouts made since — when it was not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_create_is_looked_up_by_its_external_id() {
    use payouts_tui::app::effect::{Effect, Lookup};
    use payouts_tui::app::msg::Found;
    let emu = common::emulator_with(Options {
        seed: 5,
        history: 1000,
        ..Options::default()
    })
    .await;
    let client = common::client(&emu, "operator");
    let made = client
        .create_payout(&common::create_body(&emu, 7, Some("ext-lookup-1")))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let runner = Runner {
        client,
        tx,
        wake_poller: Arc::new(Notify::new()),
        generations: Generations::default(),
        audit: None,
    };
    let since = made
        .date_created
        .instant()
        .unwrap_or_else(|| panic!("a date"))
        - chrono::Duration::minutes(5);
    let ask = |external_id: &str| Effect::Resolve {
        op: 7,
        lookup: Lookup::ExternalId {
            wallet_id: made.wallet_id.clone(),
            external_id: external_id.to_owned(),
            since,
        },
    };
    let mut answer = async |effect: Effect| {
        runner.run(effect);
        match tokio::time::timeout(WAIT, rx.recv()).await {
            Ok(Some(Msg::Resolved { op: 7, result, .. })) => result,
            other => panic!("{other:?}"),
        }
    };
    match answer(ask("ext-lookup-1")).await {
        Ok(Found::ExternalId(Some(p))) => assert_eq!(p.id, made.id),
        other => panic!("{other:?}"),
    }
    let before = served(&emu, "GET /payouts").await;
    match answer(ask("ext-never-made")).await {
        Ok(Found::ExternalId(None)) => {}
        other => panic!("{other:?}"),
    }
    // Newest first: it stopped at the first page older than `since`, not at the end of
    // the wallet's history.
    assert_eq!(served(&emu, "GET /payouts").await - before, 2);
}

/// The new-payout form's wallet list marks the wallets a policy covers: the seeded
/// `Wallets:Sign` policy filters two wallets by id; the others are not marked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wallet_step_marks_the_wallets_a_policy_covers() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "operator", 200, 50).await;
    d.wait_for(NEEDS_ME).await;
    d.key('n');
    // Two marks on screen (each wrapped or not, its first words stay on one row).
    let screen = d.wait_for("policy: Transfers above").await;
    assert_eq!(
        screen.matches("policy: Transfers above").count(),
        2,
        "{screen}"
    );
    // They are the wallets the policy names, by the one rule the form draws with.
    let (_, state, _) = d.quit().await;
    let policy = "Transfers above 5,000 USD need a second operator";
    for w in &emu.wallets {
        let named = emu.state.world_now().0.book.policies().iter().any(|p| {
            p.filters
                .as_ref()
                .and_then(|f| f.wallet_id.as_ref())
                .is_some_and(|l| l.values.contains(&w.id))
        });
        let mark = payouts_tui::app::approval::covers::mark(state.approvals.policies.values(), w);
        assert_eq!(mark, named.then(|| format!("policy: {policy}")), "{}", w.id);
    }
    assert_eq!(served(&emu, "GET /v2/policies").await, 1);
}

/// Wallet names are read once at start (by the poller) and shown in the detail pane with the
/// wallet id kept visible.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_detail_pane_names_the_wallet_read_at_start() {
    let emu = common::emulator().await;
    let mut d = Dash::start(&emu, "operator", 120, 40).await;
    let screen = d
        .wait_until("a selected payout", |s| {
            s.contains(NEEDS_ME) && board::selected_id(s).is_some()
        })
        .await;
    let id = board::selected_id(&screen).unwrap_or_else(|| panic!("{screen}"));
    let p = common::client(&emu, "operator")
        .get_payout(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let name = emu
        .wallets
        .iter()
        .find(|w| w.id == p.wallet_id)
        .and_then(|w| w.name.clone())
        .unwrap_or_else(|| panic!("the seeded wallet has a name"));
    d.wait_for(&format!("{name} ({})", p.wallet_id)).await;
    d.quit().await;
    assert_eq!(served(&emu, "GET /wallets").await, 1, "read once");
}
