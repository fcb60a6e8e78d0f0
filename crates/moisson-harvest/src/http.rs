//! The HTTP client of a harvest: http(s) only (rustls), time-outs, retries with
//! exponential back-off on transient failures, a politeness delay between two requests
//! to the source, and a maximum document size read as the body streams in.

use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode, Url, redirect};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// How a source is fetched; read from the source's options (`delay_ms`, `retries`,
/// `retry_base_ms`, `timeout_s`, `max_bytes`), each with a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    /// Pause between the end of one request and the start of the next.
    pub delay: Duration,
    /// Further attempts after a transient failure (connection, time-out, 5xx, 429).
    pub retries: u32,
    /// The first back-off; each further one doubles.
    pub retry_base: Duration,
    /// Whole request, body included.
    pub timeout: Duration,
    /// Largest document read; a larger one fails its page.
    pub max_bytes: usize,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            delay: Duration::from_millis(250),
            retries: 3,
            retry_base: Duration::from_secs(1),
            timeout: Duration::from_secs(120),
            max_bytes: 64 << 20,
        }
    }
}

/// A non-negative integer option, `default` when absent.
pub(crate) fn option_u64(options: &Map<String, Value>, name: &str, default: u64) -> Result<u64> {
    match options.get(name) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => v.as_u64().ok_or_else(|| {
            Error::Settings(format!("option {name} must be a non-negative integer"))
        }),
    }
}

impl HttpOptions {
    /// The options a source's settings name, defaults for the others.
    ///
    /// # Errors
    /// `Error::Settings` when an option is not a non-negative integer.
    pub fn from_options(options: &Map<String, Value>) -> Result<Self> {
        let d = Self::default();
        let millis = |name, default: Duration| -> Result<Duration> {
            let ms = u64::try_from(default.as_millis()).unwrap_or(u64::MAX);
            option_u64(options, name, ms).map(Duration::from_millis)
        };
        Ok(Self {
            delay: millis("delay_ms", d.delay)?,
            retries: u32::try_from(option_u64(options, "retries", d.retries.into())?)
                .unwrap_or(u32::MAX),
            retry_base: millis("retry_base_ms", d.retry_base)?,
            timeout: Duration::from_secs(option_u64(options, "timeout_s", d.timeout.as_secs())?),
            max_bytes: usize::try_from(option_u64(options, "max_bytes", d.max_bytes as u64)?)
                .unwrap_or(usize::MAX),
        })
    }
}

/// A fetched document.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub body: Vec<u8>,
    /// The `Content-Type` header, when sent.
    pub content_type: Option<String>,
}

/// One source's fetcher: one connection pool and the time of its last request.
#[derive(Debug)]
pub struct Fetcher {
    client: Client,
    options: HttpOptions,
    last: Option<Instant>,
}

/// Why one attempt failed: worth trying again, or not.
enum Failure {
    Transient(String),
    Fatal(String),
}

impl Fetcher {
    /// # Errors
    /// `Error::Settings` when the TLS client cannot be built.
    pub fn new(options: HttpOptions) -> Result<Self> {
        let client = Client::builder()
            .connect_timeout(Duration::from_secs(10).min(options.timeout))
            .timeout(options.timeout)
            .redirect(redirect::Policy::limited(5))
            .user_agent(concat!(
                "Moisson/",
                env!("CARGO_PKG_VERSION"),
                " (harvester)"
            ))
            .build()
            .map_err(|e| Error::Settings(format!("HTTP client: {e}")))?;
        Ok(Self {
            client,
            options,
            last: None,
        })
    }

    /// GETs `url` with `accept`, retrying transient failures with back-off.
    ///
    /// # Errors
    /// `Error::Remote` once the attempts are spent or on a failure not worth retrying
    /// (a 4xx status, a document over the size limit, a URL that is not http(s)).
    pub async fn get(&mut self, url: &str, accept: &str) -> Result<Fetched> {
        let parsed = parse_url(url).ok_or_else(|| Error::remote(url, "not an http(s) URL"))?;
        let mut attempt = 0;
        loop {
            self.wait_politely().await;
            let outcome = self.once(parsed.clone(), accept).await;
            self.last = Some(Instant::now());
            match outcome {
                Ok(fetched) => return Ok(fetched),
                Err(Failure::Transient(m)) if attempt < self.options.retries => {
                    tracing::warn!(url, attempt, "harvest request failed, retrying: {m}");
                    tokio::time::sleep(self.options.retry_base * 2u32.saturating_pow(attempt))
                        .await;
                    attempt += 1;
                }
                Err(Failure::Transient(m) | Failure::Fatal(m)) => {
                    return Err(Error::remote(url, m));
                }
            }
        }
    }

    async fn wait_politely(&self) {
        if let Some(last) = self.last {
            let since = last.elapsed();
            if since < self.options.delay {
                tokio::time::sleep(self.options.delay - since).await;
            }
        }
    }

    async fn once(&self, url: Url, accept: &str) -> std::result::Result<Fetched, Failure> {
        let mut res = self
            .client
            .get(url)
            .header(reqwest::header::ACCEPT, accept)
            .send()
            .await
            .map_err(|e| Failure::Transient(describe(&e)))?;
        let status = res.status();
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
            return Err(Failure::Transient(format!("HTTP status {status}")));
        }
        if !status.is_success() {
            return Err(Failure::Fatal(format!("HTTP status {status}")));
        }
        let max = self.options.max_bytes;
        let too_large = || Failure::Fatal(format!("the document is larger than {max} bytes"));
        if res.content_length().is_some_and(|n| n > max as u64) {
            return Err(too_large());
        }
        let content_type = res
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut body = Vec::new();
        while let Some(chunk) = res
            .chunk()
            .await
            .map_err(|e| Failure::Transient(describe(&e)))?
        {
            if body.len() + chunk.len() > max {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched { body, content_type })
    }
}

/// The URL when it is an absolute http or https URL with a host.
#[must_use]
pub fn parse_url(s: &str) -> Option<Url> {
    let url = Url::parse(s.trim()).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.host_str().is_some()).then_some(url)
}

/// What went wrong, with its causes (reqwest's own message hides whether DNS, TCP or
/// TLS failed).
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect (TCP or TLS handshake)"
    } else {
        "request failed"
    };
    let mut out = format!("{kind}: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}
