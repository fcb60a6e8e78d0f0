//! "The same answer" of `RULES.md`: the expected file and the server's answer, compared
//! on what a client reads of them.

use std::collections::BTreeSet;

use crate::answer::{Answer, Named, read};
use crate::suite::{Request, Suite};

/// What of the request the comparison needs.
#[derive(Debug, Default)]
pub struct Asked {
    /// The local name of the first sort property (`title` of `dc:title`) and its order.
    pub sort: Option<(String, bool)>,
    /// A Transaction or a Harvest.
    pub write: bool,
    /// DescribeRecord naming no TypeName: a server may describe more.
    pub describe_all: bool,
}

impl Asked {
    pub fn of(request: &Request) -> Self {
        match request {
            Request::Post(body) => Self::post(&String::from_utf8_lossy(body)),
            Request::Get(query) => Self::get(query),
        }
    }

    fn post(body: &str) -> Self {
        let Ok(doc) = moisson_filter::xml::parse(body) else {
            return Self::default();
        };
        let sort = find(&doc, "SortProperty").map(|p| {
            let name = p.child_text("PropertyName").unwrap_or_default();
            let descending = p
                .child_text("SortOrder")
                .is_some_and(|o| o.eq_ignore_ascii_case("DESC"));
            (local(name), descending)
        });
        Self {
            sort,
            write: find(&doc, "Transaction").is_some() || find(&doc, "Harvest").is_some(),
            describe_all: doc.local == "DescribeRecord" && doc.child("TypeName").is_none(),
        }
    }

    fn get(query: &str) -> Self {
        let params: Vec<(String, String)> = form_pairs(query);
        let param = |key: &str| {
            params
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.as_str())
        };
        let sort = param("sortby").and_then(|s| s.split(',').next()).map(|s| {
            let (name, order) = s.rsplit_once(':').unwrap_or((s, "A"));
            (local(name), order.eq_ignore_ascii_case("D"))
        });
        let request = param("request").unwrap_or_default();
        Self {
            sort,
            write: ["Transaction", "Harvest"]
                .iter()
                .any(|w| request.eq_ignore_ascii_case(w)),
            describe_all: request.eq_ignore_ascii_case("DescribeRecord")
                && param("typename").is_none(),
        }
    }
}

fn form_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), percent_decode(v)))
        .collect()
}

fn percent_decode(v: &str) -> String {
    percent_encoding::percent_decode_str(&v.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

fn find<'a>(
    el: &'a moisson_filter::xml::Element,
    name: &str,
) -> Option<&'a moisson_filter::xml::Element> {
    if el.local == name {
        return Some(el);
    }
    el.children.iter().find_map(|c| find(c, name))
}

fn local(name: &str) -> String {
    name.trim()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// `Ok` when the answer is the expected one; else what differs.
pub fn same(
    suite: &Suite,
    asked: &Asked,
    expected: &str,
    status: u16,
    actual: &str,
) -> Result<(), String> {
    let sort = asked.sort.as_ref().map(|(p, _)| p.as_str());
    let (want_root, want) = read(expected, sort).map_err(|e| format!("expected file: {e}"))?;
    let (got_root, got) = read(actual, sort).map_err(|e| format!("answer: {e}"))?;
    // Transactions off in pycsw (or its check of the body); here the anonymous writer is
    // refused first.
    if matches!(want, Answer::Exception { .. })
        && asked.write
        && !suite.transactions
        && refused_writer(&got, status)
    {
        return Ok(());
    }
    if want_root != got_root {
        return Err(format!(
            "root {got_root} ({got:?}), expected {want_root} ({want:?})"
        ));
    }
    match (&want, &got) {
        (
            Answer::Exception { code, locator },
            Answer::Exception {
                code: got_code,
                locator: got_locator,
            },
        ) => exception(code, locator.as_deref(), got_code, got_locator.as_deref()),
        (Answer::Records { .. }, Answer::Records { .. }) => records(asked, &want, &got),
        (Answer::Describe(want), Answer::Describe(got)) if asked.describe_all => {
            if want.is_subset(got) {
                Ok(())
            } else {
                Err(format!("namespaces {got:?}, expected at least {want:?}"))
            }
        }
        _ if want == got => Ok(()),
        _ => Err(format!("{got:?}, expected {want:?}")),
    }
}

fn refused_writer(got: &Answer, status: u16) -> bool {
    matches!(got, Answer::Exception { code, .. } if code == "NoApplicableCode" || code == "OperationNotSupported")
        && matches!(status, 401 | 403 | 501)
}

fn exception(
    code: &str,
    locator: Option<&str>,
    got_code: &str,
    got_locator: Option<&str>,
) -> Result<(), String> {
    let locator_ok = match (locator, got_locator) {
        (None, _) => true,
        (Some(_), None) => code == "NoApplicableCode",
        (Some(want), Some(got)) => want == got || (want == "service" && got == "constraint"),
    };
    if code == got_code && locator_ok {
        Ok(())
    } else {
        Err(format!(
            "exception {got_code} locator {got_locator:?}, expected {code} locator {locator:?}"
        ))
    }
}

fn records(asked: &Asked, want: &Answer, got: &Answer) -> Result<(), String> {
    let (
        Answer::Records {
            matched,
            returned,
            next,
            records: want_records,
            keys: want_keys,
        },
        Answer::Records {
            matched: got_matched,
            returned: got_returned,
            next: got_next,
            records: got_records,
            keys: got_keys,
        },
    ) = (want, got)
    else {
        unreachable!("both are GetRecords answers")
    };
    if (matched, returned, next) != (got_matched, got_returned, got_next) {
        return Err(format!(
            "matched/returned/next {got_matched}/{got_returned}/{got_next}, expected {matched}/{returned}/{next}"
        ));
    }
    let as_set = |r: &[Named]| r.iter().cloned().collect::<BTreeSet<_>>();
    // Records with equal keys may come in any order, so the page may end inside a run of
    // equal keys with other members of it (a record without the property sorts as empty).
    let same_set = as_set(want_records) == as_set(got_records)
        || (asked.sort.is_some()
            && same_but_last_run(want_records, want_keys, got_records, got_keys));
    let ordered = match &asked.sort {
        // A box has no text to compare: its order must be pycsw's.
        Some((property, _)) if property == "BoundingBox" => want_records == got_records,
        // Text collated by code point or without case and accents.
        Some((_, descending)) => {
            let keys: Vec<&str> = got_keys
                .iter()
                .map(|k| k.as_deref().unwrap_or(""))
                .collect();
            sorted(&keys, *descending, |s| s.to_owned()) || sorted(&keys, *descending, fold)
        }
        // Without a SortBy a whole answer is a set; a page of it follows the load order.
        None => returned == matched || want_records == got_records,
    };
    if same_set && ordered {
        Ok(())
    } else {
        Err(format!(
            "records {got_records:?} (keys {got_keys:?}), expected {want_records:?}"
        ))
    }
}

/// Same keys in the same order, and the same records but in the last run of equal keys.
fn same_but_last_run(
    want: &[Named],
    want_keys: &[Option<String>],
    got: &[Named],
    got_keys: &[Option<String>],
) -> bool {
    let key = |k: &Option<String>| k.clone().unwrap_or_default();
    if want_keys.iter().map(key).ne(got_keys.iter().map(key)) {
        return false;
    }
    let Some(last) = want_keys.last().map(key) else {
        return true;
    };
    let before_last = |records: &[Named], keys: &[Option<String>]| {
        records
            .iter()
            .zip(keys)
            .filter(|(_, k)| key(k) != last)
            .map(|(r, _)| r.clone())
            .collect::<BTreeSet<_>>()
    };
    before_last(want, want_keys) == before_last(got, got_keys)
}

fn sorted(keys: &[&str], descending: bool, collate: impl Fn(&str) -> String) -> bool {
    keys.windows(2).all(|w| {
        let (a, b) = (collate(w[0]), collate(w[1]));
        if descending { a >= b } else { a <= b }
    })
}

/// Lower case without the accents of Latin letters.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// A sorted page that differs from pycsw's only by collation: the runner rebuilds both
/// pages from every matching record (`all`, the server's whole sorted answer, keys
/// included). `Ok` when pycsw's page is the code-point page of those records and the
/// answer is their accent- and case-folded page.
pub fn same_page_under_collation(
    asked: &Asked,
    expected: &str,
    actual: &str,
    all: &[String],
    start: usize,
) -> Result<(), String> {
    let Some((property, descending)) = &asked.sort else {
        return Err("no SortBy".to_owned());
    };
    let records = |text: &str| match read(text, Some(property)) {
        Ok((
            _,
            Answer::Records {
                matched,
                records,
                keys,
                ..
            },
        )) => Ok((matched, records, keys)),
        other => Err(format!("not a GetRecords answer: {other:?}")),
    };
    let (want_matched, want, _) = records(expected)?;
    let (got_matched, got, _) = records(actual)?;
    let (mut every, mut keys) = (Vec::new(), Vec::new());
    for page in all {
        let (_, records, page_keys) = records(page)?;
        every.extend(records);
        keys.extend(page_keys);
    }
    if want_matched != got_matched || want.len() != got.len() {
        return Err("counts differ".to_owned());
    }
    // A record without the property sorts as an empty value.
    let keyed: Vec<(String, Named)> = keys
        .into_iter()
        .map(Option::unwrap_or_default)
        .zip(every)
        .collect();
    let page = |collate: &dyn Fn(&str) -> String| {
        let mut sorted: Vec<&(String, Named)> = keyed.iter().collect();
        sorted.sort_by(|a, b| {
            let order = collate(&a.0).cmp(&collate(&b.0));
            let order = if *descending { order.reverse() } else { order };
            order.then_with(|| a.1.1.cmp(&b.1.1))
        });
        let page: Vec<&(String, Named)> = sorted
            .into_iter()
            .skip(start.saturating_sub(1))
            .take(want.len())
            .collect();
        let records: Vec<Named> = page.iter().map(|(_, r)| r.clone()).collect();
        let keys: Vec<Option<String>> = page.iter().map(|(k, _)| Some(k.clone())).collect();
        (records, keys)
    };
    // Equal keys may come in any order, so the page may end inside a run of them.
    let same_page = |(records, keys): (Vec<Named>, Vec<Option<String>>), other: &[Named]| {
        let other_keys: Vec<Option<String>> = other
            .iter()
            .map(|r| {
                keyed
                    .iter()
                    .find(|(_, k)| k == r)
                    .map(|(key, _)| key.clone())
            })
            .collect();
        same_but_last_run(&records, &keys, other, &other_keys)
    };
    if same_page(page(&|s: &str| s.to_owned()), &want) && same_page(page(&fold), &got) {
        Ok(())
    } else {
        Err("not the same page under either collation".to_owned())
    }
}
