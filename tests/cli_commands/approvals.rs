//! `approvals`, `approve` and `deny` through the real binary: the listing in every format,
//! the acceptance path (operator2 approves operator's held payout; operator may only deny
//! their own), the guard's refusals before anything is signed, the audit lines, and the
//! typed check on a terminal.

use payouts_tui::dfns::model::{
    Approval, ApprovalStatus, ExecutionStatus, ListApprovalsQuery, Payout, PayoutStatus,
};
use payouts_tui::emulator::Running;

use crate::harness::Sandbox;
use crate::tty::tty;
use crate::{all_payouts, common, get};

/// `name`'s payouts held for approval, newest first, with their approvals.
async fn held_of(emu: &Running, name: &str) -> Vec<(Payout, Approval)> {
    let me = &emu.principal(name).unwrap().user_id;
    let c = common::client(emu, "operator");
    let approvals = c
        .list_all_approvals(&ListApprovalsQuery::default())
        .await
        .unwrap()
        .items;
    all_payouts(emu)
        .await
        .into_iter()
        .filter(|p| {
            p.execution_status() == &ExecutionStatus::PendingPolicyApproval
                && p.requester_id() == Some(me.as_str())
        })
        .map(|p| {
            let a = approvals
                .iter()
                .find(|a| a.transfer_request().map(|t| &t.id) == p.data.transfer_id.as_ref())
                .expect("a held payout has an approval")
                .clone();
            (p, a)
        })
        .collect()
}

async fn approval(emu: &Running, id: &str) -> Approval {
    common::client(emu, "operator")
        .get_approval(id)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn approvals_as_table_json_csv_and_mine() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op2 = sb.as_principal(&emu, "operator2", &emu.url());
    let total = emu.state.world_now().0.book.count();

    let json = op2.run(&["approvals", "--output", "json"]).await;
    assert_eq!(json.code, Some(0), "{}", json.all());
    let items = json.json();
    assert_eq!(items.as_array().unwrap().len(), total, "{}", json.all());
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["activity"]["kind"] == "Wallets:Sign")
    );

    let csv = op2
        .run(&["approvals", "--status", "pending", "--output", "csv"])
        .await;
    assert_eq!(csv.code, Some(0), "{}", csv.all());
    let mut lines = csv.stdout.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,status,dateCreated,expirationDate")
    );
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r.split(',').nth(1) == Some("Pending")),
        "{}",
        csv.stdout
    );

    let table = op2.run(&["approvals", "--status", "Pending"]).await;
    assert_eq!(table.code, Some(0), "{}", table.all());
    assert!(table.stdout.starts_with("ID "), "{}", table.all());
    assert!(
        table.stdout.contains("QUORUM") && table.stdout.contains("0/1"),
        "{}",
        table.all()
    );
    assert!(table.stdout.contains("approve/deny") && table.stdout.contains("deny only"));
    assert!(table.stderr.contains("approval(s)"));

    // --mine: what operator2 may still decide (operator's, to approve; its own, to deny).
    let mine = op2.run(&["approvals", "--mine", "--output", "json"]).await;
    assert_eq!(mine.code, Some(0), "{}", mine.all());
    let me = &emu.principal("operator2").unwrap().user_id;
    let op = &emu.principal("operator").unwrap().user_id;
    let mine = mine.json();
    let mine = mine.as_array().unwrap();
    assert!(mine.iter().any(|a| a["initiatorId"] == op.as_str()));
    assert!(mine.iter().all(|a| a["status"] == "Pending"));
    assert!(mine.iter().all(|a| {
        a["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["userId"] != me.as_str())
    }));
    // The viewer reads approvals but decides none.
    let viewer = sb.as_principal(&emu, "viewer", &emu.url());
    let none = viewer
        .run(&["approvals", "--mine", "--output", "json"])
        .await;
    assert_eq!(none.code, Some(0), "{}", none.all());
    assert_eq!(none.json(), serde_json::json!([]));
    let bad = op2
        .run(&["approvals", "--mine", "--status", "Approved"])
        .await;
    assert_eq!(bad.code, Some(2), "{}", bad.all());
}

/// The acceptance path: operator2 approves operator's held payout by its payout id; the
/// approval is Approved and the payout moves on.
#[tokio::test(flavor = "multi_thread")]
async fn operator2_approves_operators_held_payout() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op2 = sb.as_principal(&emu, "operator2", &emu.url());
    let (p, a) = held_of(&emu, "operator").await.remove(0);
    let address = p.data.deposit_address.clone().unwrap();

    let r = op2.run(&["approve", &p.id, "--yes"]).await;
    assert_eq!(r.code, Some(0), "{}", r.all());
    for (label, value) in [
        ("approval", a.id.as_str()),
        ("payout", p.id.as_str()),
        ("network", p.asset.network.as_str()),
        ("to (deposit)", address.as_str()),
        ("held because", "is above limit (USD 5,000.00)."),
        ("quorum", "0/1 approvals (Operators, policy"),
        ("you", "may approve or deny"),
    ] {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with(label) && l.contains(value)),
            "{label}: {value}\n{}",
            r.all()
        );
    }
    assert!(
        r.stderr.contains("the approval is now Approved"),
        "{}",
        r.all()
    );
    assert!(
        r.stderr
            .contains(&format!("{} is now Processing · DepositProcessing", p.id)),
        "{}",
        r.all()
    );
    assert!(r.stdout.is_empty(), "{}", r.all());
    assert_eq!(approval(&emu, &a.id).await.status, ApprovalStatus::Approved);
    assert_eq!(
        get(&emu, &p.id).await.execution_status(),
        &ExecutionStatus::DepositProcessing
    );

    // Audited: the attempt with the transfer before the send, then the outcome.
    let lines = sb.audit_lines();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(lines[0]["action"], "approve");
    assert_eq!(lines[0]["phase"], "attempt");
    assert_eq!(lines[0]["payoutId"], p.id.as_str());
    assert_eq!(lines[0]["transfer"]["to"], address.as_str());
    assert_eq!(lines[0]["message"], format!("approval {} Approved", a.id));
    assert_eq!(lines[1]["phase"], "outcome");
    assert_eq!(lines[1]["httpStatus"], 200);

    // Settled: a second approve is refused before anything is signed.
    let again = op2.run(&["approve", &a.id, "--yes"]).await;
    assert_eq!(again.code, Some(1), "{}", again.all());
    assert!(
        again.stderr.contains("no longer Pending"),
        "{}",
        again.all()
    );
    assert!(again.stderr.contains("nothing was sent"));
    assert_eq!(emu.state.world_now().0.stats.decisions, 1);
}

/// The initiator: approve is refused with the reason, deny works and the payout is Rejected.
#[tokio::test(flavor = "multi_thread")]
async fn operator_may_only_deny_their_own_held_payout() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let (p, a) = held_of(&emu, "operator").await.remove(0);

    let r = op.run(&["approve", &p.id, "--yes"]).await;
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("you initiated this transfer"),
        "{}",
        r.all()
    );
    assert!(r.stderr.contains("initiatorCanApprove"), "{}", r.all());
    assert!(r.stderr.contains("nothing was sent"));
    assert!(sb.audit_lines().is_empty(), "nothing attempted");
    assert_eq!(emu.state.world_now().0.stats.decisions, 0);

    let d = op
        .run(&["deny", &p.id, "--reason", "wrong beneficiary", "--yes"])
        .await;
    assert_eq!(d.code, Some(0), "{}", d.all());
    assert!(
        d.stderr.contains("you  ") || d.stderr.contains("may only deny"),
        "{}",
        d.all()
    );
    assert!(
        d.stderr.contains("the approval is now Denied"),
        "{}",
        d.all()
    );
    let now = get(&emu, &p.id).await;
    assert_eq!(now.status, PayoutStatus::Rejected);
    assert!(
        now.data
            .status_reason
            .unwrap()
            .contains("wrong beneficiary")
    );
    assert_eq!(approval(&emu, &a.id).await.status, ApprovalStatus::Denied);
    let lines = sb.audit_lines();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(lines[0]["action"], "deny");
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_before_anything_is_signed() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let (p, a) = held_of(&emu, "operator2").await.remove(0);
    let viewer = sb.as_principal(&emu, "viewer", &emu.url());
    let r = viewer.run(&["approve", &a.id, "--yes"]).await;
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(r.stderr.contains("not an approver"), "{}", r.all());

    let op = sb.as_principal(&emu, "operator", &emu.url());
    for (args, code, says) in [
        (
            vec!["approve", "xyz-1", "--yes"],
            2,
            "neither an approval id",
        ),
        (vec!["approve", &a.id], 2, "without a terminal"),
        (
            vec!["--read-only", "approve", &a.id, "--yes"],
            2,
            "read-only",
        ),
        (
            vec!["deny", "ap-nosuc-happr-oval000000000000", "--yes"],
            1,
            "404",
        ),
    ] {
        let r = op.run(&args).await;
        assert_eq!(r.code, Some(code), "{args:?}: {}", r.all());
        assert!(r.stderr.contains(says), "{args:?}: {}", r.all());
    }
    // A payout that is not held: nothing to approve.
    let done = all_payouts(&emu)
        .await
        .into_iter()
        .find(|x| x.status == PayoutStatus::Completed)
        .unwrap();
    let r = op.run(&["approve", &done.id, "--yes"]).await;
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(sb.audit_lines().is_empty());
    assert_eq!(emu.state.world_now().0.stats.decisions, 0);

    // operator approves operator2's held payout by its approval id.
    let ok = op.run(&["approve", &a.id, "--yes"]).await;
    assert_eq!(ok.code, Some(0), "{}", ok.all());
    assert_eq!(approval(&emu, &a.id).await.status, ApprovalStatus::Approved);
    assert_ne!(
        get(&emu, &p.id).await.execution_status(),
        &ExecutionStatus::PendingPolicyApproval
    );
}

const APPROVE_PROMPT: &str = "Type the last 4 characters of the deposit address to approve";

#[tokio::test(flavor = "multi_thread")]
async fn approve_on_a_terminal_needs_the_last_four_characters_deny_needs_y() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op2 = sb.as_principal(&emu, "operator2", &emu.url());
    let mut held = held_of(&emu, "operator").await;
    let (p, a) = held.remove(0);
    let address = p.data.deposit_address.clone().unwrap();
    let code: String = address.chars().skip(address.chars().count() - 4).collect();
    for typed in ["\r", "abcd\r"] {
        let r = tty(&op2, &["approve", &p.id], Some((APPROVE_PROMPT, typed))).await;
        assert_eq!(r.code, 1, "{typed:?}: {}", r.screen);
        assert!(r.screen.contains("not approved"), "{}", r.screen);
        assert!(r.screen.contains(&address), "{}", r.screen);
    }
    assert_eq!(approval(&emu, &a.id).await.status, ApprovalStatus::Pending);
    let ok = tty(
        &op2,
        &["approve", &p.id],
        Some((APPROVE_PROMPT, &format!("{code}\r"))),
    )
    .await;
    assert_eq!(ok.code, 0, "{}", ok.screen);
    assert_eq!(approval(&emu, &a.id).await.status, ApprovalStatus::Approved);

    let (p2, a2) = held.remove(0);
    let prompt = format!("Deny approval {}?", a2.id);
    let no = tty(&op2, &["deny", &p2.id], Some((&prompt, "\r"))).await;
    assert_eq!(no.code, 1, "{}", no.screen);
    assert!(no.screen.contains("not denied; nothing was sent"));
    let yes = tty(&op2, &["deny", &p2.id], Some((&prompt, "y\r"))).await;
    assert_eq!(yes.code, 0, "{}", yes.screen);
    assert_eq!(get(&emu, &p2.id).await.status, PayoutStatus::Rejected);
}

/// A deny whose decision may have been lost (the server recorded it, the connection broke):
/// the outcome is unknown (exit 3), never re-sent, and the re-read of the approval resolves
/// it — said once, audited as a `resolution` line.
#[tokio::test(flavor = "multi_thread")]
async fn a_lost_deny_answer_is_resolved_by_the_re_read() {
    use payouts_tui::emulator::faults::FaultSpec;
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let (p, a) = held_of(&emu, "operator").await.remove(0);
    emu.state.faults.set(FaultSpec {
        reset_rate: Some(1.0),
        only: Some(format!("POST /v2/policy-approvals/{}/decisions", a.id)),
        ..FaultSpec::default()
    });
    let d = op.run(&["deny", &p.id, "--yes"]).await;
    emu.state.faults.clear();
    assert_eq!(d.code, Some(3), "{}", d.all());
    let said = format!(
        "deny of {} for {} went through: the approval is now Denied",
        a.id, p.id
    );
    assert_eq!(d.stderr.matches(&said).count(), 1, "{}", d.all());
    assert_eq!(emu.state.world_now().0.stats.decisions, 1, "never re-sent");
    let lines = sb.audit_lines();
    let phases: Vec<&str> = lines.iter().map(|l| l["phase"].as_str().unwrap()).collect();
    assert_eq!(phases, ["attempt", "outcome", "resolution"]);
    assert_eq!(lines[2]["action"], "deny");
    assert_eq!(lines[2]["message"], said.as_str());
}
