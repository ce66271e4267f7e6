//! The widget page's Content-Security-Policy and the `frame-ancestors`
//! setting it carries. A leaf: the settings parse and default the value here
//! without depending on the widget's handlers.

use axum::http::HeaderValue;

/// The policy without `frame-ancestors`, which [`csp`] adds from the setting.
const CSP_BASE: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' blob: data:; media-src blob: 'self'; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'";

/// Who may frame the widget by default: nobody (no clickjacking of the capture).
pub const DEFAULT_FRAME_ANCESTORS: &str = "'none'";

/// The page's policy, with `frame-ancestors` from `--widget-frame-ancestors`
/// (checked by [`parse_frame_ancestors`]).
pub fn csp(frame_ancestors: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("{CSP_BASE}; frame-ancestors {frame_ancestors}"))
        .unwrap_or_else(|_| HeaderValue::from_static(DENY_FRAMES))
}

/// What [`csp`] falls back to on a value that cannot be a header (the
/// setting's parser refuses those first).
const DENY_FRAMES: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' blob: data:; media-src blob: 'self'; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A `frame-ancestors` source list: `'none'` alone, or `'self'`, schemes
/// (`https:`) and hosts (`https://*.example.com:8443`) separated by spaces.
/// Anything that could end the directive or start another is refused.
pub fn parse_frame_ancestors(s: &str) -> Result<String, String> {
    let sources: Vec<&str> = s.split_ascii_whitespace().collect();
    let bad = |what: &str| {
        format!("`{s}` is not a frame-ancestors list ({what}); e.g. 'none', 'self' or https://portal.example.com")
    };
    if sources.is_empty() {
        return Err(bad("empty"));
    }
    if sources.contains(&"'none'") && sources.len() > 1 {
        return Err(bad("'none' stands alone"));
    }
    for source in &sources {
        let keyword = matches!(*source, "'none'" | "'self'");
        let plain = source
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:/*_[]".contains(&b));
        if !keyword && !plain {
            return Err(bad("only 'none', 'self', schemes and hosts"));
        }
    }
    Ok(sources.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_ancestors_are_sources_only() {
        assert_eq!(parse_frame_ancestors(" 'none' ").unwrap(), "'none'");
        assert_eq!(
            parse_frame_ancestors("'self'  https://portal.example.com https://*.example.org:8443")
                .unwrap(),
            "'self' https://portal.example.com https://*.example.org:8443"
        );
        for bad in [
            "",
            "'none' 'self'",
            "https://a.example; script-src *",
            "https://a.example, https://b.example",
            "'unsafe-inline'",
            "'self' https://a.example'",
        ] {
            assert!(parse_frame_ancestors(bad).is_err(), "{bad}");
        }
        let policy = csp("'none'");
        assert!(policy
            .to_str()
            .unwrap()
            .ends_with("; frame-ancestors 'none'"));
    }
}
