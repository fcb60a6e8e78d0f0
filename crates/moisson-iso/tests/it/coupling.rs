//! Service couplings (issue 21): a WMS service's coupled resources, operatesOn and the
//! protocols of its operations are read whole, and an edit of some rewrites only those.

use moisson_iso::{merge_iso19139, read};
use moisson_model::CoupledResource;

use crate::merge::sample;

/// The coupling of a WMS service is read whole (coupled resources with their layer names,
/// operatesOn by uuidref and href, connect points with their protocols), and an edit of
/// one coupled resource and one protocol rewrites only those.
#[test]
fn a_wms_service_shows_and_keeps_its_coupling() {
    let (bytes, old) = sample("moisson_wms_coupled_service.xml");
    let service = old.service.clone().expect("a service");
    assert_eq!(service.coupled_resources.len(), 2);
    assert_eq!(
        service.coupled_resources[0],
        CoupledResource {
            operation_name: "GetMap".to_owned(),
            identifier: "moisson-cours-eau".to_owned(),
            scoped_name: Some("hydro:cours_eau".to_owned()),
        }
    );
    assert_eq!(service.operates_on.len(), 2);
    assert_eq!(
        service.operates_on[0].uuidref.as_deref(),
        Some("moisson-cours-eau")
    );
    assert!(service.operates_on[1].uuidref.is_none());
    assert!(service.operates_on[1].href.is_some());
    assert_eq!(service.operations[0].protocols, ["OGC:WMS"]);
    assert_eq!(
        service.operations[1].protocols,
        ["OGC:WMS-1.3.0-http-get-map"]
    );
    let mut new = old.clone();
    let edited = new.service.as_mut().expect("a service");
    edited.coupled_resources[1].scoped_name = Some("hydro:plans_d_eau".to_owned());
    edited.operations[1].protocols = vec!["OGC:WMS".to_owned()];
    let merged =
        String::from_utf8(merge_iso19139(&bytes, &old, &new).expect("merges")).expect("UTF-8");
    let original = String::from_utf8(bytes).expect("UTF-8");
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(merged.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(original.lines().count(), merged.lines().count());
    assert_eq!(changed.len(), 2, "{changed:?}");
    // The anchored protocol of the first operation is kept as written.
    assert!(merged.contains(
        r#"<gmx:Anchor xlink:href="http://www.opengis.net/def/serviceType/ogc/wms">OGC:WMS</gmx:Anchor>"#
    ));
    assert_eq!(read(merged.as_bytes()).expect("reads")[0].record, new);
}
