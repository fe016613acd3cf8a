//! Policies (`/v2/policies`; docs/reference/policy-approvals.md §5): what an approval's
//! quorum and approvers are read from.

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use super::list::Paged;
use super::open_enum::open_enum;
use super::payout::Extra;
use super::timestamp::Timestamp;

open_enum! {
    /// Policy `status`.
    pub enum PolicyStatus {
        Active = "Active",
        Archived = "Archived",
    }
}

open_enum! {
    /// `rule.kind` (those allowed with `Wallets:Sign`; other activities have their own).
    pub enum PolicyRuleKind {
        AlwaysTrigger = "AlwaysTrigger",
        TransactionRecipientWhitelist = "TransactionRecipientWhitelist",
        TransactionAmountLimit = "TransactionAmountLimit",
        TransactionAmountVelocity = "TransactionAmountVelocity",
        TransactionCountVelocity = "TransactionCountVelocity",
        ChainalysisTransactionPrescreening = "ChainalysisTransactionPrescreening",
        GlobalLedgerTransactionPrescreening = "GlobalLedgerTransactionPrescreening",
        TravelRuleTransactionPrescreening = "TravelRuleTransactionPrescreening",
    }
}

open_enum! {
    /// `action.kind`.
    pub enum PolicyActionKind {
        RequestApproval = "RequestApproval",
        Block = "Block",
        NoAction = "NoAction",
    }
}

/// `rule`: its `configuration` depends on the kind and is kept as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRule {
    pub kind: PolicyRuleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration: Option<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"in": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InList {
    #[serde(rename = "in", default)]
    pub values: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A group's `approvers`: `{"userId": {"in": [...]}}`, or `{}` for anyone in the org.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approvers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<InList>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Approvers {
    /// Who may decide, as far as this version can tell.
    pub fn scope(&self) -> ApproverScope<'_> {
        match (&self.user_id, self.extra.is_empty()) {
            (None, true) => ApproverScope::Anyone,
            (Some(list), true) if list.extra.is_empty() => ApproverScope::Users(&list.values),
            _ => ApproverScope::Unknown,
        }
    }
}

/// What a group's `approvers` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApproverScope<'a> {
    /// `{}`: anyone in the organisation.
    Anyone,
    /// `userId.in`: these users.
    Users(&'a [String]),
    /// A criterion this version does not know: membership cannot be told here.
    Unknown,
}

/// One approval group of a `RequestApproval` action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub quorum: u32,
    /// Required: a group without it is unreadable rather than read as "anyone".
    pub approvers: Approvers,
    /// Absent means false: the initiator may deny but not approve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator_can_approve: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_accounts_can_approve: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ApprovalGroup {
    pub fn initiator_can_approve(&self) -> bool {
        self.initiator_can_approve == Some(true)
    }
}

/// `action`: `RequestApproval` carries groups and an optional timeout; `Block` and
/// `NoAction` carry nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyAction {
    pub kind: PolicyActionKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approval_groups: Vec<ApprovalGroup>,
    /// Documented as minutes in most places and as seconds in one guide: clients show the
    /// approval's `expirationDate` instead of computing anything from it. `null` = never.
    /// Kept as the wire number (`60` stays `60`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_reject_timeout: Option<Number>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `filters` of a `Wallets:Sign` policy: `walletId.in` and `walletTags.{hasAny, hasAll}`,
/// combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyFilters {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet_id: Option<InList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet_tags: Option<TagFilter>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_any: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_all: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The Policy object (`GET /v2/policies/{id}` adds `pendingChangeRequest`, kept in `extra`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// `Wallets:Sign`, `Policies:Modify`, … kept as sent.
    pub activity_kind: String,
    pub rule: PolicyRule,
    pub action: PolicyAction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<PolicyFilters>,
    pub status: PolicyStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_updated: Option<Timestamp>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Policy {
    /// The groups whose quorums an approval of this policy needs (none unless RequestApproval).
    pub fn approval_groups(&self) -> &[ApprovalGroup] {
        if self.action.kind == PolicyActionKind::RequestApproval {
            &self.action.approval_groups
        } else {
            &[]
        }
    }
}

/// `GET /v2/policies` query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPoliciesQuery {
    pub limit: Option<u32>,
    pub pagination_token: Option<String>,
    pub status: Option<PolicyStatus>,
}

impl ListPoliciesQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = super::list::page_pairs(self.limit, self.pagination_token.as_deref());
        if let Some(status) = &self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        pairs
    }
}

impl Paged for ListPoliciesQuery {
    fn with_token(&self, token: Option<String>) -> Self {
        Self {
            pagination_token: token,
            ..self.clone()
        }
    }
}
