//! Paging by links (DCAT's `hydra:next`, udata's `next_page`): the next page to read, and
//! a guard against sources whose links loop back to a page already read.

use std::collections::HashSet;

use reqwest::Url;

use crate::error::{Error, Result};
use crate::http::parse_url;

/// Where a source paged by links stands.
#[derive(Debug)]
pub(crate) struct LinkedPages {
    next: Option<Url>,
    visited: HashSet<String>,
}

impl LinkedPages {
    /// Starting at `url`; `Error::Settings` for a URL that is not http(s).
    pub(crate) fn start(url: &str) -> Result<Self> {
        let first = parse_url(url)
            .ok_or_else(|| Error::Settings(format!("{url} is not an http(s) URL")))?;
        Ok(Self {
            next: Some(first),
            visited: HashSet::new(),
        })
    }

    /// The next page to read (`None`: the source is read), refused when it was read before.
    pub(crate) fn take(&mut self) -> Result<Option<Url>> {
        let Some(url) = self.next.take() else {
            return Ok(None);
        };
        if !self.visited.insert(url.as_str().to_owned()) {
            return Err(Error::remote(
                url.as_str(),
                "paging loops back to a page already read",
            ));
        }
        Ok(Some(url))
    }

    /// Follows `link`, relative to the page `from` that gave it.
    pub(crate) fn follow(&mut self, from: &Url, link: &str) -> Result<()> {
        let next = from
            .join(link)
            .map_err(|e| Error::remote(from.as_str(), format!("bad next page {link}: {e}")))?;
        self.next = Some(next);
        Ok(())
    }
}
