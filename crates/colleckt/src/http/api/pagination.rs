//! Laravel-style pagination as the seeds show it: `links` and `meta`, 15 a page,
//! `per_page` up to 100. Links keep the caller's filters.

use serde::Serialize;
use utoipa::ToSchema;

pub const DEFAULT_PER_PAGE: i64 = 15;
pub const MAX_PER_PAGE: i64 = 100;

#[derive(Debug, Serialize, ToSchema)]
pub struct Links {
    pub first: String,
    pub last: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Meta {
    pub current_page: i64,
    pub from: Option<i64>,
    pub last_page: i64,
    pub path: String,
    pub per_page: i64,
    pub to: Option<i64>,
    pub total: i64,
}

/// `extra` are the other query parameters to carry into every link.
pub fn links_and_meta(
    path: &str,
    extra: &[(String, String)],
    page: i64,
    per_page: i64,
    shown: i64,
    total: i64,
) -> (Links, Meta) {
    let last_page = ((total + per_page - 1) / per_page).max(1);
    let link = |p: i64| {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in extra {
            q.append_pair(k, v);
        }
        q.append_pair("page", &p.to_string());
        format!("{path}?{}", q.finish())
    };
    let from = (shown > 0).then(|| (page - 1) * per_page + 1);
    let links = Links {
        first: link(1),
        last: link(last_page),
        prev: (page > 1).then(|| link((page - 1).min(last_page))),
        next: (page < last_page).then(|| link(page + 1)),
    };
    let meta = Meta {
        current_page: page,
        from,
        last_page,
        path: path.to_string(),
        per_page,
        to: from.map(|f| f + shown - 1),
        total,
    };
    (links, meta)
}
