//! `GET /api/v1/flows` and `/api/v1/flows/{flow}`: what a flow accepts, so
//! integrators can build their forms (CONTRACT §2).

use crate::app::AppState;
use crate::http::api::lookup;
use crate::http::api::verifications::Data;
use crate::http::auth::Auth;
use crate::http::error::ApiResult;
use axum::extract::{Path, State};
use axum::Json;
use colleckt_domain::{Flow, Sides};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct FlowDocumentType {
    pub id: u32,
    pub name: String,
    /// `Photo ID` and/or `Proof of Address`: the slots it can fill.
    pub type_labels: Vec<String>,
    pub slots: Vec<String>,
    /// `["front"]` or `["front", "back"]`.
    pub sides: Vec<String>,
    /// ISO3 codes; `null` means any country.
    pub countries: Option<Vec<String>>,
    pub accepts_pdf: bool,
}

#[derive(Serialize, ToSchema)]
pub struct NotAcceptableResource {
    pub name: String,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct FlowResource {
    /// The path name used in URLs.
    pub id: String,
    pub name: String,
    pub slots: Vec<String>,
    pub document_types: Vec<FlowDocumentType>,
    /// Every other country is a forbidden combination for that type.
    pub forbidden_combinations: String,
    pub not_acceptable: Vec<NotAcceptableResource>,
    pub ttl_days: u32,
}

fn render(flow: &Flow) -> FlowResource {
    FlowResource {
        id: flow.slug.clone(),
        name: flow.name.clone(),
        slots: flow.slots.iter().map(|s| s.key().to_string()).collect(),
        document_types: flow
            .document_types
            .iter()
            .map(|t| FlowDocumentType {
                id: t.id,
                name: t.name.clone(),
                type_labels: t.slots.iter().map(|s| s.label().to_string()).collect(),
                slots: t.slots.iter().map(|s| s.key().to_string()).collect(),
                sides: match t.sides {
                    Sides::Front => vec!["front".into()],
                    Sides::FrontBack => vec!["front".into(), "back".into()],
                },
                countries: t.countries.clone(),
                accepts_pdf: t.accepts_pdf,
            })
            .collect(),
        forbidden_combinations: "A document type is forbidden for every country outside its \
            `countries` list; photo_id and proof_of_address must be different types."
            .into(),
        not_acceptable: flow
            .not_acceptable
            .iter()
            .map(|n| NotAcceptableResource {
                name: n.name.clone(),
                reason: n.reason.clone(),
            })
            .collect(),
        ttl_days: flow.ttl_days,
    }
}

/// Every flow this server knows.
#[utoipa::path(operation_id = "flows_list", get, path = "/api/v1/flows", tag = "Flows",
    responses((status = 200, body = Data<Vec<FlowResource>>), (status = 401)), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>, _auth: Auth) -> Json<Data<Vec<FlowResource>>> {
    Json(Data {
        data: state.flows.all().iter().map(render).collect(),
    })
}

/// One flow: document types, sides, countries, forbidden combinations.
#[utoipa::path(operation_id = "flows_show", get, path = "/api/v1/flows/{flow}", tag = "Flows", params(("flow" = String, Path)),
    responses((status = 200, body = Data<FlowResource>), (status = 401), (status = 404)), security(("bearer" = [])))]
pub async fn show(
    State(state): State<AppState>,
    _auth: Auth,
    Path(flow): Path<String>,
) -> ApiResult<Json<Data<FlowResource>>> {
    Ok(Json(Data {
        data: render(lookup::flow(&state, &flow)?),
    }))
}
