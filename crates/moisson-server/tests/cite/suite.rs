//! A suite of `tests/data/csw-suites` (pycsw's OGC CITE-based CSW 2.0.2 suites): its
//! configuration, its records and its cases, in the order `RULES.md` runs them.

use std::path::{Path, PathBuf};

/// The folder of every suite.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/csw-suites")
}

/// What a suite's `default.yml` says that changes the answers.
#[derive(Debug, Clone)]
pub struct Suite {
    pub dir: PathBuf,
    /// `server.maxrecords`: the most records a page holds, whatever the request asks.
    pub max_records: Option<u32>,
    /// `manager.transactions`: Transaction and Harvest are allowed (the runner signs in).
    pub transactions: bool,
    /// `repository.filter`: a restriction on every read (pycsw's syntax, `type = '…'`).
    pub repository_filter: Option<String>,
}

/// How a case is sent.
#[derive(Debug, Clone)]
pub enum Request {
    /// The body of a POST, as bytes.
    Post(Vec<u8>),
    /// The query string of a GET, sent as written.
    Get(String),
}

/// One request and the answer pycsw gave.
#[derive(Debug, Clone)]
pub struct Case {
    /// `post_<name>` or `get_<name>`, as in the expected file's name.
    pub name: String,
    pub request: Request,
    pub expected: String,
}

impl Suite {
    pub fn load(name: &str) -> Self {
        let dir = root().join(name);
        let yml = read(&dir.join("default.yml"));
        Self {
            max_records: setting(&yml, "maxrecords").and_then(|v| v.parse().ok()),
            transactions: setting(&yml, "transactions").as_deref() == Some("true"),
            repository_filter: setting(&yml, "filter").map(|f| f.trim_matches('"').to_owned()),
            dir,
        }
    }

    /// The folder whose `*.xml` files are the suite's records: its own `data/`, else the
    /// folder of the database its `repository.database` names (`cite/data` mostly; the
    /// `manager` suite names a database of its own that starts empty).
    pub fn data_dir(&self) -> Option<PathBuf> {
        let own = self.dir.join("data");
        if own.is_dir() {
            return Some(own);
        }
        let database = setting(&read(&self.dir.join("default.yml")), "database")?;
        let suite = database.split("/suites/").nth(1)?.split('/').next()?;
        Some(root().join(suite).join("data")).filter(|d| d.is_dir())
    }

    /// POST cases in alphabetical order, then GET cases in file order.
    pub fn cases(&self) -> Vec<Case> {
        let mut cases = Vec::new();
        let mut posts: Vec<PathBuf> = list(&self.dir.join("post"));
        posts.sort();
        for path in posts {
            let stem = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            let name = format!("post_{stem}");
            cases.push(Case {
                expected: self.expected(&name),
                request: Request::Post(std::fs::read(&path).expect("read post case")),
                name,
            });
        }
        let get = self.dir.join("get/requests.txt");
        if get.exists() {
            for line in read(&get).lines().filter(|l| !l.trim().is_empty()) {
                let (stem, query) = line.split_once(',').expect("`name,query` line");
                let name = format!("get_{stem}");
                cases.push(Case {
                    expected: self.expected(&name),
                    request: Request::Get(query.to_owned()),
                    name,
                });
            }
        }
        cases
    }

    fn expected(&self, name: &str) -> String {
        read(&self.dir.join("expected").join(format!("{name}.xml")))
    }
}

/// Every `*.xml` under `dir`, in sorted path order (the suite's load order).
pub fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for path in list(&d) {
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn list(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.expect("dir entry").path()).collect(),
        Err(_) => Vec::new(),
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The value of the first uncommented `key: value` line (the YAML files are flat enough).
fn setting(yml: &str, key: &str) -> Option<String> {
    yml.lines().find_map(|line| {
        let line = line.trim();
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        Some(value.trim().to_owned()).filter(|v| !v.is_empty())
    })
}
