//! Mistakes in config.toml: reported with key names and lines, never with values.

use super::*;

#[test]
fn unknown_field_is_rejected_with_key_and_line() {
    let env = FakeEnv::new().config("[profiles.p]\ntoken = \"env:T\"\ntokn = \"env:U\"\n");
    let msg = err(&env, &none());
    assert!(msg.starts_with(&format!("{CONFIG}:3:")), "{msg}");
    assert!(msg.contains("unknown field `tokn`"), "{msg}");
    assert!(msg.contains("`token`"), "expected keys are listed: {msg}");

    let msg = err(&FakeEnv::new().config("defualt_profile = \"p\"\n"), &none());
    assert!(
        msg.contains("`defualt_profile`") && msg.contains(":1:"),
        "{msg}"
    );
}

#[test]
fn bare_secret_is_rejected_without_echo() {
    let pasted = format!("\"eyJ{MARK}abc\"");
    let cases = [
        ("token", format!("[profiles.prod]\ntoken = {pasted}\n")),
        (
            "private_key",
            format!("[profiles.prod]\ntoken = \"env:T\"\nprivate_key = {pasted}\n"),
        ),
    ];
    for (key, text) in cases {
        let msg = err(&FakeEnv::new().config(&text), &none());
        assert!(msg.contains(&format!("'{key}' in profile 'prod'")), "{msg}");
        assert!(msg.contains("env:NAME, file:PATH or cmd:COMMAND"), "{msg}");
        assert!(msg.contains(&format!("{CONFIG}:")), "{msg}");
    }
}

#[test]
fn unknown_scheme_and_empty_source_are_not_sources() {
    for bad in ["vault:x", "env:", "file:  "] {
        let text = format!("[profiles.p]\ntoken = \"{bad}\"\n");
        let msg = err(&FakeEnv::new().config(&text), &none());
        assert!(
            msg.contains(&format!("{CONFIG}:2: 'token'")),
            "{bad}: {msg}"
        );
    }
}

#[test]
fn a_bad_profile_not_in_use_is_still_reported() {
    let text = "default_profile = \"a\"\n[profiles.a]\ntoken = \"env:T\"\n\
                [profiles.b]\ntoken = \"tok-S3CRET\"\n";
    let msg = err(&FakeEnv::new().config(text).var("T", ENV_TOKEN), &none());
    assert!(
        msg.contains(&format!("{CONFIG}:5")) && msg.contains("profile 'b'"),
        "{msg}"
    );
}

#[test]
fn type_errors_do_not_echo_the_value() {
    let text = "[profiles.p]\ntoken = \"env:T\"\npoll_interval_secs = \"S3CRET-token\"\n";
    let msg = err(&FakeEnv::new().config(text), &none());
    assert!(msg.contains(":3:") && msg.contains("expected"), "{msg}");
}

#[test]
fn syntax_errors_give_position_but_not_the_line() {
    let text = "[profiles.p]\ntoken = \"env:T\"\nS3CRET-pasted-token\n";
    let msg = err(&FakeEnv::new().config(text), &none());
    assert!(msg.contains(&format!("{CONFIG}:3:")), "{msg}");
}

#[test]
fn saved_recipients_are_read_with_their_lines_and_an_empty_id_is_refused() {
    let text = "[profiles.p]\ntoken = \"env:T\"\n\
                [profiles.p.recipients.acme]\nbank_account_id = \" bacc-1 \"\n\
                payment_instructions_id = \"pi-1\"\npurpose = \"salary payment\"\n\
                [profiles.p.recipients.landlord]\nbank_account_id = \"bacc-2\"\n\
                payment_instructions_id = \"pi-2\"\ncountry = \"DE\"\nfiat = \"EUR\"\n";
    let r = ok(&FakeEnv::new().config(text).var("T", ENV_TOKEN), &none());
    let got: Vec<(&str, usize, &str, Option<&str>)> = r
        .recipients
        .iter()
        .map(|x| {
            (
                x.name.as_str(),
                x.line,
                x.bank_account_id.as_str(),
                x.fiat.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("acme", 3, "bacc-1", None),
            ("landlord", 7, "bacc-2", Some("EUR"))
        ]
    );
    let bad = "[profiles.p]\ntoken = \"env:T\"\n[profiles.p.recipients.acme]\n\
               bank_account_id = \"bacc-1\"\npayment_instructions_id = \"\"\n";
    let msg = err(&FakeEnv::new().config(bad).var("T", ENV_TOKEN), &none());
    assert!(
        msg.starts_with(&format!(
            "{CONFIG}:3: recipient 'acme' in profile 'p': 'payment_instructions_id' is empty"
        )),
        "{msg}"
    );
}

#[test]
fn aliases_map_user_ids_to_names() {
    let text = "[profiles.p]\ntoken = \"env:T\"\n[profiles.p.aliases]\n\
                \"us-1\" = \"alice\"\n\"us-2\" = \"bob\"\n";
    let r = ok(&FakeEnv::new().config(text).var("T", ENV_TOKEN), &none());
    assert_eq!(
        r.aliases,
        [
            ("us-1".to_owned(), "alice".to_owned()),
            ("us-2".to_owned(), "bob".to_owned())
        ]
    );
    let bad = "[profiles.p]\ntoken = \"env:T\"\n[profiles.p.aliases]\n\"us-1\" = 3\n";
    let msg = err(&FakeEnv::new().config(bad).var("T", ENV_TOKEN), &none());
    assert!(msg.contains(&format!("{CONFIG}:4:")), "{msg}");
}
