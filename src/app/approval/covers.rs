//! Which known policies may hold a payout from a wallet: the new-payout form marks such a
//! wallet "policy: <name>", so the operator knows before creating that its transfer may wait
//! for approvers (or be blocked).
//!
//! A policy names wallets by its `filters` (docs/reference/policy-approvals.md §6.3):
//! `walletId.in` and `walletTags.{hasAny, hasAll}`, all of which must hold. Only active
//! `Wallets:Sign` policies gate a payout's transfer, and only those whose action holds or
//! blocks it (`NoAction` only emits an event).
//!
//! What the reference leaves open, and what we chose:
//! - a policy without `filters` (or with empty ones): read as covering every wallet;
//! - tags compared exactly (case-sensitive), as ids are;
//! - an empty `hasAny` matches no wallet, an empty `hasAll` every one (set logic);
//! - a filter key, an action kind or a list shape this version does not know: the wallet is
//!   marked with a `?` ("may be covered"), never silently left unmarked;
//! - the mark says "may be held", not "will be": the rule (an amount limit, a whitelist, a
//!   velocity) decides at confirm time on the transfer, which the form cannot know.
//!
//! "Known" policies are those the dashboard has read: the ones its approvals named, and the
//! active ones listed when the form opens (where the token may list policies).

use crate::dfns::model::{InList, Policy, PolicyActionKind, PolicyStatus, WALLETS_SIGN, Wallet};

/// Whether a policy applies to a wallet's transfers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    No,
    Yes,
    /// A criterion this version cannot read: it may.
    Maybe,
}

impl Coverage {
    fn and(self, other: Coverage) -> Coverage {
        match (self, other) {
            (Coverage::No, _) | (_, Coverage::No) => Coverage::No,
            (Coverage::Maybe, _) | (_, Coverage::Maybe) => Coverage::Maybe,
            _ => Coverage::Yes,
        }
    }

    fn of(yes: bool) -> Coverage {
        if yes { Coverage::Yes } else { Coverage::No }
    }
}

/// The values of an `{"in": [...]}` list; None when it carries more than this version reads.
fn values(list: &InList) -> Option<&[String]> {
    list.extra.is_empty().then_some(list.values.as_slice())
}

/// Whether `policy` may hold (or block) a transfer from `wallet`.
pub fn covers(policy: &Policy, wallet: &Wallet) -> Coverage {
    if policy.activity_kind != WALLETS_SIGN || policy.status != PolicyStatus::Active {
        return Coverage::No;
    }
    let action = match policy.action.kind {
        PolicyActionKind::RequestApproval | PolicyActionKind::Block => Coverage::Yes,
        PolicyActionKind::NoAction => return Coverage::No,
        PolicyActionKind::Other(_) => Coverage::Maybe,
    };
    let Some(f) = &policy.filters else {
        return action;
    };
    let mut c = action;
    if !f.extra.is_empty() {
        c = c.and(Coverage::Maybe);
    }
    if let Some(ids) = &f.wallet_id {
        c = c.and(match values(ids) {
            Some(ids) => Coverage::of(ids.contains(&wallet.id)),
            None => Coverage::Maybe,
        });
    }
    if let Some(tags) = &f.wallet_tags {
        if !tags.extra.is_empty() {
            c = c.and(Coverage::Maybe);
        }
        let has = |t: &String| wallet.tags.contains(t);
        if let Some(any) = &tags.has_any {
            c = c.and(Coverage::of(any.iter().any(has)));
        }
        if let Some(all) = &tags.has_all {
            c = c.and(Coverage::of(all.iter().all(has)));
        }
    }
    c
}

/// The mark of `wallet` in the form's wallet list: "policy: Large transfers" (several joined,
/// by name, else id; `?` after one that may cover it, "blocks" after one that would block),
/// or None. Server text: the form draws it through the sanitizer.
pub fn mark<'a>(policies: impl IntoIterator<Item = &'a Policy>, wallet: &Wallet) -> Option<String> {
    let mut names: Vec<String> = policies
        .into_iter()
        .filter_map(|p| {
            let c = covers(p, wallet);
            if c == Coverage::No {
                return None;
            }
            let name = if p.name.trim().is_empty() {
                p.id.clone()
            } else {
                p.name.clone()
            };
            let blocks = if p.action.kind == PolicyActionKind::Block {
                " blocks"
            } else {
                ""
            };
            let maybe = if c == Coverage::Maybe { "?" } else { "" };
            Some(format!("{name}{blocks}{maybe}"))
        })
        .collect();
    // Policies come from a map: a stable order for the screen.
    names.sort();
    (!names.is_empty()).then(|| format!("policy: {}", names.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn policy(name: &str, filters: Value, action: &str) -> Policy {
        let mut v = json!({
            "id": format!("plc-{name}"), "name": name, "activityKind": "Wallets:Sign",
            "status": "Active",
            "rule": {"kind": "TransactionAmountLimit", "configuration": {"limit": 5000, "currency": "USD"}},
            "action": {"kind": action, "approvalGroups": [
                {"quorum": 1, "approvers": {}}]}
        });
        if !filters.is_null() {
            v["filters"] = filters;
        }
        serde_json::from_value(v).unwrap()
    }

    fn wallet(id: &str, tags: &[&str]) -> Wallet {
        serde_json::from_value(json!({
            "id": id, "network": "Polygon", "status": "Active", "custodial": true,
            "dateCreated": "2025-01-01T00:00:00.000Z", "tags": tags,
            "signingKey": {"id": "key-1", "scheme": "ECDSA", "curve": "secp256k1", "publicKey": "ab"}
        }))
        .unwrap()
    }

    #[test]
    fn filters_name_wallets_by_id_and_tags_all_of_which_must_hold() {
        let by_id = policy(
            "Large",
            json!({"walletId": {"in": ["wa-1"]}}),
            "RequestApproval",
        );
        assert_eq!(covers(&by_id, &wallet("wa-1", &[])), Coverage::Yes);
        assert_eq!(covers(&by_id, &wallet("wa-2", &[])), Coverage::No);
        let tags = policy(
            "Treasury",
            json!({"walletTags": {"hasAny": ["treasury", "ops"], "hasAll": ["prod"]}}),
            "RequestApproval",
        );
        assert_eq!(
            covers(&tags, &wallet("wa-3", &["ops", "prod"])),
            Coverage::Yes
        );
        assert_eq!(covers(&tags, &wallet("wa-3", &["ops"])), Coverage::No);
        assert_eq!(
            covers(&tags, &wallet("wa-3", &["Ops", "prod"])),
            Coverage::No
        );
        let both = policy(
            "Both",
            json!({"walletId": {"in": ["wa-1"]}, "walletTags": {"hasAll": ["prod"]}}),
            "RequestApproval",
        );
        assert_eq!(covers(&both, &wallet("wa-1", &[])), Coverage::No);
        assert_eq!(covers(&both, &wallet("wa-1", &["prod"])), Coverage::Yes);
    }

    #[test]
    fn no_filters_cover_every_wallet_and_what_cannot_be_read_may() {
        let all = policy("All", Value::Null, "RequestApproval");
        assert_eq!(covers(&all, &wallet("wa-9", &[])), Coverage::Yes);
        let odd = policy(
            "Odd",
            json!({"walletGroup": {"in": ["x"]}}),
            "RequestApproval",
        );
        assert_eq!(covers(&odd, &wallet("wa-9", &[])), Coverage::Maybe);
        // NoAction holds nothing; another kind than Wallets:Sign gates no transfer.
        assert_eq!(
            covers(
                &policy("Quiet", Value::Null, "NoAction"),
                &wallet("wa-9", &[])
            ),
            Coverage::No
        );
        let mut other = all.clone();
        other.activity_kind = "Policies:Modify".into();
        assert_eq!(covers(&other, &wallet("wa-9", &[])), Coverage::No);
        let mut archived = all.clone();
        archived.status = PolicyStatus::Archived;
        assert_eq!(covers(&archived, &wallet("wa-9", &[])), Coverage::No);
    }

    #[test]
    fn the_mark_names_every_covering_policy() {
        let w = wallet("wa-1", &["prod"]);
        let ps = [
            policy(
                "Large transfers",
                json!({"walletId": {"in": ["wa-1"]}}),
                "RequestApproval",
            ),
            policy(
                "Sanctions",
                json!({"walletTags": {"hasAll": ["prod"]}}),
                "Block",
            ),
            policy("Odd", json!({"walletGroup": {}}), "RequestApproval"),
            policy(
                "Elsewhere",
                json!({"walletId": {"in": ["wa-2"]}}),
                "RequestApproval",
            ),
        ];
        assert_eq!(
            mark(&ps, &w).as_deref(),
            Some("policy: Large transfers, Odd?, Sanctions blocks")
        );
        assert_eq!(mark(&ps[3..], &w), None);
    }
}
