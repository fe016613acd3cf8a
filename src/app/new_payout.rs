//! The "new payout" form (`n`): pick a wallet and one of its stablecoins, type a human
//! amount, fill in the bank details, see the quote with its fees, pick the payment purpose,
//! and create — with an externalId fixed when the form opens, so a retry after an unknown
//! outcome returns the same payout instead of making a second one. Esc goes back one step
//! ([`NewPayout::back`]), Ctrl-U clears the field being typed ([`NewPayout::clear_field`]).

use crate::dfns::amount;
use crate::dfns::model::{
    AssetKind, CreatePayoutRequest, PaymentPurpose, PayoutAssetInput, Provider, QuoteRequest,
    QuoteResponse, Wallet, WalletAsset, WalletAssetKind,
};

/// A wallet and the balances that can fund a payout.
#[derive(Debug, Clone, PartialEq)]
pub struct WalletChoice {
    pub wallet: Wallet,
    pub assets: Vec<WalletAsset>,
}

/// A saved recipient of the profile (`[profiles.<p>.recipients.<name>]`): a named bank
/// account and payment instructions pair, with the purpose, country and currency to use
/// when the profile gives them. Picking one fills the form's details; typing still works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Config text: shown only through the sanitizer.
    pub name: String,
    pub bank_account_id: String,
    pub payment_instructions_id: String,
    pub purpose: Option<PaymentPurpose>,
    pub country: Option<String>,
    pub fiat: Option<String>,
}

impl Recipient {
    /// The checks typed details get (`NewPayout::check_details`), and no hidden character
    /// in an id that would be sent.
    pub fn check(&self) -> Result<(), String> {
        if let Some(why) = self.fiat.as_deref().and_then(fiat_problem) {
            return Err(format!("fiat: {why}"));
        }
        if let Some(why) = self.country.as_deref().and_then(country_problem) {
            return Err(format!("country: {why}"));
        }
        for (key, id) in [
            ("bank_account_id", &self.bank_account_id),
            ("payment_instructions_id", &self.payment_instructions_id),
        ] {
            if id.trim().is_empty() {
                return Err(format!("{key} is empty"));
            }
            if id
                .chars()
                .any(|c| c == ' ' || crate::dfns::text::is_hidden(c))
            {
                return Err(format!("{key} holds a space or a hidden character"));
            }
        }
        Ok(())
    }

    /// One line of the picker: the name, the ids, and what else it sets.
    pub fn summary(&self) -> String {
        let mut parts = vec![
            self.name.clone(),
            format!("account {}", self.bank_account_id),
            format!("instructions {}", self.payment_instructions_id),
        ];
        let place: Vec<&str> = [self.country.as_deref(), self.fiat.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !place.is_empty() {
            parts.push(place.join(" "));
        }
        if let Some(p) = &self.purpose {
            parts.push(p.as_str().to_owned());
        }
        parts.join(" · ")
    }
}

/// Why `fiat` is not a currency code the API takes, if it is not.
pub fn fiat_problem(fiat: &str) -> Option<&'static str> {
    (!upper(fiat, 3)).then_some("an ISO-4217 code such as USD or EUR")
}

/// Why `country` is not a country code the API takes, if it is not.
pub fn country_problem(country: &str) -> Option<&'static str> {
    (!upper(country, 2)).then_some("an ISO-3166 alpha-2 code such as US or DE")
}

fn upper(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_uppercase())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Fiat,
    Country,
    Account,
    Instructions,
}

impl Field {
    pub const ALL: [Field; 4] = [
        Field::Fiat,
        Field::Country,
        Field::Account,
        Field::Instructions,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Fiat => "fiat currency",
            Field::Country => "country",
            Field::Account => "Borderless account id",
            Field::Instructions => "payment instructions id",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    LoadingWallets,
    PickWallet,
    PickAsset,
    Amount,
    /// Choosing a saved recipient, or to type the details by hand (only when the profile
    /// saves some).
    PickRecipient,
    Details(Field),
    Quoting,
    /// The quote is in [`NewPayout::quote`].
    Quoted,
    PickPurpose,
    Review,
    Creating,
    Created(String),
    /// The request may have reached the server (what to say: the cause, then what the
    /// look-up of its externalId found): Enter retries with the same externalId.
    Unknown(String),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPayout {
    pub op: u64,
    pub step: Step,
    pub wallets: Vec<WalletChoice>,
    pub wallet: usize,
    pub asset: usize,
    pub amount: String,
    /// Base units, once the amount parsed.
    pub base_units: Option<String>,
    pub fiat: String,
    pub country: String,
    pub account: String,
    pub instructions: String,
    pub purpose: usize,
    pub external_id: String,
    /// The quote for the wallet, amount and details as they are; dropped when going back to
    /// change them. Shown again in the review.
    pub quote: Option<Box<QuoteResponse>>,
    /// The last validation problem, shown under the current step.
    pub error: Option<String>,
    /// When the create was first sent (by the server's clock): a look-up of its externalId
    /// after an unknown outcome need not look at payouts made before.
    pub first_sent: Option<chrono::DateTime<chrono::Utc>>,
    /// The profile's saved recipients (`Settings::recipients`).
    pub recipients: Vec<Recipient>,
    /// The picker's cursor: 0 types the details by hand, `i + 1` is `recipients[i]`.
    pub recipient: usize,
}

/// One offer of a quote, in figures: the fiat side of the amount asked. Fiat amounts are
/// the provider's informational JSON numbers (docs/reference/payouts-api.md §4).
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub currency: String,
    /// Before fees: net + fees.
    pub gross: f64,
    pub fees: f64,
    /// What the recipient gets (the offer's `amount`).
    pub net: f64,
    /// Fiat per token before fees (gross ÷ token amount); None when the token amount is not
    /// known in human units or is zero.
    pub rate: Option<f64>,
    /// Fiat per token after fees (net ÷ token amount).
    pub rate_net: Option<f64>,
    /// The token's symbol, as the quote names it.
    pub token: String,
}

/// Every offer of `q` in figures, for the amount the quote echoes (its own decimals).
pub fn figures(q: &QuoteResponse) -> Vec<Figures> {
    let tokens = q
        .asset
        .decimals()
        .and_then(|d| amount::to_human(&q.asset.amount, d).ok())
        .and_then(|h| h.parse::<f64>().ok())
        .filter(|t| *t > 0.0);
    q.quotes
        .iter()
        .map(|quote| {
            let o = &quote.offer;
            let gross = o.amount + o.fees;
            Figures {
                currency: o.fiat_currency.clone(),
                gross,
                fees: o.fees,
                net: o.amount,
                rate: tokens.map(|t| gross / t),
                rate_net: tokens.map(|t| o.amount / t),
                token: crate::app::display::token(&q.asset),
            }
        })
        .collect()
}

impl NewPayout {
    /// The key table of the step the form is at (`app::action::popup_keys`).
    pub fn popup(&self) -> crate::app::action::Popup {
        use crate::app::action::Popup;
        match self.step {
            Step::PickAsset | Step::PickPurpose => Popup::FormPick,
            Step::PickRecipient => Popup::FormRecipient,
            Step::Amount => Popup::FormAmount,
            Step::Details(_) => Popup::FormDetails,
            Step::PickWallet => Popup::FormFirst,
            Step::Quoted => Popup::FormNext,
            Step::Review => Popup::FormReview,
            Step::LoadingWallets | Step::Quoting | Step::Creating => Popup::FormBusy,
            Step::Unknown(_) => Popup::FormUnknown,
            Step::Created(_) | Step::Failed(_) => Popup::Result,
        }
    }

    pub fn new(op: u64, external_id: String) -> NewPayout {
        NewPayout {
            op,
            step: Step::LoadingWallets,
            wallets: Vec::new(),
            wallet: 0,
            asset: 0,
            amount: String::new(),
            base_units: None,
            fiat: "USD".into(),
            country: "US".into(),
            account: String::new(),
            instructions: String::new(),
            purpose: 0,
            external_id,
            quote: None,
            error: None,
            first_sent: None,
            recipients: Vec::new(),
            recipient: 0,
        }
    }

    /// Esc: one step back, keeping what was chosen and typed; false on the first step (the
    /// caller closes the form). Back to the details or earlier drops the quote: it was for
    /// what may now change. Not from a step that waits for the API or shows a result.
    pub fn back(&mut self) -> bool {
        self.step = match self.step {
            Step::PickAsset => Step::PickWallet,
            Step::Amount => Step::PickAsset,
            Step::PickRecipient => Step::Amount,
            Step::Details(_) if !self.recipients.is_empty() => Step::PickRecipient,
            Step::Details(_) => Step::Amount,
            Step::Quoted => Step::Details(Field::Instructions),
            Step::PickPurpose => Step::Quoted,
            Step::Review => Step::PickPurpose,
            _ => return false,
        };
        if matches!(
            self.step,
            Step::PickWallet
                | Step::PickAsset
                | Step::Amount
                | Step::PickRecipient
                | Step::Details(_)
        ) {
            self.quote = None;
        }
        self.error = None;
        true
    }

    /// Ctrl-U: empties the field being typed (the amount, or the focused bank detail).
    pub fn clear_field(&mut self) {
        match self.step {
            Step::Amount => self.amount.clear(),
            Step::Details(f) => self.field(f).clear(),
            _ => {}
        }
    }

    /// The step after the amount: the recipient picker when the profile saves recipients,
    /// else the details, focused on the first one still empty (fiat and country come
    /// pre-filled: typing goes where it is needed, not onto "USD").
    pub fn after_amount(&self) -> Step {
        if self.recipients.is_empty() {
            self.details()
        } else {
            Step::PickRecipient
        }
    }

    /// The details step, focused on the first empty field.
    fn details(&self) -> Step {
        let first = Field::ALL
            .into_iter()
            .find(|x| self.field_value(*x).is_empty())
            .unwrap_or(Field::Account);
        Step::Details(first)
    }

    /// Enter in the recipient picker: the saved recipient under the cursor fills the
    /// details (and the purpose, when it names one); the first entry leaves them to type.
    /// On to the details either way, where everything can still be changed by hand.
    pub fn pick_recipient(&mut self) {
        if let Some(r) = self
            .recipient
            .checked_sub(1)
            .and_then(|i| self.recipients.get(i))
        {
            let r = r.clone();
            self.account = r.bank_account_id;
            self.instructions = r.payment_instructions_id;
            if let Some(c) = r.country {
                self.country = c;
            }
            if let Some(f) = r.fiat {
                self.fiat = f;
            }
            if let Some(i) = r
                .purpose
                .and_then(|p| PaymentPurpose::KNOWN.iter().position(|k| *k == p))
            {
                self.purpose = i;
            }
        }
        self.step = self.details();
    }

    /// The saved recipient whose ids the details hold now, if any (the review names it).
    pub fn matching_recipient(&self) -> Option<&Recipient> {
        self.recipients.iter().find(|r| {
            r.bank_account_id == self.account.trim()
                && r.payment_instructions_id == self.instructions.trim()
        })
    }

    pub fn chosen_wallet(&self) -> Option<&WalletChoice> {
        self.wallets.get(self.wallet)
    }

    pub fn chosen_asset(&self) -> Option<&WalletAsset> {
        self.chosen_wallet().and_then(|w| w.assets.get(self.asset))
    }

    pub fn field(&mut self, f: Field) -> &mut String {
        match f {
            Field::Fiat => &mut self.fiat,
            Field::Country => &mut self.country,
            Field::Account => &mut self.account,
            Field::Instructions => &mut self.instructions,
        }
    }

    pub fn field_value(&self, f: Field) -> &str {
        match f {
            Field::Fiat => &self.fiat,
            Field::Country => &self.country,
            Field::Account => &self.account,
            Field::Instructions => &self.instructions,
        }
    }

    pub fn purpose_value(&self) -> PaymentPurpose {
        PaymentPurpose::KNOWN
            .get(self.purpose)
            .cloned()
            .unwrap_or(PaymentPurpose::OtherPurpose)
    }

    /// The amount typed, as base units of the chosen asset; an error in plain words.
    pub fn parse_amount(&self) -> Result<String, String> {
        let a = self.chosen_asset().ok_or("no asset chosen")?;
        let symbol = a.symbol.clone().unwrap_or_else(|| "this token".into());
        let base =
            amount::parse_human(&self.amount, a.decimals, &symbol).map_err(|e| e.to_string())?;
        if amount::compare_base(&base, &a.balance).is_gt() {
            let have =
                amount::format_human(&a.balance, a.decimals).unwrap_or_else(|_| a.balance.clone());
            return Err(format!("more than the wallet holds ({have} {symbol})"));
        }
        Ok(base)
    }

    /// The bank details, checked the way the API checks them.
    pub fn check_details(&self) -> Result<(), (Field, String)> {
        if let Some(why) = fiat_problem(&self.fiat) {
            return Err((Field::Fiat, why.into()));
        }
        if let Some(why) = country_problem(&self.country) {
            return Err((Field::Country, why.into()));
        }
        if self.account.trim().is_empty() {
            return Err((Field::Account, "required".into()));
        }
        if self.instructions.trim().is_empty() {
            return Err((Field::Instructions, "required".into()));
        }
        Ok(())
    }

    fn asset_input(&self) -> Option<PayoutAssetInput> {
        let a = self.chosen_asset()?;
        let kind = match a.kind {
            WalletAssetKind::Erc20 => AssetKind::Erc20,
            WalletAssetKind::Spl => AssetKind::Spl,
            WalletAssetKind::Spl2022 => AssetKind::Spl2022,
            _ => return None,
        };
        Some(PayoutAssetInput {
            kind,
            amount: self.base_units.clone()?,
            contract: a.contract.clone(),
            mint: a.mint.clone(),
        })
    }

    pub fn quote_request(&self) -> Option<QuoteRequest> {
        Some(QuoteRequest {
            wallet_id: self.chosen_wallet()?.wallet.id.clone(),
            asset: self.asset_input()?,
            fiat_currency: self.fiat.clone(),
            provider: Provider::Borderless,
            country: self.country.clone(),
        })
    }

    pub fn create_request(&self) -> Option<CreatePayoutRequest> {
        let q = self.quote_request()?;
        Some(CreatePayoutRequest {
            wallet_id: q.wallet_id,
            asset: q.asset,
            fiat_currency: q.fiat_currency,
            provider: q.provider,
            country: q.country,
            borderless_account_id: self.account.trim().to_owned(),
            payment_instructions_id: self.instructions.trim().to_owned(),
            payment_purpose: self.purpose_value(),
            external_id: Some(self.external_id.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(amount: &str, net: f64, fees: f64) -> QuoteResponse {
        let mut q: QuoteResponse =
            serde_json::from_str(include_str!("../../tests/fixtures/quote_guide.json"))
                .unwrap_or_else(|e| panic!("{e}"));
        q.asset.amount = amount.into();
        q.quotes[0].offer.amount = net;
        q.quotes[0].offer.fees = fees;
        q
    }

    #[test]
    fn a_quote_reads_as_gross_fees_net_and_rate() {
        // The reference's example: 1,000 USDC, 985.50 USD to the recipient, 14.50 fees.
        let f = figures(&quote("1000000000", 985.5, 14.5));
        assert_eq!(f.len(), 1);
        let f = &f[0];
        assert_eq!((f.gross, f.fees, f.net), (1000.0, 14.5, 985.5));
        assert_eq!(f.currency, "USD");
        assert_eq!(f.token, "USDC");
        assert_eq!(f.rate, Some(1.0));
        assert_eq!(f.rate_net, Some(0.9855));
        // 48,000 USDC at 0.92 EUR before fees.
        let mut q = quote("48000000000", 43_680.0, 480.0);
        q.quotes[0].offer.fiat_currency = "EUR".into();
        let f = &figures(&q)[0];
        assert_eq!(f.gross, 44_160.0);
        assert_eq!(f.rate, Some(0.92));
        // No decimals known: no rate, the figures still.
        let mut q = quote("1000000000", 985.5, 14.5);
        q.asset.metadata = None;
        assert_eq!(figures(&q)[0].rate, None);
    }

    #[test]
    fn back_walks_the_steps_and_drops_the_quote_before_the_details() {
        let mut f = NewPayout::new(1, "ext".into());
        f.step = Step::Review;
        f.quote = Some(Box::new(quote("1000000000", 985.5, 14.5)));
        f.amount = "10".into();
        let mut seen = vec![f.step.clone()];
        while f.back() {
            seen.push(f.step.clone());
            if f.step == Step::Quoted {
                assert!(f.quote.is_some(), "the quote is still good on its own step");
            }
        }
        assert_eq!(
            seen,
            [
                Step::Review,
                Step::PickPurpose,
                Step::Quoted,
                Step::Details(Field::Instructions),
                Step::Amount,
                Step::PickAsset,
                Step::PickWallet,
            ]
        );
        assert_eq!(f.quote, None);
        assert_eq!(f.amount, "10", "going back keeps what was typed");
        for busy in [
            Step::LoadingWallets,
            Step::Quoting,
            Step::Creating,
            Step::Unknown("timed out".into()),
        ] {
            f.step = busy.clone();
            assert!(!f.back(), "{busy:?}");
            assert_eq!(f.step, busy);
        }
    }

    #[test]
    fn ctrl_u_clears_only_the_field_being_typed() {
        let mut f = NewPayout::new(1, "ext".into());
        f.amount = "1,250.50".into();
        f.account = "bacc-1".into();
        f.step = Step::Amount;
        f.clear_field();
        assert_eq!((f.amount.as_str(), f.account.as_str()), ("", "bacc-1"));
        f.amount = "5".into();
        f.step = Step::Details(Field::Account);
        f.clear_field();
        assert_eq!((f.amount.as_str(), f.account.as_str()), ("5", ""));
        assert_eq!(f.fiat, "USD");
        f.step = Step::Review;
        f.clear_field();
        assert_eq!(f.amount, "5");
    }
}
