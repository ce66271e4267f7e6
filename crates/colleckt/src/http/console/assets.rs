//! The console's stylesheet and script, embedded from `web/console/`.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "console.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../../../web/console/console.css"),
    ),
    (
        "admin.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../../../web/console/admin.css"),
    ),
    (
        "console.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../../../web/console/console.js"),
    ),
    (
        "review.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../../../web/console/review.css"),
    ),
    (
        "review.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../../../web/console/review.js"),
    ),
];

pub async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, body)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=300"),
                ),
            ],
            *body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
