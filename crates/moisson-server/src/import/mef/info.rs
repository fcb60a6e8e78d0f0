//! GeoNetwork's `info.xml`: who may see the record (`<privileges>`: a group with the
//! `view` operation for `all` makes it public), its owner group, and its public files.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// What Moisson takes from an `info.xml`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Info {
    /// Groups given `view`, by their GeoNetwork name (`all`, `intranet`, `sample` …).
    pub viewers: Vec<String>,
    /// The owner group: `general/ownerGroup` (or `groupOwner`), else the first group other
    /// than `all`, `intranet` and `guest` given `editing`, else any such group.
    pub owner_group: Option<String>,
    /// File names listed under `<public>` (the thumbnails).
    pub public_files: Vec<String>,
}

/// GeoNetwork's pseudo-groups, which are not organisations.
const PSEUDO_GROUPS: [&str; 3] = ["all", "intranet", "guest"];

#[derive(Default)]
struct State {
    path: Vec<String>,
    info: Info,
    group: Option<String>,
    editors: Vec<String>,
    groups: Vec<String>,
}

pub fn parse(bytes: &[u8]) -> Result<Info, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "info.xml is not UTF-8".to_owned())?;
    let mut reader = Reader::from_str(text);
    let mut s = State::default();
    loop {
        match reader.read_event().map_err(|e| format!("info.xml: {e}"))? {
            Event::Start(e) => {
                let local = s.element(&e);
                s.path.push(local);
            }
            Event::Empty(e) => {
                s.element(&e);
            }
            Event::Text(t) => {
                let text = t.decode().map(|c| c.trim().to_owned()).unwrap_or_default();
                if s.in_owner_group() && !text.is_empty() {
                    s.info.owner_group = Some(text);
                }
            }
            Event::End(_) => {
                s.path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(s.finish())
}

impl State {
    /// Takes what an opening element says; returns its local name.
    fn element(&mut self, e: &BytesStart<'_>) -> String {
        let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        let name = attr(e, "name");
        match (self.path.last().map(String::as_str), local.as_str()) {
            (Some("privileges"), "group") => {
                self.groups.extend(name.clone());
                self.group = name;
            }
            (Some("group"), "operation") => match (&self.group, name.as_deref()) {
                (Some(g), Some("view")) => self.info.viewers.push(g.clone()),
                (Some(g), Some("editing")) => self.editors.push(g.clone()),
                _ => {}
            },
            (Some("public"), "file") => self.info.public_files.extend(name),
            _ => {}
        }
        local
    }

    fn in_owner_group(&self) -> bool {
        matches!(
            self.path.as_slice(),
            [.., general, owner] if general == "general" && (owner == "ownerGroup" || owner == "groupOwner")
        )
    }

    fn finish(mut self) -> Info {
        let real = |g: &&String| !PSEUDO_GROUPS.contains(&g.as_str());
        if self.info.owner_group.is_none() {
            self.info.owner_group = self
                .editors
                .iter()
                .find(real)
                .or_else(|| self.groups.iter().find(real))
                .cloned();
        }
        self.info
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privileges_owner_and_public_files() {
        let xml = br#"<info version="1.1"><general><uuid>u</uuid></general>
            <privileges>
              <group name="all"><operation name="view"/><operation name="download"/></group>
              <group name="sig-metropole"><operation name="editing"/><operation name="view"/></group>
            </privileges>
            <public><file name="thumb_s.png" changeDate="2024-01-01"/></public></info>"#;
        let info = parse(xml).unwrap();
        assert_eq!(info.viewers, ["all", "sig-metropole"]);
        assert_eq!(info.owner_group.as_deref(), Some("sig-metropole"));
        assert_eq!(info.public_files, ["thumb_s.png"]);
        let owned = br#"<info><general><ownerGroup> voirie </ownerGroup></general></info>"#;
        assert_eq!(parse(owned).unwrap().owner_group.as_deref(), Some("voirie"));
    }
}
