//! CSW 2.0.2 sources: GetRecords in ISO 19139 (`gmd`), paged by `nextRecord`, with an
//! optional CQL constraint (option `constraint`) and page size (option `page_size`).
//!
//! A server without the ISO application profile (pycsw without `apiso`, plain CSW 2.0.2
//! servers) answers the first gmd page with an exception: the source then asks for
//! `csw:Record` (Dublin Core, full) instead, which every CSW 2.0.2 serves.
//!
//! A page that does not read as a whole (one broken record spoils it) is read again
//! record by record: its identifiers from the same page in Dublin Core brief, then each
//! record by GetRecordById, so that the broken record fails alone.
//!
//! Paging is checked, since remote servers get it wrong: each `nextRecord` must come
//! right after the records returned (a jump would silently skip records, and a later run
//! would then delete them), and the number of pages is bounded by what the server said
//! it matched, so a server whose paging never ends stops the run.

use async_trait::async_trait;
use chrono::NaiveDate;
use moisson_iso::ns::{CSW, GMD};
use moisson_model::harvest::RecordError;
use quick_xml::Reader;
use quick_xml::events::Event;
use reqwest::Url;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::http::{Fetcher, option_u64, parse_url};
use crate::source::{Harvested, Page, Source};

const ACCEPT: &str = "application/xml, text/xml;q=0.9";
/// A record of a page, or why it could not be read.
type ReadRecord = std::result::Result<moisson_iso::ParsedRecord, RecordError>;
/// Pages allowed beyond those `numberOfRecordsMatched` calls for.
const SLACK_PAGES: u64 = 2;

/// A remote CSW being read.
#[derive(Debug)]
pub struct CswSource {
    fetcher: Fetcher,
    base: Url,
    page_size: u64,
    constraint: Option<String>,
    /// `startPosition` of the next page; `None` once read to its end.
    next: Option<u64>,
    /// `numberOfRecordsMatched` of the first page.
    matched: Option<u64>,
    pages: u64,
    /// The schema records are asked in.
    schema: Schema,
}

impl CswSource {
    /// Asks only for the records whose `dct:modified` (the metadata date stamp) is on or
    /// after `since`, within the source's own constraint.
    #[must_use]
    pub fn modified_since(mut self, since: Option<NaiveDate>) -> Self {
        if let Some(day) = since {
            let modified = format!("dct:modified >= '{}'", day.format("%Y-%m-%d"));
            self.constraint = Some(match self.constraint.take() {
                Some(c) => format!("({c}) AND {modified}"),
                None => modified,
            });
        }
        self
    }
}

/// The schema of the records asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Schema {
    /// ISO 19139 (`gmd:MD_Metadata`), the ISO application profile.
    Iso,
    /// `csw:Record` full: what a server without the ISO profile serves.
    DublinCore,
}

/// The paging attributes of a GetRecords response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Paging {
    pub matched: Option<u64>,
    pub returned: Option<u64>,
    /// 0 when there is no next page.
    pub next: u64,
}

impl CswSource {
    /// # Errors
    /// `Error::Settings` for a URL that is not http(s) or a bad option.
    pub fn new(fetcher: Fetcher, url: &str, options: &Map<String, Value>) -> Result<Self> {
        let base = parse_url(url)
            .ok_or_else(|| Error::Settings(format!("{url} is not an http(s) URL")))?;
        let page_size = option_u64(options, "page_size", 50)?.clamp(1, 1000);
        let constraint = match options.get("constraint") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(_) => {
                return Err(Error::Settings(
                    "option constraint must be CQL text".to_owned(),
                ));
            }
        };
        Ok(Self {
            fetcher,
            base,
            page_size,
            constraint,
            next: Some(1),
            matched: None,
            pages: 0,
            schema: Schema::Iso,
        })
    }

    /// A GetRecords page: full ISO 19139 records, or (`brief`) Dublin Core brief records,
    /// the identifiers of a page whose full records could not be read.
    fn page_url(&self, start: u64, brief: bool) -> Url {
        let mut url = self.base.clone();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("service", "CSW")
                .append_pair("version", "2.0.2")
                .append_pair("request", "GetRecords")
                .append_pair("resultType", "results")
                .append_pair("startPosition", &start.to_string())
                .append_pair("maxRecords", &self.page_size.to_string());
            if brief || self.schema == Schema::DublinCore {
                q.append_pair("typeNames", "csw:Record")
                    .append_pair("elementSetName", if brief { "brief" } else { "full" })
                    .append_pair("outputSchema", CSW);
            } else {
                q.append_pair("typeNames", "gmd:MD_Metadata")
                    .append_pair("namespace", &format!("xmlns(gmd={GMD})"))
                    .append_pair("elementSetName", "full")
                    .append_pair("outputSchema", GMD);
            }
            if let Some(c) = &self.constraint {
                q.append_pair("constraintLanguage", "CQL_TEXT")
                    .append_pair("constraint_language_version", "1.1.0")
                    .append_pair("constraint", c);
            }
        }
        url
    }

    fn record_url(&self, id: &str) -> Url {
        let mut url = self.base.clone();
        url.query_pairs_mut()
            .append_pair("service", "CSW")
            .append_pair("version", "2.0.2")
            .append_pair("request", "GetRecordById")
            .append_pair("id", id)
            .append_pair("elementSetName", "full")
            .append_pair(
                "outputSchema",
                match self.schema {
                    Schema::Iso => GMD,
                    Schema::DublinCore => CSW,
                },
            );
        url
    }

    /// A page whose full records did not read as a whole: its identifiers from the brief
    /// page, then each record by GetRecordById, so that one broken record fails alone.
    async fn record_by_record(&mut self, start: u64, why: &str) -> Result<Vec<ReadRecord>> {
        let brief = self.page_url(start, true);
        let body = self.fetcher.get(brief.as_str(), ACCEPT).await?.body;
        let ids: Vec<String> = moisson_iso::read(&body)
            .map_err(|e| {
                Error::remote(
                    brief.as_str(),
                    format!("unreadable page ({why}), and its brief records too: {e}"),
                )
            })?
            .into_iter()
            .filter_map(|p| p.record.id.map(|id| id.as_str().to_owned()))
            .collect();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let url = self.record_url(&id);
            let read = match self.fetcher.get(url.as_str(), ACCEPT).await {
                Ok(fetched) => match moisson_iso::read(&fetched.body) {
                    Ok(mut records) if !records.is_empty() => Ok(records.swap_remove(0)),
                    Ok(_) => Err(format!("GetRecordById {id} answered no record")),
                    Err(e) => Err(format!("unreadable record: {e}")),
                },
                Err(e) => Err(e.to_string()),
            };
            out.push(read.map_err(|reason| RecordError {
                remote_id: Some(id),
                reason,
            }));
        }
        Ok(out)
    }

    /// Where the page after `start` begins, checking that paging advances without a gap.
    fn advance(&mut self, url: &str, start: u64, paging: Paging, read: u64) -> Result<()> {
        if self.matched.is_none() {
            self.matched = paging.matched;
        }
        let returned = paging.returned.unwrap_or(read);
        let past_end = self.matched.is_some_and(|m| paging.next > m);
        if paging.next == 0 || past_end {
            self.next = None;
            return Ok(());
        }
        if returned == 0 || paging.next <= start {
            return Err(Error::remote(
                url,
                format!(
                    "paging does not advance (nextRecord {} at {start})",
                    paging.next
                ),
            ));
        }
        if paging.next != start + returned {
            return Err(Error::remote(
                url,
                format!(
                    "paging skips records: nextRecord {} after {returned} records from {start}",
                    paging.next
                ),
            ));
        }
        let bound = self
            .matched
            .map_or(u64::MAX, |m| m.div_ceil(self.page_size) + SLACK_PAGES);
        if self.pages >= bound {
            return Err(Error::remote(
                url,
                format!(
                    "paging never ends: {} pages for {:?} records",
                    self.pages, self.matched
                ),
            ));
        }
        self.next = Some(paging.next);
        Ok(())
    }
}

#[async_trait]
impl Source for CswSource {
    async fn next_page(&mut self) -> Result<Option<Page>> {
        let Some(start) = self.next else {
            return Ok(None);
        };
        let mut page = Page::default();
        let (url, body, paging) = match self.fetch_page(start).await? {
            (url, body, Ok(paging)) => (url, body, paging),
            (url, _, Err(why)) if self.pages == 1 && self.schema == Schema::Iso => {
                // The first page in gmd refused: a server without the ISO profile.
                self.schema = Schema::DublinCore;
                self.pages = 0;
                page.notes.push(format!(
                    "the server refused ISO 19139 records ({why}): harvesting csw:Record"
                ));
                tracing::info!(url = url.as_str(), "no ISO profile ({why}); csw:Record");
                let (url, body, paging) = self.fetch_page(start).await?;
                let paging = paging.map_err(|m| Error::remote(url.as_str(), m))?;
                (url, body, paging)
            }
            (url, _, Err(why)) => return Err(Error::remote(url.as_str(), why)),
        };
        let records: Vec<ReadRecord> = match moisson_iso::read(&body) {
            Ok(records) => records.into_iter().map(Ok).collect(),
            Err(e) => {
                page.notes.push(format!(
                    "the page from {start} did not read ({e}): read record by record"
                ));
                tracing::info!(
                    url = url.as_str(),
                    "page unreadable ({e}); reading it record by record"
                );
                self.record_by_record(start, &e.to_string()).await?
            }
        };
        self.advance(url.as_str(), start, paging, records.len() as u64)?;
        for read in records {
            page.push(read.and_then(|p| Harvested::new(p.record, p.original)));
        }
        Ok(Some(page))
    }
}

impl CswSource {
    /// A page from `start` in the current schema, with its paging or why it has none.
    async fn fetch_page(
        &mut self,
        start: u64,
    ) -> Result<(Url, Vec<u8>, std::result::Result<Paging, String>)> {
        let url = self.page_url(start, false);
        let body = self.fetcher.get(url.as_str(), ACCEPT).await?.body;
        self.pages += 1;
        let paging = paging(&body);
        Ok((url, body, paging))
    }
}

/// The paging attributes of a GetRecords response (`csw:SearchResults`); an exception
/// report, a DTD or a response without results is an error.
///
/// # Errors
/// A message saying what the response is instead.
pub fn paging(body: &[u8]) -> std::result::Result<Paging, String> {
    let mut reader = Reader::from_reader(body);
    let mut buf = Vec::new();
    let mut in_exception_text = false;
    let mut exception: Option<String> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("not well-formed XML: {e}"))?;
        match event {
            Event::DocType(_) => return Err("a DTD in a CSW response is refused".to_owned()),
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"SearchResults" => {
                    let mut paging = Paging::default();
                    for attr in e.attributes().flatten() {
                        let value = String::from_utf8_lossy(&attr.value);
                        let number = value.trim().parse().ok();
                        match attr.key.local_name().as_ref() {
                            b"numberOfRecordsMatched" => paging.matched = number,
                            b"numberOfRecordsReturned" => paging.returned = number,
                            b"nextRecord" => paging.next = number.unwrap_or(0),
                            _ => {}
                        }
                    }
                    return Ok(paging);
                }
                b"ExceptionReport" => exception = Some(String::new()),
                b"ExceptionText" => in_exception_text = true,
                _ => {}
            },
            Event::Text(t) if in_exception_text => {
                if let Some(msg) = &mut exception {
                    msg.push_str(String::from_utf8_lossy(&t).trim());
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"ExceptionText" => {
                in_exception_text = false;
            }
            Event::Eof => {
                return Err(match exception {
                    Some(m) => format!("the server answered an exception: {m}"),
                    None => "no csw:SearchResults in the response".to_owned(),
                });
            }
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_attributes_and_exceptions() {
        let ok = br#"<csw:GetRecordsResponse xmlns:csw="http://www.opengis.net/cat/csw/2.0.2">
            <csw:SearchStatus timestamp="2026-01-01T00:00:00Z"/>
            <csw:SearchResults numberOfRecordsMatched="12" numberOfRecordsReturned="5"
              nextRecord="6" elementSet="full"/></csw:GetRecordsResponse>"#;
        assert_eq!(
            paging(ok),
            Ok(Paging {
                matched: Some(12),
                returned: Some(5),
                next: 6
            })
        );
        let ex = br#"<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows"><ows:Exception>
            <ows:ExceptionText>bad constraint</ows:ExceptionText></ows:Exception></ows:ExceptionReport>"#;
        let err = paging(ex).expect_err("exception");
        assert!(err.contains("bad constraint"), "{err}");
        let dtd = br#"<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>"#;
        assert!(paging(dtd).expect_err("dtd").contains("DTD"));
    }

    fn source() -> CswSource {
        let fetcher = Fetcher::new(crate::http::HttpOptions::default()).expect("client");
        let mut options = Map::new();
        options.insert("page_size".to_owned(), 5.into());
        CswSource::new(fetcher, "http://127.0.0.1:1/csw", &options).expect("source")
    }

    fn page(matched: u64, returned: u64, next: u64) -> Paging {
        Paging {
            matched: Some(matched),
            returned: Some(returned),
            next,
        }
    }

    #[test]
    fn modified_since_narrows_the_constraint() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1);
        let plain = source().modified_since(day);
        assert_eq!(
            plain.constraint.as_deref(),
            Some("dct:modified >= '2026-03-01'")
        );
        let fetcher = Fetcher::new(crate::http::HttpOptions::default()).expect("client");
        let mut options = Map::new();
        options.insert("constraint".to_owned(), "title LIKE '%eau%'".into());
        let narrowed = CswSource::new(fetcher, "http://127.0.0.1:1/csw", &options)
            .expect("source")
            .modified_since(day);
        assert_eq!(
            narrowed.constraint.as_deref(),
            Some("(title LIKE '%eau%') AND dct:modified >= '2026-03-01'")
        );
        assert_eq!(source().modified_since(None).constraint, None);
    }

    #[test]
    fn paging_must_advance_without_gaps_and_end() {
        let mut s = source();
        s.advance("u", 1, page(12, 5, 6), 5).expect("first page");
        assert_eq!(s.next, Some(6));
        let skip = s.advance("u", 6, page(12, 5, 12), 5).expect_err("gap");
        assert!(skip.to_string().contains("skips"), "{skip}");
        let back = s.advance("u", 6, page(12, 5, 1), 5).expect_err("backwards");
        assert!(back.to_string().contains("does not advance"), "{back}");
        s.advance("u", 11, page(12, 2, 0), 2).expect("last page");
        assert_eq!(s.next, None);

        // A server that keeps saying "more" for a source of 12 records.
        let mut endless = source();
        endless.pages = 5;
        endless.matched = Some(12);
        let err = endless.advance("u", 26, page(12, 5, 31), 5);
        assert!(
            err.is_ok(),
            "nextRecord past the matched count ends the run: {err:?}"
        );
        assert_eq!(endless.next, None);
        let mut lying = source();
        lying.pages = 5;
        let err = lying.advance("u", 21, page(1000, 5, 26), 5);
        assert!(err.is_ok());
        lying.pages = 203;
        let err = lying
            .advance("u", 26, page(1000, 5, 31), 5)
            .expect_err("bounded");
        assert!(err.to_string().contains("never ends"), "{err}");
    }
}
