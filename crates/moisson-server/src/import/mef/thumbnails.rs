//! A MEF's thumbnails become the record's graphic overviews, served by Moisson: each file
//! of `public/` is written under `server.overviews_dir`, and the overview naming that
//! file (GeoNetwork writes its own URL, `…/attachments/thumb_s.png` or
//! `…resources.get?…&fname=thumb_s.png`) is pointed at Moisson's copy, else one is
//! added. The kept document gets the same edit (`moisson_iso::merge`), so an export says
//! what the record says; a document that cannot take the edit is dropped (exports then
//! write the record), with a warning.

use std::collections::BTreeMap;

use moisson_iso::ParsedRecord;
use moisson_model::GraphicOverview;

use crate::overviews::Target;

pub fn keep(
    parsed: &mut ParsedRecord,
    public: &BTreeMap<String, Vec<u8>>,
    target: Option<&Target>,
    prefix: &str,
) {
    if public.is_empty() {
        return;
    }
    let Some(target) = target else {
        parsed.warnings.push(format!(
            "{} thumbnail(s) in {prefix}public/ not kept: server.overviews_dir is not set",
            public.len()
        ));
        return;
    };
    let Some(id) = parsed.record.id.as_ref().map(ToString::to_string) else {
        return;
    };
    let before = parsed.record.clone();
    for (name, bytes) in public {
        match target.store(&id, name, bytes) {
            Ok(url) => point_at(&mut parsed.record.overviews, name, url),
            Err(e) => parsed
                .warnings
                .push(format!("thumbnail {prefix}public/{name} not kept: {e}")),
        }
    }
    if parsed.record == before {
        return;
    }
    if let Some(original) = parsed.original.take() {
        match moisson_iso::merge(&original, &before, &parsed.record) {
            Ok(merged) => parsed.original = Some(merged),
            Err(e) => parsed.warnings.push(format!(
                "the document cannot take the thumbnails' URLs ({e}): exports write the record instead"
            )),
        }
    }
}

/// Points the overview that names `file` at `url`, or adds one.
fn point_at(overviews: &mut Vec<GraphicOverview>, file: &str, url: String) {
    let names = |o: &GraphicOverview| {
        let last = o.url.rsplit(['/', '=']).next().unwrap_or_default();
        last == file || o.url == file
    };
    match overviews.iter_mut().find(|o| names(o)) {
        Some(o) => o.url = url,
        None => overviews.push(GraphicOverview {
            url,
            description: None,
            file_type: None,
        }),
    }
}
