//! `GET /console/queue`: the workspace's verifications, Double Check first
//! by default, filtered by status, flow, creation date, vendor reference and
//! holder name (through the blind index: whole words, never a decryption
//! scan), oldest change first, 50 a page; and `POST /console/queue/next`,
//! which claims the oldest unclaimed Double Check case and opens it.

use super::chrome::{self, Chrome};
use super::csrf::Form;
use super::error::{ConsoleError, ConsoleResult};
use super::i18n::Tr;
use super::page::render;
use super::session::Console;
use crate::app::AppState;
use crate::service::review;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use colleckt_domain::Status;
use colleckt_store::{ListFilter, Verification};
use serde::Deserialize;

const PAGE_SIZE: i64 = 50;
/// Longer free-text filters are cut: no name or reference is this long.
const MAX_FILTER_CHARS: usize = 100;

/// The query string, as typed: empty fields mean "any".
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    status: Option<String>,
    flow: Option<String>,
    from: Option<String>,
    to: Option<String>,
    reference: Option<String>,
    holder: Option<String>,
    page: Option<String>,
    done: Option<String>,
}

/// The filters after reading, echoed back into the form.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// `all` or a status value (`5`).
    pub status: String,
    pub flow: String,
    pub from: String,
    pub to: String,
    pub reference: String,
    pub holder: String,
}

fn clean(v: Option<String>) -> String {
    v.unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_FILTER_CHARS)
        .collect()
}

/// `YYYY-MM-DD` as microseconds at the start (or, `end`, the last instant) of that UTC day.
fn day_micros(day: &str, end: bool) -> Option<i64> {
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let time = if end {
        date.and_hms_micro_opt(23, 59, 59, 999_999)?
    } else {
        date.and_hms_opt(0, 0, 0)?
    };
    Some(time.and_utc().timestamp_micros())
}

impl Filters {
    fn read(q: &mut QueueQuery) -> Filters {
        let status = clean(q.status.take());
        Filters {
            status: if status.is_empty() {
                Status::DoubleCheck.value().to_string()
            } else {
                status
            },
            flow: clean(q.flow.take()),
            from: clean(q.from.take()),
            to: clean(q.to.take()),
            reference: clean(q.reference.take()),
            holder: clean(q.holder.take()),
        }
    }

    fn status(&self) -> Option<Status> {
        self.status.parse().ok().and_then(Status::from_value)
    }

    /// The store's filter; dates that do not parse are ignored (the form's
    /// date inputs only send valid ones).
    fn list_filter(&self, state: &AppState, ws: &str) -> ConsoleResult<ListFilter> {
        let holder_terms = if self.holder.is_empty() {
            vec![]
        } else {
            state.store.holder_query_terms(ws, &self.holder)?
        };
        Ok(ListFilter {
            flow: (!self.flow.is_empty()).then(|| self.flow.clone()),
            status: self.status(),
            vendor_reference: (!self.reference.is_empty()).then(|| self.reference.clone()),
            created_from: day_micros(&self.from, false),
            created_to: day_micros(&self.to, true),
            holder_terms,
            oldest_first: true,
            ..ListFilter::default()
        })
    }

    /// This page's query string with `status` and `page` replaced.
    pub fn href(&self, status: &str, page: i64) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        q.append_pair("status", status);
        for (k, v) in [
            ("flow", &self.flow),
            ("from", &self.from),
            ("to", &self.to),
            ("reference", &self.reference),
            ("holder", &self.holder),
        ] {
            if !v.is_empty() {
                q.append_pair(k, v);
            }
        }
        if page > 1 {
            q.append_pair("page", &page.to_string());
        }
        format!("/console/queue?{}", q.finish())
    }
}

pub struct Tab {
    pub href: String,
    pub label: &'static str,
    pub count: i64,
    pub current: bool,
}

pub struct Row {
    pub id: String,
    pub holder: String,
    pub flow: String,
    pub reference: String,
    pub status: &'static str,
    pub status_class: &'static str,
    pub age: String,
    /// Who holds the case; `None` when nobody does.
    pub claimed_by: Option<String>,
    pub claimed_by_me: bool,
}

pub struct FlowOption {
    pub slug: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "console/queue.html")]
struct QueuePage {
    t: Tr,
    chrome: Chrome,
    f: Filters,
    tabs: Vec<Tab>,
    flows: Vec<FlowOption>,
    rows: Vec<Row>,
    total: i64,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
}

/// The i18n key of a status's name.
pub fn status_key(s: Status) -> &'static str {
    match s {
        Status::Started => "status.started",
        Status::Submitted => "status.submitted",
        Status::Approved => "status.approved",
        Status::Rejected => "status.rejected",
        Status::DoubleCheck => "status.double_check",
        Status::Expired => "status.expired",
        Status::Canceled => "status.canceled",
        Status::Hold => "status.hold",
    }
}

/// A CSS class per status family, always shown with the status's name.
pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Approved => "pass",
        Status::Rejected | Status::Canceled | Status::Expired => "fail",
        Status::DoubleCheck | Status::Hold => "warn",
        Status::Started | Status::Submitted => "neutral",
    }
}

/// "3 min", "3 h", "2 d": how long since the last change.
pub fn age(t: Tr, since_micros: i64, now_micros: i64) -> String {
    let mins = (now_micros - since_micros).max(0) / 60_000_000;
    let (n, unit) = if mins < 60 {
        (mins, "age.min")
    } else if mins < 48 * 60 {
        (mins / 60, "age.h")
    } else {
        (mins / (24 * 60), "age.d")
    };
    format!("{n} {}", t.s(unit))
}

pub fn holder_name(v: &Verification) -> String {
    v.expected
        .person
        .as_ref()
        .map(|p| {
            format!("{} {}", p.first_name, p.last_name)
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

/// `GET /console/queue`.
pub async fn show(
    State(state): State<AppState>,
    c: Console,
    Query(mut q): Query<QueueQuery>,
) -> ConsoleResult<Response> {
    let ws = c.workspace_id().to_string();
    let page = q
        .page
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 100_000);
    let done = q.done.take();
    let f = Filters::read(&mut q);
    let filter = f.list_filter(&state, &ws)?;
    let (items, total) = state
        .store
        .list_verifications(&ws, &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await?;
    let ids: Vec<&str> = items.iter().map(|v| v.id.as_str()).collect();
    let claims = state.store.live_claims(&ws, &ids).await?;
    let now = colleckt_store::ids::now_micros();
    let rows = items
        .iter()
        .map(|v| {
            let claim = claims.iter().find(|cl| cl.verification_id == v.id);
            Row {
                id: v.id.clone(),
                holder: holder_name(v),
                flow: state
                    .flows
                    .get(&v.flow)
                    .map_or_else(|| v.flow.clone(), |fl| fl.name.clone()),
                reference: v.vendor_reference.clone().unwrap_or_default(),
                status: status_key(v.status),
                status_class: status_class(v.status),
                age: age(c.t, v.updated_at, now),
                claimed_by: claim.map(|cl| cl.email.clone()),
                claimed_by_me: claim.is_some_and(|cl| cl.user_id == c.user.id),
            }
        })
        .collect();
    let counts = state.store.status_counts(&ws).await?;
    // Double Check first: it is the work; the rest in the lifecycle's
    // order, and "all" last.
    let order = std::iter::once(Status::DoubleCheck).chain(
        Status::ALL
            .into_iter()
            .filter(|s| *s != Status::DoubleCheck),
    );
    let mut tabs: Vec<Tab> = order
        .map(|s| Tab {
            href: f.href(&s.value().to_string(), 1),
            label: status_key(s),
            count: counts
                .iter()
                .find(|(cs, _)| *cs == s)
                .map_or(0, |(_, n)| *n),
            current: f.status == s.value().to_string(),
        })
        .collect();
    tabs.push(Tab {
        href: f.href("all", 1),
        label: "queue.all",
        count: counts.iter().map(|(_, n)| n).sum(),
        current: f.status == "all",
    });
    let flows = state
        .flows
        .all()
        .iter()
        .map(|fl| FlowOption {
            slug: fl.slug.clone(),
            name: fl.name.clone(),
            selected: fl.slug == f.flow,
        })
        .collect();
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let here = f.href(&f.status, page);
    let notice = chrome::notice(done.as_deref(), &["notice.queue_empty", "notice.released"]);
    Ok(render(&QueuePage {
        t: c.t,
        chrome: Chrome::of(&c, "queue", here).with_notice(notice),
        prev: (page > 1).then(|| f.href(&f.status, page - 1)),
        next: (page < pages).then(|| f.href(&f.status, page + 1)),
        f,
        tabs,
        flows,
        rows,
        total,
        page,
        pages,
    }))
}

#[derive(Deserialize)]
pub struct Empty {}

/// `POST /console/queue/next`: claims the oldest unclaimed Double Check case
/// and opens it; back to the queue with a notice when there is none.
pub async fn next(State(state): State<AppState>, form: Form<Empty>) -> Response {
    match review::next_case(&state, &form.console.user).await {
        Ok(Some(id)) => Redirect::to(&format!("/console/cases/{id}")).into_response(),
        Ok(None) => Redirect::to("/console/queue?done=queue_empty").into_response(),
        Err(e) => ConsoleError::from(e).into_response(),
    }
}
