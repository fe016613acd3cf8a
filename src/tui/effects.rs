//! Runs `Effect`s: each network effect becomes a task that answers with a `Msg`; terminal
//! effects come back as bytes for the loop to write.

use std::sync::Arc;

use tokio::sync::{Notify, mpsc};

use crate::app::effect::Effect;
use crate::app::msg::{ActionOutcome, Created, Msg, PollBatch};
use crate::app::new_payout::WalletChoice;
use crate::audit::{self, AuditLog};
use crate::dfns::client::Client;
use crate::dfns::error::{ApiError, Class};
use crate::dfns::model::{ListWalletsQuery, PayoutAction};

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
        Class::OutcomeUnknown => ActionOutcome::Unknown(e.to_string()),
        // Accepted: the re-read shows it held by the policy.
        Class::Held => ActionOutcome::Ok,
        Class::Refused | Class::Unavailable | Class::Config => ActionOutcome::Refused {
            status: e.status(),
            message: e
                .dfns_message()
                .map_or_else(|| e.to_string(), str::to_owned),
        },
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
    /// Starts `effect`; returns bytes to write to the terminal, if any.
    pub fn run(&self, effect: Effect) -> Option<String> {
        match effect {
            Effect::PollNow => self.wake_poller.notify_one(),
            Effect::Reverify { op, id } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = client
                        .get_payout(&id)
                        .await
                        .map(Box::new)
                        .map_err(|e| e.to_string());
                    let _ = tx.send(Msg::Reverified { op, result });
                });
            }
            Effect::Reread { id } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                let generation = self.generations.next();
                tokio::spawn(async move {
                    if let Ok(p) = client.get_payout(&id).await {
                        let _ = tx.send(Msg::Polled(PollBatch {
                            generation,
                            payouts: vec![p],
                            malformed: 0,
                            cycle_done: false,
                            initial_load_done: false,
                        }));
                    }
                });
            }
            Effect::SendConfirm { op, echo, attempt } => {
                if let Err(why) = audit::attempt(self.audit.as_ref(), &attempt) {
                    let _ = self.tx.send(Msg::ActionDone {
                        op,
                        outcome: not_audited(why),
                    });
                    return None;
                }
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = client
                        .payout_action(&echo.payout_id, &echo.body())
                        .await
                        .map(|_| ());
                    let _ = tx.send(Msg::ActionDone {
                        op,
                        outcome: outcome(result),
                    });
                });
            }
            Effect::SendCancel { op, id, attempt } => {
                if let Err(why) = audit::attempt(self.audit.as_ref(), &attempt) {
                    let _ = self.tx.send(Msg::ActionDone {
                        op,
                        outcome: not_audited(why),
                    });
                    return None;
                }
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = client
                        .payout_action(&id, &PayoutAction::Cancel)
                        .await
                        .map(|_| ());
                    let _ = tx.send(Msg::ActionDone {
                        op,
                        outcome: outcome(result),
                    });
                });
            }
            Effect::ReadApproval {
                transfer_id,
                wallet_id,
                approval_id,
            } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                let generation = self.generations.next();
                tokio::spawn(async move {
                    let result = approvals::find_approval(
                        &client,
                        &wallet_id,
                        &transfer_id,
                        approval_id.as_deref(),
                    )
                    .await
                    .map(Box::new);
                    let _ = tx.send(Msg::ApprovalRead {
                        transfer_id,
                        generation,
                        result,
                    });
                });
            }
            Effect::ReverifyDecision {
                op,
                payout_id,
                approval_id,
                known_policies,
            } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                let generation = self.generations.next();
                tokio::spawn(async move {
                    let result = approvals::reread(
                        &client,
                        generation,
                        &payout_id,
                        approval_id.as_deref(),
                        &known_policies,
                    )
                    .await
                    .map(Box::new);
                    let _ = tx.send(Msg::DecisionReverified { op, result });
                });
            }
            Effect::SendDecision {
                op,
                approval_id,
                body,
                attempt,
            } => {
                let generation = self.generations.next();
                if let Err(why) = audit::attempt(self.audit.as_ref(), &attempt) {
                    let _ = self.tx.send(Msg::Decided {
                        op,
                        outcome: not_audited(why),
                        generation,
                        approval: None,
                    });
                    return None;
                }
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    // One signed request, never retried once it may have arrived.
                    let (outcome, approval) =
                        match client.decide_approval(&approval_id, &body).await {
                            Ok(a) => (ActionOutcome::Ok, Some(Box::new(a))),
                            Err(e) => (outcome(Err(e)), None),
                        };
                    let _ = tx.send(Msg::Decided {
                        op,
                        outcome,
                        generation,
                        approval,
                    });
                });
            }
            Effect::LoadWallets { op } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = load_wallets(&client).await.map_err(|e| e.to_string());
                    let _ = tx.send(Msg::WalletsLoaded { op, result });
                });
            }
            Effect::Quote { op, req } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = client
                        .quote(&req)
                        .await
                        .map(Box::new)
                        .map_err(|e| e.to_string());
                    let _ = tx.send(Msg::Quoted { op, result });
                });
            }
            Effect::Create { op, req, attempt } => {
                if let Err(why) = audit::attempt(self.audit.as_ref(), &attempt) {
                    let _ = self.tx.send(Msg::Created {
                        op,
                        result: Created::Refused {
                            status: None,
                            message: why,
                        },
                    });
                    return None;
                }
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = match client.create_payout(&req).await {
                        Ok(p) => Created::Payout(Box::new(p)),
                        Err(e) if e.class() == Class::Held => Created::Held,
                        Err(e) => match outcome(Err(e)) {
                            ActionOutcome::Unknown(m) => Created::Unknown(m),
                            ActionOutcome::Refused { status, message } => {
                                Created::Refused { status, message }
                            }
                            ActionOutcome::Ok => Created::Held,
                        },
                    };
                    let _ = tx.send(Msg::Created { op, result });
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
        assert!(matches!(
            outcome(Err(ApiError::OutcomeUnknown("reset".into()))),
            ActionOutcome::Unknown(_)
        ));
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
