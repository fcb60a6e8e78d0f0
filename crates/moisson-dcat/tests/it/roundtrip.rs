//! Round trips: each serialisation parses back to the same graph, and DCAT → model → DCAT
//! gives the same graph again (every mapped property kept).

use std::path::Path;

use moisson_dcat::{Format, parse, read_dcat, record_graph, write};
use moisson_model::Record;
use oxrdf::Graph;

use crate::fixtures::{canonical, context, rich_record, service_record};

/// The triples of one graph missing from the other, blank nodes written `_`, with counts.
fn diff(a: &Graph, b: &Graph) -> String {
    let blank = |g: &Graph| {
        let mut m: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
        for t in g {
            let show = |s: String| {
                if s.starts_with("_:") {
                    "_".to_owned()
                } else {
                    s
                }
            };
            *m.entry(format!(
                "{} {} {}",
                show(t.subject.to_string()),
                t.predicate,
                show(t.object.to_string())
            ))
            .or_default() += 1;
        }
        m
    };
    let (ma, mb) = (blank(a), blank(b));
    let keys: std::collections::BTreeSet<&String> = ma.keys().chain(mb.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (
                ma.get(k).copied().unwrap_or(0),
                mb.get(k).copied().unwrap_or(0),
            );
            (x != y).then(|| format!("{x} → {y}: {k}"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn assert_same(a: &Graph, b: &Graph, what: &str) {
    assert!(
        canonical(a.clone()) == canonical(b.clone()),
        "{what}:\n{}",
        diff(a, b)
    );
}

/// Export, write in every format, parse, import, export again.
fn check(record: &Record, what: &str) {
    let ctx = context();
    let first = record_graph(record, &ctx);
    for format in Format::ALL {
        let bytes = write(&first, format).expect("writes");
        let parsed = parse(&bytes, format).unwrap_or_else(|e| {
            panic!(
                "{what} {format:?}: {e}\n{}",
                String::from_utf8_lossy(&bytes)
            )
        });
        assert_same(&first, &parsed, &format!("{what}: {format:?} parse"));
        let records = read_dcat(&bytes, format).expect("reads");
        assert_eq!(records.len(), 1, "{what} {format:?}");
        assert_eq!(records[0].id, record.id, "{what}: id kept");
        // The reader takes the texts in the record's own language: translations (other
        // language tags) do not come back into the model.
        assert_same(
            &record_graph(&without_translations(record.clone()), &ctx),
            &record_graph(&records[0], &ctx),
            &format!("{what}: {format:?} DCAT → model → DCAT"),
        );
    }
}

/// The record without its translations (`*_i18n`, `Anchored::text_i18n`).
fn without_translations(mut r: Record) -> Record {
    r.title_i18n.clear();
    r.abstract_i18n.clear();
    r.lineage_i18n.clear();
    let anchored = r
        .keywords
        .iter_mut()
        .flat_map(|g| {
            g.keywords
                .iter_mut()
                .chain(g.thesaurus.iter_mut().map(|t| &mut t.title))
        })
        .chain(r.constraints.iter_mut().flat_map(|c| {
            c.use_limitations
                .iter_mut()
                .chain(c.other_constraints.iter_mut())
                .chain(c.licence.iter_mut())
        }))
        .chain(r.conformity.iter_mut().map(|c| &mut c.specification))
        .chain(r.formats.iter_mut().map(|f| &mut f.name));
    for a in anchored {
        a.text_i18n.clear();
    }
    r
}

#[test]
fn rich_dataset_round_trips() {
    check(&rich_record(), "rich dataset");
}

#[test]
fn service_round_trips() {
    check(&service_record(), "service");
}

#[test]
fn every_iso_fixture_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/iso19139");
    let mut n = 0;
    for entry in walk(&root) {
        let bytes = std::fs::read(&entry).expect("reads fixture");
        for parsed in moisson_iso::read(&bytes).unwrap_or_default() {
            let mut record = parsed.record;
            if record.id.is_none() {
                record.id = moisson_model::RecordId::parse("no-id").ok();
            }
            check(&record, &entry.display().to_string());
            n += 1;
        }
    }
    assert!(n >= 15, "{n} records");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixture dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn jsonld_is_compacted_with_the_documented_context() {
    let bytes = write(&record_graph(&rich_record(), &context()), Format::JsonLd).expect("writes");
    let doc: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(doc["@context"], moisson_dcat::jsonld::context());
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("\"dcat:keyword\"") && text.contains("\"@type\": \"dcat:Dataset\""),
        "{text}"
    );
}
