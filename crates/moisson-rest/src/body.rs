//! Request bodies: bounded reading, then JSON or ISO 19139 / Dublin Core XML decoding.

use actix_web::body::{BodyStream, MessageBody};
use actix_web::web::{Bytes, BytesMut, Payload};
use moisson_http::catalogue::Requested;
use moisson_model::Record;
use moisson_store::NewRecord;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::error::{Error, Result};

/// Largest accepted record body: 20 MB (an ISO record with embedded overviews is far smaller).
pub const MAX_BODY: usize = 20 * 1024 * 1024;

/// What a write body is, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// `application/json` or any `+json` type: the record's JSON form; no original kept.
    Json,
    /// `application/xml`, `text/xml` or any `+xml` type: read by `moisson_iso`, the
    /// document kept so that an unedited record exports byte-identical.
    Xml,
}

impl BodyFormat {
    /// The format of a `Content-Type` value; 415 for anything else (or none).
    pub fn from_content_type(value: Option<&str>) -> Result<Self> {
        let value = value.unwrap_or_default();
        let essence = value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => Ok(Self::Json),
            "application/xml" | "text/xml" => Ok(Self::Xml),
            e if e.ends_with("+json") => Ok(Self::Json),
            e if e.ends_with("+xml") => Ok(Self::Xml),
            _ => Err(Error::UnsupportedMediaType(value.to_owned())),
        }
    }
}

/// Reads at most `limit` bytes: refuses a too large `Content-Length` before reading,
/// and stops reading a chunked body as soon as it passes the limit. A body that states
/// its length is read into one buffer of that size: growing a buffer by doubling (what
/// `Payload::to_bytes_limited` does past 32 KiB) holds up to three times a large body at
/// once (issue 17: a 5 MB abstract).
pub async fn read(payload: Payload, content_length: Option<u64>, limit: usize) -> Result<Bytes> {
    if content_length.is_some_and(|n| n > limit as u64) {
        return Err(Error::PayloadTooLarge { limit });
    }
    let stated = content_length.and_then(|n| usize::try_from(n).ok());
    let mut buf = BytesMut::with_capacity(stated.unwrap_or(32 * 1024).min(limit));
    let mut stream = std::pin::pin!(BodyStream::new(payload));
    while let Some(chunk) = std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
        let chunk = chunk.map_err(|e| Error::Body(e.to_string()))?;
        if buf.len() + chunk.len() > limit {
            return Err(Error::PayloadTooLarge { limit });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// A decoded write body: the record, whether it was read from an XML document (which
/// carries no catalogue fields), and the status and visibility the body itself named.
#[derive(Debug)]
pub struct WriteBody {
    pub new: NewRecord,
    pub from_document: bool,
    pub requested: Requested,
}

/// Decodes one record from a body.
pub fn decode(format: BodyFormat, bytes: &[u8]) -> Result<WriteBody> {
    match format {
        BodyFormat::Json => decode_json(bytes),
        BodyFormat::Xml => Ok(WriteBody {
            new: decode_xml(bytes)?,
            from_document: true,
            requested: Requested::default(),
        }),
    }
}

fn decode_json(bytes: &[u8]) -> Result<WriteBody> {
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        position: e.valid_up_to(),
    })?;
    let record = strict_record(&mut serde_json::Deserializer::from_slice(bytes))?;
    // The record's own defaults cannot tell "published" from "not said": read again
    // which catalogue fields the body names (the record parsed, so this does too).
    let named: Named = serde_json::from_slice(bytes).map_err(Error::Json)?;
    let requested = Requested {
        status: named.catalogue.status.map(|_| record.catalogue.status),
        visibility: named
            .catalogue
            .visibility
            .map(|_| record.catalogue.visibility),
    };
    Ok(WriteBody {
        new: NewRecord {
            record,
            original: None,
        },
        from_document: false,
        requested,
    })
}

/// Fields of a record response a client may send back as they came (GET, then PUT).
const RESPONSE_FIELDS: [&str; 4] = [
    "version",
    "resourceIdentifier",
    "links",
    "operatesOnRecords",
];

/// A record from JSON; a field the record does not have is refused, naming it
/// (`catalogue.statut`), instead of being dropped.
pub fn strict_record<'de, D>(de: D) -> Result<Record>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
{
    let mut unknown = Vec::new();
    let record: Record = serde_ignored::deserialize(de, |path| unknown.push(path.to_string()))
        .map_err(Error::Json)?;
    unknown.retain(|p| !RESPONSE_FIELDS.contains(&p.as_str()));
    if unknown.is_empty() {
        Ok(record)
    } else {
        Err(Error::UnknownFields(unknown))
    }
}

/// Which of the workflow fields a JSON record names.
#[derive(Deserialize, Default)]
struct Named {
    #[serde(default)]
    catalogue: NamedCatalogue,
}

#[derive(Deserialize, Default)]
struct NamedCatalogue {
    status: Option<IgnoredAny>,
    visibility: Option<IgnoredAny>,
}

fn decode_xml(bytes: &[u8]) -> Result<NewRecord> {
    let mut parsed = moisson_iso::read(bytes)?;
    if parsed.len() != 1 {
        let reason = format!(
            "the document holds {} records; send exactly one",
            parsed.len()
        );
        return Err(Error::invalid("body", reason));
    }
    let one = parsed.remove(0);
    for warning in &one.warnings {
        tracing::debug!(%warning, "reading a posted XML record");
    }
    Ok(NewRecord {
        record: one.record,
        original: one.original,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(
            BodyFormat::from_content_type(Some("application/json; charset=utf-8")).ok(),
            Some(BodyFormat::Json)
        );
        assert_eq!(
            BodyFormat::from_content_type(Some("Application/XML")).ok(),
            Some(BodyFormat::Xml)
        );
        assert_eq!(
            BodyFormat::from_content_type(Some("application/vnd.iso.19139+xml")).ok(),
            Some(BodyFormat::Xml)
        );
        assert!(matches!(
            BodyFormat::from_content_type(Some("text/plain")),
            Err(Error::UnsupportedMediaType(_))
        ));
        assert!(matches!(
            BodyFormat::from_content_type(None),
            Err(Error::UnsupportedMediaType(_))
        ));
    }

    #[test]
    fn json_errors() {
        assert!(matches!(
            decode(BodyFormat::Json, b"{\"title\": \"caf\xe9\"}"),
            Err(Error::InvalidUtf8 { position: 14 })
        ));
        let Err(Error::Json(e)) = decode(BodyFormat::Json, b"{\"title\": ") else {
            panic!("expected JSON error")
        };
        assert_eq!(e.line(), 1);
        let ok = decode(BodyFormat::Json, br#"{"id": "a", "title": "T"}"#).expect("valid");
        assert_eq!(ok.new.record.title, "T");
        assert!(ok.new.original.is_none());
        assert_eq!(ok.requested, Requested::default());
    }

    #[test]
    fn unknown_fields_are_named() {
        let body = br#"{"id": "a", "titre": "T", "catalogue": {"statut": "draft"}, "version": 3}"#;
        let Err(Error::UnknownFields(fields)) = decode(BodyFormat::Json, body) else {
            panic!("unknown fields refused")
        };
        assert_eq!(fields, ["titre", "catalogue.statut"]);
    }

    #[test]
    fn json_names_its_workflow_fields() {
        let body = br#"{"id": "a", "title": "T", "catalogue": {"status": "submitted"}}"#;
        let named = decode(BodyFormat::Json, body).expect("valid");
        assert_eq!(
            named.requested,
            Requested {
                status: Some(moisson_model::WorkflowStatus::Submitted),
                visibility: None
            }
        );
    }
}
