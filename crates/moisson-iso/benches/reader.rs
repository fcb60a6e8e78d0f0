//! How long the reader takes to refuse hostile documents, beside a real record read:
//! `cargo bench -p moisson-iso --bench reader`. A refusal must cost no more than reading
//! a record (the DTD is refused where it starts, so nothing is ever expanded); tests
//! assert where such documents are refused, this measures what it costs.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// An entity bomb: nine levels of ten references, 10⁹ "lol"s if it were expanded.
fn billion_laughs() -> String {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        let refs = format!("&{prev};").repeat(10);
        doc.push_str(&format!(" <!ENTITY lol{i} \"{refs}\">\n"));
    }
    doc.push_str("]>\n<gmd:MD_Metadata xmlns:gmd=\"http://www.isotc211.org/2005/gmd\">&lol9;</gmd:MD_Metadata>");
    doc
}

fn deep_nesting() -> String {
    format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000))
}

fn sample() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/iso19139/ogcapiso_dataset2_multiLingual.xml"
    );
    std::fs::read(path).expect("sample")
}

fn reader(c: &mut Criterion) {
    let bomb = billion_laughs();
    let deep = deep_nesting();
    let record = sample();
    c.bench_function("refuse billion laughs", |b| {
        b.iter(|| moisson_iso::read(black_box(bomb.as_bytes())).is_err())
    });
    c.bench_function("refuse 100 000 nested elements", |b| {
        b.iter(|| moisson_iso::read(black_box(deep.as_bytes())).is_err())
    });
    c.bench_function("read an INSPIRE record", |b| {
        b.iter(|| moisson_iso::read(black_box(&record)).is_ok())
    });
}

criterion_group!(benches, reader);
criterion_main!(benches);
