//! Sign-in, the second factor (and its enrolment when the workspace requires
//! one) and sign-out. The service (`service::sign_in`) decides; this shapes
//! pages, cookies and redirects. Attempts are limited per client address as
//! well as per account.

use super::chrome::Chrome;
use super::csrf::{self, AnonForm, Form, HalfForm};
use super::error::ConsoleError;
use super::i18n::{safe_next, Lang, Tr};
use super::page::render_status;
use super::session::{self, Console, HalfSignedIn};
use crate::app::AppState;
use crate::service::sign_in::{self as service, SecondFactor, SignIn};
use crate::service::totp;
use askama::Template;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use colleckt_store::Workspace;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "console/sign_in.html")]
struct SignInPage {
    t: Tr,
    chrome: Chrome,
    email: String,
    next: String,
    /// An i18n key: why the last attempt failed.
    error: Option<&'static str>,
    /// Set when the email has accounts in several workspaces.
    workspaces: Vec<Workspace>,
}

#[derive(Template)]
#[template(path = "console/second_factor.html")]
struct SecondFactorPage {
    t: Tr,
    chrome: Chrome,
    error: Option<&'static str>,
    /// Enrolment: the secret to type in, and its QR code as a data URI.
    enrol_secret: Option<String>,
    enrol_qr: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    workspace: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
pub struct Empty {}

fn sign_in_page(
    state: &AppState,
    parts: &Parts,
    status: StatusCode,
    page: impl FnOnce(Chrome) -> SignInPage,
) -> Response {
    let (secret, set) = csrf::anon_secret(state, parts);
    let chrome = Chrome::anon(csrf::token(state, &secret), "/console/sign-in");
    let mut response = render_status(status, &page(chrome));
    if let Some(v) = set {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// `GET /console/sign-in`: the form, or straight on when already signed in.
pub async fn show(
    State(state): State<AppState>,
    Query(q): Query<NextQuery>,
    mut parts: Parts,
) -> Response {
    let next = safe_next(q.next.as_deref()).to_string();
    if Console::from_request_parts(&mut parts, &state)
        .await
        .is_ok()
    {
        return Redirect::to(&next).into_response();
    }
    let t = Tr(Lang::of(&parts));
    sign_in_page(&state, &parts, StatusCode::OK, |chrome| SignInPage {
        t,
        chrome,
        email: String::new(),
        next,
        error: None,
        workspaces: vec![],
    })
}

/// `POST /console/sign-in`.
pub async fn submit(
    State(state): State<AppState>,
    AnonForm { parts, form }: AnonForm<SignInForm>,
) -> Response {
    let t = Tr(Lang::of(&parts));
    let next = safe_next(form.next.as_deref()).to_string();
    let origin = session::origin(&state, &parts);
    let again = |status, error, workspaces| {
        sign_in_page(&state, &parts, status, |chrome| SignInPage {
            t,
            chrome,
            email: form.email.chars().take(200).collect(),
            next: next.clone(),
            error,
            workspaces,
        })
    };
    if let Err(e) = state
        .limits
        .console_sign_in(state.limits.client_ip_of(&parts))
    {
        let mut r = again(
            StatusCode::TOO_MANY_REQUESTS,
            Some("signin.throttled"),
            vec![],
        );
        if let crate::http::error::ApiError::TooManyRequests { retry_after_secs } = e {
            if let Ok(v) = retry_after_secs.to_string().parse() {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        return r;
    }
    if form.email.len() > 254 || form.password.len() > 1024 {
        return again(StatusCode::UNAUTHORIZED, Some("signin.invalid"), vec![]);
    }
    let outcome = service::sign_in(
        &state,
        &form.email,
        &form.password,
        form.workspace.as_deref(),
        &origin,
    )
    .await;
    match outcome {
        Ok(SignIn::Done { secret, .. }) => signed_in(&state, &secret, &next),
        Ok(SignIn::SecondFactor { secret, .. }) => {
            signed_in(&state, &secret, "/console/second-factor")
        }
        Ok(SignIn::ChooseWorkspace(ws)) => {
            again(StatusCode::OK, Some("signin.choose_workspace"), ws)
        }
        Ok(SignIn::Invalid) => again(StatusCode::UNAUTHORIZED, Some("signin.invalid"), vec![]),
        Ok(SignIn::Locked { .. }) => {
            again(StatusCode::TOO_MANY_REQUESTS, Some("signin.locked"), vec![])
        }
        Err(e) => ConsoleError::from(e).into_response(),
    }
}

fn signed_in(state: &AppState, secret: &str, to: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, session::set_cookie(state, secret));
    r
}

pub(crate) fn qr_data_uri(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

async fn second_factor_page_for(
    state: &AppState,
    half: &HalfSignedIn,
    status: StatusCode,
    error: Option<&'static str>,
) -> Response {
    let (enrol_secret, enrol_qr) = if half.user.totp_enabled {
        (None, None)
    } else {
        match service::enrolment_secret(state, &half.user).await {
            Ok(secret) => {
                let uri = totp::otpauth_uri("Colleckt", &half.user.email, &secret);
                (Some(totp::base32(&secret)), qr_data_uri(&uri))
            }
            Err(e) => return ConsoleError::from(e).into_response(),
        }
    };
    render_status(
        status,
        &SecondFactorPage {
            t: half.t,
            chrome: Chrome::anon(half.csrf.clone(), "/console/second-factor"),
            error,
            enrol_secret,
            enrol_qr,
        },
    )
}

/// `GET /console/second-factor`.
pub async fn second_factor_page(State(state): State<AppState>, half: HalfSignedIn) -> Response {
    second_factor_page_for(&state, &half, StatusCode::OK, None).await
}

/// `POST /console/second-factor`.
pub async fn second_factor_submit(
    State(state): State<AppState>,
    HalfForm { half, form }: HalfForm<CodeForm>,
) -> Response {
    if state
        .limits
        .console_sign_in(half.origin.ip.as_deref().and_then(|ip| ip.parse().ok()))
        .is_err()
    {
        return second_factor_page_for(
            &state,
            &half,
            StatusCode::TOO_MANY_REQUESTS,
            Some("signin.throttled"),
        )
        .await;
    }
    let outcome =
        service::second_factor(&state, &half.session, &half.user, &form.code, &half.origin).await;
    match outcome {
        Ok(SecondFactor::Done { secret }) => signed_in(&state, &secret, "/console/queue"),
        Ok(SecondFactor::Invalid) => {
            second_factor_page_for(
                &state,
                &half,
                StatusCode::UNAUTHORIZED,
                Some("totp.invalid"),
            )
            .await
        }
        Ok(SecondFactor::Locked { .. }) => {
            let mut r = Redirect::to("/console/sign-in").into_response();
            r.headers_mut()
                .append(header::SET_COOKIE, session::clear_cookie(&state));
            r
        }
        Err(e) => ConsoleError::from(e).into_response(),
    }
}

/// `POST /console/sign-out`.
pub async fn sign_out(State(state): State<AppState>, form: Form<Empty>) -> Response {
    let c = &form.console;
    if let Err(e) = service::sign_out(&state, &c.session, &c.user, &c.origin).await {
        return ConsoleError::from(e).into_response();
    }
    let mut r = Redirect::to("/console/sign-in").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, session::clear_cookie(&state));
    r
}
