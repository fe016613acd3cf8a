//! Shared test harness: an in-process emulator on an ephemeral loopback port, and clients
//! acting as its seeded principals.
#![allow(dead_code)]

use payouts_tui::dfns::client::retry::RetryPolicy;
use payouts_tui::dfns::client::{Client, ClientOptions, Signer};
use payouts_tui::dfns::model::{
    AssetKind, CreatePayoutRequest, PaymentPurpose, PayoutAssetInput, Provider,
};
use payouts_tui::dfns::signing::PrivateKey;
use payouts_tui::emulator::{self, Options, Running};

pub async fn emulator() -> Running {
    emulator_with(Options {
        seed: 3,
        ..Options::default()
    })
    .await
}

pub async fn emulator_with(opts: Options) -> Running {
    emulator::serve(opts).await.expect("emulator starts")
}

pub fn fast_options() -> ClientOptions {
    ClientOptions {
        retry: RetryPolicy {
            max_attempts: 3,
            base_delay: std::time::Duration::from_millis(10),
            max_delay: std::time::Duration::from_millis(50),
            max_retry_after: std::time::Duration::from_secs(2),
        },
        ..ClientOptions::default()
    }
}

/// A client acting as `name` (operator, operator2, viewer), signing with its key.
pub fn client(emu: &Running, name: &str) -> Client {
    client_with(emu, name, None, fast_options())
}

pub fn client_with(
    emu: &Running,
    name: &str,
    cred_id: Option<&str>,
    options: ClientOptions,
) -> Client {
    let p = emu.principal(name).expect("principal exists");
    let key = PrivateKey::from_pem(p.private_key_pem.expose()).expect("key parses");
    Client::new(
        &emu.url(),
        p.token.clone(),
        Some(Signer {
            key,
            cred_id: cred_id.map(str::to_owned),
        }),
        options,
    )
    .expect("client builds")
}

/// A valid create body on the first (Polygon) wallet: `whole` USDC.
pub fn create_body(emu: &Running, whole: u64, external_id: Option<&str>) -> CreatePayoutRequest {
    let wallet = &emu.wallets[0];
    assert_eq!(wallet.network.as_str(), "Polygon");
    CreatePayoutRequest {
        wallet_id: wallet.id.clone(),
        asset: PayoutAssetInput {
            kind: AssetKind::Erc20,
            amount: format!("{whole}000000"),
            contract: Some("0x3c499c542cef5e3811e1192ce70d8cc03d5c3359".into()),
            mint: None,
        },
        fiat_currency: "USD".into(),
        provider: Provider::Borderless,
        country: "US".into(),
        borderless_account_id: "bacc-test".into(),
        payment_instructions_id: "pi-test".into(),
        payment_purpose: PaymentPurpose::SalaryPayment,
        external_id: external_id.map(str::to_owned),
    }
}
