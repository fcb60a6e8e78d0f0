//! Text helpers shared by the backends: case/accent folding, catalogue timestamps and
//! ISO date normalisation (so that text order is time order).

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without accents: `Échelle` → `echelle`, `Ça` → `ca`.
pub(crate) fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A catalogue timestamp as stored in `created`/`updated`: RFC 3339, UTC, microseconds.
pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Normalises an ISO 8601 date or date-time so that text order is time order:
/// date-times become UTC `YYYY-MM-DDTHH:MM:SS` (no zone suffix, naive ones taken as
/// UTC); `YYYY`, `YYYY-MM` and `YYYY-MM-DD` stay as written. Anything else is kept
/// trimmed, so it still compares, just not meaningfully.
pub(crate) fn normalise_date(s: &str) -> String {
    const OUT: &str = "%Y-%m-%dT%H:%M:%S";
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return t.with_timezone(&Utc).format(OUT).to_string();
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return t.format(OUT).to_string();
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%:z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return t.with_timezone(&Utc).format(OUT).to_string();
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.format("%Y-%m-%d").to_string();
    }
    s.strip_suffix('Z').unwrap_or(s).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Échelle Ça ŒUF"), "echelle ca œuf");
    }

    #[test]
    fn normalises_dates_to_sortable_text() {
        assert_eq!(normalise_date("2024-01-31"), "2024-01-31");
        assert_eq!(
            normalise_date("2024-01-31T10:00:00+02:00"),
            "2024-01-31T08:00:00"
        );
        assert_eq!(
            normalise_date("2024-01-31T10:00:00Z"),
            "2024-01-31T10:00:00"
        );
        assert_eq!(
            normalise_date("2024-01-31T10:00:00.5"),
            "2024-01-31T10:00:00"
        );
        assert_eq!(normalise_date(" 2024 "), "2024");
    }
}
