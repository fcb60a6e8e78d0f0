//! The same question asked through REST, OGC API Records and CSW, in every order, states
//! the same count each time. The store keeps totals, facets and ranked windows per
//! catalogue generation; a protocol asking with other facets once reused another's ranked
//! window and answered a total of 0 (`numberMatched 0` beside 6 features).

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::test::TestRequest;

use crate::rights_app;
use crate::rights_fixture::{Backend, Fixture, RECORDS, admin, call};

/// The protocols, each asking for every record whose text has "abstract" (all of them).
#[derive(Debug, Clone, Copy)]
enum Protocol {
    Rest,
    OgcApi,
    Csw,
}

const PROTOCOLS: [Protocol; 3] = [Protocol::Rest, Protocol::OgcApi, Protocol::Csw];

/// `(count stated, records on the page)` of one protocol's answer.
async fn ask<S, B>(app: &S, protocol: Protocol) -> (u64, usize)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let uri = match protocol {
        Protocol::Rest => "/api/v1/records?q=abstract&limit=50",
        Protocol::OgcApi => "/ogcapi/collections/main/items?q=abstract&limit=50",
        Protocol::Csw => {
            "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record\
             &resultType=results&elementSetName=brief&maxRecords=50\
             &constraintLanguage=CQL_TEXT&constraint_language_version=1.1.0\
             &constraint=csw:AnyText%20like%20%27%25abstract%25%27"
        }
    };
    let resp = call(app, admin(TestRequest::get().uri(uri))).await;
    assert_eq!(resp.status, 200, "{protocol:?}: {}", resp.text());
    match protocol {
        Protocol::Rest => {
            let json = resp.json();
            let items = json["items"].as_array().expect("items").len();
            (json["total"].as_u64().expect("total"), items)
        }
        Protocol::OgcApi => {
            let json = resp.json();
            let items = json["features"].as_array().expect("features").len();
            (
                json["numberMatched"].as_u64().expect("numberMatched"),
                items,
            )
        }
        Protocol::Csw => {
            let xml = resp.text();
            let matched = attribute(&xml, "numberOfRecordsMatched");
            let returned = attribute(&xml, "numberOfRecordsReturned");
            (matched, usize::try_from(returned).expect("count"))
        }
    }
}

fn attribute(xml: &str, name: &str) -> u64 {
    let key = format!("{name}=\"");
    let start = xml.find(&key).unwrap_or_else(|| panic!("no {name}: {xml}")) + key.len();
    xml[start..start + xml[start..].find('"').expect("quote")]
        .parse()
        .expect("a number")
}

/// Every order of the three protocols.
fn orders() -> Vec<[Protocol; 3]> {
    let [a, b, c] = PROTOCOLS;
    vec![
        [a, b, c],
        [a, c, b],
        [b, a, c],
        [b, c, a],
        [c, a, b],
        [c, b, a],
    ]
}

async fn every_order_states_the_same_count(backend: Backend) {
    let expected = RECORDS.len() as u64;
    for order in orders() {
        // A fresh catalogue per order: its caches start empty in generation one.
        let fixture = Fixture::on(backend).await;
        let app = rights_app!(fixture);
        for protocol in order {
            // Twice: the second answer comes from what the first kept.
            for round in 0..2 {
                let (matched, shown) = ask(&app, protocol).await;
                assert_eq!(
                    (matched, shown as u64),
                    (expected, expected),
                    "{protocol:?} (round {round}) in the order {order:?} on {backend:?}"
                );
            }
        }
    }
}

#[actix_web::test]
async fn sqlite_counts_do_not_depend_on_who_asked_first() {
    every_order_states_the_same_count(Backend::Sqlite).await;
}

/// Runs where every PostgreSQL test runs: `MOISSON_TEST_PG` unset is a failure, not a skip.
#[actix_web::test]
async fn pg_counts_do_not_depend_on_who_asked_first() {
    every_order_states_the_same_count(Backend::Postgres).await;
}
