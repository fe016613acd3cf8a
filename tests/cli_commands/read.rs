//! list, get, quote.

use payouts_tui::dfns::amount::format_human;

use crate::harness::Sandbox;
use crate::{all_payouts, awaiting_of, common, dead_url};

#[tokio::test(flavor = "multi_thread")]
async fn list_in_every_format_with_filters_and_limit() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let expected = all_payouts(&emu).await;
    assert!(expected.len() > 50, "the seeded org spans pages");

    // JSON: exactly the API's payout objects, every page.
    let json = op.run(&["list", "--output", "json"]).await;
    assert_eq!(json.code, Some(0), "{}", json.all());
    let items = json.json();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), expected.len());
    for (got, want) in items.iter().zip(&expected) {
        assert_eq!(got, &serde_json::to_value(want).unwrap());
    }
    assert!(json.stderr.is_empty(), "{}", json.all());

    // Table: a header, one aligned line per payout, human amounts right-aligned; no colour
    // in a pipe even without NO_COLOR.
    let table = op.with("COLUMNS", "250").run(&["list"]).await;
    assert_eq!(table.code, Some(0), "{}", table.all());
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert_eq!(lines.len(), expected.len() + 1);
    for h in [
        "ID",
        "CREATED",
        "STATUS",
        "EXECUTION",
        "AMOUNT",
        "NETWORK",
        "LEFT",
        "REQUESTER",
        "EXTERNAL ID",
    ] {
        assert!(lines[0].contains(h), "{}", lines[0]);
    }
    assert!(!table.stdout.contains('\u{1b}'), "escape codes in a pipe");
    assert!(
        table
            .stderr
            .contains(&format!("{} payout(s)", expected.len()))
    );
    let first = &expected[0];
    let amount = format!(
        "{} {}",
        format_human(&first.asset.amount, first.asset.decimals().unwrap()).unwrap(),
        first.asset.symbol().unwrap()
    );
    assert!(
        lines[1].starts_with(&first.id) && lines[1].contains(&amount),
        "{}",
        lines[1]
    );
    // Right-aligned: every amount ends in the same column as the header's AMOUNT.
    let end = lines[0].find("AMOUNT").unwrap() + "AMOUNT".len();
    for (line, p) in lines[1..].iter().zip(&expected) {
        let sym = p.asset.symbol().unwrap();
        assert_eq!(&line[end - sym.len()..end], sym, "{line}");
    }
    assert!(
        lines[1..].iter().any(|l| l.contains(" me ")),
        "requester shown as me"
    );

    // A narrow terminal drops columns from the right end of the priorities, never the id.
    let narrow = op.with("COLUMNS", "80").run(&["list"]).await;
    assert!(
        narrow.stdout.lines().all(|l| l.chars().count() <= 80),
        "{}",
        narrow.stdout
    );
    assert!(!narrow.stdout.contains("EXTERNAL ID"));
    assert!(narrow.stdout.lines().nth(1).unwrap().starts_with(&first.id));

    // CSV: a header and one row per payout.
    let csv = op.run(&["list", "--output", "csv"]).await;
    assert_eq!(csv.code, Some(0), "{}", csv.all());
    let rows: Vec<&str> = csv.stdout.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), expected.len() + 1);
    assert!(rows[0].starts_with("id,dateCreated,status,executionStatus,amount,symbol,baseUnits"));

    // --status (any case, repeatable) and --limit.
    let failed = op
        .run(&[
            "list", "--status", "failed", "--status", "Expired", "--output", "json",
        ])
        .await;
    let f = failed.json();
    let f = f.as_array().unwrap();
    let want = expected
        .iter()
        .filter(|p| matches!(p.status.as_str(), "Failed" | "Expired"))
        .count();
    assert!(want > 0);
    assert_eq!(f.len(), want);
    assert!(
        f.iter()
            .all(|p| p["status"] == "Failed" || p["status"] == "Expired")
    );
    let limited = op.run(&["list", "--limit", "7", "--output", "json"]).await;
    let lj = limited.json();
    let ids: Vec<&str> = lj
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        expected[..7]
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
    );
    let wallet = &emu.wallets[1].id;
    let by_wallet = op
        .run(&["list", "--wallet", wallet, "--output", "json"])
        .await;
    let w = by_wallet.json();
    assert!(!w.as_array().unwrap().is_empty());
    assert!(
        w.as_array()
            .unwrap()
            .iter()
            .all(|p| p["walletId"] == wallet.as_str())
    );

    // Usage errors are clap's exit 2.
    let bad = op.run(&["list", "--status", "Pending"]).await;
    assert_eq!(bad.code, Some(2), "{}", bad.all());
    assert!(
        bad.stderr.contains("unknown status 'Pending'"),
        "{}",
        bad.all()
    );
    assert_eq!(op.run(&["list", "--output", "xml"]).await.code, Some(2));
    assert_eq!(op.run(&["list", "--limit", "0"]).await.code, Some(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn get_shows_fields_or_json_and_refusals_exit_1() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let p = awaiting_of(&emu, "operator").await.remove(0);
    let table = op.run(&["get", &p.id]).await;
    assert_eq!(table.code, Some(0), "{}", table.all());
    let human = format_human(&p.asset.amount, p.asset.decimals().unwrap()).unwrap();
    for (label, value) in [
        ("id", p.id.clone()),
        ("status", "Processing".into()),
        ("amount", format!("{human} {}", p.asset.symbol().unwrap())),
        ("deposit address", p.data.deposit_address.clone().unwrap()),
        ("wallet", p.wallet_id.clone()),
        ("requester", "me".into()),
    ] {
        assert!(
            table
                .stdout
                .lines()
                .any(|l| l.starts_with(label) && l.ends_with(&value)),
            "{label}: {value}\n{}",
            table.all()
        );
    }
    assert!(
        table
            .stdout
            .contains("AwaitingPayoutConfirmation: deposit address ready")
    );

    let json = op.run(&["get", &p.id, "--output", "json"]).await;
    assert_eq!(json.json(), serde_json::to_value(&p).unwrap());

    let unknown = op.run(&["get", "pyt-aaaaa-bbbbb-cccccccccccccc"]).await;
    assert_eq!(unknown.code, Some(1), "{}", unknown.all());
    assert!(unknown.stderr.contains("404"), "{}", unknown.all());
    assert!(unknown.stdout.is_empty());
    // Anything not starting pyt- is looked up as an externalId: none found is exit 1. A
    // malformed pyt- id is the API's to judge (400). An empty one is usage.
    let bad = op.run(&["get", "not-an-id"]).await;
    assert_eq!(bad.code, Some(1), "{}", bad.all());
    assert!(
        bad.stderr.contains("no payout has id or externalId"),
        "{}",
        bad.all()
    );
    let malformed = op.run(&["get", "pyt-x"]).await;
    assert_eq!(malformed.code, Some(1), "{}", malformed.all());
    assert!(malformed.stderr.contains("400"), "{}", malformed.all());
    assert_eq!(op.run(&["get", " "]).await.code, Some(2));
    assert_eq!(
        op.run(&["get", &p.id, "--output", "csv"]).await.code,
        Some(2)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn quote_resolves_the_token_and_converts_the_amount_exactly() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let polygon = emu.wallets[0].id.clone();
    let q = op
        .run(&[
            "quote", "--wallet", &polygon, "--amount", "1,000.5", "--token", "usdc",
        ])
        .await;
    assert_eq!(q.code, Some(0), "{}", q.all());
    assert!(q.stdout.contains("1,000.50 USDC"), "{}", q.all());
    assert!(q.stdout.contains("1000500000"), "{}", q.all());
    assert!(q.stdout.contains("Polygon"));
    assert!(
        q.stdout
            .lines()
            .any(|l| l.starts_with("offer") && l.contains("USD")),
        "{}",
        q.all()
    );

    // By contract, in another letter case; JSON is the API's answer.
    let j = op
        .run(&[
            "quote",
            "--wallet",
            &polygon,
            "--amount",
            "5",
            "--contract",
            "0x3C499C542CEF5E3811E1192CE70D8CC03D5C3359",
            "--fiat",
            "eur",
            "--country",
            "de",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(j.code, Some(0), "{}", j.all());
    let v = j.json();
    assert_eq!(v["asset"]["amount"], "5000000");
    assert_eq!(v["asset"]["metadata"]["symbol"], "USDC");
    assert_eq!(v["quotes"][0]["offer"]["fiatCurrency"], "EUR");

    // By mint, on the Solana wallet.
    let solana = emu
        .wallets
        .iter()
        .find(|w| w.network.as_str() == "Solana")
        .unwrap();
    let sq = op
        .run(&[
            "quote", "--wallet", &solana.id, "--amount", "2", "--token", "PYUSD", "--output",
            "json",
        ])
        .await;
    assert_eq!(sq.code, Some(0), "{}", sq.all());
    let mint = sq.json()["asset"]["mint"].as_str().unwrap().to_owned();
    let by_mint = op
        .run(&[
            "quote", "--wallet", &solana.id, "--amount", "2", "--mint", &mint,
        ])
        .await;
    assert_eq!(by_mint.code, Some(0), "{}", by_mint.all());
    assert!(by_mint.stdout.contains("2.00 PYUSD"), "{}", by_mint.all());

    let too_precise = op
        .run(&[
            "quote",
            "--wallet",
            &polygon,
            "--amount",
            "1.2345678",
            "--token",
            "USDC",
        ])
        .await;
    assert_eq!(too_precise.code, Some(2), "{}", too_precise.all());
    assert!(
        too_precise
            .stderr
            .contains("too many decimals for USDC (6)"),
        "{}",
        too_precise.all()
    );
    assert!(too_precise.stdout.is_empty());

    let unknown = op
        .run(&[
            "quote", "--wallet", &polygon, "--amount", "1", "--token", "DAI",
        ])
        .await;
    assert_eq!(unknown.code, Some(2), "{}", unknown.all());
    assert!(
        unknown.stderr.contains("holds no payout token 'DAI'"),
        "{}",
        unknown.all()
    );
    assert!(
        unknown.stderr.contains("it holds: USDC (Erc20"),
        "{}",
        unknown.all()
    );
    assert!(unknown.stderr.contains("USDT (Erc20"), "{}", unknown.all());

    let none = op
        .run(&["quote", "--wallet", &polygon, "--amount", "1"])
        .await;
    assert_eq!(none.code, Some(2), "{}", none.all());
    assert!(none.stderr.contains("--token SYMBOL"), "{}", none.all());
    for bad in ["-5", "1,00", "abc", "0"] {
        let r = op
            .run(&[
                "quote", "--wallet", &polygon, "--amount", bad, "--token", "USDC",
            ])
            .await;
        assert_eq!(r.code, Some(2), "{bad}: {}", r.all());
        assert!(r.stderr.contains("--amount"), "{}", r.all());
    }
    // Two asset flags at once is a usage error.
    let both = op
        .run(&[
            "quote", "--wallet", &polygon, "--amount", "1", "--token", "USDC", "--mint", "x",
        ])
        .await;
    assert_eq!(both.code, Some(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_api_is_exit_3_for_every_command() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let dead = sb.as_principal(&emu, "operator", &dead_url());
    let id = "pyt-aaaaa-bbbbb-cccccccccccccc";
    let wallet = emu.wallets[0].id.clone();
    for args in [
        vec!["list"],
        vec!["get", id],
        vec![
            "quote", "--wallet", &wallet, "--amount", "1", "--token", "USDC",
        ],
        vec![
            "create",
            "--wallet",
            &wallet,
            "--amount",
            "1",
            "--token",
            "USDC",
            "--account",
            "bacc-1",
            "--payment-instructions",
            "pi-1",
            "--purpose",
            "travel",
        ],
        vec!["confirm", id, "--yes"],
        vec!["cancel", id, "--yes"],
    ] {
        let r = dead.run(&args).await;
        assert_eq!(r.code, Some(3), "{args:?}: {}", r.all());
        assert!(r.stderr.contains("cannot connect"), "{}", r.all());
        assert!(r.stdout.is_empty(), "{}", r.all());
    }
    // Nothing was sent, so nothing was audited as sent.
    assert!(sb.audit_lines().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn completions_know_the_new_commands() {
    let sb = Sandbox::new();
    let bin = sb.bin(&[]);
    for shell in ["bash", "zsh", "fish"] {
        let r = bin.run(&["completions", shell]).await;
        assert_eq!(r.code, Some(0), "{}", r.all());
        for word in [
            "list",
            "confirm",
            "cancel",
            "external-id",
            "payment-instructions",
            "yes",
        ] {
            assert!(r.stdout.contains(word), "{shell} lacks {word}");
        }
    }
}
