//! The new-payout form's behaviour: each key moves one step; the network work (wallets,
//! quote, create) goes out as effects and comes back as messages tagged with the form's op.

use crate::app::action::{Action, PopupAction, popup_action};
use chrono::{DateTime, Utc};

use crate::app::effect::{AuditEvent, AuditPhase, Effect, Lookup};
use crate::app::msg::{Created, Failure, TextKey};
use crate::app::new_payout::{Field, NewPayout, Step, WalletChoice};
use crate::app::state::{AppState, Level, Mode};
use crate::dfns::model::{PaymentPurpose, QuoteResponse};

pub fn open(s: &mut AppState) -> Vec<Effect> {
    let op = s.next_op();
    // Fixed for the life of the form: a retry after an unknown outcome reuses it, and the
    // API answers with the payout already made instead of making a second one.
    let external_id = format!(
        "payouts-tui-{}-{op}",
        s.server_now().format("%Y%m%d-%H%M%S")
    );
    let mut form = NewPayout::new(op, external_id);
    form.recipients = s.settings.recipients.clone();
    s.mode = Mode::NewPayout(Box::new(form));
    vec![Effect::LoadWallets { op }]
}

fn form(s: &mut AppState, op: Option<u64>) -> Option<&mut NewPayout> {
    match &mut s.mode {
        Mode::NewPayout(f) if op.is_none_or(|o| o == f.op) => Some(f),
        _ => None,
    }
}

fn close(s: &mut AppState) {
    s.mode = Mode::Board;
}

fn event(
    f: &NewPayout,
    phase: AuditPhase,
    payout_id: &str,
    status: Option<u16>,
    message: Option<String>,
) -> AuditEvent {
    AuditEvent {
        action: "create",
        phase,
        payout_id: payout_id.to_owned(),
        external_id: Some(f.external_id.clone()),
        echo: None,
        http_status: status,
        message,
    }
}

fn audit(
    f: &NewPayout,
    phase: AuditPhase,
    payout_id: &str,
    status: Option<u16>,
    message: Option<String>,
) -> Effect {
    Effect::Audit(event(f, phase, payout_id, status, message))
}

fn create(f: &mut NewPayout, now: DateTime<Utc>) -> Vec<Effect> {
    match f.create_request() {
        Some(req) => {
            f.step = Step::Creating;
            f.first_sent.get_or_insert(now);
            vec![Effect::Create {
                op: f.op,
                req,
                attempt: event(f, AuditPhase::Attempt, "", None, None),
            }]
        }
        None => {
            f.step = Step::Failed("the form is incomplete; nothing was sent".into());
            vec![]
        }
    }
}

fn step_list(pos: &mut usize, len: usize, action: Option<PopupAction>) {
    match action {
        Some(PopupAction::Up) => *pos = pos.saturating_sub(1),
        Some(PopupAction::Down) => *pos = (*pos + 1).min(len.saturating_sub(1)),
        _ => {}
    }
}

/// A key in the form: what it does comes from the step's key table
/// (`app::action::popup_keys`), the same one the hint bar reads.
pub fn text(s: &mut AppState, key: TextKey) -> Vec<Effect> {
    let now = s.server_now();
    let Mode::NewPayout(f) = &mut s.mode else {
        return vec![];
    };
    let action = popup_action(f.popup(), key.key());
    // Esc: one step back; from the first step, or where going back means nothing, it closes.
    if action == Some(PopupAction::Close) || (action == Some(PopupAction::Back) && !f.back()) {
        close(s);
        return vec![];
    }
    if action == Some(PopupAction::Back) {
        return vec![];
    }
    if action == Some(PopupAction::Clear) {
        f.clear_field();
        return vec![];
    }
    f.error = None;
    let mut fx = Vec::new();
    match (f.step.clone(), action) {
        (Step::PickWallet, Some(PopupAction::Next)) => {
            if f.chosen_wallet().is_some_and(|w| !w.assets.is_empty()) {
                f.asset = 0;
                f.step = Step::PickAsset;
            } else {
                f.error = Some("this wallet holds no stablecoin a payout can use".into());
            }
        }
        (Step::PickWallet, a) => step_list(&mut f.wallet, f.wallets.len(), a),
        (Step::PickAsset, Some(PopupAction::Next)) => f.step = Step::Amount,
        (Step::PickAsset, a) => {
            let len = f.chosen_wallet().map_or(0, |w| w.assets.len());
            step_list(&mut f.asset, len, a);
        }
        (Step::Amount, Some(PopupAction::Type)) => {
            if let TextKey::Char(c) = key
                && (c.is_ascii_digit() || c == '.' || c == ',')
            {
                f.amount.push(c);
            }
        }
        (Step::Amount, Some(PopupAction::Erase)) => {
            f.amount.pop();
        }
        (Step::Amount, Some(PopupAction::Next)) => match f.parse_amount() {
            Ok(base) => {
                f.base_units = Some(base);
                f.step = f.after_amount();
            }
            Err(e) => f.error = Some(e),
        },
        (Step::PickRecipient, Some(PopupAction::Next)) => f.pick_recipient(),
        (Step::PickRecipient, a) => step_list(&mut f.recipient, f.recipients.len() + 1, a),
        (Step::Details(field), a) => {
            let i = Field::ALL.iter().position(|x| *x == field).unwrap_or(0);
            match a {
                Some(PopupAction::Type) => {
                    if let TextKey::Char(c) = key {
                        let upper = matches!(field, Field::Fiat | Field::Country);
                        f.field(field)
                            .push(if upper { c.to_ascii_uppercase() } else { c });
                    }
                }
                Some(PopupAction::Erase) => {
                    f.field(field).pop();
                }
                Some(PopupAction::Down) => f.step = Step::Details(Field::ALL[(i + 1) % 4]),
                Some(PopupAction::Up) => f.step = Step::Details(Field::ALL[(i + 3) % 4]),
                Some(PopupAction::Next) => match (f.check_details(), f.quote_request()) {
                    (Err((bad, why)), _) => {
                        f.step = Step::Details(bad);
                        f.error = Some(format!("{}: {why}", bad.label()));
                    }
                    (Ok(()), Some(req)) => {
                        f.step = Step::Quoting;
                        fx.push(Effect::Quote { op: f.op, req });
                    }
                    (Ok(()), None) => {
                        f.error = Some("choose a wallet, an asset and an amount first".into())
                    }
                },
                _ => {}
            }
        }
        (Step::Quoted, Some(PopupAction::Next)) => f.step = Step::PickPurpose,
        (Step::PickPurpose, Some(PopupAction::Next)) => f.step = Step::Review,
        (Step::PickPurpose, a) => step_list(&mut f.purpose, PaymentPurpose::KNOWN.len(), a),
        (Step::Review, Some(PopupAction::Send)) => fx = create(f, now),
        // Retrying with the same externalId is safe: the API returns the payout it made.
        (Step::Unknown(_), Some(PopupAction::Send)) => fx = create(f, now),
        _ => {}
    }
    fx
}

pub fn wallets_loaded(
    s: &mut AppState,
    op: u64,
    result: Result<Vec<WalletChoice>, Failure>,
) -> Vec<Effect> {
    match &result {
        Err(e) => s.learn_refusal(Action::NewPayout, e.status, &e.message),
        // Fresher names for the board too.
        Ok(w) => {
            s.learn_wallet_names(w.iter().map(|c| &c.wallet));
        }
    }
    let Some(f) = form(s, Some(op)) else {
        return vec![];
    };
    f.step = match result {
        Ok(w) if w.is_empty() => Step::Failed("no wallets visible to this token".into()),
        Ok(w) => {
            // Wallets that can fund a payout first.
            let mut w = w;
            w.sort_by_key(|c| c.assets.is_empty());
            f.wallets = w;
            Step::PickWallet
        }
        Err(e) => Step::Failed(format!("cannot list wallets: {e}")),
    };
    vec![]
}

pub fn quoted(
    s: &mut AppState,
    op: u64,
    result: Result<Box<QuoteResponse>, Failure>,
) -> Vec<Effect> {
    if let Err(e) = &result {
        s.learn_refusal(Action::NewPayout, e.status, &e.message);
    }
    let Some(f) = form(s, Some(op)) else {
        return vec![];
    };
    match result {
        Ok(q) => {
            f.quote = Some(q);
            f.step = Step::Quoted;
        }
        Err(e) => {
            f.step = Step::Details(Field::Fiat);
            f.error = Some(format!("quote refused: {e}"));
        }
    }
    vec![]
}

pub fn created(s: &mut AppState, op: u64, result: Created) -> Vec<Effect> {
    let now = s.server_now();
    let mut watching = None;
    let Some(f) = form(s, Some(op)) else {
        return vec![];
    };
    let refused = match &result {
        Created::Refused { status, message } => Some((*status, message.clone())),
        _ => None,
    };
    let (fx, flash) = match result {
        Created::Payout(p) => {
            f.step = Step::Created(p.id.clone());
            let fx = vec![
                audit(f, AuditPhase::Outcome, &p.id, Some(200), None),
                Effect::Reread { id: p.id.clone() },
                Effect::PollNow,
            ];
            (
                fx,
                (Level::Info, format!("created {} ({})", p.id, f.external_id)),
            )
        }
        Created::Unknown(m) => {
            f.step = Step::Unknown(format!("outcome unknown: {m}"));
            // Never re-sent by itself: a look-up of its externalId tells whether it was made
            // (`update/resolve.rs`), among the payouts made since it was first sent (less a
            // margin for the two clocks: ours).
            let since = f.first_sent.unwrap_or(now) - chrono::Duration::minutes(5);
            let lookup = Lookup::ExternalId {
                wallet_id: f
                    .chosen_wallet()
                    .map(|w| w.wallet.id.clone())
                    .unwrap_or_default(),
                external_id: f.external_id.clone(),
                since,
            };
            let fx = vec![audit(f, AuditPhase::Outcome, "", None, Some(m.clone()))];
            watching = Some(lookup);
            (
                fx,
                (
                    Level::Error,
                    format!(
                        "create: outcome unknown ({m}); Enter retries safely with the same externalId"
                    ),
                ),
            )
        }
        Created::Refused { status, message } => {
            f.step = Step::Failed(format!("the API refused: {message}"));
            let fx = vec![audit(
                f,
                AuditPhase::Outcome,
                "",
                status,
                Some(message.clone()),
            )];
            (fx, (Level::Error, format!("create refused: {message}")))
        }
        Created::Held => {
            let id = f.external_id.clone();
            f.step = Step::Created(format!("(held for policy approval; external id {id})"));
            let fx = vec![
                audit(
                    f,
                    AuditPhase::Outcome,
                    "",
                    Some(202),
                    Some("accepted, held for policy approval".into()),
                ),
                Effect::PollNow,
            ];
            (
                fx,
                (
                    Level::Info,
                    format!("create {id}: accepted, held for policy approval"),
                ),
            )
        }
    };
    if !flash.1.is_empty() {
        s.flash(flash.0, flash.1);
    }
    if let Some((status, message)) = refused {
        s.learn_refusal(Action::NewPayout, status, &message);
    }
    let mut fx = fx;
    if let Some(lookup) = watching {
        fx.push(super::resolve::watch(s, op, "create", None, lookup));
    }
    fx
}
