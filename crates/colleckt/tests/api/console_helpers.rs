//! A console user for the tests: a client that keeps its cookies (a small jar
//! of its own: the session and pre-session cookies, the language), signs in
//! through the real form, and posts forms with the page's CSRF token.

use crate::helpers::TestApp;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Client, Response};
use std::collections::BTreeMap;
use std::sync::Mutex;

pub const PASSWORD: &str = "correct horse battery staple";

/// Creates a console user of workspace `slug`.
pub async fn create_user(app: &TestApp, slug: &str, email: &str, role: &str) {
    let ws = app
        .state
        .store
        .workspace_by_slug(slug)
        .await
        .unwrap()
        .expect("workspace");
    let hash = colleckt::bootstrap::hash_password(PASSWORD).unwrap();
    app.state
        .store
        .create_user(&ws.id, email, &hash, role)
        .await
        .unwrap();
}

pub struct Page {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
}

impl Page {
    /// The first form token on the page.
    pub fn csrf(&self) -> String {
        csrf_of(&self.body)
    }
}

pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a csrf field") + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

pub struct ConsoleClient {
    pub base: String,
    client: Client,
    jar: Mutex<BTreeMap<String, String>>,
}

impl ConsoleClient {
    pub fn new(app: &TestApp) -> ConsoleClient {
        ConsoleClient {
            base: app.base.clone(),
            client: Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            jar: Mutex::new(BTreeMap::new()),
        }
    }

    /// Signs `email` in through the sign-in form.
    pub async fn signed_in(app: &TestApp, email: &str) -> ConsoleClient {
        let c = ConsoleClient::new(app);
        let form = c.get("/console/sign-in").await;
        assert_eq!(form.status, 200, "{}", form.body);
        let res = c
            .post(
                "/console/sign-in",
                &[
                    ("csrf", &form.csrf()),
                    ("email", email),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(res.status, 303, "sign-in of {email}: {}", res.body);
        c
    }

    fn cookie_header(&self) -> String {
        let jar = self.jar.lock().unwrap();
        jar.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn absorb(&self, res: &Response) {
        let mut jar = self.jar.lock().unwrap();
        for v in res.headers().get_all(SET_COOKIE) {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            if val.is_empty() || v.contains("Max-Age=0") {
                jar.remove(k);
            } else {
                jar.insert(k.to_string(), val.to_string());
            }
        }
    }

    async fn page(&self, res: Response) -> Page {
        self.absorb(&res);
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get(LOCATION)
            .map(|l| l.to_str().unwrap().to_string());
        Page {
            status,
            body: res.text().await.unwrap(),
            location,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.page(res).await
    }

    pub async fn get_bytes(&self, path: &str) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        (status, res.bytes().await.unwrap().to_vec(), headers)
    }

    /// Posts an urlencoded form (include the `csrf` field yourself).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        self.page(res).await
    }

    /// Fetches `page_path` for its token, then posts `fields` with it to `path`.
    pub async fn submit(&self, page_path: &str, path: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(page_path).await;
        assert_eq!(page.status, 200, "{page_path}: {}", page.body);
        let csrf = page.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(path, &all).await
    }
}
