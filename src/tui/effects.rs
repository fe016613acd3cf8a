//! Runs `Effect`s: each network effect becomes a task that answers with a `Msg`; terminal
//! effects come back as bytes for the loop to write.

use std::sync::Arc;

use tokio::sync::{Notify, mpsc};

use crate::app::effect::{AuditEvent, Effect, Lookup};
use crate::app::msg::{ActionOutcome, Created, Failure, Found, Msg, PollBatch};
use crate::app::new_payout::WalletChoice;
use crate::audit::{self, AuditLog};
use crate::dfns::client::Client;
use crate::dfns::client::paging::{Pager, Step};
use crate::dfns::error::{ApiError, Class};
use crate::dfns::model::{
    ListPayoutsQuery, ListPoliciesQuery, ListWalletsQuery, Payout, PayoutAction, PolicyStatus,
};
use crate::dfns::text::shown;

use super::poller::Generations;
use super::{approvals, osc};

#[derive(Clone)]
pub struct Runner {
    pub client: Client,
    pub tx: mpsc::UnboundedSender<Msg>,
    pub wake_poller: Arc<Notify>,
    pub generations: Generations,
    pub audit: Option<AuditLog>,
}

/// How a send ended, in the dashboard's terms (from the one classification of errors).
pub fn outcome(result: Result<(), ApiError>) -> ActionOutcome {
    let e = match result {
        Ok(()) => return ActionOutcome::Ok,
        Err(e) => e,
    };
    match e.class() {
        // The cause alone: the dialog and the flash say "outcome unknown" themselves.
        Class::OutcomeUnknown => ActionOutcome::Unknown(match &e {
            ApiError::OutcomeUnknown(cause) => cause.clone(),
            other => other.to_string(),
        }),
        // Accepted: the re-read shows it held by the policy.
        Class::Held => ActionOutcome::Ok,
        Class::Refused | Class::Unavailable | Class::Config => {
            let Failure { status, message } = failure(&e);
            ActionOutcome::Refused { status, message }
        }
    }
}

/// A failed request, in the dashboard's terms: the HTTP status, and the Dfns message when
/// the server sent one (sanitized when the error was built), else the error.
fn failure(e: &ApiError) -> Failure {
    Failure {
        status: e.status(),
        message: e
            .dfns_message()
            .map_or_else(|| e.to_string(), str::to_owned),
    }
}

/// The attempt line could not be written, so nothing was sent.
fn not_audited(why: String) -> ActionOutcome {
    ActionOutcome::Refused {
        status: None,
        message: why,
    }
}

/// Wallets with the balances that can fund a payout (ERC-20, SPL, Token-2022).
async fn load_wallets(client: &Client) -> Result<Vec<WalletChoice>, ApiError> {
    let wallets = client
        .list_all_wallets(&ListWalletsQuery {
            limit: Some(100),
            ..Default::default()
        })
        .await?;
    let mut out = Vec::with_capacity(wallets.items.len());
    for wallet in wallets.items {
        let assets = client
            .get_wallet_assets(&wallet.id)
            .await
            .map(|a| {
                a.assets
                    .into_iter()
                    .filter(|x| x.is_payout_asset())
                    .collect()
            })
            .unwrap_or_default();
        out.push(WalletChoice { wallet, assets });
    }
    Ok(out)
}

impl super::drive::Effects for Runner {
    fn run(&mut self, effect: Effect) -> Option<String> {
        Runner::run(self, effect)
    }
}

impl Runner {
    /// Runs `task` as its own task and sends the `Msg` it ends with.
    fn answer<F>(&self, task: F)
    where
        F: std::future::Future<Output = Msg> + Send + 'static,
    {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let _ = tx.send(task.await);
        });
    }

    /// Writes the attempt line of a state-changing request; when it cannot be written the
    /// request is not sent and `refused` says so to the loop.
    fn audited(&self, attempt: &AuditEvent, refused: impl FnOnce(String) -> Msg) -> bool {
        match audit::attempt(self.audit.as_ref(), attempt) {
            Ok(()) => true,
            Err(why) => {
                let _ = self.tx.send(refused(why));
                false
            }
        }
    }

    /// Starts `effect`; returns bytes to write to the terminal, if any.
    pub fn run(&self, effect: Effect) -> Option<String> {
        let client = self.client.clone();
        match effect {
            Effect::PollNow => self.wake_poller.notify_one(),
            Effect::ReleaseMemory => release_memory(),
            Effect::Reverify { op, id } => self.answer(async move {
                let result = client
                    .get_payout(&id)
                    .await
                    .map(Box::new)
                    .map_err(|e| e.to_string());
                Msg::Reverified { op, result }
            }),
            Effect::Reread { id } => {
                let generation = self.generations.next();
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    // A failed re-read changes nothing: the next poll reads it again.
                    if let Ok(p) = client.get_payout(&id).await {
                        let _ = tx.send(Msg::Polled(PollBatch {
                            generation,
                            payouts: vec![p],
                            malformed: 0,
                            cycle_done: false,
                            initial_load_done: false,
                            held: Default::default(),
                        }));
                    }
                });
            }
            Effect::SendConfirm { op, echo, attempt } => {
                if self.audited(&attempt, |why| Msg::ActionDone {
                    op,
                    outcome: not_audited(why),
                }) {
                    self.answer(async move {
                        let result = client.payout_action(&echo.payout_id, &echo.body()).await;
                        Msg::ActionDone {
                            op,
                            outcome: outcome(result.map(|_| ())),
                        }
                    });
                }
            }
            Effect::SendCancel { op, id, attempt } => {
                if self.audited(&attempt, |why| Msg::ActionDone {
                    op,
                    outcome: not_audited(why),
                }) {
                    self.answer(async move {
                        let result = client.payout_action(&id, &PayoutAction::Cancel).await;
                        Msg::ActionDone {
                            op,
                            outcome: outcome(result.map(|_| ())),
                        }
                    });
                }
            }
            Effect::ReadApproval {
                transfer_id,
                wallet_id,
                approval_id,
            } => {
                let generation = self.generations.next();
                self.answer(async move {
                    let result = approvals::find_approval(
                        &client,
                        &wallet_id,
                        &transfer_id,
                        approval_id.as_deref(),
                    )
                    .await
                    .map(Box::new);
                    Msg::ApprovalRead {
                        transfer_id,
                        generation,
                        result,
                    }
                });
            }
            Effect::ReverifyDecision {
                op,
                payout_id,
                approval_id,
                known_policies,
            } => {
                let generation = self.generations.next();
                self.answer(async move {
                    let result = approvals::reread(
                        &client,
                        generation,
                        &payout_id,
                        approval_id.as_deref(),
                        &known_policies,
                    )
                    .await
                    .map(Box::new);
                    Msg::DecisionReverified { op, result }
                });
            }
            Effect::SendDecision {
                op,
                approval_id,
                body,
                attempt,
            } => {
                let generation = self.generations.next();
                if self.audited(&attempt, |why| Msg::Decided {
                    op,
                    outcome: not_audited(why),
                    generation,
                    approval: None,
                }) {
                    self.answer(async move {
                        // One signed request, never retried once it may have arrived.
                        let (outcome, approval) =
                            match client.decide_approval(&approval_id, &body).await {
                                Ok(a) => (ActionOutcome::Ok, Some(Box::new(a))),
                                Err(e) => (outcome(Err(e)), None),
                            };
                        Msg::Decided {
                            op,
                            outcome,
                            generation,
                            approval,
                        }
                    });
                }
            }
            Effect::LoadWallets { op } => {
                // The active policies too, so the wallet list can mark the wallets they cover;
                // a token that may not list them gets no marks beyond the policies known
                // already (from approvals).
                let (tx, lister) = (self.tx.clone(), client.clone());
                tokio::spawn(async move {
                    let query = ListPoliciesQuery {
                        status: Some(PolicyStatus::Active),
                        ..Default::default()
                    };
                    if let Ok(page) = lister.list_all_policies(&query).await {
                        let _ = tx.send(Msg::PoliciesRead(page.items));
                    }
                });
                self.answer(async move {
                    let result = load_wallets(&client).await.map_err(|e| failure(&e));
                    Msg::WalletsLoaded { op, result }
                });
            }
            Effect::Quote { op, req } => self.answer(async move {
                let result = client
                    .quote(&req)
                    .await
                    .map(Box::new)
                    .map_err(|e| failure(&e));
                Msg::Quoted { op, result }
            }),
            Effect::Create { op, req, attempt } => {
                if self.audited(&attempt, |why| Msg::Created {
                    op,
                    result: Created::Refused {
                        status: None,
                        message: why,
                    },
                }) {
                    self.answer(async move {
                        let result = created(client.create_payout(&req).await);
                        Msg::Created { op, result }
                    });
                }
            }
            Effect::Resolve { op, lookup } => {
                let generation = self.generations.next();
                self.answer(async move {
                    let result = resolve(&client, generation, lookup).await;
                    Msg::Resolved {
                        op,
                        generation,
                        result,
                    }
                });
            }
            Effect::Audit(event) => {
                if let Some(log) = &self.audit
                    && let Err(e) = log.record(&event)
                {
                    tracing::error!(error = %e, path = %log.path().display(), "cannot write the audit log");
                }
            }
            Effect::Copy(text) => return Some(osc::clipboard(&text)),
            Effect::Bell => return Some(osc::BELL.to_owned()),
            Effect::Notify(text) => return Some(osc::notify(&text)),
        }
        None
    }
}

/// Pages of a wallet's payouts a create's externalId is looked for in (ours; past them the
/// look-up says it could not tell).
const LOOKUP_PAGES: usize = 20;

/// The re-read after an unknown outcome (`Effect::Resolve`).
async fn resolve(client: &Client, generation: u64, lookup: Lookup) -> Result<Found, String> {
    match lookup {
        Lookup::Payout { id } => client
            .get_payout(&id)
            .await
            .map(|p| Found::Payout(Box::new(p)))
            .map_err(|e| e.to_string()),
        Lookup::Decision {
            payout_id,
            approval_id,
            known_policies,
        } => approvals::reread(
            client,
            generation,
            &payout_id,
            Some(&approval_id),
            &known_policies,
        )
        .await
        .map(|r| Found::Decision(Box::new(r))),
        Lookup::ExternalId {
            wallet_id,
            external_id,
            since,
        } => find_external(client, &wallet_id, &external_id, since)
            .await
            .map(|p| Found::ExternalId(p.map(Box::new))),
    }
}

/// The payout carrying `external_id`, among wallet `wallet_id`'s payouts. The API has no
/// externalId filter, and its order is not documented (docs/reference/payouts-api.md §6.3,
/// inferred newest first): the look-up stops early — at a page of payouts all made before
/// `since` — only while the pages it has seen were newest first; otherwise it reads on to
/// the end (at most [`LOOKUP_PAGES`]).
async fn find_external(
    client: &Client,
    wallet_id: &str,
    external_id: &str,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Payout>, String> {
    let mut query = ListPayoutsQuery {
        limit: Some(50),
        wallet_id: Some(wallet_id.to_owned()),
        ..Default::default()
    };
    let mut pager = Pager::default();
    let mut newest_first = true;
    let mut last: Option<chrono::DateTime<chrono::Utc>> = None;
    for _ in 0..LOOKUP_PAGES {
        let page = client
            .list_payouts(&query)
            .await
            .map_err(|e| e.to_string())?;
        let mut all_older = true;
        for p in &page.items {
            let made = p.date_created.instant();
            if made.is_none_or(|t| t >= since) {
                all_older = false;
            }
            if let (Some(t), Some(before)) = (made, last)
                && t > before
            {
                newest_first = false;
            }
            last = made.or(last);
        }
        if let Some(p) = page
            .items
            .into_iter()
            .find(|p| p.external_id.as_deref() == Some(external_id))
        {
            return Ok(Some(p));
        }
        if all_older && newest_first {
            return Ok(None);
        }
        match pager.step(page.next_page_token.as_deref()) {
            Step::Next(t) => query.pagination_token = Some(t),
            Step::Done | Step::Loop(_) => return Ok(None),
        }
    }
    Err(format!(
        "no payout of wallet {} with externalId {} among the first {} pages",
        shown(wallet_id),
        shown(external_id),
        LOOKUP_PAGES
    ))
}

/// How a create ended, in the form's terms.
fn created(result: Result<crate::dfns::model::Payout, ApiError>) -> Created {
    match result {
        Ok(p) => Created::Payout(Box::new(p)),
        Err(e) if e.class() == Class::Held => Created::Held,
        Err(e) => match outcome(Err(e)) {
            ActionOutcome::Unknown(m) => Created::Unknown(m),
            ActionOutcome::Refused { status, message } => Created::Refused { status, message },
            ActionOutcome::Ok => Created::Held,
        },
    }
}

/// Gives the heap's free pages back to the system. The first load parses every page of
/// history into whole payouts and keeps each compactly: the whole ones are freed, but among
/// the kept ones, so glibc keeps the pages (~5 MB at 100 000 payouts) unless asked. Other
/// C libraries (musl, static builds) return memory on their own terms; nothing to do there.
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim(3) only returns free heap memory to the kernel; it takes the
    // allocator's own locks and touches no memory of ours.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_errors_leave_the_outcome_unknown_and_client_errors_refuse() {
        for status in [500, 502, 503, 504] {
            let e = ApiError::from_response(status, r#"{"error":{"message":"Bad Gateway"}}"#, None)
                .for_mutation();
            assert!(
                matches!(outcome(Err(e)), ActionOutcome::Unknown(_)),
                "{status}"
            );
        }
        let e = ApiError::from_response(
            400,
            r#"{"error":{"message":"payout is not awaiting confirmation"}}"#,
            None,
        );
        assert_eq!(
            outcome(Err(e)),
            ActionOutcome::Refused {
                status: Some(400),
                message: "payout is not awaiting confirmation".into()
            }
        );
        // Said once: the cause, not "outcome unknown (outcome unknown: …)".
        assert_eq!(
            outcome(Err(ApiError::OutcomeUnknown("connection reset".into()))),
            ActionOutcome::Unknown("connection reset".into())
        );
        assert!(matches!(
            outcome(Err(ApiError::NoSigner)),
            ActionOutcome::Refused { status: None, .. }
        ));
        assert_eq!(outcome(Ok(())), ActionOutcome::Ok);
        assert_eq!(
            outcome(Err(ApiError::PolicyPending { approval_id: None })),
            ActionOutcome::Ok
        );
    }
}
