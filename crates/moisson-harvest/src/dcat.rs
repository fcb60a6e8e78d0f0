//! DCAT sources: a catalogue URL in any RDF serialisation (content negotiation, else the
//! URL's extension), followed page by page through `hydra:next` / `hydra:nextPage`, read
//! with `moisson_dcat`'s reader. A page URL met twice stops the run (paging that loops).

use async_trait::async_trait;
use moisson_dcat::Format;
use reqwest::Url;

use crate::error::{Error, Result};
use crate::http::Fetcher;
use crate::linked::LinkedPages;
use crate::source::{Harvested, Page, Source};

/// Every serialisation the reader knows, Turtle first (the most compact to parse).
const ACCEPT: &str = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, \
     application/n-triples;q=0.7";

/// A remote DCAT catalogue being read.
#[derive(Debug)]
pub struct DcatSource {
    fetcher: Fetcher,
    pages: LinkedPages,
}

impl DcatSource {
    /// # Errors
    /// `Error::Settings` for a URL that is not http(s).
    pub fn new(fetcher: Fetcher, url: &str) -> Result<Self> {
        Ok(Self {
            fetcher,
            pages: LinkedPages::start(url)?,
        })
    }
}

/// The serialisation of a fetched document: its media type when it names an RDF one,
/// else its URL's extension, else RDF/XML (what most catalogues serve as `application/xml`).
fn format_of(content_type: Option<&str>, url: &Url) -> Format {
    content_type
        .and_then(Format::from_media_type)
        .or_else(|| {
            let path = url.path();
            let ext = path.rsplit_once('.').map(|(_, e)| e)?;
            Format::from_extension(ext)
        })
        .unwrap_or(Format::RdfXml)
}

#[async_trait]
impl Source for DcatSource {
    async fn next_page(&mut self) -> Result<Option<Page>> {
        let Some(url) = self.pages.take()? else {
            return Ok(None);
        };
        let fetched = self.fetcher.get(url.as_str(), ACCEPT).await?;
        let format = format_of(fetched.content_type.as_deref(), &url);
        let read = moisson_dcat::read_dcat_page(&fetched.body, format)
            .map_err(|e| Error::remote(url.as_str(), format!("unreadable page: {e}")))?;
        if let Some(next) = read.next_page {
            self.pages.follow(&url, &next)?;
        }
        let mut page = Page::default();
        for record in read.records {
            page.push(Harvested::new(record, None));
        }
        Ok(Some(page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_media_type_then_the_extension_name_the_format() {
        let ttl = Url::parse("http://h/catalog.ttl").expect("url");
        let plain = Url::parse("http://h/catalog").expect("url");
        assert_eq!(
            format_of(Some("text/turtle; charset=utf-8"), &plain),
            Format::Turtle
        );
        assert_eq!(
            format_of(Some("application/octet-stream"), &ttl),
            Format::Turtle
        );
        assert_eq!(format_of(None, &ttl), Format::Turtle);
        assert_eq!(format_of(None, &plain), Format::RdfXml);
    }
}
