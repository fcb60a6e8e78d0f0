//! Configuration: precedence, unknown keys, interpolation, redaction, the example file.

use std::path::{Path, PathBuf};

use moisson_server::config::{Config, FauxEnv, Sources};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write config");
    path
}

fn flags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn load(
    file: Option<PathBuf>,
    env: &FauxEnv,
    flag_pairs: &[(&str, &str)],
) -> anyhow::Result<Config> {
    Config::load(&Sources {
        file,
        env,
        flags: flags(flag_pairs),
    })
}

const FILE: &str = r#"
[server]
listen = "127.0.0.1:7000"
demo = true
[database]
url = "sqlite://from-file.db"
"#;

#[test]
fn defaults_apply_without_any_source() {
    let c = load(None, &FauxEnv::default(), &[]).expect("defaults");
    assert_eq!(c.server.listen, "127.0.0.1:8080");
    assert_eq!(
        c.database.url.expose(),
        "sqlite://./moisson-data/moisson.db"
    );
    assert_eq!(c.public_url(None), "http://127.0.0.1:8080");
    assert!(!c.server.demo && c.auth.admin_token.is_none());
    assert!(
        c.harvest.scheduler,
        "the harvest scheduler is on by default"
    );
}

#[test]
fn file_then_env_then_flags() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = Some(write(dir.path(), "m.toml", FILE));
    let none = FauxEnv::default();
    let env = FauxEnv::new([
        ("MOISSON_LISTEN", "127.0.0.1:7001"),
        ("MOISSON_LOGGING__LEVEL", "debug"),
    ]);

    let c = load(file.clone(), &none, &[]).expect("file");
    assert_eq!(
        (c.server.listen.as_str(), c.server.demo),
        ("127.0.0.1:7000", true)
    );
    assert_eq!(c.database.url.expose(), "sqlite://from-file.db");

    let c = load(file.clone(), &env, &[]).expect("env");
    assert_eq!(c.server.listen, "127.0.0.1:7001", "env beats file");
    assert_eq!(c.logging.level, "debug");
    assert_eq!(
        c.database.url.expose(),
        "sqlite://from-file.db",
        "file value kept"
    );

    let c = load(file, &env, &[("server.listen", "127.0.0.1:7002")]).expect("flags");
    assert_eq!(c.server.listen, "127.0.0.1:7002", "flag beats env");
    assert_eq!(c.public_url(None), "http://127.0.0.1:7002");
}

#[test]
fn fixed_env_names_and_config_path_from_env() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "m.toml", FILE);
    let env = FauxEnv::new([
        ("MOISSON_CONFIG", path.to_str().expect("utf-8")),
        ("MOISSON_DATABASE_URL", "postgres://m:pw@db/m"),
        ("MOISSON_PUBLIC_URL", "https://catalogue.example.fr/"),
        ("MOISSON_ADMIN_TOKEN", "tok"),
        ("MOISSON_JWT_SECRET", "jwt-key"),
        ("MOISSON_AUTH__ACCESS_TTL_SECS", "60"),
        ("MOISSON_SERVER__DEMO", "false"),
        ("MOISSON_REST__REQUIRE_IF_MATCH", "true"),
        ("MOISSON_HARVEST__SCHEDULER", "false"),
    ]);
    let c = load(None, &env, &[]).expect("load");
    assert!(!c.harvest.scheduler, "scheduler off from the environment");
    assert!(
        c.rest.require_if_match,
        "If-Match required from the environment"
    );
    assert_eq!(
        c.server.listen, "127.0.0.1:7000",
        "file named by MOISSON_CONFIG"
    );
    assert_eq!(c.database.url.expose(), "postgres://m:pw@db/m");
    assert_eq!(c.public_url(None), "https://catalogue.example.fr");
    assert_eq!(c.auth.admin_token.as_deref(), Some("tok"));
    assert_eq!(c.auth.jwt_secret.as_deref(), Some("jwt-key"));
    assert_eq!(
        c.auth.access_ttl_secs, 60,
        "string env value read as a number"
    );
    assert!(!c.server.demo, "string env value read as a boolean");
}

#[test]
fn file_values_interpolate_env() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "[database]\nurl = \"postgres://m:${PGPASS}@${PGHOST:-localhost}/m\"\n";
    let file = Some(write(dir.path(), "m.toml", text));
    let c = load(file, &FauxEnv::new([("PGPASS", "pw")]), &[]).expect("load");
    assert_eq!(c.database.url.expose(), "postgres://m:pw@localhost/m");
}

#[test]
fn unknown_keys_are_errors_naming_the_key_and_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(dir.path(), "m.toml", "[server]\nlistn = \"x\"\n");
    let err = format!(
        "{:#}",
        load(Some(file.clone()), &FauxEnv::default(), &[]).expect_err("unknown")
    );
    assert!(
        err.contains("listn") && err.contains(&file.display().to_string()),
        "{err}"
    );

    let err =
        load(None, &FauxEnv::new([("MOISSON_SERVER__LISTN", "x")]), &[]).expect_err("unknown");
    assert!(
        format!("{err:#}").contains("MOISSON_SERVER__LISTN"),
        "{err:#}"
    );
}

#[test]
fn invalid_values_are_errors() {
    let env = FauxEnv::default();
    assert!(
        load(None, &env, &[("server.listen", "8080")]).is_err(),
        "no host"
    );
    assert!(load(None, &env, &[("server.public_url", "catalogue.fr")]).is_err());
    assert!(load(None, &env, &[("database.url", "mysql://x")]).is_err());
}

#[test]
fn secrets_are_redacted_in_debug_and_printed_config() {
    let env = FauxEnv::new([
        ("MOISSON_ADMIN_TOKEN", "tok-secret"),
        ("MOISSON_JWT_SECRET", "jwt-secret"),
        ("MOISSON_DATABASE_URL", "postgres://m:pw-secret@db/m"),
    ]);
    let c = load(None, &env, &[]).expect("load");
    let printed = c.to_redacted_toml().expect("toml");
    for shown in [format!("{c:?}"), printed.clone()] {
        assert!(
            !shown.contains("tok-secret")
                && !shown.contains("pw-secret")
                && !shown.contains("jwt-secret"),
            "{shown}"
        );
    }
    assert!(printed.contains("postgres://m:***@db/m"), "{printed}");
}

#[test]
fn example_file_is_valid_and_documents_every_key() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/moisson.toml");
    load(Some(example.clone()), &FauxEnv::default(), &[]).expect("example loads");
    let text = std::fs::read_to_string(&example).expect("read example");
    let mut all = Config::default();
    all.server.public_url = Some("http://x".to_owned());
    all.auth.admin_token = Some("x".to_owned());
    all.auth.jwt_secret = Some("x".to_owned());
    all.rest.profiles_dir = Some(PathBuf::from("x"));
    let value = toml::Value::try_from(&all).expect("serialise");
    for (section, table) in value.as_table().expect("table") {
        assert!(
            text.contains(&format!("[{section}]")),
            "section {section} undocumented"
        );
        for (key, value) in table.as_table().expect("section table") {
            let documented = if value.is_table() {
                text.contains(&format!("[{section}.{key}]"))
            } else {
                text.contains(&format!("{key} ="))
            };
            assert!(documented, "{section}.{key} undocumented");
        }
    }
}

#[test]
fn trusted_proxies_from_the_file_or_a_comma_list_in_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "[server]\ntrusted_proxies = [\"10.0.0.0/8\", \"::1\"]\n";
    let file = Some(write(dir.path(), "m.toml", text));
    let c = load(file.clone(), &FauxEnv::default(), &[]).expect("file");
    assert_eq!(c.server.trusted_proxies, ["10.0.0.0/8", "::1"]);
    let env = FauxEnv::new([("MOISSON_TRUSTED_PROXIES", "192.168.0.0/16, 127.0.0.1")]);
    let c = load(file, &env, &[]).expect("env");
    assert_eq!(c.server.trusted_proxies, ["192.168.0.0/16", "127.0.0.1"]);
    let bad = FauxEnv::new([("MOISSON_TRUSTED_PROXIES", "10.0.0.0/40")]);
    let err = format!("{:#}", load(None, &bad, &[]).expect_err("bad CIDR"));
    assert!(err.contains("trusted_proxies"), "{err}");
}
