//! `payouts-tui create`: a signed `POST /payouts`, idempotent through its externalId.
//!
//! The externalId is generated when absent and printed before anything is sent, so a run
//! cut short (timeout, Ctrl-C, a dead cron host) can be repeated with `--external-id` and
//! yields the same payout instead of a second one.

use crate::dfns::text::shown;
use chrono::Utc;
use rand::Rng;

use crate::dfns::amount;
use crate::dfns::error::ApiError;
use crate::dfns::model::{CreatePayoutRequest, Payout, Provider};

use super::args::CreateArgs;
use super::session::Session;
use super::trail::Trail;
use super::{Exit, GlobalArgs, exit, get, purpose, quote};

pub async fn run(global: &GlobalArgs, args: CreateArgs) -> Exit {
    let purpose = match purpose::parse(&args.purpose) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: --purpose: {e}");
            return Exit::Usage;
        }
    };
    let s = match Session::open(global) {
        Ok(s) => s,
        Err(e) => return e,
    };
    if let Err(e) = s.require_actions("create a payout") {
        return e;
    }
    let external_id = match args.external_id.as_deref().map(str::trim) {
        Some("") => {
            eprintln!("error: --external-id is empty");
            return Exit::Usage;
        }
        Some(given) => given.to_owned(),
        None => {
            let id = generate_external_id(Utc::now(), &mut rand::thread_rng());
            eprintln!("external id: {id} (re-run with --external-id {id} to retry safely)");
            id
        }
    };
    let q = &args.quote;
    let (picked, input) = match quote::prepare(&s, q).await {
        Ok(x) => x,
        Err(e) => return e,
    };
    let body = CreatePayoutRequest {
        wallet_id: q.wallet.trim().to_owned(),
        asset: input,
        fiat_currency: q.fiat.clone(),
        provider: Provider::Borderless,
        country: q.country.clone(),
        borderless_account_id: args.account.clone(),
        payment_instructions_id: args.payment_instructions.clone(),
        payment_purpose: purpose,
        external_id: Some(external_id.clone()),
    };
    let human = amount::format_human(&body.asset.amount, picked.decimals)
        .unwrap_or_else(|_| body.asset.amount.clone());
    let summary = format!(
        "{human} {} ({} base units, {} {}) on {} from {} to account {}, instructions {}, purpose '{}', {} {}",
        picked.symbol,
        body.asset.amount,
        picked.kind,
        picked.address(),
        picked.network,
        body.wallet_id,
        body.borderless_account_id,
        body.payment_instructions_id,
        body.payment_purpose,
        body.fiat_currency,
        body.country,
    );
    let trail = Trail::new(s.audit(), "create").with_external_id(&external_id);
    // The payout id is not known before the answer: the line carries the externalId.
    if let Err(e) = trail.attempt("", None, Some(summary)) {
        return e;
    }
    // By the server's clock: a payout created well before this request is the one an earlier
    // run made with the same externalId, returned again (the API answers a replay with it).
    let sent_at = Utc::now() + s.client.clock_skew().unwrap_or_default();
    let result = s.client.create_payout(&body).await;
    let id = result.as_ref().map(|p| p.id.clone()).unwrap_or_default();
    let replayed = result.as_ref().ok().and_then(|p| replay_of(p, sent_at));
    trail.outcome(&id, None, &result, replayed.clone());
    match result {
        Ok(p) => {
            if let Some(note) = &replayed {
                eprintln!("{note}");
            }
            eprintln!(
                "payout {} for external id {}: {} · {}, {} {} from {}",
                shown(&p.id),
                shown(&external_id),
                shown(p.status.as_str()),
                shown(p.execution_status().as_str()),
                shown(&human),
                shown(&picked.symbol),
                shown(&p.wallet_id)
            );
            get::show(&s, &p, q.output)
        }
        Err(e) => failed(&e, &external_id, s.profile()),
    }
}

/// "already existed" when `p` was created before `sent_at` (both by the server's clock, known
/// to about a second): the answer to a replayed externalId, not a new payout.
fn replay_of(p: &Payout, sent_at: chrono::DateTime<Utc>) -> Option<String> {
    let created = p.date_created.instant()?;
    (sent_at.signed_duration_since(created) > chrono::Duration::seconds(2)).then(|| {
        format!(
            "externalId {} was used before: this returned the existing payout {} (created {}); nothing new was created",
            shown(p.external_id.as_deref().unwrap_or("")),
            shown(&p.id),
            shown(p.date_created.as_str())
        )
    })
}

fn failed(e: &ApiError, external_id: &str, profile: &str) -> Exit {
    let code = exit::report("create refused", e, profile);
    match e {
        ApiError::Http { status: 409, .. } => eprintln!(
            "hint: externalId {external_id} was used before with a different payout; choose another --external-id"
        ),
        _ if code == Exit::Unavailable => eprintln!(
            "the payout may or may not exist: re-running the same command with --external-id {external_id} is safe (idempotent) and shows it"
        ),
        _ => {}
    }
    code
}

/// `payouts-tui-20261103-k3v9q2xz`: the UTC date, then 8 random base-36 characters.
pub fn generate_external_id(now: chrono::DateTime<Utc>, rng: &mut impl Rng) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let random: String = (0..8)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("payouts-tui-{}-{random}", now.format("%Y%m%d"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn generated_ids_carry_the_date_and_differ() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-03T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let a = generate_external_id(now, &mut rng);
        let b = generate_external_id(now, &mut rng);
        assert!(a.starts_with("payouts-tui-20261103-"), "{a}");
        assert_eq!(a.len(), "payouts-tui-20261103-".len() + 8);
        assert_ne!(a, b);
    }
}
