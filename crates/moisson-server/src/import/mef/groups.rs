//! `--mef-groups FILE`: GeoNetwork group name → Moisson organisation id, one pair a line,
//! as TOML (`sig-metropole = "metropole"`, an optional `[groups]` table) or CSV
//! (`sig-metropole,metropole`); `#` starts a comment.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupMap(BTreeMap<String, String>);

impl GroupMap {
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the MEF group mapping {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("in {}", path.display()))
    }

    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let mut map = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() || (line.starts_with('[') && line.ends_with(']')) {
                continue;
            }
            let (group, org) = line
                .split_once('=')
                .or_else(|| line.split_once(','))
                .with_context(|| {
                    format!("line {}: expected `group = org` or `group,org`", n + 1)
                })?;
            let unquote = |s: &str| s.trim().trim_matches('"').trim().to_owned();
            let (group, org) = (unquote(group), unquote(org));
            anyhow::ensure!(
                !group.is_empty() && !org.is_empty(),
                "line {}: empty group or organisation",
                n + 1
            );
            map.insert(group, org);
        }
        Ok(Self(map))
    }

    pub fn org(&self, group: &str) -> Option<&str> {
        self.0.get(group).map(String::as_str)
    }

    /// Every organisation the mapping names (checked to exist before an import).
    pub fn orgs(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_csv_lines() {
        let map =
            GroupMap::parse("[groups]\n\"sig\" = \"metropole\" # the GIS team\nvoirie,roads\n\n")
                .unwrap();
        assert_eq!(map.org("sig"), Some("metropole"));
        assert_eq!(map.org("voirie"), Some("roads"));
        assert!(GroupMap::parse("nonsense").is_err());
    }
}
