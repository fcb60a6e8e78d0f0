//! Lossless edits end to end (issue 21): a record imported from an ISO 19139 document,
//! edited through REST JSON (GET, change the title, PUT back) or a CSW-T `RecordProperty`
//! update, still exports its whole document: translations and service couplings stay,
//! only the title changed. On SQLite and PostgreSQL.

use actix_web::test::TestRequest;
use moisson_model::{DocumentFormat, OriginalDocument, Viewer};
use moisson_store::NewRecord;

use crate::rights_app;
use crate::rights_fixture::{Backend, Fixture};
use crate::rights_http::{admin, call};

pub(crate) fn sample(name: &str) -> Vec<u8> {
    // The documents written for these tests live apart from the imported samples.
    let dir = if name.starts_with("moisson_") {
        "lossless"
    } else {
        "iso19139"
    };
    let path = format!(
        "{}/../../tests/data/{dir}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Stores the sample with its document kept, as `moisson import` does; returns its id
/// and bytes.
async fn import_sample(fixture: &Fixture, name: &str) -> (moisson_model::RecordId, Vec<u8>) {
    let bytes = sample(name);
    let parsed = moisson_iso::read(&bytes).expect("sample reads").remove(0);
    let id = parsed.record.id.clone().expect("id");
    let original = OriginalDocument {
        format: DocumentFormat::Iso19139,
        bytes: bytes.clone(),
    };
    let new = NewRecord {
        record: parsed.record,
        original: Some(original),
    };
    fixture
        .store
        .put(new, &Viewer::Admin)
        .await
        .expect("import");
    (id, bytes)
}

/// How the title is edited.
#[derive(Debug, Clone, Copy)]
enum Through {
    RestJson,
    CswRecordProperty,
}

/// Imports the sample as `moisson import` would, edits its title through REST JSON, and
/// returns the original and the exported ISO document.
async fn edit_title(backend: Backend, name: &str, title: &str) -> (String, String) {
    edit_title_through(backend, name, title, Through::RestJson).await
}

async fn edit_title_through(
    backend: Backend,
    name: &str,
    title: &str,
    through: Through,
) -> (String, String) {
    let fixture = Fixture::on(backend).await;
    let (id, bytes) = import_sample(&fixture, name).await;
    let app = rights_app!(fixture);
    let uri = format!("/api/v1/records/{id}");
    match through {
        Through::RestJson => {
            let got = call(&app, admin(TestRequest::get().uri(&uri))).await;
            assert_eq!(got.status, 200, "{}", got.text());
            let mut json = got.json();
            json["title"] = serde_json::Value::String(title.to_owned());
            let put = admin(TestRequest::put().uri(&uri)).set_json(&json);
            let put = call(&app, put).await;
            assert_eq!(put.status, 200, "{}", put.text());
        }
        Through::CswRecordProperty => {
            let body = format!(
                r#"<csw:Transaction xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" service="CSW" version="2.0.2">
  <csw:Update>
    <csw:RecordProperty><csw:Name>apiso:Title</csw:Name><csw:Value>{title}</csw:Value></csw:RecordProperty>
    <csw:Constraint version="1.1.0"><csw:CqlText>apiso:Identifier = '{id}'</csw:CqlText></csw:Constraint>
  </csw:Update>
</csw:Transaction>"#
            );
            let post = TestRequest::post()
                .uri("/csw")
                .insert_header(("content-type", "application/xml"))
                .set_payload(body);
            let answer = call(&app, admin(post)).await;
            assert_eq!(answer.status, 200, "{}", answer.text());
            assert!(
                answer
                    .text()
                    .contains("<csw:totalUpdated>1</csw:totalUpdated>"),
                "{}",
                answer.text()
            );
        }
    }
    let xml = call(&app, admin(TestRequest::get().uri(&format!("{uri}.xml")))).await;
    assert_eq!(xml.status, 200, "{}", xml.text());
    let original = String::from_utf8(bytes).expect("UTF-8 sample");
    (original, xml.text())
}

async fn translations_stay(backend: Backend, through: Through) {
    let title = "Modèle hydrodynamique 3D, corrigé";
    let (original, exported) = edit_title_through(
        backend,
        "semic_multilingual-resource-description_input.xml",
        title,
        through,
    )
    .await;
    assert!(
        exported.contains(&format!(
            "<gco:CharacterString>{title}</gco:CharacterString>"
        )),
        "{exported}"
    );
    let english = r##"<gmd:LocalisedCharacterString locale="#EN">3D hydrodynamic model for the evolution of the ocean</gmd:LocalisedCharacterString>"##;
    assert!(exported.contains(english), "{exported}");
    // Everything else is the original, byte for byte: one line changed.
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(exported.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(original.lines().count(), exported.lines().count());
    let back = moisson_iso::read(exported.as_bytes())
        .expect("reads")
        .remove(0);
    assert_eq!(back.record.title, title);
}

async fn couplings_stay(backend: Backend) {
    let (original, exported) =
        edit_title(backend, "owslib_iso19139_srv.xml", "A service, renamed").await;
    for needle in [
        "coupledResource>",
        "<srv:operatesOn",
        "uuidref=",
        "xlink:href=",
    ] {
        assert_eq!(
            exported.matches(needle).count(),
            original.matches(needle).count(),
            "{needle}: {exported}"
        );
    }
    let back = moisson_iso::read(exported.as_bytes())
        .expect("reads")
        .remove(0);
    assert_eq!(back.record.title, "A service, renamed");
    let before = moisson_iso::read(original.as_bytes())
        .expect("reads")
        .remove(0);
    assert_eq!(
        back.record.service.map(|s| s.operates_on),
        before.record.service.map(|s| s.operates_on)
    );
}

#[actix_web::test]
async fn sqlite_title_edit_keeps_translations() {
    translations_stay(Backend::Sqlite, Through::RestJson).await;
}

#[actix_web::test]
async fn sqlite_csw_record_property_keeps_translations() {
    translations_stay(Backend::Sqlite, Through::CswRecordProperty).await;
}

#[actix_web::test]
async fn sqlite_title_edit_keeps_service_couplings() {
    couplings_stay(Backend::Sqlite).await;
}

/// Runs where every PostgreSQL test runs: `MOISSON_TEST_PG` unset is a failure, not a skip.
#[actix_web::test]
async fn pg_title_edit_keeps_translations() {
    translations_stay(Backend::Postgres, Through::RestJson).await;
}

#[actix_web::test]
async fn pg_csw_record_property_keeps_translations() {
    translations_stay(Backend::Postgres, Through::CswRecordProperty).await;
}

#[actix_web::test]
async fn pg_title_edit_keeps_service_couplings() {
    couplings_stay(Backend::Postgres).await;
}

/// A write with a whole document replaces the kept one as sent; a later edit without a
/// document merges into the new one.
async fn a_new_document_replaces_the_kept_one(backend: Backend) {
    let fixture = Fixture::on(backend).await;
    let first = sample("semic_multilingual-resource-description_input.xml");
    let parsed = moisson_iso::read(&first).expect("reads").remove(0);
    let with = |record, bytes: &[u8]| NewRecord {
        record,
        original: Some(OriginalDocument {
            format: DocumentFormat::Iso19139,
            bytes: bytes.to_vec(),
        }),
    };
    let id = parsed.record.id.clone().expect("id");
    let admin = Viewer::Admin;
    fixture
        .store
        .put(with(parsed.record.clone(), &first), &admin)
        .await
        .expect("import");
    let second = String::from_utf8(first.clone())
        .expect("UTF-8")
        .replace("Modèle hydrodynamique 3D", "Modèle 3D, version 2");
    let reparsed = moisson_iso::read(second.as_bytes())
        .expect("reads")
        .remove(0);
    fixture
        .store
        .put(with(reparsed.record.clone(), second.as_bytes()), &admin)
        .await
        .expect("replace");
    let stored = fixture
        .store
        .get(&id, &admin)
        .await
        .expect("get")
        .expect("found");
    assert!(stored.original.expect("kept").bytes == second.as_bytes());
    let mut edited = reparsed.record;
    edited.abstract_text = "Un résumé neuf".to_owned();
    let edit = NewRecord {
        record: edited,
        original: None,
    };
    fixture.store.put(edit, &admin).await.expect("edit");
    let stored = fixture
        .store
        .get(&id, &admin)
        .await
        .expect("get")
        .expect("found");
    let kept = String::from_utf8(stored.original.expect("kept").bytes).expect("UTF-8");
    assert!(kept.contains("Modèle 3D, version 2"), "{kept}");
    assert!(kept.contains("Un résumé neuf"), "{kept}");
}

#[actix_web::test]
async fn sqlite_a_new_document_replaces_the_kept_one() {
    a_new_document_replaces_the_kept_one(Backend::Sqlite).await;
}

#[actix_web::test]
async fn pg_a_new_document_replaces_the_kept_one() {
    a_new_document_replaces_the_kept_one(Backend::Postgres).await;
}

/// REST shows the translations and edits one language alone: the English title changes,
/// the French one and every other line of the document stay.
async fn english_title_edited_alone(backend: Backend) {
    let fixture = Fixture::on(backend).await;
    let (id, bytes) = import_sample(
        &fixture,
        "semic_multilingual-resource-description_input.xml",
    )
    .await;
    let app = rights_app!(fixture);
    let uri = format!("/api/v1/records/{id}");
    let mut json = call(&app, admin(TestRequest::get().uri(&uri))).await.json();
    assert_eq!(
        json["title_i18n"]["eng"],
        "3D hydrodynamic model for the evolution of the ocean"
    );
    json["title_i18n"]["eng"] = serde_json::Value::String("3D ocean model".to_owned());
    let put = call(&app, admin(TestRequest::put().uri(&uri)).set_json(&json)).await;
    assert_eq!(put.status, 200, "{}", put.text());
    let xml = call(&app, admin(TestRequest::get().uri(&format!("{uri}.xml")))).await;
    let exported = xml.text();
    let original = String::from_utf8(bytes).expect("UTF-8");
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(exported.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains(">3D ocean model<"), "{changed:?}");
    assert!(exported.contains("Modèle hydrodynamique 3D d'évolution de l'océan"));
}

#[actix_web::test]
async fn sqlite_english_title_edited_alone() {
    english_title_edited_alone(Backend::Sqlite).await;
}

#[actix_web::test]
async fn pg_english_title_edited_alone() {
    english_title_edited_alone(Backend::Postgres).await;
}

/// Lines of two documents that differ (they must have as many lines).
pub(crate) fn changed_lines<'a>(original: &'a str, exported: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(original.lines().count(), exported.lines().count());
    original
        .lines()
        .zip(exported.lines())
        .filter(|(a, b)| a != b)
        .collect()
}

/// A WMS service record edited through REST (its title, then the protocol of one
/// operation) keeps its coupled resources, operatesOn and translations; REST shows its
/// coupling and the local dataset its operatesOn names, to those who may see that
/// dataset only.
async fn service_coupling_survives_rest_edits(backend: Backend) {
    let fixture = Fixture::on(backend).await;
    let (dataset, _) = import_sample(&fixture, "moisson_dataset_translated.xml").await;
    let (service, bytes) = import_sample(&fixture, "moisson_wms_coupled_service.xml").await;
    // The dataset is restricted to its organisation: an anonymous caller does not see it.
    let mut hidden = fixture
        .store
        .get(&dataset, &Viewer::Admin)
        .await
        .expect("get")
        .expect("found");
    hidden.record.catalogue.owner_org = Some(crate::rights_fixture::ORG_A.to_owned());
    hidden.record.catalogue.visibility = moisson_model::Visibility::Restricted;
    let restrict = NewRecord {
        record: hidden.record,
        original: hidden.original,
    };
    fixture
        .store
        .put(restrict, &Viewer::Admin)
        .await
        .expect("restrict");
    let app = rights_app!(fixture);
    let uri = format!("/api/v1/records/{service}");
    let got = call(&app, admin(TestRequest::get().uri(&uri))).await;
    assert_eq!(got.status, 200, "{}", got.text());
    let mut json = got.json();
    let coupled = &json["service"]["coupled_resources"];
    assert_eq!(coupled.as_array().map(Vec::len), Some(2), "{json}");
    assert_eq!(coupled[0]["scoped_name"], "hydro:cours_eau");
    assert_eq!(json["service"]["operations"][0]["protocols"][0], "OGC:WMS");
    assert_eq!(
        json["keywords"][1]["keywords"][0]["text_i18n"]["eng"],
        "watercourse"
    );
    let operated = &json["operatesOnRecords"];
    assert_eq!(operated.as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(operated[0]["index"], 0);
    assert_eq!(operated[0]["id"], dataset.as_str());
    assert_eq!(operated[0]["title"], "Cours d'eau de la métropole");
    assert!(
        operated[0]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with(&format!("/api/v1/records/{dataset}"))),
        "{operated}"
    );
    let anonymous = call(&app, TestRequest::get().uri(&uri)).await.json();
    assert!(anonymous.get("operatesOnRecords").is_none(), "{anonymous}");

    // The title, edited with the response sent back whole.
    json["title"] = serde_json::Value::String("Service WMS des cours d'eau (corrigé)".into());
    let put = call(&app, admin(TestRequest::put().uri(&uri)).set_json(&json)).await;
    assert_eq!(put.status, 200, "{}", put.text());
    assert_eq!(put.json()["operatesOnRecords"][0]["id"], dataset.as_str());
    let xml_uri = format!("{uri}.xml");
    let exported = call(&app, admin(TestRequest::get().uri(&xml_uri)))
        .await
        .text();
    let original = String::from_utf8(bytes).expect("UTF-8");
    let changed = changed_lines(&original, &exported);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("(corrigé)"), "{changed:?}");

    // The protocol of the GetMap operation, edited alone.
    let mut json = call(&app, admin(TestRequest::get().uri(&uri))).await.json();
    json["service"]["operations"][1]["protocols"] = serde_json::json!(["OGC:WMS"]);
    let put = call(&app, admin(TestRequest::put().uri(&uri)).set_json(&json)).await;
    assert_eq!(put.status, 200, "{}", put.text());
    let again = call(&app, admin(TestRequest::get().uri(&xml_uri)))
        .await
        .text();
    let changed = changed_lines(&exported, &again);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(
        changed[0]
            .1
            .contains("<gco:CharacterString>OGC:WMS</gco:CharacterString>"),
        "{changed:?}"
    );
    for needle in [
        "<srv:coupledResource>",
        "<gco:ScopedName>",
        "<srv:operatesOn",
        "uuidref=",
        "locale=\"#EN\"",
    ] {
        assert_eq!(
            again.matches(needle).count(),
            original.matches(needle).count(),
            "{needle}"
        );
    }
    let back = moisson_iso::read(again.as_bytes())
        .expect("reads")
        .remove(0);
    let before = moisson_iso::read(original.as_bytes())
        .expect("reads")
        .remove(0);
    let (now, then) = (
        back.record.service.expect("a service"),
        before.record.service.expect("a service"),
    );
    assert_eq!(now.coupled_resources, then.coupled_resources);
    assert_eq!(now.operates_on, then.operates_on);
    // And its operatesOn still resolves.
    let json = call(&app, admin(TestRequest::get().uri(&uri))).await.json();
    assert_eq!(json["operatesOnRecords"][0]["id"], dataset.as_str());
}

#[actix_web::test]
async fn sqlite_service_coupling_survives_rest_edits() {
    service_coupling_survives_rest_edits(Backend::Sqlite).await;
}

#[actix_web::test]
async fn pg_service_coupling_survives_rest_edits() {
    service_coupling_survives_rest_edits(Backend::Postgres).await;
}

/// A REST edit of a record imported from ISO 19115-3 merges into its document (issue 21):
/// the document stays 19115-3 and only the title's line changes.
async fn a_19115_3_document_keeps_all_but_the_edit(backend: Backend) {
    let fixture = Fixture::on(backend).await;
    let path = format!(
        "{}/../../tests/data/iso19115-3/dataset.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("sample");
    let parsed = moisson_iso::read(&bytes).expect("reads").remove(0);
    let id = parsed.record.id.clone().expect("id");
    let old_title = parsed.record.title.clone();
    assert_eq!(
        parsed.original.as_ref().map(|o| o.format),
        Some(DocumentFormat::Iso19115_3)
    );
    let new = NewRecord {
        record: parsed.record,
        original: parsed.original,
    };
    fixture
        .store
        .put(new, &Viewer::Admin)
        .await
        .expect("import");
    let app = rights_app!(fixture);
    let uri = format!("/api/v1/records/{id}");
    let mut json = call(&app, admin(TestRequest::get().uri(&uri))).await.json();
    json["title"] = serde_json::Value::String(format!("{old_title} (corrigé)"));
    let put = call(&app, admin(TestRequest::put().uri(&uri)).set_json(&json)).await;
    assert_eq!(put.status, 200, "{}", put.text());
    let stored = fixture
        .store
        .get(&id, &Viewer::Admin)
        .await
        .expect("get")
        .expect("found");
    let kept = stored.original.expect("the 19115-3 document is kept");
    assert_eq!(kept.format, DocumentFormat::Iso19115_3);
    let original = String::from_utf8(bytes).expect("UTF-8");
    let merged = String::from_utf8(kept.bytes).expect("UTF-8");
    let changed = changed_lines(&original, &merged);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("(corrigé)"), "{changed:?}");
}

#[actix_web::test]
async fn sqlite_a_19115_3_document_keeps_all_but_the_edit() {
    a_19115_3_document_keeps_all_but_the_edit(Backend::Sqlite).await;
}

#[actix_web::test]
async fn pg_a_19115_3_document_keeps_all_but_the_edit() {
    a_19115_3_document_keeps_all_but_the_edit(Backend::Postgres).await;
}
