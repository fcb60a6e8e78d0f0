//! GeoNetwork's Metadata Exchange Format: a zip holding one record (MEF v1:
//! `metadata.xml`, `info.xml`, `public/`) or one folder per record (MEF v2:
//! `<uuid>/metadata/metadata.xml` or `metadata.<schema>.xml`, `<uuid>/info.xml`,
//! `<uuid>/public/`). Each record (ISO 19139 or 19115-3, read by `moisson_iso`) takes its
//! publication state and owner from `info.xml`: `view` for `all` is public and published,
//! `view` for `intranet` internal and published, anything else restricted and a draft;
//! the owner group becomes the organisation the `--mef-groups` file maps it to. Its
//! thumbnails (`public/`) are kept under `server.overviews_dir` and its graphic overviews
//! point at them (`thumbnails.rs`).

mod archive;
mod groups;
mod info;
mod thumbnails;

use std::collections::BTreeMap;
use std::path::Path;

use moisson_iso::ParsedRecord;
use moisson_model::{Visibility, WorkflowStatus};

pub use groups::GroupMap;

/// What reading a MEF needs besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub groups: GroupMap,
    /// Where thumbnails go; `None`: they are not kept (a warning says so).
    pub overviews: Option<crate::overviews::Target>,
}

/// Whether a file is read as a MEF (`*.mef`, `*.zip`).
pub fn is_mef(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("mef") || ext.eq_ignore_ascii_case("zip"))
}

/// The files of one record inside the archive.
#[derive(Default)]
struct Folder {
    metadata: Option<(String, Vec<u8>)>,
    info: Option<Vec<u8>>,
    public: BTreeMap<String, Vec<u8>>,
}

/// The records of a MEF, each with its catalogue fields set from its `info.xml`; a
/// record that does not read is a warning naming it, the rest still import.
pub fn read(bytes: &[u8], ctx: &Context) -> Result<Vec<ParsedRecord>, String> {
    let folders = folders(archive::entries(bytes)?);
    if folders.values().all(|f| f.metadata.is_none()) {
        return Err("no metadata.xml in this MEF".to_owned());
    }
    let mut out = Vec::new();
    for (prefix, folder) in folders {
        let Some((name, xml)) = folder.metadata else {
            continue;
        };
        let mut records = moisson_iso::read(&xml).map_err(|e| format!("{name}: {e}"))?;
        let info = match folder.info.as_deref().map(info::parse) {
            Some(Ok(info)) => Some(info),
            Some(Err(e)) => return Err(format!("{prefix}info.xml: {e}")),
            None => None,
        };
        for parsed in &mut records {
            apply_info(parsed, info.as_ref(), &ctx.groups, &prefix);
            thumbnails::keep(parsed, &folder.public, ctx.overviews.as_ref(), &prefix);
        }
        out.extend(records);
    }
    Ok(out)
}

/// Groups the entries by record folder (`""` for MEF v1).
fn folders(entries: Vec<archive::Entry>) -> BTreeMap<String, Folder> {
    let mut folders: BTreeMap<String, Folder> = BTreeMap::new();
    for entry in entries {
        let (prefix, rest) = split(&entry.name);
        let folder = folders.entry(prefix.to_owned()).or_default();
        if rest == "info.xml" {
            folder.info = Some(entry.bytes);
        } else if let Some(file) = rest.strip_prefix("public/") {
            folder.public.insert(file.to_owned(), entry.bytes);
        } else if is_metadata(rest) {
            // metadata.xml wins over metadata.<schema>.xml, whatever the entry order.
            let preferred = rest.ends_with("/metadata.xml") || rest == "metadata.xml";
            if folder.metadata.is_none() || preferred {
                folder.metadata = Some((entry.name.clone(), entry.bytes));
            }
        }
    }
    folders
}

/// `(record folder with its slash, path inside it)`.
fn split(name: &str) -> (&str, &str) {
    let v1 = !name.contains('/') || name.starts_with("public/") || name.starts_with("private/");
    match name.split_once('/') {
        Some((first, rest)) if !v1 => (&name[..=first.len()], rest),
        _ => ("", name),
    }
}

fn is_metadata(rest: &str) -> bool {
    let file = rest.strip_prefix("metadata/").unwrap_or(rest);
    !file.contains('/')
        && (rest == "metadata.xml" || rest.starts_with("metadata/"))
        && file.starts_with("metadata")
        && file.ends_with(".xml")
}

fn apply_info(
    parsed: &mut ParsedRecord,
    info: Option<&info::Info>,
    groups: &GroupMap,
    prefix: &str,
) {
    let catalogue = &mut parsed.record.catalogue;
    let Some(info) = info else {
        parsed.warnings.push(format!(
            "no {prefix}info.xml: imported as a restricted draft"
        ));
        catalogue.visibility = Visibility::Restricted;
        catalogue.status = WorkflowStatus::Draft;
        return;
    };
    let views = |g: &str| info.viewers.iter().any(|v| v == g);
    (catalogue.visibility, catalogue.status) = if views("all") {
        (Visibility::Public, WorkflowStatus::Published)
    } else if views("intranet") {
        (Visibility::Internal, WorkflowStatus::Published)
    } else {
        (Visibility::Restricted, WorkflowStatus::Draft)
    };
    match info.owner_group.as_deref() {
        Some(group) => match groups.org(group) {
            Some(org) => catalogue.owner_org = Some(org.to_owned()),
            None => parsed.warnings.push(format!(
                "GeoNetwork group {group:?} is not in the --mef-groups mapping: the record has no owner"
            )),
        },
        None => parsed
            .warnings
            .push("info.xml names no owner group: the record has no owner".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_grouped_by_record_folder() {
        assert_eq!(split("metadata.xml"), ("", "metadata.xml"));
        assert_eq!(split("public/t.png"), ("", "public/t.png"));
        assert_eq!(
            split("u1/metadata/metadata.xml"),
            ("u1/", "metadata/metadata.xml")
        );
        assert!(is_metadata("metadata/metadata.iso19139.xml"));
        assert!(is_metadata("metadata.xml"));
        assert!(!is_metadata("metadata/other/metadata.xml"));
        assert!(!is_metadata("public/metadata.xml"));
    }
}
