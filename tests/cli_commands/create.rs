//! create: externalId printed first and idempotent re-runs; purpose, permission and
//! configuration refusals; an unknown outcome.

use payouts_tui::emulator::faults::FaultSpec;

use crate::common;
use crate::harness::{Bin, Sandbox};

fn create_args<'a>(wallet: &'a str, amount: &'a str, purpose: &'a str) -> Vec<&'a str> {
    vec![
        "create",
        "--wallet",
        wallet,
        "--amount",
        amount,
        "--token",
        "USDC",
        "--account",
        "bacc-cli-1",
        "--payment-instructions",
        "pi-cli-1",
        "--purpose",
        purpose,
    ]
}

async fn run_with(bin: &Bin, mut args: Vec<&str>, extra: &[&str]) -> crate::harness::Run {
    args.extend_from_slice(extra);
    bin.run(&args).await
}

/// The id from `external id: X (re-run with --external-id X to retry safely)`.
fn external_id(stderr: &str) -> String {
    let first = stderr.lines().next().unwrap_or_default();
    let rest = first
        .strip_prefix("external id: ")
        .unwrap_or_else(|| panic!("{stderr}"));
    let id = rest.split_whitespace().next().unwrap().to_owned();
    assert!(
        first.ends_with(&format!("(re-run with --external-id {id} to retry safely)")),
        "{first}"
    );
    id
}

#[tokio::test(flavor = "multi_thread")]
async fn create_prints_its_external_id_first_and_a_rerun_is_idempotent() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let wallet = emu.wallets[0].id.clone();
    let first = run_with(
        &op,
        create_args(&wallet, "1,234.5", "salary payment"),
        &["--output", "json"],
    )
    .await;
    assert_eq!(first.code, Some(0), "{}", first.all());
    let ext = external_id(&first.stderr);
    assert!(ext.starts_with("payouts-tui-"), "{ext}");
    let p = first.json();
    assert_eq!(p["externalId"], ext.as_str());
    assert_eq!(p["asset"]["amount"], "1234500000");
    assert_eq!(p["data"]["paymentPurpose"], "salary payment");
    assert_eq!(
        p["requester"]["userId"],
        emu.principal("operator").unwrap().user_id.as_str()
    );
    let id = p["id"].as_str().unwrap().to_owned();
    assert!(
        first
            .stderr
            .contains(&format!("payout {id} for external id {ext}")),
        "{}",
        first.all()
    );

    // The same command with that id: the same payout, not a second one.
    let again = run_with(
        &op,
        create_args(&wallet, "1,234.5", "salary payment"),
        &["--external-id", &ext, "--output", "json"],
    )
    .await;
    assert_eq!(again.code, Some(0), "{}", again.all());
    assert_eq!(again.json()["id"], id.as_str());
    assert!(
        !again.stderr.contains("external id: "),
        "given ids are not announced: {}",
        again.all()
    );
    let stats = emu.state.world_now().0.stats.clone();
    assert_eq!(stats.payouts_created, 1);
    assert_eq!(stats.idempotent_replays, 1);

    // The same id with another amount: the API's 409, exit 1, with the next step.
    let clash = run_with(
        &op,
        create_args(&wallet, "99", "salary payment"),
        &["--external-id", &ext],
    )
    .await;
    assert_eq!(clash.code, Some(1), "{}", clash.all());
    assert!(clash.stderr.contains("409"), "{}", clash.all());
    assert!(
        clash.stderr.contains("choose another --external-id"),
        "{}",
        clash.all()
    );

    // An externalId with a comma and quotes: CSV quotes it (RFC 4180), JSON keeps it.
    let odd = "batch 7, \"urgent\"";
    let c = run_with(
        &op,
        create_args(&wallet, "3", "travel"),
        &["--external-id", odd],
    )
    .await;
    assert_eq!(c.code, Some(0), "{}", c.all());
    let csv = op.run(&["list", "--output", "csv", "--limit", "3"]).await;
    assert_eq!(csv.code, Some(0), "{}", csv.all());
    let row = csv
        .stdout
        .split("\r\n")
        .find(|l| l.contains("batch 7"))
        .unwrap_or_else(|| panic!("{}", csv.all()));
    assert!(row.contains(",\"batch 7, \"\"urgent\"\"\","), "{row}");
    assert!(
        row.contains(",3,USDC,3000000,6,Erc20,"),
        "exact human and base amounts: {row}"
    );

    // Table output: the payout's fields.
    let t = run_with(&op, create_args(&wallet, "10", "Travel"), &[]).await;
    assert_eq!(t.code, Some(0), "{}", t.all());
    assert!(
        t.stdout
            .lines()
            .any(|l| l.starts_with("amount") && l.ends_with("10.00 USDC")),
        "{}",
        t.all()
    );
    assert!(
        t.stdout
            .lines()
            .any(|l| l.starts_with("purpose") && l.ends_with("travel")),
        "{}",
        t.all()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn create_refusals() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let wallet = emu.wallets[0].id.clone();

    let typo = op.run(&create_args(&wallet, "10", "salary")).await;
    assert_eq!(typo.code, Some(2), "{}", typo.all());
    assert!(
        typo.stderr
            .contains("unknown payment purpose 'salary': did you mean 'salary payment'?"),
        "{}",
        typo.all()
    );
    assert!(
        typo.stderr.contains("utility bills"),
        "lists the documented purposes"
    );

    let precise = op.run(&create_args(&wallet, "0.0000001", "travel")).await;
    assert_eq!(precise.code, Some(2), "{}", precise.all());
    assert!(precise.stderr.contains("too many decimals for USDC (6)"));

    let read_only = op
        .run(&[&["--read-only"][..], &create_args(&wallet, "10", "travel")].concat())
        .await;
    assert_eq!(read_only.code, Some(2), "{}", read_only.all());
    assert!(
        read_only.stderr.contains("read-only"),
        "{}",
        read_only.all()
    );

    let keyless = op
        .without("DFNS_PRIVATE_KEY_FILE")
        .run(&create_args(&wallet, "10", "travel"))
        .await;
    assert_eq!(keyless.code, Some(2), "{}", keyless.all());
    assert!(
        keyless.stderr.contains("DFNS_PRIVATE_KEY_FILE"),
        "{}",
        keyless.all()
    );

    // The viewer may read payouts only: the API refuses, exit 1.
    let viewer = sb.as_principal(&emu, "viewer", &emu.url());
    let v = viewer.run(&create_args(&wallet, "10", "travel")).await;
    assert_eq!(v.code, Some(1), "{}", v.all());
    assert!(v.stderr.contains("403"), "{}", v.all());

    assert_eq!(emu.state.world_now().0.stats.payouts_created, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_create_outcome_is_exit_3_and_rerunning_with_the_id_is_safe() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let wallet = emu.wallets[0].id.clone();
    // The connection breaks after the server made the payout.
    emu.state.faults.set(FaultSpec {
        reset_rate: Some(1.0),
        only: Some("POST /payouts".into()),
        ..FaultSpec::default()
    });
    let lost = op.run(&create_args(&wallet, "42", "travel")).await;
    assert_eq!(lost.code, Some(3), "{}", lost.all());
    let ext = external_id(&lost.stderr);
    assert!(
        lost.stderr.contains(&format!(
            "re-running the same command with --external-id {ext} is safe (idempotent)"
        )),
        "{}",
        lost.all()
    );
    assert_eq!(emu.state.world_now().0.stats.payouts_created, 1);
    emu.state.faults.clear();
    let again = op
        .run(
            &[
                &create_args(&wallet, "42", "travel")[..],
                &["--external-id", &ext, "--output", "json"],
            ]
            .concat(),
        )
        .await;
    assert_eq!(again.code, Some(0), "{}", again.all());
    assert_eq!(again.json()["externalId"], ext.as_str());
    assert_eq!(
        emu.state.world_now().0.stats.payouts_created,
        1,
        "still one payout"
    );
}
