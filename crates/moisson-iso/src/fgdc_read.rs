//! FGDC CSDGM (Content Standard for Digital Geospatial Metadata, FGDC-STD-001-1998)
//! `<metadata>` → record, as pycsw reads it for CSW-T (`idinfo/datasetid` is the
//! identifier). Parsed by the same hardened tree as ISO and Dublin Core (no DTD, no
//! unknown entity, bounded depth). Elements are matched by local name within the root's
//! namespace: CSDGM has none, and pycsw's csdgm output schema puts every element in
//! `http://www.opengis.net/cat/csw/csdgm`.

mod contact;
mod values;

use moisson_model::{
    Anchored, Bbox, Constraint, ConstraintKind, Format, GeographicExtent, GraphicOverview,
    HierarchyLevel, KeywordGroup, OnlineResource, Record, RecordId, ResourceDate, Thesaurus,
};

use crate::dc_read::{CREATOR_ROLE, PUBLISHER_ROLE};
use crate::tree::Element;
use values::{Fgdc, date, maintenance_frequency, progress, temporal};

/// pycsw's namespace for CSDGM in CSW (its `csdgm` output schema).
pub(crate) const CSDGM: &str = "http://www.opengis.net/cat/csw/csdgm";

/// The themekt naming ISO 19115 topic categories among FGDC theme keywords.
const TOPIC_THESAURUS: &str = "ISO 19115 Topic Category";

/// A CSDGM root: `metadata` (without namespace, or in pycsw's) holding `idinfo`.
pub(crate) fn is_root(el: &Element) -> bool {
    el.local == "metadata" && (el.ns.is_empty() || el.ns == CSDGM) && el.has("idinfo")
}

pub(crate) fn record(root: &Element, warnings: &mut Vec<String>) -> Record {
    let mut r = Record {
        hierarchy_level: HierarchyLevel::Dataset,
        ..Record::default()
    };
    if let Some(idinfo) = root.get("idinfo") {
        identification(idinfo, &mut r, warnings);
    }
    if let Some(lineage) = root.at(&["dataqual", "lineage"]) {
        r.lineage = values::joined(
            lineage
                .all("procstep")
                .filter_map(|s| s.text_of("procdesc")),
        );
    }
    if let Some(distinfo) = root.get("distinfo") {
        distribution(distinfo, &mut r);
    }
    if let Some(metainfo) = root.get("metainfo") {
        metadata(metainfo, &mut r);
    }
    r
}

fn identification(idinfo: &Element, r: &mut Record, warnings: &mut Vec<String>) {
    if let Some(id) = idinfo.text_of("datasetid") {
        match RecordId::parse(id.to_owned()) {
            Ok(id) => r.id = Some(id),
            Err(e) => warnings.push(format!("datasetid {id:?} is no identifier: {e}")),
        }
    }
    if let Some(cite) = idinfo.at(&["citation", "citeinfo"]) {
        citation(cite, r);
    }
    if let Some(descript) = idinfo.get("descript") {
        r.abstract_text = descript.text_of("abstract").unwrap_or_default().to_owned();
        r.purpose = descript.text_of("purpose").map(str::to_owned);
    }
    if let Some(timeinfo) = idinfo.at(&["timeperd", "timeinfo"]) {
        r.temporal_extents.extend(temporal(timeinfo));
    }
    if let Some(status) = idinfo.get("status") {
        r.status.extend(status.text_of("progress").map(progress));
        r.maintenance_frequency = status.text_of("update").map(maintenance_frequency);
    }
    if let Some(bounding) = idinfo.at(&["spdom", "bounding"]) {
        bounding_box(bounding, r, warnings);
    }
    if let Some(keywords) = idinfo.get("keywords") {
        keyword_groups(keywords, r, warnings);
    }
    constraints(idinfo, r);
    r.contacts.extend(
        idinfo
            .all("ptcontac")
            .filter_map(|c| contact::read(c.get("cntinfo")?, "pointOfContact")),
    );
    r.overviews.extend(idinfo.all("browse").filter_map(|b| {
        Some(GraphicOverview {
            url: b.text_of("browsen")?.to_owned(),
            description: b.text_of("browsed").map(str::to_owned),
            file_type: b.text_of("browset").map(str::to_owned),
        })
    }));
}

/// citeinfo: title, publication date, originators and publisher, online links.
fn citation(cite: &Element, r: &mut Record) {
    r.title = cite.text_of("title").unwrap_or_default().to_owned();
    if let Some(pubdate) = cite.text_of("pubdate").and_then(date) {
        r.dates.push(ResourceDate {
            kind: "publication".to_owned(),
            date: pubdate,
        });
    }
    for origin in cite.all("origin").filter_map(Element::trimmed) {
        r.contacts.push(contact::organisation(CREATOR_ROLE, origin));
    }
    if let Some(publisher) = cite.at(&["pubinfo"]).and_then(|p| p.text_of("publish")) {
        r.contacts
            .push(contact::organisation(PUBLISHER_ROLE, publisher));
    }
    r.online_resources
        .extend(cite.all("onlink").filter_map(Element::trimmed).map(link));
}

fn link(url: &str) -> OnlineResource {
    OnlineResource {
        url: url.to_owned(),
        ..OnlineResource::default()
    }
}

/// spdom/bounding: westbc, eastbc, northbc, southbc in decimal degrees.
fn bounding_box(b: &Element, r: &mut Record, warnings: &mut Vec<String>) {
    let bound = |name: &str| b.text_of(name)?.parse::<f64>().ok();
    let bounds = (
        bound("westbc"),
        bound("southbc"),
        bound("eastbc"),
        bound("northbc"),
    );
    let (Some(west), Some(south), Some(east), Some(north)) = bounds else {
        warnings.push("spdom/bounding without four numeric bounds: skipped".to_owned());
        return;
    };
    let bbox = Bbox {
        west,
        south,
        east,
        north,
    };
    match bbox.validate() {
        Ok(()) => r.extents.push(GeographicExtent {
            bbox: Some(bbox),
            description: None,
        }),
        Err(e) => warnings.push(format!("spdom/bounding skipped: {e}")),
    }
}

/// keywords: theme, place, stratum and temporal groups, each with its thesaurus
/// (`…kt`, `none` for none); themes of the ISO 19115 topic category thesaurus are topic
/// categories.
fn keyword_groups(keywords: &Element, r: &mut Record, warnings: &mut Vec<String>) {
    for (group, thesaurus, key, kind) in [
        ("theme", "themekt", "themekey", "theme"),
        ("place", "placekt", "placekey", "place"),
        ("stratum", "stratkt", "stratkey", "stratum"),
        ("temporal", "tempkt", "tempkey", "temporal"),
    ] {
        for g in keywords.all(group) {
            let thesaurus = g
                .text_of(thesaurus)
                .filter(|t| !t.eq_ignore_ascii_case("none"));
            let words = g.all(key).filter_map(Element::trimmed);
            if thesaurus.is_some_and(|t| t.eq_ignore_ascii_case(TOPIC_THESAURUS)) {
                for w in words {
                    crate::topic::push(&mut r.topic_categories, w.to_owned(), warnings);
                }
                continue;
            }
            let keywords: Vec<Anchored> = words.map(Anchored::text).collect();
            if keywords.is_empty() {
                continue;
            }
            r.keywords.push(KeywordGroup {
                thesaurus: thesaurus.map(|t| Thesaurus {
                    title: Anchored::text(t),
                    ..Thesaurus::default()
                }),
                kind: Some(kind.to_owned()),
                keywords,
            });
        }
    }
}

/// accconst and useconst as a legal block (otherRestrictions with their text, as the
/// FGDC → ISO crosswalk writes them), secinfo/secclass as a security classification.
fn constraints(idinfo: &Element, r: &mut Record) {
    let access = idinfo.text_of("accconst");
    let usage = idinfo.text_of("useconst");
    if access.is_some() || usage.is_some() {
        let restricted = |t: Option<&str>| t.map(|_| "otherRestrictions".to_owned());
        r.constraints.push(Constraint {
            kind: ConstraintKind::Legal,
            access_constraints: restricted(access).into_iter().collect(),
            use_constraints: restricted(usage).into_iter().collect(),
            other_constraints: access
                .into_iter()
                .chain(usage)
                .map(Anchored::text)
                .collect(),
            ..Constraint::default()
        });
    }
    if let Some(class) = idinfo.at(&["secinfo"]).and_then(|s| s.text_of("secclass")) {
        r.constraints.push(Constraint {
            kind: ConstraintKind::Security,
            classification: Some(values::classification(class)),
            ..Constraint::default()
        });
    }
}

/// distinfo: distributors, and of stdorder/digform the format names and network
/// addresses.
fn distribution(distinfo: &Element, r: &mut Record) {
    r.contacts.extend(
        distinfo
            .all("distrib")
            .filter_map(|d| contact::read(d.get("cntinfo")?, "distributor")),
    );
    for digform in distinfo.all("stdorder").flat_map(|o| o.all("digform")) {
        if let Some(name) = digform
            .at(&["digtinfo"])
            .and_then(|d| d.text_of("formname"))
        {
            r.formats.push(Format {
                name: Anchored::text(name),
                version: digform
                    .at(&["digtinfo"])
                    .and_then(|d| d.text_of("formvern"))
                    .map(str::to_owned),
            });
        }
        let addresses = digform
            .at(&["digtopt", "onlinopt", "computer", "networka"])
            .into_iter()
            .flat_map(|n| n.all("networkr"))
            .filter_map(Element::trimmed);
        r.online_resources.extend(addresses.map(link));
    }
}

/// metainfo: date, standard and metadata contact.
fn metadata(metainfo: &Element, r: &mut Record) {
    r.metadata.date_stamp = metainfo.text_of("metd").and_then(date);
    r.metadata.standard_name = metainfo.text_of("metstdn").map(str::to_owned);
    r.metadata.standard_version = metainfo.text_of("metstdv").map(str::to_owned);
    r.metadata_contacts.extend(
        metainfo
            .at(&["metc", "cntinfo"])
            .and_then(|c| contact::read(c, "pointOfContact")),
    );
}
