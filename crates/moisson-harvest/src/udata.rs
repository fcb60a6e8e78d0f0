//! udata sources (data.gouv.fr and other udata portals): the datasets of one
//! organisation through the public API v1 (`/api/1/organizations/{id}/datasets/`), paged
//! by `next_page`. Each dataset becomes a record: title, description, tags as keywords,
//! creation and modification dates, its resources as download links and its page.

use async_trait::async_trait;
use moisson_model::harvest::RecordError;
use moisson_model::{Anchored, OnlineResource, Record, RecordId};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::http::Fetcher;
use crate::json_api::{add_dates, add_downloads, add_tags, items, text};
use crate::linked::LinkedPages;
use crate::source::{Harvested, Page, Source};

/// A udata organisation's datasets being read.
#[derive(Debug)]
pub struct UdataSource {
    fetcher: Fetcher,
    pages: LinkedPages,
}

impl UdataSource {
    /// # Errors
    /// `Error::Settings` for a URL that is not http(s).
    pub fn new(fetcher: Fetcher, url: &str) -> Result<Self> {
        Ok(Self {
            fetcher,
            pages: LinkedPages::start(url)?,
        })
    }
}

#[async_trait]
impl Source for UdataSource {
    async fn next_page(&mut self) -> Result<Option<Page>> {
        let Some(url) = self.pages.take()? else {
            return Ok(None);
        };
        let body = self
            .fetcher
            .get(url.as_str(), "application/json")
            .await?
            .body;
        // serde_json refuses nesting deeper than 128: a hostile page fails here, cleanly.
        let page: Value = serde_json::from_slice(&body)
            .map_err(|e| Error::remote(url.as_str(), format!("unreadable page: {e}")))?;
        let Some(datasets) = page.get("data").and_then(Value::as_array) else {
            return Err(Error::remote(url.as_str(), "no `data` list in the page"));
        };
        if let Some(next) = page.get("next_page").and_then(Value::as_str) {
            self.pages.follow(&url, next)?;
        }
        let mut out = Page::default();
        for dataset in datasets {
            out.push(record(dataset).and_then(|r| Harvested::new(r, None)));
        }
        Ok(Some(out))
    }
}

/// A udata dataset as a record.
///
/// # Errors
/// A `RecordError` when the dataset has no usable id or title.
pub fn record(dataset: &Value) -> std::result::Result<Record, RecordError> {
    let remote_id = text(dataset, "id").map(str::to_owned);
    let fail = |reason: &str| RecordError {
        remote_id: remote_id.clone(),
        reason: reason.to_owned(),
    };
    let id = remote_id
        .as_deref()
        .ok_or_else(|| fail("the dataset has no id"))?;
    let id = RecordId::parse(id).map_err(|e| fail(&e.to_string()))?;
    let title = text(dataset, "title").ok_or_else(|| fail("the dataset has no title"))?;
    let mut record = Record {
        id: Some(id),
        title: title.to_owned(),
        abstract_text: text(dataset, "description").unwrap_or_default().to_owned(),
        ..Record::default()
    };
    let tags: Vec<Anchored> = items(dataset, "tags")
        .filter_map(Value::as_str)
        .map(Anchored::text)
        .collect();
    add_tags(&mut record, tags);
    add_dates(
        &mut record,
        dataset,
        [("created_at", "creation"), ("last_modified", "revision")],
    );
    add_downloads(&mut record, dataset, "title");
    if let Some(page) = text(dataset, "page") {
        record.online_resources.push(OnlineResource {
            url: page.to_owned(),
            function: Some("information".to_owned()),
            ..OnlineResource::default()
        });
    }
    Ok(record)
}
