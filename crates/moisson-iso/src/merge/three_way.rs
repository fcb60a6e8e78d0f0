//! The three-way merge of element trees: the original document (`o`), the writer's
//! rendering of the record before the edit (`b`, the base) and after it (`n`). Where the
//! base and the edit render the same, the original is copied byte for byte; where they
//! differ, only the differing elements are rewritten, in place, and every child of the
//! original the writer never writes (translations, unknown elements, extensions) stays.

use std::ops::Range;

use super::order;
use super::tag::{Declarations, StartTag};
use crate::ns::{GCO, GMD, GMX, SRV};
use crate::tree::Element;

/// The three texts the trees' spans point into.
pub(super) struct Texts<'a> {
    pub original: &'a str,
    pub base: &'a str,
    pub edited: &'a str,
    pub declarations: Declarations,
    pub pairing: Pairing,
    /// `(locale id, language)` of the original's and of the base's `gmd:locale`s, so
    /// that translations pair by language, not by their ids or (often equal) texts.
    pub locales: [Vec<(String, String)>; 2],
}

/// How original children are paired with rendered ones when their counts differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pairing {
    /// In order, as far as both go: keeps the most (extra `gmd:identificationInfo` or
    /// `gmd:dataQualityInfo` the reader passes over stay as they are).
    Lenient,
    /// Not at all: the original's elements of that name give way to the edited ones.
    Strict,
}

impl Texts<'_> {
    fn orig(&self, e: &Element) -> &str {
        &self.original[e.span.clone()]
    }

    fn base(&self, e: &Element) -> &str {
        &self.base[e.span.clone()]
    }

    fn edited(&self, e: &Element) -> &str {
        &self.edited[e.span.clone()]
    }
}

/// Appends the merged form of `o`, whose rendering went from `b` to `n`.
pub(super) fn element(t: &Texts<'_>, o: &Element, b: &Element, n: &Element, out: &mut String) {
    if t.base(b) == t.edited(n) {
        out.push_str(t.orig(o));
        return;
    }
    let raw = t.orig(o);
    let tag = StartTag::scan(raw);
    if b.attrs_equal(n) {
        out.push_str(raw[..tag.len].trim_end_matches('>').trim_end_matches('/'));
    } else {
        out.push_str(&tag.rewritten(&b.attrs, &n.attrs, &t.declarations));
    }
    let content = if b.children.is_empty() && n.children.is_empty() {
        inner(t.edited, n).to_owned()
    } else {
        let start = o.span.start + tag.len;
        let inner = start..start + inner(t.original, o).len();
        children(t, o, b, n, inner)
    };
    if content.is_empty() {
        out.push_str("/>");
    } else {
        out.push('>');
        out.push_str(&content);
        out.push_str(&format!("</{}>", tag.name));
    }
}

/// The text between an element's start and end tags (empty for `<a/>`).
fn inner<'t>(text: &'t str, e: &Element) -> &'t str {
    let raw = &text[e.span.clone()];
    let tag = StartTag::scan(raw);
    if tag.self_closing {
        return "";
    }
    let end = raw.rfind("</").unwrap_or(raw.len());
    &raw[tag.len..end]
}

/// What becomes of one child of the original.
#[derive(Clone, Copy)]
enum Fate<'e> {
    /// The writer never wrote it: copied as it is.
    Kept,
    /// Rendered as `b` before and `n` now: merged.
    Merged(&'e Element, &'e Element),
    /// Rendered before, no longer: removed.
    Removed,
    /// Kept without the descendants that say the edited field otherwise (the formats of
    /// a `gmd:distributor` when the formats are rewritten).
    Pruned(&'static [&'static str]),
}

/// Where the reader also finds a field the writer writes as `ns:local`: under another
/// child of the same parent, at a path of gmd names. When such a field is rewritten
/// whole, these go too.
const ELSEWHERE: [(&str, &str, &[&str]); 2] = [
    (
        "distributionFormat",
        "distributor",
        &["MD_Distributor", "distributorFormat"],
    ),
    (
        "transferOptions",
        "distributor",
        &["MD_Distributor", "distributorTransferOptions"],
    ),
];

/// The merged content of `o`: its children in their order, each kept, merged or removed,
/// and the edit's new children inserted after the original child the edit puts before them.
fn children(t: &Texts<'_>, o: &Element, b: &Element, n: &Element, inner: Range<usize>) -> String {
    let plan = Plan::of(t, o, b, n);
    let (inner_start, inner_end) = (inner.start, inner.end);
    let mut out = String::new();
    let mut cursor = inner_start;
    let indent = indentation(t.original, o, inner_start);
    let insert = |out: &mut String, fragments: &[&Element]| {
        for f in fragments {
            out.push('\n');
            out.push_str(&indent);
            let text = reindented(t.edited, f, &indent);
            out.push_str(&t.declarations.fragment(&text));
        }
    };
    for (i, child) in o.children.iter().enumerate() {
        insert(&mut out, &plan.before[i]);
        let gap = &t.original[cursor..child.span.start];
        match plan.fates[i] {
            Fate::Kept => {
                out.push_str(gap);
                out.push_str(t.orig(child));
            }
            Fate::Merged(cb, cn) => {
                out.push_str(gap);
                element(t, child, cb, cn, &mut out);
            }
            // The whitespace before a removed child goes with it.
            Fate::Removed => {}
            Fate::Pruned(path) => {
                out.push_str(gap);
                out.push_str(&pruned(t.original, child, path));
            }
        }
        cursor = child.span.end;
    }
    insert(&mut out, &plan.at_end);
    if cursor < inner_end {
        out.push_str(&t.original[cursor..inner_end]);
    } else if !plan.at_end.is_empty() || plan.before.iter().any(|a| !a.is_empty()) {
        // A formerly empty element: close it on its own line.
        out.push('\n');
    }
    out
}

/// Whether the original also says the field written as `ns:local` elsewhere (`ELSEWHERE`).
fn said_elsewhere(o: &Element, ns: &str, local: &str) -> bool {
    ELSEWHERE.iter().any(|(field, holder, path)| {
        ns == GMD
            && local == *field
            && o.children(GMD, holder).any(|h| {
                path.iter()
                    .try_fold(vec![h], |level, name| {
                        let next: Vec<&Element> =
                            level.iter().flat_map(|l| l.children(GMD, name)).collect();
                        (!next.is_empty()).then_some(next)
                    })
                    .is_some()
            })
    })
}

/// The original text of `e` without its descendants at `path` (gmd names), each with
/// the whitespace before it.
fn pruned(original: &str, e: &Element, path: &[&str]) -> String {
    let mut cut: Vec<Range<usize>> = Vec::new();
    let mut level = vec![e];
    for (depth, name) in path.iter().enumerate() {
        let next: Vec<&Element> = level.iter().flat_map(|l| l.children(GMD, name)).collect();
        if depth + 1 == path.len() {
            cut.extend(next.iter().map(|c| {
                let start = original[..c.span.start].trim_end().len();
                start..c.span.end
            }));
        }
        level = next;
    }
    let mut out = String::new();
    let mut cursor = e.span.start;
    for range in cut {
        out.push_str(&original[cursor..range.start]);
        cursor = range.end;
    }
    out.push_str(&original[cursor..e.span.end]);
    out
}

/// The writer's text of `f`, its lines indented under `indent` instead of the writer's
/// own indentation.
fn reindented(edited: &str, f: &Element, indent: &str) -> String {
    let line_start = edited[..f.span.start].rfind('\n').map_or(0, |i| i + 1);
    let own = &edited[line_start..f.span.start];
    edited[f.span.clone()]
        .split('\n')
        .enumerate()
        .map(|(i, line)| match line.strip_prefix(own) {
            // Lines of markup only: a line going on with a text keeps its spaces.
            Some(rest) if i > 0 && rest.trim_start().starts_with('<') => format!("{indent}{rest}"),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The indentation of `o`'s children in the original (of its first child, else two spaces
/// more than its own line).
fn indentation(original: &str, o: &Element, inner_start: usize) -> String {
    let line_indent = |pos: usize| {
        let line_start = original[..pos].rfind('\n').map_or(0, |i| i + 1);
        original[line_start..pos]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect::<String>()
    };
    match o.children.first() {
        Some(first) if first.span.start >= inner_start => line_indent(first.span.start),
        _ => format!("{}  ", line_indent(o.span.start)),
    }
}

/// Which original child each base and edited child corresponds to.
struct Plan<'e> {
    fates: Vec<Fate<'e>>,
    /// New children to insert before each original child.
    before: Vec<Vec<&'e Element>>,
    at_end: Vec<&'e Element>,
}

impl<'e> Plan<'e> {
    fn of(t: &Texts<'_>, o: &'e Element, b: &'e Element, n: &'e Element) -> Self {
        let mut plan = Plan {
            fates: vec![Fate::Kept; o.children.len()],
            before: vec![Vec::new(); o.children.len()],
            at_end: Vec::new(),
        };
        // Where each edited child stands in the original, if it does.
        let mut placed: Vec<Option<usize>> = vec![None; n.children.len()];
        let mut keys: Vec<(&str, &str)> = Vec::new();
        for c in b.children.iter().chain(&n.children) {
            let key = (c.ns.as_str(), c.local.as_str());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        for (ns, local) in keys {
            let based: Vec<&Element> = b.children.iter().filter(|c| c.is(ns, local)).collect();
            let edited: Vec<(usize, &Element)> = n
                .children
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is(ns, local))
                .collect();
            let unchanged = based.len() == edited.len()
                && based
                    .iter()
                    .zip(&edited)
                    .all(|(bc, (_, nc))| t.base(bc) == t.edited(nc));
            if unchanged {
                continue;
            }
            if based.is_empty() {
                // Placeholders read as nothing (`<gco:CharacterString/>`) give way to the
                // value now written; a bare reference (`xlink:href`) stays.
                for (oi, c) in o.children.iter().enumerate() {
                    if c.is(ns, local) && is_blank(c) {
                        plan.fates[oi] = Fate::Removed;
                    }
                }
            }
            let pairs = aligned(t, o, b, ns, local);
            // Strictly, an original that holds more (or fewer) of them than were read,
            // or says them elsewhere too, gives way whole.
            let strict = t.pairing == Pairing::Strict;
            let held = o
                .children
                .iter()
                .filter(|c| matches_key(o, b, c, ns, local) && !c.is_empty())
                .count();
            let irregular = strict && (held != based.len() || said_elsewhere(o, ns, local));
            if pairs.len() == based.len() && !irregular {
                // One original element per rendered one: each merged in place.
                for &(oi, k) in &pairs {
                    let bc = based[k];
                    match edited.get(k) {
                        // Another form of the value whose attributes change: replaced.
                        Some(&(_, nc)) if !o.children[oi].is(ns, local) && !bc.attrs_equal(nc) => {
                            plan.fates[oi] = Fate::Removed;
                        }
                        Some(&(ni, nc)) => {
                            plan.fates[oi] = Fate::Merged(bc, nc);
                            placed[ni] = Some(oi);
                        }
                        None => plan.fates[oi] = Fate::Removed,
                    }
                }
            } else {
                // The original says it otherwise (one EX_Extent for a box and a period,
                // say): its elements of that name give way to the edited ones.
                for (oi, c) in o.children.iter().enumerate() {
                    if matches_key(o, b, c, ns, local) && !c.is_empty() {
                        plan.fates[oi] = Fate::Removed;
                    }
                    for (field, holder, path) in ELSEWHERE {
                        if ns == GMD && local == field && c.is(GMD, holder) {
                            plan.fates[oi] = Fate::Pruned(path);
                        }
                    }
                }
            }
        }
        let mut anchor: Option<usize> = None;
        for (ni, nc) in n.children.iter().enumerate() {
            match placed[ni] {
                Some(oi) => anchor = Some(oi),
                None if is_unchanged_in_place(t, o, b, n, ni) => {
                    anchor = original_of(t, o, b, n, ni).or(anchor);
                }
                None => match place(o, n, nc, anchor) {
                    Some(i) => plan.before[i].push(nc),
                    None => plan.at_end.push(nc),
                },
            }
        }
        plan
    }
}

/// The original child a new child `nc` goes before (`None`: at the end): the first whose
/// schema rank is higher, else the one after the original child of the edited sibling
/// before it (`anchor`).
fn place(o: &Element, n: &Element, nc: &Element, anchor: Option<usize>) -> Option<usize> {
    match order::rank(&n.local, &nc.local) {
        Some(r) => o
            .children
            .iter()
            .position(|c| order::rank(&n.local, &c.local).is_some_and(|cr| cr > r)),
        None => {
            let next = anchor.map_or(0, |a| a + 1);
            (next < o.children.len()).then_some(next)
        }
    }
}

/// Whether the edited child `ni` renders as before, and so needs no insertion (the
/// original keeps it, or says it in its own way).
fn is_unchanged_in_place(t: &Texts<'_>, o: &Element, b: &Element, n: &Element, ni: usize) -> bool {
    let nc = &n.children[ni];
    let k = n.children[..ni]
        .iter()
        .filter(|c| c.is(&nc.ns, &nc.local))
        .count();
    let based: Vec<&Element> = b
        .children
        .iter()
        .filter(|c| c.is(&nc.ns, &nc.local))
        .collect();
    let edited = n
        .children
        .iter()
        .filter(|c| c.is(&nc.ns, &nc.local))
        .count();
    let _ = o;
    edited == based.len()
        && based
            .iter()
            .zip(n.children.iter().filter(|c| c.is(&nc.ns, &nc.local)))
            .all(|(bc, ec)| t.base(bc) == t.edited(ec))
        && k < based.len()
}

/// The original child standing for the edited child `ni` when its kind is unchanged.
fn original_of(t: &Texts<'_>, o: &Element, b: &Element, n: &Element, ni: usize) -> Option<usize> {
    let nc = &n.children[ni];
    let k = n.children[..ni]
        .iter()
        .filter(|c| c.is(&nc.ns, &nc.local))
        .count();
    aligned(t, o, b, &nc.ns, &nc.local)
        .into_iter()
        .find(|&(_, bk)| bk == k)
        .map(|(oi, _)| oi)
}

/// Whether an original child stands for the rendered children named `ns:local`: by name,
/// or as the only object of a property whose rendered object has that name, when it is
/// a profile's subtype (`che:CHE_MD_DataIdentification` for `gmd:MD_DataIdentification`)
/// or another ISO type in its place (`gmx:Anchor` for `gco:CharacterString`,
/// `gmd:RS_Identifier` for `gmd:MD_Identifier`): a property holds one object.
fn matches_key(o: &Element, b: &Element, c: &Element, ns: &str, local: &str) -> bool {
    if c.is(ns, local) {
        return true;
    }
    let [only] = b.children.as_slice() else {
        return false;
    };
    o.children.len() == 1
        && only.is(ns, local)
        && (c.local.ends_with(&format!("_{local}")) || (is_iso(c) && is_iso(only)))
}

/// An element of the ISO 19139 namespaces (not of a profile's).
fn is_iso(e: &Element) -> bool {
    [GMD, GCO, GMX, SRV].contains(&e.ns.as_str())
}

/// The original children named `ns:local` paired with the base's (as `(original index,
/// base index)`): each base element with the first free original that has all its texts
/// (the writer may order them otherwise, a box before a period), the rest in order. When
/// the counts differ (the reader skipped some, e.g. a bare `xlink:href` contact), empty
/// originals are left out of the pairing, and so kept.
fn aligned(t: &Texts<'_>, o: &Element, b: &Element, ns: &str, local: &str) -> Vec<(usize, usize)> {
    let mut originals: Vec<usize> = o
        .children
        .iter()
        .enumerate()
        .filter(|(_, c)| matches_key(o, b, c, ns, local))
        .map(|(i, _)| i)
        .collect();
    let based: Vec<&Element> = b.children.iter().filter(|c| c.is(ns, local)).collect();
    if originals.len() != based.len() {
        originals.retain(|&i| !o.children[i].is_empty());
    }
    if originals.len() != based.len() && t.pairing == Pairing::Strict {
        // Grouped otherwise than the writer groups them: no one-to-one pairing.
        return Vec::new();
    }
    let texts: Vec<Vec<&str>> = originals
        .iter()
        .map(|&i| texts_of(&o.children[i], &t.locales[0]))
        .collect();
    let mut free: Vec<bool> = vec![true; originals.len()];
    let mut pairs: Vec<Option<usize>> = vec![None; based.len()];
    for (k, bc) in based.iter().enumerate() {
        let wanted = texts_of(bc, &t.locales[1]);
        let found =
            (0..originals.len()).find(|&j| free[j] && wanted.iter().all(|w| texts[j].contains(w)));
        if let Some(j) = found {
            free[j] = false;
            pairs[k] = Some(j);
        }
    }
    let mut rest = (0..originals.len()).filter(|&j| free[j]);
    pairs
        .into_iter()
        .enumerate()
        .filter_map(|(k, p)| p.or_else(|| rest.next()).map(|j| (originals[j], k)))
        .collect()
}

/// No text and no attribute but `gco:nilReason`, all the way down.
fn is_blank(e: &Element) -> bool {
    e.trimmed().is_none()
        && e.attrs
            .iter()
            .all(|a| a.ns == GCO && a.local == "nilReason")
        && e.children.iter().all(is_blank)
}

/// Every non-empty text below an element, and the language of every `locale`.
fn texts_of<'e>(e: &'e Element, locales: &'e [(String, String)]) -> Vec<&'e str> {
    let mut out: Vec<&str> = e.trimmed().into_iter().collect();
    if let Some(id) = e.attr("", "locale") {
        let id = id.trim().trim_start_matches('#');
        let language = locales
            .iter()
            .find(|(l, _)| l == id)
            .map_or(id, |(_, lang)| lang);
        out.push(language);
    }
    for c in &e.children {
        out.extend(texts_of(c, locales));
    }
    out
}
