//! The institution's rules: TOML text in, a validated, immutable [`Rules`] out.
//!
//! Loading is strict and complete: unknown keys, wrong types, a bad lead time, an
//! unknown time zone, a non-https URL, an empty menu path, fee rules that leave a
//! duty × cause pair uncovered or cover it twice — every problem is collected and
//! reported with its line and column. No I/O here: the caller supplies the text and
//! a name for it (a path, or "embedded default").
//!
//! - `model`: the validated types and their lookups;
//! - `read`: the TOML document → [`Rules`], section by section;
//! - `schema`: the walker that type-checks keys and records problems with spans.
//!
//! The embedded default goes through the same [`Rules::parse`] as every other file, at
//! build time: `build.rs` compiles this module, validates `rules.toml` (a broken default
//! fails the build) and stores the result in a compact form that
//! [`Rules::embedded`](crate::embedded) reads at start-up without parsing TOML.

mod model;
mod read;
mod schema;

use std::fmt;
use std::ops::Range;

use toml::de::DeTable;

pub use model::*;
use schema::{Section, Walker};

/// The rules compiled into the binary: the repository's `rules.toml`.
pub const EMBEDDED: &str = include_str!("../../rules.toml");

/// How messages name the embedded rules.
pub const EMBEDDED_ORIGIN: &str = "embedded default rules";

/// One problem in a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The same in Turkish: `rules check --lang tr` shows it.
    pub message_tr: String,
}

/// Every problem found in one rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    /// The file's path, or "embedded default rules".
    pub origin: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}:{}: {}", self.origin, p.line, p.column, p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for RulesError {}

/// The TOML parser's commonest messages, by how they start, in Turkish; the rest get
/// the plain "cannot be read as TOML here".
const SYNTAX_GIST_TR: &[(&str, &str)] = &[
    (
        "unclosed table",
        "tablo başlığının köşeli ayracı kapanmamış",
    ),
    (
        "unclosed array table",
        "tablo dizisi başlığının köşeli ayraçları kapanmamış",
    ),
    ("unclosed array", "dizinin köşeli ayracı kapanmamış"),
    (
        "unclosed inline table",
        "satır içi tablonun süslü ayracı kapanmamış",
    ),
    ("duplicate key", "aynı anahtar iki kez yazılmış"),
    (
        "invalid basic string",
        "tırnak içindeki metin hatalı ya da kapanmamış",
    ),
    (
        "invalid literal string",
        "tek tırnak içindeki metin hatalı ya da kapanmamış",
    ),
    ("invalid string", "metin hatalı"),
    ("missing value", "değer eksik"),
    ("missing assignment", "anahtardan sonra = eksik"),
    (
        "missing comma between array elements",
        "dizi öğeleri arasında virgül eksik",
    ),
    ("extra comma", "fazladan virgül var"),
    ("invalid key", "anahtar adı hatalı"),
    ("invalid unquoted key", "tırnaksız anahtar adı hatalı"),
    ("invalid table", "tablo başlığı hatalı"),
    ("invalid integer", "tam sayı hatalı"),
    ("invalid float", "ondalık sayı hatalı"),
    (
        "invalid boolean",
        "doğru/yanlış değeri true ya da false olmalı",
    ),
    (
        "string values must be quoted",
        "metin değerleri tırnak içinde yazılmalı",
    ),
    ("unquoted keys cannot be empty", "anahtar adı boş olamaz"),
    ("invalid date-time", "tarih-saat hatalı"),
    ("unexpected content", "beklenmeyen içerik"),
    ("unexpected key or value", "beklenmeyen anahtar ya da değer"),
];

/// A TOML syntax error in Turkish: our own sentence, with the parser's English detail
/// kept in quotes (as a string literal, `\"` inside) for whoever searches for it.
fn syntax_tr(detail: &str) -> String {
    let detail: Vec<&str> = detail
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let detail = detail.join("; ");
    let gist = SYNTAX_GIST_TR
        .iter()
        .filter(|(en, _)| detail.starts_with(en))
        .max_by_key(|(en, _)| en.len())
        .map_or("dosya bu noktada TOML olarak okunamıyor", |(_, tr)| tr);
    format!(
        "TOML sözdizimi hatası: {gist} (ayrıştırıcının iletisi: \"{}\")",
        detail.replace('"', "\\\"")
    )
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl Rules {
    /// Parses and validates a rules file. `origin` names it in messages.
    ///
    /// # Errors
    /// [`RulesError`] listing every problem, each with line and column.
    pub fn parse(text: &str, origin: &str) -> Result<Rules, RulesError> {
        let locate = |spans: Vec<(Range<usize>, String, String)>| RulesError {
            origin: origin.to_owned(),
            problems: spans
                .into_iter()
                .map(|(span, message, message_tr)| {
                    let (line, column) = line_column(text, span.start);
                    Problem {
                        line,
                        column,
                        message,
                        message_tr,
                    }
                })
                .collect(),
        };
        let (document, syntax) = DeTable::parse_recoverable(text);
        if !syntax.is_empty() {
            return Err(locate(
                syntax
                    .into_iter()
                    .map(|e| {
                        (
                            e.span().unwrap_or(0..0),
                            format!("TOML syntax: {}", e.message().trim()),
                            syntax_tr(e.message()),
                        )
                    })
                    .collect(),
            ));
        }
        let mut walker = Walker::default();
        let root = Section {
            table: document.get_ref(),
            span: (0..0).into(),
            name: "the rules file",
        };
        let rules = read::read(&mut walker, root, text);
        let mut problems = walker.problems;
        problems.sort_by_key(|p| p.span.start);
        match rules {
            Some(rules) if problems.is_empty() => Ok(rules),
            _ => Err(locate(
                problems
                    .into_iter()
                    .map(|p| (p.span, p.message, p.message_tr))
                    .collect(),
            )),
        }
    }
}

#[cfg(test)]
mod tests;
