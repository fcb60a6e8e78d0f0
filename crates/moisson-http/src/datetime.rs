//! The `datetime` parameter: an RFC 3339 instant, a date, or an interval with open ends.

use chrono::{DateTime, NaiveDate, SecondsFormat};
use moisson_model::TimeRange;

use crate::Invalid;

/// An RFC 3339 instant or an interval `start/end`, where `..` or an empty end is open.
/// Full dates (`2024-01-31`) are accepted too. Date-times are normalised to UTC.
pub fn datetime(value: &str) -> Result<TimeRange, Invalid> {
    let value = value.trim();
    let Some((start, end)) = value.split_once('/') else {
        let instant = instant(value)?.ok_or_else(|| Invalid::new("an instant cannot be open"))?;
        return Ok(TimeRange {
            start: Some(instant.clone()),
            end: Some(instant),
        });
    };
    let range = TimeRange {
        start: instant(start)?,
        end: instant(end)?,
    };
    match (&range.start, &range.end) {
        (None, None) => Err(Invalid::new("both ends are open")),
        (Some(s), Some(e)) if s > e => Err(Invalid::new("start is after end")),
        _ => Ok(range),
    }
}

fn instant(s: &str) -> Result<Option<String>, Invalid> {
    let s = s.trim();
    if s.is_empty() || s == ".." {
        return Ok(None);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(
            dt.to_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true),
        ));
    }
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(Some(date.format("%Y-%m-%d").to_string()));
    }
    Err(Invalid(format!(
        "{s:?} is not an RFC 3339 date-time or date"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_forms() {
        let r = datetime("2024-01-01T00:00:00+01:00").expect("instant");
        assert_eq!(r.start.as_deref(), Some("2023-12-31T23:00:00Z"));
        assert_eq!(r.start, r.end);
        let r = datetime("2020-01-01/..").expect("open end");
        assert_eq!((r.start.as_deref(), r.end), (Some("2020-01-01"), None));
        assert!(
            datetime("../2020-01-01T00:00:00Z")
                .expect("open start")
                .start
                .is_none()
        );
        assert_eq!(
            datetime(" 2020-01-01/ ").expect("empty end is open").end,
            None
        );
    }

    #[test]
    fn refusals_say_why() {
        let cases = [
            (
                "yesterday",
                "\"yesterday\" is not an RFC 3339 date-time or date",
            ),
            ("../..", "both ends are open"),
            ("2024-02-01/2024-01-01", "start is after end"),
            (
                "2024-13-01",
                "\"2024-13-01\" is not an RFC 3339 date-time or date",
            ),
            ("..", "an instant cannot be open"),
        ];
        for (bad, why) in cases {
            assert_eq!(datetime(bad), Err(Invalid(why.into())), "{bad}");
        }
    }
}
