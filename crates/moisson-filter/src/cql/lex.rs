//! The CQL lexer: words, quoted strings, numbers, operators and punctuation.

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(String),
    Str(String),
    Num(String),
    Op(&'static str),
    LParen,
    RParen,
    Comma,
}

pub(super) fn lex(text: &str) -> Result<Vec<(usize, Tok)>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let word_char = |c: char| c.is_alphanumeric() || "_:.-+/#".contains(c);
        let tok = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(Error::Cql {
                                position: start,
                                message: "unterminated string".to_owned(),
                            });
                        }
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            s.push('\'');
                            i += 1;
                        }
                        Some('\'') => break,
                        Some(&c) => s.push(c),
                    }
                    i += 1;
                }
                Tok::Str(s)
            }
            '<' | '>' | '=' | '!' => {
                let two: String = chars[i..chars.len().min(i + 2)].iter().collect();
                let op = ["<=", ">=", "<>", "!="].into_iter().find(|o| two == *o);
                let op = op.or_else(|| ["<", ">", "="].into_iter().find(|o| o.starts_with(c)));
                let op = op.ok_or_else(|| Error::Cql {
                    position: i,
                    message: "unexpected '!'".to_owned(),
                })?;
                i += op.len() - 1;
                Tok::Op(op)
            }
            c if c.is_alphanumeric()
                || c == '_'
                || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) =>
            {
                i += 1;
                while chars.get(i).is_some_and(|&c| word_char(c)) {
                    i += 1;
                }
                let w: String = chars[start..i].iter().collect();
                i -= 1;
                if w.parse::<f64>().is_ok() {
                    Tok::Num(w)
                } else {
                    Tok::Word(w)
                }
            }
            other => {
                return Err(Error::Cql {
                    position: i,
                    message: format!("unexpected character {other:?}"),
                });
            }
        };
        out.push((start, tok));
        i += 1;
    }
    Ok(out)
}
