//! An unknown outcome resolved by its re-read: the dialog, the flash and the event log say
//! whether it went through, the audit log gets one `resolution` line, and the board takes in
//! what was read — whether or not the dialog is still open.

use super::update;
use crate::app::action::Action;
use crate::app::board::Group;
use crate::app::board::fixture::{self, DEPOSIT, ME, OTHER, at};
use crate::app::effect::{AuditPhase, Effect, Lookup};
use crate::app::msg::{ActionOutcome, DecisionRead, Found, Msg, PollBatch, TextKey};
use crate::app::resolve::Verdict;
use crate::app::state::{AppState, CancelStage, ConfirmStage, DecideStage, Dialog, Mode, Settings};
use crate::dfns::model::{ExecutionStatus, Payout};

use super::tests_decide::{self as decide, approval, held, with_op};

fn state() -> AppState {
    let mut s = AppState::new(
        Settings::default(),
        Some(ME.into()),
        at("2025-03-02T08:00:00Z"),
    );
    update(
        &mut s,
        Msg::Resize {
            width: 120,
            height: 40,
        },
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
    s.selected = s.payouts.position("pyt-a1");
    s
}

/// Confirms `pyt-a1` up to an unknown outcome; returns the op and the effects of the outcome.
fn confirm_unknown(s: &mut AppState) -> (u64, Vec<Effect>) {
    update(s, Msg::Input(Action::Confirm));
    let op = s.next_op - 1;
    let reread = |s: &mut AppState| {
        update(
            s,
            Msg::Reverified {
                op,
                result: Ok(Box::new(fixture::awaiting("pyt-a1"))),
            },
        )
    };
    reread(s);
    for c in DEPOSIT[DEPOSIT.len() - 4..].chars() {
        update(s, Msg::Text(TextKey::Char(c)));
    }
    update(s, Msg::Text(TextKey::Enter));
    reread(s);
    let fx = update(
        s,
        Msg::ActionDone {
            op,
            outcome: ActionOutcome::Unknown("connection reset".into()),
        },
    );
    (op, fx)
}

fn resolved(op: u64, generation: u64, found: Found) -> Msg {
    Msg::Resolved {
        op,
        generation,
        result: Ok(found),
    }
}

fn resolution_line(fx: &[Effect]) -> String {
    match fx {
        [Effect::Audit(a)] if a.phase == AuditPhase::Resolution => {
            a.message.clone().unwrap_or_default()
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_confirm_that_went_through_says_so_audits_it_and_keeps_the_cursors_place() {
    let mut s = state();
    let (op, fx) = confirm_unknown(&mut s);
    assert!(
        matches!(fx.as_slice(), [Effect::Audit(a), Effect::Resolve { op: o, lookup: Lookup::Payout { id } }]
            if a.phase == AuditPhase::Outcome && *o == op && id == "pyt-a1"),
        "{fx:?}"
    );
    assert!(!fx.iter().any(|e| matches!(e, Effect::SendConfirm { .. })));
    let moved = fixture::payout("pyt-a1", ExecutionStatus::SubmittingPayoutTransfer);
    let fx = update(&mut s, resolved(op, 9, Found::Payout(Box::new(moved))));
    let said = "confirm of pyt-a1 went through: now SubmittingPayoutTransfer";
    assert_eq!(resolution_line(&fx), said);
    match &s.mode {
        Mode::Dialog(Dialog::Confirm {
            stage: ConfirmStage::Resolved(r),
            ..
        }) => assert_eq!(
            (r.verdict, r.sentence().as_str()),
            (Verdict::WentThrough, said)
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.flash.as_ref().map(|f| f.text.as_str()), Some(said));
    assert!(s.log.iter().any(|e| e.text == said), "in the event log");
    // The board took the read in: it left my queue, and the cursor stayed in it.
    assert_eq!(
        s.group_of(s.payouts.position("pyt-a1").unwrap()),
        Some(Group::InFlight)
    );
    assert_eq!(
        s.selected_payout().map(|p| p.id.clone()).as_deref(),
        Some("pyt-a2")
    );
    // Said once: a second answer for the same op changes nothing.
    let again = fixture::payout("pyt-a1", ExecutionStatus::SubmittingPayoutTransfer);
    assert!(update(&mut s, resolved(op, 10, Found::Payout(Box::new(again)))).is_empty());
    assert!(s.unresolved.is_empty());
}

#[test]
fn a_confirm_that_did_not_go_through_says_so_even_with_the_dialog_closed() {
    let mut s = state();
    let (op, _) = confirm_unknown(&mut s);
    // Any key closes the result before the re-read answers.
    update(&mut s, Msg::Text(TextKey::Char(' ')));
    assert_eq!(s.mode, Mode::Board);
    let fx = update(
        &mut s,
        resolved(op, 9, Found::Payout(Box::new(fixture::awaiting("pyt-a1")))),
    );
    let said = "confirm of pyt-a1 did not go through: still AwaitingPayoutConfirmation";
    assert_eq!(resolution_line(&fx), said);
    assert_eq!(s.flash.as_ref().map(|f| f.text.as_str()), Some(said));
    assert_eq!(s.mode, Mode::Board);
    assert_eq!(
        s.selected_payout().map(|p| p.id.clone()).as_deref(),
        Some("pyt-a1"),
        "still in my queue, still selected"
    );
}

#[test]
fn a_failed_re_read_leaves_the_outcome_unknown_and_says_so() {
    let mut s = state();
    let (op, _) = confirm_unknown(&mut s);
    let fx = update(
        &mut s,
        Msg::Resolved {
            op,
            generation: 9,
            result: Err("timed out".into()),
        },
    );
    assert_eq!(fx, vec![Effect::PollNow], "nothing to audit");
    let text = &s.flash.as_ref().unwrap().text;
    assert!(
        text.contains("still unknown") && text.contains("timed out"),
        "{text}"
    );
    assert!(matches!(
        &s.mode,
        Mode::Dialog(Dialog::Confirm {
            stage: ConfirmStage::Unknown(_),
            ..
        })
    ));
}

#[test]
fn a_cancel_resolves_the_same_way() {
    let mut s = state();
    update(&mut s, Msg::Input(Action::CancelPayout));
    let op = s.next_op - 1;
    update(&mut s, Msg::Text(TextKey::Char('y')));
    update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(fixture::awaiting("pyt-a1"))),
        },
    );
    let fx = update(
        &mut s,
        Msg::ActionDone {
            op,
            outcome: ActionOutcome::Unknown("the API answered 502".into()),
        },
    );
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Resolve { .. })),
        "{fx:?}"
    );
    let canceled = fixture::payout("pyt-a1", ExecutionStatus::Canceled);
    let fx = update(&mut s, resolved(op, 9, Found::Payout(Box::new(canceled))));
    assert_eq!(
        resolution_line(&fx),
        "cancel of pyt-a1 went through: now Canceled"
    );
    assert!(matches!(
        &s.mode,
        Mode::Dialog(Dialog::Cancel {
            stage: CancelStage::Resolved(_),
            ..
        })
    ));
}

#[test]
fn an_approve_resolves_by_my_decision_on_the_approval() {
    let mut s = decide::state();
    decide::select(&mut s, "pyt-h1");
    update(&mut s, Msg::Input(Action::Approve));
    let op = s.next_op - 1;
    let read = || {
        decide::read(
            7,
            approval("pyt-h1", OTHER, "Pending"),
            held("pyt-h1", OTHER),
        )
    };
    update(&mut s, with_op(read(), op));
    decide::text(&mut s, &DEPOSIT[DEPOSIT.len() - 4..]);
    update(&mut s, Msg::Text(TextKey::Enter));
    update(&mut s, with_op(read(), op));
    update(
        &mut s,
        Msg::Decided {
            op,
            outcome: ActionOutcome::Unknown("timed out".into()),
            generation: 8,
            approval: None,
        },
    );
    // Recorded: my decision is on the approval, which is now Approved.
    let mut a = approval("pyt-h1", OTHER, "Approved");
    a.decisions = serde_json::from_value(serde_json::json!([
        {"userId": ME, "date": "2025-03-02T08:00:01.000Z", "value": "Approved"}
    ]))
    .unwrap();
    let mut p: Payout = held("pyt-h1", OTHER);
    p.data.execution_status = ExecutionStatus::SubmittingPayoutTransfer;
    let fx = update(
        &mut s,
        resolved(
            op,
            9,
            Found::Decision(Box::new(DecisionRead {
                generation: 9,
                approval: a,
                payout: p,
                policies: vec![],
            })),
        ),
    );
    assert_eq!(
        resolution_line(&fx),
        "approve of ap-pyt-h1 for pyt-h1 went through: the approval is now Approved"
    );
    assert!(
        matches!(decide::stage(&s), DecideStage::Resolved(r) if r.verdict == Verdict::WentThrough)
    );
    assert_eq!(
        s.board.count(Group::AwaitingMyApproval),
        1,
        "it left my group"
    );
}
