//! OGC service sources: the capabilities of a WMS (1.1.1, 1.3.0), a WFS (1.x, 2.0) or a
//! WMTS (1.0), read in one page (an OGC API landing page goes to `ogcapi`): a service record (ISO 19119: type, version, operations, tight
//! coupling, operatesOn) and one dataset record per named layer, feature type or tile layer, pre-filled
//! from the document (title, abstract, keywords, WGS 84 extent, CRS, MetadataURL).
//! Identifiers are made from the capabilities URL, so a source keeps them from run to
//! run. Remote data is not read.

use async_trait::async_trait;
use moisson_model::{
    Anchored, Bbox, GeographicExtent, HierarchyLevel, KeywordGroup, OnlineResource, OperatesOn,
    Operation, Record, ResourceIdentifier, ServiceInfo,
};
use reqwest::Url;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::http::{Fetcher, parse_url};
use crate::source::{Harvested, Page, Source};
use crate::xml::{self, Element};

/// Capabilities in XML, else an OGC API landing page in JSON.
const ACCEPT: &str = "application/xml, text/xml;q=0.9, application/json;q=0.8";

/// A service's capabilities, read once.
#[derive(Debug)]
pub struct OgcSource {
    fetcher: Fetcher,
    url: Option<Url>,
}

impl OgcSource {
    /// # Errors
    /// `Error::Settings` for a URL that is not http(s).
    pub fn new(fetcher: Fetcher, url: &str) -> Result<Self> {
        let url = parse_url(url)
            .ok_or_else(|| Error::Settings(format!("{url} is not an http(s) URL")))?;
        Ok(Self {
            fetcher,
            url: Some(url),
        })
    }
}

#[async_trait]
impl Source for OgcSource {
    async fn next_page(&mut self) -> Result<Option<Page>> {
        let Some(url) = self.url.take() else {
            return Ok(None);
        };
        let body = self.fetcher.get(url.as_str(), ACCEPT).await?.body;
        if crate::ogcapi::is_json(&body) {
            let records = crate::ogcapi::records(&mut self.fetcher, &url, &body).await?;
            let mut page = Page::default();
            for record in records {
                page.push(Harvested::new(record, None));
            }
            return Ok(Some(page));
        }
        let root = xml::parse(&body)
            .map_err(|e| Error::remote(url.as_str(), format!("unreadable capabilities: {e}")))?;
        let records = records(&root, url.as_str()).map_err(|e| Error::remote(url.as_str(), e))?;
        let mut page = Page::default();
        for record in records {
            page.push(Harvested::new(record, None));
        }
        Ok(Some(page))
    }
}

/// The service record first, then one record per layer or feature type.
///
/// # Errors
/// When the document is not WMS or WFS capabilities.
pub fn records(root: &Element, url: &str) -> std::result::Result<Vec<Record>, String> {
    let kind = match root.name.as_str() {
        "WMS_Capabilities" | "WMT_MS_Capabilities" => Kind::Wms,
        "WFS_Capabilities" => Kind::Wfs,
        // WMTS 1.0 names its root `Capabilities` (OWS 1.1), as other OWS services might.
        "Capabilities" if root.child("Contents").is_some() => Kind::Wmts,
        other => return Err(format!("{other} is not WMS, WFS or WMTS capabilities")),
    };
    let service_id = format!("ogc-{}", &hex::encode(Sha256::digest(url.as_bytes()))[..16]);
    let datasets: Vec<Record> = match kind {
        Kind::Wms => wms_layers(root, &mut Vec::new())
            .into_iter()
            .map(|l| layer_record(&service_id, url, kind, l))
            .collect(),
        Kind::Wfs => root
            .child("FeatureTypeList")
            .map(|l| l.children("FeatureType").collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| feature_type(f).map(|l| layer_record(&service_id, url, kind, l)))
            .collect(),
        Kind::Wmts => root
            .child("Contents")
            .map(|c| c.children("Layer").collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|l| tile_layer(l).map(|l| layer_record(&service_id, url, kind, l)))
            .collect(),
    };
    let mut out = vec![service_record(root, &service_id, url, kind, &datasets)];
    out.extend(datasets);
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Wms,
    Wfs,
    Wmts,
}

impl Kind {
    fn protocol(self) -> &'static str {
        match self {
            Self::Wms => "OGC:WMS",
            Self::Wfs => "OGC:WFS",
            Self::Wmts => "OGC:WMTS",
        }
    }
}

/// What a layer or feature type says of its data.
#[derive(Debug, Default)]
struct Layer {
    name: String,
    title: Option<String>,
    abstract_text: Option<String>,
    keywords: Vec<String>,
    bbox: Option<Bbox>,
    crs: Vec<String>,
    metadata_urls: Vec<String>,
}

fn keywords(e: &Element) -> Vec<String> {
    let mut out = Vec::new();
    for list in e.children("KeywordList").chain(e.children("Keywords")) {
        out.extend(list.children("Keyword").map(|k| k.text.trim().to_owned()));
        // WFS 1.0: a comma-separated text.
        if list.children.is_empty() {
            out.extend(list.text.split(',').map(|k| k.trim().to_owned()));
        }
    }
    out.retain(|k| !k.is_empty());
    out
}

fn number(e: &Element, name: &str) -> Option<f64> {
    e.child_text(name).and_then(|t| t.parse().ok())
}

fn attr_number(e: &Element, name: &str) -> Option<f64> {
    e.attr(name).and_then(|t| t.trim().parse().ok())
}

/// The WGS 84 box of a WMS layer (1.3.0 `EX_GeographicBoundingBox`, 1.1.1
/// `LatLonBoundingBox`), inherited from its parent when it has none.
fn wms_bbox(e: &Element) -> Option<Bbox> {
    if let Some(b) = e.child("EX_GeographicBoundingBox") {
        let (w, s) = (
            number(b, "westBoundLongitude")?,
            number(b, "southBoundLatitude")?,
        );
        let (ea, n) = (
            number(b, "eastBoundLongitude")?,
            number(b, "northBoundLatitude")?,
        );
        return Bbox::new(w, s, ea, n).ok();
    }
    let b = e.child("LatLonBoundingBox")?;
    let (w, s) = (attr_number(b, "minx")?, attr_number(b, "miny")?);
    Bbox::new(w, s, attr_number(b, "maxx")?, attr_number(b, "maxy")?).ok()
}

fn metadata_urls(e: &Element) -> Vec<String> {
    e.children("MetadataURL")
        .filter_map(|m| {
            m.child("OnlineResource")
                .and_then(|o| o.attr("href"))
                .or_else(|| m.attr("href"))
                .or_else(|| Some(m.text.trim()).filter(|t| !t.is_empty()))
                .map(str::to_owned)
        })
        .collect()
}

/// Every named layer, depth first, with what it inherits (box, CRS) from its parents.
fn wms_layers(e: &Element, inherited: &mut Vec<(Option<Bbox>, Vec<String>)>) -> Vec<Layer> {
    let capability = if e.name == "Layer" {
        Some(e)
    } else {
        e.child("Capability")
    };
    let Some(node) = capability else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for layer in node.children("Layer") {
        let (parent_box, parent_crs) = inherited.last().cloned().unwrap_or_default();
        let bbox = wms_bbox(layer).or(parent_box);
        let mut crs: Vec<String> = layer
            .children("CRS")
            .chain(layer.children("SRS"))
            .map(|c| c.text.trim().to_owned())
            .collect();
        if crs.is_empty() {
            crs = parent_crs;
        }
        if let Some(name) = layer.child_text("Name") {
            out.push(Layer {
                name: name.to_owned(),
                title: layer.child_text("Title").map(str::to_owned),
                abstract_text: layer.child_text("Abstract").map(str::to_owned),
                keywords: keywords(layer),
                bbox,
                crs: crs.clone(),
                metadata_urls: metadata_urls(layer),
            });
        }
        inherited.push((bbox, crs));
        out.extend(wms_layers(layer, inherited));
        inherited.pop();
    }
    out
}

/// An OWS `WGS84BoundingBox` (lower and upper corners, longitude first).
fn ows_wgs84_box(e: &Element) -> Option<Bbox> {
    let b = e.child("WGS84BoundingBox")?;
    let corner = |n: &str| -> Option<(f64, f64)> {
        let mut it = b
            .child_text(n)?
            .split_whitespace()
            .map(|v| v.parse::<f64>().ok());
        Some((it.next()??, it.next()??))
    };
    let ((w, s), (e, n)) = (corner("LowerCorner")?, corner("UpperCorner")?);
    Bbox::new(w, s, e, n).ok()
}

/// A WMTS tile layer: named by its `ows:Identifier`; its tile matrix sets stand for CRS.
fn tile_layer(l: &Element) -> Option<Layer> {
    let name = l.child_text("Identifier")?.to_owned();
    let crs = l
        .children("TileMatrixSetLink")
        .flat_map(|link| {
            link.children("TileMatrixSet")
                .map(|t| t.text.trim().to_owned())
        })
        .filter(|t| !t.is_empty())
        .collect();
    Some(Layer {
        name,
        title: l.child_text("Title").map(str::to_owned),
        abstract_text: l.child_text("Abstract").map(str::to_owned),
        keywords: keywords(l),
        bbox: ows_wgs84_box(l),
        crs,
        metadata_urls: metadata_urls(l),
    })
}

fn feature_type(f: &Element) -> Option<Layer> {
    let name = f.child_text("Name")?.to_owned();
    let bbox = ows_wgs84_box(f).or_else(|| {
        let b = f.child("LatLongBoundingBox")?;
        let (w, s) = (attr_number(b, "minx")?, attr_number(b, "miny")?);
        Bbox::new(w, s, attr_number(b, "maxx")?, attr_number(b, "maxy")?).ok()
    });
    let crs = ["DefaultCRS", "DefaultSRS", "SRS", "OtherCRS", "OtherSRS"]
        .iter()
        .flat_map(|n| f.children(n).map(|c| c.text.trim().to_owned()))
        .filter(|c| !c.is_empty())
        .collect();
    Some(Layer {
        name,
        title: f.child_text("Title").map(str::to_owned),
        abstract_text: f.child_text("Abstract").map(str::to_owned),
        keywords: keywords(f),
        bbox,
        crs,
        metadata_urls: metadata_urls(f),
    })
}

fn keyword_group(words: Vec<String>) -> Vec<KeywordGroup> {
    if words.is_empty() {
        return Vec::new();
    }
    vec![KeywordGroup {
        keywords: words.into_iter().map(Anchored::text).collect(),
        ..KeywordGroup::default()
    }]
}

fn layer_record(service_id: &str, url: &str, kind: Kind, l: Layer) -> Record {
    let id = format!("{service_id}:{}", l.name.replace(char::is_whitespace, "_"));
    let mut online = vec![OnlineResource {
        url: url.to_owned(),
        protocol: Some(kind.protocol().to_owned()),
        name: Some(l.name.clone()),
        ..OnlineResource::default()
    }];
    online.extend(l.metadata_urls.into_iter().map(|u| OnlineResource {
        url: u,
        function: Some("information".to_owned()),
        description: Some("MetadataURL".to_owned()),
        ..OnlineResource::default()
    }));
    Record {
        id: moisson_model::RecordId::parse(id).ok(),
        hierarchy_level: HierarchyLevel::Dataset,
        title: l.title.unwrap_or_else(|| l.name.clone()),
        abstract_text: l.abstract_text.unwrap_or_default(),
        keywords: keyword_group(l.keywords),
        extents: l
            .bbox
            .map(|b| GeographicExtent {
                bbox: Some(b),
                description: None,
            })
            .into_iter()
            .collect(),
        reference_systems: l
            .crs
            .into_iter()
            .map(|code| ResourceIdentifier {
                code,
                ..ResourceIdentifier::default()
            })
            .collect(),
        online_resources: online,
        ..Record::default()
    }
}

/// Operations and their GET URLs: WMS `Capability/Request/*`, OWS `OperationsMetadata`.
fn operations(root: &Element) -> Vec<Operation> {
    let get_url = |op: &Element| -> Vec<String> {
        op.children("DCPType")
            .chain(op.children("DCP"))
            .filter_map(|d| d.path(&["HTTP", "Get"]))
            .filter_map(|g| {
                g.attr("href")
                    .or_else(|| g.child("OnlineResource")?.attr("href"))
            })
            .map(str::to_owned)
            .collect()
    };
    if let Some(request) = root.path(&["Capability", "Request"]) {
        return request
            .children
            .iter()
            .map(|op| Operation {
                name: op.name.clone(),
                dcp: vec!["WebServices".to_owned()],
                urls: get_url(op),
                ..Operation::default()
            })
            .collect();
    }
    root.child("OperationsMetadata")
        .map(|m| {
            m.children("Operation")
                .map(|op| Operation {
                    name: op.attr("name").unwrap_or_default().to_owned(),
                    dcp: vec!["WebServices".to_owned()],
                    urls: get_url(op),
                    ..Operation::default()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn service_record(root: &Element, id: &str, url: &str, kind: Kind, datasets: &[Record]) -> Record {
    // WMS and WFS 1.0 `Service`; OWS (WFS 1.1, 2.0) `ServiceIdentification`.
    let ident = root
        .child("Service")
        .or_else(|| root.child("ServiceIdentification"));
    let text = |n: &str| ident.and_then(|i| i.child_text(n)).map(str::to_owned);
    let version = root.attr("version").map(str::to_owned);
    Record {
        id: moisson_model::RecordId::parse(id.to_owned()).ok(),
        hierarchy_level: HierarchyLevel::Service,
        title: text("Title").unwrap_or_else(|| url.to_owned()),
        abstract_text: text("Abstract").unwrap_or_default(),
        keywords: keyword_group(ident.map(keywords).unwrap_or_default()),
        extents: union(datasets)
            .map(|b| GeographicExtent {
                bbox: Some(b),
                description: None,
            })
            .into_iter()
            .collect(),
        online_resources: vec![OnlineResource {
            url: url.to_owned(),
            protocol: Some(kind.protocol().to_owned()),
            function: Some("information".to_owned()),
            ..OnlineResource::default()
        }],
        service: Some(ServiceInfo {
            service_type: Some(match kind {
                Kind::Wms | Kind::Wmts => "view".to_owned(),
                Kind::Wfs => "download".to_owned(),
            }),
            service_type_versions: version.into_iter().collect(),
            coupling_type: Some("tight".to_owned()),
            operates_on: datasets
                .iter()
                .filter_map(|d| d.id.as_ref())
                .map(|i| OperatesOn {
                    uuidref: Some(i.as_str().to_owned()),
                    href: None,
                })
                .collect(),
            operations: operations(root),
            ..ServiceInfo::default()
        }),
        ..Record::default()
    }
}

/// The box around every dataset's box (none when one crosses the antimeridian).
fn union(datasets: &[Record]) -> Option<Bbox> {
    let boxes: Vec<Bbox> = datasets
        .iter()
        .flat_map(|d| d.extents.iter().filter_map(|e| e.bbox))
        .collect();
    if boxes.iter().any(|b| b.west > b.east) {
        return None;
    }
    let fold = |f: fn(f64, f64) -> f64, pick: fn(&Bbox) -> f64, init: f64| {
        boxes.iter().map(pick).fold(init, f)
    };
    (!boxes.is_empty())
        .then(|| {
            Bbox::new(
                fold(f64::min, |b| b.west, 180.0),
                fold(f64::min, |b| b.south, 90.0),
                fold(f64::max, |b| b.east, -180.0),
                fold(f64::max, |b| b.north, -90.0),
            )
            .ok()
        })
        .flatten()
}
