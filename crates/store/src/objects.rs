//! Object storage for document images: a local directory by default, S3 (or any
//! S3-protocol server) when `COLLECKT_STORAGE_URL=s3://bucket/prefix`. Bytes are
//! sealed by the caller before they get here; this layer only moves them.

use bytes::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum ObjectError {
    #[error("storage URL {0:?} is not file://… or s3://bucket/prefix")]
    BadUrl(String),
    #[error("object not found")]
    NotFound,
    #[error("object storage: {0}")]
    Backend(#[from] object_store::Error),
    #[error("cannot create storage directory: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Clone)]
pub struct Objects {
    store: Arc<dyn ObjectStore>,
    prefix: Path,
    description: String,
}

impl std::fmt::Debug for Objects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

impl Objects {
    /// `file:///abs/dir`, `file://relative/dir`, or `s3://bucket[/prefix]` (with the
    /// standard `AWS_*` variables, and `AWS_ENDPOINT_URL` for S3-protocol servers).
    pub fn open(url: &str) -> Result<Objects, ObjectError> {
        if let Some(dir) = url.strip_prefix("file://") {
            std::fs::create_dir_all(dir)?;
            let fs = object_store::local::LocalFileSystem::new_with_prefix(dir)?;
            return Ok(Objects {
                store: Arc::new(fs),
                prefix: Path::default(),
                description: format!("local directory {dir}"),
            });
        }
        if let Some(rest) = url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(ObjectError::BadUrl(url.to_string()));
            }
            let mut builder =
                object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
            if let Ok(endpoint) = std::env::var("AWS_ENDPOINT_URL") {
                builder = builder
                    .with_allow_http(endpoint.starts_with("http://"))
                    .with_endpoint(endpoint)
                    .with_virtual_hosted_style_request(false);
            }
            let s3 = builder.build()?;
            return Ok(Objects {
                store: Arc::new(s3),
                prefix: Path::from(prefix.trim_matches('/')),
                description: format!("S3 bucket {bucket}"),
            });
        }
        Err(ObjectError::BadUrl(url.to_string()))
    }

    fn path(&self, key: &str) -> Path {
        let mut path = self.prefix.clone();
        for part in key.split('/') {
            path = path.child(part);
        }
        path
    }

    #[tracing::instrument(skip_all)]
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), ObjectError> {
        self.store
            .put(&self.path(key), PutPayload::from(Bytes::from(bytes)))
            .await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn get(&self, key: &str) -> Result<Bytes, ObjectError> {
        match self.store.get(&self.path(key)).await {
            Ok(r) => Ok(r.bytes().await?),
            Err(object_store::Error::NotFound { .. }) => Err(ObjectError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// Deleting what is already gone is not an error: purges may run twice.
    #[tracing::instrument(skip_all)]
    pub async fn delete(&self, key: &str) -> Result<(), ObjectError> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Keys of the objects last modified before `cutoff` (seconds since the
    /// epoch), for the orphan sweep; the listing pages through the whole store.
    pub async fn keys_older_than(&self, cutoff_secs: i64) -> Result<Vec<String>, ObjectError> {
        use futures::StreamExt;
        let prefix = self.prefix.as_ref().to_string();
        let mut listing = self.store.list(Some(&self.prefix));
        let mut keys = vec![];
        while let Some(meta) = listing.next().await {
            let meta = meta?;
            if meta.last_modified.timestamp() >= cutoff_secs {
                continue;
            }
            let location = meta.location.as_ref();
            let key = if prefix.is_empty() {
                location
            } else {
                match location.strip_prefix(&prefix) {
                    Some(rest) => rest.trim_start_matches('/'),
                    None => continue,
                }
            };
            keys.push(key.to_string());
        }
        Ok(keys)
    }

    /// Readiness: list one entry to prove the backend answers.
    pub async fn check(&self) -> Result<(), ObjectError> {
        use futures::StreamExt;
        let mut listing = self.store.list(Some(&self.prefix));
        match listing.next().await {
            Some(Err(e)) => Err(e.into()),
            _ => Ok(()),
        }
    }

    pub fn description(&self) -> &str {
        &self.description
    }
}
