//! The payouts API's enums (docs/reference/payouts-api.md §10, §11, §12, §13).

use super::open_enum::open_enum;

open_enum! {
    /// Top-level payout `status`.
    pub enum PayoutStatus {
        Processing = "Processing",
        Completed = "Completed",
        Failed = "Failed",
        Rejected = "Rejected",
        Expired = "Expired",
        Canceled = "Canceled",
    }
}

impl PayoutStatus {
    /// Completed, Failed, Rejected, Expired, Canceled never change again.
    /// An unknown status is not assumed final: it keeps being polled.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Completed | Self::Failed | Self::Rejected | Self::Expired | Self::Canceled
        )
    }
}

open_enum! {
    /// `data.executionStatus`, in the reference's (lifecycle) order.
    pub enum ExecutionStatus {
        Initializing = "Initializing",
        AwaitingPayoutInstructions = "AwaitingPayoutInstructions",
        AwaitingPayoutConfirmation = "AwaitingPayoutConfirmation",
        SubmittingPayoutTransfer = "SubmittingPayoutTransfer",
        PendingPolicyApproval = "PendingPolicyApproval",
        DepositProcessing = "DepositProcessing",
        DisbursementPending = "DisbursementPending",
        Completed = "Completed",
        Rejected = "Rejected",
        Failed = "Failed",
        Expired = "Expired",
        Canceled = "Canceled",
    }
}

impl ExecutionStatus {
    /// One line an ops engineer can act on (shown in the detail pane).
    pub fn meaning(&self) -> &'static str {
        match self {
            Self::Initializing => "just created; Dfns is registering the payout with the provider",
            Self::AwaitingPayoutInstructions => "waiting for the provider's deposit address",
            Self::AwaitingPayoutConfirmation => {
                "deposit address ready; waiting for the requester to confirm or cancel (24 h limit)"
            }
            Self::SubmittingPayoutTransfer => {
                "confirmed; Dfns is submitting the on-chain transfer (4 h limit)"
            }
            Self::PendingPolicyApproval => {
                "the transfer is held by a Dfns policy awaiting approval"
            }
            Self::DepositProcessing => "transfer sent; waiting for on-chain confirmation",
            Self::DisbursementPending => "deposit confirmed; waiting for the bank payout",
            Self::Completed => "fiat disbursed to the bank account",
            Self::Rejected => "the transfer was rejected by a Dfns policy",
            Self::Failed => "non-recoverable error; see the status reason",
            Self::Expired => "timed out waiting for confirmation or transfer submission",
            Self::Canceled => "canceled by the requester",
            Self::Other(_) => "a status this version does not know (shown as sent by the API)",
        }
    }
}

open_enum! {
    /// Asset kinds a payout can move (EVM ERC-20 and Solana SPL / Token-2022).
    pub enum AssetKind {
        Erc20 = "Erc20",
        Spl = "Spl",
        Spl2022 = "Spl2022",
    }
}

open_enum! {
    /// Off-ramp provider. `CircleMint` appears in the newer Python/Go SDKs only.
    pub enum Provider {
        Borderless = "Borderless",
        CircleMint = "CircleMint",
    }
}

open_enum! {
    /// `paymentPurpose`: the 26 exact lower-case strings of Appendix B.
    pub enum PaymentPurpose {
        SalaryPayment = "salary payment",
        PersonalRemittance = "personal remittance",
        RentPayment = "rent payment",
        PropertyPurchase = "property purchase",
        OwnedAccountAbroad = "owned account abroad",
        AdvertisingExpenses = "advertising expenses",
        AdvisoryFees = "advisory fees",
        BusinessInsurance = "business insurance",
        Construction = "construction",
        DeliveryFees = "delivery fees",
        Education = "education",
        Exports = "exports",
        Donation = "donation",
        Hotel = "hotel",
        LoanPayment = "loan payment",
        MaintenanceExpenses = "maintenance expenses",
        MedicalExpense = "medical expense",
        OfficeExpenses = "office expenses",
        RoyaltyFees = "royalty fees",
        ServiceCharge = "service charge",
        SharesInvestment = "shares investment",
        TaxPayment = "tax payment",
        TransportationFees = "transportation fees",
        Travel = "travel",
        UtilityBills = "utility bills",
        OtherPurpose = "other",
    }
}

open_enum! {
    /// Wallet `status`.
    pub enum WalletStatus {
        Active = "Active",
        Inactive = "Inactive",
        Archived = "Archived",
    }
}

open_enum! {
    /// `signingKey.scheme` of a wallet.
    pub enum KeyScheme {
        Dh = "DH",
        Ecdsa = "ECDSA",
        EdDsa = "EdDSA",
        Schnorr = "Schnorr",
    }
}

open_enum! {
    /// `signingKey.curve` of a wallet.
    pub enum KeyCurve {
        Ed25519 = "ed25519",
        Secp256k1 = "secp256k1",
        Stark = "stark",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_survive_a_round_trip() {
        let s: PayoutStatus = serde_json::from_str("\"OnHold\"").unwrap();
        assert_eq!(s, PayoutStatus::Other("OnHold".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"OnHold\"");
        assert!(!s.is_terminal());
    }

    #[test]
    fn purposes_use_the_exact_wire_strings() {
        assert_eq!(PaymentPurpose::KNOWN.len(), 26);
        assert_eq!(PaymentPurpose::SalaryPayment.as_str(), "salary payment");
        assert_eq!(
            PaymentPurpose::from_wire("other"),
            PaymentPurpose::OtherPurpose
        );
        // Case matters on the wire: "Salary Payment" is not a documented value.
        assert!(!PaymentPurpose::from_wire("Salary Payment").is_known());
    }

    #[test]
    fn every_known_value_parses_back_to_itself() {
        for s in ExecutionStatus::KNOWN {
            assert_eq!(&ExecutionStatus::from_wire(s.as_str()), s);
        }
        assert_eq!(ExecutionStatus::KNOWN.len(), 12);
    }
}
