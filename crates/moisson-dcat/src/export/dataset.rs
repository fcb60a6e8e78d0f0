//! dcat:Dataset / dcat:DatasetSeries / dcat:DataService: identification, themes, extents.

use oxrdf::{NamedNode, NamedOrBlankNode};

use moisson_model::{HierarchyLevel, KeywordGroup, Record, Resolution};

use super::subject::{is_service, lang, resource_identity};
use super::{Builder, Context, agent, distribution, valid_iri};
use crate::tables::{codes, themes};
use crate::vocab::{adms, authority, dcat, dct, dqv, foaf, geo, geodcatap, skos, xsd};

pub(super) fn add(b: &mut Builder, s: &NamedOrBlankNode, record: &Record, ctx: &Context, id: &str) {
    let class = if is_service(record) {
        dcat::DATA_SERVICE
    } else if record.hierarchy_level == HierarchyLevel::Series {
        dcat::DATASET_SERIES
    } else {
        dcat::DATASET
    };
    b.a(s, class);
    if class == dcat::DATASET_SERIES {
        b.a(s, dcat::DATASET);
    }
    let lang = lang(record);
    identification(b, s, record, ctx, id, lang);
    keywords(b, s, record, lang);
    extents(b, s, record, lang);
    quality(b, s, record, lang);
    agent::add_contacts(b, s, &record.contacts, lang, true);
    if is_service(record) {
        distribution::add_service(b, s, record, ctx, id, lang);
    } else {
        distribution::add_distributions(b, s, record, ctx, id, lang);
    }
}

fn identification(
    b: &mut Builder,
    s: &NamedOrBlankNode,
    r: &Record,
    ctx: &Context,
    id: &str,
    lang: Option<&'static str>,
) {
    b.text(
        s,
        dct::IDENTIFIER,
        &resource_identity(r, ctx, id).value,
        None,
    );
    for ident in r.identifiers.iter().filter(|i| !i.code.trim().is_empty()) {
        let node = match ident.uri.as_deref().and_then(valid_iri) {
            Some(iri) => iri.into(),
            None => b.bnode(),
        };
        b.link(s, adms::IDENTIFIER, &node);
        b.a(&node, adms::IDENTIFIER_CLASS);
        b.text(&node, skos::NOTATION, &ident.code, None);
        if let Some(cs) = &ident.codespace {
            b.text(&node, adms::SCHEMA_AGENCY, cs, None);
        }
    }
    b.text(s, dct::TITLE, &r.title, lang);
    b.translations(s, dct::TITLE, &r.title_i18n, lang);
    for alt in &r.alternate_titles {
        b.text(s, dct::ALTERNATIVE, alt, lang);
    }
    let (description, translated) = if r.abstract_text.trim().is_empty() {
        (&r.title, &r.title_i18n)
    } else {
        (&r.abstract_text, &r.abstract_i18n)
    };
    b.text(s, dct::DESCRIPTION, description, lang);
    b.translations(s, dct::DESCRIPTION, translated, lang);
    for (kind, property) in [
        ("publication", dct::ISSUED),
        ("creation", dct::CREATED),
        ("revision", dct::MODIFIED),
    ] {
        if let Some(d) = r.dates.iter().find(|d| d.kind == kind) {
            b.date(s, property, &d.date);
        }
    }
    for language in &r.resource_languages {
        if let Some(node) = codes::language_iri(language).and_then(|i| b.iri(s, dct::LANGUAGE, &i))
        {
            b.a(&node, dct::LINGUISTIC_SYSTEM);
        }
    }
    if let Some(node) = r
        .maintenance_frequency
        .as_deref()
        .and_then(codes::frequency_iri)
        .and_then(|i| b.iri(s, dct::ACCRUAL_PERIODICITY, &i))
    {
        b.a(&node, dct::FREQUENCY);
    }
    if let Some(node) = b.iri(s, dcat::LANDING_PAGE, &ctx.landing_page(id)) {
        b.a(&node, foaf::DOCUMENT);
    }
    if let Some(parent) = r.parent_id.as_deref().filter(|p| !p.trim().is_empty()) {
        let parent: NamedOrBlankNode =
            NamedNode::new_unchecked(ctx.resource_iri(parent.trim())).into();
        b.link(s, dct::IS_PART_OF, &parent);
    }
    for overview in &r.overviews {
        b.iri(s, foaf::DEPICTION, &overview.url);
    }
}

/// Keywords with a URI become `dcat:theme` concepts, INSPIRE themes (by URI or label) become
/// INSPIRE theme concepts plus their EU data themes; the others are `dcat:keyword`.
fn keywords(b: &mut Builder, s: &NamedOrBlankNode, r: &Record, lang: Option<&'static str>) {
    let mut data_themes = Vec::new();
    for group in &r.keywords {
        let inspire_group = is_inspire_group(group);
        for kw in &group.keywords {
            let uri = kw.uri.as_deref();
            let inspire =
                themes::inspire_theme(&kw.text, uri).filter(|_| inspire_group || uri.is_some());
            if let Some(code) = inspire {
                let iri = themes::inspire_theme_iri(code);
                concept(
                    b,
                    s,
                    &iri,
                    authority::INSPIRE_THEME,
                    themes::inspire_labels(&iri),
                );
                data_themes.extend(themes::data_themes_of_inspire(&iri));
            } else if let Some(iri) = uri.filter(|u| u.starts_with(authority::DATA_THEME)) {
                data_themes.push(iri.to_owned());
            } else if let Some(node) = uri.and_then(valid_iri) {
                let node: NamedOrBlankNode = node.into();
                b.link(s, dcat::THEME, &node);
                b.a(&node, skos::CONCEPT);
                b.text(&node, skos::PREF_LABEL, &kw.text, lang);
                b.translations(&node, skos::PREF_LABEL, &kw.text_i18n, lang);
                scheme(b, &node, group, lang);
            } else {
                b.text(s, dcat::KEYWORD, &kw.text, lang);
                b.translations(s, dcat::KEYWORD, &kw.text_i18n, lang);
            }
        }
    }
    for topic in &r.topic_categories {
        let iri = codes::topic_iri(topic);
        b.iri(s, geodcatap::TOPIC_CATEGORY, &iri);
        for inspire in themes::inspire_of_topic(&iri) {
            data_themes.extend(themes::data_themes_of_inspire(&inspire));
        }
    }
    for iri in data_themes {
        concept(
            b,
            s,
            &iri,
            authority::DATA_THEME,
            themes::data_theme_labels(&iri),
        );
    }
}

fn is_inspire_group(group: &KeywordGroup) -> bool {
    group.thesaurus.as_ref().is_some_and(|t| {
        t.title.text.to_ascii_lowercase().contains("inspire")
            || t.title
                .uri
                .as_deref()
                .is_some_and(|u| u.starts_with(authority::INSPIRE_THEME))
    })
}

/// A theme from a known scheme, with its labels from the code tables (never from the
/// keyword text), so that a theme reads the same whatever record carries it.
fn concept(
    b: &mut Builder,
    s: &NamedOrBlankNode,
    iri: &str,
    scheme: &str,
    labels: Option<(&str, &str)>,
) {
    let Some(node) = b.iri(s, dcat::THEME, iri) else {
        return;
    };
    b.a(&node, skos::CONCEPT);
    if let Some(node) = b.iri(&node, skos::IN_SCHEME, scheme) {
        b.a(&node, skos::CONCEPT_SCHEME);
        b.text(&node, dct::TITLE, themes::scheme_title(scheme), Some("en"));
    }
    if let Some((en, fr)) = labels {
        b.text(&node, skos::PREF_LABEL, en, Some("en"));
        b.text(&node, skos::PREF_LABEL, fr, Some("fr"));
    }
}

fn scheme(
    b: &mut Builder,
    concept: &NamedOrBlankNode,
    group: &KeywordGroup,
    lang: Option<&'static str>,
) {
    let Some(thesaurus) = group
        .thesaurus
        .as_ref()
        .filter(|t| !t.title.text.trim().is_empty())
    else {
        return;
    };
    let node = match thesaurus.title.uri.as_deref().and_then(valid_iri) {
        Some(iri) => iri.into(),
        None => b.bnode(),
    };
    b.link(concept, skos::IN_SCHEME, &node);
    b.a(&node, skos::CONCEPT_SCHEME);
    b.text(&node, dct::TITLE, &thesaurus.title.text, lang);
    b.translations(&node, dct::TITLE, &thesaurus.title.text_i18n, lang);
    // Only on a blank node: an IRI is shared by every record citing it, and records
    // cite one thesaurus with different dates (GeoDCAT-AP allows one `dct:issued`).
    if let (Some(date), NamedOrBlankNode::BlankNode(_)) = (&thesaurus.date, &node) {
        b.date(&node, dct::ISSUED, date);
    }
}

fn extents(b: &mut Builder, s: &NamedOrBlankNode, r: &Record, lang: Option<&'static str>) {
    for extent in &r.extents {
        let location = b.bnode();
        b.link(s, dct::SPATIAL, &location);
        b.a(&location, dct::LOCATION);
        if let Some(bbox) = &extent.bbox {
            let (w, so, e, n) = (bbox.west, bbox.south, bbox.east, bbox.north);
            let wkt = format!("POLYGON(({w} {so},{e} {so},{e} {n},{w} {n},{w} {so}))");
            b.typed(&location, dcat::BBOX, &wkt, geo::WKT_LITERAL);
            let centre = format!("POINT({} {})", f64::midpoint(w, e), f64::midpoint(so, n));
            b.typed(&location, dcat::CENTROID, &centre, geo::WKT_LITERAL);
        }
        if let Some(description) = &extent.description {
            b.text(&location, skos::PREF_LABEL, description, lang);
        }
    }
    for period in &r.temporal_extents {
        let node = b.bnode();
        b.link(s, dct::TEMPORAL, &node);
        b.a(&node, dct::PERIOD_OF_TIME);
        if let Some(begin) = &period.begin {
            b.date(&node, dcat::START_DATE, begin);
        }
        if let Some(end) = &period.end {
            b.date(&node, dcat::END_DATE, end);
        }
    }
}

/// Conformity, reference systems, lineage, resolutions.
fn quality(b: &mut Builder, s: &NamedOrBlankNode, r: &Record, lang: Option<&'static str>) {
    for report in &r.conformity {
        let spec = &report.specification;
        let node = match spec.uri.as_deref().and_then(valid_iri) {
            Some(iri) => iri.into(),
            None => b.bnode(),
        };
        b.link(s, dct::CONFORMS_TO, &node);
        b.a(&node, dct::STANDARD);
        b.text(&node, dct::TITLE, &spec.text, lang);
        b.translations(&node, dct::TITLE, &spec.text_i18n, lang);
        // As for thesauri: a date only on a specification without an IRI.
        if let (Some(date), NamedOrBlankNode::BlankNode(_)) = (&report.date, &node) {
            b.date(&node, dct::ISSUED, date);
        }
    }
    for rs in &r.reference_systems {
        let iri = codes::crs_iri(&rs.code, rs.codespace.as_deref()).or_else(|| rs.uri.clone());
        let node = match iri.as_deref().and_then(valid_iri) {
            Some(iri) => iri.into(),
            None => b.bnode(),
        };
        b.link(s, dct::CONFORMS_TO, &node);
        b.link(s, geodcatap::REFERENCE_SYSTEM, &node);
        b.a(&node, dct::STANDARD);
        b.iri(&node, dct::TYPE, authority::INSPIRE_SRS);
        b.text(&node, skos::NOTATION, &rs.code, None);
    }
    if let Some(lineage) = &r.lineage {
        let node = b.bnode();
        b.link(s, dct::PROVENANCE, &node);
        b.a(&node, dct::PROVENANCE_STATEMENT);
        b.text(&node, dct::DESCRIPTION, lineage, lang);
        b.translations(&node, dct::DESCRIPTION, &r.lineage_i18n, lang);
    }
    for resolution in &r.spatial_resolutions {
        resolution_triples(b, s, resolution);
    }
}

fn resolution_triples(b: &mut Builder, s: &NamedOrBlankNode, resolution: &Resolution) {
    match resolution {
        Resolution::Distance { value, uom } => {
            let factor = match uom.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None
                | Some(
                    "m" | "metre" | "meter" | "metres" | "meters" | "urn:ogc:def:uom:epsg::9001",
                ) => 1.0,
                Some("km" | "kilometre" | "kilometer") => 1000.0,
                Some(_) => return,
            };
            b.typed(
                s,
                dcat::SPATIAL_RESOLUTION_IN_METERS,
                &(value * factor).to_string(),
                xsd::DECIMAL,
            );
        }
        Resolution::ScaleDenominator(denominator) if *denominator > 0 => {
            let node = b.bnode();
            b.link(s, dqv::HAS_QUALITY_MEASUREMENT, &node);
            b.a(&node, dqv::QUALITY_MEASUREMENT);
            let metric =
                NamedOrBlankNode::from(geodcatap::SPATIAL_RESOLUTION_AS_SCALE.into_owned());
            b.link(&node, dqv::IS_MEASUREMENT_OF, &metric);
            b.a(&metric, dqv::METRIC);
            #[expect(
                clippy::cast_precision_loss,
                reason = "scale denominators are far below 2^52"
            )]
            let scale = 1.0 / *denominator as f64;
            b.typed(&node, dqv::VALUE, &scale.to_string(), xsd::DECIMAL);
        }
        Resolution::ScaleDenominator(_) => {}
    }
}
