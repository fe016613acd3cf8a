//! Triage from the shell: execution-status, mine, needs-me, expiring-within and exit-code
//! filters; get by externalId; wait; the narrow table; a replayed create said as such.

use chrono::Duration;

use crate::harness::Sandbox;
use crate::{all_payouts, awaiting_of, common};

#[tokio::test(flavor = "multi_thread")]
async fn list_filters_for_the_main_questions_and_exit_10_for_cron() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let me = emu.principal("operator").unwrap().user_id.clone();
    let all = all_payouts(&emu).await;

    let run = op
        .run(&[
            "list",
            "--execution-status",
            "AwaitingPayoutConfirmation",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(run.code, Some(0), "{}", run.all());
    let items = run.json();
    let items = items.as_array().unwrap();
    let want = all
        .iter()
        .filter(|p| p.execution_status().as_str() == "AwaitingPayoutConfirmation")
        .count();
    assert_eq!(items.len(), want);
    assert!(want > 2);

    // The execution status given as --status: told which flag to use.
    let wrong = op
        .run(&["list", "--status", "AwaitingPayoutConfirmation"])
        .await;
    assert_eq!(wrong.code, Some(2), "{}", wrong.all());
    assert!(
        wrong.stderr.contains("--execution-status"),
        "{}",
        wrong.all()
    );

    let mine = op.run(&["list", "--mine", "--output", "json"]).await;
    let mine = mine.json();
    let mine = mine.as_array().unwrap();
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|p| p["requester"]["userId"] == me.as_str()));

    let needs = op.run(&["list", "--needs-me", "--output", "json"]).await;
    let needs = needs.json();
    let needs = needs.as_array().unwrap().clone();
    assert_eq!(needs.len(), awaiting_of(&emu, "operator").await.len());

    // The cron line: something needs me within 2 h → exit 10; nothing within 1 s → exit 0.
    let cron = op
        .run(&[
            "list",
            "--needs-me",
            "--expiring-within",
            "2h",
            "--exit-code",
        ])
        .await;
    assert_eq!(cron.code, Some(10), "{}", cron.all());
    assert!(cron.stdout.lines().count() >= 2, "{}", cron.all());
    let quiet = op
        .run(&[
            "list",
            "--needs-me",
            "--expiring-within",
            "1s",
            "--exit-code",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(quiet.code, Some(0), "{}", quiet.all());
    assert_eq!(quiet.json().as_array().map(|a| a.len()), Some(0));
    let bad = op.run(&["list", "--expiring-within", "soon"]).await;
    assert_eq!(bad.code, Some(2), "{}", bad.all());

    // 80 columns keep the execution status, not the status.
    let narrow = op.with("COLUMNS", "80").run(&["list"]).await;
    let header = narrow.stdout.lines().next().unwrap_or_default().to_owned();
    assert!(header.contains("EXECUTION"), "{header}");
    assert!(!header.contains("STATUS "), "{header}");
}

#[tokio::test(flavor = "multi_thread")]
async fn get_by_external_id_and_wait_for_a_status() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let all = all_payouts(&emu).await;
    let p = all
        .iter()
        .find(|p| p.external_id.is_some() && !p.status.is_terminal())
        .unwrap();
    let ext = p.external_id.clone().unwrap();

    let by_ext = op.run(&["get", &ext, "--output", "json"]).await;
    assert_eq!(by_ext.code, Some(0), "{}", by_ext.all());
    assert_eq!(by_ext.json()["id"], p.id.as_str());
    let none = op.run(&["get", "no-such-external-id"]).await;
    assert_eq!(none.code, Some(1), "{}", none.all());
    assert!(none.stderr.contains("no payout has id or externalId"));

    // Reached at once (exit 0); ended elsewhere (exit 1); timed out (exit 4).
    let now = op.run(&["wait", &p.id, "--until", "Processing"]).await;
    assert_eq!(now.code, Some(0), "{}", now.all());
    let done = all
        .iter()
        .find(|p| p.status.as_str() == "Completed")
        .unwrap();
    let elsewhere = op.run(&["wait", &done.id, "--until", "Failed"]).await;
    assert_eq!(elsewhere.code, Some(1), "{}", elsewhere.all());
    let waiting = awaiting_of(&emu, "operator").await[0].id.clone();
    let timeout = op
        .run(&[
            "wait",
            &waiting,
            "--until",
            "Completed",
            "--timeout",
            "1s",
            "--every",
            "300ms",
        ])
        .await;
    assert_eq!(timeout.code, Some(4), "{}", timeout.all());
    assert!(timeout.stderr.contains("timed out"), "{}", timeout.all());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_replayed_create_says_it_returned_the_existing_payout() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let wallet = emu.wallets[0].id.clone();
    let args = |ext: &'static str| {
        vec![
            "create".to_owned(),
            "--wallet".into(),
            wallet.clone(),
            "--amount".into(),
            "12".into(),
            "--token".into(),
            "USDC".into(),
            "--account".into(),
            "bacc-1".into(),
            "--payment-instructions".into(),
            "pi-1".into(),
            "--purpose".into(),
            "salary payment".into(),
            "--external-id".into(),
            ext.into(),
        ]
    };
    let a = args("triage-replay-1");
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let first = op.run(&a).await;
    assert_eq!(first.code, Some(0), "{}", first.all());
    assert!(!first.stderr.contains("used before"), "{}", first.all());
    emu.advance(Duration::minutes(2));
    let again = op.run(&a).await;
    assert_eq!(again.code, Some(0), "{}", again.all());
    assert!(
        again
            .stderr
            .contains("was used before: this returned the existing payout"),
        "{}",
        again.all()
    );
}
