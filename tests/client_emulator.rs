//! The API client against the emulator over real HTTP: every route and every refusal.

mod common;

use std::collections::HashSet;

use chrono::Duration;
use common::{client, client_with, create_body, emulator, emulator_with, fast_options};
use payouts_tui::dfns::client::{Client, ClientOptions};
use payouts_tui::dfns::error::ApiError;
use payouts_tui::dfns::model::{
    ExecutionStatus, ListPayoutsQuery, ListWalletsQuery, Payout, PayoutAction, PayoutStatus,
    PayoutTransfer,
};
use payouts_tui::dfns::secret::Secret;
use payouts_tui::emulator::faults::FaultSpec;
use payouts_tui::emulator::{Options, Running};

fn transfer_of(p: &Payout) -> PayoutAction {
    PayoutAction::Confirm {
        wallet_id: p.wallet_id.clone(),
        transfer: PayoutTransfer {
            kind: p.asset.kind.clone(),
            amount: p.asset.amount.clone(),
            contract: p.asset.contract.clone(),
            mint: p.asset.mint.clone(),
            to: p.data.deposit_address.clone().expect("deposit address"),
        },
    }
}

/// Creates a payout as `c` and moves the clock until its deposit address is there.
async fn awaiting(emu: &Running, c: &Client, whole: u64) -> Payout {
    let created = c
        .create_payout(&create_body(emu, whole, None))
        .await
        .unwrap();
    assert_eq!(created.execution_status(), &ExecutionStatus::Initializing);
    assert_eq!(created.status, PayoutStatus::Processing);
    emu.advance(Duration::seconds(60));
    let p = c.get_payout(&created.id).await.unwrap();
    assert_eq!(
        p.execution_status(),
        &ExecutionStatus::AwaitingPayoutConfirmation,
        "{p:?}"
    );
    p
}

fn status_of(e: &ApiError) -> u16 {
    e.status()
        .unwrap_or_else(|| panic!("expected an HTTP error, got {e}"))
}

#[tokio::test]
async fn lists_every_page_without_duplicates() {
    let emu = emulator().await;
    let c = client(&emu, "viewer");
    let q = ListPayoutsQuery {
        limit: Some(7),
        ..Default::default()
    };
    let all = c.list_all_payouts(&q).await.unwrap();
    let total = emu.state.world_now().0.payout_count();
    assert!(total >= 60, "seeded org has ~60 payouts, got {total}");
    assert_eq!(all.items.len(), total);
    assert!(all.malformed.is_empty());
    let ids: HashSet<_> = all.items.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), total);
    // Newest first.
    let dates: Vec<_> = all
        .items
        .iter()
        .map(|p| p.date_created.instant().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    // Every status and executionStatus is represented in the seed.
    for s in PayoutStatus::KNOWN {
        assert!(
            all.items.iter().any(|p| &p.status == s),
            "no {s} payout seeded"
        );
    }
    for s in [
        ExecutionStatus::AwaitingPayoutConfirmation,
        ExecutionStatus::PendingPolicyApproval,
        ExecutionStatus::DepositProcessing,
        ExecutionStatus::DisbursementPending,
        ExecutionStatus::SubmittingPayoutTransfer,
        ExecutionStatus::AwaitingPayoutInstructions,
    ] {
        assert!(
            all.items.iter().any(|p| p.execution_status() == &s),
            "no {s} payout seeded"
        );
    }
}

#[tokio::test]
async fn filters_by_status_and_wallet() {
    let emu = emulator().await;
    let c = client(&emu, "viewer");
    let q = ListPayoutsQuery {
        limit: Some(50),
        status: vec![PayoutStatus::Completed, PayoutStatus::Canceled],
        ..Default::default()
    };
    let page = c.list_all_payouts(&q).await.unwrap();
    assert!(!page.items.is_empty());
    assert!(
        page.items
            .iter()
            .all(|p| matches!(p.status, PayoutStatus::Completed | PayoutStatus::Canceled))
    );
    let wallet = emu.wallets[4].id.clone();
    let q = ListPayoutsQuery {
        wallet_id: Some(wallet.clone()),
        ..Default::default()
    };
    let page = c.list_all_payouts(&q).await.unwrap();
    assert!(!page.items.is_empty());
    assert!(page.items.iter().all(|p| p.wallet_id == wallet));
}

#[tokio::test]
async fn query_refusals_name_the_field() {
    let emu = emulator().await;
    let c = client(&emu, "viewer");
    for (q, field) in [
        (
            ListPayoutsQuery {
                limit: Some(51),
                ..Default::default()
            },
            "limit",
        ),
        (
            ListPayoutsQuery {
                limit: Some(0),
                ..Default::default()
            },
            "limit",
        ),
        (
            ListPayoutsQuery {
                pagination_token: Some("garbage".into()),
                ..Default::default()
            },
            "paginationToken",
        ),
        (
            ListPayoutsQuery {
                status: vec![PayoutStatus::Other("Done".into())],
                ..Default::default()
            },
            "status",
        ),
        (
            ListPayoutsQuery {
                wallet_id: Some("nope".into()),
                ..Default::default()
            },
            "walletId",
        ),
    ] {
        let e = c.list_payouts(&q).await.unwrap_err();
        assert_eq!(status_of(&e), 400, "{q:?}");
        assert!(e.dfns_message().unwrap().starts_with(field), "{e}");
    }
}

#[tokio::test]
async fn get_by_id_and_its_refusals() {
    let emu = emulator().await;
    let c = client(&emu, "viewer");
    let first = c
        .list_payouts(&ListPayoutsQuery {
            limit: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();
    let p = c.get_payout(&first.items[0].id).await.unwrap();
    assert_eq!(p, first.items[0]);
    let e = c
        .get_payout("pyt-aaaaa-bbbbb-cccccccccccccccc")
        .await
        .unwrap_err();
    assert_eq!(
        (status_of(&e), e.dfns_message()),
        (404, Some("payout not found"))
    );
    let e = c.get_payout("not-a-payout").await.unwrap_err();
    assert_eq!(status_of(&e), 400);
}

#[tokio::test]
async fn bad_token_and_missing_permission() {
    let emu = emulator().await;
    let stranger = Client::new(
        &emu.url(),
        Secret::new("eyJ.bogus.token"),
        None,
        fast_options(),
    )
    .unwrap();
    let e = stranger
        .list_payouts(&ListPayoutsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(
        (status_of(&e), e.dfns_message()),
        (401, Some("user token is missing or invalid"))
    );
    let viewer = client(&emu, "viewer");
    let e = viewer
        .create_payout(&create_body(&emu, 10, None))
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 403);
    assert!(
        e.dfns_message()
            .unwrap()
            .contains("not authorized to perform operation (Payouts:Create)"),
        "{e}"
    );
    let e = viewer
        .list_wallets(&ListWalletsQuery::default())
        .await
        .unwrap_err();
    assert!(e.dfns_message().unwrap().contains("(Wallets:Read)"), "{e}");
}

#[tokio::test]
async fn quote_is_unsigned_and_enriched() {
    let emu = emulator().await;
    let p = emu.principal("operator").unwrap();
    // No signer at all: the quote must still work (it is not a user action).
    let c = Client::new(&emu.url(), p.token.clone(), None, fast_options()).unwrap();
    let b = create_body(&emu, 1000, None);
    let q = c
        .quote(&payouts_tui::dfns::model::QuoteRequest {
            wallet_id: b.wallet_id.clone(),
            asset: b.asset.clone(),
            fiat_currency: "USD".into(),
            provider: b.provider.clone(),
            country: "US".into(),
        })
        .await
        .unwrap();
    assert_eq!(q.asset.network.as_str(), "Polygon");
    assert_eq!(q.asset.decimals(), Some(6));
    assert_eq!(q.asset.symbol(), Some("USDC"));
    let offer = &q.quotes[0].offer;
    assert_eq!(offer.amount + offer.fees, 1000.0);
    assert!(offer.fees > 0.0);
    let e = c.create_payout(&b).await.unwrap_err();
    assert!(matches!(e, ApiError::NoSigner), "{e}");
}

#[tokio::test]
async fn create_is_idempotent_by_external_id() {
    let emu = emulator().await;
    let c = client(&emu, "operator");
    let body = create_body(&emu, 250, Some("ext-idem-1"));
    let first = c.create_payout(&body).await.unwrap();
    let again = c.create_payout(&body).await.unwrap();
    assert_eq!(first.id, again.id);
    let mut other = body.clone();
    other.asset.amount = "251000000".into();
    let e = c.create_payout(&other).await.unwrap_err();
    assert_eq!(status_of(&e), 409);
    match e {
        ApiError::Http { details, .. } => {
            let d = details.unwrap();
            assert_eq!(d["duplicate"]["id"], first.id.as_str());
            assert_eq!(d["duplicate"]["externalId"], "ext-idem-1");
        }
        other => panic!("{other}"),
    }
    let stats = emu.state.world_now().0.stats.clone();
    assert_eq!((stats.payouts_created, stats.idempotent_replays), (1, 1));
}

#[tokio::test]
async fn fifty_concurrent_creates_make_one_payout() {
    let emu = emulator().await;
    let c = client(&emu, "operator");
    let body = create_body(&emu, 99, Some("ext-race-50"));
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let (c, body) = (c.clone(), body.clone());
            tokio::spawn(async move { c.create_payout(&body).await })
        })
        .collect();
    let mut ids = HashSet::new();
    for t in tasks {
        ids.insert(t.await.unwrap().unwrap().id);
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(emu.state.world_now().0.stats.payouts_created, 1);
}

#[tokio::test]
async fn confirm_moves_the_payout_on() {
    let emu = emulator().await;
    let c = client(&emu, "operator");
    let p = awaiting(&emu, &c, 300).await;
    c.payout_action(&p.id, &transfer_of(&p)).await.unwrap();
    let after = c.get_payout(&p.id).await.unwrap();
    assert_eq!(
        after.execution_status(),
        &ExecutionStatus::SubmittingPayoutTransfer
    );
    assert!(after.data.date_confirmed.is_some() && after.data.transfer_id.is_some());
    emu.advance(Duration::hours(1));
    let done = c.get_payout(&p.id).await.unwrap();
    assert!(done.status.is_terminal(), "{:?}", done.status);
    assert!(done.date_finalized.is_some());
}

#[tokio::test]
async fn cancel_and_every_action_refusal() {
    let emu = emulator().await;
    let me = client(&emu, "operator");
    let other = client(&emu, "operator2");
    let p = awaiting(&emu, &me, 120).await;

    // Not the requester.
    for action in [transfer_of(&p), PayoutAction::Cancel] {
        let e = other.payout_action(&p.id, &action).await.unwrap_err();
        assert_eq!(
            (status_of(&e), e.dfns_message()),
            (
                403,
                Some("only the payout requester can perform this action")
            )
        );
    }
    // A wrong address, amount, wallet.
    let mut wrong = transfer_of(&p);
    if let PayoutAction::Confirm { transfer, .. } = &mut wrong {
        transfer.to = "0x000000000000000000000000000000000000dead".into();
    }
    let e = me.payout_action(&p.id, &wrong).await.unwrap_err();
    assert_eq!(
        (status_of(&e), e.dfns_message()),
        (
            400,
            Some("transfer destination does not match payout deposit address")
        )
    );
    let mut wrong = transfer_of(&p);
    if let PayoutAction::Confirm { transfer, .. } = &mut wrong {
        transfer.amount = "1".into();
    }
    let e = me.payout_action(&p.id, &wrong).await.unwrap_err();
    assert_eq!(
        (status_of(&e), e.dfns_message()),
        (400, Some("transfer does not match payout"))
    );
    let mut wrong = transfer_of(&p);
    if let PayoutAction::Confirm { wallet_id, .. } = &mut wrong {
        *wallet_id = emu.wallets[1].id.clone();
    }
    assert_eq!(
        status_of(&me.payout_action(&p.id, &wrong).await.unwrap_err()),
        400
    );
    // Unknown payout.
    let e = me
        .payout_action("pyt-aaaaa-bbbbb-cccccccccccccccc", &PayoutAction::Cancel)
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 404);

    // Cancel, then nothing more is possible.
    me.payout_action(&p.id, &PayoutAction::Cancel)
        .await
        .unwrap();
    let after = me.get_payout(&p.id).await.unwrap();
    assert_eq!(after.status, PayoutStatus::Canceled);
    assert!(after.data.date_canceled.is_some());
    for action in [PayoutAction::Cancel, transfer_of(&p)] {
        let e = me.payout_action(&p.id, &action).await.unwrap_err();
        assert_eq!(
            (status_of(&e), e.dfns_message()),
            (400, Some("payout is not awaiting confirmation"))
        );
    }
}

#[tokio::test]
async fn confirm_twice_and_after_expiry() {
    let emu = emulator().await;
    let c = client(&emu, "operator");
    let p = awaiting(&emu, &c, 50).await;
    c.payout_action(&p.id, &transfer_of(&p)).await.unwrap();
    let e = c.payout_action(&p.id, &transfer_of(&p)).await.unwrap_err();
    assert_eq!(
        e.dfns_message(),
        Some("payout is not awaiting confirmation")
    );

    let q = awaiting(&emu, &c, 51).await;
    emu.advance(Duration::hours(24));
    let e = c.payout_action(&q.id, &transfer_of(&q)).await.unwrap_err();
    assert_eq!(
        (status_of(&e), e.dfns_message()),
        (400, Some("payout has expired"))
    );
    let expired = c.get_payout(&q.id).await.unwrap();
    assert_eq!(expired.status, PayoutStatus::Expired);
    assert!(expired.data.status_reason.is_some() && expired.date_finalized.is_some());
}

#[tokio::test]
async fn operator2_signs_with_p256() {
    let emu = emulator().await;
    let c = client(&emu, "operator2");
    let p = awaiting(&emu, &c, 75).await;
    c.payout_action(&p.id, &PayoutAction::Cancel).await.unwrap();
    assert_eq!(
        c.get_payout(&p.id).await.unwrap().status,
        PayoutStatus::Canceled
    );
}

#[tokio::test]
async fn credential_id_is_checked_and_proven() {
    let emu = emulator().await;
    let good = emu.principal("operator").unwrap().cred_id.clone();
    let c = client_with(&emu, "operator", Some(&good), fast_options());
    assert_eq!(c.prove_credential().await.unwrap(), good);
    let wrong = client_with(&emu, "operator", Some("Y2ktbm9wZQ"), fast_options());
    let e = wrong
        .create_payout(&create_body(&emu, 5, None))
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Credential(_)), "{e}");
    assert!(
        e.to_string().contains(&good),
        "names the offered credential: {e}"
    );
    // Nothing was created by the refused attempt.
    assert_eq!(emu.state.world_now().0.stats.payouts_created, 0);
}

#[tokio::test]
async fn clock_skew_follows_the_server_date() {
    let emu = emulator().await;
    let c = client(&emu, "viewer");
    assert_eq!(c.clock_skew(), None);
    c.list_payouts(&ListPayoutsQuery {
        limit: Some(1),
        ..Default::default()
    })
    .await
    .unwrap();
    assert!(c.clock_skew().unwrap().num_seconds().abs() <= 1);
    emu.advance(Duration::hours(1));
    c.list_payouts(&ListPayoutsQuery {
        limit: Some(1),
        ..Default::default()
    })
    .await
    .unwrap();
    let skew = c.clock_skew().unwrap().num_seconds();
    assert!((3599..=3601).contains(&skew), "{skew}");
}

#[tokio::test]
async fn wallets_and_balances() {
    let emu = emulator().await;
    let c = client(&emu, "operator");
    let all = c
        .list_all_wallets(&ListWalletsQuery {
            limit: Some(2),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.items.len(), emu.wallets.len());
    let networks: HashSet<_> = all
        .items
        .iter()
        .map(|w| w.network.as_str().to_owned())
        .collect();
    for n in ["Polygon", "Ethereum", "Base", "ArbitrumOne", "Solana"] {
        assert!(networks.contains(n), "{n}");
    }
    let w = c.get_wallet(&all.items[0].id).await.unwrap();
    assert_eq!(w, all.items[0]);
    let assets = c.get_wallet_assets(&w.id).await.unwrap();
    assert!(
        assets
            .assets
            .iter()
            .any(|a| a.is_payout_asset() && a.symbol.as_deref() == Some("USDC"))
    );
    let e = c
        .get_wallet("wa-aaaaa-bbbbb-cccccccccccccccc")
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 404);
}

#[tokio::test]
async fn reads_retry_through_rate_limits_and_5xx() {
    let emu = emulator_with(Options {
        seed: 3,
        faults: FaultSpec {
            rate_limit_rate: Some(1.0),
            retry_after_secs: Some(0),
            only: Some("GET /payouts".into()),
            ..Default::default()
        },
        ..Options::default()
    })
    .await;
    let c = client(&emu, "viewer");
    let e = c
        .list_payouts(&ListPayoutsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 429);
    // fast_options allows 3 attempts: all three were made.
    assert_eq!(emu.state.faults.counts().rate_limits, 3);
    emu.state.faults.clear();
    assert!(c.list_payouts(&ListPayoutsQuery::default()).await.is_ok());
}

#[tokio::test]
async fn a_mutation_is_never_retried_after_it_may_have_arrived() {
    // Every answer of the action route breaks after the server acted on it.
    let emu = emulator().await;
    let c = client(&emu, "operator");
    let p = awaiting(&emu, &c, 40).await;
    emu.state.faults.set(FaultSpec {
        reset_rate: Some(1.0),
        only: Some("POST /payouts/pyt-".into()),
        ..Default::default()
    });
    let e = c.payout_action(&p.id, &transfer_of(&p)).await.unwrap_err();
    assert!(matches!(e, ApiError::OutcomeUnknown(_)), "{e}");
    emu.state.faults.clear();
    // Sent exactly once, and it did happen: re-reading tells.
    assert_eq!(emu.state.world_now().0.stats.confirms, 1);
    assert_eq!(emu.state.faults.counts().resets, 1);
    let after = c.get_payout(&p.id).await.unwrap();
    assert_eq!(
        after.execution_status(),
        &ExecutionStatus::SubmittingPayoutTransfer
    );
}

#[tokio::test]
async fn unreachable_api_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let c = Client::new(
        &format!("http://{addr}"),
        Secret::new("t"),
        None,
        ClientOptions {
            retry: payouts_tui::dfns::client::retry::RetryPolicy::none(),
            ..fast_options()
        },
    )
    .unwrap();
    let e = c
        .list_payouts(&ListPayoutsQuery::default())
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Connect { .. }), "{e}");
    assert!(e.is_unavailable());
}

#[tokio::test]
async fn truncated_bodies_are_malformed_not_panics() {
    let emu = emulator_with(Options {
        seed: 3,
        faults: FaultSpec {
            truncate_rate: Some(1.0),
            only: Some("GET /payouts".into()),
            ..Default::default()
        },
        ..Options::default()
    })
    .await;
    let c = client(&emu, "viewer");
    let e = c
        .list_payouts(&ListPayoutsQuery::default())
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Malformed { .. }), "{e}");
}

/// `GET /auth/users` names the org's users for a token that may read them, and is refused
/// (403, the permission named) to one that may not: the dashboard then shows ids.
#[tokio::test]
async fn users_are_listed_only_with_auth_users_read() {
    let emu = emulator().await;
    let q = payouts_tui::dfns::model::ListUsersQuery::default();
    let users = client(&emu, "operator")
        .list_all_users(&q)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .items;
    let me = emu
        .principal("operator")
        .map(|p| p.user_id.clone())
        .unwrap_or_default();
    assert!(
        users
            .iter()
            .any(|u| u.user_id == me && u.username == "operator"),
        "{users:?}"
    );
    assert_eq!(users.len(), 3);
    let mine = users
        .iter()
        .find(|u| u.user_id == me)
        .and_then(|u| u.operations());
    assert!(
        mine.is_some_and(|ops| ops.contains(&"Payouts:Write")),
        "{users:?}"
    );
    match client(&emu, "viewer").list_all_users(&q).await {
        Err(ApiError::Http { status: 403, .. }) => {}
        other => panic!("expected 403, got {other:?}"),
    }
}
