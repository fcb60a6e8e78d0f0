//! CKAN sources: the action API's `package_search`, paged by `start`/`rows` (option
//! `page_size`), narrowed by an optional Solr filter query (option `fq`). Each package
//! becomes a record: title, notes, tags, creation and modification dates, resources as
//! downloads.

use async_trait::async_trait;
use chrono::NaiveDate;
use moisson_model::harvest::RecordError;
use moisson_model::{Anchored, Record, RecordId};
use reqwest::Url;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::http::{Fetcher, option_u64, parse_url};
use crate::json_api::{add_dates, add_downloads, add_tags, items, text};
use crate::source::{Harvested, Page, Source};

/// Pages allowed beyond those the first page's `count` calls for.
const SLACK_PAGES: u64 = 2;

/// A CKAN catalogue being read.
#[derive(Debug)]
pub struct CkanSource {
    fetcher: Fetcher,
    base: Url,
    rows: u64,
    fq: Option<String>,
    /// `start` of the next page; `None` once read to its end.
    next: Option<u64>,
    count: Option<u64>,
    pages: u64,
}

impl CkanSource {
    /// `url` is the `package_search` action (`…/api/3/action/package_search`).
    ///
    /// # Errors
    /// `Error::Settings` for a URL that is not http(s) or a bad option.
    pub fn new(fetcher: Fetcher, url: &str, options: &Map<String, Value>) -> Result<Self> {
        let base = parse_url(url)
            .ok_or_else(|| Error::Settings(format!("{url} is not an http(s) URL")))?;
        let fq = match options.get("fq") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(Error::Settings("option fq must be text".to_owned())),
        };
        Ok(Self {
            fetcher,
            base,
            rows: option_u64(options, "page_size", 100)?.clamp(1, 1000),
            fq,
            next: Some(0),
            count: None,
            pages: 0,
        })
    }

    /// Asks only for the packages whose `metadata_modified` is on or after `since`,
    /// within the source's own `fq`.
    #[must_use]
    pub fn modified_since(mut self, since: Option<NaiveDate>) -> Self {
        if let Some(day) = since {
            let modified = format!(
                "metadata_modified:[{}T00:00:00Z TO *]",
                day.format("%Y-%m-%d")
            );
            self.fq = Some(match self.fq.take() {
                Some(fq) => format!("({fq}) AND {modified}"),
                None => modified,
            });
        }
        self
    }

    fn page_url(&self, start: u64) -> Url {
        let mut url = self.base.clone();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("start", &start.to_string())
                .append_pair("rows", &self.rows.to_string())
                .append_pair("sort", "id asc");
            if let Some(fq) = &self.fq {
                q.append_pair("fq", fq);
            }
        }
        url
    }
}

#[async_trait]
impl Source for CkanSource {
    async fn next_page(&mut self) -> Result<Option<Page>> {
        let Some(start) = self.next else {
            return Ok(None);
        };
        let url = self.page_url(start);
        let fail = |m: String| Error::remote(url.as_str(), m);
        let body = self
            .fetcher
            .get(url.as_str(), "application/json")
            .await?
            .body;
        self.pages += 1;
        let answer: Value =
            serde_json::from_slice(&body).map_err(|e| fail(format!("unreadable page: {e}")))?;
        if answer.get("success") != Some(&Value::Bool(true)) {
            return Err(fail(format!(
                "the action failed: {}",
                answer.get("error").unwrap_or(&Value::Null)
            )));
        }
        let result = answer
            .get("result")
            .ok_or_else(|| fail("no result".to_owned()))?;
        let packages = result
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| fail("no results list".to_owned()))?;
        let count = *self
            .count
            .get_or_insert(result.get("count").and_then(Value::as_u64).unwrap_or(0));
        let read = packages.len() as u64;
        let bound = count.div_ceil(self.rows) + SLACK_PAGES;
        self.next = if read == 0 || start + read >= count {
            None
        } else if self.pages >= bound {
            return Err(fail(format!(
                "paging never ends: {} pages for {count} packages",
                self.pages
            )));
        } else {
            Some(start + read)
        };
        let mut page = Page::default();
        for package in packages {
            page.push(record(package).and_then(|r| Harvested::new(r, None)));
        }
        Ok(Some(page))
    }
}

/// A CKAN package as a record.
///
/// # Errors
/// A `RecordError` when the package has no usable id.
pub fn record(package: &Value) -> std::result::Result<Record, RecordError> {
    let remote_id = text(package, "id").map(str::to_owned);
    let fail = |reason: String| RecordError {
        remote_id: remote_id.clone(),
        reason,
    };
    let id = remote_id
        .as_deref()
        .ok_or_else(|| fail("the package has no id".to_owned()))?;
    let id = RecordId::parse(id).map_err(|e| fail(e.to_string()))?;
    let title = text(package, "title").or_else(|| text(package, "name"));
    let title = title.ok_or_else(|| fail("the package has no title".to_owned()))?;
    let mut record = Record {
        id: Some(id),
        title: title.to_owned(),
        abstract_text: text(package, "notes").unwrap_or_default().to_owned(),
        ..Record::default()
    };
    let tags: Vec<Anchored> = items(package, "tags")
        .filter_map(|t| text(t, "display_name").or_else(|| text(t, "name")))
        .map(Anchored::text)
        .collect();
    add_tags(&mut record, tags);
    add_dates(
        &mut record,
        package,
        [
            ("metadata_created", "creation"),
            ("metadata_modified", "revision"),
        ],
    );
    add_downloads(&mut record, package, "name");
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpOptions;

    #[test]
    fn modified_since_narrows_the_filter_query() {
        let fetcher = Fetcher::new(HttpOptions::default()).expect("client");
        let mut options = Map::new();
        options.insert("fq".to_owned(), "organization:ddt".into());
        let url = "http://127.0.0.1:1/api/3/action/package_search";
        let day = NaiveDate::from_ymd_opt(2026, 3, 1);
        let source = CkanSource::new(fetcher, url, &options)
            .expect("source")
            .modified_since(day);
        let page = source.page_url(0);
        let fq: Vec<_> = page.query_pairs().filter(|(k, _)| k == "fq").collect();
        assert_eq!(
            fq[0].1,
            "(organization:ddt) AND metadata_modified:[2026-03-01T00:00:00Z TO *]"
        );
    }
}
