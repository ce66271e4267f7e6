//! English and Spanish, like the widget. Each area of the console keeps its
//! own table of `(key, English, Spanish)`, so the two languages of a string
//! sit side by side and cannot drift apart; templates ask `t.s("key")`.
//! The language comes from the `colleckt_lang` cookie (set by the switch in
//! the page footer), else the browser's Accept-Language, else English.

mod account;
mod admin;
mod common;
mod review;

use axum::extract::{Path, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

pub const COOKIE: &str = "colleckt_lang";

/// Every table; a key is looked up in each in turn.
const TABLES: &[&[(&str, &str, &str)]] = &[
    common::ENTRIES,
    review::ENTRIES,
    admin::ENTRIES,
    account::ENTRIES,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("en") => Some(Lang::En),
            Some("es") => Some(Lang::Es),
            _ => None,
        }
    }

    /// The cookie's choice, else the first supported Accept-Language.
    pub fn of(parts: &Parts) -> Lang {
        if let Some(lang) = super::session::cookie(parts, COOKIE).and_then(|c| Lang::from_code(&c))
        {
            return lang;
        }
        parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.split(',')
                    .filter_map(|part| Lang::from_code(part.trim()))
                    .next()
            })
            .unwrap_or(Lang::En)
    }
}

/// The translator templates get.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    /// The string for `key`; an unknown key shows itself (a test keeps every
    /// key used by a template in a table).
    pub fn s<'a>(&self, key: &'a str) -> &'a str {
        lookup(self.0, key).unwrap_or(key)
    }

    pub fn lang(&self) -> &'static str {
        self.0.code()
    }
}

pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, es)| match lang {
            Lang::En => *en,
            Lang::Es => *es,
        })
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// A path of the console to go back to: never another site (`//host`).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if n.starts_with("/console") && !n.starts_with("//") && !n.contains('\\') => n,
        _ => "/console/queue",
    }
}

/// `GET /console/lang/{en|es}?next=…`: remembers the choice for a year.
pub async fn switch(Path(lang): Path<String>, Query(q): Query<Next>) -> Response {
    let lang = Lang::from_code(&lang).unwrap_or(Lang::En);
    let cookie = format!(
        "{COOKIE}={}; Path=/console; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let mut response = Redirect::to(safe_next(q.next.as_deref())).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        let mut seen = std::collections::HashSet::new();
        for (key, en, es) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(seen.insert(*key), "duplicate key {key}");
            assert!(!en.is_empty() && !es.is_empty(), "{key} lacks a language");
        }
    }

    /// Every `t.s("…")` in a console template names a key of a table.
    #[test]
    fn every_key_templates_use_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/console");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("templates/console") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("template");
            for part in text.split("t.s(\"").skip(1) {
                let key = part.split('"').next().unwrap_or_default();
                assert!(
                    lookup(Lang::En, key).is_some(),
                    "{} uses unknown key {key}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(
            checked > 10,
            "only {checked} keys found: is the pattern right?"
        );
    }

    #[test]
    fn next_stays_in_the_console() {
        assert_eq!(
            safe_next(Some("/console/cases/ver_1")),
            "/console/cases/ver_1"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/api/v1",
            "/console\\x",
        ] {
            assert_eq!(safe_next(Some(bad)), "/console/queue", "{bad}");
        }
        assert_eq!(Lang::from_code("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
