//! Policy approvals at the dashboard's edge: the poller's approvals step (flat in history),
//! and the reads the approve and deny effects need.
//!
//! Per cycle: one `status=Pending` listing (every page; Pending approvals are as few as the
//! held transfers, whatever the history), a read by id of each approval that was Pending
//! last cycle and no longer is (decided or expired since: read once, never again), and each
//! triggered policy not read before (policies are cached for the session). Approvals of
//! finished payouts are never asked for.

use std::collections::HashSet;

use crate::app::msg::{ApprovalBatch, DecisionRead};
use crate::dfns::client::Client;
use crate::dfns::error::{ApiError, Class};
use crate::dfns::model::{Approval, ApprovalStatus, ListApprovalsQuery, Policy};
use crate::dfns::text::shown;

/// What the poller remembers between cycles.
#[derive(Debug, Default)]
pub struct ApprovalWatch {
    /// Ids listed Pending last cycle.
    pending: HashSet<String>,
    /// Policies asked for already (read, or refused: not asked again).
    policies: HashSet<String>,
    /// Listing was refused (403/404): not asked again.
    off: bool,
}

impl ApprovalWatch {
    /// One approvals step; None once listing is known to be refused.
    pub async fn poll(
        &mut self,
        client: &Client,
        generation: u64,
    ) -> Result<Option<ApprovalBatch>, ApiError> {
        if self.off {
            return Ok(None);
        }
        // The server's page size (its maximum is undocumented: docs/reference/
        // policy-approvals.md §2.4); Pending approvals are few.
        let query = ListApprovalsQuery {
            status: Some(ApprovalStatus::Pending),
            ..Default::default()
        };
        let page = match client.list_all_approvals(&query).await {
            Ok(p) => p,
            // No `Policies:Approvals:Read` (403), or no approvals routes (404): stop asking.
            Err(e) if matches!(e.status(), Some(403 | 404)) => {
                self.off = true;
                return Ok(Some(ApprovalBatch {
                    generation,
                    unavailable: Some(e.to_string()),
                    ..ApprovalBatch::default()
                }));
            }
            Err(e) => return Err(e),
        };
        if !page.malformed.is_empty() {
            tracing::warn!(
                count = page.malformed.len(),
                "approvals this version cannot read were left out"
            );
        }
        // Only approvals of wallet transfers concern payouts.
        let mut approvals: Vec<Approval> = page
            .items
            .into_iter()
            .filter(|a| a.transfer_request().is_some())
            .collect();
        let listed: HashSet<String> = approvals.iter().map(|a| a.id.clone()).collect();
        let left: Vec<String> = self.pending.difference(&listed).cloned().collect();
        for id in left {
            match client.get_approval(&id).await {
                Ok(a) => approvals.push(a),
                // Gone, or not ours to read: stop asking.
                Err(e) if e.class() == Class::Refused => {}
                Err(e) => return Err(e),
            }
        }
        self.pending = listed;
        let mut policies = Vec::new();
        let wanted: Vec<String> = approvals
            .iter()
            .flat_map(|a| a.triggered_policy_ids())
            .filter(|id| !self.policies.contains(*id))
            .map(str::to_owned)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        for id in wanted {
            match client.get_policy(&id).await {
                Ok(p) => {
                    self.policies.insert(id);
                    policies.push(p);
                }
                // No `Policies:Read`: the quorum shows "?" and the stance says why.
                Err(e) if e.class() == Class::Refused => {
                    self.policies.insert(id);
                }
                // Asked again next cycle.
                Err(e) => tracing::warn!(policy = %id, error = %e, "cannot read a policy"),
            }
        }
        Ok(Some(ApprovalBatch {
            generation,
            approvals,
            policies,
            unavailable: None,
        }))
    }
}

/// The approval holding `transfer_id` of wallet `wallet_id`: by its id when known, else
/// through the transfer's `approvalId`; without transfer access (a refusal), among the
/// Pending approvals (docs/reference/policy-approvals.md §5.2, §5.3).
pub async fn find_approval(
    client: &Client,
    wallet_id: &str,
    transfer_id: &str,
    approval_id: Option<&str>,
) -> Result<Approval, String> {
    if let Some(id) = approval_id {
        return client
            .get_approval(id)
            .await
            .map_err(|e| format!("cannot read approval {}: {e}", shown(id)));
    }
    match client.get_transfer(wallet_id, transfer_id).await {
        Ok(t) => {
            let Some(id) = t.approval_id.as_deref() else {
                return Err(format!(
                    "transfer {} is not held by a policy approval (it is {})",
                    shown(transfer_id),
                    shown(t.status.as_str())
                ));
            };
            client
                .get_approval(id)
                .await
                .map_err(|e| format!("cannot read approval {}: {e}", shown(id)))
        }
        Err(e) if e.class() == Class::Refused => {
            let query = ListApprovalsQuery {
                status: Some(ApprovalStatus::Pending),
                ..Default::default()
            };
            let page = client
                .list_all_approvals(&query)
                .await
                .map_err(|e| format!("cannot list the policy approvals: {e}"))?;
            page.items
                .into_iter()
                .find(|a| a.transfer_request().is_some_and(|t| t.id == transfer_id))
                .ok_or_else(|| {
                    format!(
                        "no Pending policy approval holds transfer {}",
                        shown(transfer_id)
                    )
                })
        }
        Err(e) => Err(format!("cannot read transfer {}: {e}", shown(transfer_id))),
    }
}

/// The payout, its approval and the policies it names (those not in `known`), for the
/// approve and deny guard. Any of them unreadable: nothing is decided.
pub async fn reread(
    client: &Client,
    generation: u64,
    payout_id: &str,
    approval_id: Option<&str>,
    known: &[String],
) -> Result<DecisionRead, String> {
    let payout = client
        .get_payout(payout_id)
        .await
        .map_err(|e| format!("cannot read payout {}: {e}", shown(payout_id)))?;
    let transfer_id = payout.data.transfer_id.as_deref().unwrap_or_default();
    if approval_id.is_none() && transfer_id.is_empty() {
        return Err(format!(
            "payout {} carries no transfer id: nothing of it is held for approval",
            shown(payout_id)
        ));
    }
    let approval = find_approval(client, &payout.wallet_id, transfer_id, approval_id).await?;
    let mut policies: Vec<Policy> = Vec::new();
    for id in approval.triggered_policy_ids() {
        if known.iter().any(|k| k == id) {
            continue;
        }
        let p = client.get_policy(id).await.map_err(|e| {
            format!(
                "cannot read policy {} (it names the approvers and the quorum): {e}",
                shown(id)
            )
        })?;
        policies.push(p);
    }
    Ok(DecisionRead {
        generation,
        approval,
        payout,
        policies,
    })
}
