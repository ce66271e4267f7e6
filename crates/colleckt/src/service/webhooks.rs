//! Webhook actions shared by the API and the console: the manual retry of a
//! delivery. One path, so that a retry from either leaves the delivery and
//! its endpoint in the same state.

use crate::app::AppState;
use colleckt_store::{Delivery, RetryOutcome, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum RetryError {
    /// No such endpoint in the workspace (another workspace's is the same).
    #[error("Webhook not found.")]
    EndpointNotFound,
    #[error("Delivery not found.")]
    DeliveryNotFound,
    /// A worker holds the delivery right now; its attempt decides.
    #[error("The delivery is being attempted right now; retry it once that attempt is logged.")]
    InFlight,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Makes delivery `delivery_id` of endpoint `endpoint_id` (of `workspace_id`)
/// due now, enabling a disabled endpoint again; returns it as it now stands.
pub async fn retry_delivery(
    state: &AppState,
    workspace_id: &str,
    endpoint_id: &str,
    delivery_id: &str,
) -> Result<Delivery, RetryError> {
    let endpoint = state
        .store
        .get_endpoint(workspace_id, endpoint_id)
        .await?
        .ok_or(RetryError::EndpointNotFound)?;
    match state
        .store
        .retry_delivery(workspace_id, &endpoint.id, delivery_id)
        .await?
    {
        RetryOutcome::Scheduled => {}
        RetryOutcome::InFlight => return Err(RetryError::InFlight),
        RetryOutcome::NotFound => return Err(RetryError::DeliveryNotFound),
    }
    state
        .store
        .get_delivery(&endpoint.id, delivery_id)
        .await?
        .ok_or(RetryError::DeliveryNotFound)
}
