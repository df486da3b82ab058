//! A small validating walker over a parsed TOML document.
//!
//! Serde with `deny_unknown_fields` stops at the first problem; a rules file with
//! several problems must report all of them (line and column each), so the
//! document is parsed once into spanned values and walked here, collecting every
//! problem instead of returning at the first.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// One thing wrong with a rules file, located by byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub span: Range<usize>,
    pub message: String,
    /// The same in Turkish (the catalogue shows it under `--lang tr`).
    pub message_tr: String,
}

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Collects problems while reading sections and keys.
#[derive(Default)]
pub struct Walker {
    pub problems: Vec<Located>,
}

/// A byte span that is `Copy` (unlike `Range`).
#[derive(Debug, Clone, Copy)]
pub struct Span(pub usize, pub usize);

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Self {
        s.0..s.1
    }
}

/// A table together with its span and its dotted name, for messages (`[portal]`).
#[derive(Clone, Copy)]
pub struct Section<'a, 'i> {
    pub table: &'a DeTable<'i>,
    pub span: Span,
    pub name: &'a str,
}

fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Walker {
    /// A problem, said in English and in Turkish: `rules check --lang tr` must be
    /// Turkish all the way (issue 10), so there is no English-only variant.
    pub fn problem(
        &mut self,
        span: impl Into<Range<usize>>,
        message: impl Into<String>,
        message_tr: impl Into<String>,
    ) {
        self.problems.push(Located {
            span: span.into(),
            message: message.into(),
            message_tr: message_tr.into(),
        });
    }

    /// Reports every key of `section` not in `allowed`.
    pub fn only_keys(&mut self, section: Section<'_, '_>, allowed: &[&str]) {
        for (key, _) in section.table {
            if !allowed.contains(&key.get_ref().as_ref()) {
                self.problem(
                    key.span(),
                    format!(
                        "unknown key \"{}\" in {}: expected {}",
                        key.get_ref(),
                        section.name,
                        one_of(allowed)
                    ),
                    format!(
                        "{} içinde \"{}\" diye bir anahtar olamaz: beklenenler: {}",
                        name_tr(section.name),
                        key.get_ref(),
                        one_of_tr(allowed)
                    ),
                );
            }
        }
    }

    fn required<'a, 'i>(&mut self, section: Section<'a, 'i>, key: &str) -> Option<&'a Value<'i>> {
        let found = section.table.get(key);
        if found.is_none() {
            self.problem(
                section.span,
                format!("{} is missing the key \"{key}\"", section.name),
                format!("{} içinde \"{key}\" anahtarı eksik", name_tr(section.name)),
            );
        }
        found
    }

    fn wrong_type(&mut self, section: Section<'_, '_>, key: &str, value: &Value<'_>, want: &str) {
        self.problem(
            value.span(),
            format!(
                "\"{key}\" in {} must be {want}, not {}",
                section.name,
                kind(value.get_ref())
            ),
            format!(
                "{} içindeki \"{key}\" {} olmalı, {} değil",
                name_tr(section.name),
                kind_tr(want),
                kind_tr(kind(value.get_ref()))
            ),
        );
    }

    /// A sub-table (`[parent.key]` or `key = { … }`).
    pub fn table<'a, 'i>(
        &mut self,
        parent: Section<'a, 'i>,
        key: &str,
        name: &'a str,
        required: bool,
    ) -> Option<Section<'a, 'i>> {
        let value = if required {
            self.required(parent, key)?
        } else {
            parent.table.get(key)?
        };
        if let DeValue::Table(table) = value.get_ref() {
            Some(Section {
                table,
                span: value.span().into(),
                name,
            })
        } else {
            self.wrong_type(parent, key, value, "a table");
            None
        }
    }

    /// A non-blank string, with its span.
    pub fn string(&mut self, section: Section<'_, '_>, key: &str) -> Option<Spanned<String>> {
        let value = self.required(section, key)?;
        self.string_value(section, key, value)
    }

    fn string_value(
        &mut self,
        section: Section<'_, '_>,
        key: &str,
        value: &Value<'_>,
    ) -> Option<Spanned<String>> {
        match value.get_ref() {
            DeValue::String(text) if text.trim().is_empty() => {
                self.problem(
                    value.span(),
                    format!("\"{key}\" in {} must not be empty", section.name),
                    format!("{} içindeki \"{key}\" boş olamaz", name_tr(section.name)),
                );
                None
            }
            DeValue::String(text) if holds_hostile(key, text) => {
                let (en, tr) = hostile(key, section.name);
                self.problem(value.span(), en, tr);
                None
            }
            DeValue::String(text) => Some(Spanned::new(value.span(), text.to_string())),
            _ => {
                self.wrong_type(section, key, value, "a string");
                None
            }
        }
    }

    pub fn integer(&mut self, section: Section<'_, '_>, key: &str) -> Option<Spanned<i64>> {
        let value = self.required(section, key)?;
        if let DeValue::Integer(int) = value.get_ref() {
            let digits = int.as_str().replace('_', "");
            if let Ok(n) = i64::from_str_radix(&digits, int.radix()) {
                return Some(Spanned::new(value.span(), n));
            }
            self.problem(
                value.span(),
                format!("\"{key}\" in {} is out of range", section.name),
                format!(
                    "{} içindeki \"{key}\" izin verilen aralığın dışında",
                    name_tr(section.name)
                ),
            );
            return None;
        }
        self.wrong_type(section, key, value, "an integer");
        None
    }

    /// An array of non-blank strings. `required` decides whether a missing key is a problem
    /// (a missing optional array reads as empty); `non_empty` whether `[]` is one.
    pub fn strings(
        &mut self,
        section: Section<'_, '_>,
        key: &str,
        required: bool,
        non_empty: bool,
    ) -> Option<Vec<Spanned<String>>> {
        let value = if required {
            self.required(section, key)?
        } else {
            match section.table.get(key) {
                Some(value) => value,
                None => return Some(Vec::new()),
            }
        };
        let DeValue::Array(array) = value.get_ref() else {
            self.wrong_type(section, key, value, "an array of strings");
            return None;
        };
        if non_empty && array.iter().next().is_none() {
            self.problem(
                value.span(),
                format!("\"{key}\" in {} must not be empty", section.name),
                format!("{} içindeki \"{key}\" boş olamaz", name_tr(section.name)),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for item in array {
            match item.get_ref() {
                DeValue::String(text) if holds_hostile(key, text) => {
                    let (en, tr) = hostile(key, section.name);
                    self.problem(item.span(), en, tr);
                    ok = false;
                }
                DeValue::String(text) if !text.trim().is_empty() => {
                    out.push(Spanned::new(item.span(), text.to_string()));
                }
                DeValue::String(_) => {
                    self.problem(
                        item.span(),
                        format!("\"{key}\" in {} has an empty entry", section.name),
                        format!(
                            "{} içindeki \"{key}\" listesinde boş bir öğe var",
                            name_tr(section.name)
                        ),
                    );
                    ok = false;
                }
                other => {
                    self.problem(
                        item.span(),
                        format!(
                            "\"{key}\" in {} must hold only strings, not {}",
                            section.name,
                            kind(other)
                        ),
                        format!(
                            "{} içindeki \"{key}\" yalnızca metin içermeli, {} değil",
                            name_tr(section.name),
                            kind_tr(kind(other))
                        ),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    /// The entries of a table of tables (`[duties.<id>]`), each with its id.
    pub fn entries<'a, 'i>(
        &mut self,
        section: Section<'a, 'i>,
    ) -> Vec<(Spanned<String>, &'a DeTable<'i>, Range<usize>)> {
        let mut out = Vec::new();
        for (key, value) in section.table {
            let id = key.get_ref().as_ref();
            if !is_id(id) {
                self.problem(
                    key.span(),
                    format!(
                        "\"{id}\" in {} is not a valid id: use lower-case letters, digits and '-'",
                        section.name
                    ),
                    format!(
                        "{} içindeki \"{id}\" geçerli bir kimlik değil: küçük İngilizce harfler, rakamlar ve '-' kullanın",
                        name_tr(section.name)
                    ),
                );
                continue;
            }
            match value.get_ref() {
                DeValue::Table(table) => {
                    out.push((Spanned::new(key.span(), id.to_owned()), table, value.span()));
                }
                other => self.problem(
                    value.span(),
                    format!(
                        "\"{id}\" in {} must be a table, not {}",
                        section.name,
                        kind(other)
                    ),
                    format!(
                        "{} içindeki \"{id}\" tablo olmalı, {} değil",
                        name_tr(section.name),
                        kind_tr(kind(other))
                    ),
                ),
            }
        }
        out
    }

    /// The tables of an array of tables (`[[fee]]`).
    pub fn array_of_tables<'a, 'i>(
        &mut self,
        parent: Section<'a, 'i>,
        key: &str,
    ) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
        let Some(value) = self.required(parent, key) else {
            return Vec::new();
        };
        let DeValue::Array(array) = value.get_ref() else {
            self.wrong_type(parent, key, value, "an array of tables ([[fee]])");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in array {
            match item.get_ref() {
                DeValue::Table(table) => out.push((table, item.span())),
                other => self.problem(
                    item.span(),
                    format!("each [[{key}]] must be a table, not {}", kind(other)),
                    format!(
                        "her [[{key}]] bir tablo olmalı, {} değil",
                        kind_tr(kind(other))
                    ),
                ),
            }
        }
        out
    }
}

/// Ids of duties and causes: what a shell user can type without quoting.
#[must_use]
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A section's name in Turkish messages: `[institution]` as it is, the root by its name.
fn name_tr(name: &str) -> &str {
    if name == "the rules file" {
        "kural dosyası"
    } else {
        name
    }
}

/// A value kind (as [`kind`] and the callers of `wrong_type` write it) in Turkish.
fn kind_tr(kind: &str) -> &str {
    match kind {
        "a string" => "metin",
        "an integer" => "tam sayı",
        "a float" => "ondalık sayı",
        "a boolean" => "doğru/yanlış değeri",
        "a date-time" => "tarih-saat",
        "an array" => "dizi",
        "a table" => "tablo",
        "an array of strings" => "metin dizisi",
        "an array of tables ([[fee]])" => "tablo dizisi ([[fee]])",
        other => other,
    }
}

/// `"a", "b" ya da "c"`, for Turkish "beklenen …" messages: ids quoted, since many
/// are English words (`left`, `card`).
#[must_use]
pub fn one_of_tr(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    match quoted.as_slice() {
        [] => "hiçbiri".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} ya da {last}", init.join(", ")),
    }
}

/// `a, b or c`, for "expected …" messages.
#[must_use]
pub fn one_of(items: &[&str]) -> String {
    match items {
        [] => "nothing".to_owned(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Text that ends up in output must not hold control characters (a newline, an escape
/// code) or bidirectional marks (U+202E would make a label read backwards).
/// A control or bidi character; mail bodies (`body_*`) may hold line breaks.
fn holds_hostile(key: &str, text: &str) -> bool {
    let multiline = key.starts_with("body");
    text.chars()
        .any(|c| crate::text::is_hostile(c) && !(multiline && c == '\n'))
}

fn hostile(key: &str, section: &str) -> (String, String) {
    (
        format!(
            "\"{key}\" in {section} holds a control character or a bidirectional mark: write plain text"
        ),
        format!(
            "{} içindeki \"{key}\" denetim karakteri ya da yön işareti içeriyor: düz metin yazın",
            name_tr(section)
        ),
    )
}
