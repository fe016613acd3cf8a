//! Policy approvals on the client side, pure: may I decide this approval (and if not, why),
//! how far each group's quorum is, and ([`guard`]) whether an approve or deny may be signed
//! for a held payout. Shared by the CLI and the dashboard (`rows`: the dashboard's dialogs).
//!
//! The reference's "can I act?" rule: the approval is Pending, I have not decided, and I am
//! in a group of a triggered policy (`approvers` `{}` = anyone, or `userId.in` lists me).
//! Approving also needs a group in which my approval counts: not as the initiator unless the
//! group sets `initiatorCanApprove`, not as a service account unless it sets
//! `serviceAccountsCanApprove`. Denying needs neither. The server decides in the end; these
//! rules only keep a request from being signed when it is bound to be refused.

pub mod covers;
mod guard;
pub mod rows;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::dfns::model::{
    Approval, ApprovalGroup, ApprovalStatus, ApproverScope, DecisionValue, Policy,
};
use crate::dfns::text::shown;

pub use guard::{Asked, DecisionEcho, DecisionRefusal, check_decision};

/// Who I am, as far as deciding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Me<'a> {
    pub user_id: &'a str,
    /// My token is a service account's (its claim says `ServiceAccount`).
    pub service_account: bool,
}

impl<'a> Me<'a> {
    /// From my user id and my token's kind claim.
    pub fn new(user_id: &'a str, token_kind: Option<&str>) -> Me<'a> {
        Me {
            user_id,
            service_account: token_kind == Some("ServiceAccount"),
        }
    }
}

/// What I may do with an approval. The reasons are plain sentences (server ids in them are
/// escaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stance {
    CanApprove,
    /// I may deny (cancel) it, not approve it: why.
    CanDenyOnly(String),
    /// I may not decide at all: why.
    No(String),
}

impl Stance {
    /// Whether I may record `value`, else why not.
    pub fn allows(&self, value: &DecisionValue) -> Result<(), String> {
        match (self, value) {
            (Stance::CanApprove, DecisionValue::Approved | DecisionValue::Denied) => Ok(()),
            (Stance::CanDenyOnly(_), DecisionValue::Denied) => Ok(()),
            (Stance::CanDenyOnly(why) | Stance::No(why), _) => Err(why.clone()),
            (Stance::CanApprove, DecisionValue::Other(v)) => {
                Err(format!("'{}' is not a decision", shown(v)))
            }
        }
    }

    /// May I still decide (approve or deny)?
    pub fn can_decide(&self) -> bool {
        !matches!(self, Stance::No(_))
    }

    /// A few words for a table cell.
    pub fn label(&self) -> &'static str {
        match self {
            Stance::CanApprove => "approve/deny",
            Stance::CanDenyOnly(_) => "deny only",
            Stance::No(_) => "-",
        }
    }
}

/// The triggered policies' groups, each with its policy; and the ids of triggered policies
/// missing from `policies`.
fn triggered<'p>(
    approval: &Approval,
    policies: &'p [Policy],
) -> (Vec<(&'p Policy, &'p ApprovalGroup)>, Vec<String>) {
    let mut groups = Vec::new();
    let mut missing = Vec::new();
    for id in approval.triggered_policy_ids() {
        match policies.iter().find(|p| p.id == id) {
            Some(p) => groups.extend(p.approval_groups().iter().map(|g| (p, g))),
            None => missing.push(id.to_owned()),
        }
    }
    (groups, missing)
}

pub fn is_member(group: &ApprovalGroup, user_id: &str) -> bool {
    match group.approvers.scope() {
        ApproverScope::Anyone => true,
        ApproverScope::Users(ids) => ids.iter().any(|u| u == user_id),
        ApproverScope::Unknown => false,
    }
}

/// Whether an approval by `user_id` counts toward `group` (service accounts aside: the
/// client cannot tell whether another decider is one).
fn counts(group: &ApprovalGroup, initiator_id: &str, user_id: &str) -> bool {
    is_member(group, user_id) && (user_id != initiator_id || group.initiator_can_approve())
}

/// May `me` decide `approval`, given the policies it names (as read now)?
pub fn my_stance(approval: &Approval, policies: &[Policy], me: &Me<'_>) -> Stance {
    if approval.status != ApprovalStatus::Pending {
        return Stance::No(format!(
            "the approval is {}, no longer Pending",
            shown(approval.status.as_str())
        ));
    }
    let (groups, missing) = triggered(approval, policies);
    let mine: Vec<&ApprovalGroup> = groups
        .iter()
        .filter(|(_, g)| is_member(g, me.user_id))
        .map(|(_, g)| *g)
        .collect();
    if mine.is_empty() {
        return Stance::No(not_an_approver(&groups, &missing, me.user_id));
    }
    if let Some(d) = approval.decision_of(me.user_id) {
        let when = d
            .date
            .as_ref()
            .map(|t| format!(" on {}", shown(t.as_str())))
            .unwrap_or_default();
        return Stance::No(format!(
            "you already decided ({}{when}); each approver decides once",
            shown(d.value.as_str())
        ));
    }
    let approve_counts = |g: &&ApprovalGroup| {
        counts(g, &approval.initiator_id, me.user_id)
            && (!me.service_account || g.service_accounts_can_approve == Some(true))
    };
    if mine.iter().any(approve_counts) {
        return Stance::CanApprove;
    }
    if me.user_id == approval.initiator_id && !mine.iter().any(|g| g.initiator_can_approve()) {
        Stance::CanDenyOnly(
            "you initiated this transfer, and no approval group you are in lets its initiator \
             approve (initiatorCanApprove is not set): another approver must approve it; you \
             may deny it, which cancels the transfer"
                .to_owned(),
        )
    } else {
        Stance::CanDenyOnly(
            "your token is a service account's, and no approval group you are in lets service \
             accounts approve (serviceAccountsCanApprove is not set): you may only deny"
                .to_owned(),
        )
    }
}

fn not_an_approver(groups: &[(&Policy, &ApprovalGroup)], missing: &[String], me: &str) -> String {
    if !missing.is_empty() {
        let ids: Vec<String> = missing.iter().map(|m| shown(m).to_string()).collect();
        return format!(
            "the policy that triggered ({}) could not be read, so whether you ({}) are an \
             approver cannot be told",
            ids.join(", "),
            shown(me)
        );
    }
    if groups.is_empty() {
        return "no triggered policy asks for approvers".to_owned();
    }
    let mut named = Vec::new();
    let mut unknown = false;
    for (_, g) in groups {
        match g.approvers.scope() {
            ApproverScope::Users(ids) => named.extend(ids.iter().map(|u| shown(u).to_string())),
            ApproverScope::Unknown => unknown = true,
            ApproverScope::Anyone => {}
        }
    }
    named.dedup();
    let mut why = format!("you ({}) are not an approver of this approval", shown(me));
    if !named.is_empty() {
        why.push_str(&format!(" (approvers: {})", named.join(", ")));
    }
    if unknown {
        why.push_str("; a group's approvers use a rule this version cannot read");
    }
    why
}

/// One group's quorum progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupProgress {
    pub policy_id: String,
    pub policy_name: String,
    /// The group's name, or "group N" (1-based).
    pub group: String,
    /// Approvals that count toward this group.
    pub approved: u32,
    pub quorum: u32,
    /// Whether the caller is in this group.
    pub member: bool,
}

impl GroupProgress {
    pub fn met(&self) -> bool {
        self.approved >= self.quorum
    }
}

impl fmt::Display for GroupProgress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} approvals ({}, policy {})",
            self.approved,
            self.quorum,
            shown(&self.group),
            shown(&self.policy_name)
        )
    }
}

/// Each group of each triggered policy: approvals counted / quorum. `me` marks my groups.
pub fn quorum_progress(
    approval: &Approval,
    policies: &[Policy],
    me: Option<&str>,
) -> Vec<GroupProgress> {
    let (groups, _) = triggered(approval, policies);
    let mut index = 0usize;
    let mut last_policy = "";
    groups
        .iter()
        .map(|(p, g)| {
            if p.id != last_policy {
                index = 0;
                last_policy = &p.id;
            }
            index += 1;
            let n = approval
                .decisions
                .iter()
                .filter(|d| d.value == DecisionValue::Approved)
                .filter(|d| counts(g, &approval.initiator_id, &d.user_id))
                .count();
            GroupProgress {
                policy_id: p.id.clone(),
                policy_name: if p.name.is_empty() {
                    p.id.clone()
                } else {
                    p.name.clone()
                },
                group: g.name.clone().unwrap_or_else(|| format!("group {index}")),
                approved: u32::try_from(n).unwrap_or(u32::MAX),
                quorum: g.quorum,
                member: me.is_some_and(|m| is_member(g, m)),
            }
        })
        .collect()
}

/// "0/1" for one group, "0/1 + 1/2" for several, "?" when no policy could be read.
pub fn quorum_summary(progress: &[GroupProgress]) -> String {
    if progress.is_empty() {
        return "?".to_owned();
    }
    progress
        .iter()
        .map(|g| format!("{}/{}", g.approved, g.quorum))
        .collect::<Vec<_>>()
        .join(" + ")
}
