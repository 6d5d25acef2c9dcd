//! The Content-Security-Policy of a rendered page. Leptos marks every inline script it writes
//! (the hydration loader, resource data) with a fresh nonce per response; the policy allows
//! exactly those, and whatever they load (`'strict-dynamic'`), and nothing injected.

use leptos::prelude::*;

/// Sets this page's policy on the response. Called while the document shell renders, when the
/// request's nonce exists.
pub fn apply() {
    let (Some(nonce), Some(opts)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&policy(&nonce)) {
        opts.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Lets this page use the camera (the check-in desk's scanner). Every other response keeps the
/// site's `camera=()`, so no other page, and nothing framed in one, can ask for it.
pub fn allow_camera() {
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.insert_header(
            http::HeaderName::from_static("permissions-policy"),
            http::HeaderValue::from_static(CAMERA_HERE),
        );
    }
}

/// The site's permissions policy: no camera, microphone, location or payment for any page...
pub const NOTHING_ALLOWED: &str = "camera=(), microphone=(), geolocation=(), payment=()";
/// ...but the camera for this site's own check-in desk.
pub const CAMERA_HERE: &str = "camera=(self), microphone=(), geolocation=(), payment=()";

/// Scripts only by nonce (and the wasm they instantiate), styles and images from this site
/// (QR codes and charts are inline SVG markup, not `data:` URLs), forms only to this site, and
/// no framing: a page cannot be dressed up inside another site to harvest numbers.
pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::policy;

    #[test]
    fn only_the_nonce_runs_inline_scripts() {
        let p = policy("abc123");
        assert!(p.contains("script-src 'nonce-abc123' 'strict-dynamic'"));
        assert!(!p.contains("unsafe-inline"));
        assert!(p.contains("frame-ancestors 'none'"));
    }
}
