//! SQLite backend (placeholder; implementation in progress).

use async_trait::async_trait;
use moisson_model::{RecordId, SearchQuery, Viewer};

use crate::{BulkSummary, Error, NewRecord, PutOutcome, Result, SearchPage, Store, StoredRecord};

pub struct SqliteStore;

impl SqliteStore {
    pub async fn open(_path: &str) -> Result<Self> {
        Ok(Self)
    }
}

fn todo_err() -> Error {
    Error::Task("sqlite backend not implemented yet".to_owned())
}

#[async_trait]
impl Store for SqliteStore {
    async fn put(&self, _r: NewRecord, _a: &Viewer) -> Result<PutOutcome> { Err(todo_err()) }
    async fn put_many(&self, _r: Vec<NewRecord>, _a: &Viewer) -> Result<BulkSummary> { Err(todo_err()) }
    async fn get(&self, _id: &RecordId, _v: &Viewer) -> Result<Option<StoredRecord>> { Err(todo_err()) }
    async fn delete(&self, _id: &RecordId, _a: &Viewer) -> Result<bool> { Err(todo_err()) }
    async fn search(&self, _q: &SearchQuery, _v: &Viewer) -> Result<SearchPage> { Err(todo_err()) }
    async fn count(&self, _v: &Viewer) -> Result<u64> { Err(todo_err()) }
    async fn ids(&self, _v: &Viewer) -> Result<Vec<RecordId>> { Err(todo_err()) }
    async fn ping(&self) -> Result<()> { Ok(()) }
}
