//! Which profile is used, and which file is read.

use super::*;
use crate::config::{Origin, config_file_path};

/// Profiles a, b (and more if given), each with its own token variable `T_<name>`.
fn profiles(header: &str, names: &[&str]) -> FakeEnv {
    let mut text = format!("{header}\n");
    let mut env = FakeEnv::new();
    for n in names {
        text.push_str(&format!("[profiles.{n}]\ntoken = \"env:T_{n}\"\n"));
        env = env.var(&format!("T_{n}"), &format!("tok-{n}-{MARK}"));
    }
    env.config(&text)
}

#[test]
fn flag_picks_the_profile() {
    let env = profiles("default_profile = \"a\"", &["a", "b"]);
    let r = ok(&env, &with_profile("b"));
    assert_eq!(r.profile, "b");
    assert_eq!(r.token.expose(), format!("tok-b-{MARK}"));
    assert_eq!(r.origins.profile, Origin::Flag("--profile"));
}

#[test]
fn default_profile_key_then_a_profile_named_default_then_the_only_one() {
    let r = ok(
        &profiles("default_profile = \"b\"", &["a", "b", "default"]),
        &none(),
    );
    assert_eq!(r.profile, "b");
    assert!(
        r.origins
            .profile
            .to_string()
            .starts_with("default_profile in")
    );

    let r = ok(&profiles("", &["a", "default"]), &none());
    assert_eq!(r.profile, "default");

    let r = ok(&profiles("", &["solo"]), &none());
    assert_eq!(r.profile, "solo");
    assert!(
        r.origins
            .profile
            .to_string()
            .starts_with("the only profile")
    );
}

#[test]
fn several_profiles_and_no_choice_is_an_error_listing_them() {
    let msg = err(&profiles("", &["a", "b"]), &none());
    assert!(msg.contains("(a, b)"), "{msg}");
    assert!(
        msg.contains("--profile") && msg.contains("default_profile"),
        "{msg}"
    );
}

#[test]
fn default_profile_naming_nothing_is_an_error_with_its_line() {
    let msg = err(&profiles("\ndefault_profile = \"c\"", &["a", "b"]), &none());
    assert!(msg.contains(&format!("{CONFIG}:2")), "{msg}");
    assert!(msg.contains("'c'") && msg.contains("a, b"), "{msg}");
}

#[test]
fn unknown_profile_lists_the_known_ones() {
    let msg = err(&profiles("", &["prod", "staging"]), &with_profile("prdo"));
    assert!(msg.contains("'prdo'"), "{msg}");
    assert!(msg.contains("known profiles: prod, staging"), "{msg}");
}

#[test]
fn profile_flag_without_a_config_file_is_an_error() {
    let env = FakeEnv::new().var("DFNS_AUTH_TOKEN", ENV_TOKEN);
    let msg = err(&env, &with_profile("prod"));
    assert!(
        msg.contains("no config file at") && msg.contains(CONFIG),
        "{msg}"
    );
}

#[test]
fn a_file_without_profiles_falls_back_to_the_environment() {
    let env = FakeEnv::new()
        .config("# nothing yet\n")
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN);
    let r = ok(&env, &none());
    assert_eq!(r.profile, "env");
    assert_eq!(r.origins.config_file.as_deref(), Some(Path::new(CONFIG)));
}

#[test]
fn payouts_tui_config_points_at_another_file_with_tilde() {
    let env = FakeEnv::new()
        .var("PAYOUTS_TUI_CONFIG", "~/alt.toml")
        .config_at("/home/u/alt.toml", "[profiles.alt]\ntoken = \"env:T\"\n")
        .var("T", ENV_TOKEN);
    assert_eq!(
        config_file_path(&env),
        Some(PathBuf::from("/home/u/alt.toml"))
    );
    let r = ok(&env, &none());
    assert_eq!(r.profile, "alt");
    assert_eq!(
        r.origins.config_file,
        Some(PathBuf::from("/home/u/alt.toml"))
    );
}

#[test]
fn a_config_file_named_on_purpose_must_exist() {
    let env = FakeEnv::new()
        .var("PAYOUTS_TUI_CONFIG", "/nowhere.toml")
        .var("DFNS_AUTH_TOKEN", ENV_TOKEN);
    let msg = err(&env, &none());
    assert!(
        msg.contains("/nowhere.toml") && msg.contains("PAYOUTS_TUI_CONFIG"),
        "{msg}"
    );
}
