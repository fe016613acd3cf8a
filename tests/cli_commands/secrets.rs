//! Every command, then a search of everything written — stdout, stderr, the log file and
//! the audit file — for the bearer tokens, the private keys (PEM text, base64 body and each
//! of its lines) and every user-action token the emulator issued. Zero hits.
//!
//! The user-action tokens are collected by a recording proxy between the binary and the
//! emulator (see `proxy.rs`). The dashboard's confirm runs too, in a pty, through the same
//! proxy, writing to the same log and audit files.

use crate::harness::Sandbox;
use crate::{awaiting_of, common, dashboard, proxy, tty};

#[tokio::test(flavor = "multi_thread")]
async fn no_secret_reaches_any_output_log_or_audit_line() {
    let emu = common::emulator().await;
    let rec = proxy::start(&emu.url()).await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &rec.url);
    let op2 = sb.as_principal(&emu, "operator2", &rec.url);
    let viewer = sb.as_principal(&emu, "viewer", &rec.url);
    let wallet = emu.wallets[0].id.clone();
    let mine = awaiting_of(&emu, "operator").await;
    let (to_confirm, to_cancel) = (mine[0].id.clone(), mine[1].id.clone());
    let create = [
        "create",
        "--wallet",
        &wallet,
        "--amount",
        "12.5",
        "--token",
        "USDC",
        "--account",
        "bacc-1",
        "--payment-instructions",
        "pi-1",
        "--purpose",
        "travel",
    ];

    let runs = [
        op.run(&["config", "check"]).await,
        op.run(&["list"]).await,
        op.run(&["list", "--output", "json"]).await,
        op.run(&["list", "--output", "csv"]).await,
        op.run(&["get", &to_confirm]).await,
        op.run(&["get", &to_confirm, "--output", "json"]).await,
        op.run(&[
            "quote", "--wallet", &wallet, "--amount", "10", "--token", "USDC",
        ])
        .await,
        op.run(&create).await,
        op.run(&[&create[..], &["--output", "json"]].concat()).await,
        op.run(&["confirm", &to_confirm, "--yes"]).await,
        op.run(&["cancel", &to_cancel, "--yes"]).await,
        // Refusals print errors; they must be as clean.
        op2.run(&["confirm", &mine[2].id, "--yes"]).await,
        op2.run(&create).await,
        viewer.run(&create).await,
        op.run(&["confirm", &to_confirm, "--yes"]).await,
        op.with("DFNS_AUTH_TOKEN", "not-a-token")
            .run(&["list"])
            .await,
    ];
    // The interactive confirm on a terminal, and the dashboard's confirm of my soonest
    // deadline (the row it selects at start).
    let typed = &mine[3];
    let address = typed.data.deposit_address.clone().unwrap();
    let last4: String = address.chars().skip(address.len() - 4).collect();
    let on_tty = tty::tty(
        &op,
        &["confirm", &typed.id],
        Some(("Type the last 4", &format!("{last4}\r"))),
    )
    .await;
    assert_eq!(on_tty.code, 0, "{}", on_tty.screen);
    let soonest = mine
        .iter()
        .min_by_key(|p| p.date_created.instant())
        .unwrap()
        .clone();
    assert!(mine[..4].iter().all(|p| p.id != soonest.id));
    // Blocking here is fine: the emulator and the proxy keep serving on the other workers.
    tokio::task::block_in_place(|| {
        dashboard::confirm_in_dashboard(
            &op,
            &emu,
            &soonest.id,
            soonest.data.deposit_address.as_deref().unwrap(),
        )
    });
    let codes: Vec<_> = runs.iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1].map(Some),
        "{}",
        runs.iter().map(|r| r.all()).collect::<String>()
    );

    // config check's credential proof, three creates (one by operator2), a confirm, a cancel.
    let tokens = rec.tokens();
    assert!(
        tokens.len() >= 6,
        "user-action tokens seen: {}",
        tokens.len()
    );

    let mut needles: Vec<(String, String)> = Vec::new();
    for name in ["operator", "operator2", "viewer"] {
        let p = emu.principal(name).unwrap();
        needles.push((format!("{name} bearer token"), p.token.expose().to_owned()));
        let pem = p.private_key_pem.expose();
        needles.push((format!("{name} PEM"), pem.trim().to_owned()));
        let body: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        needles.push((format!("{name} key base64"), body.concat()));
        for (i, line) in body.iter().enumerate() {
            needles.push((
                format!("{name} key base64 line {i}"),
                line.trim().to_owned(),
            ));
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        needles.push((format!("user-action token {i}"), t.clone()));
    }
    assert!(
        needles.iter().all(|(_, n)| n.len() >= 16),
        "needles long enough to mean something"
    );

    let mut haystacks: Vec<(String, String)> = sb
        .transcript
        .lock()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("run {i}"), t.clone()))
        .collect();
    let log = std::fs::read_to_string(sb.log_path()).unwrap_or_default();
    assert!(
        log.contains("dfns api"),
        "the log file was written at debug level"
    );
    haystacks.push(("log file".into(), log));
    let audit = std::fs::read_to_string(sb.audit_path()).unwrap();
    assert!(audit.lines().count() >= 8, "{audit}");
    haystacks.push(("audit file".into(), audit));

    let hits: Vec<String> = haystacks
        .iter()
        .flat_map(|(where_, text)| {
            needles
                .iter()
                .filter(|(_, n)| text.contains(n.as_str()))
                .map(move |(what, _)| format!("{what} in {where_}"))
        })
        .collect();
    assert!(hits.is_empty(), "secrets leaked: {hits:#?}");
}
