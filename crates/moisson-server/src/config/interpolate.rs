//! `${VAR}` and `${VAR:-default}` in the configuration file, replaced from the
//! environment before the TOML is parsed; `$${` writes a literal `${`. Comments
//! (`#` outside a string, to the end of the line) are left alone.

use anyhow::bail;

use super::Env;

/// Replaces every `${VAR}` / `${VAR:-default}` outside comments; an unset variable
/// without default is an error naming the line.
pub fn interpolate(text: &str, env: &dyn Env) -> anyhow::Result<String> {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let (code, comment) = line.split_at(comment_start(line));
        let code = interpolate_code(code, env).map_err(|e| e.context(format!("line {}", n + 1)))?;
        out.push_str(&code);
        out.push_str(comment);
    }
    Ok(out)
}

/// Byte offset of the `#` starting a comment, or the line length.
fn comment_start(line: &str) -> usize {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return i,
            _ => {}
        }
        escaped = false;
    }
    line.len()
}

fn interpolate_code(text: &str, env: &dyn Env) -> anyhow::Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        if rest[..start].ends_with('$') {
            out.push_str(&rest[..start - 1]);
            out.push_str("${");
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            bail!("unterminated ${{");
        };
        let expr = &rest[start + 2..start + len];
        let (name, default) = match expr.split_once(":-") {
            Some((name, default)) => (name, Some(default)),
            None => (expr, None),
        };
        match (env.var(name), default) {
            (Some(value), _) => out.push_str(&value),
            (None, Some(default)) => out.push_str(default),
            (None, None) => {
                bail!("environment variable {name} is not set (write ${{{name}:-default}})")
            }
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FauxEnv;

    #[test]
    fn replaces_variables_and_defaults() {
        let env = FauxEnv::new([("PGPASS", "pw")]);
        let got = interpolate("a = \"${PGPASS}\" b = \"${NOPE:-x}\" c = \"$${LIT}\"", &env);
        assert_eq!(got.expect("ok"), "a = \"pw\" b = \"x\" c = \"${LIT}\"");
    }

    #[test]
    fn comments_are_not_interpolated() {
        let text = "# ${NOPE}\nurl = \"a#${X}\" # ${NOPE}\n";
        let env = FauxEnv::new([("X", "1")]);
        assert_eq!(
            interpolate(text, &env).expect("ok"),
            "# ${NOPE}\nurl = \"a#1\" # ${NOPE}\n"
        );
    }

    #[test]
    fn unset_variable_without_default_is_an_error() {
        let err = interpolate("${NOPE}", &FauxEnv::default()).expect_err("unset");
        assert!(
            format!("{err:#}").contains("line 1: environment variable NOPE"),
            "{err:#}"
        );
    }
}
