//! Reading a zip safely: entry names that would leave the archive (`..`, absolute), too
//! many entries, too many bytes in all and entries that inflate far more than any real
//! document (zip bombs) are refused before or while they are read, by what is actually
//! inflated, not what the archive declares.

use std::io::Read;

/// Entries accepted in one archive.
pub const MAX_ENTRIES: usize = 10_000;
/// Bytes accepted once inflated, all entries together.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Inflated size over compressed size accepted for an entry above [`RATIO_FLOOR`] bytes.
pub const MAX_RATIO: u64 = 200;
/// Entries this small are never refused for their ratio (a tiny file compresses well).
const RATIO_FLOOR: u64 = 1024 * 1024;

/// One file of the archive: its path inside it and its bytes.
pub struct Entry {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Every file of the archive (folders skipped), or why the archive is refused.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a zip archive: {e}"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "{} entries: more than {MAX_ENTRIES} refused",
            zip.len()
        ));
    }
    let mut out = Vec::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| format!("entry {i}: {e}"))?;
        let name = file.name().to_owned();
        if !is_safe(&name) {
            return Err(format!("entry {name:?} leaves the archive: refused"));
        }
        if file.is_dir() {
            continue;
        }
        let budget = MAX_TOTAL_BYTES - total;
        // Never inflate more than the ratio allows: a bomb stops at its limit, not at the
        // archive's budget.
        let allowed = file
            .compressed_size()
            .max(1)
            .saturating_mul(MAX_RATIO)
            .max(RATIO_FLOOR);
        let limit = budget.min(allowed);
        let mut bytes = Vec::new();
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("entry {name:?}: {e}"))?;
        let size = bytes.len() as u64;
        if size > limit && limit == allowed {
            return Err(format!(
                "entry {name:?} inflates more than {MAX_RATIO}×: refused as a zip bomb"
            ));
        }
        if size > limit {
            return Err(format!(
                "more than {MAX_TOTAL_BYTES} bytes once inflated: refused"
            ));
        }
        total += size;
        out.push(Entry { name, bytes });
    }
    Ok(out)
}

/// A relative path of normal components only.
fn is_safe(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.starts_with('\\')
        && !name.contains(':')
        && name
            .split(['/', '\\'])
            .all(|part| part != ".." && part != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: usize, bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..entries {
            let options = zip::write::SimpleFileOptions::default();
            w.start_file(format!("f{i}"), options).expect("entry");
            w.write_all(bytes).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn too_many_entries_and_bombs_are_refused() {
        let many = entries(&zip_of(MAX_ENTRIES + 1, b"x"))
            .err()
            .expect("refused");
        assert!(many.contains("entries"), "{many}");
        let bomb = entries(&zip_of(1, &vec![0; 4 * 1024 * 1024]))
            .err()
            .expect("refused");
        assert!(bomb.contains("zip bomb"), "{bomb}");
        assert_eq!(entries(&zip_of(3, b"ok")).expect("read").len(), 3);
        assert!(entries(b"not a zip").is_err());
    }

    #[test]
    fn names_leaving_the_archive_are_unsafe() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "C:\\x",
            "a\\..\\x",
            "./x",
        ] {
            assert!(!is_safe(bad), "{bad}");
        }
        for good in [
            "metadata.xml",
            "uuid/metadata/metadata.xml",
            "public/thumb s.png",
        ] {
            assert!(is_safe(good), "{good}");
        }
    }
}
