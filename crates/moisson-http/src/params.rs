//! Query-parameter values shared by both APIs: non-empty text and comma lists.

use moisson_model::{CmpOp, Expr, Property, Value};

use crate::Invalid;

/// The trimmed value; refused when empty.
pub fn non_empty(value: &str) -> Result<&str, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        Err(Invalid::new("must not be empty"))
    } else {
        Ok(v)
    }
}

/// A comma list (`type=dataset,series`): `property` equals any of the values. Empty
/// items are skipped; none at all, or more than `max`, is refused.
pub fn one_of(property: Property, value: &str, max: usize) -> Result<Expr, Invalid> {
    let values: Vec<Value> = value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| Value::Text(v.to_owned()))
        .collect();
    match values.len() {
        0 => Err(Invalid::new("must not be empty")),
        n if n > max => Err(Invalid(format!("{n} values; at most {max}"))),
        1 => Ok(Expr::Compare {
            property,
            op: CmpOp::Eq,
            value: values[0].clone(),
        }),
        _ => Ok(Expr::In { property, values }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_empty_trims() {
        assert_eq!(non_empty(" a b "), Ok("a b"));
        assert_eq!(non_empty(" "), Err(Invalid("must not be empty".into())));
    }

    #[test]
    fn one_of_builds_eq_or_in() {
        assert_eq!(
            one_of(Property::Type, " dataset ,", 5),
            Ok(Expr::eq(Property::Type, "dataset"))
        );
        let Ok(Expr::In { property, values }) = one_of(Property::Identifier, "a,,b", 5) else {
            panic!("expected In")
        };
        assert_eq!(
            (property, values),
            (
                Property::Identifier,
                vec![Value::Text("a".into()), Value::Text("b".into())]
            )
        );
        assert_eq!(
            one_of(Property::Type, ",", 5),
            Err(Invalid("must not be empty".into()))
        );
        assert_eq!(
            one_of(Property::Type, "a,b,c", 2),
            Err(Invalid("3 values; at most 2".into()))
        );
    }
}
