//! DCAT-AP graph → model records, and the hydra next-page link a harvester follows.

mod geometry;
mod parts;
mod resource;
mod view;

use oxrdf::{Graph, NamedOrBlankNodeRef, TermRef};

use moisson_model::Record;

use crate::error::Result;
use crate::format::{Format, parse};
use crate::vocab::{dcat, dct, hydra, rdf};
use view::View;

/// One page of a DCAT catalogue as read.
#[derive(Debug, Clone, PartialEq)]
pub struct DcatPage {
    /// Every dcat:Dataset, dcat:DatasetSeries and dcat:DataService (except services only
    /// reached as a distribution's `dcat:accessService`), in IRI order.
    pub records: Vec<Record>,
    /// `hydra:next` / `hydra:nextPage` of the page, when there is one.
    pub next_page: Option<String>,
    /// `hydra:totalItems`, when given.
    pub total: Option<u64>,
}

/// Reads the records of a DCAT document.
pub fn read_dcat(bytes: &[u8], format: Format) -> Result<Vec<Record>> {
    Ok(read_dcat_page(bytes, format)?.records)
}

/// Reads the records of a DCAT document, and its paging links.
pub fn read_dcat_page(bytes: &[u8], format: Format) -> Result<DcatPage> {
    Ok(read_graph(&parse(bytes, format)?))
}

/// Reads the records and paging links of a parsed graph.
#[must_use]
pub fn read_graph(graph: &Graph) -> DcatPage {
    let view = View::new(graph);
    let mut subjects: Vec<NamedOrBlankNodeRef<'_>> = Vec::new();
    for class in [dcat::DATASET, dcat::DATASET_SERIES, dcat::DATA_SERVICE] {
        for s in graph.subjects_for_predicate_object(rdf::TYPE, class) {
            let access_only = class == dcat::DATA_SERVICE
                && graph
                    .subject_for_predicate_object(dcat::ACCESS_SERVICE, s)
                    .is_some();
            // A dataset a service points at, described only by title and description.
            let stub = graph
                .subject_for_predicate_object(dcat::SERVES_DATASET, s)
                .is_some()
                && graph
                    .object_for_subject_predicate(s, dct::IDENTIFIER)
                    .is_none();
            let access_only = access_only || stub;
            if !access_only && !subjects.contains(&s) {
                subjects.push(s);
            }
        }
    }
    subjects.sort_by_key(ToString::to_string);
    let records = subjects
        .into_iter()
        .map(|s| resource::read(&view, s))
        .collect();
    let next_page = [hydra::NEXT, hydra::NEXT_PAGE].into_iter().find_map(|p| {
        graph.triples_for_predicate(p).find_map(|t| match t.object {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            TermRef::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
    });
    let total = graph
        .triples_for_predicate(hydra::TOTAL_ITEMS)
        .find_map(|t| {
            if let TermRef::Literal(l) = t.object {
                l.value().parse().ok()
            } else {
                None
            }
        });
    DcatPage {
        records,
        next_page,
        total,
    }
}
