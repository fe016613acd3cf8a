//! `payouts-tui get ID`: one payout, its fields or the API's JSON.

use chrono::Utc;

use crate::dfns::client::paging::{Pager, Step};
use crate::dfns::model::{ListPayoutsQuery, PAYOUTS_LIMIT_MAX, Payout};
use crate::dfns::text::shown;

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
    match find(&s, id).await {
        Ok(p) => show(&s, &p, args.output),
        Err(code) => code,
    }
}

/// The payout `id` names: a payout id (`pyt-…`) is read directly; anything else is looked up
/// as an externalId. The API has no externalId filter, so that pages through history, newest
/// first, and stops at the first match (externalIds are unique per org).
pub async fn find(s: &Session, id: &str) -> Result<Payout, Exit> {
    let shown_id = shown(id);
    if id.starts_with("pyt-") {
        return s
            .client
            .get_payout(id)
            .await
            .map_err(|e| exit::report(&format!("cannot read payout {shown_id}"), &e, s.profile()));
    }
    let mut query = ListPayoutsQuery {
        limit: Some(PAYOUTS_LIMIT_MAX),
        ..Default::default()
    };
    let mut pager = Pager::default();
    loop {
        let page = s.client.list_payouts(&query).await.map_err(|e| {
            exit::report(
                &format!("cannot look up externalId {shown_id}"),
                &e,
                s.profile(),
            )
        })?;
        if let Some(p) = page
            .items
            .into_iter()
            .find(|p| p.external_id.as_deref() == Some(id))
        {
            return Ok(p);
        }
        match pager.step(page.next_page_token.as_deref()) {
            Step::Next(t) => query.pagination_token = Some(t),
            Step::Done | Step::Loop(_) => {
                eprintln!(
                    "error: no payout has id or externalId {shown_id} (payout ids start with pyt-)"
                );
                return Err(Exit::Refused);
            }
        }
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
