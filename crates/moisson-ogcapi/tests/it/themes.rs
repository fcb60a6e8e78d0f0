//! The `themes` queryable (issue 23): records under a thesaurus concept or a narrower one,
//! as a query parameter and in CQL2, on a catalogue linked to the shipped COVADIS tree.

use moisson_model::{Anchored, KeywordGroup, Record, RecordId, Thesaurus, Viewer};

use crate::support::{encode, ids, json, state_with};

const ITEMS: &str = "/ogcapi/collections/main/items";
const EAU: &str = "urn:moisson:thesaurus:covadis:EAU";

fn under(id: &str, keyword: &str) -> Record {
    Record {
        id: Some(RecordId::parse(id).expect("id")),
        title: format!("Record {id}"),
        keywords: vec![KeywordGroup {
            thesaurus: Some(Thesaurus {
                title: Anchored::text("COVADIS"),
                ..Thesaurus::default()
            }),
            kind: Some("theme".to_owned()),
            keywords: vec![Anchored::text(keyword)],
        }],
        ..Record::default()
    }
}

#[actix_web::test]
async fn themes_take_narrower_concepts() {
    let (_dir, s) = state_with(vec![
        under("t-step", "Eau/Assainissement"),
        under("t-eau", "Eau"),
        under("t-risque", "Risque"),
    ])
    .await;
    let covadis = moisson_thesaurus::shipped::ALL
        .iter()
        .find(|t| t.id == "covadis")
        .expect("covadis")
        .read()
        .expect("reads");
    s.store
        .put_thesaurus(covadis, &Viewer::Admin)
        .await
        .expect("import");
    let by_parameter = json(
        &s,
        &format!("{ITEMS}?sortby=id&themes={}", encode(EAU)),
        200,
    )
    .await;
    assert_eq!(ids(&by_parameter), ["t-eau", "t-step"]);
    let filter = encode(&format!("themes = '{EAU}/N_ASSAINISSEMENT'"));
    let by_cql2 = json(&s, &format!("{ITEMS}?filter={filter}"), 200).await;
    assert_eq!(ids(&by_cql2), ["t-step"]);
}
