//! Document sources: one ISO 19139, ISO 19115-3 or Dublin Core document (or a saved CSW
//! response) at a URL, read whole by `moisson_iso::read` as a single page. What CSW
//! `Harvest` with an ISO `ResourceType` names.

use async_trait::async_trait;

use crate::error::{Error, Result};
use crate::http::{Fetcher, parse_url};
use crate::source::{Harvested, Page, Source};

const ACCEPT: &str = "application/xml, text/xml;q=0.9";

/// A remote document, read once.
#[derive(Debug)]
pub struct DocumentSource {
    fetcher: Fetcher,
    url: String,
    read: bool,
}

impl DocumentSource {
    /// # Errors
    /// `Error::Settings` for a URL that is not http(s).
    pub fn new(fetcher: Fetcher, url: &str) -> Result<Self> {
        let url = parse_url(url)
            .ok_or_else(|| Error::Settings(format!("{url} is not an http(s) URL")))?;
        Ok(Self {
            fetcher,
            url: url.to_string(),
            read: false,
        })
    }
}

#[async_trait]
impl Source for DocumentSource {
    async fn next_page(&mut self) -> Result<Option<Page>> {
        if self.read {
            return Ok(None);
        }
        let body = self.fetcher.get(&self.url, ACCEPT).await?.body;
        self.read = true;
        let records = moisson_iso::read(&body)
            .map_err(|e| Error::remote(&self.url, format!("unreadable document: {e}")))?;
        let mut page = Page::default();
        for parsed in records {
            page.push(Harvested::new(parsed.record, parsed.original));
        }
        Ok(Some(page))
    }
}
