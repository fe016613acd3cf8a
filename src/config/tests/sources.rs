//! env:, file:, cmd: and the DFNS_PRIVATE_KEY(_FILE) variables, through the fake environment.

use super::*;

/// A file with one profile `p` whose `key = "value"` lines are given; cred_id is set so keys
/// are accepted.
fn profile(lines: &str) -> FakeEnv {
    FakeEnv::new().config(&format!("[profiles.p]\ncred_id = \"c1\"\n{lines}\n"))
}

#[test]
fn env_source_reads_the_named_variable() {
    let env = profile("token = \"env:MY_TOKEN\"").var("MY_TOKEN", ENV_TOKEN);
    let r = ok(&env, &none());
    assert_eq!(r.token.expose(), ENV_TOKEN);
    assert_eq!(r.origins.token.to_string(), "profile 'p' (env:MY_TOKEN)");
}

#[test]
fn env_source_unset_names_the_variable_and_the_profile() {
    let msg = err(&profile("token = \"env:MY_TOKEN\""), &none());
    assert!(msg.contains("MY_TOKEN is not set"), "{msg}");
    assert!(msg.starts_with("token from profile 'p'"), "{msg}");
}

#[test]
fn file_source_expands_tilde_and_trims_the_token() {
    let env = profile("token = \"file:~/secrets/tok\"\nprivate_key = \"file:~/k.pem\"")
        .file("/home/u/secrets/tok", &format!("{PROFILE_TOKEN}\n"), 0o600)
        .file("/home/u/k.pem", PEM, 0o400);
    let r = ok(&env, &none());
    assert_eq!(r.token.expose(), PROFILE_TOKEN);
    assert_eq!(r.private_key_pem.as_ref().map(|s| s.expose()), Some(PEM));
}

#[test]
fn relative_file_paths_are_relative_to_the_config_file() {
    let env = profile("token = \"file:tok\"").file(
        "/home/u/.config/payouts-tui/tok",
        PROFILE_TOKEN,
        0o600,
    );
    assert_eq!(ok(&env, &none()).token.expose(), PROFILE_TOKEN);
}

#[test]
fn tilde_without_a_home_directory_is_an_error() {
    let env = profile("token = \"file:~/tok\"").no_home();
    let msg = err(&env, &none());
    assert!(
        msg.contains("home directory") && msg.contains("~/tok"),
        "{msg}"
    );
}

#[test]
fn missing_file_names_the_path() {
    let msg = err(&profile("token = \"file:/run/tok\""), &none());
    assert!(msg.contains("cannot read /run/tok"), "{msg}");
    assert!(msg.contains("profile 'p' (file:/run/tok)"), "{msg}");
}

#[test]
fn cmd_source_output_is_the_secret() {
    let env = profile("token = \"cmd:pass show dfns\"").cmd_ok("pass show dfns", PROFILE_TOKEN);
    assert_eq!(ok(&env, &none()).token.expose(), PROFILE_TOKEN);
}

#[test]
fn cmd_failure_reports_code_and_stderr() {
    let env = profile("token = \"cmd:pass show dfns\"").cmd_fail("pass show dfns", 2, "no entry");
    let msg = err(&env, &none());
    assert!(msg.contains("code 2") && msg.contains("no entry"), "{msg}");
    assert!(msg.contains("profile 'p' (cmd:)"), "{msg}");
}

#[test]
fn group_readable_private_key_file_is_refused_like_ssh() {
    let env = profile("token = \"env:T\"\nprivate_key = \"file:/x/k.pem\"")
        .var("T", ENV_TOKEN)
        .file("/x/k.pem", PEM, 0o644);
    assert_eq!(
        err(&env, &none()),
        "private key file /x/k.pem is readable by others (mode 0644); run: chmod 600 /x/k.pem"
    );
}

#[test]
fn private_key_file_variable_expands_tilde_and_checks_the_mode() {
    let base = || {
        FakeEnv::new()
            .var("DFNS_AUTH_TOKEN", ENV_TOKEN)
            .var("DFNS_CRED_ID", "c1")
            .var("DFNS_PRIVATE_KEY_FILE", "~/op.pem")
    };
    let r = ok(&base().file("/home/u/op.pem", PEM, 0o600), &none());
    assert_eq!(r.private_key_pem.as_ref().map(|s| s.expose()), Some(PEM));
    let msg = err(&base().file("/home/u/op.pem", PEM, 0o640), &none());
    assert!(
        msg.contains("mode 0640") && msg.contains("chmod 600 /home/u/op.pem"),
        "{msg}"
    );
}

#[test]
fn inline_private_key_with_escaped_newlines_is_unescaped() {
    let one_line = PEM.replace('\n', "\\n");
    let env = FakeEnv::new()
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN)
        .var("DFNS_CRED_ID", "c1")
        .var("DFNS_PRIVATE_KEY", &one_line);
    let r = ok(&env, &none());
    assert_eq!(r.private_key_pem.as_ref().map(|s| s.expose()), Some(PEM));
}

#[test]
fn values_that_cannot_be_right_are_refused_without_echo() {
    let env = FakeEnv::new().var("DFNS_AUTH_TOKEN", &format!("Bearer {ENV_TOKEN}"));
    assert!(err(&env, &none()).contains("without 'Bearer '"));

    let env = FakeEnv::new()
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN)
        .var("DFNS_CRED_ID", "c1")
        .var("DFNS_PRIVATE_KEY", "S3CRET-not-a-pem");
    assert!(err(&env, &none()).contains("not PEM"));

    let env = profile("token = \"cmd:empty\"").cmd_ok("empty", "");
    assert!(err(&env, &none()).contains("token from profile 'p' (cmd:) is empty"));
}
