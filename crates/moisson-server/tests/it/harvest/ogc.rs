//! OGC service sources: real WMS, WFS and WMTS capabilities and an OGC API landing page served locally become a service
//! record (type, version, operations, operatesOn) and one dataset record per layer or
//! feature type, with their extents and CRS.

use moisson_model::harvest::{JobState, SourceKind};
use moisson_model::{HierarchyLevel, RecordId, Viewer};

use super::dcat::file_server;
use super::{add_source, local, run};

#[actix_web::test]
async fn wms_and_wfs_capabilities_become_service_and_dataset_records() {
    let (url, handle) = file_server().await;
    let (store, _keep) = local(false).await;
    for (file, layers, service_type) in [
        ("owslib_wms_geoserver-cap.xml", 3, "view"),
        ("owslib_wms_datageo_caps_130.xml", 1, "view"),
        ("owslib_wfs_CUZK_GetCapabilities_2_0_0.xml", 3, "download"),
        ("owslib_sfs-wmts-cap-world.xml", 2, "view"),
        ("ogcapi_landing.json", 2, "download"),
    ] {
        let id = add_source(&store, SourceKind::Ogc, format!("{url}/{file}"), 0).await;
        let job = run(&store, &id, false).await;
        assert_eq!(job.state, JobState::Succeeded, "{file}: {:?}", job.log);
        assert_eq!(job.counts.failed, 0, "{file}: {:?}", job.errors);
        assert_eq!(job.counts.created, layers + 1, "{file}: {:?}", job.counts);

        let local = store.ids(&Viewer::Admin).await.expect("ids");
        let services = service_records(&store, &local).await;
        let service = services
            .iter()
            .find(|s| s.online_resources.iter().any(|o| o.url.ends_with(file)))
            .unwrap_or_else(|| panic!("{file}: a service record"));
        let info = service.service.as_ref().expect("service identification");
        assert_eq!(info.service_type.as_deref(), Some(service_type));
        assert_eq!(info.operates_on.len() as u64, layers, "{file}");
        // OGC API has resources, not named operations.
        let ogc_api = file.ends_with(".json");
        assert!(
            ogc_api || info.operations.iter().any(|o| o.name == "GetCapabilities"),
            "{file}: {:?}",
            info.operations
        );
        for on in &info.operates_on {
            let layer_id = RecordId::parse(on.uuidref.clone().expect("uuidref")).expect("id");
            let layer = store
                .get(&layer_id, &Viewer::Admin)
                .await
                .expect("get")
                .expect("layer");
            assert_eq!(layer.record.hierarchy_level, HierarchyLevel::Dataset);
            assert!(!layer.record.title.is_empty());
            assert!(
                !layer.record.extents.is_empty(),
                "{file}: {layer_id} has its box"
            );
        }
        let again = run(&store, &id, false).await;
        assert_eq!(
            again.counts.unchanged,
            layers + 1,
            "{file}: {:?}",
            again.counts
        );
    }
    handle.stop(false).await;
}

/// The service records among `ids`.
async fn service_records(
    store: &std::sync::Arc<dyn moisson_store::Store>,
    ids: &[RecordId],
) -> Vec<moisson_model::Record> {
    let mut out = Vec::new();
    for id in ids {
        let stored = store
            .get(id, &Viewer::Admin)
            .await
            .expect("get")
            .expect("found");
        if stored.record.hierarchy_level == HierarchyLevel::Service {
            out.push(stored.record);
        }
    }
    out
}
