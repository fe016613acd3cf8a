//! confirm and cancel: the dashboard's guard on the command line.

use payouts_tui::dfns::amount::format_human;
use payouts_tui::dfns::model::{ExecutionStatus, PayoutStatus};
use payouts_tui::emulator::faults::FaultSpec;

use crate::harness::Sandbox;
use crate::{awaiting_of, common, get};

#[tokio::test(flavor = "multi_thread")]
async fn confirm_with_yes_sends_the_shown_transfer_once() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let p = awaiting_of(&emu, "operator").await.remove(0);
    let address = p.data.deposit_address.clone().unwrap();
    let r = op.run(&["confirm", &p.id, "--yes"]).await;
    assert_eq!(r.code, Some(0), "{}", r.all());
    // The transfer, as the guard made it: human amount, token, network, wallet, full address.
    let human = format_human(&p.asset.amount, p.asset.decimals().unwrap()).unwrap();
    let symbol = p.asset.symbol().unwrap();
    for (label, value) in [
        ("payout", p.id.clone()),
        ("amount", format!("{human} {symbol}")),
        ("network", p.asset.network.to_string()),
        ("from wallet", p.wallet_id.clone()),
        ("to (deposit)", address.clone()),
    ] {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with(label) && l.ends_with(&value)),
            "{label}: {value}\n{}",
            r.all()
        );
    }
    assert!(
        r.stderr.contains(&format!("{} is now Processing · ", p.id)),
        "{}",
        r.all()
    );
    assert!(r.stdout.is_empty(), "messages go to stderr: {}", r.all());
    let now = get(&emu, &p.id).await;
    assert_ne!(
        *now.execution_status(),
        ExecutionStatus::AwaitingPayoutConfirmation
    );
    assert_eq!(emu.state.world_now().0.stats.confirms, 1);

    // Again: the payout is no longer awaiting confirmation. Refused locally, exit 1.
    let again = op.run(&["confirm", &p.id, "--yes"]).await;
    assert_eq!(again.code, Some(1), "{}", again.all());
    assert!(
        again.stderr.contains("not awaiting confirmation"),
        "{}",
        again.all()
    );
    assert!(again.stderr.contains("nothing was sent"));
    assert_eq!(emu.state.world_now().0.stats.confirms, 1);

    // The audit file: an attempt with the transfer, then the outcome.
    let lines: Vec<_> = sb
        .audit_lines()
        .into_iter()
        .filter(|l| l["payoutId"] == p.id.as_str())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(lines[0]["action"], "confirm");
    assert_eq!(lines[0]["phase"], "attempt");
    assert_eq!(lines[0]["transfer"]["to"], address.as_str());
    assert_eq!(lines[0]["transfer"]["amount"], p.asset.amount.as_str());
    assert_eq!(lines[0]["transfer"]["humanAmount"], human.as_str());
    assert_eq!(lines[1]["phase"], "outcome");
    assert_eq!(lines[1]["httpStatus"], 200);
    assert_eq!(
        lines[1]["userId"],
        emu.principal("operator").unwrap().user_id.as_str()
    );
    assert_eq!(lines[1]["apiHost"], emu.addr.to_string());
}

#[tokio::test(flavor = "multi_thread")]
async fn confirm_refusals_and_their_exit_codes() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let op2 = sb.as_principal(&emu, "operator2", &emu.url());
    let mine = awaiting_of(&emu, "operator").await.remove(0);

    // Another user's payout: the guard refuses before anything is sent.
    let not_mine = op2.run(&["confirm", &mine.id, "--yes"]).await;
    assert_eq!(not_mine.code, Some(1), "{}", not_mine.all());
    assert!(not_mine.stderr.contains("not you"), "{}", not_mine.all());

    // No terminal and no --yes: usage, before any request.
    let no_tty = op.run(&["confirm", &mine.id]).await;
    assert_eq!(no_tty.code, Some(2), "{}", no_tty.all());
    assert!(
        no_tty
            .stderr
            .contains("refusing to confirm without a terminal; pass --yes"),
        "{}",
        no_tty.all()
    );

    let read_only = op.run(&["--read-only", "confirm", &mine.id, "--yes"]).await;
    assert_eq!(read_only.code, Some(2), "{}", read_only.all());
    assert!(
        read_only.stderr.contains("read-only (flag --read-only)"),
        "{}",
        read_only.all()
    );

    let unknown = op
        .run(&["confirm", "pyt-aaaaa-bbbbb-cccccccccccccc", "--yes"])
        .await;
    assert_eq!(unknown.code, Some(1), "{}", unknown.all());
    assert!(unknown.stderr.contains("404"));

    // A payout that is not awaiting confirmation (finished or still initializing).
    let done = crate::all_payouts(&emu)
        .await
        .into_iter()
        .find(|p| p.status == PayoutStatus::Completed)
        .unwrap();
    let wrong = op.run(&["confirm", &done.id, "--yes"]).await;
    assert_eq!(wrong.code, Some(1), "{}", wrong.all());
    assert!(
        wrong
            .stderr
            .contains("not awaiting confirmation (now Completed)"),
        "{}",
        wrong.all()
    );

    let stats = emu.state.world_now().0.stats.clone();
    assert_eq!((stats.confirms, stats.cancels), (0, 0));
    assert!(sb.audit_lines().is_empty(), "nothing sent, nothing audited");
    assert_eq!(
        get(&emu, &mine.id).await.execution_status(),
        mine.execution_status()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_confirm_answer_is_exit_3_is_not_resent_and_is_reread() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let p = awaiting_of(&emu, "operator").await.remove(0);
    // The server confirms, then the connection breaks before the answer.
    emu.state.faults.set(FaultSpec {
        reset_rate: Some(1.0),
        only: Some(format!("POST /payouts/{}/action", p.id)),
        ..FaultSpec::default()
    });
    let r = op.run(&["confirm", &p.id, "--yes"]).await;
    emu.state.faults.clear();
    assert_eq!(r.code, Some(3), "{}", r.all());
    assert!(r.stderr.contains("outcome unknown"), "{}", r.all());
    // The re-read resolves it, said once in the dashboard's words.
    let said = format!(
        "confirm of {} went through: now SubmittingPayoutTransfer",
        p.id
    );
    assert_eq!(r.stderr.matches(&said).count(), 1, "{}", r.all());
    assert_eq!(
        r.stderr.matches("SubmittingPayoutTransfer").count(),
        1,
        "{}",
        r.all()
    );
    assert_eq!(
        emu.state.world_now().0.stats.confirms,
        1,
        "sent once, never repeated"
    );
    let lines = sb.audit_lines();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["phase"], "outcome");
    assert!(lines[1]["httpStatus"].is_null());
    assert!(
        lines[1]["message"]
            .as_str()
            .unwrap()
            .contains("outcome unknown")
    );
    assert_eq!(lines[2]["phase"], "resolution");
    assert_eq!(lines[2]["action"], "confirm");
    assert_eq!(lines[2]["payoutId"], p.id.as_str());
    assert_eq!(lines[2]["message"], said.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancel_answered_5xx_that_did_not_go_through_is_re_read_and_audited() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let p = awaiting_of(&emu, "operator").await.remove(0);
    // The server fails before it acts.
    emu.state.faults.set(FaultSpec {
        error_rate: Some(1.0),
        only: Some(format!("POST /payouts/{}/action", p.id)),
        ..FaultSpec::default()
    });
    let r = op.run(&["cancel", &p.id, "--yes"]).await;
    emu.state.faults.clear();
    assert_eq!(r.code, Some(3), "{}", r.all());
    let said = format!(
        "cancel of {} did not go through: still AwaitingPayoutConfirmation",
        p.id
    );
    assert_eq!(r.stderr.matches(&said).count(), 1, "{}", r.all());
    assert_eq!(emu.state.world_now().0.stats.cancels, 0);
    let lines = sb.audit_lines();
    let phases: Vec<&str> = lines.iter().map(|l| l["phase"].as_str().unwrap()).collect();
    assert_eq!(phases, ["attempt", "outcome", "resolution"]);
    assert_eq!(lines[2]["message"], said.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_with_yes_and_its_refusals() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let op2 = sb.as_principal(&emu, "operator2", &emu.url());
    let p = awaiting_of(&emu, "operator").await.remove(1);

    let no_tty = op.run(&["cancel", &p.id]).await;
    assert_eq!(no_tty.code, Some(2), "{}", no_tty.all());
    assert!(no_tty.stderr.contains("pass --yes"));
    let not_mine = op2.run(&["cancel", &p.id, "--yes"]).await;
    assert_eq!(not_mine.code, Some(1), "{}", not_mine.all());
    assert!(not_mine.stderr.contains("not you"));

    let r = op.run(&["cancel", &p.id, "--yes"]).await;
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(
        r.stderr
            .contains(&format!("{} is now Canceled · Canceled", p.id)),
        "{}",
        r.all()
    );
    assert_eq!(get(&emu, &p.id).await.status, PayoutStatus::Canceled);

    let again = op.run(&["cancel", &p.id, "--yes"]).await;
    assert_eq!(again.code, Some(1), "{}", again.all());
    assert!(
        again.stderr.contains("not awaiting confirmation"),
        "{}",
        again.all()
    );

    let lines = sb.audit_lines();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(
        (&lines[0]["action"], &lines[0]["phase"]),
        (&"cancel".into(), &"attempt".into())
    );
    assert_eq!(lines[1]["httpStatus"], 200);
    assert_eq!(emu.state.world_now().0.stats.cancels, 1);
}
