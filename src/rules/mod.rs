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
        let locate = |spans: Vec<(Range<usize>, String)>| RulesError {
            origin: origin.to_owned(),
            problems: spans
                .into_iter()
                .map(|(span, message)| {
                    let (line, column) = line_column(text, span.start);
                    Problem {
                        line,
                        column,
                        message,
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
                problems.into_iter().map(|p| (p.span, p.message)).collect(),
            )),
        }
    }
}

#[cfg(test)]
mod tests;
