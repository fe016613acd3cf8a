//! From the id the user typed to the approval and the held payout, and the policies that
//! say who may decide.
//!
//! A payout id goes the exact way: its `data.transferId` → `GET` the wallet's transfer →
//! `approvalId` → the approval. Without transfer access (403) the approvals are listed and
//! matched on `activity.transferRequest.id`. An approval id goes the other way: its transfer
//! → the Processing payouts of that wallet → the one whose `data.transferId` it is.

use std::collections::HashMap;

use crate::app::approval::Asked;
use crate::dfns::client::Client;
use crate::dfns::error::{ApiError, Class};
use crate::dfns::model::{
    Approval, ApprovalStatus, ListApprovalsQuery, ListPayoutsQuery, Payout, PayoutStatus, Policy,
};
use crate::dfns::text::shown;

use super::session::Session;
use super::{Exit, exit};

/// What a failed lookup tells the user: `error: …; nothing was sent`, and the exit code.
fn fail(action: &str, id: &str, why: String, code: Exit) -> Exit {
    eprintln!(
        "error: cannot {action} {}: {why}; nothing was sent",
        shown(id)
    );
    code
}

fn api_fail(s: &Session, action: &str, what: String, e: &ApiError) -> Exit {
    exit::report(
        &format!("cannot {action}: {what}; nothing was sent"),
        e,
        s.profile(),
    )
}

/// The approval and the payout for `asked`, as the server answers now.
pub async fn resolve(
    s: &Session,
    asked: Asked<'_>,
    action: &str,
) -> Result<(Approval, Payout), Exit> {
    match asked {
        Asked::Approval(id) | Asked::Both { approval: id, .. } => {
            let approval = s.client.get_approval(id).await.map_err(|e| {
                api_fail(s, action, format!("cannot read approval {}", shown(id)), &e)
            })?;
            let payout = payout_of(s, &approval, action).await?;
            Ok((approval, payout))
        }
        Asked::Payout(id) => {
            let payout = s.client.get_payout(id).await.map_err(|e| {
                api_fail(s, action, format!("cannot read payout {}", shown(id)), &e)
            })?;
            let approval = approval_of(s, &payout, action).await?;
            Ok((approval, payout))
        }
    }
}

async fn payout_of(s: &Session, approval: &Approval, action: &str) -> Result<Payout, Exit> {
    let Some(t) = approval.transfer_request() else {
        let why = format!(
            "it holds a {} activity, not a wallet transfer (decide it in the Dfns dashboard)",
            shown(approval.activity.kind())
        );
        return Err(fail(action, &approval.id, why, Exit::Refused));
    };
    // A held payout is Processing. Only a Pending approval is worth the whole history of
    // the wallet (its payout is then in an odd state the guard will name).
    let pending = approval.status == ApprovalStatus::Pending;
    let searches = if pending {
        vec![vec![PayoutStatus::Processing], Vec::new()]
    } else {
        vec![vec![PayoutStatus::Processing]]
    };
    for status in searches {
        let q = ListPayoutsQuery {
            limit: Some(crate::dfns::model::PAYOUTS_LIMIT_MAX),
            wallet_id: Some(t.wallet_id.clone()),
            status,
            ..Default::default()
        };
        let page = s.client.list_all_payouts(&q).await.map_err(|e| {
            api_fail(
                s,
                action,
                format!("cannot list the payouts of wallet {}", shown(&t.wallet_id)),
                &e,
            )
        })?;
        if let Some(p) = page
            .items
            .into_iter()
            .find(|p| p.data.transfer_id.as_deref() == Some(t.id.as_str()))
        {
            return Ok(p);
        }
    }
    let why = if pending {
        format!(
            "no payout of wallet {} carries its transfer {}: payouts-tui decides approvals of payout transfers only",
            shown(&t.wallet_id),
            shown(&t.id)
        )
    } else {
        format!(
            "the approval is {}, no longer Pending, and no held payout carries its transfer {}",
            shown(approval.status.as_str()),
            shown(&t.id)
        )
    };
    Err(fail(action, &approval.id, why, Exit::Refused))
}

async fn approval_of(s: &Session, payout: &Payout, action: &str) -> Result<Approval, Exit> {
    let Some(transfer_id) = payout.data.transfer_id.as_deref() else {
        let why = format!(
            "it carries no transfer id (it is {} · {}): nothing of it is held for approval",
            shown(payout.status.as_str()),
            shown(payout.execution_status().as_str())
        );
        return Err(fail(action, &payout.id, why, Exit::Refused));
    };
    match s.client.get_transfer(&payout.wallet_id, transfer_id).await {
        Ok(t) => {
            let Some(approval_id) = t.approval_id.as_deref() else {
                let why = format!(
                    "its transfer {} is not held by a policy approval (transfer {})",
                    shown(transfer_id),
                    shown(t.status.as_str())
                );
                return Err(fail(action, &payout.id, why, Exit::Refused));
            };
            s.client.get_approval(approval_id).await.map_err(|e| {
                api_fail(
                    s,
                    action,
                    format!("cannot read approval {}", shown(approval_id)),
                    &e,
                )
            })
        }
        // No transfer access (or no such transfer here): find it among the approvals.
        Err(e) if e.class() == Class::Refused => by_listing(s, payout, transfer_id, action).await,
        Err(e) => Err(api_fail(
            s,
            action,
            format!("cannot read transfer {}", shown(transfer_id)),
            &e,
        )),
    }
}

async fn by_listing(
    s: &Session,
    payout: &Payout,
    transfer_id: &str,
    action: &str,
) -> Result<Approval, Exit> {
    for status in [Some(ApprovalStatus::Pending), None] {
        let q = ListApprovalsQuery {
            status,
            ..Default::default()
        };
        let page =
            s.client.list_all_approvals(&q).await.map_err(|e| {
                api_fail(s, action, "cannot list the policy approvals".to_owned(), &e)
            })?;
        if let Some(a) = page
            .items
            .into_iter()
            .find(|a| a.transfer_request().is_some_and(|t| t.id == transfer_id))
        {
            return Ok(a);
        }
    }
    let why = format!(
        "no policy approval holds its transfer {}",
        shown(transfer_id)
    );
    Err(fail(action, &payout.id, why, Exit::Refused))
}

/// The policies that triggered on `approval`, every one of them, or the exit after saying
/// which could not be read (without them neither the quorum nor my stance can be told).
pub async fn policies_of(
    s: &Session,
    approval: &Approval,
    action: &str,
) -> Result<Vec<Policy>, Exit> {
    let mut out = Vec::new();
    for id in approval.triggered_policy_ids() {
        let p = s.client.get_policy(id).await.map_err(|e| {
            api_fail(
                s,
                action,
                format!(
                    "cannot read policy {} (it names the approvers and the quorum)",
                    shown(id)
                ),
                &e,
            )
        })?;
        out.push(p);
    }
    Ok(out)
}

/// Policies read once each for a listing; an unreadable one is warned about once and left
/// out (its approvals then show an unknown quorum).
#[derive(Default)]
pub struct PolicyCache {
    read: HashMap<String, Option<Policy>>,
}

impl PolicyCache {
    pub async fn of(&mut self, client: &Client, approval: &Approval) -> Vec<Policy> {
        let mut out = Vec::new();
        for id in approval.triggered_policy_ids() {
            if !self.read.contains_key(id) {
                let got = match client.get_policy(id).await {
                    Ok(p) => Some(p),
                    Err(e) => {
                        eprintln!(
                            "warning: cannot read policy {}: {e}; its quorum and whether you may decide are not shown",
                            shown(id)
                        );
                        None
                    }
                };
                self.read.insert(id.to_owned(), got);
            }
            if let Some(Some(p)) = self.read.get(id) {
                out.push(p.clone());
            }
        }
        out
    }
}
