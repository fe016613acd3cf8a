//! `payouts-tui quote`: what a payout would pay out (informational; nothing is locked or sent).

use crate::app::display;
use crate::dfns::amount;
use crate::dfns::model::{PayoutAssetInput, Provider, QuoteRequest, QuoteResponse};

use super::args::{DetailFormat, QuoteArgs};
use super::asset::{self, Picked};
use super::output;
use super::session::Session;
use super::{Exit, GlobalArgs, exit};

pub async fn run(global: &GlobalArgs, args: QuoteArgs) -> Exit {
    let s = match Session::open(global) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let (picked, input) = match prepare(&s, &args).await {
        Ok(x) => x,
        Err(e) => return e,
    };
    let body = QuoteRequest {
        wallet_id: args.wallet.clone(),
        asset: input,
        fiat_currency: args.fiat.clone(),
        provider: Provider::Borderless,
        country: args.country.clone(),
    };
    let quote = match s.client.quote(&body).await {
        Ok(q) => q,
        Err(e) => return exit::report("quote refused", &e, s.profile()),
    };
    let text = match args.output {
        DetailFormat::Json => match output::json(&quote) {
            Ok(t) => t,
            Err(e) => return e,
        },
        DetailFormat::Table => output::fields(&rows(&args, &picked, &quote)),
    };
    output::emit(&text)
}

/// The wallet's asset named by the flags, and the request asset for `--amount` in base
/// units. A token the wallet does not hold, or an amount that does not fit the token's
/// decimals, is a usage error (exit 2); API errors map as usual.
pub async fn prepare(s: &Session, args: &QuoteArgs) -> Result<(Picked, PayoutAssetInput), Exit> {
    let wallet = args.wallet.trim();
    let assets = s.client.get_wallet_assets(wallet).await.map_err(|e| {
        exit::report(
            &format!("cannot read wallet {wallet}'s assets"),
            &e,
            s.profile(),
        )
    })?;
    let picked = asset::pick(&assets, &args.asset).map_err(|e| {
        eprintln!("error: {e}");
        Exit::Usage
    })?;
    let input = picked.input(&args.amount).map_err(|e| {
        eprintln!("error: --amount: {e}");
        Exit::Usage
    })?;
    Ok((picked, input))
}

fn rows(args: &QuoteArgs, picked: &Picked, q: &QuoteResponse) -> Vec<(&'static str, String)> {
    // Show the amount the server echoed, so a mismatch with what was asked would be visible.
    let decimals = q.asset.decimals().unwrap_or(picked.decimals);
    let sent =
        amount::format_human(&q.asset.amount, decimals).unwrap_or_else(|_| q.asset.amount.clone());
    let mut rows = vec![
        ("wallet", args.wallet.clone()),
        (
            "amount",
            format!("{sent} {}", q.asset.symbol().unwrap_or(&picked.symbol)),
        ),
        ("base units", q.asset.amount.clone()),
        ("token", format!("{} {}", picked.kind, picked.address())),
        ("network", q.asset.network.to_string()),
        ("provider", q.provider.to_string()),
        ("country", args.country.clone()),
        ("quoted at", q.timestamp.to_string()),
    ];
    if q.quotes.is_empty() {
        rows.push(("offer", "none: the provider made no offer".into()));
    }
    for quote in &q.quotes {
        // Fiat figures are informational JSON numbers from the provider; shown to the cent,
        // grouped like every amount (`app::display::fiat`, as the dashboard's form).
        let o = &quote.offer;
        rows.push((
            "offer",
            format!(
                "{} to the recipient, fees {}{}",
                display::fiat(o.amount, &o.fiat_currency),
                display::fiat(o.fees, &o.fiat_currency),
                quote
                    .quote_id
                    .as_deref()
                    .map(|id| format!(" (quote {id})"))
                    .unwrap_or_default()
            ),
        ));
    }
    rows
}
