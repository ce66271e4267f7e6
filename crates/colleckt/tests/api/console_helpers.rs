//! The review tests' console user: the admin tests' [`Browser`] (its cookie
//! jar, form tokens and real sign-in form), with one known password and the
//! call shapes the review tests use.

use crate::console_admin_helpers::Browser;
use crate::helpers::TestApp;

pub const PASSWORD: &str = "correct horse battery staple";

/// Creates a console user of workspace `slug` with [`PASSWORD`].
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

impl From<crate::console_admin_helpers::Page> for Page {
    fn from(p: crate::console_admin_helpers::Page) -> Page {
        let location = Some(p.location().to_string()).filter(|l| !l.is_empty());
        Page {
            status: p.status,
            body: p.body,
            location,
        }
    }
}

pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a csrf field") + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

pub struct ConsoleClient {
    browser: Browser,
}

impl ConsoleClient {
    pub fn new(app: &TestApp) -> ConsoleClient {
        ConsoleClient {
            browser: Browser::new(app),
        }
    }

    /// Signs `email` in through the sign-in form.
    pub async fn signed_in(app: &TestApp, email: &str) -> ConsoleClient {
        let c = ConsoleClient::new(app);
        let res = c.browser.sign_in(email, PASSWORD).await;
        assert_eq!(res.status, 303, "sign-in of {email}: {}", res.body);
        c
    }

    pub async fn get(&self, path: &str) -> Page {
        self.browser.get(path).await.into()
    }

    pub async fn get_bytes(&self, path: &str) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
        self.browser.get_bytes(path).await
    }

    /// Posts an urlencoded form (include the `csrf` field yourself).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.browser.post_raw(path, fields).await.into()
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
