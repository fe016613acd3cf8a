//! Permission-aware keys: an action the API refused with 403 is off for the rest of the
//! session, with the server's words; other refusals change nothing.

use super::update;
use crate::app::action::Action;
use crate::app::board::fixture::{self, ME, at};
use crate::app::effect::Effect;
use crate::app::msg::{ActionOutcome, Created, Failure, Msg, PollBatch, TextKey};
use crate::app::state::{AppState, Mode, Settings};

const MISSING: &str = "Missing permission Payouts:Write";

fn state() -> AppState {
    let mut s = AppState::new(
        Settings::default(),
        Some(ME.into()),
        at("2025-03-02T08:00:00.000Z"),
    );
    update(
        &mut s,
        Msg::Polled(PollBatch {
            generation: 1,
            payouts: vec![fixture::awaiting("pyt-a1"), fixture::awaiting("pyt-a2")],
            malformed: 0,
            cycle_done: true,
            initial_load_done: true,
            held: Default::default(),
        }),
    );
    s
}

/// `x`, `y`, the re-read, and the API's answer `outcome`.
fn cancel(s: &mut AppState, outcome: ActionOutcome) {
    update(s, Msg::Input(Action::CancelPayout));
    let op = s.next_op - 1;
    update(s, Msg::Text(TextKey::Char('y')));
    let reread = s
        .selected_payout()
        .map(std::borrow::Cow::into_owned)
        .unwrap_or_else(|| panic!("none"));
    update(
        s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(reread)),
        },
    );
    update(s, Msg::ActionDone { op, outcome });
    update(s, Msg::Text(TextKey::Esc));
    assert_eq!(s.mode, Mode::Board);
}

fn flash(s: &AppState) -> String {
    s.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default()
}

#[test]
fn a_403_disables_the_action_for_the_session_with_the_servers_words() {
    let mut s = state();
    cancel(
        &mut s,
        ActionOutcome::Refused {
            status: Some(403),
            message: MISSING.into(),
        },
    );
    let why = s.disabled(Action::CancelPayout).unwrap_or_default();
    assert!(why.contains("403") && why.contains(MISSING), "{why}");
    assert!(
        s.log
            .iter()
            .any(|e| e.text.contains("cancel is disabled for this session")),
        "{:?}",
        s.log
    );
    // x now says why instead of opening the dialog; nothing goes out.
    assert!(update(&mut s, Msg::Input(Action::CancelPayout)).is_empty());
    assert_eq!(s.mode, Mode::Board);
    assert_eq!(flash(&s), format!("cancel is disabled: {why}"));
    // Only that action: confirm still opens (and re-reads first).
    let fx = update(&mut s, Msg::Input(Action::Confirm));
    assert!(matches!(fx.as_slice(), [Effect::Reverify { .. }]), "{fx:?}");
    assert_eq!(s.disabled(Action::Confirm), None);
}

#[test]
fn other_refusals_disable_nothing() {
    let mut s = state();
    for status in [Some(400), Some(409), Some(401), None] {
        cancel(
            &mut s,
            ActionOutcome::Refused {
                status,
                message: "payout is not awaiting confirmation".into(),
            },
        );
        assert_eq!(s.disabled(Action::CancelPayout), None, "{status:?}");
    }
    cancel(&mut s, ActionOutcome::Unknown("reset".into()));
    assert!(s.forbidden.is_empty());
}

#[test]
fn the_servers_message_is_sanitized_in_the_reason() {
    let mut s = state();
    cancel(
        &mut s,
        ActionOutcome::Refused {
            status: Some(403),
            message: "no\u{1b}]52;c;eA==\u{7}".into(),
        },
    );
    let why = s.disabled(Action::CancelPayout).unwrap_or_default();
    assert!(why.ends_with("no\\u{1b}]52;c;eA==\\u{7}"), "{why}");
    assert!(!why.contains('\u{1b}'));
}

#[test]
fn a_403_anywhere_in_the_new_payout_form_disables_n() {
    // Listing wallets (a token without Wallets:Read), the quote, the create.
    for step in 0..3 {
        let mut s = state();
        let fx = update(&mut s, Msg::Input(Action::NewPayout));
        let Some(Effect::LoadWallets { op }) = fx.first().cloned() else {
            panic!("{fx:?}")
        };
        let refused = Failure {
            status: Some(403),
            message: MISSING.into(),
        };
        match step {
            0 => update(
                &mut s,
                Msg::WalletsLoaded {
                    op,
                    result: Err(refused),
                },
            ),
            1 => update(
                &mut s,
                Msg::Quoted {
                    op,
                    result: Err(refused),
                },
            ),
            _ => update(
                &mut s,
                Msg::Created {
                    op,
                    result: Created::Refused {
                        status: Some(403),
                        message: MISSING.into(),
                    },
                },
            ),
        };
        update(&mut s, Msg::Text(TextKey::Esc));
        s.mode = Mode::Board;
        let why = s
            .disabled(Action::NewPayout)
            .unwrap_or_else(|| panic!("step {step}: n still enabled"));
        assert!(why.contains(MISSING), "{why}");
        assert!(update(&mut s, Msg::Input(Action::NewPayout)).is_empty());
        assert_eq!(s.mode, Mode::Board, "step {step}");
        assert!(flash(&s).starts_with("new is disabled: "), "{}", flash(&s));
    }
    // A quote refused for another reason (an unsupported currency) disables nothing.
    let mut s = state();
    let fx = update(&mut s, Msg::Input(Action::NewPayout));
    let Some(Effect::LoadWallets { op }) = fx.first().cloned() else {
        panic!("{fx:?}")
    };
    update(
        &mut s,
        Msg::Quoted {
            op,
            result: Err(Failure {
                status: Some(400),
                message: "fiatCurrency: XYZ is not supported".into(),
            }),
        },
    );
    assert_eq!(s.disabled(Action::NewPayout), None);
}

#[test]
fn read_only_comes_first_and_a_403_adds_to_it() {
    let mut s = state();
    s.settings.read_only = Some("read-only (flag --read-only)".into());
    assert_eq!(
        s.disabled(Action::Confirm).as_deref(),
        Some("read-only (flag --read-only)")
    );
    assert_eq!(s.disabled(Action::Refresh), None);
    s.settings.read_only = None;
    s.learn_refusal(Action::Approve, Some(403), "not an approver");
    assert!(s.disabled(Action::Approve).is_some());
    assert_eq!(s.disabled(Action::Deny), None);
    // Learned once: a second 403 says nothing new.
    let logged = s.log.len();
    s.learn_refusal(Action::Approve, Some(403), "not an approver");
    assert_eq!(s.log.len(), logged);
}

fn user_with(id: &str, operations: Option<&[&str]>) -> crate::dfns::model::User {
    let mut v = serde_json::json!({"userId": id, "username": "someone"});
    if let Some(ops) = operations {
        v["permissionAssignments"] = serde_json::json!([{"operations": ops}]);
    }
    serde_json::from_value(v).unwrap()
}

/// What my permissions grant, when the API tells (my user in `GET /auth/users`), turns off
/// the actions they do not cover from the start — and says so where the keys are shown.
#[test]
fn permissions_the_api_names_turn_actions_off_up_front() {
    use crate::app::board::fixture::{ME, OTHER};
    let mut s = AppState::new(Settings::default(), Some(ME.into()), chrono::Utc::now());
    update(
        &mut s,
        Msg::UsersNamed(vec![
            user_with(OTHER, Some(&[])),
            user_with(ME, Some(&["Payouts:Read", "Payouts:Create"])),
        ]),
    );
    for a in [
        Action::Confirm,
        Action::CancelPayout,
        Action::Approve,
        Action::Deny,
    ] {
        let why = s.disabled(a).unwrap_or_default();
        assert!(why.contains("do not grant"), "{a:?}: {why:?}");
    }
    assert_eq!(s.disabled(Action::NewPayout), None);
    // Unknown permissions (no assignments in the answer) conclude nothing.
    let mut s = AppState::new(Settings::default(), Some(ME.into()), chrono::Utc::now());
    update(&mut s, Msg::UsersNamed(vec![user_with(ME, None)]));
    assert_eq!(s.disabled(Action::Confirm), None);
}
