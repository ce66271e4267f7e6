//! The running service: what every handler and worker shares, and how it is
//! opened from settings (database, migrations, object storage, keys, flows).

use crate::http::limits::Limits;
use crate::http::links::Links;
use crate::http::render::View;
use crate::jobs::webhooks::settings::WebhookSettings;
use crate::readers::ReaderPool;
use crate::settings::Settings;
use axum::http::HeaderValue;
use colleckt_domain::FlowRegistry;
use colleckt_store::{Db, MasterKeys, Objects, Store};
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub objects: Objects,
    pub flows: Arc<FlowRegistry>,
    pub public_url: Arc<str>,
    pub retention_days: u32,
    /// How long a claimed job stays a worker's without renewal.
    pub job_lease: std::time::Duration,
    pub webhooks: Arc<WebhookSettings>,
    /// The reader processes every untrusted document is read in.
    pub readers: Arc<ReaderPool>,
    /// The rate limiters of this process (docs/limits.md).
    pub limits: Arc<Limits>,
    /// The widget page's Content-Security-Policy, with its `frame-ancestors`.
    pub widget_csp: HeaderValue,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("database: {0}")]
    Database(#[from] colleckt_store::dberror::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] colleckt_store::StoreError),
    #[error("object storage: {0}")]
    Objects(#[from] colleckt_store::objects::ObjectError),
    #[error("flows: {0}")]
    Flows(String),
    #[error("master key: {0}")]
    Keys(#[from] colleckt_store::KeyCheckError),
}

impl AppState {
    pub async fn open(
        settings: &Settings,
        keys: MasterKeys,
        flows: FlowRegistry,
    ) -> Result<AppState, OpenError> {
        let max_connections = if settings.database_url.starts_with("sqlite") {
            8
        } else {
            16
        };
        let db = Db::connect(&settings.database_url, max_connections).await?;
        db.migrate()
            .await
            .map_err(|e| OpenError::Migrate(e.into()))?;
        let store = Store::new(db, keys);
        // Refuse a key ring that cannot open what the database holds, and
        // record this key so the next start can tell.
        store.adopt_keys().await?;
        Ok(AppState {
            store,
            objects: Objects::open(&settings.storage_url)?,
            flows: Arc::new(flows),
            public_url: settings.public_url.as_str().into(),
            retention_days: settings.retention_days,
            job_lease: settings.job_lease,
            webhooks: Arc::new(settings.webhooks.clone()),
            readers: Arc::new(ReaderPool::new(settings.readers.clone())),
            limits: Arc::new(Limits::new(&settings.http)),
            widget_csp: crate::http::widget::frame::csp(&settings.http.widget_frame_ancestors),
        })
    }
}

impl AppState {
    /// What rendering needs of the state: its URLs and flows.
    pub fn view(&self) -> View<'_> {
        View {
            links: Links {
                public_url: &self.public_url,
                keys: &self.store.keys,
            },
            flows: &self.flows,
        }
    }
}

/// The builtin flows plus any JSON files in `dir`.
pub fn load_flows(dir: Option<&std::path::Path>) -> Result<FlowRegistry, OpenError> {
    let mut sources = vec![];
    if let Some(dir) = dir {
        let entries = std::fs::read_dir(dir).map_err(|e| OpenError::Flows(e.to_string()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) == Some("json") {
                let text =
                    std::fs::read_to_string(&path).map_err(|e| OpenError::Flows(e.to_string()))?;
                sources.push((path.display().to_string(), text));
            }
        }
    }
    FlowRegistry::builtin()
        .with_sources(sources)
        .map_err(|e| OpenError::Flows(e.to_string()))
}
