//! `payouts-tui list`: every page (or the first --limit), as a table, JSON or CSV.

use crate::dfns::text::shown;
use chrono::{DateTime, TimeDelta, Utc};

use crate::app::{board, countdown};

use crate::dfns::client::{Client, Page};
use crate::dfns::error::ApiError;
use crate::dfns::model::{
    ExecutionStatus, ListPayoutsQuery, PAYOUTS_LIMIT_MAX, Payout, PayoutStatus,
};

use super::args::{ListArgs, ListFormat};
use super::output::table::{Align, Cell, Column};
use super::output::{self, csv};
use super::session::Session;
use super::{Exit, GlobalArgs, exit, view};

pub async fn run(global: &GlobalArgs, args: ListArgs) -> Exit {
    let s = match Session::open(global) {
        Ok(s) => s,
        Err(e) => return e,
    };
    // A deadline or "needs me" exists only while Processing: ask the API for those alone.
    let status = if args.status.is_empty() && (args.needs_me || args.expiring_within.is_some()) {
        vec![PayoutStatus::Processing]
    } else {
        args.status.clone()
    };
    let query = ListPayoutsQuery {
        limit: Some(
            args.limit
                .unwrap_or(PAYOUTS_LIMIT_MAX)
                .min(PAYOUTS_LIMIT_MAX),
        ),
        wallet_id: args.wallet.clone(),
        status,
        ..Default::default()
    };
    let mut page = match fetch(&s.client, &query, args.limit).await {
        Ok(p) => p,
        Err(e) => return exit::report("cannot list payouts", &e, s.profile()),
    };
    let skew = s.client.clock_skew().unwrap_or_default();
    let triage = Triage::of(&args, s.me.as_deref(), Utc::now(), skew);
    page.items.retain(|p| triage.keeps(p));
    for m in &page.malformed {
        eprintln!(
            "warning: payout {} left out: this version cannot read it ({})",
            shown(m.id.as_deref().unwrap_or("(no id)")),
            shown(&m.error)
        );
    }
    let matched = !page.items.is_empty();
    let text = match args.output {
        ListFormat::Json => match output::json(&page.items) {
            Ok(t) => t,
            Err(e) => return e,
        },
        ListFormat::Csv => to_csv(&page.items),
        ListFormat::Table => {
            eprintln!("{} payout(s)", page.items.len());
            to_table(&page.items, &s, skew)
        }
    };
    match output::emit(&text) {
        Exit::Ok if args.exit_code && matched => Exit::Matched,
        code => code,
    }
}

/// The triage filters, applied to what the API listed (it has no such filters itself).
struct Triage<'a> {
    execution: &'a [ExecutionStatus],
    me: Option<&'a str>,
    mine: bool,
    needs_me: bool,
    within: Option<TimeDelta>,
    now: DateTime<Utc>,
    skew: TimeDelta,
}

impl<'a> Triage<'a> {
    fn of(args: &'a ListArgs, me: Option<&'a str>, now: DateTime<Utc>, skew: TimeDelta) -> Self {
        Triage {
            execution: &args.execution_status,
            me,
            mine: args.mine,
            needs_me: args.needs_me,
            within: args
                .expiring_within
                .map(|d| TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)),
            now,
            skew,
        }
    }

    fn keeps(&self, p: &Payout) -> bool {
        if !self.execution.is_empty() && !self.execution.contains(p.execution_status()) {
            return false;
        }
        // Mine only when provably mine: an unknown id proves nothing.
        if (self.mine || self.needs_me) && (self.me.is_none() || p.requester_id() != self.me) {
            return false;
        }
        // The dashboard's first group, by the same rule.
        if self.needs_me && board::group_of(p, self.me) != board::Group::NeedsMe {
            return false;
        }
        if let Some(within) = self.within {
            let Some(d) = countdown::deadline(p) else {
                return false;
            };
            let left = countdown::remaining(&d, self.now, self.skew);
            if left < TimeDelta::zero() || left > within {
                return false;
            }
        }
        true
    }
}

/// Every page, or pages until `limit` items.
async fn fetch(
    client: &Client,
    query: &ListPayoutsQuery,
    limit: Option<u32>,
) -> Result<Page<Payout>, ApiError> {
    let Some(limit) = limit else {
        return client.list_all_payouts(query).await;
    };
    let limit = limit as usize;
    let mut q = query.clone();
    let mut all = Page {
        items: Vec::new(),
        next_page_token: None,
        malformed: Vec::new(),
    };
    loop {
        let page = client.list_payouts(&q).await?;
        all.items.extend(page.items);
        all.malformed.extend(page.malformed);
        match page.next_page_token {
            Some(t) if all.items.len() < limit && q.pagination_token.as_ref() != Some(&t) => {
                q.pagination_token = Some(t);
            }
            _ => break,
        }
    }
    all.items.truncate(limit);
    Ok(all)
}

const COLUMNS: [Column; 9] = [
    col("ID", Align::Left, None),
    col("CREATED", Align::Left, Some(3)),
    // Narrow terminals keep the step (EXECUTION) and drop STATUS, which reads "Processing"
    // on every row that needs anything.
    col("STATUS", Align::Left, Some(4)),
    col("EXECUTION", Align::Left, None),
    col("AMOUNT", Align::Right, None),
    col("NETWORK", Align::Left, Some(2)),
    col("LEFT", Align::Left, Some(5)),
    col("REQUESTER", Align::Left, Some(1)),
    col("EXTERNAL ID", Align::Left, Some(0)),
];

const fn col(title: &'static str, align: Align, drop_rank: Option<u8>) -> Column {
    Column {
        title,
        align,
        drop_rank,
    }
}

fn to_table(items: &[Payout], s: &Session, skew: TimeDelta) -> String {
    let now = Utc::now();
    let rows: Vec<Vec<Cell>> = items
        .iter()
        .map(|p| {
            let (left, urgency) = match view::time_left(p, now, skew) {
                Some((text, u)) => (text, view::urgency_sgr(u)),
                None => (String::new(), None),
            };
            vec![
                Cell::plain(&p.id),
                Cell::plain(view::short_date(&p.date_created)),
                Cell::colored(p.status.as_str(), view::status_sgr(&p.status)),
                Cell::plain(p.execution_status().as_str()),
                Cell::plain(view::amount(p)),
                Cell::plain(p.asset.network.as_str()),
                Cell::colored(left, urgency),
                Cell::plain(s.who(p.requester_id())),
                Cell::plain(p.external_id.as_deref().unwrap_or_default()),
            ]
        })
        .collect();
    output::table::render(&COLUMNS, &rows, output::width(), output::color_enabled())
}

const CSV_HEADER: [&str; 16] = [
    "id",
    "dateCreated",
    "status",
    "executionStatus",
    "amount",
    "symbol",
    "baseUnits",
    "decimals",
    "kind",
    "tokenAddress",
    "network",
    "walletId",
    "requesterUserId",
    "externalId",
    "depositAddress",
    "transactionHash",
];

fn to_csv(items: &[Payout]) -> String {
    let mut out = csv::record(&CSV_HEADER);
    for p in items {
        let d = &p.data;
        out.push_str(&csv::record(&[
            p.id.as_str(),
            p.date_created.as_str(),
            p.status.as_str(),
            p.execution_status().as_str(),
            &view::plain_amount(p),
            p.asset.symbol().unwrap_or_default(),
            &p.asset.amount,
            &p.asset
                .decimals()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            p.asset.kind.as_str(),
            p.asset.token_address().unwrap_or_default(),
            p.asset.network.as_str(),
            &p.wallet_id,
            p.requester_id().unwrap_or_default(),
            p.external_id.as_deref().unwrap_or_default(),
            d.deposit_address.as_deref().unwrap_or_default(),
            d.transaction_hash.as_deref().unwrap_or_default(),
        ]));
    }
    out
}
