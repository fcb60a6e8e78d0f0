//! The stored form of original documents: zstd-compressed when that saves space.
//!
//! ISO/Dublin Core XML compresses several times over, so each original crosses the WAL
//! and the checkpoint at a fraction of its size. Compression happens while a batch is
//! prepared, before the writer connection is taken. `original_codec` NULL (every row
//! from schema version 1, and documents that do not shrink) means raw bytes.

use crate::{Error, Result};

/// The `original_codec` value of a zstd frame.
pub(crate) const ZSTD: &str = "zstd";
/// Level -2 (zstd's fast mode): less CPU than level 1 for about 5 % more bytes on
/// ISO XML, which still shrinks about fourfold; measured faster end to end on import.
const LEVEL: i32 = -2;
/// Documents smaller than this are kept raw: too little to gain.
const MIN_SIZE: usize = 512;

/// An original document as stored: its bytes and their codec (`None`: raw).
pub(crate) struct Encoded {
    pub(crate) bytes: Vec<u8>,
    pub(crate) codec: Option<&'static str>,
}

/// Compresses originals, reusing one zstd context (creating one costs more than a
/// small document's compression).
pub(crate) struct Packer(Option<zstd::bulk::Compressor<'static>>);

impl Packer {
    pub(crate) fn new() -> Self {
        Self(zstd::bulk::Compressor::new(LEVEL).ok())
    }

    /// Compresses `raw` when that makes it smaller; otherwise keeps it as it is.
    pub(crate) fn encode(&mut self, raw: &[u8]) -> Encoded {
        if raw.len() >= MIN_SIZE
            && let Some(Ok(packed)) = self.0.as_mut().map(|c| c.compress(raw))
            && packed.len() < raw.len()
        {
            return Encoded {
                bytes: packed,
                codec: Some(ZSTD),
            };
        }
        Encoded {
            bytes: raw.to_vec(),
            codec: None,
        }
    }
}

/// The original bytes back from their stored form.
pub(crate) fn decode(stored: Vec<u8>, codec: Option<&str>) -> Result<Vec<u8>> {
    match codec {
        None => Ok(stored),
        Some(ZSTD) => zstd::stream::decode_all(stored.as_slice())
            .map_err(|e| Error::Corrupt(format!("decompressing an original document: {e}"))),
        Some(other) => Err(Error::Corrupt(format!(
            "unknown original document codec {other:?}"
        ))),
    }
}

/// Decompresses many stored documents with one zstd context (creating one per document
/// was a tenth of a whole-catalogue walk over kept fragments).
pub(crate) struct Unpacker(Option<zstd::bulk::Decompressor<'static>>);

impl Unpacker {
    pub(crate) fn new() -> Self {
        Self(zstd::bulk::Decompressor::new().ok())
    }

    /// `decode`, reusing the context when the frame states its size (ours all do: they
    /// are compressed in one call).
    pub(crate) fn decode(&mut self, stored: &[u8], codec: Option<&str>) -> Result<Vec<u8>> {
        if codec == Some(ZSTD)
            && let Some(unpacker) = self.0.as_mut()
            && let Ok(Some(size)) = zstd::zstd_safe::get_frame_content_size(stored)
            && let Ok(size) = usize::try_from(size)
        {
            return unpacker
                .decompress(stored, size)
                .map_err(|e| Error::Corrupt(format!("decompressing a stored document: {e}")));
        }
        decode(stored.to_vec(), codec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut packer = Packer::new();
        let xml = "<gmd:MD_Metadata>".repeat(200).into_bytes();
        let e = packer.encode(&xml);
        assert_eq!(e.codec, Some(ZSTD));
        assert!(e.bytes.len() < xml.len());
        assert_eq!(decode(e.bytes, e.codec).expect("decode"), xml);
        let small = b"<a/>".to_vec();
        let e = packer.encode(&small);
        assert_eq!(e.codec, None);
        assert_eq!(decode(e.bytes, e.codec).expect("raw"), small);
        assert!(decode(vec![1, 2], Some("lzma")).is_err());
    }
}
