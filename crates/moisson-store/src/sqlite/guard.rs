//! The rights rules (`moisson_model::rights`) applied to writes, inside the write
//! transaction, against the catalogue information of the record as stored.

use moisson_model::rights::{self, Denied};
use moisson_model::{CatalogueInfo, Viewer};

use crate::{Error, Result};

/// The stored catalogue information of `id`, from `json_extract(doc, '$.catalogue')`.
pub(crate) fn stored_catalogue(id: &str, json: Option<&str>) -> Result<CatalogueInfo> {
    json.map_or_else(
        || Ok(CatalogueInfo::default()),
        |j| {
            serde_json::from_str(j)
                .map_err(|e| Error::Corrupt(format!("catalogue of record {id}: {e}")))
        },
    )
}

/// `rights::check_write`, a refusal naming the record.
pub(crate) fn check_write(
    actor: &Viewer,
    id: &str,
    stored: Option<&CatalogueInfo>,
    new: &CatalogueInfo,
) -> Result<()> {
    rights::check_write(actor, stored, new).map_err(|d| forbidden(id, d))
}

/// What a delete may do with a stored record: `Ok(false)` when the actor cannot even
/// see it (it is absent for them), a refusal when they see it but may not delete it.
pub(crate) fn check_delete(actor: &Viewer, id: &str, stored: &CatalogueInfo) -> Result<bool> {
    if !rights::can_see(actor, stored) {
        return Ok(false);
    }
    rights::check_delete(actor, stored).map_err(|d| forbidden(id, d))?;
    Ok(true)
}

fn forbidden(id: &str, Denied(why): Denied) -> Error {
    Error::Forbidden(format!("record {id}: {why}"))
}
