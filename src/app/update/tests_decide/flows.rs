//! The approve and deny flows through `update`: open, re-read, show, arm, re-read again,
//! one signed decision carrying its audit attempt, the outcome audited and re-read.

use super::*;
use crate::app::effect::Lookup;

#[test]
fn the_whole_approve_flow_sends_exactly_once() {
    let mut s = state();
    select(&mut s, "pyt-h1");
    let fx = update(&mut s, Msg::Input(Action::Approve));
    let op = match fx.as_slice() {
        [
            Effect::ReverifyDecision {
                op,
                payout_id,
                approval_id,
                known_policies,
            },
        ] => {
            assert_eq!(payout_id, "pyt-h1");
            assert_eq!(approval_id.as_deref(), Some("ap-pyt-h1"));
            assert_eq!(known_policies, &[POLICY.to_owned()]);
            *op
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(stage(&s), DecideStage::Verifying);
    let reread = || {
        read(
            7,
            approval("pyt-h1", OTHER, "Pending"),
            held("pyt-h1", OTHER),
        )
    };
    assert!(
        update(&mut s, with_op(reread(), op + 99)).is_empty(),
        "stale op"
    );
    assert!(update(&mut s, with_op(reread(), op)).is_empty());
    let DecideStage::Ready(echo) = stage(&s) else {
        panic!("{:?}", s.mode)
    };
    assert_eq!(echo.transfer.deposit_address, DEPOSIT);
    assert_eq!(echo.reasons.len(), 1);

    // Enter alone, or the wrong characters, never send.
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    text(&mut s, "zzzz");
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    assert!(s.flash.as_ref().unwrap().text.contains("nothing was sent"));
    text(&mut s, &DEPOSIT[DEPOSIT.len() - 4..].to_uppercase());
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    assert!(
        matches!(fx.as_slice(), [Effect::ReverifyDecision { op: o, approval_id: Some(a), .. }] if *o == op && a == "ap-pyt-h1"),
        "{fx:?}"
    );
    assert!(matches!(stage(&s), DecideStage::Checking(_)));
    let fx = update(&mut s, with_op(reread(), op));
    let attempt = match fx.as_slice() {
        [
            Effect::SendDecision {
                op: o,
                approval_id,
                body,
                attempt,
            },
        ] => {
            assert_eq!((*o, approval_id.as_str()), (op, "ap-pyt-h1"));
            assert_eq!(body.value, DecisionValue::Approved);
            assert_eq!(body.reason, None);
            attempt.clone()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        (attempt.action, attempt.phase, attempt.payout_id.as_str()),
        ("approve", AuditPhase::Attempt, "pyt-h1")
    );
    assert_eq!(
        attempt.echo.as_ref().map(|e| e.deposit_address.as_str()),
        Some(DEPOSIT)
    );
    // While sending, keys do nothing.
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    let fx = update(
        &mut s,
        Msg::Decided {
            op,
            outcome: ActionOutcome::Ok,
            generation: 8,
            approval: Some(Box::new(approval("pyt-h1", OTHER, "Approved"))),
        },
    );
    assert!(
        matches!(fx.as_slice(), [Effect::Audit(a), Effect::Reread { id }, Effect::ReadApproval { .. }, Effect::PollNow]
            if a.phase == AuditPhase::Outcome && a.http_status == Some(200) && id == "pyt-h1"
                && a.message.as_deref() == Some("approval ap-pyt-h1 is now Approved")),
        "{fx:?}"
    );
    assert!(matches!(stage(&s), DecideStage::Done(_, st) if st == "Approved"));
    assert_eq!(s.board.count(Group::AwaitingMyApproval), 1);
    update(&mut s, Msg::Text(TextKey::Char(' ')));
    assert_eq!(s.mode, Mode::Board);
    // h1 left "Awaiting my approval": the cursor stayed at its place there, on h2.
    assert_eq!(
        s.selected_payout().map(|p| p.id.clone()).as_deref(),
        Some("pyt-h2")
    );
}

#[test]
fn approving_my_own_transfer_is_refused_with_the_reason_and_deny_goes_through() {
    let mut s = state();
    select(&mut s, "pyt-h2");
    assert!(update(&mut s, Msg::Input(Action::Approve)).is_empty());
    assert_eq!(s.mode, Mode::Board);
    let flash = &s.flash.as_ref().unwrap().text;
    assert!(
        flash.starts_with("cannot approve: you initiated") && flash.contains("initiatorCanApprove"),
        "{flash}"
    );

    let fx = update(&mut s, Msg::Input(Action::Deny));
    let [Effect::ReverifyDecision { op, .. }] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    let op = *op;
    let reread = || read(7, approval("pyt-h2", ME, "Pending"), held("pyt-h2", ME));
    update(&mut s, with_op(reread(), op));
    assert!(matches!(stage(&s), DecideStage::Ready(_)));
    // A reason, hidden characters dropped; `y` while typing is part of the reason.
    text(&mut s, "created by\u{202e} mistake, y");
    update(&mut s, Msg::Text(TextKey::Backspace));
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    assert!(matches!(stage(&s), DecideStage::Ask(_)));
    let fx = text(&mut s, "y");
    assert!(
        matches!(fx.as_slice(), [Effect::ReverifyDecision { .. }]),
        "{fx:?}"
    );
    let fx = update(&mut s, with_op(reread(), op));
    match fx.as_slice() {
        [Effect::SendDecision { body, attempt, .. }] => {
            assert_eq!(body.value, DecisionValue::Denied);
            assert_eq!(body.reason.as_deref(), Some("created by mistake,"));
            assert_eq!(attempt.action, "deny");
            assert_eq!(
                attempt.message.as_deref(),
                Some("approval ap-pyt-h2 Denied")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn any_other_key_keeps_a_deny_and_read_only_disables_both() {
    let mut s = state();
    select(&mut s, "pyt-h2");
    let fx = update(&mut s, Msg::Input(Action::Deny));
    let [Effect::ReverifyDecision { op, .. }] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    let op = *op;
    update(
        &mut s,
        with_op(
            read(7, approval("pyt-h2", ME, "Pending"), held("pyt-h2", ME)),
            op,
        ),
    );
    update(&mut s, Msg::Text(TextKey::Enter));
    assert!(text(&mut s, "n").is_empty());
    assert_eq!(s.mode, Mode::Board);

    let mut s = state_with(Settings {
        read_only: Some("--read-only".into()),
        ..Settings::default()
    });
    select(&mut s, "pyt-h1");
    for (action, name) in [(Action::Approve, "approve"), (Action::Deny, "deny")] {
        assert!(update(&mut s, Msg::Input(action)).is_empty());
        assert_eq!(s.mode, Mode::Board);
        assert_eq!(
            s.flash.as_ref().unwrap().text,
            format!("{name} is disabled: --read-only")
        );
    }
}

#[test]
fn a_swapped_or_changed_answer_and_a_payout_not_held_are_refused() {
    let mut s = state();
    // Not held: nothing opens.
    select(&mut s, "pyt-a1");
    assert!(update(&mut s, Msg::Input(Action::Approve)).is_empty());
    assert!(s.flash.as_ref().unwrap().text.contains("not held"));

    // Another approval than the one asked for.
    select(&mut s, "pyt-h1");
    update(&mut s, Msg::Input(Action::Approve));
    let op = s.next_op - 1;
    let mut swapped = approval("pyt-h1", OTHER, "Pending");
    swapped.id = "ap-other".into();
    update(&mut s, with_op(read(7, swapped, held("pyt-h1", OTHER)), op));
    assert!(
        matches!(stage(&s), DecideStage::Refused(r) if r.contains("asked the API for approval ap-pyt-h1")),
        "{:?}",
        s.mode
    );

    // The amount changed between what was shown and the send.
    let mut s = state();
    select(&mut s, "pyt-h1");
    update(&mut s, Msg::Input(Action::Approve));
    let op = s.next_op - 1;
    update(
        &mut s,
        with_op(
            read(
                7,
                approval("pyt-h1", OTHER, "Pending"),
                held("pyt-h1", OTHER),
            ),
            op,
        ),
    );
    text(&mut s, &DEPOSIT[DEPOSIT.len() - 4..]);
    update(&mut s, Msg::Text(TextKey::Enter));
    let mut bigger = held("pyt-h1", OTHER);
    bigger.asset.amount = "1000000001".into();
    let mut a = approval("pyt-h1", OTHER, "Pending");
    if let crate::dfns::model::Activity::WalletsSign(w) = &mut a.activity {
        w.transfer_request.as_mut().unwrap().request_body.amount = Some("1000000001".into());
    }
    let fx = update(&mut s, with_op(read(9, a, bigger), op));
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        matches!(stage(&s), DecideStage::Refused(r) if r.contains("changed since it was shown")),
        "{:?}",
        s.mode
    );
}

#[test]
fn a_small_terminal_arms_nothing_and_an_unknown_outcome_is_re_read_not_re_sent() {
    let mut s = state();
    select(&mut s, "pyt-h1");
    update(&mut s, Msg::Input(Action::Approve));
    let op = s.next_op - 1;
    update(
        &mut s,
        with_op(
            read(
                7,
                approval("pyt-h1", OTHER, "Pending"),
                held("pyt-h1", OTHER),
            ),
            op,
        ),
    );
    text(&mut s, &DEPOSIT[DEPOSIT.len() - 4..]);
    update(
        &mut s,
        Msg::Resize {
            width: 80,
            height: 20,
        },
    );
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    assert!(s.flash.as_ref().unwrap().text.contains("too small"));
    update(
        &mut s,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut s, Msg::Text(TextKey::Enter));
    update(
        &mut s,
        with_op(
            read(
                8,
                approval("pyt-h1", OTHER, "Pending"),
                held("pyt-h1", OTHER),
            ),
            op,
        ),
    );
    let fx = update(
        &mut s,
        Msg::Decided {
            op,
            outcome: ActionOutcome::Unknown("timed out".into()),
            generation: 9,
            approval: None,
        },
    );
    assert!(
        matches!(fx.as_slice(), [Effect::Audit(a), Effect::Resolve { op: o, lookup: Lookup::Decision { approval_id, .. } }]
            if a.http_status.is_none() && a.message.as_deref() == Some("timed out")
                && *o == op && approval_id == "ap-pyt-h1"),
        "{fx:?}"
    );
    assert!(matches!(stage(&s), DecideStage::Unknown(_)));
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::SendDecision { .. })),
        "never re-sent"
    );
}

#[test]
fn an_approve_refused_with_403_turns_a_off_and_leaves_d() {
    let mut s = state();
    select(&mut s, "pyt-h1");
    update(&mut s, Msg::Input(Action::Approve));
    let op = s.next_op - 1;
    let reread = || {
        read(
            7,
            approval("pyt-h1", OTHER, "Pending"),
            held("pyt-h1", OTHER),
        )
    };
    update(&mut s, with_op(reread(), op));
    text(&mut s, &DEPOSIT[DEPOSIT.len() - 4..]);
    update(&mut s, Msg::Text(TextKey::Enter));
    update(&mut s, with_op(reread(), op));
    assert!(matches!(stage(&s), DecideStage::Sending(_)));
    update(
        &mut s,
        Msg::Decided {
            op,
            outcome: ActionOutcome::Refused {
                status: Some(403),
                message: "Missing permission Policies:Approvals:Approve".into(),
            },
            generation: 8,
            approval: None,
        },
    );
    assert!(matches!(stage(&s), DecideStage::Refused(_)));
    update(&mut s, Msg::Text(TextKey::Esc));
    let why = s.disabled(Action::Approve).unwrap_or_default();
    assert!(why.contains("Policies:Approvals:Approve"), "{why}");
    assert_eq!(s.disabled(Action::Deny), None);
    assert!(update(&mut s, Msg::Input(Action::Approve)).is_empty());
    assert_eq!(s.mode, Mode::Board);
    assert!(!update(&mut s, Msg::Input(Action::Deny)).is_empty());
}
