//! CSDGM element access and value forms: dates as `YYYYMMDD`, progress and update
//! words, security classifications.

use moisson_model::TemporalExtent;

use crate::tree::Element;

/// Children by local name in their parent's namespace (CSDGM elements share the root's).
pub(super) trait Fgdc {
    fn get(&self, name: &str) -> Option<&Element>;
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element>;
    /// Follows child names, the first match at each step.
    fn at(&self, steps: &[&str]) -> Option<&Element>;
    fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    /// The trimmed text of a child, `None` when absent or empty.
    fn text_of(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Element::trimmed)
    }
}

impl Fgdc for Element {
    fn get(&self, name: &str) -> Option<&Element> {
        self.children
            .iter()
            .find(|c| c.local == name && c.ns == self.ns)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children
            .iter()
            .filter(move |c| c.local == name && c.ns == self.ns)
    }

    fn at(&self, steps: &[&str]) -> Option<&Element> {
        steps.iter().try_fold(self, |el, step| el.get(step))
    }
}

/// A CSDGM calendar date (`YYYYMMDD`, `YYYYMM` or `YYYY`) as ISO 8601; `None` for
/// `Unknown`, `Unpublished material` and anything else that is no date.
pub(super) fn date(text: &str) -> Option<String> {
    let text = text.trim();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.len() {
        4 => Some(text.to_owned()),
        6 => Some(format!("{}-{}", &text[..4], &text[4..])),
        8 => Some(format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..])),
        _ => None,
    }
}

/// timeinfo: a range of dates, a single date, or several single dates.
pub(super) fn temporal(timeinfo: &Element) -> Vec<TemporalExtent> {
    if let Some(range) = timeinfo.get("rngdates") {
        let end = range.text_of("enddate");
        let ongoing = end.is_some_and(|e| e.eq_ignore_ascii_case("present"));
        return vec![TemporalExtent {
            begin: range.text_of("begdate").and_then(date),
            end: end.and_then(date),
            end_is_now: ongoing,
        }];
    }
    let singles = timeinfo.get("sngdate").into_iter().chain(
        timeinfo
            .get("mdattim")
            .into_iter()
            .flat_map(|m| m.all("sngdate")),
    );
    singles
        .filter_map(|s| s.text_of("caldate").and_then(date))
        .map(|day| TemporalExtent {
            begin: Some(day.clone()),
            end: Some(day),
            end_is_now: false,
        })
        .collect()
}

/// status/progress as MD_ProgressCode.
pub(super) fn progress(text: &str) -> String {
    match text.to_ascii_lowercase().as_str() {
        "complete" => "completed",
        "in work" => "onGoing",
        "planned" => "planned",
        _ => return text.to_owned(),
    }
    .to_owned()
}

/// status/update as MD_MaintenanceFrequencyCode.
pub(super) fn maintenance_frequency(text: &str) -> String {
    match text.to_ascii_lowercase().as_str() {
        "continually" => "continual",
        "daily" => "daily",
        "weekly" => "weekly",
        "monthly" => "monthly",
        "annually" => "annually",
        "unknown" => "unknown",
        "as needed" => "asNeeded",
        "irregular" => "irregular",
        "none planned" => "notPlanned",
        _ => return text.to_owned(),
    }
    .to_owned()
}

/// secinfo/secclass as MD_ClassificationCode.
pub(super) fn classification(text: &str) -> String {
    match text.to_ascii_lowercase().as_str() {
        "unclassified" => "unclassified",
        "restricted" => "restricted",
        "confidential" => "confidential",
        "secret" => "secret",
        "top secret" => "topSecret",
        _ => return text.to_owned(),
    }
    .to_owned()
}

/// Texts joined by blank lines, `None` when there is none.
pub(super) fn joined<'a>(texts: impl Iterator<Item = &'a str>) -> Option<String> {
    let all: Vec<&str> = texts.collect();
    (!all.is_empty()).then(|| all.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csdgm_dates() {
        assert_eq!(date("20001201").as_deref(), Some("2000-12-01"));
        assert_eq!(date("200012").as_deref(), Some("2000-12"));
        assert_eq!(date("1979").as_deref(), Some("1979"));
        assert_eq!(date("Unknown"), None);
        assert_eq!(date("2000-12-01"), None);
    }

    #[test]
    fn codes() {
        assert_eq!(progress("Complete"), "completed");
        assert_eq!(progress("In work"), "onGoing");
        assert_eq!(maintenance_frequency("As needed"), "asNeeded");
        assert_eq!(classification("Top secret"), "topSecret");
        assert_eq!(classification("Sensitive"), "Sensitive");
    }
}
