//! The "new payout" form (`n`): pick a wallet and one of its stablecoins, type a human
//! amount, fill in the bank details, see the quote with its fees, pick the payment purpose,
//! and create — with an externalId fixed when the form opens, so a retry after an unknown
//! outcome returns the same payout instead of making a second one.

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
    Details(Field),
    Quoting,
    Quoted(Box<QuoteResponse>),
    PickPurpose,
    Review,
    Creating,
    Created(String),
    /// The request may have reached the server: Enter retries with the same externalId.
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
    /// The last validation problem, shown under the current step.
    pub error: Option<String>,
}

impl NewPayout {
    /// The key table of the step the form is at (`app::action::popup_keys`).
    pub fn popup(&self) -> crate::app::action::Popup {
        use crate::app::action::Popup;
        match self.step {
            Step::PickWallet | Step::PickAsset | Step::PickPurpose => Popup::FormPick,
            Step::Amount => Popup::FormAmount,
            Step::Details(_) => Popup::FormDetails,
            Step::Quoted(_) => Popup::FormNext,
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
            error: None,
        }
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
        let upper = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_uppercase());
        if !upper(&self.fiat, 3) {
            return Err((Field::Fiat, "an ISO-4217 code such as USD or EUR".into()));
        }
        if !upper(&self.country, 2) {
            return Err((
                Field::Country,
                "an ISO-3166 alpha-2 code such as US or DE".into(),
            ));
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
