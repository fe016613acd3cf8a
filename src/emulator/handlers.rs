//! The Dfns routes. Order of checks on every route: bearer (401) → permission (403) →
//! user action on signed routes (403/400) → request validation (400) → the rule (400/403/404/409).

use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::dfns::model::{ListResponse, PayoutStatus, Provider, Requester};
use crate::emulator::auth::{Permission, Principal};
use crate::emulator::error::EmuError;
use crate::emulator::server::EmuState;
use crate::emulator::world::ListFilter;
use crate::emulator::{prices, query, validate};

pub(crate) type Answer = Result<Response, EmuError>;

pub(crate) fn caller(
    state: &EmuState,
    headers: &HeaderMap,
    needed: Permission,
) -> Result<Principal, EmuError> {
    state.caller(headers.get(header::AUTHORIZATION), needed)
}

/// A signed route's user-action token, checked against this exact request and consumed.
pub(crate) fn user_action(
    state: &EmuState,
    who: &Principal,
    headers: &HeaderMap,
    uri: &Uri,
    body: &[u8],
) -> Result<(), EmuError> {
    let token = headers
        .get("x-dfns-useraction")
        .and_then(|v| v.to_str().ok());
    state.auth().auth.consume_user_action(
        &who.user_id,
        token,
        "POST",
        uri.path(),
        body,
        Instant::now(),
    )
}

fn requester(p: &Principal) -> Requester {
    Requester {
        user_id: p.user_id.clone(),
        token_id: Some(p.token_id.clone()),
        extra: Default::default(),
    }
}

pub async fn auth_init(State(state): State<EmuState>, headers: HeaderMap, body: Bytes) -> Answer {
    let who = authenticated(&state, &headers)?;
    let mut a = state.auth();
    let now = Instant::now();
    let a = &mut *a;
    a.auth.sweep(now);
    let challenge = a.auth.init(&who.user_id, &body, now, &mut a.rng)?;
    Ok(Json(challenge).into_response())
}

pub async fn auth_complete(
    State(state): State<EmuState>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let who = authenticated(&state, &headers)?;
    let mut a = state.auth();
    let a = &mut *a;
    let token = a
        .auth
        .complete(&who.user_id, &body, Instant::now(), &mut a.rng)?;
    Ok(Json(token).into_response())
}

/// Any valid bearer: the signing routes need no payouts permission.
fn authenticated(state: &EmuState, headers: &HeaderMap) -> Result<Principal, EmuError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    state.auth().auth.authenticate(value).cloned()
}

pub async fn quote(State(state): State<EmuState>, headers: HeaderMap, body: Bytes) -> Answer {
    caller(&state, &headers, Permission::PayoutsCreate)?;
    let req = validate::quote(&body)?;
    let (world, now) = state.world_now();
    let wallet = world.wallet_or_404(&req.wallet_id)?;
    let address = req.asset.contract.as_deref().or(req.asset.mint.as_deref());
    let token = world.token_for(wallet, (&req.asset.kind, address))?;
    Ok(Json(prices::answer(&req, token, now)?).into_response())
}

pub async fn create(
    State(state): State<EmuState>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let who = caller(&state, &headers, Permission::PayoutsCreate)?;
    user_action(&state, &who, &headers, &uri, &body)?;
    let req = validate::create(&body)?;
    let (mut world, now) = state.world_now();
    let payout = world.create(requester(&who), req, now)?;
    Ok(Json(payout).into_response())
}

pub async fn list(
    State(state): State<EmuState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Answer {
    caller(&state, &headers, Permission::PayoutsRead)?;
    let q = query::Params::parse(q.as_deref());
    let limit = q.limit(50, 50)?;
    let before = q.cursor()?;
    if let Some(w) = q.one("walletId") {
        validate::wallet_id("walletId", w)?;
    }
    let filter = ListFilter {
        wallet_id: q.one("walletId").map(str::to_owned),
        status: q.enum_list("status", PayoutStatus::from_wire)?,
        provider: q.enum_list("provider", Provider::from_wire)?,
    };
    let (world, _) = state.world_now();
    let (items, last) = world.list(&filter, before, limit);
    Ok(Json(ListResponse {
        items,
        next_page_token: last.map(query::token_for),
    })
    .into_response())
}

pub async fn get_payout(
    State(state): State<EmuState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    caller(&state, &headers, Permission::PayoutsRead)?;
    validate::payout_id(&id)?;
    let (world, _) = state.world_now();
    let p = world.get(&id).ok_or_else(|| {
        EmuError::not_found("payout not found").with_details(json!({ "payoutId": id }))
    })?;
    Ok(Json(p).into_response())
}

pub async fn action(
    State(state): State<EmuState>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Answer {
    let who = caller(&state, &headers, Permission::PayoutsWrite)?;
    user_action(&state, &who, &headers, &uri, &body)?;
    validate::payout_id(&id)?;
    let action = validate::action(&body)?;
    let (mut world, now) = state.world_now();
    world.act(&who.user_id, &id, &action, now)?;
    Ok(Json(json!({})).into_response())
}

pub async fn list_wallets(
    State(state): State<EmuState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Answer {
    caller(&state, &headers, Permission::WalletsRead)?;
    let q = query::Params::parse(q.as_deref());
    let limit = q.limit(50, 500)?;
    let before = q.cursor()?;
    let (world, _) = state.world_now();
    // Oldest first, cursor = index of the next wallet.
    let start = before.unwrap_or(0);
    let all = world.wallets();
    let items: Vec<_> = all
        .iter()
        .skip(start)
        .take(limit)
        .map(|w| w.wallet.clone())
        .collect();
    let next = (start + items.len() < all.len()).then(|| query::token_for(start + items.len()));
    Ok(Json(ListResponse {
        items,
        next_page_token: next,
    })
    .into_response())
}

/// `GET /auth/users`: the seeded principals as the org's users (service accounts), one page.
/// The payouts references do not cover this route; the members follow the public API
/// reference's example.
pub async fn list_users(State(state): State<EmuState>, headers: HeaderMap) -> Answer {
    caller(&state, &headers, Permission::AuthUsersRead)?;
    let guard = state.auth();
    let items: Vec<serde_json::Value> = guard
        .auth
        .principals()
        .iter()
        .map(|p| {
            serde_json::json!({
                "userId": p.user_id,
                "username": p.name,
                "kind": p.kind,
                "orgId": p.org_id,
                "isActive": true,
                "isServiceAccount": p.kind == "ServiceAccount",
                "isRegistered": true,
                "permissionAssignments": [{
                    "permissionName": format!("{}-permissions", p.name),
                    "assignmentId": "",
                    "operations": p.permissions.iter().map(|x| x.as_str()).collect::<Vec<_>>(),
                }],
            })
        })
        .collect();
    Ok(Json(ListResponse {
        items,
        next_page_token: None,
    })
    .into_response())
}

pub async fn get_wallet(
    State(state): State<EmuState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    caller(&state, &headers, Permission::WalletsRead)?;
    validate::wallet_id("walletId", &id)?;
    let (world, _) = state.world_now();
    Ok(Json(&world.wallet_or_404(&id)?.wallet).into_response())
}

pub async fn wallet_assets(
    State(state): State<EmuState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Answer {
    caller(&state, &headers, Permission::WalletsRead)?;
    validate::wallet_id("walletId", &id)?;
    let net_worth = query::Params::parse(q.as_deref()).one("netWorth") == Some("true");
    let (world, _) = state.world_now();
    let w = world.wallet_or_404(&id)?;
    Ok(Json(prices::wallet_assets(w, net_worth)).into_response())
}
