//! dcat:Catalog, dcat:CatalogRecord and hydra paging of the catalogue.

use oxrdf::{Graph, NamedNode, NamedOrBlankNode};

use moisson_model::Record;

use super::{Builder, Context, Grouped, add_record};
use crate::tables::codes;
use crate::vocab::{authority, dcat, dct, foaf, geodcatap, hydra, licence, rdfs, skos, xsd};

/// What the catalogue says about itself (`[dcat]` section of the configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "http", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "http", serde(default, deny_unknown_fields))]
pub struct CatalogConfig {
    pub title: String,
    pub description: String,
    /// ISO 639-2 code of the title and description, and the catalogue's language.
    pub language: String,
    pub publisher_name: String,
    /// IRI of the publisher (e.g. its SIREN or data.europa.eu corporate-body IRI).
    pub publisher_uri: Option<String>,
    /// Web site of the catalogue; default: the public URL.
    pub homepage: Option<String>,
    /// Licence of the metadata (text or URL; recognised licences are written as their URI).
    pub licence: Option<String>,
    /// Landing-page template of a record, with `{id}`; default: the REST record URL.
    pub landing_page: Option<String>,
}

impl Default for CatalogConfig {
    fn default() -> Self {
        Self {
            title: "Catalogue Moisson".to_owned(),
            description: "Métadonnées publiées par Moisson (DCAT-AP 3 / GeoDCAT-AP).".to_owned(),
            language: "fre".to_owned(),
            publisher_name: "Moisson".to_owned(),
            publisher_uri: None,
            homepage: None,
            licence: Some(licence::ETALAB_2_0.to_owned()),
            landing_page: None,
        }
    }
}

/// One page of the catalogue: 1-based `number`, `size` records per page, `total` records,
/// and `url(page)` giving the URL of any page (same format and filters).
pub struct Page<'a> {
    pub number: u64,
    pub size: u64,
    pub total: u64,
    pub url: &'a dyn Fn(u64) -> String,
}

impl Page<'_> {
    #[must_use]
    pub fn last(&self) -> u64 {
        self.total.div_ceil(self.size.max(1)).max(1)
    }
}

/// The catalogue page: the catalogue, its records of this page, and the hydra view.
#[must_use]
pub fn catalog_graph(
    records: &[Record],
    page: &Page<'_>,
    ctx: &Context,
    config: &CatalogConfig,
) -> Graph {
    let mut b = Builder::new();
    let catalog: NamedOrBlankNode = NamedNode::new_unchecked(ctx.catalog_iri()).into();
    catalog_description(&mut b, &catalog, ctx, config);
    for record in records {
        add_entry(&mut b, &catalog, record, ctx);
    }
    let latest = records.iter().filter_map(|r| r.catalogue.updated).max();
    if let Some(latest) = latest {
        add_modified(&mut b, &catalog, latest);
    }
    paging(&mut b, page);
    b.into_graph()
}

/// The catalogue's description alone (no records, no paging): what a streamed catalogue
/// starts with.
pub(crate) fn catalog_header_triples(ctx: &Context, config: &CatalogConfig) -> Grouped {
    let mut b = Builder::with_blank_prefix("c");
    let catalog: NamedOrBlankNode = NamedNode::new_unchecked(ctx.catalog_iri()).into();
    catalog_description(&mut b, &catalog, ctx, config);
    b.into_grouped()
}

/// One record of a streamed catalogue: its triples and the catalogue's links to it,
/// grouped by subject, blank nodes labelled after `blank_prefix`.
pub(crate) fn catalog_entry_triples(record: &Record, ctx: &Context, blank_prefix: &str) -> Grouped {
    let mut b = Builder::with_blank_prefix(blank_prefix);
    let catalog: NamedOrBlankNode = NamedNode::new_unchecked(ctx.catalog_iri()).into();
    add_entry(&mut b, &catalog, record, ctx);
    b.into_grouped()
}

/// `dct:modified` of the catalogue: the latest update of its records.
pub(crate) fn catalog_modified_triples(
    ctx: &Context,
    latest: chrono::DateTime<chrono::Utc>,
) -> Grouped {
    let mut b = Builder::with_blank_prefix("m");
    let catalog: NamedOrBlankNode = NamedNode::new_unchecked(ctx.catalog_iri()).into();
    add_modified(&mut b, &catalog, latest);
    b.into_grouped()
}

fn add_entry(b: &mut Builder, catalog: &NamedOrBlankNode, record: &Record, ctx: &Context) {
    let (resource, is_service) = add_record(b, record, ctx);
    b.link(
        catalog,
        if is_service {
            dcat::SERVICE
        } else {
            dcat::DATASET_P
        },
        &resource,
    );
    if let Some(id) = &record.id {
        b.iri(catalog, dcat::RECORD, &ctx.record_iri(id.as_str()));
    }
}

fn add_modified(
    b: &mut Builder,
    catalog: &NamedOrBlankNode,
    latest: chrono::DateTime<chrono::Utc>,
) {
    b.typed(catalog, dct::MODIFIED, &latest.to_rfc3339(), xsd::DATE_TIME);
}

fn catalog_description(
    b: &mut Builder,
    catalog: &NamedOrBlankNode,
    ctx: &Context,
    config: &CatalogConfig,
) {
    let lang = codes::language_tag(&config.language);
    b.a(catalog, dcat::CATALOG);
    b.text(catalog, dct::TITLE, &config.title, lang);
    b.text(catalog, dct::DESCRIPTION, &config.description, lang);
    let publisher = match config.publisher_uri.as_deref().and_then(super::valid_iri) {
        Some(iri) => iri.into(),
        None => b.bnode(),
    };
    b.link(catalog, dct::PUBLISHER, &publisher);
    b.a(&publisher, foaf::AGENT);
    b.a(&publisher, foaf::ORGANIZATION);
    b.text(&publisher, foaf::NAME, &config.publisher_name, lang);
    let homepage = config
        .homepage
        .clone()
        .unwrap_or_else(|| format!("{}/", ctx.public_url()));
    if let Some(node) = b.iri(catalog, foaf::HOMEPAGE, &homepage) {
        b.a(&node, foaf::DOCUMENT);
    }
    if let Some(node) =
        codes::language_iri(&config.language).and_then(|i| b.iri(catalog, dct::LANGUAGE, &i))
    {
        b.a(&node, dct::LINGUISTIC_SYSTEM);
    }
    if let Some(text) = &config.licence {
        let known = crate::tables::licence::recognise(text, None);
        let iri = known.map_or(text.as_str(), |k| k.uri);
        if let Some(node) = b.iri(catalog, dct::LICENSE, iri) {
            b.a(&node, dct::LICENSE_DOCUMENT);
            if let Some(k) = known {
                b.text(&node, rdfs::LABEL, k.label, None);
            }
        }
    }
    for scheme in [authority::DATA_THEME, authority::INSPIRE_THEME] {
        if let Some(node) = b.iri(catalog, dcat::THEME_TAXONOMY, scheme) {
            b.a(&node, skos::CONCEPT_SCHEME);
            b.text(
                &node,
                dct::TITLE,
                crate::tables::themes::scheme_title(scheme),
                Some("en"),
            );
        }
    }
}

/// hydra:PagedCollection with page URLs as literals (as ckanext-dcat writes them) and
/// hydra:PartialCollectionView with page IRIs (as udata writes them), on one node.
fn paging(b: &mut Builder, page: &Page<'_>) {
    let Some(node) = super::valid_iri(&(page.url)(page.number)) else {
        return;
    };
    let node: NamedOrBlankNode = node.into();
    b.a(&node, hydra::PAGED_COLLECTION);
    b.a(&node, hydra::PARTIAL_COLLECTION_VIEW);
    b.typed(
        &node,
        hydra::TOTAL_ITEMS,
        &page.total.to_string(),
        xsd::INTEGER,
    );
    b.typed(
        &node,
        hydra::ITEMS_PER_PAGE,
        &page.size.to_string(),
        xsd::INTEGER,
    );
    let last = page.last();
    let mut link = |literal, iri, number: u64| {
        let url = (page.url)(number);
        b.text(&node, literal, &url, None);
        b.iri(&node, iri, &url);
    };
    link(hydra::FIRST_PAGE, hydra::FIRST, 1);
    link(hydra::LAST_PAGE, hydra::LAST, last);
    if page.number < last {
        link(hydra::NEXT_PAGE, hydra::NEXT, page.number + 1);
    }
    if page.number > 1 {
        link(
            hydra::PREVIOUS_PAGE,
            hydra::PREVIOUS,
            (page.number - 1).min(last),
        );
    }
}

/// The dcat:CatalogRecord of a record, and its ISO 19139 source.
pub(super) fn add_catalog_record(
    b: &mut Builder,
    resource: &NamedOrBlankNode,
    r: &Record,
    ctx: &Context,
    id: &str,
) {
    let record: NamedOrBlankNode = NamedNode::new_unchecked(ctx.record_iri(id)).into();
    b.a(&record, dcat::CATALOG_RECORD);
    b.link(&record, foaf::PRIMARY_TOPIC, resource);
    b.text(&record, dct::IDENTIFIER, id, None);
    let stamp = r
        .metadata
        .date_stamp
        .as_deref()
        .filter(|d| codes::date_datatype(d).is_some());
    let timestamp = r
        .catalogue
        .updated
        .or(r.catalogue.created)
        .map(|d| d.to_rfc3339());
    let resource_date = ["revision", "publication", "creation"]
        .iter()
        .find_map(|k| {
            r.dates
                .iter()
                .find(|d| d.kind == *k && codes::date_datatype(&d.date).is_some())
                .map(|d| d.date.clone())
        });
    let modified = stamp.map(str::to_owned).or(timestamp).or(resource_date);
    if let Some(modified) = &modified {
        b.date(&record, dct::MODIFIED, modified);
    }
    if let Some(created) = r.catalogue.created {
        b.typed(&record, dct::ISSUED, &created.to_rfc3339(), xsd::DATE_TIME);
    }
    super::agent::add_contacts(
        b,
        &record,
        &r.metadata_contacts,
        codes::language_tag(r.metadata.language.as_deref().unwrap_or_default()),
        false,
    );
    b.vocab(&record, dct::CONFORMS_TO, geodcatap::STANDARD);
    b.a(&geodcatap::STANDARD.into_owned().into(), dct::STANDARD);
    if let Some(node) = r
        .metadata
        .language
        .as_deref()
        .and_then(codes::language_iri)
        .and_then(|i| b.iri(&record, dct::LANGUAGE, &i))
    {
        b.a(&node, dct::LINGUISTIC_SYSTEM);
    }
    if let Some(source) = b.iri(&record, dct::SOURCE, &ctx.iso_source(id)) {
        b.a(&source, dcat::CATALOG_RECORD);
        b.link(&source, foaf::PRIMARY_TOPIC, resource);
        if let Some(modified) = &modified {
            b.date(&source, dct::MODIFIED, modified);
        }
    }
}
