//! The dashboard's loop, generic over its edges so a test drives the real thing: the
//! terminal (`Screen`: any ratatui backend), what wakes it (`Wake`s on one channel: terminal
//! events, signals, results of the poller and of effects, the tick — time enters only as
//! the tick's value), and what runs effects (`Effects`). Production wires crossterm, real
//! signals, the wall clock and tasks (`tui::run`); tests wire `TestBackend`, scripted wakes,
//! a fake clock and the in-process emulator.
//!
//! Each wake: `update`, drain what else is queued, render once. Nothing decides by hand
//! whether something changed: the frame is rendered on every wake and reaches the terminal
//! only when its buffer differs from the last one sent — then ratatui's diff sends only the
//! cells that changed. So no cell can go stale and an idle board costs only what moved.

use std::io;

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::Event;
use tokio::sync::mpsc;

use crate::app::effect::Effect;
use crate::app::msg::Msg;
use crate::app::state::AppState;
use crate::app::update;

use super::{input, osc};

/// Messages handled per wake before drawing (keeps a burst from starving the screen).
const DRAIN: usize = 64;

/// What wakes the loop.
#[derive(Debug)]
pub enum Wake {
    Term(Event),
    /// The terminal's event stream ended (hang-up): leave cleanly.
    TermClosed,
    Signal(Sig),
    Msg(Msg),
    /// The clock, once a second (a test sends the times it wants).
    Tick(DateTime<Utc>),
}

/// What a signal asks of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sig {
    /// Quit cleanly, exiting with 128 + this signal number (the shell's convention).
    Quit(i32),
    /// Stop (SIGTSTP from outside; Ctrl-Z arrives as a key): give the terminal back first.
    Stop,
    /// Continued after a stop we did not see (SIGSTOP cannot be caught): draw everything.
    Cont,
}

/// How the dashboard ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    /// By this signal (the exit status is then 128 + n).
    Signal(i32),
}

/// The terminal the loop draws on, and what it does besides drawing.
pub trait Screen {
    type B: Backend;
    fn terminal(&mut self) -> &mut Terminal<Self::B>;
    /// Gives the terminal back and stops the process (job control); returns once continued,
    /// with the terminal taken again.
    fn suspend(&mut self) -> io::Result<()>;
    /// Bytes outside the frame: OSC 52 copy, OSC 9 notification, bell, the OSC 8 link.
    fn write(&mut self, bytes: &str) -> io::Result<()>;
    /// The terminal now has this size (a test resizes its backend here).
    fn resized(&mut self, _width: u16, _height: u16) {}
    /// A frame reached the terminal (tests watch the screen through this).
    fn presented(&mut self, _state: &AppState, _frame: &Buffer) {}
}

/// Runs effects: network effects as tasks that answer with a `Msg`, terminal effects as
/// bytes to write.
pub trait Effects {
    fn run(&mut self, effect: Effect) -> Option<String>;
}

/// A backend's error as an I/O error (crossterm's already is one; the test backend has none).
fn io_err<E: std::fmt::Display>(e: E) -> io::Error {
    io::Error::other(e.to_string())
}

/// What was last sent to the terminal: the frame, and where the hash link was written.
#[derive(Default)]
struct Painter {
    last: Option<Buffer>,
    link: Option<crate::ui::Hyperlink>,
}

impl Painter {
    /// Renders `state`; sends it only when it differs from the last frame sent.
    fn paint<S: Screen>(&mut self, state: &AppState, screen: &mut S) -> io::Result<()> {
        let term = screen.terminal();
        term.autoresize().map_err(io_err)?;
        {
            let mut frame = term.get_frame();
            crate::ui::render(state, &mut frame);
        }
        let buf = term.current_buffer_mut();
        if self.last.as_ref() == Some(&*buf) {
            // Unchanged: nothing to send; the next frame starts from a blank buffer.
            buf.reset();
            return Ok(());
        }
        let sent = buf.clone();
        term.flush().map_err(io_err)?;
        term.swap_buffers();
        term.backend_mut().flush().map_err(io_err)?;
        // The hash link is written over the frame, once per place it appears: a frame
        // without it (a popup over it) forgets it, so it is written again after.
        let link = crate::ui::hyperlink(state, &sent);
        if link != self.link {
            if let Some(l) = &link {
                screen.write(&osc::hyperlink_at(l.x, l.y, &l.text, &l.url))?;
            }
            self.link = link;
        }
        screen.presented(state, &sent);
        self.last = Some(sent);
        Ok(())
    }

    /// The screen may hold anything (after a stop, or Ctrl-L): clear it and send the whole
    /// next frame.
    fn redraw_all<S: Screen>(&mut self, screen: &mut S) -> io::Result<()> {
        let term = screen.terminal();
        term.backend_mut()
            .clear_region(ClearType::All)
            .map_err(io_err)?;
        // Both of ratatui's buffers blank, as the screen now is.
        term.current_buffer_mut().reset();
        term.swap_buffers();
        term.hide_cursor().map_err(io_err)?;
        self.last = None;
        self.link = None;
        Ok(())
    }
}

/// What one wake asks of the loop besides `update`.
enum Step {
    Msg(Msg),
    Suspend,
    RedrawAll,
    Nothing,
}

fn step(state: &AppState, wake: Wake, ended_by: &mut Option<i32>) -> Step {
    match wake {
        Wake::Term(ev) if input::is_suspend(&ev) => Step::Suspend,
        Wake::Term(ev) if input::is_redraw(&ev) => Step::RedrawAll,
        Wake::Term(ev) => input::to_msg(&ev, &state.mode).map_or(Step::Nothing, Step::Msg),
        Wake::TermClosed => Step::Msg(Msg::Quit),
        Wake::Signal(Sig::Quit(n)) => {
            *ended_by = Some(n);
            Step::Msg(Msg::Quit)
        }
        Wake::Signal(Sig::Stop) => Step::Suspend,
        Wake::Signal(Sig::Cont) => Step::RedrawAll,
        Wake::Msg(m) => Step::Msg(m),
        Wake::Tick(now) => Step::Msg(Msg::Tick(now)),
    }
}

/// The loop: until the state says quit, or every sender of wakes is gone.
pub async fn drive<S: Screen, E: Effects>(
    state: &mut AppState,
    screen: &mut S,
    wakes: &mut mpsc::UnboundedReceiver<Wake>,
    effects: &mut E,
) -> io::Result<Ended> {
    let mut painter = Painter::default();
    screen.terminal().hide_cursor().map_err(io_err)?;
    let size = screen.terminal().size().map_err(io_err)?;
    update(
        state,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );
    painter.paint(state, screen)?;
    let mut ended_by = None;
    while let Some(first) = wakes.recv().await {
        let mut out = String::new();
        let mut next = Some(first);
        let mut handled = 0;
        while let Some(wake) = next.take() {
            if let Wake::Term(Event::Resize(w, h)) = &wake {
                screen.resized(*w, *h);
            }
            match step(state, wake, &mut ended_by) {
                Step::Msg(msg) => {
                    for fx in update(state, msg) {
                        if let Some(bytes) = effects.run(fx) {
                            out.push_str(&bytes);
                        }
                    }
                }
                Step::Suspend => {
                    screen.suspend()?;
                    painter.redraw_all(screen)?;
                }
                Step::RedrawAll => painter.redraw_all(screen)?,
                Step::Nothing => {}
            }
            handled += 1;
            if handled < DRAIN {
                next = wakes.try_recv().ok();
            }
        }
        if !out.is_empty() {
            screen.write(&out)?;
        }
        if state.quit {
            break;
        }
        painter.paint(state, screen)?;
    }
    Ok(ended_by.map_or(Ended::Quit, Ended::Signal))
}
