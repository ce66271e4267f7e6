//! Sealing and opening stored images, in one place: every object is sealed
//! with its verification's data key and bound to its storage key (the AAD), so
//! an object copied under another key or verification does not open.

use crate::app::AppState;
use crate::service::ServiceResult;
use colleckt_store::objects::ObjectError;
use colleckt_store::Verification;

fn aad(key: &str) -> String {
    format!("object:{key}")
}

/// Seals `bytes` and writes them under `key`.
pub async fn put(state: &AppState, v: &Verification, key: &str, bytes: &[u8]) -> ServiceResult<()> {
    let sealed = v.data_key().seal(bytes, &aad(key))?;
    state.objects.put(key, sealed).await?;
    Ok(())
}

/// Reads and opens the object under `key`; a missing object is a fault.
pub async fn open(state: &AppState, v: &Verification, key: &str) -> ServiceResult<Vec<u8>> {
    let sealed = state.objects.get(key).await?;
    Ok(v.data_key().open(&sealed, &aad(key))?)
}

/// Reads and opens the object under `key`; `None` when it is gone (a signed
/// URL outliving its document's images is a 404, not a fault).
pub async fn open_if_present(
    state: &AppState,
    v: &Verification,
    key: &str,
) -> ServiceResult<Option<Vec<u8>>> {
    let sealed = match state.objects.get(key).await {
        Err(ObjectError::NotFound) => return Ok(None),
        other => other?,
    };
    Ok(Some(v.data_key().open(&sealed, &aad(key))?))
}
