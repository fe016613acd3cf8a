//! The poller: keeps the board fresh with requests that do not grow with history.
//!
//! Finished payouts never change, so once seen they are never asked for again. A cycle asks
//! for (1) the newest page — and the next ones only while they hold payouts never seen —,
//! (2) every `Processing` payout (the active set), (3) by id, the few that left the active
//! set since the last cycle. The first cycle pages through all history once so the board
//! fills (the first page shows at once); a full sweep repeats rarely in the background.
//! After either, the approvals step (`tui::approvals`): one `status=Pending` listing, the
//! few approvals that left Pending, policies once. Wallet names are read once, at start.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, Semaphore, mpsc};

use super::approvals::ApprovalWatch;
use crate::app::msg::{Held, Msg, PollBatch};
use crate::dfns::client::Client;
use crate::dfns::client::paging::{Pager, Step};
use crate::dfns::error::ApiError;
use crate::dfns::model::{
    ListPayoutsQuery, ListUsersQuery, ListWalletsQuery, Payout, PayoutStatus,
};

/// Newest-first page size for the "anything new?" probe.
const HEAD_LIMIT: u32 = 20;
/// Page size for the active set and sweeps (the API's maximum).
const PAGE_LIMIT: u32 = 50;
/// Pages of new payouts followed in one cycle before the rest waits for the next one.
const MAX_NEW_PAGES: usize = 20;
const SWEEP_EVERY: Duration = Duration::from_secs(600);
/// Batches sent and not yet read by the dashboard: enough to keep both sides busy (the next
/// page is fetched while one is taken in), few enough that whole payouts never pile up.
const IN_FLIGHT: usize = 8;

/// Shared generation counter: every read takes one when it starts.
#[derive(Debug, Clone, Default)]
pub struct Generations(Arc<AtomicU64>);

impl Generations {
    pub fn next(&self) -> u64 {
        self.0.fetch_add(1, Ordering::Relaxed) + 1
    }
}

pub struct Poller {
    pub client: Client,
    pub tx: mpsc::UnboundedSender<Msg>,
    pub interval: Duration,
    pub wake: Arc<Notify>,
    pub generations: Generations,
    /// Every payout id seen, hashed: is a page's payout new? Eight bytes per payout where
    /// the ids themselves were ~90 (the dashboard's own store has them). A collision could
    /// only make a new payout look seen until the next sweep — at 100 000 ids, a chance
    /// in ~10⁹.
    seen: HashSet<u64>,
    hasher: RandomState,
    /// The ids of the payouts seen not finished: the ones to read again once they leave
    /// the active set.
    active: HashSet<String>,
    /// Places in the queue to the dashboard (see [`IN_FLIGHT`]).
    places: Arc<Semaphore>,
    approvals: ApprovalWatch,
}

impl Poller {
    pub fn new(
        client: Client,
        tx: mpsc::UnboundedSender<Msg>,
        interval: Duration,
        wake: Arc<Notify>,
        generations: Generations,
    ) -> Poller {
        Poller {
            client,
            tx,
            interval,
            wake,
            generations,
            seen: HashSet::new(),
            hasher: RandomState::new(),
            active: HashSet::new(),
            places: Arc::new(Semaphore::new(IN_FLIGHT)),
            approvals: ApprovalWatch::default(),
        }
    }

    fn send(&self, msg: Msg) -> bool {
        self.tx.send(msg).is_ok()
    }

    fn note(&mut self, payouts: &[Payout]) {
        for p in payouts {
            self.seen.insert(self.hasher.hash_one(&p.id));
            if p.status.is_terminal() {
                self.active.remove(&p.id);
            } else {
                self.active.insert(p.id.clone());
            }
        }
    }

    fn is_new(&self, id: &str) -> bool {
        !self.seen.contains(&self.hasher.hash_one(id))
    }

    /// Sends a batch once the dashboard has room for it; false when it went away.
    async fn send_batch(&self, mut batch: PollBatch) -> bool {
        // The semaphore is never closed; were it, sending unqueued would still be right.
        if let Ok(place) = self.places.clone().acquire_owned().await {
            batch.held = Held::new(place);
        }
        self.send(Msg::Polled(batch))
    }

    /// Wallet names for the board (`AppState::names`), read once at start beside the first
    /// sweep; a token that may not list wallets just shows their ids.
    fn name_wallets(&self) {
        let (client, tx) = (self.client.clone(), self.tx.clone());
        tokio::spawn(async move {
            let query = ListWalletsQuery {
                limit: Some(100),
                ..Default::default()
            };
            match client.list_all_wallets(&query).await {
                Ok(page) => {
                    let _ = tx.send(Msg::WalletsNamed(page.items));
                }
                Err(e) => tracing::info!(error = %e, "no wallet names: ids are shown"),
            }
        });
    }

    /// User names for the board, read once at start when the token may list users
    /// (`Auth:Users:Read`); otherwise the profile's aliases and the ids are shown.
    fn name_users(&self) {
        let (client, tx) = (self.client.clone(), self.tx.clone());
        tokio::spawn(async move {
            let query = ListUsersQuery {
                limit: Some(100),
                ..Default::default()
            };
            match client.list_all_users(&query).await {
                Ok(page) => {
                    let _ = tx.send(Msg::UsersNamed(page.items));
                }
                Err(e) => tracing::info!(error = %e, "no user names from the API"),
            }
        });
    }

    /// Runs until the dashboard goes away.
    pub async fn run(mut self) {
        self.name_wallets();
        self.name_users();
        let mut failures: u32 = 0;
        let mut last_sweep: Option<Instant> = None;
        loop {
            if !self.send(Msg::PollStarted) {
                return;
            }
            let sweep = last_sweep.is_none_or(|t| t.elapsed() >= SWEEP_EVERY);
            let result = if sweep {
                self.sweep(last_sweep.is_none()).await
            } else {
                self.cycle().await
            };
            let result = match result {
                Ok(()) => self.approvals().await,
                Err(e) => Err(e),
            };
            if let Some(skew) = self.client.clock_skew() {
                self.send(Msg::Skew(skew));
            }
            let wait = match result {
                Ok(()) => {
                    failures = 0;
                    if sweep {
                        last_sweep = Some(Instant::now());
                    }
                    self.interval
                }
                Err(e) => {
                    failures += 1;
                    let wait = backoff(self.interval, failures, e.retry_after());
                    if !self.send(Msg::PollFailed {
                        error: e.to_string(),
                        next_step: e.next_step(None),
                        retry_in: wait,
                    }) {
                        return;
                    }
                    wait
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.wake.notified() => {}
            }
        }
    }

    /// Every page of history; each page is shown as it arrives.
    pub async fn sweep(&mut self, initial: bool) -> Result<(), ApiError> {
        let generation = self.generations.next();
        let mut query = ListPayoutsQuery {
            limit: Some(PAGE_LIMIT),
            ..Default::default()
        };
        let mut pager = Pager::default();
        loop {
            let page = self.client.list_payouts(&query).await?;
            self.note(&page.items);
            // A token seen twice ends the sweep with what was read (the client's guard).
            let next = match pager.step(page.next_page_token.as_deref()) {
                Step::Next(t) => Some(t),
                Step::Done => None,
                Step::Loop(t) => {
                    tracing::warn!(token = %t, "the API repeated a page token; sweep stopped");
                    None
                }
            };
            let last = next.is_none();
            self.send_batch(PollBatch {
                generation,
                payouts: page.items,
                malformed: page.malformed.len(),
                cycle_done: last,
                initial_load_done: initial && last,
                held: Held::default(),
            })
            .await;
            match next {
                Some(t) => query.pagination_token = Some(t),
                None => return Ok(()),
            }
        }
    }

    /// One cheap cycle: new payouts, the active set, and what just left it.
    pub async fn cycle(&mut self) -> Result<(), ApiError> {
        let generation = self.generations.next();
        let mut batch: Vec<Payout> = Vec::new();
        let mut malformed = 0;

        let mut query = ListPayoutsQuery {
            limit: Some(HEAD_LIMIT),
            ..Default::default()
        };
        for _ in 0..MAX_NEW_PAGES {
            let page = self.client.list_payouts(&query).await?;
            malformed += page.malformed.len();
            let any_new = page.items.iter().any(|p| self.is_new(&p.id));
            batch.extend(page.items);
            match page.next_page_token {
                Some(t) if any_new && !t.is_empty() => {
                    query = ListPayoutsQuery {
                        limit: Some(PAGE_LIMIT),
                        pagination_token: Some(t),
                        ..Default::default()
                    }
                }
                _ => break,
            }
        }

        let active_query = ListPayoutsQuery {
            limit: Some(PAGE_LIMIT),
            status: vec![PayoutStatus::Processing],
            ..Default::default()
        };
        let active = self.client.list_all_payouts(&active_query).await?;
        malformed += active.malformed.len();
        let still_active: HashSet<&str> = active.items.iter().map(|p| p.id.as_str()).collect();
        let in_batch: HashSet<&str> = batch.iter().map(|p| p.id.as_str()).collect();
        // Known as active, no longer listed as Processing: it finished; read it once.
        let left: Vec<String> = self
            .active
            .iter()
            .filter(|id| !still_active.contains(id.as_str()) && !in_batch.contains(id.as_str()))
            .cloned()
            .collect();
        batch.extend(active.items);
        for id in left {
            match self.client.get_payout(&id).await {
                Ok(p) => batch.push(p),
                // Gone (another org, deleted): stop asking.
                Err(ApiError::Http { status: 404, .. }) => {
                    self.active.remove(&id);
                }
                Err(e) => return Err(e),
            }
        }
        self.note(&batch);
        self.send_batch(PollBatch {
            generation,
            payouts: batch,
            malformed,
            cycle_done: true,
            initial_load_done: false,
            held: Held::default(),
        })
        .await;
        Ok(())
    }
}

impl Poller {
    /// The approvals step: Pending approvals, those that just left Pending, new policies.
    pub async fn approvals(&mut self) -> Result<(), ApiError> {
        let generation = self.generations.next();
        if let Some(batch) = self.approvals.poll(&self.client, generation).await? {
            self.send(Msg::ApprovalsPolled(batch));
        }
        Ok(())
    }
}

/// Doubles the wait per consecutive failure, capped at a minute, never shorter than the
/// server's `Retry-After`.
pub fn backoff(interval: Duration, failures: u32, retry_after: Option<Duration>) -> Duration {
    let exp = interval.saturating_mul(2u32.saturating_pow(failures.saturating_sub(1).min(6)));
    exp.min(Duration::from_secs(60))
        .max(retry_after.unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_caps_and_honours_retry_after() {
        let i = Duration::from_secs(5);
        assert_eq!(backoff(i, 1, None), Duration::from_secs(5));
        assert_eq!(backoff(i, 2, None), Duration::from_secs(10));
        assert_eq!(backoff(i, 9, None), Duration::from_secs(60));
        assert_eq!(
            backoff(i, 1, Some(Duration::from_secs(30))),
            Duration::from_secs(30)
        );
        assert_eq!(
            backoff(i, 9, Some(Duration::from_secs(90))),
            Duration::from_secs(90)
        );
    }
}
