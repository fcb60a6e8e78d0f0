//! What a Transaction will do, gathered before any write so that it applies all or
//! nothing: the records to write (one `put_many`, one store transaction) and the records
//! to delete afterwards.

use std::collections::HashMap;

use moisson_model::RecordId;
use moisson_store::NewRecord;

/// A record to write, whether the caller saw a stored record with its id, and the
/// version it was resolved at (the store writes it only if still there).
pub(super) struct Write {
    pub new: NewRecord,
    pub seen: bool,
    pub version: Option<i64>,
}

#[derive(Default)]
pub(super) struct Plan {
    /// Writes in request order; `None` once a later Delete of the same record cancelled it.
    writes: Vec<Option<Write>>,
    /// Position in `writes` of the pending write of each record id.
    by_id: HashMap<String, usize>,
    /// Stored records to delete, in request order.
    deletes: Vec<RecordId>,
}

impl Plan {
    /// Adds a write; a later write of the same id replaces the earlier one (last wins),
    /// and a write after a Delete of that id cancels the delete.
    #[cfg(test)]
    pub fn write(&mut self, new: NewRecord, seen: bool) {
        self.write_at(new, seen, None);
    }

    /// `write` of a record resolved at stored `version`: an edit made since (REST,
    /// another node) fails the transaction instead of being overwritten.
    pub fn write_at(&mut self, new: NewRecord, seen: bool, version: Option<i64>) {
        let write = Some(Write { new, seen, version });
        let Some(id) = write
            .as_ref()
            .and_then(|w| w.new.record.id.as_ref())
            .map(ToString::to_string)
        else {
            self.writes.push(write);
            return;
        };
        self.deletes.retain(|d| d.as_str() != id);
        if let Some(&i) = self.by_id.get(&id) {
            self.writes[i] = write;
        } else {
            self.by_id.insert(id, self.writes.len());
            self.writes.push(write);
        }
    }

    /// The record as this transaction already writes it, if it does.
    pub fn pending(&self, id: &RecordId) -> Option<&Write> {
        let i = *self.by_id.get(id.as_str())?;
        self.writes[i].as_ref()
    }

    /// Whether an earlier action deletes this record (and nothing wrote it since).
    pub fn is_deleted(&self, id: &RecordId) -> bool {
        self.deletes.contains(id)
    }

    pub fn delete(&mut self, id: RecordId) {
        if let Some(i) = self.by_id.remove(id.as_str()) {
            self.writes[i] = None;
        }
        if !self.deletes.contains(&id) {
            self.deletes.push(id);
        }
    }

    /// The writes and the deletes, in request order.
    pub fn into_parts(self) -> (Vec<Write>, Vec<RecordId>) {
        (self.writes.into_iter().flatten().collect(), self.deletes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::Record;

    fn new(id: &str, title: &str) -> NewRecord {
        let record = Record {
            id: Some(RecordId::parse(id).expect("id")),
            title: title.to_owned(),
            ..Record::default()
        };
        NewRecord {
            record,
            original: None,
        }
    }

    #[test]
    fn last_action_on_a_record_wins() {
        let mut plan = Plan::default();
        plan.write(new("a", "first"), false);
        plan.write(new("b", "b"), false);
        plan.write(new("a", "second"), false);
        plan.delete(RecordId::parse("b").expect("id"));
        plan.delete(RecordId::parse("c").expect("id"));
        plan.write(new("c", "again"), true);
        let a = RecordId::parse("a").expect("id");
        assert_eq!(
            plan.pending(&a).map(|w| w.new.record.title.as_str()),
            Some("second")
        );
        let (writes, deletes) = plan.into_parts();
        let titles: Vec<&str> = writes.iter().map(|w| w.new.record.title.as_str()).collect();
        assert_eq!(titles, ["second", "again"]);
        assert_eq!(deletes, [RecordId::parse("b").expect("id")]);
        let mut plan = Plan::default();
        plan.delete(RecordId::parse("d").expect("id"));
        assert!(plan.is_deleted(&RecordId::parse("d").expect("id")));
    }
}
