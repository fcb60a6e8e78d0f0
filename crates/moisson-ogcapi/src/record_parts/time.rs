//! The record's `time`, as `time.yaml` and the record-core time requirements want it:
//! RFC 3339 `full-date`s or UTC `date-time`s ending in `Z`, both ends of an interval of
//! the same kind, `..` for an open end.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};
use moisson_model::Record;
use serde_json::{Value, json};

/// One end of an extent: a calendar date or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    Date(NaiveDate),
    Stamp(DateTime<Utc>),
}

impl Moment {
    /// The instant of a date: its first second at a start, its last at an end.
    fn stamp(self, end: bool) -> DateTime<Utc> {
        match self {
            Self::Stamp(s) => s,
            Self::Date(d) => {
                let t = if end {
                    NaiveTime::from_hms_opt(23, 59, 59)
                } else {
                    Some(NaiveTime::MIN)
                };
                d.and_time(t.unwrap_or(NaiveTime::MIN)).and_utc()
            }
        }
    }

    fn text(self) -> String {
        match self {
            Self::Date(d) => d.format("%Y-%m-%d").to_string(),
            Self::Stamp(s) => s.to_rfc3339_opts(SecondsFormat::Secs, true),
        }
    }
}

/// The first temporal extent as `{"interval": [..]}`, or `{"date"}`/`{"timestamp"}`
/// for an instant; `None` when no end can be read.
#[must_use]
pub fn time(record: &Record) -> Option<Value> {
    let t = record
        .temporal_extents
        .iter()
        .find(|t| t.begin.is_some() || t.end.is_some() || t.end_is_now)?;
    let begin = t.begin.as_deref().and_then(|s| parse(s, false));
    let end = if t.end_is_now {
        None
    } else {
        t.end.as_deref().and_then(|s| parse(s, true))
    };
    let (begin, end) = match (begin, end) {
        (None, None) => return None,
        (Some(b @ Moment::Date(_)), Some(e @ Moment::Stamp(_)))
        | (Some(b @ Moment::Stamp(_)), Some(e @ Moment::Date(_))) => (
            Some(Moment::Stamp(b.stamp(false))),
            Some(Moment::Stamp(e.stamp(true))),
        ),
        other => other,
    };
    if let (Some(b), Some(e)) = (begin, end)
        && b == e
    {
        let key = match b {
            Moment::Date(_) => "date",
            Moment::Stamp(_) => "timestamp",
        };
        return Some(json!({ key: b.text() }));
    }
    let text = |m: Option<Moment>| m.map_or_else(|| "..".to_owned(), Moment::text);
    Some(json!({"interval": [text(begin), text(end)]}))
}

/// `2020` → 1 January (31 December at an end), `2020-05` → 1 May (31 May at an end),
/// a date, or a date-time (UTC when it names no offset); `None` when unreadable.
fn parse(s: &str, end: bool) -> Option<Moment> {
    let s = s.trim();
    if let Ok(year) = s.parse::<i32>()
        && s.len() == 4
    {
        let (m, d) = if end { (12, 31) } else { (1, 1) };
        return NaiveDate::from_ymd_opt(year, m, d).map(Moment::Date);
    }
    if s.len() == 7
        && let Ok(first) = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
    {
        return Some(Moment::Date(if end { last_of_month(first) } else { first }));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Moment::Date(d));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(Moment::Stamp(dt.with_timezone(&Utc)));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|dt| Moment::Stamp(dt.and_utc()))
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::TemporalExtent;

    fn time_of(begin: Option<&str>, end: Option<&str>, end_is_now: bool) -> Option<Value> {
        let mut r = Record::default();
        r.temporal_extents.push(TemporalExtent {
            begin: begin.map(str::to_owned),
            end: end.map(str::to_owned),
            end_is_now,
        });
        time(&r)
    }

    #[test]
    fn partial_dates_are_completed() {
        assert_eq!(
            time_of(Some("2019"), Some("2020-02"), false),
            Some(json!({"interval": ["2019-01-01", "2020-02-29"]}))
        );
        assert_eq!(
            time_of(Some("2020-01-02"), Some("2020-01-02"), false),
            Some(json!({"date": "2020-01-02"}))
        );
        assert_eq!(
            time_of(Some("2020"), None, true),
            Some(json!({"interval": ["2020-01-01", ".."]}))
        );
    }

    #[test]
    fn timestamps_are_utc_and_both_ends_alike() {
        assert_eq!(
            time_of(Some("1990-01-01"), Some("1999-12-31T12:00:00+02:00"), false),
            Some(json!({"interval": ["1990-01-01T00:00:00Z", "1999-12-31T10:00:00Z"]}))
        );
        assert_eq!(
            time_of(
                Some("2001-05-06T07:08:09"),
                Some("2001-05-06T07:08:09"),
                false
            ),
            Some(json!({"timestamp": "2001-05-06T07:08:09Z"}))
        );
        assert_eq!(time_of(Some("unknown"), Some("n/a"), false), None);
    }
}
