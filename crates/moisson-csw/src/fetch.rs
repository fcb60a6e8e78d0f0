//! The HTTP client of Harvest: http and https (rustls) URLs only, bounded in time, in
//! redirects and in body size, since the source is whatever URL a writer sends.

use std::time::Duration;

use reqwest::{Client, Url, redirect};

/// Largest response body read.
pub(crate) const MAX_BODY: usize = 64 << 20;
/// Redirects followed before giving up (reqwest itself refuses non-http(s) targets).
const MAX_REDIRECTS: usize = 5;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Whole request, body included: a large remote page over a slow link still fits.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The URL when it is an absolute http or https URL with a host.
pub(crate) fn parse_source(source: &str) -> Option<Url> {
    let url = Url::parse(source.trim()).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.host_str().is_some()).then_some(url)
}

/// One client per harvest: its connection pool serves every page of a remote CSW.
pub(crate) fn client() -> Result<Client, String> {
    Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TIMEOUT)
        .redirect(redirect::Policy::limited(MAX_REDIRECTS))
        .user_agent(concat!(
            "Moisson/",
            env!("CARGO_PKG_VERSION"),
            " (CSW Harvest)"
        ))
        .build()
        .map_err(|e| chain(&e))
}

/// GETs a URL; the error is a message for the exception report.
pub(crate) async fn get(client: &Client, url: &str) -> Result<Vec<u8>, String> {
    let url = parse_source(url).ok_or("not an http(s) URL")?;
    let mut res = client
        .get(url)
        .header(reqwest::header::ACCEPT, "application/xml")
        .send()
        .await
        .map_err(|e| describe(&e))?;
    if !res.status().is_success() {
        return Err(format!("HTTP status {}", res.status()));
    }
    if res.content_length().is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(|e| describe(&e))? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn too_large() -> String {
    format!("the response is larger than {} MiB", MAX_BODY >> 20)
}

/// What went wrong, with its causes: reqwest's own message ("error sending request")
/// hides whether DNS, TCP or the TLS handshake failed.
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect (TCP or TLS handshake)"
    } else if e.is_redirect() {
        "redirect refused"
    } else {
        "request failed"
    };
    format!("{kind}: {}", chain(e))
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_urls_are_sources() {
        assert!(parse_source("https://example.org/csw").is_some());
        assert!(parse_source("http://127.0.0.1:8080/iso.xml").is_some());
        assert!(parse_source("file:///etc/passwd").is_none());
        assert!(parse_source("ftp://example.org/a.xml").is_none());
        assert!(parse_source("gopher://example.org/").is_none());
        assert!(parse_source("not a url").is_none());
    }
}
