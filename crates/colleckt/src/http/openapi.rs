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
    modifiers(&BearerAuth, &RateLimited),
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

/// Every API operation may answer 429 (docs/limits.md): added here to all of
/// them, so no handler's annotation can forget it.
struct RateLimited;

impl Modify for RateLimited {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{Content, ObjectBuilder, ResponseBuilder, Type};
        let seconds = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1))
            .build();
        let body = ObjectBuilder::new()
            .property("message", ObjectBuilder::new().schema_type(Type::String))
            .required("message")
            .build();
        let mut retry_after = utoipa::openapi::header::Header::new(seconds);
        retry_after.description = Some("Whole seconds to wait before retrying.".into());
        let response = ResponseBuilder::new()
            .description(
                "Too many requests from this API token or client address (limits are per \
                 server process); retry after `Retry-After` seconds.",
            )
            .header("Retry-After", retry_after)
            .content("application/json", Content::new(Some(body)))
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                op.responses
                    .responses
                    .entry("429".into())
                    .or_insert_with(|| response.clone().into());
            }
        }
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
