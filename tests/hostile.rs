//! The product against a hostile API: a proxy in front of the emulator (`hostile/proxy.rs`)
//! injects terminal escapes, bidi and zero-width characters into what people read, answers
//! for another payout, redirects an action, plants invisible characters in a deposit
//! address, sends error bodies of both shapes and oversized answers. Every command and output
//! format, and the dashboard in a pty, must show the text visibly and never obey it, and the
//! money path must refuse before anything is signed.
#![cfg(unix)]

mod common;

#[allow(dead_code)]
#[path = "cli_commands/harness.rs"]
mod harness;
#[path = "hostile/proxy.rs"]
mod proxy;
#[path = "pty/mod.rs"]
mod pty;

use std::sync::atomic::Ordering;

use payouts_tui::dfns::model::{ExecutionStatus, ListPayoutsQuery, Payout, PayoutStatus};
use payouts_tui::dfns::text::is_hidden;
use payouts_tui::emulator::Running;

use harness::{Run, Sandbox};
use proxy::{Attack, Hostile};

const USDC_POLYGON: &str = "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359";

async fn setup() -> (Running, Hostile) {
    let emu = common::emulator().await;
    let hostile = proxy::start(&emu.url()).await;
    (emu, hostile)
}

/// `name`'s payouts awaiting confirmation, read from the emulator directly.
async fn awaiting_of(emu: &Running, name: &str) -> Vec<Payout> {
    let me = emu.principal(name).map(|p| p.user_id.clone());
    common::client(emu, "operator")
        .list_all_payouts(&ListPayoutsQuery {
            limit: Some(50),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .items
        .into_iter()
        .filter(|p| {
            p.status == PayoutStatus::Processing
                && *p.execution_status() == ExecutionStatus::AwaitingPayoutConfirmation
                && p.requester_id() == me.as_deref()
                && p.data.deposit_address.is_some()
        })
        .collect()
}

fn confirms(emu: &Running) -> u64 {
    emu.state.world_now().0.stats.confirms
}

/// No character a terminal would obey, outside the line ends (CSV's are CRLF).
fn assert_clean(what: &str, text: &str) {
    let mut prev = ' ';
    for (i, c) in text.chars().enumerate() {
        let line_end = c == '\n'
            || (c == '\r'
                && text[text.char_indices().nth(i).map_or(0, |(b, _)| b)..].starts_with("\r\n"));
        assert!(
            !is_hidden(c) || line_end,
            "{what}: raw {c:?} after {prev:?} at char {i}:\n{text}"
        );
        prev = c;
    }
}

fn assert_run_clean(what: &str, run: &Run) {
    assert_clean(&format!("{what} (stdout)"), &run.stdout);
    assert_clean(&format!("{what} (stderr)"), &run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_and_format_shows_hostile_text_visibly_and_never_raw() {
    let (emu, hostile) = setup().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &hostile.url);
    let mine = awaiting_of(&emu, "operator").await;
    assert!(mine.len() >= 2);
    let (a, b) = (&mine[0].id, &mine[1].id);
    let wallet = emu.wallets[0].id.clone();
    hostile.set(Attack::Inject);

    let mut runs = Vec::new();
    for args in [
        vec!["list"],
        vec!["list", "--output", "json"],
        vec!["list", "--output", "csv"],
        vec!["get", a],
        vec!["get", a, "--output", "json"],
        // The symbol no longer matches: the error lists what the wallet holds.
        vec![
            "quote", "--wallet", &wallet, "--amount", "1", "--token", "USDC",
        ],
        vec![
            "create",
            "--wallet",
            &wallet,
            "--amount",
            "1",
            "--contract",
            USDC_POLYGON,
            "--account",
            "bacc-1",
            "--payment-instructions",
            "pi-1",
            "--purpose",
            "salary payment",
            "--output",
            "json",
        ],
        vec!["confirm", a, "--yes"],
        vec!["cancel", b, "--yes"],
        vec!["config", "check"],
    ] {
        let run = op.run(&args).await;
        assert_run_clean(&args.join(" "), &run);
        runs.push((args.join(" "), run));
    }
    let find = |prefix: &str| {
        runs.iter()
            .find(|(a, _)| a.starts_with(prefix))
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{prefix}"))
    };
    // Shown, visibly: the operator sees that something is off.
    let table = find("list");
    assert_eq!(table.code, Some(0), "{}", table.all());
    assert!(table.stdout.contains("\\u{1b}]0;pwned"), "{}", table.all());
    assert!(find("get").stdout.contains("\\u{202e}"));
    assert!(
        find("quote").stderr.contains("it holds: USDC\\u{1b}]52"),
        "{}",
        find("quote").all()
    );
    let confirmed = find("confirm");
    assert_eq!(confirmed.code, Some(0), "{}", confirmed.all());
    assert!(
        confirmed.stderr.contains("USDC\\u{1b}]52"),
        "{}",
        confirmed.all()
    );
    // JSON stays JSON with the same values (jq sees the real strings).
    let listed: serde_json::Value =
        serde_json::from_str(&find("list --output json").stdout).unwrap_or_else(|e| panic!("{e}"));
    let reason = listed
        .as_array()
        .and_then(|a| a.iter().find_map(|p| p["data"]["statusReason"].as_str()))
        .unwrap_or_default()
        .to_owned();
    assert!(
        reason.contains('\u{202e}') && reason.contains('\u{1b}'),
        "{reason:?}"
    );
    let csv = find("list --output csv").stdout;
    assert_eq!(
        csv.matches("\r\n").count(),
        csv.lines().count(),
        "one record per line"
    );
    // The log and the audit file: no raw control either, no forged log line.
    let log = std::fs::read_to_string(sb.log_path()).unwrap_or_default();
    assert_clean("log", &log);
    for line in log.lines() {
        assert!(
            line.starts_with(|c: char| c.is_ascii_digit()),
            "a log line that is not a record: {line:?}"
        );
    }
    let audit = std::fs::read_to_string(sb.audit_path()).unwrap_or_default();
    assert_clean("audit", &audit);
    assert!(sb.audit_lines().len() >= 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_about_another_payout_never_steers_a_confirm_or_cancel() {
    let (emu, hostile) = setup().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &hostile.url);
    let mine = awaiting_of(&emu, "operator").await;
    let (a, b) = (mine[0].id.clone(), mine[1].id.clone());
    hostile.set(Attack::Swap {
        asked: a.clone(),
        instead: b.clone(),
    });
    let before = confirms(&emu);
    for action in ["confirm", "cancel"] {
        let run = op.run(&[action, &a, "--yes"]).await;
        assert_eq!(run.code, Some(1), "{}", run.all());
        assert!(
            run.stderr.contains(&format!("answered with {b}")),
            "{}",
            run.all()
        );
        assert!(run.stderr.contains("nothing was sent"), "{}", run.all());
    }
    assert_eq!(hostile.actions(), 0, "an action reached the API");
    assert_eq!(confirms(&emu), before);
    assert!(
        sb.audit_lines().is_empty(),
        "refused before the attempt line"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_is_never_followed_and_leaves_the_outcome_unknown() {
    let (emu, hostile) = setup().await;
    let (trap, hits) = proxy::trap().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &hostile.url);
    let a = awaiting_of(&emu, "operator").await[0].id.clone();
    hostile.set(Attack::Redirect { to: trap });
    let run = op.run(&["confirm", &a, "--yes"]).await;
    assert_eq!(run.code, Some(3), "{}", run.all());
    assert!(run.stderr.contains("never followed"), "{}", run.all());
    assert!(
        run.stderr.contains("may or may not have happened"),
        "{}",
        run.all()
    );
    assert!(!run.stderr.contains("confirmed "), "{}", run.all());
    assert_eq!(hits.load(Ordering::SeqCst), 0, "the redirect was followed");
    assert_eq!(hostile.actions(), 1, "sent once, not repeated");
    let lines = sb.audit_lines();
    let phases: Vec<&str> = lines
        .iter()
        .map(|l| l["phase"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(phases, ["attempt", "outcome", "resolution"]);
    // The redirect kept it from the API: the re-read shows the payout still waiting.
    let said = format!("confirm of {a} did not go through: still AwaitingPayoutConfirmation");
    assert_eq!(lines[2]["message"], said.as_str());
    assert!(run.stderr.contains(&said), "{}", run.all());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deposit_address_with_hidden_characters_or_the_wrong_shape_is_refused() {
    let (emu, hostile) = setup().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &hostile.url);
    let p = awaiting_of(&emu, "operator")
        .await
        .into_iter()
        .find(|p| p.asset.network.as_str() == "Polygon")
        .unwrap_or_else(|| panic!("a Polygon payout awaits the operator"));
    let real = p.data.deposit_address.clone().unwrap_or_default();
    let zwsp = format!("{}\u{200b}{}", &real[..10], &real[10..]);
    for (address, why) in [
        (zwsp, "invisible or control characters"),
        (format!("0x{}", "a".repeat(2998)), "not an EVM address"),
        (format!("{real}\u{202e}"), "invisible or control characters"),
    ] {
        hostile.set(Attack::Address(address));
        let run = op.run(&["confirm", &p.id, "--yes"]).await;
        assert_eq!(run.code, Some(1), "{}", run.all());
        assert!(run.stderr.contains(why), "{}", run.all());
        assert_run_clean("confirm", &run);
    }
    assert_eq!(hostile.actions(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_bodies_of_both_shapes_are_shown_sanitized() {
    let (emu, hostile) = setup().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &hostile.url);
    let a = awaiting_of(&emu, "operator").await[0].id.clone();
    for top_level in [false, true] {
        hostile.set(Attack::ErrorBody { top_level });
        for args in [
            vec!["get", a.as_str()],
            vec!["list"],
            vec!["confirm", &a, "--yes"],
        ] {
            let run = op.run(&args).await;
            assert_eq!(run.code, Some(1), "{}", run.all());
            assert!(
                run.stderr.contains("no such payout\\u{1b}]52"),
                "{}",
                run.all()
            );
            assert_run_clean(&args.join(" "), &run);
        }
    }
}

/// The official TypeScript SDK treats any 202 to a signed call as "pending policy approval":
/// understood, not "malformed".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_202_is_a_hold_for_policy_approval_not_an_error() {
    let (emu, hostile) = setup().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &hostile.url);
    let a = awaiting_of(&emu, "operator").await[0].id.clone();
    hostile.set(Attack::Held);
    let run = op.run(&["confirm", &a, "--yes"]).await;
    assert_eq!(run.code, Some(0), "{}", run.all());
    assert!(
        run.stderr
            .contains("held for policy approval (ap-held0-00000-0000000000000000)"),
        "{}",
        run.all()
    );
    assert!(!run.stderr.contains("malformed"), "{}", run.all());
    assert_eq!(hostile.actions(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_answer_is_an_error_not_a_memory_spike() {
    let (emu, hostile) = setup().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &hostile.url);
    hostile.set(Attack::Huge(64 << 20));
    let run = op.run(&["list"]).await;
    assert_eq!(run.code, Some(3), "{}", run.all());
    assert!(run.stderr.contains("larger than 16 MiB"), "{}", run.all());
}

/// The dashboard in a pty against the injecting proxy: the board, the detail pane, the
/// confirm dialog and the raw JSON view show the text, and nothing the server sent is obeyed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_hostile_text_visibly_and_never_raw() {
    let (emu, hostile) = setup().await;
    hostile.set(Attack::Inject);
    let env = dashboard_env(&emu, &hostile.url);
    tokio::task::block_in_place(|| {
        let vars: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut s = pty::Session::spawn(&[], 120, 40, &vars);
        s.wait_for("Needs my confirmation", pty::TIMEOUT);
        s.wait_for("\\u{1b}", pty::TIMEOUT);
        s.send("c");
        s.wait_for("type the last 4 characters", pty::TIMEOUT);
        s.wait_for("USDC\\u{1b}]52", pty::TIMEOUT);
        s.send_esc();
        s.send("v");
        s.wait_for("\\u202e", pty::TIMEOUT);
        s.send("v");
        s.send("q");
        s.wait_exit(pty::TIMEOUT);
        let raw = s.raw();
        let text = String::from_utf8_lossy(&raw);
        for bad in [
            "\u{1b}]52",
            "\u{1b}]0;",
            "\u{202e}",
            "\u{200b}",
            "\u{feff}",
            "\u{9b}",
        ] {
            assert!(!text.contains(bad), "the terminal received {bad:?}");
        }
    });
}

/// The dashboard's confirm against a server that answers for another payout: refused in the
/// dialog, nothing sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_refuses_an_answer_about_another_payout() {
    let (emu, hostile) = setup().await;
    let env = dashboard_env(&emu, &hostile.url);
    let vars: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mine = awaiting_of(&emu, "operator").await;
    let ids: Vec<String> = mine.iter().map(|p| p.id.clone()).collect();
    let before = confirms(&emu);
    let set = |a: Attack| hostile.set(a);
    let mut s = tokio::task::block_in_place(|| {
        let mut s = pty::Session::spawn(&[], 120, 40, &vars);
        s.wait_for("Needs my confirmation", pty::TIMEOUT);
        s.wait_until("a selected payout", pty::TIMEOUT, |sc| {
            pty::board::selected_id(&sc.contents()).is_some()
        });
        s
    });
    // At start the selection is my soonest deadline: one of my awaiting payouts.
    let asked = pty::board::selected_id(&s.contents()).unwrap_or_default();
    assert!(ids.contains(&asked), "{asked} is not one of {ids:?}");
    let instead = ids
        .iter()
        .find(|id| **id != asked)
        .cloned()
        .unwrap_or_default();
    set(Attack::Swap {
        asked: asked.clone(),
        instead: instead.clone(),
    });
    tokio::task::block_in_place(|| {
        s.send("c");
        s.wait_for("Not confirmed", pty::TIMEOUT);
        let screen = s.contents();
        assert!(
            screen.contains("asked the API for payout") && screen.contains("a payout you did"),
            "{screen}"
        );
        s.send_esc();
        s.send("q");
        s.wait_exit(pty::TIMEOUT);
    });
    assert_eq!(hostile.actions(), 0);
    assert_eq!(confirms(&emu), before);
}

/// The operator's credentials, pointed at `url`, as environment variables.
fn dashboard_env(emu: &Running, url: &str) -> Vec<(String, String)> {
    let p = emu
        .principal("operator")
        .unwrap_or_else(|| panic!("operator"));
    let dir = std::env::temp_dir().join(format!("hostile-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let key = dir.join(format!(
        "operator-{}.pem",
        url.rsplit(':').next().unwrap_or("0")
    ));
    std::fs::write(&key, p.private_key_pem.expose()).unwrap_or_else(|e| panic!("{e}"));
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600));
    }
    vec![
        ("DFNS_API_URL".into(), url.to_owned()),
        ("DFNS_AUTH_TOKEN".into(), p.token.expose().to_owned()),
        ("DFNS_CRED_ID".into(), p.cred_id.clone()),
        (
            "DFNS_PRIVATE_KEY_FILE".into(),
            key.to_string_lossy().into_owned(),
        ),
    ]
}

/// Approvals: the policy's reason, its name and group names, and the token symbol come back
/// hostile; the listing in every format and the approve prompt show them visibly, and the
/// decision still goes through the guard (ids and addresses are untouched).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approvals_and_approve_show_hostile_text_visibly() {
    let (emu, hostile) = setup().await;
    let sb = Sandbox::new();
    let op2 = sb.as_principal(&emu, "operator2", &hostile.url);
    let held: Vec<Payout> = common::client(&emu, "operator")
        .list_all_payouts(&ListPayoutsQuery::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .items
        .into_iter()
        .filter(|p| {
            *p.execution_status() == ExecutionStatus::PendingPolicyApproval
                && p.requester_id() == emu.principal("operator").map(|x| x.user_id.as_str())
        })
        .collect();
    hostile.set(Attack::Inject);
    for args in [
        vec!["approvals"],
        vec!["approvals", "--output", "json"],
        vec!["approvals", "--output", "csv"],
        vec!["approvals", "--mine"],
    ] {
        let run = op2.run(&args).await;
        assert_eq!(run.code, Some(0), "{}", run.all());
        assert_run_clean(&args.join(" "), &run);
        assert!(
            run.stdout.contains("\\u{1b}]0;pwned") || run.stdout.contains("\\u001b]0;pwned"),
            "{}",
            run.all()
        );
    }
    let run = op2.run(&["approve", &held[0].id, "--yes"]).await;
    assert_run_clean("approve", &run);
    assert_eq!(run.code, Some(0), "{}", run.all());
    assert!(
        run.stderr
            .contains("held because  Transfer amount is above limit\\u{1b}]52"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("Operators\\u{1b}]52"), "{}", run.all());
}
