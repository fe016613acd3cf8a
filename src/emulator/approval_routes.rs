//! The policy-approval routes: approvals (list, get, decide), policies (list, get), and a
//! wallet's transfer. Same order of checks as the payout routes: bearer (401) → permission
//! (403) → user action on the signed route (403/400) → validation (400) → the rule.
//!
//! Listing choices where the reference is silent: approvals newest first, default page 20
//! (the older documents' default), at most 100; policies oldest first, default 50, at most
//! 100. Filters accept camelCase and snake_case keys; `status` takes one value.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Uri};
use axum::response::IntoResponse;
use serde_json::json;

use super::approvals::ApprovalFilter;
use super::approvals::rules::Caller;
use super::auth::Permission;
use super::error::EmuError;
use super::handlers::{Answer, caller, user_action};
use super::server::EmuState;
use super::{query, validate};
use crate::dfns::model::{ApprovalStatus, ListResponse, PolicyStatus};

const APPROVALS_PAGE: usize = 20;
const POLICIES_PAGE: usize = 50;
const MAX_PAGE: usize = 100;

pub async fn list_approvals(
    State(state): State<EmuState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Answer {
    caller(&state, &headers, Permission::PoliciesApprovalsRead)?;
    let q = query::Params::parse(q.as_deref());
    let limit = q.limit(APPROVALS_PAGE, MAX_PAGE)?;
    let before = q.cursor_in(&["paginationToken", "pagination_token"])?;
    let status = match q.one("status") {
        None => None,
        Some(s) => {
            let s = ApprovalStatus::from_wire(s);
            if !s.is_known() {
                return Err(EmuError::field(
                    "status",
                    "must be one of Pending, Approved, Denied, Expired",
                ));
            }
            Some(s)
        }
    };
    let filter = ApprovalFilter {
        status,
        initiator_id: q
            .one_of(&["initiatorId", "initiator_id"])
            .map(str::to_owned),
        approver_id: q.one_of(&["approverId", "approver_id"]).map(str::to_owned),
    };
    let (world, _) = state.world_now();
    let (items, last) = world.book.list(&filter, before, limit);
    Ok(Json(ListResponse {
        items,
        next_page_token: last.map(query::token_for),
    })
    .into_response())
}

pub async fn get_approval(
    State(state): State<EmuState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    caller(&state, &headers, Permission::PoliciesApprovalsRead)?;
    validate::id_of("ap", "approvalId", &id)?;
    let (world, _) = state.world_now();
    let a = world.book.get(&id).ok_or_else(|| {
        EmuError::not_found("approval not found").with_details(json!({ "approvalId": id }))
    })?;
    Ok(Json(a).into_response())
}

/// Signed like a payout action: the decision is bound to this path and body.
pub async fn decide(
    State(state): State<EmuState>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Answer {
    let who = caller(&state, &headers, Permission::PoliciesApprovalsApprove)?;
    user_action(&state, &who, &headers, &uri, &body)?;
    validate::id_of("ap", "approvalId", &id)?;
    let req = validate::decision(&body)?;
    let (mut world, now) = state.world_now();
    let me = Caller {
        user_id: &who.user_id,
        service_account: who.kind == "ServiceAccount",
    };
    let approval = world.decide(me, &id, req, now)?;
    Ok(Json(approval).into_response())
}

pub async fn list_policies(
    State(state): State<EmuState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Answer {
    caller(&state, &headers, Permission::PoliciesRead)?;
    let q = query::Params::parse(q.as_deref());
    let limit = q.limit(POLICIES_PAGE, MAX_PAGE)?;
    let start = q
        .cursor_in(&["paginationToken", "pagination_token"])?
        .unwrap_or(0);
    let status = match q.one("status") {
        None => None,
        Some(s) => {
            let s = PolicyStatus::from_wire(s);
            if !s.is_known() {
                return Err(EmuError::field("status", "must be Active or Archived"));
            }
            Some(s)
        }
    };
    let (world, _) = state.world_now();
    let (items, next) = world.book.list_policies(status.as_ref(), start, limit);
    Ok(Json(ListResponse {
        items,
        next_page_token: next.map(query::token_for),
    })
    .into_response())
}

pub async fn get_policy(
    State(state): State<EmuState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    caller(&state, &headers, Permission::PoliciesRead)?;
    validate::id_of("plc", "policyId", &id)?;
    let (world, _) = state.world_now();
    let p = world.book.policy(&id).ok_or_else(|| {
        EmuError::not_found("policy not found").with_details(json!({ "policyId": id }))
    })?;
    Ok(Json(p).into_response())
}

pub async fn get_transfer(
    State(state): State<EmuState>,
    headers: HeaderMap,
    Path((wallet_id, transfer_id)): Path<(String, String)>,
) -> Answer {
    caller(&state, &headers, Permission::WalletsTransfersRead)?;
    validate::wallet_id("walletId", &wallet_id)?;
    validate::id_of("xfr", "transferId", &transfer_id)?;
    let (world, _) = state.world_now();
    Ok(Json(world.transfer(&wallet_id, &transfer_id)?).into_response())
}
