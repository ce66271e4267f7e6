//! Console failures as HTML pages. Statuses come from the one mapping of
//! `http/error.rs` (a service refusal is a 400 here as in the API); the page
//! says it in both languages, since an error may come before the language
//! is known.

use super::page::render_status;
use crate::http::error::ApiError;
use crate::service::ServiceError;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use colleckt_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    #[error("This form has expired or did not come from this console. Go back, reload the page and try again.")]
    Csrf,
    #[error("The form could not be read.")]
    BadForm,
    #[error("Only an administrator can do this.")]
    AdminOnly,
    #[error("Not found.")]
    NotFound,
    #[error(transparent)]
    Api(#[from] ApiError),
}

impl From<ServiceError> for ConsoleError {
    fn from(e: ServiceError) -> Self {
        ConsoleError::Api(e.into())
    }
}

impl From<StoreError> for ConsoleError {
    fn from(e: StoreError) -> Self {
        ConsoleError::Api(e.into())
    }
}

#[derive(Template)]
#[template(path = "console/error.html")]
struct ErrorPage<'a> {
    status: u16,
    message: &'a str,
    spanish: &'a str,
}

impl ConsoleError {
    fn status(&self) -> StatusCode {
        match self {
            ConsoleError::Csrf | ConsoleError::AdminOnly => StatusCode::FORBIDDEN,
            ConsoleError::BadForm => StatusCode::BAD_REQUEST,
            ConsoleError::NotFound => StatusCode::NOT_FOUND,
            ConsoleError::Api(e) => e.status(),
        }
    }

    fn spanish(&self) -> &'static str {
        match self {
            ConsoleError::Csrf => "Este formulario caducó o no viene de esta consola. Vuelva atrás, recargue la página e inténtelo de nuevo.",
            ConsoleError::BadForm => "No se pudo leer el formulario.",
            ConsoleError::AdminOnly => "Solo un administrador puede hacer esto.",
            ConsoleError::NotFound | ConsoleError::Api(ApiError::NotFound(_)) => "No encontrado.",
            ConsoleError::Api(ApiError::TooManyRequests { .. }) => {
                "Demasiados intentos. Espere un momento."
            }
            ConsoleError::Api(_) => "La acción no se pudo completar.",
        }
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            ConsoleError::Api(ApiError::Internal(cause)) => {
                tracing::error!(%cause, "console internal error");
                "Something went wrong on our side. Please try again later.".to_string()
            }
            other => other.to_string(),
        };
        let mut response = render_status(
            status,
            &ErrorPage {
                status: status.as_u16(),
                message: &message,
                spanish: self.spanish(),
            },
        );
        if let ConsoleError::Api(ApiError::TooManyRequests { retry_after_secs }) = self {
            if let Ok(v) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        response
    }
}

pub type ConsoleResult<T> = Result<T, ConsoleError>;
