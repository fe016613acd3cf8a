//! Which `Wallets:Sign` policies a transfer triggers, and what follows: pure.
//!
//! Every active `Wallets:Sign` policy whose filters match the wallet is evaluated and listed
//! (triggered or not, one evaluation each). A triggered `Block` blocks the transfer; else a
//! triggered `RequestApproval` holds it for approval; `NoAction` only records the evaluation.
//! Emulated rules: `AlwaysTrigger`, `TransactionAmountLimit` (USD), and
//! `TransactionRecipientWhitelist` (exact, case-sensitive comparison, as the documents
//! recommend lower-case EVM addresses). The velocity and screening rules need history or a
//! vendor: the emulator evaluates them as not triggered and says so in the reason.

use serde_json::Value;

use crate::dfns::model::{Policy, Wallet};
use crate::dfns::model::{
    PolicyActionKind, PolicyEvaluation, PolicyFilters, PolicyRuleKind, PolicyStatus, WALLETS_SIGN,
};

/// What the policies see of a transfer.
#[derive(Debug, Clone, PartialEq)]
pub struct TransferFacts<'a> {
    pub wallet: &'a Wallet,
    pub to: &'a str,
    /// The transfer's value in USD cents from the token's quote; None when unknown.
    pub usd_cents: Option<u128>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing holds the transfer.
    Pass,
    /// A `Block` policy triggered: rejected at once, no approval.
    Block { policy_id: String, reason: String },
    /// At least one `RequestApproval` policy triggered (no `Block`): held for approval.
    Approval,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub evaluations: Vec<PolicyEvaluation>,
    pub verdict: Verdict,
}

/// Evaluates `policies` against the transfer.
pub fn evaluate(policies: &[Policy], facts: &TransferFacts<'_>) -> Evaluation {
    let mut evaluations = Vec::new();
    let mut block = None;
    let mut approval = false;
    for p in policies {
        if p.status != PolicyStatus::Active
            || p.activity_kind != WALLETS_SIGN
            || !filters_match(p.filters.as_ref(), facts.wallet)
        {
            continue;
        }
        let (triggered, reason) = rule(p, facts);
        if triggered {
            match p.action.kind {
                PolicyActionKind::Block if block.is_none() => {
                    block = Some((p.id.clone(), reason.clone()));
                }
                PolicyActionKind::RequestApproval => approval = true,
                _ => {}
            }
        }
        evaluations.push(PolicyEvaluation {
            policy_id: p.id.clone(),
            triggered,
            reason,
            context: None,
            extra: Default::default(),
        });
    }
    let verdict = match (block, approval) {
        (Some((policy_id, reason)), _) => Verdict::Block { policy_id, reason },
        (None, true) => Verdict::Approval,
        (None, false) => Verdict::Pass,
    };
    Evaluation {
        evaluations,
        verdict,
    }
}

/// `walletId.in` and `walletTags.{hasAny, hasAll}`, combined with AND; no filters match all.
fn filters_match(filters: Option<&PolicyFilters>, wallet: &Wallet) -> bool {
    let Some(f) = filters else {
        return true;
    };
    let by_id = f
        .wallet_id
        .as_ref()
        .is_none_or(|l| l.values.contains(&wallet.id));
    let by_tags = f.wallet_tags.as_ref().is_none_or(|t| {
        let any = t
            .has_any
            .as_ref()
            .is_none_or(|tags| tags.iter().any(|x| wallet.tags.contains(x)));
        let all = t
            .has_all
            .as_ref()
            .is_none_or(|tags| tags.iter().all(|x| wallet.tags.contains(x)));
        any && all
    });
    by_id && by_tags
}

/// (triggered, human reason) of the policy's rule.
fn rule(p: &Policy, facts: &TransferFacts<'_>) -> (bool, String) {
    let config = p.rule.configuration.as_ref();
    match &p.rule.kind {
        PolicyRuleKind::AlwaysTrigger => (true, "Policy always triggers.".to_owned()),
        PolicyRuleKind::TransactionAmountLimit => amount_limit(config, facts.usd_cents),
        PolicyRuleKind::TransactionRecipientWhitelist => {
            let listed = config
                .and_then(|c| c.get("addresses"))
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(facts.to)));
            if listed {
                (false, format!("Recipient {} is whitelisted.", facts.to))
            } else {
                (true, format!("Recipient {} is not whitelisted.", facts.to))
            }
        }
        other => (
            false,
            format!("Rule {other} is not emulated; evaluated as not triggered."),
        ),
    }
}

fn amount_limit(config: Option<&Value>, usd_cents: Option<u128>) -> (bool, String) {
    let currency = config
        .and_then(|c| c.get("currency"))
        .and_then(Value::as_str)
        .unwrap_or("USD");
    let limit = config
        .and_then(|c| c.get("limit"))
        .and_then(Value::as_f64)
        .filter(|l| l.is_finite() && *l >= 0.0);
    let Some(limit) = limit.filter(|_| currency == "USD") else {
        // The reference documents USD limits only; anything else cannot be compared here.
        return (
            false,
            format!("Limit in {currency} is not emulated; evaluated as not triggered."),
        );
    };
    // Whole cents; far beyond any real limit saturates, which is the safe direction.
    let limit_cents = (limit * 100.0).round() as u128;
    match usd_cents {
        // Unknown value: held rather than let through (the conservative choice).
        None => (
            true,
            format!(
                "Transfer amount in USD is unknown (no quote for the token); limit is USD {}.",
                usd(limit_cents)
            ),
        ),
        Some(v) if v > limit_cents => (
            true,
            format!(
                "Transfer amount (USD {}) is above limit (USD {}).",
                usd(v),
                usd(limit_cents)
            ),
        ),
        Some(v) => (
            false,
            format!(
                "Transfer amount (USD {}) is within limit (USD {}).",
                usd(v),
                usd(limit_cents)
            ),
        ),
    }
}

/// Cents as "48,000.00".
pub fn usd(cents: u128) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wallet(id: &str, tags: &[&str]) -> Wallet {
        serde_json::from_value(json!({
            "id": id, "network": "Polygon", "status": "Active", "custodial": true,
            "dateCreated": "2026-01-01T00:00:00.000Z", "tags": tags,
            "signingKey": {"id": "key-1", "scheme": "ECDSA", "curve": "secp256k1", "publicKey": "ab"}
        }))
        .unwrap()
    }

    fn policy(id: &str, rule: Value, action: &str, filters: Value) -> Policy {
        serde_json::from_value(json!({
            "id": id, "name": id, "activityKind": "Wallets:Sign", "status": "Active",
            "rule": rule, "action": {"kind": action, "approvalGroups": [
                {"quorum": 1, "approvers": {}}
            ]}, "filters": filters
        }))
        .unwrap()
    }

    fn limit(n: u64) -> Value {
        json!({"kind": "TransactionAmountLimit", "configuration": {"limit": n, "currency": "USD"}})
    }

    #[test]
    fn amount_limit_holds_what_is_above_it() {
        let w = wallet("wa-1", &[]);
        let ps = [policy(
            "plc-1",
            limit(5000),
            "RequestApproval",
            json!({"walletId": {"in": ["wa-1"]}}),
        )];
        let facts = |c| TransferFacts {
            wallet: &w,
            to: "0xab",
            usd_cents: c,
        };
        let e = evaluate(&ps, &facts(Some(4_800_000)));
        assert_eq!(e.verdict, Verdict::Approval);
        assert_eq!(
            e.evaluations[0].reason,
            "Transfer amount (USD 48,000.00) is above limit (USD 5,000.00)."
        );
        let e = evaluate(&ps, &facts(Some(500_000)));
        assert_eq!(e.verdict, Verdict::Pass);
        assert!(!e.evaluations[0].triggered);
        assert!(e.evaluations[0].reason.contains("within limit"));
        assert_eq!(evaluate(&ps, &facts(None)).verdict, Verdict::Approval);
        // Another wallet: the filter leaves the policy out entirely.
        let other = wallet("wa-2", &[]);
        let e = evaluate(
            &ps,
            &TransferFacts {
                wallet: &other,
                to: "0xab",
                usd_cents: Some(9_999_999),
            },
        );
        assert_eq!(e.verdict, Verdict::Pass);
        assert!(e.evaluations.is_empty());
    }

    #[test]
    fn block_beats_approval_and_whitelists_compare_exactly() {
        let w = wallet("wa-1", &["ops", "eu"]);
        let wl = json!({"kind": "TransactionRecipientWhitelist", "configuration": {"addresses": ["0xab"]}});
        let ps = [
            policy(
                "plc-a",
                limit(1),
                "RequestApproval",
                json!({"walletTags": {"hasAll": ["ops", "eu"]}}),
            ),
            policy(
                "plc-b",
                wl,
                "Block",
                json!({"walletTags": {"hasAny": ["x", "eu"]}}),
            ),
        ];
        let e = evaluate(
            &ps,
            &TransferFacts {
                wallet: &w,
                to: "0xAB",
                usd_cents: Some(200),
            },
        );
        assert_eq!(
            e.verdict,
            Verdict::Block {
                policy_id: "plc-b".into(),
                reason: "Recipient 0xAB is not whitelisted.".into()
            }
        );
        assert_eq!(e.evaluations.len(), 2);
        let e = evaluate(
            &ps,
            &TransferFacts {
                wallet: &w,
                to: "0xab",
                usd_cents: Some(200),
            },
        );
        assert_eq!(e.verdict, Verdict::Approval);
        let always = [policy(
            "plc-c",
            json!({"kind": "AlwaysTrigger"}),
            "NoAction",
            Value::Null,
        )];
        let e = evaluate(
            &always,
            &TransferFacts {
                wallet: &w,
                to: "0xab",
                usd_cents: Some(1),
            },
        );
        assert_eq!(e.verdict, Verdict::Pass);
        assert!(e.evaluations[0].triggered);
    }

    #[test]
    fn usd_groups_thousands() {
        assert_eq!(usd(0), "0.00");
        assert_eq!(usd(99), "0.99");
        assert_eq!(usd(500_000), "5,000.00");
        assert_eq!(usd(25_000_000_012), "250,000,000.12");
    }
}
