//! Reads a DCAT document and prints its records as JSON, then the next-page link:
//! `cargo run -p moisson-dcat --example import -- FILE [EXT]`.

use moisson_dcat::{Format, read_dcat_page};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: import FILE [EXT]"))?;
    let ext = args
        .next()
        .unwrap_or_else(|| path.rsplit('.').next().unwrap_or("rdf").to_owned());
    let format =
        Format::from_extension(&ext).ok_or_else(|| anyhow::anyhow!("unknown format {ext}"))?;
    let page = read_dcat_page(&std::fs::read(&path)?, format)?;
    let out = serde_json::json!({ "records": page.records, "next_page": page.next_page, "total": page.total });
    std::io::Write::write_all(
        &mut std::io::stdout(),
        serde_json::to_string_pretty(&out)?.as_bytes(),
    )?;
    Ok(())
}
