//! dcat:Distribution of datasets (from online resources) and the endpoints of a
//! dcat:DataService, with licences and rights.

use oxrdf::{NamedNode, NamedOrBlankNode};

use moisson_model::{Format, OnlineResource, Record};

use super::rights::{Rights, rights};
use super::{Builder, Context, valid_iri};
use crate::tables::formats;
use crate::vocab::{dcat, dct, foaf, rdfs};

/// Online-resource functions that point at documentation rather than at the data.
const PAGE_FUNCTIONS: [&str; 3] = ["information", "search", "browsing"];

pub(super) fn add_distributions(
    b: &mut Builder,
    s: &NamedOrBlankNode,
    r: &Record,
    ctx: &Context,
    id: &str,
    lang: Option<&'static str>,
) {
    let rights = rights(r);
    access_rights(b, s, &rights);
    let landing = ctx.landing_page(id);
    let mut written = 0;
    for res in r
        .online_resources
        .iter()
        .filter(|o| o.url.trim() != landing)
    {
        let Some(url) = valid_iri(&res.url).map(NamedOrBlankNode::from) else {
            continue;
        };
        if is_page(res) {
            b.link(s, foaf::PAGE, &url);
            b.a(&url, foaf::DOCUMENT);
            continue;
        }
        let d = b.bnode();
        b.link(s, dcat::DISTRIBUTION_P, &d);
        b.a(&d, dcat::DISTRIBUTION);
        b.link(&d, dcat::ACCESS_URL, &url);
        if is_download(res) {
            b.link(&d, dcat::DOWNLOAD_URL, &url);
        }
        if let Some(name) = &res.name {
            b.text(&d, dct::TITLE, name, lang);
        }
        if let Some(description) = &res.description {
            b.text(&d, dct::DESCRIPTION, description, lang);
        }
        let protocol = res.protocol.as_deref().filter(|p| !p.trim().is_empty());
        if let Some(protocol) = protocol {
            standard(b, &d, protocol);
        }
        access_service(b, &d, res, protocol, lang);
        if let Some(format) = format_of(res, &r.formats) {
            format_triples(b, &d, format);
        }
        licence_and_rights(b, &d, &rights, lang);
        written += 1;
    }
    if written == 0 {
        licence_and_rights(b, s, &rights, lang);
    }
}

pub(super) fn add_service(
    b: &mut Builder,
    s: &NamedOrBlankNode,
    r: &Record,
    ctx: &Context,
    id: &str,
    lang: Option<&'static str>,
) {
    let rights = rights(r);
    access_rights(b, s, &rights);
    licence_and_rights(b, s, &rights, lang);
    let operation_urls = r
        .service
        .iter()
        .flat_map(|sv| sv.operations.iter().flat_map(|o| o.urls.iter()));
    let resources = r.online_resources.iter().filter(|o| !is_page(o));
    let mut endpoints = 0;
    for url in resources.map(|o| &o.url).chain(operation_urls) {
        let lower = url.to_ascii_lowercase();
        if lower.contains("request=getcapabilities") {
            b.iri(s, dcat::ENDPOINT_DESCRIPTION, url);
            let base = url.split('?').next().unwrap_or(url);
            endpoints += usize::from(b.iri(s, dcat::ENDPOINT_URL, base).is_some());
        } else {
            endpoints += usize::from(b.iri(s, dcat::ENDPOINT_URL, url).is_some());
        }
    }
    if endpoints == 0 {
        b.iri(s, dcat::ENDPOINT_URL, &ctx.landing_page(id));
    }
    let service = r.service.as_ref();
    let protocols = r
        .online_resources
        .iter()
        .filter_map(|o| o.protocol.as_deref());
    for protocol in service
        .and_then(|sv| sv.service_type.as_deref())
        .into_iter()
        .chain(protocols)
    {
        if let Some(iri) = formats::protocol_iri(protocol) {
            b.iri(s, dct::CONFORMS_TO, &iri)
                .inspect(|n| b.a(n, dct::STANDARD));
        }
    }
    let targets = service.iter().flat_map(|sv| sv.operates_on.iter());
    for served in targets.filter_map(|t| t.uuidref.as_deref().and_then(|u| ctx.served(u))) {
        let dataset: NamedOrBlankNode =
            NamedNode::new_unchecked(ctx.resource_iri(&served.id)).into();
        b.link(s, dcat::SERVES_DATASET, &dataset);
        b.a(&dataset, dcat::DATASET);
        b.text(&dataset, dct::TITLE, &served.title, None);
        let description = if served.description.trim().is_empty() {
            &served.title
        } else {
            &served.description
        };
        b.text(&dataset, dct::DESCRIPTION, description, None);
    }
}

/// A distribution served by an OGC service gets its `dcat:accessService` (GeoDCAT-AP):
/// endpoint without query, GetCapabilities as endpoint description, protocol standard.
fn access_service(
    b: &mut Builder,
    d: &NamedOrBlankNode,
    res: &OnlineResource,
    protocol: Option<&str>,
    lang: Option<&'static str>,
) {
    let Some(standard) = protocol
        .and_then(formats::protocol_iri)
        .or_else(|| formats::service_of_url(&res.url))
    else {
        return;
    };
    let base = res.url.split('?').next().unwrap_or(&res.url);
    if valid_iri(base).is_none() {
        return;
    }
    let service = b.bnode();
    b.link(d, dcat::ACCESS_SERVICE, &service);
    b.a(&service, dcat::DATA_SERVICE);
    let title = res
        .name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .or(formats::protocol_from(&standard))
        .unwrap_or(&standard);
    b.text(&service, dct::TITLE, title, lang);
    b.iri(&service, dcat::ENDPOINT_URL, base);
    if res
        .url
        .to_ascii_lowercase()
        .contains("request=getcapabilities")
    {
        b.iri(&service, dcat::ENDPOINT_DESCRIPTION, &res.url);
    }
    b.iri(&service, dct::CONFORMS_TO, &standard);
}

/// A documentation page (function information, search, browsing), unless it is an OGC
/// service link (protocol or GetCapabilities URL), which catalogues often tag `information`.
fn is_page(res: &OnlineResource) -> bool {
    let service = res
        .protocol
        .as_deref()
        .and_then(formats::protocol_iri)
        .is_some()
        || res
            .url
            .to_ascii_lowercase()
            .contains("request=getcapabilities");
    !service
        && res
            .function
            .as_deref()
            .is_some_and(|f| PAGE_FUNCTIONS.contains(&f))
}

fn is_download(res: &OnlineResource) -> bool {
    res.function.as_deref() == Some("download")
        || res
            .protocol
            .as_deref()
            .is_some_and(|p| p.to_ascii_uppercase().contains("DOWNLOAD"))
}

/// The protocol as `dct:conformsTo`: an OGC standard IRI, else a titled dct:Standard.
fn standard(b: &mut Builder, d: &NamedOrBlankNode, protocol: &str) {
    let node = match formats::protocol_iri(protocol).and_then(|i| valid_iri(&i)) {
        Some(iri) => iri.into(),
        None => {
            let node = b.bnode();
            b.text(&node, dct::TITLE, protocol, None);
            node
        }
    };
    b.link(d, dct::CONFORMS_TO, &node);
    b.a(&node, dct::STANDARD);
}

/// The record format of a distribution: the one whose file type matches the URL's
/// extension, else the record's only format unless the resource is an OGC service.
fn format_of<'a>(res: &OnlineResource, formats_: &'a [Format]) -> Option<&'a Format> {
    let path = res.url.split(['?', '#']).next().unwrap_or_default();
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.contains('/'));
    let by_ext = ext.and_then(formats::file_type_iri);
    if let Some(f) = by_ext.and_then(|iri| {
        formats_
            .iter()
            .find(|f| format_iri(f).as_deref() == Some(iri.as_str()))
    }) {
        return Some(f);
    }
    let is_ogc = res
        .protocol
        .as_deref()
        .is_some_and(|p| formats::protocol_iri(p).is_some());
    match formats_ {
        [only] if !is_ogc => Some(only),
        _ => None,
    }
}

fn format_iri(f: &Format) -> Option<String> {
    f.name
        .uri
        .as_deref()
        .and_then(formats::file_type_code)
        .map(|_| f.name.uri.clone().unwrap_or_default())
        .or_else(|| formats::file_type_iri(&f.name.text))
}

fn format_triples(b: &mut Builder, d: &NamedOrBlankNode, f: &Format) {
    if f.name.uri.is_none() && formats::is_placeholder(&f.name.text) {
        return;
    }
    let node = match format_iri(f).and_then(|i| valid_iri(&i)) {
        Some(iri) => iri.into(),
        None => {
            let node = b.bnode();
            b.text(&node, dct::TITLE, &f.name.text, None);
            node
        }
    };
    b.link(d, dct::FORMAT, &node);
    b.a(&node, dct::MEDIA_TYPE_OR_EXTENT);
    if let Some(media) = formats::media_type_iri(&f.name.text) {
        b.iri(d, dcat::MEDIA_TYPE, &media)
            .inspect(|n| b.a(n, dct::MEDIA_TYPE));
    }
}

fn access_rights(b: &mut Builder, s: &NamedOrBlankNode, rights: &Rights) {
    if let Some(node) = rights
        .access
        .and_then(|a| b.iri(s, dct::ACCESS_RIGHTS, &a.iri()))
    {
        b.a(&node, dct::RIGHTS_STATEMENT);
    }
}

fn licence_and_rights(
    b: &mut Builder,
    d: &NamedOrBlankNode,
    rights: &Rights,
    lang: Option<&'static str>,
) {
    if let Some(licence) = &rights.licence {
        let node = match licence.iri.as_deref().and_then(valid_iri) {
            Some(iri) => iri.into(),
            None => b.bnode(),
        };
        b.link(d, dct::LICENSE, &node);
        b.a(&node, dct::LICENSE_DOCUMENT);
        b.text(&node, rdfs::LABEL, &licence.label, None);
    }
    // DCAT-AP allows one dct:rights: one statement, labelled with every text (an IRI only
    // when there is a single statement with one).
    let node = match rights.statements.as_slice() {
        [] => return,
        [one] => one
            .uri
            .as_deref()
            .and_then(valid_iri)
            .map_or_else(|| b.bnode(), Into::into),
        _ => b.bnode(),
    };
    b.link(d, dct::RIGHTS, &node);
    b.a(&node, dct::RIGHTS_STATEMENT);
    for statement in &rights.statements {
        b.text(&node, rdfs::LABEL, &statement.text, lang);
        b.translations(&node, rdfs::LABEL, &statement.text_i18n, lang);
    }
}
