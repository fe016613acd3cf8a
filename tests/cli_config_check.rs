//! `payouts-tui config check` — the real binary against the emulator.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use payouts_tui::emulator::Running;

struct Env {
    _home: tempfile::TempDir,
    home: std::path::PathBuf,
}

fn isolated() -> Env {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().to_path_buf();
    Env {
        _home: home,
        home: path,
    }
}

fn check(env: &Env, vars: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_payouts-tui"));
    cmd.args(["config", "check"])
        .env_clear()
        .env("HOME", &env.home)
        .env("XDG_CONFIG_HOME", env.home.join(".config"))
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn key_file(env: &Env, emu: &Running, name: &str, mode: u32) -> String {
    let path = env.home.join(format!("{name}.pem"));
    std::fs::write(&path, emu.principal(name).unwrap().private_key_pem.expose()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path.to_string_lossy().into_owned()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_good_configuration_passes_every_check_and_prints_no_secret() {
    let emu = common::emulator().await;
    let env = isolated();
    let p = emu.principal("operator").unwrap();
    let key = key_file(&env, &emu, "operator", 0o600);
    let url = emu.url();
    let out = tokio::task::spawn_blocking({
        let (token, env_home) = (p.token.expose().to_owned(), env.home.clone());
        move || {
            let env = Env {
                _home: tempfile::tempdir().unwrap(),
                home: env_home,
            };
            check(
                &env,
                &[
                    ("DFNS_API_URL", &url),
                    ("DFNS_AUTH_TOKEN", &token),
                    ("DFNS_PRIVATE_KEY_FILE", &key),
                ],
            )
        }
    })
    .await
    .unwrap();
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    for line in [
        "✓ api",
        "✓ token",
        "✓ identity",
        "✓ clock",
        "✓ wallets",
        "✓ credential",
    ] {
        assert!(all.contains(line), "missing {line}:\n{all}");
    }
    assert!(all.contains(&p.user_id), "names the user: {all}");
    assert!(all.contains("ServiceAccount"), "{all}");
    assert!(all.contains(&p.cred_id), "{all}");
    assert!(!all.contains(p.token.expose()), "token leaked");
    let pem = p.private_key_pem.expose();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(!all.contains(&body), "key leaked");
    // Nothing was performed.
    assert_eq!(emu.state.world_now().0.stats.payouts_created, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_and_their_exit_codes() {
    let emu = common::emulator().await;
    let env = isolated();
    let url = emu.url();
    let loose = key_file(&env, &emu, "operator", 0o644);
    let viewer = emu.principal("viewer").unwrap().token.expose().to_owned();
    let home = env.home.clone();
    let (bad_token, loose_key, viewer_run, dead) = tokio::task::spawn_blocking(move || {
        let env = Env {
            _home: tempfile::tempdir().unwrap(),
            home,
        };
        let dead = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            format!("http://{}", l.local_addr().unwrap())
        };
        (
            check(
                &env,
                &[("DFNS_API_URL", &url), ("DFNS_AUTH_TOKEN", "not-a-token")],
            ),
            check(
                &env,
                &[
                    ("DFNS_API_URL", &url),
                    ("DFNS_AUTH_TOKEN", "t"),
                    ("DFNS_PRIVATE_KEY_FILE", &loose),
                ],
            ),
            check(
                &env,
                &[("DFNS_API_URL", &url), ("DFNS_AUTH_TOKEN", &viewer)],
            ),
            check(&env, &[("DFNS_API_URL", &dead), ("DFNS_AUTH_TOKEN", "t")]),
        )
    })
    .await
    .unwrap();
    assert_eq!(bad_token.status.code(), Some(1), "{}", text(&bad_token));
    assert!(text(&bad_token).contains("✗ token"), "{}", text(&bad_token));
    assert_eq!(loose_key.status.code(), Some(2), "{}", text(&loose_key));
    assert!(
        text(&loose_key).contains("chmod 600"),
        "{}",
        text(&loose_key)
    );
    // The viewer can read payouts but has no key: a note, not a failure.
    assert_eq!(viewer_run.status.code(), Some(0), "{}", text(&viewer_run));
    assert!(
        text(&viewer_run).contains("cannot list wallets"),
        "{}",
        text(&viewer_run)
    );
    assert_eq!(dead.status.code(), Some(3), "{}", text(&dead));
    assert!(text(&dead).contains("✗ api"), "{}", text(&dead));
}

/// Saved recipients: `config check` lists them by name (config text, shown sanitized) and
/// refuses one the new-payout form could not use, naming its table, line and problem.
#[tokio::test(flavor = "multi_thread")]
async fn saved_recipients_are_listed_sanitized_and_a_bad_one_is_refused() {
    let emu = common::emulator().await;
    let env = isolated();
    let url = emu.url();
    let token = emu.principal("operator").unwrap().token.expose().to_owned();
    let dir = env.home.join(".config/payouts-tui");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |recipients: &str| {
        std::fs::write(
            dir.join("config.toml"),
            format!("[profiles.ops]\napi_url = \"{url}\"\ntoken = \"env:TOK\"\n{recipients}"),
        )
        .unwrap();
    };
    let home = env.home.clone();
    let run = move |token: String| {
        let home = home.clone();
        tokio::task::spawn_blocking(move || {
            let env = Env {
                _home: tempfile::tempdir().unwrap(),
                home,
            };
            check(&env, &[("TOK", &token)])
        })
    };
    write(
        "[profiles.ops.recipients.acme]\nbank_account_id = \"bacc-1\"\n\
         payment_instructions_id = \"pi-1\"\npurpose = \"Salary-Payment\"\ncountry = \"DE\"\nfiat = \"EUR\"\n\
         [profiles.ops.recipients.\"evil\\u001b]52;c;x\\u0007\"]\nbank_account_id = \"bacc-2\"\n\
         payment_instructions_id = \"pi-2\"\n",
    );
    let good = run(token.clone()).await.unwrap();
    let all = text(&good);
    assert_eq!(good.status.code(), Some(0), "{all}");
    assert!(all.contains("✓ recipients"), "{all}");
    assert!(
        all.contains("2 saved: acme, evil\\u{1b}]52;c;x\\u{7}"),
        "{all}"
    );
    assert!(
        !all.contains('\u{1b}'),
        "a raw escape reached the terminal: {all:?}"
    );

    write(
        "[profiles.ops.recipients.acme]\nbank_account_id = \"bacc-1\"\n\
         payment_instructions_id = \"pi-1\"\npurpose = \"salary\"\n",
    );
    let bad = run(token.clone()).await.unwrap();
    let all = text(&bad);
    assert_eq!(bad.status.code(), Some(2), "{all}");
    assert!(all.contains("✗ recipients"), "{all}");
    assert!(
        all.contains("config.toml:4: recipient 'acme' in profile 'ops': purpose: unknown payment purpose 'salary'"),
        "{all}"
    );
    assert!(all.contains("did you mean 'salary payment'"), "{all}");

    write(
        "[profiles.ops.recipients.acme]\nbank_account_id = \"bacc-1\"\n\
         payment_instructions_id = \"pi-1\"\ncountry = \"Germany\"\n",
    );
    let bad = run(token.clone()).await.unwrap();
    let all = text(&bad);
    assert_eq!(bad.status.code(), Some(2), "{all}");
    assert!(all.contains("country: an ISO-3166 alpha-2 code"), "{all}");

    // An empty id or an unknown key is a mistake in the file, reported by every command.
    write(
        "[profiles.ops.recipients.acme]\nbank_account_id = \" \"\npayment_instructions_id = \"pi-1\"\n",
    );
    let bad = run(token.clone()).await.unwrap();
    let all = text(&bad);
    assert_eq!(bad.status.code(), Some(2), "{all}");
    assert!(
        all.contains(":4: recipient 'acme' in profile 'ops': 'bank_account_id' is empty"),
        "{all}"
    );
    write(
        "[profiles.ops.recipients.acme]\nbank_account_id = \"b\"\npayment_instructions_id = \"p\"\niban = \"x\"\n",
    );
    let bad = run(token).await.unwrap();
    assert!(
        text(&bad).contains("unknown field `iban`"),
        "{}",
        text(&bad)
    );
}
