//! `payouts-tui approvals`: the policy approvals of wallet transfers (a payout's Confirm is
//! one), with the amount, the quorum and what I may do; as a table, JSON or CSV.
//!
//! Approvals of other activities (policy, permission or registry changes) are left out and
//! counted on stderr: this tool decides transfers only. `--mine` asks the server for the
//! Pending approvals I am an approver of and have not decided (`approverId`), then keeps
//! those my stance allows deciding (deny-only ones included).

use chrono::Utc;

use crate::app::approval::{Me, Stance, my_stance, quorum_progress, quorum_summary};
use crate::app::display;
use crate::dfns::amount;
use crate::dfns::model::{
    Approval, ApprovalStatus, ListApprovalsQuery, Timestamp, TransferRequest,
};
use crate::dfns::text::shown;

use super::args::{ApprovalsArgs, ListFormat};
use super::held::PolicyCache;
use super::output::table::{Align, Cell, Column};
use super::output::{self, csv};
use super::session::Session;
use super::{Exit, GlobalArgs, exit, view};

/// One listed approval with what was computed for it.
struct Row {
    approval: Approval,
    quorum: String,
    stance: Option<Stance>,
}

pub async fn run(global: &GlobalArgs, args: ApprovalsArgs) -> Exit {
    let s = match Session::open(global) {
        Ok(s) => s,
        Err(e) => return e,
    };
    if args.mine {
        if args
            .status
            .as_ref()
            .is_some_and(|st| *st != ApprovalStatus::Pending)
        {
            eprintln!(
                "error: --mine lists approvals you may still decide, which are Pending: drop --status"
            );
            return Exit::Usage;
        }
        if s.me.is_none() {
            eprintln!(
                "error: --mine needs your user id, and the token names none: set PAYOUTS_TUI_USER_ID or user_id in the profile"
            );
            return Exit::Usage;
        }
    }
    let query = ListApprovalsQuery {
        status: if args.mine {
            Some(ApprovalStatus::Pending)
        } else {
            args.status.clone()
        },
        approver_id: if args.mine { s.me.clone() } else { None },
        ..Default::default()
    };
    let page = match s.client.list_all_approvals(&query).await {
        Ok(p) => p,
        Err(e) => return exit::report("cannot list policy approvals", &e, s.profile()),
    };
    for m in &page.malformed {
        eprintln!(
            "warning: approval {} left out: this version cannot read it ({})",
            shown(m.id.as_deref().unwrap_or("(no id)")),
            shown(&m.error)
        );
    }
    let (transfers, others): (Vec<Approval>, Vec<Approval>) = page
        .items
        .into_iter()
        .partition(|a| a.transfer_request().is_some());
    if !others.is_empty() {
        eprintln!(
            "{} approval(s) of other activities (policy, permission or registry changes) left out",
            others.len()
        );
    }
    let kind = s.client.whoami().and_then(|c| c.token_kind);
    let mut cache = PolicyCache::default();
    let mut rows = Vec::with_capacity(transfers.len());
    for a in transfers {
        let policies = cache.of(&s.client, &a).await;
        let all_read = policies.len() == a.triggered_policy_ids().len();
        let quorum = quorum_summary(&quorum_progress(&a, &policies, s.me.as_deref()));
        let stance =
            s.me.as_deref()
                .filter(|_| all_read)
                .map(|me| my_stance(&a, &policies, &Me::new(me, kind.as_deref())));
        // The server already narrowed --mine; the stance removes what I can no longer decide.
        if args.mine && stance.as_ref().is_some_and(|st| !st.can_decide()) {
            continue;
        }
        rows.push(Row {
            approval: a,
            quorum,
            stance,
        });
    }
    let text = match args.output {
        ListFormat::Json => {
            let items: Vec<&Approval> = rows.iter().map(|r| &r.approval).collect();
            match output::json(&items) {
                Ok(t) => t,
                Err(e) => return e,
            }
        }
        ListFormat::Csv => to_csv(&rows),
        ListFormat::Table => {
            eprintln!("{} approval(s)", rows.len());
            to_table(&rows, &s)
        }
    };
    output::emit(&text)
}

/// "48,000.00 USDC" by the one amount wording (`app::display`): decimals never guessed.
fn amount_of(t: &TransferRequest) -> String {
    let b = &t.request_body;
    let token = match (t.symbol(), b.token_address()) {
        (Some(s), _) if !s.is_empty() => shown(s).to_string(),
        (_, Some(a)) => shown(&display::short_address(a)).to_string(),
        _ => display::UNKNOWN_TOKEN.to_owned(),
    };
    match b.amount.as_deref() {
        Some(base) => display::amount_of(base, t.decimals(), &token),
        None => format!("- {token}"),
    }
}

fn plain_amount(t: &TransferRequest) -> String {
    match (t.request_body.amount.as_deref(), t.decimals()) {
        (Some(base), Some(d)) => amount::to_human(base, d).unwrap_or_default(),
        _ => String::new(),
    }
}

fn reason(a: &Approval) -> String {
    a.policy_evaluations
        .iter()
        .filter(|e| e.triggered)
        .map(|e| e.reason.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn date(t: Option<&Timestamp>) -> String {
    t.map(view::short_date).unwrap_or_else(|| "-".to_owned())
}

const COLUMNS: [Column; 12] = [
    col("ID", Align::Left, None),
    col("CREATED", Align::Left, Some(4)),
    col("STATUS", Align::Left, None),
    col("AMOUNT", Align::Right, None),
    col("NETWORK", Align::Left, Some(5)),
    col("INITIATOR", Align::Left, Some(3)),
    col("QUORUM", Align::Left, None),
    col("YOU", Align::Left, Some(7)),
    col("EXPIRES", Align::Left, Some(6)),
    col("TO", Align::Left, Some(1)),
    col("TRANSFER", Align::Left, Some(2)),
    col("REASON", Align::Left, Some(0)),
];

const fn col(title: &'static str, align: Align, drop_rank: Option<u8>) -> Column {
    Column {
        title,
        align,
        drop_rank,
    }
}

fn status_sgr(s: &ApprovalStatus) -> Option<&'static str> {
    match s {
        ApprovalStatus::Pending => Some("33"),
        ApprovalStatus::Approved => Some("32"),
        ApprovalStatus::Denied | ApprovalStatus::Expired => Some("31"),
        ApprovalStatus::Other(_) => Some("35"),
    }
}

fn to_table(rows: &[Row], s: &Session) -> String {
    let now = Utc::now();
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .filter_map(|r| {
            let a = &r.approval;
            let t = a.transfer_request()?;
            let expires = match a.expiration_date.as_ref().and_then(Timestamp::instant) {
                Some(at) if a.status == ApprovalStatus::Pending && at > now => {
                    let left = at - now;
                    format!("in {}h {:02}m", left.num_hours(), left.num_minutes() % 60)
                }
                _ => date(a.expiration_date.as_ref()),
            };
            Some(vec![
                Cell::plain(&a.id),
                Cell::plain(date(a.date_created.as_ref())),
                Cell::colored(a.status.as_str(), status_sgr(&a.status)),
                Cell::plain(amount_of(t)),
                Cell::plain(t.network.as_ref().map(|n| n.as_str()).unwrap_or("-")),
                Cell::plain(s.who(Some(&a.initiator_id))),
                Cell::plain(&r.quorum),
                Cell::plain(r.stance.as_ref().map_or("?", Stance::label)),
                Cell::plain(expires),
                Cell::plain(t.request_body.to.as_deref().unwrap_or("-")),
                Cell::plain(&t.id),
                Cell::plain(reason(a)),
            ])
        })
        .collect();
    output::table::render(&COLUMNS, &cells, output::width(), output::color_enabled())
}

const CSV_HEADER: [&str; 20] = [
    "id",
    "status",
    "dateCreated",
    "expirationDate",
    "dateResolved",
    "initiatorId",
    "transferId",
    "walletId",
    "network",
    "kind",
    "amount",
    "symbol",
    "baseUnits",
    "decimals",
    "tokenAddress",
    "to",
    "quorum",
    "you",
    "decisions",
    "reason",
];

fn to_csv(rows: &[Row]) -> String {
    let mut out = csv::record(&CSV_HEADER);
    for r in rows {
        let a = &r.approval;
        let Some(t) = a.transfer_request() else {
            continue;
        };
        let ts = |x: Option<&Timestamp>| x.map(|t| t.as_str().to_owned()).unwrap_or_default();
        let decisions = a
            .decisions
            .iter()
            .map(|d| format!("{}:{}", d.user_id, d.value))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&csv::record(&[
            a.id.as_str(),
            a.status.as_str(),
            &ts(a.date_created.as_ref()),
            &ts(a.expiration_date.as_ref()),
            &ts(a.date_resolved.as_ref()),
            &a.initiator_id,
            &t.id,
            &t.wallet_id,
            t.network.as_ref().map(|n| n.as_str()).unwrap_or_default(),
            t.request_body.kind.as_str(),
            &plain_amount(t),
            t.symbol().unwrap_or_default(),
            t.request_body.amount.as_deref().unwrap_or_default(),
            &t.decimals().map(|d| d.to_string()).unwrap_or_default(),
            t.request_body.token_address().unwrap_or_default(),
            t.request_body.to.as_deref().unwrap_or_default(),
            &r.quorum,
            r.stance.as_ref().map_or("", Stance::label),
            &decisions,
            &reason(a),
        ]));
    }
    out
}
