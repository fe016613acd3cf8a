//! `payouts-tui get ID`: one payout, its fields or the API's JSON.

use chrono::Utc;

use crate::dfns::model::Payout;

use super::args::{DetailFormat, GetArgs};
use super::output;
use super::session::Session;
use super::{Exit, GlobalArgs, exit, view};

pub async fn run(global: &GlobalArgs, args: GetArgs) -> Exit {
    let Some(id) = payout_id(&args.id) else {
        return Exit::Usage;
    };
    let s = match Session::open(global) {
        Ok(s) => s,
        Err(e) => return e,
    };
    match s.client.get_payout(id).await {
        Ok(p) => show(&s, &p, args.output),
        Err(e) => exit::report(&format!("cannot read payout {id}"), &e, s.profile()),
    }
}

/// A payout id as given, refused locally only when empty: its format is the server's to
/// judge (a malformed id is the API's 400, exit 1).
pub fn payout_id(id: &str) -> Option<&str> {
    let id = id.trim();
    if id.is_empty() {
        eprintln!("error: the payout id is empty: pass one such as pyt-xxxxx-xxxxx-xxxxxxxxxxxxxx");
        return None;
    }
    Some(id)
}

/// Prints `p` on stdout as fields or JSON.
pub fn show(s: &Session, p: &Payout, format: DetailFormat) -> Exit {
    let text = match format {
        DetailFormat::Json => match output::json(p) {
            Ok(t) => t,
            Err(e) => return e,
        },
        DetailFormat::Table => {
            let skew = s.client.clock_skew().unwrap_or_default();
            let left = view::time_left(p, Utc::now(), skew).map(|(t, _)| t);
            output::fields(&view::detail(p, &s.who(p.requester_id()), left))
        }
    };
    output::emit(&text)
}
