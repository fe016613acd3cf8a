//! Deadlines of active payouts and how their countdowns read.
//!
//! The API carries no deadline field (docs/reference/payouts-api.md §10.5): the confirm window (24 h)
//! and the submit window (4 h) are computed from timestamps whose meaning is inferred, so every
//! deadline here is approximate and the server's `Expired` stays authoritative.
//!
//! Rounding: a countdown shows the time left rounded *up* to the whole second
//! ([`shown_seconds`]). So it reads "1s" until the deadline and "0s" exactly from the deadline
//! on — never "0s" while time is left. Minutes and hours are whole parts of those seconds
//! (rounded down), so "10m" covers 600..=659 s and the next second reads "9m 59s". Urgency is
//! decided on the same whole seconds, so a colour changes exactly when the text does.

use chrono::{DateTime, TimeDelta, Utc};

use crate::dfns::model::{ExecutionStatus, Payout, PayoutStatus};

/// The confirm window, counted from `dateCreated` (docs/reference/payouts-api.md §10.5: the conservative anchor).
pub const CONFIRM_WINDOW: TimeDelta = TimeDelta::hours(24);
/// The submit window, counted from `data.dateConfirmed`.
pub const SUBMIT_WINDOW: TimeDelta = TimeDelta::hours(4);

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
/// Below this many seconds left the countdown shows seconds and is critical.
const CRITICAL_BELOW: i64 = 10 * MINUTE;
const SOON_BELOW: i64 = HOUR;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// The requester must confirm (or cancel) before this.
    Confirm,
    /// Dfns must submit the transfer before this.
    Submit,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 2] = [DeadlineKind::Confirm, DeadlineKind::Submit];

    /// The word before a countdown that says which window it counts: "confirm ~6m".
    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::Confirm => "confirm",
            DeadlineKind::Submit => "submit",
        }
    }

    /// What the window is, for the help's legend.
    pub fn meaning(self) -> String {
        match self {
            DeadlineKind::Confirm => format!(
                "time left to confirm or cancel ({} h from creation)",
                CONFIRM_WINDOW.num_hours()
            ),
            DeadlineKind::Submit => format!(
                "time left for Dfns to submit ({} h from the confirm)",
                SUBMIT_WINDOW.num_hours()
            ),
        }
    }
}

/// Marks a countdown whose deadline is inferred, not sent by the API.
pub const APPROXIMATE: &str = "~";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub at: DateTime<Utc>,
    /// The anchor is inferred (docs/reference/payouts-api.md §10.5), so the instant may be off; shown with a "~".
    pub approximate: bool,
}

/// The deadline an active payout runs against, if any.
///
/// Confirm: Initializing / AwaitingPayoutInstructions / AwaitingPayoutConfirmation (status
/// Processing): `dateCreated + 24h`, approximate (the real anchor may be the arrival of the
/// deposit address; `dateCreated` is earlier, so this never overstates the time left).
/// Submit: SubmittingPayoutTransfer / PendingPolicyApproval (status Processing):
/// `data.dateConfirmed + 4h`, approximate (the anchor is inferred from the field's name).
/// None otherwise, or when the anchor is missing or unparseable.
pub fn deadline(p: &Payout) -> Option<Deadline> {
    if p.status != PayoutStatus::Processing {
        return None;
    }
    let (kind, anchor, window) = match p.execution_status() {
        ExecutionStatus::Initializing
        | ExecutionStatus::AwaitingPayoutInstructions
        | ExecutionStatus::AwaitingPayoutConfirmation => (
            DeadlineKind::Confirm,
            p.date_created.instant(),
            CONFIRM_WINDOW,
        ),
        ExecutionStatus::SubmittingPayoutTransfer | ExecutionStatus::PendingPolicyApproval => (
            DeadlineKind::Submit,
            p.data.date_confirmed.as_ref().and_then(|t| t.instant()),
            SUBMIT_WINDOW,
        ),
        _ => return None,
    };
    let at = anchor?.checked_add_signed(window)?;
    Some(Deadline {
        kind,
        at,
        approximate: true,
    })
}

/// Time left by the server's clock: `at - (now + skew)`, where `skew = server - local`.
/// Saturates instead of overflowing on absurd inputs.
pub fn remaining(d: &Deadline, now: DateTime<Utc>, skew: TimeDelta) -> TimeDelta {
    until(d.at, now, skew)
}

/// Time left until `at` by the server's clock (an approval's `expirationDate`, which is
/// exact: the server sends it).
pub fn until(at: DateTime<Utc>, now: DateTime<Utc>, skew: TimeDelta) -> TimeDelta {
    match now.checked_add_signed(skew) {
        Some(server_now) => at.signed_duration_since(server_now),
        None if skew > TimeDelta::zero() => TimeDelta::MIN,
        None => TimeDelta::MAX,
    }
}

/// The time left rounded up to whole seconds: 0.2 s left is 1, exactly 0 is 0, -0.5 s is 0.
pub fn shown_seconds(left: TimeDelta) -> i64 {
    // num_seconds truncates toward zero; subsec_nanos carries the sign of the remainder.
    left.num_seconds() + i64::from(left.subsec_nanos() > 0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// The deadline has passed by our estimate; the server decides.
    Overdue,
    /// Less than 10 minutes left.
    Critical,
    /// Less than an hour left.
    Soon,
    Normal,
}

impl Urgency {
    /// What the urgency means, for the help's legend (the thresholds below, in words).
    pub fn meaning(self) -> String {
        match self {
            Urgency::Overdue => "0s: past it, the server decides".into(),
            Urgency::Critical => format!("under {} min left", CRITICAL_BELOW / MINUTE),
            Urgency::Soon => format!("under {} h left", SOON_BELOW / HOUR),
            Urgency::Normal => "more time left".into(),
        }
    }
}

/// How pressing `left` is, on the whole seconds the countdown shows.
pub fn urgency(left: TimeDelta) -> Urgency {
    match shown_seconds(left) {
        s if s <= 0 => Urgency::Overdue,
        s if s < CRITICAL_BELOW => Urgency::Critical,
        s if s < SOON_BELOW => Urgency::Soon,
        _ => Urgency::Normal,
    }
}

/// What a countdown displays, before formatting. Two values of `left` read the same iff
/// their `Shown` are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Overdue,
    HoursMinutes(i64, i64),
    Minutes(i64),
    MinutesSeconds(i64, i64),
}

fn shown(left: TimeDelta) -> Shown {
    match shown_seconds(left) {
        s if s <= 0 => Shown::Overdue,
        s if s < CRITICAL_BELOW => Shown::MinutesSeconds(s / MINUTE, s % MINUTE),
        s if s < SOON_BELOW => Shown::Minutes(s / MINUTE),
        s => Shown::HoursMinutes(s / HOUR, s % HOUR / MINUTE),
    }
}

/// ">= 1 h" → "5h 07m"; "10 min..1 h" → "42m"; "0..10 min" → "9m 05s"; overdue → "0s".
/// Prefixed with "~" when approximate. Far deadlines change once a minute; only the last
/// ten minutes show seconds.
pub fn format_left(left: TimeDelta, approximate: bool) -> String {
    let tilde = if approximate { APPROXIMATE } else { "" };
    match shown(left) {
        Shown::Overdue => format!("{tilde}0s"),
        Shown::HoursMinutes(h, m) => format!("{tilde}{h}h {m:02}m"),
        Shown::Minutes(m) => format!("{tilde}{m}m"),
        Shown::MinutesSeconds(m, s) => format!("{tilde}{m}m {s:02}s"),
    }
}

/// [`format_left`] without seconds: the last ten minutes read "9m", the last one "<1m". For
/// a countdown that is always on screen beside the row's own (the summary line): ticking
/// every second there would cost bytes over SSH for a figure the row already shows.
pub fn format_left_coarse(left: TimeDelta, approximate: bool) -> String {
    let tilde = if approximate { APPROXIMATE } else { "" };
    match shown(left) {
        Shown::MinutesSeconds(0, _) => format!("{tilde}<1m"),
        Shown::MinutesSeconds(m, _) => format!("{tilde}{m}m"),
        _ => format_left(left, approximate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::board::fixture::{at, payout};
    use crate::dfns::model::Timestamp;

    fn secs(s: i64) -> TimeDelta {
        TimeDelta::seconds(s)
    }
    fn ms(m: i64) -> TimeDelta {
        TimeDelta::milliseconds(m)
    }

    #[test]
    fn confirm_deadline_is_created_plus_24h_for_the_early_states() {
        for exec in [
            ExecutionStatus::Initializing,
            ExecutionStatus::AwaitingPayoutInstructions,
            ExecutionStatus::AwaitingPayoutConfirmation,
        ] {
            let mut p = payout("pyt-1", exec.clone());
            p.date_created = Timestamp::parse("2025-03-01T12:01:00.000Z");
            let d = deadline(&p);
            assert_eq!(
                d,
                Some(Deadline {
                    kind: DeadlineKind::Confirm,
                    at: at("2025-03-02T12:01:00Z"),
                    approximate: true,
                }),
                "{exec}"
            );
        }
    }

    #[test]
    fn submit_deadline_is_confirmed_plus_4h() {
        for exec in [
            ExecutionStatus::SubmittingPayoutTransfer,
            ExecutionStatus::PendingPolicyApproval,
        ] {
            let mut p = payout("pyt-1", exec.clone());
            p.data.date_confirmed = Some(Timestamp::parse("2025-03-01T13:00:00.500Z"));
            let d = deadline(&p);
            assert_eq!(
                d,
                Some(Deadline {
                    kind: DeadlineKind::Submit,
                    at: at("2025-03-01T17:00:00.500Z"),
                    approximate: true,
                }),
                "{exec}"
            );
            // Without its anchor there is no deadline (dateCreated is not a stand-in).
            p.data.date_confirmed = None;
            assert_eq!(deadline(&p), None);
            p.data.date_confirmed = Some(Timestamp::parse("soon"));
            assert_eq!(deadline(&p), None);
        }
    }

    #[test]
    fn no_deadline_for_later_finished_unknown_or_unparseable() {
        for exec in [
            ExecutionStatus::DepositProcessing,
            ExecutionStatus::DisbursementPending,
            ExecutionStatus::Completed,
            ExecutionStatus::Other("Paused".into()),
        ] {
            assert_eq!(deadline(&payout("pyt-1", exec)), None);
        }
        let mut p = payout("pyt-1", ExecutionStatus::AwaitingPayoutConfirmation);
        for status in [
            PayoutStatus::Expired,
            PayoutStatus::Canceled,
            PayoutStatus::Other("OnHold".into()),
        ] {
            p.status = status;
            assert_eq!(deadline(&p), None);
        }
        p.status = PayoutStatus::Processing;
        p.date_created = Timestamp::parse("yesterday");
        assert_eq!(deadline(&p), None);
    }

    #[test]
    fn remaining_is_corrected_by_the_server_skew() {
        let d = Deadline {
            kind: DeadlineKind::Confirm,
            at: at("2025-03-02T12:00:00Z"),
            approximate: true,
        };
        let now = at("2025-03-02T11:00:00Z");
        assert_eq!(remaining(&d, now, TimeDelta::zero()), TimeDelta::hours(1));
        // Server clock 30 s ahead of ours: 30 s less left.
        assert_eq!(remaining(&d, now, secs(30)), secs(3570));
        // Server clock behind: more left.
        assert_eq!(remaining(&d, now, secs(-90)), secs(3690));
        assert_eq!(remaining(&d, at("2025-03-02T12:00:05Z"), secs(0)), secs(-5));
        assert_eq!(remaining(&d, now, TimeDelta::MAX), TimeDelta::MIN);
    }

    #[test]
    fn shown_seconds_round_up() {
        let cases = [
            (ms(0), 0),
            (ms(1), 1),
            (ms(999), 1),
            (ms(1000), 1),
            (ms(1001), 2),
            (ms(-1), 0),
            (ms(-999), 0),
            (ms(-1000), -1),
            (ms(-1500), -1),
        ];
        for (left, want) in cases {
            assert_eq!(shown_seconds(left), want, "{left}");
        }
    }

    #[test]
    fn format_left_boundaries() {
        let cases = [
            (secs(-3600), "0s"),
            (ms(-1), "0s"),
            (secs(0), "0s"),
            (ms(1), "0m 01s"),
            (secs(1), "0m 01s"),
            (secs(65), "1m 05s"),
            (secs(599), "9m 59s"),
            (ms(599_001), "10m"),
            (secs(600), "10m"),
            (secs(659), "10m"),
            (ms(659_001), "11m"),
            (secs(3599), "59m"),
            (ms(3_599_001), "1h 00m"),
            (secs(3600), "1h 00m"),
            (secs(3659), "1h 00m"),
            (ms(3_659_001), "1h 01m"),
            (secs(5 * 3600 + 7 * 60), "5h 07m"),
            (TimeDelta::hours(24), "24h 00m"),
            (TimeDelta::hours(100), "100h 00m"),
        ];
        for (left, want) in cases {
            assert_eq!(format_left(left, false), want, "{left}");
            assert_eq!(format_left(left, true), format!("~{want}"), "{left}");
        }
    }

    #[test]
    fn each_window_has_its_word_and_the_legend_says_the_thresholds() {
        assert_eq!(DeadlineKind::Confirm.label(), "confirm");
        assert_eq!(DeadlineKind::Submit.label(), "submit");
        assert!(DeadlineKind::Confirm.meaning().contains("24 h"));
        assert!(DeadlineKind::Submit.meaning().contains("4 h"));
        assert_eq!(Urgency::Critical.meaning(), "under 10 min left");
        assert_eq!(Urgency::Soon.meaning(), "under 1 h left");
        assert!(format_left(secs(60), true).starts_with(APPROXIMATE));
    }

    #[test]
    fn urgency_boundaries_follow_the_shown_seconds() {
        let cases = [
            (secs(-5), Urgency::Overdue),
            (secs(0), Urgency::Overdue),
            (ms(1), Urgency::Critical),
            (secs(599), Urgency::Critical),
            (ms(599_001), Urgency::Soon),
            (secs(600), Urgency::Soon),
            (secs(3599), Urgency::Soon),
            (ms(3_599_001), Urgency::Normal),
            (TimeDelta::hours(20), Urgency::Normal),
        ];
        for (left, want) in cases {
            assert_eq!(urgency(left), want, "{left}");
        }
        assert!(Urgency::Overdue < Urgency::Critical && Urgency::Soon < Urgency::Normal);
    }

    #[test]
    fn the_coarse_countdown_never_shows_seconds() {
        let secs = TimeDelta::seconds;
        assert_eq!(format_left_coarse(secs(9 * 60 + 59), true), "~9m");
        assert_eq!(format_left_coarse(secs(59), false), "<1m");
        assert_eq!(format_left_coarse(secs(0), true), "~0s");
        assert_eq!(format_left_coarse(secs(42 * 60 + 5), false), "42m");
        assert_eq!(format_left_coarse(secs(5 * 3600 + 7 * 60), false), "5h 07m");
    }
}
