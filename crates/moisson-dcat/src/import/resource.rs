//! One dcat:Dataset / DatasetSeries / DataService → one record.

use oxrdf::NamedOrBlankNodeRef;

use moisson_model::{
    Anchored, ConformityReport, GeographicExtent, GraphicOverview, HierarchyLevel, KeywordGroup,
    Record, RecordId, Resolution, ResourceDate, ResourceIdentifier, TemporalExtent, Thesaurus,
};

use super::view::{View, iri, node_iri};
use super::{geometry, parts};
use crate::export::Context;
use crate::tables::{codes, formats, themes};
use crate::vocab::{adms, authority, dcat, dct, dqv, foaf, geodcatap, locn, rdfs, skos};

pub(super) fn read<'a>(v: &View<'a>, s: NamedOrBlankNodeRef<'a>) -> Record {
    let catalog_record = v.catalog_record(s);
    let mut r = Record::default();
    r.metadata.language = catalog_record
        .and_then(|c| {
            v.iris(c, dct::LANGUAGE)
                .into_iter()
                .find_map(|l| codes::language_from(&l))
        })
        .or_else(|| {
            v.literals(s, dct::TITLE)
                .iter()
                .find_map(|l| l.language().and_then(codes::language_from))
        })
        .map(str::to_owned);
    r.metadata.date_stamp = catalog_record.and_then(|c| v.text(c, dct::MODIFIED, None));
    let lang = r.metadata.language.as_deref().and_then(codes::language_tag);
    r.hierarchy_level = if v.has_type(s, dcat::DATA_SERVICE) {
        HierarchyLevel::Service
    } else if v.has_type(s, dcat::DATASET_SERIES) {
        HierarchyLevel::Series
    } else {
        HierarchyLevel::Dataset
    };
    r.title = v.text(s, dct::TITLE, lang).unwrap_or_default();
    r.alternate_titles = v.texts(s, dct::ALTERNATIVE, lang);
    r.abstract_text = v.text(s, dct::DESCRIPTION, lang).unwrap_or_default();
    r.identifiers = identifiers(v, s);
    let id = catalog_record
        .and_then(|c| v.text(c, dct::IDENTIFIER, None))
        .or_else(|| node_iri(s).and_then(Context::id_of_resource_iri));
    let id = id.or_else(|| {
        r.identifiers
            .first()
            .map(|i| i.uri.clone().unwrap_or_else(|| i.code.clone()))
    });
    r.id = id
        .or_else(|| node_iri(s).map(str::to_owned))
        .and_then(|i| RecordId::parse(i).ok());
    dates(v, s, &mut r);
    r.resource_languages = v
        .iris(s, dct::LANGUAGE)
        .iter()
        .filter_map(|l| codes::language_from(l))
        .map(str::to_owned)
        .collect();
    r.maintenance_frequency = v
        .iris(s, dct::ACCRUAL_PERIODICITY)
        .iter()
        .find_map(|f| codes::frequency_from(f))
        .map(str::to_owned);
    r.keywords = keywords(v, s, lang);
    r.topic_categories = v
        .iris(s, geodcatap::TOPIC_CATEGORY)
        .iter()
        .filter_map(|t| codes::topic_from(t))
        .map(str::to_owned)
        .collect();
    extents(v, s, lang, &mut r);
    quality(v, s, lang, &mut r);
    r.parent_id = [dct::IS_PART_OF, dcat::IN_SERIES]
        .into_iter()
        .flat_map(|p| v.iris(s, p))
        .next()
        .map(|p| Context::id_of_resource_iri(&p).unwrap_or(p));
    r.overviews = v
        .iris(s, foaf::DEPICTION)
        .into_iter()
        .map(|url| GraphicOverview {
            url,
            ..GraphicOverview::default()
        })
        .collect();
    r.contacts = parts::contacts(v, s, lang);
    r.metadata_contacts = catalog_record
        .map(|c| parts::contacts(v, c, lang))
        .unwrap_or_default();
    parts::distributions(v, s, lang, &mut r);
    r
}

fn identifiers<'a>(v: &View<'a>, s: NamedOrBlankNodeRef<'a>) -> Vec<ResourceIdentifier> {
    let mut out: Vec<ResourceIdentifier> = v
        .nodes(s, adms::IDENTIFIER)
        .into_iter()
        .filter_map(|n| {
            let code = v
                .text(n, skos::NOTATION, None)
                .or_else(|| node_iri(n).map(str::to_owned))?;
            let codespace = v.text(n, adms::SCHEMA_AGENCY, None);
            Some(ResourceIdentifier {
                code,
                codespace,
                uri: node_iri(n).map(str::to_owned),
            })
        })
        .collect();
    if out.is_empty() {
        let own = node_iri(s).unwrap_or_default();
        for text in v
            .texts(s, dct::IDENTIFIER, None)
            .into_iter()
            .filter(|t| t != own)
        {
            let uri =
                (text.starts_with("http://") || text.starts_with("https://")).then(|| text.clone());
            out.push(ResourceIdentifier {
                code: text,
                codespace: None,
                uri,
            });
        }
    }
    out
}

fn dates<'a>(v: &View<'a>, s: NamedOrBlankNodeRef<'a>, r: &mut Record) {
    for (kind, property) in [
        ("publication", dct::ISSUED),
        ("creation", dct::CREATED),
        ("revision", dct::MODIFIED),
    ] {
        if let Some(date) = v.text(s, property, None) {
            r.dates.push(ResourceDate {
                kind: kind.to_owned(),
                date,
            });
        }
    }
}

fn keywords<'a>(v: &View<'a>, s: NamedOrBlankNodeRef<'a>, lang: Option<&str>) -> Vec<KeywordGroup> {
    let mut groups: Vec<KeywordGroup> = Vec::new();
    let free: Vec<Anchored> = v
        .texts(s, dcat::KEYWORD, lang)
        .into_iter()
        .map(Anchored::text)
        .collect();
    if !free.is_empty() {
        groups.push(KeywordGroup {
            keywords: free,
            ..KeywordGroup::default()
        });
    }
    for concept in v.nodes(s, dcat::THEME) {
        let uri = node_iri(concept).map(str::to_owned);
        let french = lang == Some("fr");
        let known = uri.as_deref().and_then(|u| {
            let pick = |(en, fr): (&'static str, &'static str)| if french { fr } else { en };
            themes::inspire_labels(u)
                .map(|l| (themes::INSPIRE_THESAURUS, authority::INSPIRE_THEME, pick(l)))
                .or_else(|| {
                    themes::data_theme_labels(u)
                        .map(|l| (themes::DATA_THEME_THESAURUS, authority::DATA_THEME, pick(l)))
                })
        });
        let (thesaurus, text) = match known {
            Some((title, scheme, label)) => {
                let title = Anchored {
                    text: title.to_owned(),
                    uri: Some(scheme.to_owned()),
                    ..Anchored::default()
                };
                (
                    Some(Thesaurus {
                        title,
                        ..Thesaurus::default()
                    }),
                    label.to_owned(),
                )
            }
            None => {
                let text = v
                    .text(concept, skos::PREF_LABEL, lang)
                    .or_else(|| uri.clone())
                    .unwrap_or_default();
                (scheme(v, concept, lang), text)
            }
        };
        let keyword = Anchored {
            text,
            uri,
            ..Anchored::default()
        };
        match groups
            .iter_mut()
            .find(|g| g.thesaurus.is_some() && g.thesaurus == thesaurus)
        {
            Some(g) => g.keywords.push(keyword),
            None => groups.push(KeywordGroup {
                thesaurus,
                kind: Some("theme".to_owned()),
                keywords: vec![keyword],
            }),
        }
    }
    groups
}

fn scheme<'a>(
    v: &View<'a>,
    concept: NamedOrBlankNodeRef<'a>,
    lang: Option<&str>,
) -> Option<Thesaurus> {
    let node = v.nodes(concept, skos::IN_SCHEME).into_iter().next()?;
    let text = v
        .text(node, dct::TITLE, lang)
        .or_else(|| node_iri(node).map(str::to_owned))
        .unwrap_or_default();
    let title = Anchored {
        text,
        uri: node_iri(node).map(str::to_owned),
        ..Anchored::default()
    };
    Some(Thesaurus {
        title,
        date: v.text(node, dct::ISSUED, None),
        date_kind: None,
    })
}

fn extents<'a>(v: &View<'a>, s: NamedOrBlankNodeRef<'a>, lang: Option<&str>, r: &mut Record) {
    for location in v.nodes(s, dct::SPATIAL) {
        let geometry = [dcat::BBOX, locn::GEOMETRY]
            .into_iter()
            .flat_map(|p| v.literals(location, p))
            .find_map(|l| geometry::bbox(l.value()));
        let description = [skos::PREF_LABEL, rdfs::LABEL, dct::TITLE]
            .into_iter()
            .find_map(|p| v.text(location, p, lang));
        let description = description.or_else(|| {
            geometry
                .is_none()
                .then(|| node_iri(location).map(str::to_owned))
                .flatten()
        });
        if geometry.is_some() || description.is_some() {
            r.extents.push(GeographicExtent {
                bbox: geometry,
                description,
            });
        }
    }
    for period in v.nodes(s, dct::TEMPORAL) {
        let begin = v.text(period, dcat::START_DATE, None);
        let end = v.text(period, dcat::END_DATE, None);
        if begin.is_some() || end.is_some() {
            r.temporal_extents.push(TemporalExtent {
                begin,
                end,
                end_is_now: false,
            });
        }
    }
}

fn quality<'a>(v: &View<'a>, s: NamedOrBlankNodeRef<'a>, lang: Option<&str>, r: &mut Record) {
    let service = r.hierarchy_level == HierarchyLevel::Service;
    let srs = |n: NamedOrBlankNodeRef<'a>| {
        v.iris(n, dct::TYPE)
            .iter()
            .any(|t| t == authority::INSPIRE_SRS)
    };
    let mut crs_nodes = v.nodes(s, geodcatap::REFERENCE_SYSTEM);
    for node in v.nodes(s, dct::CONFORMS_TO) {
        if srs(node) {
            crs_nodes.push(node);
        } else if let Some(protocol) = node_iri(node)
            .and_then(formats::protocol_from)
            .filter(|_| service)
        {
            let info = r.service.get_or_insert_with(Default::default);
            info.service_type.get_or_insert_with(|| protocol.to_owned());
        } else {
            let text = v
                .text(node, dct::TITLE, lang)
                .or_else(|| node_iri(node).map(str::to_owned))
                .unwrap_or_default();
            let date = v.text(node, dct::ISSUED, None);
            let date_kind = date.as_ref().map(|_| "publication".to_owned());
            let specification = Anchored {
                text,
                uri: node_iri(node).map(str::to_owned),
                ..Anchored::default()
            };
            r.conformity.push(ConformityReport {
                specification,
                date,
                date_kind,
                ..ConformityReport::default()
            });
        }
    }
    crs_nodes.dedup();
    for node in crs_nodes {
        let uri = node_iri(node).map(str::to_owned);
        let code = v
            .text(node, skos::NOTATION, None)
            .or_else(|| uri.clone())
            .unwrap_or_default();
        if !r
            .reference_systems
            .iter()
            .any(|x| x.code == code && x.uri == uri)
        {
            r.reference_systems.push(ResourceIdentifier {
                code,
                codespace: None,
                uri,
            });
        }
    }
    r.lineage = v.nodes(s, dct::PROVENANCE).into_iter().find_map(|p| {
        v.text(p, dct::DESCRIPTION, lang)
            .or_else(|| v.text(p, rdfs::LABEL, lang))
    });
    for value in v.literals(s, dcat::SPATIAL_RESOLUTION_IN_METERS) {
        if let Ok(value) = value.value().parse::<f64>() {
            r.spatial_resolutions.push(Resolution::Distance {
                value,
                uom: Some("m".to_owned()),
            });
        }
    }
    for m in v.nodes(s, dqv::HAS_QUALITY_MEASUREMENT) {
        let is_scale = v
            .objects(m, dqv::IS_MEASUREMENT_OF)
            .iter()
            .any(|o| iri(*o) == Some(geodcatap::SPATIAL_RESOLUTION_AS_SCALE.as_str()));
        let value = v
            .literals(m, dqv::VALUE)
            .first()
            .and_then(|l| l.value().parse::<f64>().ok())
            .filter(|x| *x > 0.0);
        if let (true, Some(value)) = (is_scale, value) {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a positive scale's inverse, rounded"
            )]
            r.spatial_resolutions
                .push(Resolution::ScaleDenominator((1.0 / value).round() as u64));
        }
    }
}
