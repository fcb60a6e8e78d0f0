//! A small builder of model records for the tests.

use moisson_model::{
    Anchored, Bbox, Constraint, ConstraintKind, Contact, Format, GeographicExtent, HierarchyLevel,
    KeywordGroup, Record, RecordId, ResourceDate, TemporalExtent, Visibility, WorkflowStatus,
};
use moisson_store::NewRecord;

pub struct Rec(Record);

pub fn rec(id: &str) -> Rec {
    let mut r = Record {
        id: Some(RecordId::parse(id).expect("valid id")),
        ..Record::default()
    };
    r.title = format!("Record {id}");
    Rec(r)
}

impl Rec {
    pub fn title(mut self, t: &str) -> Self {
        t.clone_into(&mut self.0.title);
        self
    }
    pub fn abstract_text(mut self, t: &str) -> Self {
        t.clone_into(&mut self.0.abstract_text);
        self
    }
    pub fn keywords(mut self, ks: &[&str]) -> Self {
        let keywords = ks.iter().map(|k| Anchored::text(*k)).collect();
        self.0.keywords.push(KeywordGroup {
            keywords,
            ..KeywordGroup::default()
        });
        self
    }
    pub fn kind(mut self, level: &str) -> Self {
        self.0.hierarchy_level = HierarchyLevel::parse(level);
        self
    }
    pub fn org(mut self, org: &str) -> Self {
        self.0.catalogue.owner_org = Some(org.to_owned());
        self.0.contacts.push(Contact {
            organisation: Some(format!("Organisation {org}")),
            ..Contact::default()
        });
        self
    }
    pub fn visibility(mut self, v: Visibility) -> Self {
        self.0.catalogue.visibility = v;
        self
    }
    pub fn status(mut self, s: WorkflowStatus) -> Self {
        self.0.catalogue.status = s;
        self
    }
    pub fn shared_with(mut self, units: &[&str]) -> Self {
        self.0.catalogue.shared_with = units.iter().map(|u| (*u).to_owned()).collect();
        self
    }
    pub fn format(mut self, f: &str) -> Self {
        self.0.formats.push(Format {
            name: Anchored::text(f),
            version: None,
        });
        self
    }
    pub fn licence(mut self, l: &str) -> Self {
        let c = Constraint {
            kind: ConstraintKind::Legal,
            licence: Some(Anchored::text(l)),
            ..Constraint::default()
        };
        self.0.constraints.push(c);
        self
    }
    pub fn topic(mut self, t: &str) -> Self {
        self.0.topic_categories.push(t.to_owned());
        self
    }
    pub fn date_stamp(mut self, d: &str) -> Self {
        self.0.metadata.date_stamp = Some(d.to_owned());
        self
    }
    pub fn date(mut self, kind: &str, d: &str) -> Self {
        self.0.dates.push(ResourceDate {
            kind: kind.to_owned(),
            date: d.to_owned(),
        });
        self
    }
    /// A box, unchecked (so invalid boxes can be written too).
    pub fn bbox(mut self, west: f64, south: f64, east: f64, north: f64) -> Self {
        let bbox = Some(Bbox {
            west,
            south,
            east,
            north,
        });
        self.0.extents.push(GeographicExtent {
            bbox,
            description: None,
        });
        self
    }
    pub fn time(mut self, begin: Option<&str>, end: Option<&str>, end_is_now: bool) -> Self {
        let t = TemporalExtent {
            begin: begin.map(str::to_owned),
            end: end.map(str::to_owned),
            end_is_now,
        };
        self.0.temporal_extents.push(t);
        self
    }
    pub fn extra(mut self, name: &str, value: serde_json::Value) -> Self {
        self.0.catalogue.extra.insert(name.to_owned(), value);
        self
    }
    pub fn build(self) -> NewRecord {
        NewRecord {
            record: self.0,
            original: None,
        }
    }
}
