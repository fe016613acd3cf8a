//! Policy approvals (`/v2/policy-approvals`; docs/reference/policy-approvals.md §1–§3): the
//! Approval object holding an activity (for payouts, the wallet transfer of a Confirm), its
//! list query and the decision body.
//!
//! Read tolerantly: besides the SDK shape (`policyEvaluations[].triggered`, decisions with
//! `date`) the older documented shape (`evaluatedPolicies[].triggerStatus`, decisions with
//! `dateActioned`) is accepted on input; what is written back is always the SDK shape.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::list::Paged;
use super::open_enum::open_enum;
use super::payout::Extra;
use super::timestamp::Timestamp;
use super::transfer::TransferRequest;

open_enum! {
    /// Approval `status`. (An older document also shows `AutoApproved`: kept as `Other`.)
    pub enum ApprovalStatus {
        Pending = "Pending",
        Approved = "Approved",
        Denied = "Denied",
        Expired = "Expired",
    }
}

impl ApprovalStatus {
    /// Approved, Denied and Expired never change again. An unknown value is not assumed
    /// final, nor decidable.
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Approved | Self::Denied | Self::Expired)
    }
}

open_enum! {
    /// A decision's `value`.
    pub enum DecisionValue {
        Approved = "Approved",
        Denied = "Denied",
    }
}

/// The activity kind that gates wallet transfers, hence payouts.
pub const WALLETS_SIGN: &str = "Wallets:Sign";

/// `activity.kind == "Wallets:Sign"`: what is to be signed. A payout's transfer is
/// `transferRequest`; the other requests (`transactionRequest`, `signatureRequest`,
/// `swapRequest`) stay in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletsSignActivity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_request: Option<TransferRequest>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `activity`: a union on `kind`. `Wallets:Sign` is typed; every other kind (policy,
/// permission, registry changes, kinds added later) is kept verbatim, `kind` included.
#[derive(Debug, Clone, PartialEq)]
pub enum Activity {
    /// Boxed: a transfer request is large, and most activities are not one.
    WalletsSign(Box<WalletsSignActivity>),
    Other(Map<String, Value>),
}

impl Activity {
    pub fn kind(&self) -> &str {
        match self {
            Activity::WalletsSign(_) => WALLETS_SIGN,
            Activity::Other(m) => m.get("kind").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// The wallet transfer held by this approval, if that is what it holds.
    pub fn transfer_request(&self) -> Option<&TransferRequest> {
        match self {
            Activity::WalletsSign(a) => a.transfer_request.as_ref(),
            Activity::Other(_) => None,
        }
    }
}

impl Serialize for Activity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Tagged<'a> {
            kind: &'static str,
            #[serde(flatten)]
            inner: &'a WalletsSignActivity,
        }
        match self {
            Activity::WalletsSign(inner) => Tagged {
                kind: WALLETS_SIGN,
                inner,
            }
            .serialize(serializer),
            Activity::Other(m) => m.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Activity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(deserializer)?;
        match map.get("kind") {
            Some(Value::String(k)) if k == WALLETS_SIGN => {
                map.remove("kind");
                serde_json::from_value(Value::Object(map))
                    .map(|a| Activity::WalletsSign(Box::new(a)))
                    .map_err(D::Error::custom)
            }
            Some(Value::String(_)) => Ok(Activity::Other(map)),
            _ => Err(D::Error::custom("activity without a string `kind`")),
        }
    }
}

/// One policy evaluated against the activity. `reason` is human text from the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "RawEvaluation")]
pub struct PolicyEvaluation {
    pub policy_id: String,
    pub triggered: bool,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Both spellings of an evaluation: `triggered: bool` (SDKs) or `triggerStatus:
/// "Triggered"|"Skipped"` (older documents).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvaluation {
    policy_id: String,
    #[serde(default)]
    triggered: Option<bool>,
    #[serde(default)]
    trigger_status: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    context: Option<Value>,
    #[serde(flatten)]
    extra: Extra,
}

impl From<RawEvaluation> for PolicyEvaluation {
    fn from(r: RawEvaluation) -> Self {
        let triggered = r
            .triggered
            .unwrap_or(r.trigger_status.as_deref() == Some("Triggered"));
        PolicyEvaluation {
            policy_id: r.policy_id,
            triggered,
            reason: r.reason.unwrap_or_default(),
            context: r.context,
            extra: r.extra,
        }
    }
}

/// One user's decision. `reason` is `string | null` on the wire (written as null when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub user_id: String,
    /// `dateActioned` in the older documents.
    #[serde(
        default,
        alias = "dateActioned",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<Timestamp>,
    #[serde(default)]
    pub reason: Option<String>,
    pub value: DecisionValue,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The Approval object: answer of get, item of list, answer of a decision.
///
/// It does not carry the approval groups or quorums: those are in the policies named by the
/// triggered `policyEvaluations` (`GET /v2/policies/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    pub id: String,
    pub initiator_id: String,
    pub activity: Activity,
    pub status: ApprovalStatus,
    /// Present when a timeout applies. Shown as sent; never computed from the policy (the
    /// unit of `autoRejectTimeout` is documented both as minutes and as seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<Timestamp>,
    /// Required by the SDK types, absent from the older examples: tolerated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_updated: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_resolved: Option<Timestamp>,
    #[serde(default, alias = "evaluatedPolicies")]
    pub policy_evaluations: Vec<PolicyEvaluation>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Approval {
    pub fn transfer_request(&self) -> Option<&TransferRequest> {
        self.activity.transfer_request()
    }

    /// Ids of the policies that triggered (each needs its groups' quorums), in order, once.
    pub fn triggered_policy_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for e in self.policy_evaluations.iter().filter(|e| e.triggered) {
            if !ids.contains(&e.policy_id.as_str()) {
                ids.push(&e.policy_id);
            }
        }
        ids
    }

    /// The decision `user_id` already made, if any.
    pub fn decision_of(&self, user_id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.user_id == user_id)
    }
}

/// `POST /v2/policy-approvals/{id}/decisions` body (user-action signed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRequest {
    pub value: DecisionValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `GET /v2/policy-approvals` query. Every filter is optional; `status` takes one value.
/// `limit` is left to the server's default unless set (its maximum is undocumented).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListApprovalsQuery {
    pub limit: Option<u32>,
    pub pagination_token: Option<String>,
    pub status: Option<ApprovalStatus>,
    pub initiator_id: Option<String>,
    /// A user who may still decide (an eligible approver who has not decided yet).
    pub approver_id: Option<String>,
}

impl ListApprovalsQuery {
    /// Wire pairs, camelCase as the TS and Go SDKs send them.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = super::list::page_pairs(self.limit, self.pagination_token.as_deref());
        if let Some(status) = &self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(id) = &self.initiator_id {
            pairs.push(("initiatorId", id.clone()));
        }
        if let Some(id) = &self.approver_id {
            pairs.push(("approverId", id.clone()));
        }
        pairs
    }
}

impl Paged for ListApprovalsQuery {
    fn with_token(&self, token: Option<String>) -> Self {
        Self {
            pagination_token: token,
            ..self.clone()
        }
    }
}
