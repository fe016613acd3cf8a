//! Request validation with the field named in every 400: patterns, enums and required fields
//! as the reference states them (docs/reference/payouts-api.md §2, §4, §5, §8).

use serde_json::{Map, Value};

use crate::dfns::model::{
    AssetKind, CreatePayoutRequest, DecisionRequest, DecisionValue, PaymentPurpose, PayoutAction,
    PayoutAssetInput, PayoutTransfer, Provider, QuoteRequest,
};
use crate::emulator::error::EmuError;

/// `^<prefix>-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{14,16}$`.
pub fn is_dfns_id(s: &str, prefix: &str) -> bool {
    let Some(rest) = s.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    let parts: Vec<&str> = rest.split('-').collect();
    let ok = |p: &str| {
        p.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    matches!(parts.as_slice(), [a, b, c]
        if a.len() == 5 && b.len() == 5 && (14..=16).contains(&c.len()) && ok(a) && ok(b) && ok(c))
}

pub fn payout_id(id: &str) -> Result<(), EmuError> {
    if is_dfns_id(id, "pyt") {
        Ok(())
    } else {
        Err(EmuError::field(
            "payoutId",
            "must match ^pyt-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{14,16}$",
        ))
    }
}

pub fn wallet_id(field: &str, id: &str) -> Result<(), EmuError> {
    if is_dfns_id(id, "wa") {
        Ok(())
    } else {
        Err(EmuError::field(
            field,
            "must match ^wa-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{14,16}$",
        ))
    }
}

/// The body as a JSON object, or a 400 that says why not.
/// An id of the Dfns shape with `prefix` (`ap`, `plc`, `xfr`), named `field` in the 400.
pub fn id_of(prefix: &str, field: &str, id: &str) -> Result<(), EmuError> {
    if is_dfns_id(id, prefix) {
        Ok(())
    } else {
        Err(EmuError::field(
            field,
            format!("must match ^{prefix}-[a-z0-9]{{5}}-[a-z0-9]{{5}}-[a-z0-9]{{14,16}}$"),
        ))
    }
}

/// `{"value": "Approved" | "Denied", "reason"?: string}`. Other members are ignored, as on
/// the payout routes.
pub fn decision(body: &[u8]) -> Result<DecisionRequest, EmuError> {
    let obj = object(body)?;
    let value = DecisionValue::from_wire(string(&obj, "value", "value")?);
    if !value.is_known() {
        return Err(EmuError::field("value", "must be Approved or Denied"));
    }
    let reason = match obj.get("reason") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(EmuError::field("reason", "must be a string")),
    };
    Ok(DecisionRequest { value, reason })
}

pub fn object(body: &[u8]) -> Result<Map<String, Value>, EmuError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(EmuError::bad_request("request body must be a JSON object")),
        Err(e) => Err(EmuError::bad_request(format!("malformed JSON body: {e}"))),
    }
}

fn string<'a>(obj: &'a Map<String, Value>, field: &str, path: &str) -> Result<&'a str, EmuError> {
    match obj.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) => Err(EmuError::field(path, "must not be empty")),
        None | Some(Value::Null) => Err(EmuError::field(path, "is required")),
        Some(_) => Err(EmuError::field(path, "must be a string")),
    }
}

fn opt_string<'a>(
    obj: &'a Map<String, Value>,
    field: &str,
    path: &str,
) -> Result<Option<&'a str>, EmuError> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => string(obj, field, path).map(Some),
    }
}

fn pattern(value: &str, path: &str, len: usize, what: &str) -> Result<(), EmuError> {
    if value.len() == len && value.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(EmuError::field(
            path,
            format!("must be {what} (^[A-Z]{{{len}}}$)"),
        ))
    }
}

fn digits(value: &str, path: &str) -> Result<(), EmuError> {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(EmuError::field(
            path,
            "must be a string of digits (^\\d+$), in the token's base units",
        ))
    }
}

fn asset_kind(obj: &Map<String, Value>, path: &str) -> Result<AssetKind, EmuError> {
    let kind = AssetKind::from_wire(string(obj, "kind", path)?);
    if kind.is_known() {
        Ok(kind)
    } else {
        Err(EmuError::field(path, "must be one of Erc20, Spl, Spl2022"))
    }
}

/// `{kind, amount, contract | mint}` (+ `to` for a transfer), under `prefix`.
fn asset_fields(
    obj: &Map<String, Value>,
    prefix: &str,
) -> Result<(AssetKind, String, Option<String>, Option<String>), EmuError> {
    let kind = asset_kind(obj, &format!("{prefix}.kind"))?;
    let amount = string(obj, "amount", &format!("{prefix}.amount"))?;
    digits(amount, &format!("{prefix}.amount"))?;
    if amount.bytes().all(|b| b == b'0') {
        return Err(EmuError::field(
            &format!("{prefix}.amount"),
            "must be greater than zero",
        ));
    }
    let (contract, mint) = match kind {
        AssetKind::Erc20 => (
            Some(string(obj, "contract", &format!("{prefix}.contract"))?.to_owned()),
            None,
        ),
        _ => (
            None,
            Some(string(obj, "mint", &format!("{prefix}.mint"))?.to_owned()),
        ),
    };
    Ok((kind, amount.to_owned(), contract, mint))
}

fn sub<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<&'a Map<String, Value>, EmuError> {
    match obj.get(field) {
        Some(Value::Object(m)) => Ok(m),
        None | Some(Value::Null) => Err(EmuError::field(field, "is required")),
        Some(_) => Err(EmuError::field(field, "must be an object")),
    }
}

fn provider(obj: &Map<String, Value>) -> Result<Provider, EmuError> {
    let p = Provider::from_wire(string(obj, "provider", "provider")?);
    match p {
        Provider::Borderless => Ok(p),
        Provider::CircleMint => Err(EmuError::field(
            "provider",
            "CircleMint is not enabled for this organization",
        )),
        Provider::Other(_) => Err(EmuError::field("provider", "must be Borderless")),
    }
}

fn input_asset(obj: &Map<String, Value>) -> Result<PayoutAssetInput, EmuError> {
    let (kind, amount, contract, mint) = asset_fields(sub(obj, "asset")?, "asset")?;
    Ok(PayoutAssetInput {
        kind,
        amount,
        contract,
        mint,
    })
}

pub fn quote(body: &[u8]) -> Result<QuoteRequest, EmuError> {
    let obj = object(body)?;
    let wallet = string(&obj, "walletId", "walletId")?;
    wallet_id("walletId", wallet)?;
    let asset = input_asset(&obj)?;
    let fiat = string(&obj, "fiatCurrency", "fiatCurrency")?;
    pattern(fiat, "fiatCurrency", 3, "an ISO-4217 code")?;
    let provider = provider(&obj)?;
    let country = string(&obj, "country", "country")?;
    pattern(country, "country", 2, "an ISO-3166 alpha-2 code")?;
    Ok(QuoteRequest {
        wallet_id: wallet.to_owned(),
        asset,
        fiat_currency: fiat.to_owned(),
        provider,
        country: country.to_owned(),
    })
}

pub fn create(body: &[u8]) -> Result<CreatePayoutRequest, EmuError> {
    let q = quote(body)?;
    let obj = object(body)?;
    let purpose = PaymentPurpose::from_wire(string(&obj, "paymentPurpose", "paymentPurpose")?);
    if !purpose.is_known() {
        return Err(EmuError::field(
            "paymentPurpose",
            "must be one of the 26 documented purposes, e.g. \"salary payment\"",
        ));
    }
    let external_id = opt_string(&obj, "externalId", "externalId")?;
    if external_id.is_some_and(|e| e.len() > 100) {
        return Err(EmuError::field(
            "externalId",
            "must be at most 100 characters",
        ));
    }
    Ok(CreatePayoutRequest {
        wallet_id: q.wallet_id,
        asset: q.asset,
        fiat_currency: q.fiat_currency,
        provider: q.provider,
        country: q.country,
        borderless_account_id: string(&obj, "borderlessAccountId", "borderlessAccountId")?
            .to_owned(),
        payment_instructions_id: string(&obj, "paymentInstructionsId", "paymentInstructionsId")?
            .to_owned(),
        payment_purpose: purpose,
        external_id: external_id.map(str::to_owned),
    })
}

pub fn action(body: &[u8]) -> Result<PayoutAction, EmuError> {
    let obj = object(body)?;
    match string(&obj, "action", "action")? {
        "Cancel" => Ok(PayoutAction::Cancel),
        "Confirm" => {
            let wallet = string(&obj, "walletId", "walletId")?;
            wallet_id("walletId", wallet)?;
            let t = sub(&obj, "transfer")?;
            let (kind, amount, contract, mint) = asset_fields(t, "transfer")?;
            let to = string(t, "to", "transfer.to")?.to_owned();
            Ok(PayoutAction::Confirm {
                wallet_id: wallet.to_owned(),
                transfer: PayoutTransfer {
                    kind,
                    amount,
                    contract,
                    mint,
                    to,
                },
            })
        }
        _ => Err(EmuError::field("action", "must be Confirm or Cancel")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"walletId":"wa-5pfuu-9euek-h0odgb6snva8ph3k","asset":{"kind":"Erc20","amount":"1000000000","contract":"0x3c499c542cef5e3811e1192ce70d8cc03d5c3359"},"fiatCurrency":"USD","provider":"Borderless","country":"US","borderlessAccountId":"acct","paymentInstructionsId":"pi","paymentPurpose":"salary payment","externalId":"inv-1"}"#;

    fn with(field_path: &[&str], v: Value) -> Vec<u8> {
        let mut body: Value = serde_json::from_str(BODY).unwrap();
        let mut cur = &mut body;
        for p in &field_path[..field_path.len() - 1] {
            cur = &mut cur[*p];
        }
        cur[field_path[field_path.len() - 1]] = v;
        serde_json::to_vec(&body).unwrap()
    }

    #[test]
    fn accepts_the_guide_body() {
        let r = create(BODY.as_bytes()).unwrap();
        assert_eq!(r.payment_purpose, PaymentPurpose::SalaryPayment);
        assert_eq!(r.external_id.as_deref(), Some("inv-1"));
    }

    #[test]
    fn names_the_field_in_every_refusal() {
        let cases = [
            (with(&["walletId"], "wallet-1".into()), "walletId"),
            (with(&["asset", "kind"], "Native".into()), "asset.kind"),
            (with(&["asset", "amount"], "1.5".into()), "asset.amount"),
            (with(&["asset", "amount"], "0".into()), "asset.amount"),
            (with(&["asset", "amount"], 5.into()), "asset.amount"),
            (with(&["asset", "contract"], Value::Null), "asset.contract"),
            (with(&["fiatCurrency"], "usd".into()), "fiatCurrency"),
            (with(&["country"], "USA".into()), "country"),
            (with(&["provider"], "Acme".into()), "provider"),
            (
                with(&["paymentPurpose"], "Salary Payment".into()),
                "paymentPurpose",
            ),
            (
                with(&["borderlessAccountId"], "".into()),
                "borderlessAccountId",
            ),
        ];
        for (body, field) in cases {
            let e = create(&body).unwrap_err();
            assert_eq!(e.status, 400);
            assert_eq!(e.details.as_ref().unwrap()["field"], field, "{}", e.message);
            assert!(e.message.starts_with(field), "{}", e.message);
        }
        assert!(
            create(b"{not json")
                .unwrap_err()
                .message
                .starts_with("malformed JSON body")
        );
        assert_eq!(create(b"[1]").unwrap_err().status, 400);
    }

    #[test]
    fn actions() {
        assert_eq!(
            action(br#"{"action":"Cancel"}"#).unwrap(),
            PayoutAction::Cancel
        );
        assert_eq!(
            action(br#"{"action":"Approve"}"#)
                .unwrap_err()
                .details
                .unwrap()["field"],
            "action"
        );
        let e = action(br#"{"action":"Confirm","walletId":"wa-5pfuu-9euek-h0odgb6snva8ph3k","transfer":{"kind":"Spl","amount":"1","mint":"m"}}"#).unwrap_err();
        assert_eq!(e.details.unwrap()["field"], "transfer.to");
    }

    #[test]
    fn id_patterns() {
        assert!(is_dfns_id("pyt-4ihii-9lonb-tmhjo9bor4odmb5h", "pyt"));
        assert!(!is_dfns_id("pyt-4ihii-9lonb-tmhjo9bor4", "pyt"));
        assert!(!is_dfns_id("pyt-4IHII-9lonb-tmhjo9bor4odmb5h", "pyt"));
        assert!(!is_dfns_id("wa-4ihii-9lonb-tmhjo9bor4odmb5h", "pyt"));
    }
}
