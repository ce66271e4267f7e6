//! The QR hand-off (CONTRACT §7): `/qr/{session}` redirects (302) to the
//! widget; `/qr/{session}.svg` and `/qr/{session}.png` draw the `qr_code` URL
//! as a QR code, for a desk to show and a phone to scan.

use crate::app::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::http::widget::session_exists;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use qrcode::{EcLevel, QrCode};

pub fn router() -> Router<AppState> {
    Router::new().route("/qr/{session}", get(show))
}

fn code(url: &str) -> ApiResult<QrCode> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| ApiError::Internal(format!("QR code: {e}")))
}

/// An SVG of the URL, scalable, with the quiet zone.
pub fn svg(url: &str) -> ApiResult<String> {
    Ok(code(url)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build())
}

/// A PNG of the URL, 8 pixels a module or more.
pub fn png(url: &str) -> ApiResult<Vec<u8>> {
    let img = code(url)?
        .render::<image::Luma<u8>>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .build();
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageLuma8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| ApiError::Internal(format!("QR PNG: {e}")))?;
    Ok(out.into_inner())
}

async fn show(State(state): State<AppState>, Path(path): Path<String>) -> ApiResult<Response> {
    let (token, ext) = match path.rsplit_once('.') {
        Some((t, e)) => (t, Some(e)),
        None => (path.as_str(), None),
    };
    let private = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
    ];
    if ext.is_none() {
        // The widget itself tells an unknown link apart, in the user's language.
        if !crate::http::widget::plausible_session(token) {
            return Err(ApiError::NotFound("This link is not valid."));
        }
        let to = format!("{}/spa/v3/{token}/process", state.public_url);
        let location = HeaderValue::from_str(&to).map_err(|e| ApiError::Internal(e.to_string()))?;
        return Ok((StatusCode::FOUND, private, [(header::LOCATION, location)]).into_response());
    }
    if !session_exists(&state, token).await? {
        return Err(ApiError::NotFound("This link is not valid."));
    }
    let url = format!("{}/qr/{token}", state.public_url);
    match ext {
        Some("svg") => {
            let mime = HeaderValue::from_static("image/svg+xml");
            Ok((private, [(header::CONTENT_TYPE, mime)], svg(&url)?).into_response())
        }
        Some("png") => {
            let bytes = tokio::task::spawn_blocking(move || png(&url))
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))??;
            let mime = HeaderValue::from_static("image/png");
            Ok((private, [(header::CONTENT_TYPE, mime)], bytes).into_response())
        }
        _ => Err(ApiError::NotFound("Not found.")),
    }
}
