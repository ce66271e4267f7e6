//! What the page layout (`templates/console/base.html`) shows around every
//! page: who is signed in, the navigation, the language switch, a notice
//! after an action, and the session's form token for the sign-out button.

use super::session::Console;

pub struct Chrome {
    pub csrf: String,
    /// `None` before sign-in: no navigation.
    pub email: Option<String>,
    pub is_admin: bool,
    /// The navigation entry to mark current: `queue`, `admin`, `audit`, `account`.
    pub active: &'static str,
    /// This page's path and query, for the language switch to come back to.
    pub here: String,
    /// The i18n key of a notice to show (after a redirect from an action).
    pub notice: Option<&'static str>,
}

impl Chrome {
    pub fn of(c: &Console, active: &'static str, here: impl Into<String>) -> Chrome {
        Chrome {
            csrf: c.csrf.clone(),
            email: Some(c.user.email.clone()),
            is_admin: c.is_admin(),
            active,
            here: here.into(),
            notice: None,
        }
    }

    pub fn anon(csrf: String, here: impl Into<String>) -> Chrome {
        Chrome {
            csrf,
            email: None,
            is_admin: false,
            active: "",
            here: here.into(),
            notice: None,
        }
    }

    pub fn with_notice(mut self, key: Option<&'static str>) -> Chrome {
        self.notice = key;
        self
    }

    /// The language switch's link to `lang`, back to this page.
    pub fn lang_link(&self, lang: &str) -> String {
        let next: String = url::form_urlencoded::byte_serialize(self.here.as_bytes()).collect();
        format!("/console/lang/{lang}?next={next}")
    }

    /// `aria-current` for the navigation entry `name`.
    pub fn current(&self, name: &str) -> &'static str {
        if self.active == name {
            "page"
        } else {
            "false"
        }
    }
}

/// A notice key from `?done=…` on a page redirected to after an action;
/// only known keys (a link cannot make the page say anything else).
pub fn notice(done: Option<&str>, known: &[&'static str]) -> Option<&'static str> {
    let done = done?;
    known
        .iter()
        .find(|k| k.strip_prefix("notice.") == Some(done))
        .copied()
}
