//! The dashboard's edges: the terminal, the event loop, input mapping, the poller, effects,
//! terminal control strings. Everything here does I/O; the logic lives in `app`.

pub mod effects;
pub mod input;
pub mod osc;
pub mod poller;
pub mod run;
pub mod terminal;

pub use run::{Ended, Launch, run};
