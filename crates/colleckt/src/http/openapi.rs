//! `/api/openapi.json` (OpenAPI 3.1, generated from the handlers' annotations
//! and types, so it cannot drift) and `/docs`, a page to try the API.

use crate::app::AppState;
use crate::http::api::{actions, documents, flows, pagination, verifications, webhooks};
use crate::http::render;
use axum::response::Html;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Colleckt API", description = "Identity verification for USPS Form 1583."),
    paths(
        verifications::list_all, verifications::list, verifications::create, verifications::show,
        verifications::update, verifications::destroy,
        actions::submit, actions::resubmit, actions::approve, actions::reject, actions::cancel,
        documents::upload_document, documents::list, documents::show, documents::destroy,
        flows::list, flows::show,
        webhooks::create, webhooks::list, webhooks::show, webhooks::destroy, webhooks::deliveries,
        webhooks::retry,
    ),
    components(schemas(
        render::VerificationResource, render::VerificationDetail, render::DocumentResource,
        render::CommentResource, render::HistoryResource, render::DecisionResource,
        pagination::Links, pagination::Meta, verifications::Page, flows::FlowResource,
        webhooks::WebhookResource, webhooks::CreatedWebhook, webhooks::DeliveryResource,
        webhooks::AttemptResource, webhooks::WebhookPage, webhooks::DeliveryPage,
    )),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/openapi.json",
            get(|| async { Json(ApiDoc::openapi()) }),
        )
        .route(
            "/docs",
            get(|| async { Html(include_str!("../../../../web/docs.html")) }),
        )
}
