//! A rich record touching every mapped field, and helpers over graphs.

use moisson_model::*;
use oxrdf::{Graph, NamedNodeRef, TermRef};

pub const PUBLIC_URL: &str = "https://catalogue.example.fr";

pub fn anchored(text: &str, uri: Option<&str>) -> Anchored {
    Anchored::with_uri(text, uri.map(str::to_owned))
}

/// A French dataset with every field the mapping reads.
pub fn rich_record() -> Record {
    let contact = |role: &str, org: &str| Contact {
        role: Some(role.to_owned()),
        organisation: Some(org.to_owned()),
        individual: Some("Jeanne Martin".to_owned()),
        position: Some("Administratrice de données".to_owned()),
        emails: vec!["sig@example.fr".to_owned()],
        phones: vec!["+33 1 23 45 67 89".to_owned()],
        address: Some(Address {
            delivery_point: Some("1 place de la Mairie".to_owned()),
            city: Some("Lyon".to_owned()),
            administrative_area: Some("Rhône".to_owned()),
            postal_code: Some("69001".to_owned()),
            country: Some("France".to_owned()),
        }),
        url: Some("https://www.example.fr/".to_owned()),
    };
    Record {
        id: RecordId::parse("FR-200046977/plu/2024").ok(),
        parent_id: Some("FR-200046977/plu".to_owned()),
        metadata: MetadataInfo {
            language: Some("fre".to_owned()),
            date_stamp: Some("2024-03-01".to_owned()),
            ..MetadataInfo::default()
        },
        hierarchy_level: HierarchyLevel::Dataset,
        title: "Plan local d'urbanisme de Lyon".to_owned(),
        alternate_titles: vec!["PLU Lyon".to_owned()],
        abstract_text: "Zonage et règlement du PLU.".to_owned(),
        dates: vec![
            ResourceDate {
                kind: "publication".to_owned(),
                date: "2024-01-31".to_owned(),
            },
            ResourceDate {
                kind: "creation".to_owned(),
                date: "2023-06-01".to_owned(),
            },
            ResourceDate {
                kind: "revision".to_owned(),
                date: "2024-02-15T10:00:00".to_owned(),
            },
        ],
        identifiers: vec![
            ResourceIdentifier {
                code: "https://data.example.fr/id/plu-lyon".to_owned(),
                codespace: None,
                uri: Some("https://data.example.fr/id/plu-lyon".to_owned()),
            },
            ResourceIdentifier {
                code: "plu-2024".to_owned(),
                codespace: Some("FR-200046977".to_owned()),
                uri: None,
            },
        ],
        contacts: vec![
            contact("pointOfContact", "Métropole de Lyon"),
            contact("publisher", "Métropole de Lyon"),
            contact("owner", "Ville de Lyon"),
            contact("author", "Agence d'urbanisme"),
        ],
        keywords: vec![
            KeywordGroup {
                thesaurus: Some(Thesaurus {
                    title: anchored("GEMET - INSPIRE themes, version 1.0", None),
                    date: Some("2008-06-01".to_owned()),
                    date_kind: Some("publication".to_owned()),
                }),
                kind: Some("theme".to_owned()),
                keywords: vec![anchored("Usage des sols", None)],
            },
            KeywordGroup {
                thesaurus: Some(Thesaurus {
                    title: anchored("GEMET", Some("http://www.eionet.europa.eu/gemet")),
                    date: None,
                    date_kind: None,
                }),
                kind: None,
                keywords: vec![anchored(
                    "urbanisme",
                    Some("http://www.eionet.europa.eu/gemet/concept/8922"),
                )],
            },
            KeywordGroup {
                thesaurus: None,
                kind: None,
                keywords: vec![anchored("PLU", None), anchored("zonage", None)],
            },
        ],
        topic_categories: vec!["planningCadastre".to_owned()],
        spatial_resolutions: vec![
            Resolution::ScaleDenominator(5000),
            Resolution::Distance {
                value: 0.5,
                uom: Some("m".to_owned()),
            },
        ],
        resource_languages: vec!["fre".to_owned()],
        extents: vec![GeographicExtent {
            bbox: Bbox::new(4.77, 45.70, 4.90, 45.81).ok(),
            description: Some("Lyon".to_owned()),
        }],
        temporal_extents: vec![TemporalExtent {
            begin: Some("2024-01-01".to_owned()),
            end: Some("2030-12-31".to_owned()),
            end_is_now: false,
        }],
        reference_systems: vec![ResourceIdentifier {
            code: "EPSG:2154".to_owned(),
            codespace: None,
            uri: None,
        }],
        constraints: vec![
            Constraint {
                kind: ConstraintKind::Legal,
                access_constraints: vec!["otherRestrictions".to_owned()],
                other_constraints: vec![anchored(
                    "Pas de restriction d'accès public",
                    Some(
                        "http://inspire.ec.europa.eu/metadata-codelist/LimitationsOnPublicAccess/noLimitations",
                    ),
                )],
                ..Constraint::default()
            },
            Constraint {
                kind: ConstraintKind::Legal,
                use_constraints: vec!["otherRestrictions".to_owned()],
                other_constraints: vec![
                    anchored("Licence Ouverte version 2.0", None),
                    anchored("Citer la source : Métropole de Lyon", None),
                ],
                ..Constraint::default()
            },
        ],
        formats: vec![Format {
            name: anchored("ESRI Shapefile", None),
            version: Some("1.0".to_owned()),
        }],
        online_resources: vec![
            OnlineResource {
                url: "https://data.example.fr/plu.zip".to_owned(),
                protocol: Some("WWW:DOWNLOAD-1.0-http--download".to_owned()),
                name: Some("Archive du PLU".to_owned()),
                description: Some("Shapefile zippé".to_owned()),
                function: Some("download".to_owned()),
            },
            OnlineResource {
                url: "https://data.example.fr/wms?SERVICE=WMS&REQUEST=GetCapabilities".to_owned(),
                protocol: Some("OGC:WMS".to_owned()),
                name: Some("Service de visualisation".to_owned()),
                description: None,
                function: None,
            },
            OnlineResource {
                url: "https://www.example.fr/plu".to_owned(),
                protocol: Some("WWW:LINK".to_owned()),
                name: None,
                description: None,
                function: Some("information".to_owned()),
            },
        ],
        lineage: Some("Numérisation du PLU approuvé.".to_owned()),
        conformity: vec![ConformityReport {
            specification: anchored(
                "Règlement (UE) n° 1089/2010",
                Some("http://data.europa.eu/eli/reg/2010/1089"),
            ),
            date: Some("2010-12-08".to_owned()),
            date_kind: Some("publication".to_owned()),
            explanation: None,
            pass: Some(true),
        }],
        maintenance_frequency: Some("monthly".to_owned()),
        overviews: vec![GraphicOverview {
            url: "https://data.example.fr/plu.png".to_owned(),
            description: None,
            file_type: None,
        }],
        service: None,
        catalogue: CatalogueInfo::default(),
        ..Record::default()
    }
}

/// A view service operating on the rich record.
pub fn service_record() -> Record {
    Record {
        id: RecordId::parse("svc-wms-plu").ok(),
        hierarchy_level: HierarchyLevel::Service,
        title: "Service WMS du PLU".to_owned(),
        abstract_text: "Visualisation du PLU.".to_owned(),
        metadata: MetadataInfo {
            language: Some("fre".to_owned()),
            date_stamp: Some("2024-03-02".to_owned()),
            ..MetadataInfo::default()
        },
        online_resources: vec![OnlineResource {
            url: "https://data.example.fr/wms?SERVICE=WMS&REQUEST=GetCapabilities".to_owned(),
            protocol: Some("OGC:WMS".to_owned()),
            ..OnlineResource::default()
        }],
        service: Some(ServiceInfo {
            service_type: Some("view".to_owned()),
            operates_on: vec![OperatesOn {
                uuidref: Some("FR-200046977/plu/2024".to_owned()),
                href: None,
            }],
            ..ServiceInfo::default()
        }),
        constraints: vec![Constraint {
            kind: ConstraintKind::Legal,
            other_constraints: vec![anchored("ODbL", None)],
            ..Constraint::default()
        }],
        ..Record::default()
    }
}

/// Whether some triple has predicate `p` (and, when given, an object equal to `object`).
pub fn has(graph: &Graph, p: NamedNodeRef<'_>, object: Option<&str>) -> bool {
    graph.triples_for_predicate(p).any(|t| {
        object.is_none_or(|o| match t.object {
            TermRef::NamedNode(n) => n.as_str() == o,
            TermRef::Literal(l) => l.value() == o,
            _ => false,
        })
    })
}

pub fn canonical(mut graph: Graph) -> Graph {
    graph.canonicalize(oxrdf::graph::CanonicalizationAlgorithm::Unstable);
    graph
}

/// The context of the tests: the public URL, and the rich record as a dataset services
/// may operate on.
pub fn context() -> moisson_dcat::Context {
    moisson_dcat::Context::new(PUBLIC_URL).with_served(moisson_dcat::served_by(&[rich_record()]))
}
