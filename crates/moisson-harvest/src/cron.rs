//! Cron schedules of sources: the five classic fields (minute, hour, day of month, month,
//! day of week) with `*`, lists, ranges and steps, and `@hourly`, `@daily`, `@weekly`,
//! `@monthly`. Hand-written: a source needs only "is this minute due", which these 100
//! lines answer without a dependency (the crates on offer parse seconds and years too).

use chrono::{Datelike, NaiveDateTime, Timelike};

/// A parsed schedule: for each field, which values match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    minutes: Vec<bool>,
    hours: Vec<bool>,
    days: Vec<bool>,
    months: Vec<bool>,
    weekdays: Vec<bool>,
    /// Whether the day fields were restricted (`*` is not): cron matches either day field
    /// when both are.
    days_restricted: bool,
    weekdays_restricted: bool,
}

impl Cron {
    /// Parses a schedule.
    ///
    /// # Errors
    /// A message naming the field that does not parse.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = match text.trim() {
            "@hourly" => "0 * * * *",
            "@daily" | "@midnight" => "0 0 * * *",
            "@weekly" => "0 0 * * 0",
            "@monthly" => "0 0 1 * *",
            other => other,
        };
        let fields: Vec<&str> = text.split_whitespace().collect();
        let [minute, hour, day, month, weekday] = fields[..] else {
            return Err(format!(
                "{text:?}: a schedule has five fields (minute hour day month weekday)"
            ));
        };
        let mut weekdays = field(weekday, 0, 7, "weekday")?;
        // 7 is Sunday too.
        weekdays[0] |= weekdays[7];
        Ok(Self {
            minutes: field(minute, 0, 59, "minute")?,
            hours: field(hour, 0, 23, "hour")?,
            days: field(day, 1, 31, "day")?,
            months: field(month, 1, 12, "month")?,
            weekdays,
            days_restricted: day != "*",
            weekdays_restricted: weekday != "*",
        })
    }

    /// Whether the minute of `t` (local time) is due.
    #[must_use]
    pub fn matches(&self, t: NaiveDateTime) -> bool {
        let day = self.days[t.day() as usize];
        let weekday = self.weekdays[t.weekday().num_days_from_sunday() as usize];
        let day_ok = match (self.days_restricted, self.weekdays_restricted) {
            (true, true) => day || weekday,
            _ => day && weekday,
        };
        self.minutes[t.minute() as usize]
            && self.hours[t.hour() as usize]
            && self.months[t.month() as usize]
            && day_ok
    }
}

/// The values of one field, indexed by value (`0..=max`).
fn field(text: &str, min: u32, max: u32, name: &str) -> Result<Vec<bool>, String> {
    let bad = || format!("{name} field {text:?} does not parse");
    let mut on = vec![false; max as usize + 1];
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().map_err(|_| bad())?),
            None => (part, 1),
        };
        let (from, to) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?)
        } else {
            let v: u32 = range.parse().map_err(|_| bad())?;
            (v, if step > 1 { max } else { v })
        };
        if step == 0 || from < min || to > max || from > to {
            return Err(bad());
        }
        for v in (from..=to).step_by(step as usize) {
            on[v as usize] = true;
        }
    }
    Ok(on)
}

#[cfg(test)]
mod tests {
    use super::Cron;
    use chrono::NaiveDate;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .expect("date")
    }

    #[test]
    fn fields_lists_ranges_and_steps() {
        let nightly = Cron::parse("30 3 * * *").expect("parse");
        assert!(nightly.matches(at(2026, 12, 7, 3, 30)));
        assert!(!nightly.matches(at(2026, 12, 7, 3, 31)));
        let weekdays = Cron::parse("*/15 8-18 * * 1-5").expect("parse");
        assert!(weekdays.matches(at(2026, 12, 7, 8, 45)), "a Monday");
        assert!(!weekdays.matches(at(2026, 12, 6, 8, 45)), "a Sunday");
        assert!(!weekdays.matches(at(2026, 12, 7, 8, 50)));
        let either_day = Cron::parse("0 0 1 * 0").expect("parse");
        assert!(either_day.matches(at(2026, 12, 1, 0, 0)), "the 1st");
        assert!(either_day.matches(at(2026, 12, 6, 0, 0)), "a Sunday");
        assert!(!either_day.matches(at(2026, 12, 7, 0, 0)));
        assert!(
            Cron::parse("@daily")
                .expect("parse")
                .matches(at(2026, 1, 2, 0, 0))
        );
        assert!(
            Cron::parse("0 0 * * 7")
                .expect("parse")
                .matches(at(2026, 12, 6, 0, 0))
        );
        for bad in [
            "",
            "* * * *",
            "60 * * * *",
            "*/0 * * * *",
            "a * * * *",
            "5-1 * * * *",
        ] {
            assert!(Cron::parse(bad).is_err(), "{bad:?}");
        }
    }
}
