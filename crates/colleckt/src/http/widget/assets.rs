//! The widget's static files, embedded at compile time from `web/widget/`.
//! They are served under `/spa/assets/{build}/…`, where `build` is a hash of
//! all of them: a new binary gets new URLs, so each response can be cached for
//! a year, and relative ES module imports stay within one build.

use crate::http::error::{ApiError, ApiResult};
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

macro_rules! asset {
    ($name:literal, $mime:expr) => {
        Asset {
            name: $name,
            mime: $mime,
            body: include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../web/widget/",
                $name
            )),
        }
    };
}

pub struct Asset {
    pub name: &'static str,
    pub mime: &'static str,
    pub body: &'static [u8],
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file of the widget but the shell (`index.html`).
pub static ASSETS: &[Asset] = &[
    asset!("widget.css", "text/css; charset=utf-8"),
    asset!("app.js", JS),
    asset!("api.js", JS),
    asset!("camera.js", JS),
    asset!("dom.js", JS),
    asset!("i18n.js", JS),
    asset!("image.js", JS),
    asset!("progress.js", JS),
    asset!("strings.js", JS),
    asset!("step-capture.js", JS),
    asset!("step-finish.js", JS),
    asset!("step-intro.js", JS),
    asset!("step-pages.js", JS),
    asset!("step-review.js", JS),
];

pub const SHELL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../web/widget/index.html"
));

/// The hash of every asset and the shell: the `{build}` path segment.
pub static BUILD: LazyLock<String> = LazyLock::new(|| {
    let mut h = Sha256::new();
    for a in ASSETS {
        h.update(a.name.as_bytes());
        h.update((a.body.len() as u64).to_le_bytes());
        h.update(a.body);
    }
    h.update(SHELL.as_bytes());
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
});

pub async fn serve(
    Path((build, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let asset = ASSETS
        .iter()
        .find(|a| a.name == file && build == *BUILD)
        .ok_or(ApiError::NotFound("Not found."))?;
    let etag = format!("\"{}-{}\"", *BUILD, asset.name);
    let cache = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
    ];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let etag = HeaderValue::from_str(&etag).map_err(|e| ApiError::Internal(e.to_string()))?;
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, cache, [(header::ETAG, etag)]).into_response());
    }
    let mime = HeaderValue::from_static(asset.mime);
    Ok((
        cache,
        [(header::ETAG, etag), (header::CONTENT_TYPE, mime)],
        asset.body,
    )
        .into_response())
}
