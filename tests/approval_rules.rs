//! The client's "may I decide?" (`app::approval::my_stance`) and the emulator's decision
//! rules (`emulator::approvals::rules`) are written apart; for any approval, policies and
//! caller they must agree: CanApprove ⇔ the emulator accepts an approval; CanDenyOnly ⇔ it
//! accepts a denial and refuses an approval; No ⇔ it refuses both.

use chrono::DateTime;
use proptest::prelude::*;
use serde_json::{Value, json};

use payouts_tui::app::approval::{Me, Stance, my_stance};
use payouts_tui::dfns::model::{Approval, DecisionValue, Policy};
use payouts_tui::emulator::approvals::rules::{self, Caller};

const USERS: [&str; 4] = [
    "us-aaaaa-aaaaa-aaaaaaaaaaaaaaaa",
    "us-bbbbb-bbbbb-bbbbbbbbbbbbbbbb",
    "us-ccccc-ccccc-cccccccccccccccc",
    "us-ddddd-ddddd-dddddddddddddddd",
];

fn group() -> impl Strategy<Value = Value> {
    (
        0u32..3,
        prop::option::of(prop::collection::vec(0usize..4, 0..4)),
        any::<bool>(),
        prop::option::of(any::<bool>()),
        any::<bool>(),
    )
        .prop_map(|(quorum, members, ica, sca, odd)| {
            let approvers = match (members, odd) {
                // A criterion neither side knows: nobody is provably a member.
                (_, true) => json!({"role": {"in": ["treasurer"]}}),
                (None, false) => json!({}),
                (Some(m), false) => {
                    json!({"userId": {"in": m.iter().map(|&i| USERS[i]).collect::<Vec<_>>()}})
                }
            };
            let mut g =
                json!({"quorum": quorum, "approvers": approvers, "initiatorCanApprove": ica});
            if let Some(s) = sca {
                g["serviceAccountsCanApprove"] = json!(s);
            }
            g
        })
}

fn policy(id: &str, groups: Vec<Value>) -> Policy {
    serde_json::from_value(json!({
        "id": id, "name": id, "activityKind": "Wallets:Sign", "status": "Active",
        "rule": {"kind": "AlwaysTrigger"},
        "action": {"kind": "RequestApproval", "approvalGroups": groups}
    }))
    .unwrap()
}

proptest! {
    #[test]
    fn client_stance_and_emulator_rules_agree(
        g1 in prop::collection::vec(group(), 1..3),
        g2 in prop::option::of(prop::collection::vec(group(), 1..3)),
        status in prop::sample::select(vec!["Pending", "Pending", "Approved", "Denied", "Expired"]),
        initiator in 0usize..4,
        me in 0usize..4,
        service_account in any::<bool>(),
        prior in prop::collection::vec((0usize..4, any::<bool>()), 0..3),
    ) {
        let mut policies = vec![policy("plc-1", g1)];
        if let Some(g) = g2 {
            policies.push(policy("plc-2", g));
        }
        let evaluations: Vec<Value> = policies
            .iter()
            .map(|p| json!({"policyId": p.id, "triggered": true, "reason": "Policy always triggers."}))
            .collect();
        let mut decisions: Vec<Value> = Vec::new();
        for (who, approve) in prior {
            if decisions.iter().any(|d| d["userId"] == USERS[who]) {
                continue;
            }
            decisions.push(json!({"userId": USERS[who], "date": null, "reason": null,
                                  "value": if approve { "Approved" } else { "Denied" }}));
        }
        let approval: Approval = serde_json::from_value(json!({
            "id": "ap-aaaaa-bbbbb-cccccccccccccccc", "initiatorId": USERS[initiator],
            "status": status, "activity": {"kind": "Wallets:Sign"},
            "policyEvaluations": evaluations, "decisions": decisions
        }))
        .unwrap();

        let stance = my_stance(&approval, &policies, &Me { user_id: USERS[me], service_account });
        let groups = rules::groups_of(&approval, &policies);
        let caller = Caller { user_id: USERS[me], service_account };
        let server = |value: DecisionValue| {
            let mut a = approval.clone();
            let at = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
            rules::decide(&mut a, &groups, caller, value, None, at, &|_| service_account).is_ok()
        };
        let (approve, deny) = (server(DecisionValue::Approved), server(DecisionValue::Denied));
        match stance {
            Stance::CanApprove => prop_assert!(approve && deny),
            Stance::CanDenyOnly(_) => prop_assert!(!approve && deny),
            Stance::No(_) => prop_assert!(!approve && !deny),
        }
    }
}
