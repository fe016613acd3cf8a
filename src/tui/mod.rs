//! The dashboard's edges: the terminal, the event loop, input mapping, the poller, effects,
//! terminal control strings. Everything here does I/O; the logic lives in `app`.

pub mod approvals;
pub mod drive;
pub mod effects;
pub mod input;
pub mod osc;
pub mod poller;
pub mod run;
pub mod sgr;
pub mod terminal;

pub use drive::Ended;
pub use run::{Launch, run};
