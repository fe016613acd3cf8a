//! Policy approvals, policies and wallet transfers: finding the approval that holds a
//! payout's transfer, the policies its quorum comes from, and deciding it (signed).

use reqwest::Method;

use super::retry::Safety;
use super::transport::decode;
use super::{Client, Page, applied_unreadable};
use crate::dfns::error::ApiError;
use crate::dfns::model::{
    Approval, DecisionRequest, ListApprovalsQuery, ListPoliciesQuery, Policy, TransferRequest,
};

const APPROVALS: [&str; 2] = ["v2", "policy-approvals"];
const POLICIES: [&str; 2] = ["v2", "policies"];

impl Client {
    /// One page of `GET /v2/policy-approvals`.
    pub async fn list_approvals(
        &self,
        query: &ListApprovalsQuery,
    ) -> Result<Page<Approval>, ApiError> {
        self.list_page(&APPROVALS, &query.to_pairs()).await
    }

    /// Every page, de-duplicated by id.
    pub async fn list_all_approvals(
        &self,
        query: &ListApprovalsQuery,
    ) -> Result<Page<Approval>, ApiError> {
        self.list_all(
            query,
            |c, q| Box::pin(c.list_approvals(q)),
            |a| a.id.as_str(),
        )
        .await
    }

    pub async fn get_approval(&self, id: &str) -> Result<Approval, ApiError> {
        let body = self
            .request(
                Method::GET,
                &[APPROVALS[0], APPROVALS[1], id],
                &[],
                None,
                None,
                Safety::Idempotent,
            )
            .await?;
        decode(&body, "approval")
    }

    /// `POST /v2/policy-approvals/{id}/decisions` (signed). Never repeated once it may have
    /// reached the server; the answer is the approval as it now stands (possibly settled).
    pub async fn decide_approval(
        &self,
        id: &str,
        body: &DecisionRequest,
    ) -> Result<Approval, ApiError> {
        let answer = self
            .signed_post(&[APPROVALS[0], APPROVALS[1], id, "decisions"], body)
            .await?;
        decode(&answer, "approval").map_err(applied_unreadable)
    }

    /// `GET /wallets/{walletId}/transfers/{transferId}`: carries `approvalId` when held.
    pub async fn get_transfer(
        &self,
        wallet_id: &str,
        transfer_id: &str,
    ) -> Result<TransferRequest, ApiError> {
        let body = self
            .request(
                Method::GET,
                &["wallets", wallet_id, "transfers", transfer_id],
                &[],
                None,
                None,
                Safety::Idempotent,
            )
            .await?;
        decode(&body, "transfer")
    }

    pub async fn get_policy(&self, id: &str) -> Result<Policy, ApiError> {
        let body = self
            .request(
                Method::GET,
                &[POLICIES[0], POLICIES[1], id],
                &[],
                None,
                None,
                Safety::Idempotent,
            )
            .await?;
        decode(&body, "policy")
    }

    pub async fn list_policies(&self, query: &ListPoliciesQuery) -> Result<Page<Policy>, ApiError> {
        self.list_page(&POLICIES, &query.to_pairs()).await
    }

    pub async fn list_all_policies(
        &self,
        query: &ListPoliciesQuery,
    ) -> Result<Page<Policy>, ApiError> {
        self.list_all(
            query,
            |c, q| Box::pin(c.list_policies(q)),
            |p| p.id.as_str(),
        )
        .await
    }
}
