//! flag > env > profile > default, value by value, and the checks on what comes out.

use std::time::Duration;

use super::*;
use crate::config::{DEFAULT_API_URL, DEFAULT_POLL_SECS, Origin};

fn profile_origin(name: &str) -> Origin {
    Origin::Profile {
        name: name.into(),
        source: None,
    }
}

#[test]
fn api_url_flag_beats_env_beats_profile_beats_default() {
    let flag = Overrides {
        api_url: Some("http://flag.example:8080/".into()),
        ..none()
    };
    let env = prod_file().var("DFNS_API_URL", "https://env.example");

    let r = ok(&env, &flag);
    assert_eq!(r.api_url, "http://flag.example:8080");
    assert_eq!(r.origins.api_url, Origin::Flag("--api-url"));
    assert_eq!(r.origins.api_url.to_string(), "flag --api-url");

    let r = ok(&env, &none());
    assert_eq!(r.api_url, "https://env.example");
    assert_eq!(r.origins.api_url.to_string(), "env DFNS_API_URL");

    let r = ok(&prod_file(), &none());
    assert_eq!(r.api_url, "https://prod.example");
    assert_eq!(r.origins.api_url, profile_origin("prod"));

    let env = FakeEnv::new()
        .config("[profiles.p]\ntoken = \"env:T\"\n")
        .var("T", ENV_TOKEN);
    let r = ok(&env, &none());
    assert_eq!(r.api_url, DEFAULT_API_URL);
    assert_eq!(r.origins.api_url, Origin::Default);
}

#[test]
fn token_from_env_beats_profile_and_the_profile_source_is_not_run() {
    let env = prod_file().var("DFNS_AUTH_TOKEN", ENV_TOKEN);
    let r = ok(&env, &none());
    assert_eq!(r.token.expose(), ENV_TOKEN);
    assert_eq!(r.origins.token.to_string(), "env DFNS_AUTH_TOKEN");
    assert!(env.ran.borrow().is_empty(), "overridden cmd: still ran");

    let env = prod_file();
    let r = ok(&env, &none());
    assert_eq!(r.token.expose(), PROFILE_TOKEN);
    assert_eq!(r.origins.token.to_string(), "profile 'prod' (cmd:)");
    assert_eq!(*env.ran.borrow(), vec!["get-token".to_string()]);
}

#[test]
fn key_and_cred_id_from_env_beat_the_profile() {
    let file = "[profiles.p]\ntoken = \"env:T\"\nprivate_key = \"file:/k/p.pem\"\ncred_id = \"cred-file\"\n";
    let other_pem = PEM.replace("key", "other");
    let base = FakeEnv::new()
        .config(file)
        .var("T", ENV_TOKEN)
        .file("/k/p.pem", &other_pem, 0o600);

    let r = ok(&base, &none());
    assert_eq!(
        r.private_key_pem.as_ref().map(|s| s.expose()),
        Some(other_pem.as_str())
    );
    assert_eq!(r.cred_id.as_deref(), Some("cred-file"));
    let key_origin = r.origins.private_key.as_ref().map(ToString::to_string);
    assert_eq!(key_origin.as_deref(), Some("profile 'p' (file:/k/p.pem)"));

    let env = base
        .var("DFNS_PRIVATE_KEY", PEM)
        .var("DFNS_CRED_ID", "cred-env");
    let r = ok(&env, &none());
    assert_eq!(r.private_key_pem.as_ref().map(|s| s.expose()), Some(PEM));
    assert_eq!(r.cred_id.as_deref(), Some("cred-env"));
    assert_eq!(r.origins.private_key, Some(Origin::Env("DFNS_PRIVATE_KEY")));
    assert_eq!(r.origins.cred_id, Some(Origin::Env("DFNS_CRED_ID")));
}

#[test]
fn read_only_flag_beats_profile_which_beats_default() {
    let file = "[profiles.p]\ntoken = \"env:T\"\nread_only = false\n";
    let env = FakeEnv::new().config(file).var("T", ENV_TOKEN);
    let flag = Overrides {
        read_only: true,
        ..none()
    };
    let r = ok(&env, &flag);
    assert!(r.read_only);
    assert_eq!(
        r.actions_disabled_reason().as_deref(),
        Some("read-only (flag --read-only)")
    );

    let r = ok(&env, &none());
    assert!(!r.read_only);
    assert_eq!(r.origins.read_only, profile_origin("p"));
    // No key: actions stay off, and the reason says what to set.
    assert!(
        r.actions_disabled_reason()
            .is_some_and(|w| w.contains("private key"))
    );

    let r = ok(&prod_file(), &none());
    assert!(!r.read_only);
    assert_eq!(r.origins.read_only, Origin::Default);
}

#[test]
fn poll_interval_defaults_and_comes_from_the_profile() {
    let r = ok(&prod_file(), &none());
    assert_eq!(r.poll_interval, Duration::from_secs(DEFAULT_POLL_SECS));
    let env = FakeEnv::new()
        .config("[profiles.p]\ntoken = \"env:T\"\npoll_interval_secs = 30\n")
        .var("T", ENV_TOKEN);
    assert_eq!(ok(&env, &none()).poll_interval, Duration::from_secs(30));
}

#[test]
fn poll_interval_out_of_range_names_line_and_range() {
    for bad in [0, 3601] {
        let text = format!("[profiles.p]\ntoken = \"env:T\"\n\npoll_interval_secs = {bad}\n");
        let msg = err(&FakeEnv::new().config(&text), &none());
        assert!(msg.contains(&format!("{CONFIG}:4")), "{msg}");
        assert!(msg.contains("1 to 3600"), "{msg}");
    }
}

#[test]
fn env_alone_works_without_a_config_file() {
    let env = FakeEnv::new()
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN)
        .var("DFNS_API_URL", "http://127.0.0.1:4000")
        .var("DFNS_CRED_ID", "cred-1")
        .var("DFNS_PRIVATE_KEY", PEM);
    let r = ok(&env, &none());
    assert_eq!(r.profile, "env");
    assert_eq!(r.api_url, "http://127.0.0.1:4000");
    assert_eq!(r.token.expose(), ENV_TOKEN);
    assert_eq!(r.cred_id.as_deref(), Some("cred-1"));
    assert!(r.private_key_pem.is_some());
    assert_eq!(r.origins.config_file, None);
    assert!(r.origins.profile.to_string().contains("no config file"));
    assert_eq!(r.actions_disabled_reason(), None);
}

#[test]
fn empty_env_values_count_as_unset() {
    let env = prod_file()
        .var("DFNS_AUTH_TOKEN", "")
        .var("DFNS_API_URL", " ");
    let r = ok(&env, &none());
    assert_eq!(r.token.expose(), PROFILE_TOKEN);
    assert_eq!(r.api_url, "https://prod.example");
}

#[test]
fn missing_token_says_where_to_set_it() {
    let env = FakeEnv::new().config("[profiles.prod]\napi_url = \"https://a.example\"\n");
    let msg = err(&env, &none());
    assert_eq!(
        msg,
        format!("no API token: set DFNS_AUTH_TOKEN or 'token' in profile 'prod' of {CONFIG}")
    );
    let msg = err(&FakeEnv::new(), &none());
    assert!(
        msg.starts_with("no API token: set DFNS_AUTH_TOKEN"),
        "{msg}"
    );
    assert!(msg.contains(CONFIG), "{msg}");
}

#[test]
fn both_private_key_variables_is_an_error() {
    let env = FakeEnv::new()
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN)
        .var("DFNS_CRED_ID", "c")
        .var("DFNS_PRIVATE_KEY", PEM)
        .var("DFNS_PRIVATE_KEY_FILE", "/k.pem");
    let msg = err(&env, &none());
    assert!(
        msg.contains("DFNS_PRIVATE_KEY and DFNS_PRIVATE_KEY_FILE"),
        "{msg}"
    );
    assert!(msg.contains("only one"), "{msg}");
}

#[test]
fn a_key_without_a_credential_id_is_allowed() {
    // The client then takes the token's only key credential from the challenge.
    let env = FakeEnv::new()
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN)
        .var("DFNS_PRIVATE_KEY", PEM);
    let r = ok(&env, &none());
    assert!(r.private_key_pem.is_some());
    assert_eq!(r.cred_id, None);
    assert_eq!(r.origins.cred_id, None);
}

#[test]
fn api_url_is_validated_and_normalised() {
    let base = || FakeEnv::new().var("DFNS_AUTH_TOKEN", ENV_TOKEN);
    let url = |u: &str| Overrides {
        api_url: Some(u.into()),
        ..none()
    };
    assert_eq!(
        ok(&base(), &url("https://x.example/v1//")).api_url,
        "https://x.example/v1"
    );
    assert_eq!(
        ok(&base(), &url(" http://[::1]:9/ ")).api_url,
        "http://[::1]:9"
    );
    for (bad, why) in [
        ("api.dfns.io", "relative URL"),
        ("ftp://x.example", "http or https"),
        ("localhost:8080", "http or https"),
        ("https://x.example/?a=1", "query"),
    ] {
        let msg = err(&base(), &url(bad));
        assert!(
            msg.contains(why) && msg.contains("flag --api-url"),
            "{bad}: {msg}"
        );
    }
    // User info could be a credential: refused without echoing the URL.
    let msg = err(&base(), &url("https://user:S3CRET@x.example"));
    assert!(msg.contains("user name or password"), "{msg}");
}

#[test]
fn alerts_are_on_by_default_and_can_be_turned_off_per_profile() {
    let env = FakeEnv::new().var("DFNS_AUTH_TOKEN", ENV_TOKEN);
    let r = ok(&env, &none());
    assert!(r.alert_bell && r.alert_notify);
    let env = FakeEnv::new()
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN)
        .config("[profiles.p]\nalert_bell = false\nalert_notify = true\n");
    let r = ok(&env, &none());
    assert!(!r.alert_bell && r.alert_notify);
}

#[test]
fn the_shipped_example_config_is_valid() {
    let env = FakeEnv::new()
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN)
        .config(include_str!("../../../assets/config.example.toml"));
    let r = ok(
        &env,
        &Overrides {
            profile: Some("staging".into()),
            ..none()
        },
    );
    assert_eq!(r.profile, "staging");
}
