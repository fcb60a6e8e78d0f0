//! Record → csw:BriefRecord / SummaryRecord / Record (CSW 2.0.2, pycsw conventions).

use moisson_model::{Bbox, Record, TemporalExtent};

use crate::ElementSet;
use crate::dc_read::{CONTRIBUTOR_ROLE, CREATOR_ROLE, PUBLISHER_ROLE};
use crate::ns::{CRS_EPSG_4326, CSW, DC, DCT, OWS, TOPIC_CATEGORY_SCHEME};
use crate::xml::Xml;

pub(crate) fn write(r: &Record, set: ElementSet) -> String {
    let root = match set {
        ElementSet::Brief => "csw:BriefRecord",
        ElementSet::Summary => "csw:SummaryRecord",
        ElementSet::Full => "csw:Record",
    };
    let namespaces = [
        ("xmlns:csw", CSW),
        ("xmlns:dc", DC),
        ("xmlns:dct", DCT),
        ("xmlns:ows", OWS),
    ];
    let mut x = Xml::new();
    x.with(root, &namespaces, |x| match set {
        ElementSet::Brief => brief(x, r),
        ElementSet::Summary => summary(x, r),
        ElementSet::Full => full(x, r),
    });
    x.finish()
}

fn identification(x: &mut Xml, r: &Record) {
    x.leaf(
        "dc:identifier",
        &[],
        r.id.as_ref().map_or("", |id| id.as_str()),
    );
    for id in &r.identifiers {
        x.leaf("dc:identifier", &[], &id.code);
    }
    x.leaf("dc:title", &[], &r.title);
}

fn brief(x: &mut Xml, r: &Record) {
    identification(x, r);
    x.leaf("dc:type", &[], r.hierarchy_level.as_str());
    bounding_boxes(x, r);
}

fn summary(x: &mut Xml, r: &Record) {
    identification(x, r);
    x.leaf("dc:type", &[], r.hierarchy_level.as_str());
    subjects(x, r);
    formats_relations(x, r);
    if let Some(modified) = &r.metadata.date_stamp {
        x.leaf("dct:modified", &[], modified);
    }
    x.leaf("dct:abstract", &[], &r.abstract_text);
    spatial(x, r);
    bounding_boxes(x, r);
}

fn full(x: &mut Xml, r: &Record) {
    identification(x, r);
    for alt in &r.alternate_titles {
        x.leaf("dct:alternative", &[], alt);
    }
    x.leaf("dc:type", &[], r.hierarchy_level.as_str());
    subjects(x, r);
    formats_relations(x, r);
    if let Some(modified) = &r.metadata.date_stamp {
        x.leaf("dct:modified", &[], modified);
    }
    for d in &r.dates {
        let element = match d.kind.as_str() {
            "creation" => "dct:created",
            "publication" => "dct:issued",
            _ => "dc:date",
        };
        x.leaf(element, &[], &d.date);
    }
    x.leaf("dct:abstract", &[], &r.abstract_text);
    parties(x, r);
    for lang in &r.resource_languages {
        x.leaf("dc:language", &[], lang);
    }
    rights(x, r);
    if let Some(lineage) = &r.lineage {
        x.leaf("dc:source", &[], lineage);
    }
    for o in r.online_resources.iter().filter(|o| !o.url.is_empty()) {
        match &o.protocol {
            Some(p) => x.leaf("dct:references", &[("scheme", p)], &o.url),
            None => x.leaf("dct:references", &[], &o.url),
        }
    }
    spatial(x, r);
    for t in &r.temporal_extents {
        x.leaf("dct:temporal", &[], &temporal(t));
    }
    bounding_boxes(x, r);
}

fn subjects(x: &mut Xml, r: &Record) {
    for topic in &r.topic_categories {
        x.leaf("dc:subject", &[("scheme", TOPIC_CATEGORY_SCHEME)], topic);
    }
    for group in &r.keywords {
        let scheme = group
            .thesaurus
            .as_ref()
            .map(|t| t.title.uri.as_deref().unwrap_or(&t.title.text));
        for k in &group.keywords {
            match scheme {
                Some(s) => x.leaf("dc:subject", &[("scheme", s)], &k.text),
                None => x.leaf("dc:subject", &[], &k.text),
            }
        }
    }
}

fn formats_relations(x: &mut Xml, r: &Record) {
    for f in &r.formats {
        x.leaf("dc:format", &[], &f.name.text);
    }
    for link in r.service.iter().flat_map(|s| &s.operates_on) {
        if let Some(target) = link.uuidref.as_ref().or(link.href.as_ref()) {
            x.leaf("dc:relation", &[], target);
        }
    }
    for related in &r.relations {
        x.leaf("dc:relation", &[], related);
    }
}

fn parties(x: &mut Xml, r: &Record) {
    for c in &r.contacts {
        let element = match c.role.as_deref() {
            Some(CREATOR_ROLE) => "dc:creator",
            Some(PUBLISHER_ROLE) => "dc:publisher",
            Some(CONTRIBUTOR_ROLE) => "dc:contributor",
            _ => continue,
        };
        if let Some(name) = c.organisation.as_ref().or(c.individual.as_ref()) {
            x.leaf(element, &[], name);
        }
    }
}

fn rights(x: &mut Xml, r: &Record) {
    for c in &r.constraints {
        for text in c.use_limitations.iter().chain(&c.other_constraints) {
            x.leaf("dc:rights", &[], text.uri.as_deref().unwrap_or(&text.text));
        }
        if let Some(licence) = &c.licence {
            x.leaf(
                "dct:license",
                &[],
                licence.uri.as_deref().unwrap_or(&licence.text),
            );
        }
    }
}

fn spatial(x: &mut Xml, r: &Record) {
    for d in r.extents.iter().filter_map(|e| e.description.as_ref()) {
        x.leaf("dct:spatial", &[], d);
    }
}

/// `begin/end` with `..` for an open end and `now` for an ongoing one.
fn temporal(t: &TemporalExtent) -> String {
    let begin = t.begin.as_deref().unwrap_or("..");
    let end = match (&t.end, t.end_is_now) {
        (_, true) => "now",
        (Some(end), false) => end,
        (None, false) => "..",
    };
    format!("{begin}/{end}")
}

/// ows:BoundingBox in EPSG:4326 axis order (latitude first), as pycsw writes it.
fn bounding_boxes(x: &mut Xml, r: &Record) {
    for b in r.extents.iter().filter_map(|e| e.bbox.as_ref()) {
        x.with(
            "ows:BoundingBox",
            &[("crs", CRS_EPSG_4326), ("dimensions", "2")],
            |x| corners(x, b),
        );
    }
}

fn corners(x: &mut Xml, b: &Bbox) {
    x.leaf("ows:LowerCorner", &[], &format!("{} {}", b.south, b.west));
    x.leaf("ows:UpperCorner", &[], &format!("{} {}", b.north, b.east));
}
