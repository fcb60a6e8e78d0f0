//! Exports ISO 19139 / Dublin Core files as one DCAT-AP catalogue page, or each record
//! alone (`--records`: one document per record, each followed by a line `#--`):
//! `cargo run -p moisson-dcat --example export -- [--records] ttl https://example.org FILE...`.

use std::io::Write;

use moisson_dcat::{
    CatalogConfig, Context, Format, Page, catalog_graph, record_graph, served_by, write,
};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    let each = args.next_if(|a| a == "--records").is_some();
    let usage = || anyhow::anyhow!("usage: export [--records] EXT PUBLIC_URL FILE...");
    let format = args
        .next()
        .and_then(|f| Format::from_extension(&f))
        .ok_or_else(usage)?;
    let public_url = args.next().ok_or_else(usage)?;
    let mut records = Vec::new();
    // A store sets `catalogue.updated` on write: do the same, with one instant
    // (`SOURCE_DATE_EPOCH` when set, for reproducible output).
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok());
    let now = epoch
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now);
    for path in args {
        for mut parsed in moisson_iso::read(&std::fs::read(&path)?)? {
            parsed.record.catalogue.updated.get_or_insert(now);
            // Identifiers are unique in a catalogue: the first record with an id wins.
            if !records
                .iter()
                .any(|r: &moisson_model::Record| r.id.is_some() && r.id == parsed.record.id)
            {
                records.push(parsed.record);
            }
        }
    }
    let ctx = Context::new(&public_url).with_served(served_by(&records));
    let mut out = std::io::stdout();
    if each {
        for record in &records {
            out.write_all(&write(&record_graph(record, &ctx), format)?)?;
            out.write_all(b"\n#--\n")?;
        }
        return Ok(());
    }
    let total = records.len() as u64;
    let url = |n| format!("{}?page={n}", ctx.catalog_iri());
    let page = Page {
        number: 1,
        size: total.max(1),
        total,
        url: &url,
    };
    out.write_all(&write(
        &catalog_graph(&records, &page, &ctx, &CatalogConfig::default()),
        format,
    )?)?;
    Ok(())
}
