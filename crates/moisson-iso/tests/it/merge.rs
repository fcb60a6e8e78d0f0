//! Edits merged into original documents: for every sample and every field in turn, the
//! merged document reads as the edited record, differs from the original only in that
//! field's elements, and still validates where the original did.

use std::path::{Path, PathBuf};

use moisson_iso::mapping::{ISO_MAPPING, differing_fields};
use moisson_iso::{merge_iso19139, read, write_iso19139};
use moisson_model::{
    Anchored, Bbox, ConformityReport, Constraint, ConstraintKind, Contact, CoupledResource, Format,
    GeographicExtent, GraphicOverview, HierarchyLevel, KeywordGroup, OnlineResource, OperatesOn,
    Operation, Record, Resolution, ResourceDate, ResourceIdentifier, TemporalExtent,
};
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::samples::{iso_samples, required_shared_dir, xml_files};
use crate::schema::{out_dir, validating};

const EDITED: &str = "edited by the merge test";

/// Changes one field of the record (by its mapping name); `false` when the field does not
/// apply to this record (service fields of a dataset, the identifier).
pub fn change(field: &str, r: &mut Record) -> bool {
    let text = || EDITED.to_owned();
    let is_service = r.service.is_some();
    match field {
        "id" => return false,
        "metadata.language" => {
            r.metadata.language = Some(toggle(r.metadata.language.as_deref(), "ger", "fre"))
        }
        "metadata.charset" => {
            r.metadata.charset = Some(toggle(r.metadata.charset.as_deref(), "utf16", "utf8"))
        }
        "parent_id" => r.parent_id = Some(text()),
        "hierarchy_level" => {
            r.hierarchy_level = match r.hierarchy_level {
                HierarchyLevel::Series => HierarchyLevel::Dataset,
                _ => HierarchyLevel::Series,
            };
        }
        "metadata_contacts" => edit_contact(&mut r.metadata_contacts),
        "metadata.date_stamp" => r.metadata.date_stamp = Some("2026-12-07".to_owned()),
        "metadata.standard_name" => r.metadata.standard_name = Some(text()),
        "metadata.standard_version" => r.metadata.standard_version = Some(text()),
        "reference_systems" => edit_first(
            &mut r.reference_systems,
            |i| i.code = text(),
            || identifier("EPSG:2154"),
        ),
        "title" => r.title.push_str(" (edited)"),
        "title_i18n" => translate(&mut r.title_i18n),
        "abstract_i18n" => translate(&mut r.abstract_i18n),
        "alternate_titles" => edit_first(&mut r.alternate_titles, |t| *t = text(), text),
        "dates" => edit_first(
            &mut r.dates,
            |d| d.date = "2026-01-02".to_owned(),
            || ResourceDate {
                date: "2026-01-02".to_owned(),
                kind: "revision".to_owned(),
            },
        ),
        "identifiers" => edit_first(
            &mut r.identifiers,
            |i| i.code = text(),
            || identifier("edited-id"),
        ),
        "abstract" => r.abstract_text.push_str(" (edited)"),
        "purpose" => r.purpose = Some(text()),
        "status" => edit_first(
            &mut r.status,
            |s| *s = toggle(Some(s), "onGoing", "completed"),
            || "completed".to_owned(),
        ),
        "contacts" => edit_contact(&mut r.contacts),
        "maintenance_frequency" => {
            r.maintenance_frequency = Some(toggle(
                r.maintenance_frequency.as_deref(),
                "weekly",
                "monthly",
            ));
        }
        "overviews" => edit_first(
            &mut r.overviews,
            |o| o.url = "https://example.org/edited.png".to_owned(),
            || GraphicOverview {
                url: "https://example.org/edited.png".to_owned(),
                ..GraphicOverview::default()
            },
        ),
        "keywords" => edit_first(
            &mut r.keywords,
            |g| g.keywords.push(Anchored::text(EDITED)),
            || KeywordGroup {
                keywords: vec![Anchored::text(EDITED)],
                ..KeywordGroup::default()
            },
        ),
        "constraints" => edit_first(
            &mut r.constraints,
            |c| c.use_limitations.push(Anchored::text(EDITED)),
            || Constraint {
                kind: ConstraintKind::Legal,
                access_constraints: vec!["otherRestrictions".to_owned()],
                other_constraints: vec![Anchored::text(EDITED)],
                ..Constraint::default()
            },
        ),
        "spatial_resolutions" if !is_service => {
            edit_first(
                &mut r.spatial_resolutions,
                |s| *s = Resolution::ScaleDenominator(12_345),
                || Resolution::ScaleDenominator(12_345),
            );
        }
        "resource_languages" if !is_service => {
            edit_first(
                &mut r.resource_languages,
                |l| *l = toggle(Some(l), "ger", "fre"),
                || "fre".to_owned(),
            );
        }
        "topic_categories" if !is_service => {
            edit_first(
                &mut r.topic_categories,
                |t| *t = toggle(Some(t), "boundaries", "environment"),
                || "environment".to_owned(),
            );
        }
        "spatial_resolutions" | "resource_languages" | "topic_categories" => return false,
        "extents" => edit_first(
            &mut r.extents,
            |e| e.bbox = Some(bbox()),
            || GeographicExtent {
                bbox: Some(bbox()),
                description: None,
            },
        ),
        "temporal_extents" => edit_first(
            &mut r.temporal_extents,
            |t| t.begin = Some("2001-02-03".to_owned()),
            || TemporalExtent {
                begin: Some("2001-02-03".to_owned()),
                ..TemporalExtent::default()
            },
        ),
        "formats" => edit_first(
            &mut r.formats,
            |f| f.name = Anchored::text(EDITED),
            || Format {
                name: Anchored::text(EDITED),
                version: None,
            },
        ),
        "online_resources" => edit_first(
            &mut r.online_resources,
            |o| o.url = "https://example.org/edited".to_owned(),
            || OnlineResource {
                url: "https://example.org/edited".to_owned(),
                ..OnlineResource::default()
            },
        ),
        "conformity" => edit_first(
            &mut r.conformity,
            |c| c.explanation = Some(text()),
            || ConformityReport {
                specification: Anchored::text(EDITED),
                pass: Some(true),
                ..ConformityReport::default()
            },
        ),
        "lineage" => r.lineage = Some(text()),
        "relations" => r.relations.push(text()),
        "lineage_i18n" => {
            if r.lineage.is_none() {
                return false;
            }
            translate(&mut r.lineage_i18n);
        }
        service => {
            let Some(s) = r.service.as_mut() else {
                return false;
            };
            match service {
                "service.service_type" => {
                    s.service_type = Some("view".to_owned())
                        .filter(|v| s.service_type.as_deref() != Some(v))
                        .or(Some("download".to_owned()))
                }
                "service.service_type_versions" => s.service_type_versions.push("9.9".to_owned()),
                "service.coupled_resources" => edit_first(
                    &mut s.coupled_resources,
                    |c| c.identifier = text(),
                    || CoupledResource {
                        operation_name: "GetMap".to_owned(),
                        identifier: text(),
                        scoped_name: Some("edited:layer".to_owned()),
                    },
                ),
                "service.coupling_type" => {
                    s.coupling_type = Some(toggle(s.coupling_type.as_deref(), "tight", "loose"))
                }
                "service.operations" => edit_first(
                    &mut s.operations,
                    |o| o.name = text(),
                    || Operation {
                        name: text(),
                        dcp: vec!["WebServices".to_owned()],
                        urls: vec!["https://example.org/ows".to_owned()],
                        protocols: vec!["OGC:WMS".to_owned()],
                    },
                ),
                "service.operates_on" => s.operates_on.push(OperatesOn {
                    uuidref: Some("edited-uuid".to_owned()),
                    href: None,
                }),
                other => panic!("no change written for field {other}"),
            }
        }
    }
    true
}

/// Edits the first translation, or adds an English one.
fn translate(translations: &mut std::collections::BTreeMap<String, String>) {
    match translations.values_mut().next() {
        Some(first) => *first = EDITED.to_owned(),
        None => {
            translations.insert("eng".to_owned(), EDITED.to_owned());
        }
    }
}

fn toggle(current: Option<&str>, a: &str, b: &str) -> String {
    if current == Some(a) { b } else { a }.to_owned()
}

fn edit_first<T>(items: &mut Vec<T>, edit: impl FnOnce(&mut T), new: impl FnOnce() -> T) {
    match items.first_mut() {
        Some(first) => edit(first),
        None => items.push(new()),
    }
}

fn edit_contact(contacts: &mut Vec<Contact>) {
    edit_first(
        contacts,
        |c| c.organisation = Some(EDITED.to_owned()),
        || Contact {
            organisation: Some(EDITED.to_owned()),
            role: Some("pointOfContact".to_owned()),
            ..Contact::default()
        },
    );
}

fn identifier(code: &str) -> ResourceIdentifier {
    ResourceIdentifier {
        code: code.to_owned(),
        ..ResourceIdentifier::default()
    }
}

fn bbox() -> Bbox {
    Bbox {
        west: -4.5,
        south: 42.25,
        east: 8.25,
        north: 51.5,
    }
}

/// One element of a document: its path of `prefix:local` names from the root (the
/// identification element as `*`), its attributes and its trimmed text.
#[derive(Debug, Clone, PartialEq)]
struct Node {
    path: String,
    attrs: Vec<String>,
    text: String,
}

fn prefix(ns: &[u8]) -> String {
    let ns = String::from_utf8_lossy(ns);
    let known = [
        (moisson_iso::ns::GMD, "gmd"),
        (moisson_iso::ns::GCO, "gco"),
        (moisson_iso::ns::GMX, "gmx"),
        (moisson_iso::ns::SRV, "srv"),
        (moisson_iso::ns::GML32, "gml"),
        (moisson_iso::ns::GML, "gml"),
        (moisson_iso::ns::XLINK, "xlink"),
        (moisson_iso::ns::GMI, "gmi"),
        (moisson_iso::ns::XSI, "xsi"),
    ];
    known
        .iter()
        .find(|(uri, _)| *uri == ns)
        .map_or_else(|| format!("{{{ns}}}"), |(_, p)| (*p).to_owned())
}

/// Every element below the root, in document order of their ends.
fn nodes(xml: &str) -> Vec<Node> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<(String, Vec<String>, String)> = Vec::new();
    let mut out = Vec::new();
    loop {
        let (resolved, event) = reader.read_resolved_event().expect("well-formed");
        let closes = matches!(event, Event::Empty(_) | Event::End(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let ns = match resolved {
                    ResolveResult::Bound(ns) => prefix(ns.as_ref()),
                    _ => String::new(),
                };
                let parent = stack.last().map(|s| s.0.as_str());
                let name = if parent.is_some_and(|p| p.ends_with("gmd:identificationInfo")) {
                    "*".to_owned()
                } else {
                    format!("{ns}:{}", String::from_utf8_lossy(e.local_name().as_ref()))
                };
                let path = match parent {
                    None => String::new(),
                    Some("") => name,
                    Some(p) => format!("{p}/{name}"),
                };
                let mut attrs: Vec<String> = e
                    .attributes()
                    .map(|a| a.expect("attribute"))
                    .filter(|a| a.key.as_namespace_binding().is_none())
                    .map(|a| {
                        let (ns, local) = reader.resolve_attribute(a.key);
                        let ns = match ns {
                            ResolveResult::Bound(ns) => prefix(ns.as_ref()),
                            _ => String::new(),
                        };
                        let value = a.unescape_value().expect("value");
                        format!("{ns}:{}={value}", String::from_utf8_lossy(local.as_ref()))
                    })
                    .collect();
                attrs.sort();
                stack.push((path, attrs, String::new()));
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.2.push_str(t.xml10_content().expect("text").trim());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    top.2.push_str(&format!("&{};", r.decode().expect("ref")));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if closes {
            let (path, attrs, text) = stack.pop().expect("open element");
            out.push(Node { path, attrs, text });
        }
    }
    out
}

/// Whether `path` is one of the field's paths, below one, or a container of one.
fn owned(field_paths: &[&str], path: &str) -> bool {
    !path.is_empty()
        && field_paths.iter().any(|p| {
            path == *p || path.starts_with(&format!("{p}/")) || p.starts_with(&format!("{path}/"))
        })
}

/// The differences between two documents outside the field's elements.
fn foreign_differences(original: &str, merged: &str, field_paths: &[&str]) -> Option<String> {
    let keep = |n: &Node| !owned(field_paths, &n.path);
    let before: Vec<Node> = nodes(original).into_iter().filter(keep).collect();
    let after: Vec<Node> = nodes(merged).into_iter().filter(keep).collect();
    let first = before.iter().zip(&after).position(|(a, b)| a != b);
    match first {
        None if before.len() == after.len() => None,
        None => Some(format!(
            "{} elements before, {} after",
            before.len(),
            after.len()
        )),
        Some(i) => Some(format!(
            "first difference:\n  before {:?}\n  after  {:?}",
            before[i], after[i]
        )),
    }
}

/// Merges every field change into every standalone ISO sample and checks each result;
/// returns the merged files written, for schema validation.
fn check_samples(samples: &[PathBuf], out: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut failures = Vec::new();
    let mut files = Vec::new();
    let only = std::env::var("MERGE_ONLY").ok();
    for path in samples
        .iter()
        .filter(|p| !p.components().any(|c| c.as_os_str() == "csw-responses"))
    {
        if only.as_ref().is_some_and(|o| {
            !path
                .to_string_lossy()
                .contains(o.split('/').next().unwrap_or_default())
        }) {
            continue;
        }
        let bytes = std::fs::read(path).expect("sample");
        let parsed = read(&bytes).expect("sample reads");
        let [one] = parsed.as_slice() else { continue };
        let Ok(original) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let old = &one.record;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let same = merge_iso19139(&bytes, old, old).expect("merging nothing");
        assert!(
            same == bytes,
            "{name}: merging no change changed the document"
        );
        for m in ISO_MAPPING {
            let mut new = old.clone();
            if only
                .as_ref()
                .is_some_and(|o| o.split('/').nth(1).is_some_and(|f| f != m.field))
            {
                continue;
            }
            if !change(m.field, &mut new) {
                continue;
            }
            let expected = read(write_iso19139(&new).as_bytes())
                .expect("written")
                .remove(0)
                .record;
            if differing_fields(old, &expected).is_empty() {
                continue;
            }
            let merged = match merge_iso19139(&bytes, old, &new) {
                Ok(m) => String::from_utf8(m).expect("UTF-8"),
                Err(e) => {
                    failures.push(format!("{name} / {}: {e}", m.field));
                    continue;
                }
            };
            let mut back = read(merged.as_bytes())
                .expect("merged reads")
                .remove(0)
                .record;
            // Without a fileIdentifier, the id is derived from the bytes.
            back.id.clone_from(&old.id);
            let changed = differing_fields(old, &back);
            if differing_fields(&back, &expected) != Vec::<&str>::new()
                || !changed
                    .iter()
                    .all(|f| *f == m.field || is_coupled(m.field, f))
            {
                failures.push(format!(
                    "{name} / {}: read back changes {changed:?}",
                    m.field
                ));
            }
            if let Some(diff) = foreign_differences(original, &merged, m.paths) {
                failures.push(format!("{name} / {}: {diff}", m.field));
            }
            let file = out.join(format!("{name}-{}.xml", m.field));
            std::fs::write(&file, &merged).expect("write");
            files.push((path.clone(), file));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    files
}

/// Fields that the writer writes together (a temporal extent edit rewrites the EX_Extent
/// shared with a box) may read back changed together.
fn is_coupled(field: &str, other: &str) -> bool {
    matches!(
        (field, other),
        ("extents", "temporal_extents") | ("temporal_extents", "extents")
    )
}

/// Every merged file validates when its original did, under `validating` (the files of a
/// list that pass its schema).
pub fn check_schema(files: &[(PathBuf, PathBuf)], validating: fn(&[PathBuf]) -> Vec<PathBuf>) {
    let originals: Vec<PathBuf> = files.iter().map(|(o, _)| o.clone()).collect();
    let valid = validating(&originals);
    let merged: Vec<PathBuf> = files
        .iter()
        .filter(|(o, _)| valid.contains(o))
        .map(|(_, m)| m.clone())
        .collect();
    let merged_valid = validating(&merged);
    let invalid: Vec<String> = merged
        .iter()
        .filter(|m| !merged_valid.contains(m))
        .map(|m| m.display().to_string())
        .collect();
    assert!(
        invalid.is_empty(),
        "merged documents no longer valid:\n{}",
        invalid.join("\n")
    );
}

#[test]
fn every_field_edit_merges_into_every_sample() {
    let files = check_samples(&iso_samples(), &out_dir("merge-repo"));
    assert!(files.len() > 300, "only {} merges checked", files.len());
    check_schema(&files, validating);
}

#[test]
#[ignore = "needs MOISSON_SHARED_DATA (scripts/test runs it where the shared data is)"]
fn every_field_edit_merges_into_every_shared_sample() {
    let samples = xml_files(&required_shared_dir().join("iso19139"));
    let files = check_samples(&samples, &out_dir("merge-shared"));
    check_schema(&files, validating);
}

pub fn sample(name: &str) -> (Vec<u8>, Record) {
    let dir = if name.starts_with("moisson_") {
        "lossless"
    } else {
        "iso19139"
    };
    let path = crate::samples::data_dir().join(dir).join(name);
    let bytes = std::fs::read(&path).expect("sample");
    let record = read(&bytes).expect("reads").remove(0).record;
    (bytes, record)
}

#[test]
fn a_service_edit_keeps_its_coupled_resources_and_operates_on() {
    let (bytes, old) = sample("owslib_iso19139_srv.xml");
    let original = String::from_utf8(bytes.clone()).expect("UTF-8");
    let mut new = old.clone();
    new.title.push_str(" (edited)");
    new.abstract_text = "A new abstract".to_owned();
    let merged =
        String::from_utf8(merge_iso19139(&bytes, &old, &new).expect("merges")).expect("UTF-8");
    for needle in [
        "coupledResource>",
        "<srv:operatesOn",
        "uuidref=",
        "xlink:href=",
    ] {
        assert_eq!(
            merged.matches(needle).count(),
            original.matches(needle).count(),
            "{needle} kept"
        );
    }
    let keep = |xml: &str| {
        nodes(xml)
            .into_iter()
            .filter(|n| n.path.contains("coupledResource") || n.path.contains("operatesOn"))
            .collect::<Vec<_>>()
    };
    assert!(!keep(&original).is_empty());
    assert_eq!(keep(&merged), keep(&original));
}

/// `docs/iso-mapping.md` is the mapping table as written in `moisson_iso::mapping`.
#[test]
fn mapping_doc_is_current() {
    let path = crate::samples::data_dir().join("../../docs/iso-mapping.md");
    let want = moisson_iso::mapping::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/iso-mapping.md");
    }
    let got = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "docs/iso-mapping.md drifted from src/mapping.rs; run UPDATE_DOCS=1 cargo test -p moisson-iso --test it mapping"
    );
}
