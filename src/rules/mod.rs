//! The institution's rules: TOML text in, a validated, immutable [`Rules`] out.
//!
//! Loading is strict and complete: unknown keys, wrong types, a bad lead time, an
//! unknown time zone, a non-https URL, an empty menu path, fee rules that leave a
//! duty × cause pair uncovered or cover it twice — every problem is collected and
//! reported with its line and column. No I/O here: the caller supplies the text and
//! a name for it (a path, or "embedded default").

#[cfg(test)]
mod codegen;
#[rustfmt::skip]
mod embedded;
mod schema;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;

use chrono_tz::Tz;
use serde::Serialize;
use toml::de::DeTable;
use toml::Spanned;

use crate::lang::Lang;
use crate::renewal::Lead;
use crate::text::fold_tr;
use schema::{one_of, Section, Walker};

/// The rules compiled into the binary: the repository's `rules.toml`.
pub const EMBEDDED: &str = include_str!("../../rules.toml");

const EMBEDDED_HASH: u64 = text_hash(EMBEDDED);

/// FNV-1a over the text: tells whether `embedded.rs` was generated from this `rules.toml`.
const fn text_hash(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// Validated institution rules. Construct with [`Rules::parse`].
#[derive(Debug, Clone)]
pub struct Rules {
    pub institution: Institution,
    pub lead: Lead,
    /// R5: wrong PINs that lock the card.
    pub max_attempts: u32,
    pub portal: Portal,
    pub paths: Paths,
    /// In file order.
    pub duties: Vec<Duty>,
    /// In file order.
    pub causes: Vec<Cause>,
    pub fees: Vec<FeeRule>,
    /// PKCS#11 modules to try, in order.
    pub card_modules: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Institution {
    pub name: String,
    /// Where staff go to apply (R1).
    pub desk: String,
    pub timezone: Tz,
}

#[derive(Debug, Clone)]
pub struct Portal {
    pub name: String,
    /// Always `https://…` (checked at load).
    pub url: String,
    /// The label of the portal's log-in button (R6: "Giriş").
    pub login: String,
}

/// A task on the portal whose menu path the rules give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    Unlock,
    Suspend,
    Revoke,
}

impl Task {
    pub const ALL: [Task; 3] = [Task::Unlock, Task::Suspend, Task::Revoke];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Task::Unlock => "unlock",
            Task::Suspend => "suspend",
            Task::Revoke => "revoke",
        }
    }
}

/// Menu labels from the portal's top menu down, exactly as the portal shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuPath {
    pub labels: Vec<String>,
    /// English glosses, one per label, when the rules give them.
    pub gloss_en: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Paths {
    pub unlock: MenuPath,
    pub suspend: MenuPath,
    pub revoke: MenuPath,
}

impl Paths {
    #[must_use]
    pub fn get(&self, task: Task) -> &MenuPath {
        match task {
            Task::Unlock => &self.unlock,
            Task::Suspend => &self.suspend,
            Task::Revoke => &self.revoke,
        }
    }
}

/// An administrative-duty situation (R8–R11).
#[derive(Debug, Clone)]
pub struct Duty {
    pub id: String,
    pub label_tr: String,
    pub label_en: String,
    pub notes_tr: Vec<String>,
    pub notes_en: Vec<String>,
    /// Job titles that mean this duty.
    pub titles: Vec<String>,
}

impl Duty {
    #[must_use]
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Tr => &self.label_tr,
            Lang::En => &self.label_en,
        }
    }

    #[must_use]
    pub fn notes(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Tr => &self.notes_tr,
            Lang::En => &self.notes_en,
        }
    }
}

/// A reason for renewing the card, with the portal steps it needs first.
#[derive(Debug, Clone)]
pub struct Cause {
    pub id: String,
    pub label_tr: String,
    pub label_en: String,
    /// In order (R7 before R8).
    pub requires: Vec<Task>,
}

impl Cause {
    #[must_use]
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Tr => &self.label_tr,
            Lang::En => &self.label_en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Payer {
    Institution,
    Person,
}

impl Payer {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Payer::Institution => "institution",
            Payer::Person => "person",
        }
    }
}

/// One `[[fee]]` rule: the duties × causes it covers and who pays.
#[derive(Debug, Clone)]
pub struct FeeRule {
    pub id: String,
    pub duties: Vec<String>,
    pub causes: Vec<String>,
    pub payer: Payer,
    /// The page's rule it encodes and a short quote.
    pub source: String,
    /// Byte offset of the rule in its file, for messages (the line is worked out only
    /// when a message needs it: counting lines for every rule at every start is waste).
    pub offset: usize,
}

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
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl Rules {
    /// The embedded default rules.
    ///
    /// # Panics
    /// Never in a released build: a test parses [`EMBEDDED`], so a broken default fails CI.
    #[must_use]
    pub fn embedded() -> Rules {
        // Built directly from code generated out of the same text (see `codegen`), unless
        // that code is stale, when the text is parsed as any rules file would be.
        if embedded::SOURCE_HASH == EMBEDDED_HASH {
            embedded::rules()
        } else {
            Rules::parse(EMBEDDED, "embedded default rules")
                .expect("the embedded rules.toml is valid")
        }
    }

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
        let rules = read(&mut walker, root, text);
        let mut problems = walker.problems;
        problems.sort_by_key(|p| p.span.start);
        match rules {
            Some(rules) if problems.is_empty() => Ok(rules),
            _ => Err(locate(
                problems.into_iter().map(|p| (p.span, p.message)).collect(),
            )),
        }
    }

    #[must_use]
    pub fn duty(&self, id: &str) -> Option<&Duty> {
        self.duties.iter().find(|d| d.id == id)
    }

    #[must_use]
    pub fn cause(&self, id: &str) -> Option<&Cause> {
        self.causes.iter().find(|c| c.id == id)
    }

    /// The duty a job title means, compared the Turkish way (`DEKAN`, `dekan`, `Bölüm başkanı`).
    #[must_use]
    pub fn duty_by_title(&self, title: &str) -> Option<&Duty> {
        let wanted = fold_tr(title);
        self.duties
            .iter()
            .find(|d| d.titles.iter().any(|t| fold_tr(t) == wanted))
    }

    /// The duty a free-text value names: its id, either label, or one of its titles
    /// (as a roster's duty column may hold any of them).
    #[must_use]
    pub fn find_duty(&self, value: &str) -> Option<&Duty> {
        let wanted = fold_tr(value);
        self.duties.iter().find(|d| {
            d.id == value.trim()
                || fold_tr(&d.id) == wanted
                || fold_tr(&d.label_tr) == wanted
                || fold_tr(&d.label_en) == wanted
                || d.titles.iter().any(|t| fold_tr(t) == wanted)
        })
    }
}

fn read(w: &mut Walker, root: Section<'_, '_>, text: &str) -> Option<Rules> {
    const TOP: &[&str] = &[
        "institution",
        "renewal",
        "pin",
        "portal",
        "paths",
        "duties",
        "causes",
        "fee",
        "card",
    ];
    w.only_keys(root, TOP);
    let institution = read_institution(w, root);
    let lead = w.table(root, "renewal", "[renewal]", true).and_then(|s| {
        w.only_keys(s, &["lead"]);
        let lead = w.string(s, "lead")?;
        match lead.get_ref().parse::<Lead>() {
            Ok(lead) => Some(lead),
            Err(e) => {
                w.problem(lead.span(), e.to_string());
                None
            }
        }
    });
    let max_attempts = w.table(root, "pin", "[pin]", true).and_then(|s| {
        w.only_keys(s, &["max_attempts"]);
        let n = w.integer(s, "max_attempts")?;
        if let Ok(n @ 1..=99) = u32::try_from(*n.get_ref()) {
            Some(n)
        } else {
            w.problem(
                n.span(),
                "\"max_attempts\" in [pin] must be a whole number from 1 to 99",
            );
            None
        }
    });
    let portal = read_portal(w, root);
    let paths = read_paths(w, root);
    let duties = read_duties(w, root);
    let causes = read_causes(w, root);
    let fees = match (&duties, &causes) {
        (Some(duties), Some(causes)) => read_fees(w, root, duties, causes, text),
        _ => None,
    };
    let card_modules = match w.table(root, "card", "[card]", false) {
        Some(s) => {
            w.only_keys(s, &["modules"]);
            w.strings(s, "modules", false, false)
                .map(|m| m.into_iter().map(Spanned::into_inner).collect())
        }
        None => Some(Vec::new()),
    };
    Some(Rules {
        institution: institution?,
        lead: lead?,
        max_attempts: max_attempts?,
        portal: portal?,
        paths: paths?,
        duties: duties?,
        causes: causes?,
        fees: fees?,
        card_modules: card_modules?,
    })
}

fn read_institution(w: &mut Walker, root: Section<'_, '_>) -> Option<Institution> {
    let s = w.table(root, "institution", "[institution]", true)?;
    w.only_keys(s, &["name", "desk", "timezone"]);
    let name = w.string(s, "name");
    let desk = w.string(s, "desk");
    let timezone = w.string(s, "timezone").and_then(|tz| {
        if let Ok(zone) = tz.get_ref().parse::<Tz>() {
            Some(zone)
        } else {
            w.problem(
                tz.span(),
                format!(
                    "\"{}\" is not a known time zone: use an IANA name such as \"Europe/Istanbul\"",
                    tz.get_ref()
                ),
            );
            None
        }
    });
    Some(Institution {
        name: name?.into_inner(),
        desk: desk?.into_inner(),
        timezone: timezone?,
    })
}

/// An https URL with a host and nothing a browser or a shell could misread.
fn https_url_problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Some("must start with https:// (esign opens only https addresses)");
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_name = host.rsplit_once(':').map_or(host, |(h, port)| {
        if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    if host_name.is_empty()
        || !host_name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return Some("must name a host after https:// (letters, digits, '.' and '-')");
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(c))
    {
        return Some("must not contain spaces, quotes or control characters");
    }
    None
}

fn read_portal(w: &mut Walker, root: Section<'_, '_>) -> Option<Portal> {
    let s = w.table(root, "portal", "[portal]", true)?;
    w.only_keys(s, &["name", "url", "login"]);
    let name = w.string(s, "name");
    let login = w.string(s, "login");
    let url = w
        .string(s, "url")
        .and_then(|url| match https_url_problem(url.get_ref()) {
            Some(why) => {
                w.problem(
                    url.span(),
                    format!("\"url\" in [portal] {why}; found \"{}\"", url.get_ref()),
                );
                None
            }
            None => Some(url.into_inner()),
        });
    Some(Portal {
        name: name?.into_inner(),
        url: url?,
        login: login?.into_inner(),
    })
}

fn read_paths(w: &mut Walker, root: Section<'_, '_>) -> Option<Paths> {
    let s = w.table(root, "paths", "[paths]", true)?;
    w.only_keys(s, &["unlock", "suspend", "revoke", "gloss_en"]);
    let gloss = w.table(s, "gloss_en", "[paths.gloss_en]", false);
    if let Some(g) = gloss {
        w.only_keys(g, &["unlock", "suspend", "revoke"]);
    }
    let mut path = |task: Task| -> Option<MenuPath> {
        let labels = w.strings(s, task.as_str(), true, true)?;
        let gloss_en = match gloss {
            Some(g) if g.table.contains_key(task.as_str()) => {
                let glosses = w.strings(g, task.as_str(), true, true)?;
                if glosses.len() != labels.len() {
                    let span = g
                        .table
                        .get(task.as_str())
                        .map_or(g.span.into(), Spanned::span);
                    w.problem(
                        span,
                        format!(
                            "[paths.gloss_en] {} has {} glosses for {} menu labels: give one per label",
                            task.as_str(),
                            glosses.len(),
                            labels.len()
                        ),
                    );
                    return None;
                }
                Some(glosses.into_iter().map(Spanned::into_inner).collect())
            }
            _ => None,
        };
        Some(MenuPath {
            labels: labels.into_iter().map(Spanned::into_inner).collect(),
            gloss_en,
        })
    };
    let (unlock, suspend, revoke) = (path(Task::Unlock), path(Task::Suspend), path(Task::Revoke));
    Some(Paths {
        unlock: unlock?,
        suspend: suspend?,
        revoke: revoke?,
    })
}

fn read_duties(w: &mut Walker, root: Section<'_, '_>) -> Option<Vec<Duty>> {
    let s = w.table(root, "duties", "[duties]", true)?;
    let mut duties = Vec::new();
    let mut ok = true;
    let mut titles_seen: BTreeMap<String, String> = BTreeMap::new();
    let entries = w.entries(s);
    if entries.is_empty() {
        w.problem(s.span, "[duties] must define at least one duty");
        return None;
    }
    for (id, table, span) in entries {
        let name = format!("[duties.{}]", id.get_ref());
        let d = Section {
            table,
            span: span.into(),
            name: &name,
        };
        w.only_keys(
            d,
            &["label_tr", "label_en", "notes_tr", "notes_en", "titles"],
        );
        let (label_tr, label_en) = (w.string(d, "label_tr"), w.string(d, "label_en"));
        let notes_tr = w.strings(d, "notes_tr", false, false);
        let notes_en = w.strings(d, "notes_en", false, false);
        let titles = w.strings(d, "titles", false, false);
        for t in titles.iter().flatten() {
            let folded = fold_tr(t.get_ref());
            if let Some(other) = titles_seen.insert(folded, id.get_ref().clone()) {
                w.problem(
                    t.span(),
                    format!("title \"{}\" is listed under duty \"{other}\" already: a title means one duty", t.get_ref()),
                );
                ok = false;
            }
        }
        match (label_tr, label_en, notes_tr, notes_en, titles) {
            (Some(label_tr), Some(label_en), Some(notes_tr), Some(notes_en), Some(titles)) => {
                duties.push(Duty {
                    id: id.into_inner(),
                    label_tr: label_tr.into_inner(),
                    label_en: label_en.into_inner(),
                    notes_tr: notes_tr.into_iter().map(Spanned::into_inner).collect(),
                    notes_en: notes_en.into_iter().map(Spanned::into_inner).collect(),
                    titles: titles.into_iter().map(Spanned::into_inner).collect(),
                });
            }
            _ => ok = false,
        }
    }
    ok.then_some(duties)
}

fn read_causes(w: &mut Walker, root: Section<'_, '_>) -> Option<Vec<Cause>> {
    let s = w.table(root, "causes", "[causes]", true)?;
    let mut causes = Vec::new();
    let mut ok = true;
    let entries = w.entries(s);
    if entries.is_empty() {
        w.problem(s.span, "[causes] must define at least one cause");
        return None;
    }
    for (id, table, span) in entries {
        let name = format!("[causes.{}]", id.get_ref());
        let c = Section {
            table,
            span: span.into(),
            name: &name,
        };
        w.only_keys(c, &["label_tr", "label_en", "requires"]);
        let (label_tr, label_en) = (w.string(c, "label_tr"), w.string(c, "label_en"));
        let requires = w.strings(c, "requires", false, false).and_then(|steps| {
            let mut out = Vec::new();
            let mut good = true;
            for step in steps {
                match step.get_ref().as_str() {
                    "suspend" if !out.contains(&Task::Suspend) => out.push(Task::Suspend),
                    "revoke" if !out.contains(&Task::Revoke) => out.push(Task::Revoke),
                    "suspend" | "revoke" => {
                        w.problem(step.span(), format!("{name} requires \"{}\" twice", step.get_ref()));
                        good = false;
                    }
                    other => {
                        w.problem(
                            step.span(),
                            format!("{name} requires unknown step \"{other}\": expected \"suspend\" or \"revoke\""),
                        );
                        good = false;
                    }
                }
            }
            good.then_some(out)
        });
        match (label_tr, label_en, requires) {
            (Some(label_tr), Some(label_en), Some(requires)) => causes.push(Cause {
                id: id.into_inner(),
                label_tr: label_tr.into_inner(),
                label_en: label_en.into_inner(),
                requires,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(causes)
}

/// Reads `[[fee]]` and checks that every duty × cause pair has exactly one rule.
fn read_fees(
    w: &mut Walker,
    root: Section<'_, '_>,
    duties: &[Duty],
    causes: &[Cause],
    text: &str,
) -> Option<Vec<FeeRule>> {
    let tables = w.array_of_tables(root, "fee");
    if tables.is_empty() && root.table.contains_key("fee") {
        w.problem(0..0, "the rules file defines no [[fee]] rule");
        return None;
    }
    let duty_ids: Vec<&str> = duties.iter().map(|d| d.id.as_str()).collect();
    let cause_ids: Vec<&str> = causes.iter().map(|c| c.id.as_str()).collect();
    let mut rules = Vec::new();
    let mut spans = Vec::new();
    let mut ok = true;
    let mut ids = HashSet::new();
    for (table, span) in tables {
        let s = Section {
            table,
            span: span.clone().into(),
            name: "[[fee]]",
        };
        w.only_keys(s, &["id", "duties", "causes", "payer", "source"]);
        let id = w.string(s, "id");
        if let Some(id) = &id {
            if !ids.insert(id.get_ref().clone()) {
                w.problem(
                    id.span(),
                    format!("fee rule id \"{}\" is used twice", id.get_ref()),
                );
                ok = false;
            }
        }
        let mut members = |key: &str, known: &[&str], what: &str| -> Option<Vec<String>> {
            let items = w.strings(s, key, true, true)?;
            let mut out = Vec::new();
            let mut good = true;
            for item in items {
                let value = item.get_ref().as_str();
                if value == "*" {
                    out.extend(known.iter().map(|k| (*k).to_owned()));
                } else if known.contains(&value) {
                    out.push(value.to_owned());
                } else {
                    w.problem(
                        item.span(),
                        format!(
                            "[[fee]] names unknown {what} \"{value}\": known {what}s are {}",
                            one_of(known)
                        ),
                    );
                    good = false;
                }
            }
            good.then_some(out)
        };
        let rule_duties = members("duties", &duty_ids, "duty");
        let rule_causes = members("causes", &cause_ids, "cause");
        let payer = w.string(s, "payer").and_then(|p| match p.get_ref().as_str() {
            "institution" => Some(Payer::Institution),
            "person" => Some(Payer::Person),
            other => {
                w.problem(p.span(), format!("\"payer\" in [[fee]] is \"{other}\": expected \"institution\" or \"person\""));
                None
            }
        });
        let source = w.string(s, "source");
        match (id, rule_duties, rule_causes, payer, source) {
            (Some(id), Some(duties), Some(causes), Some(payer), Some(source)) => {
                rules.push(FeeRule {
                    id: id.into_inner(),
                    duties,
                    causes,
                    payer,
                    source: source.into_inner(),
                    offset: span.start,
                });
                spans.push(span);
            }
            _ => ok = false,
        }
    }
    if !ok {
        return None;
    }
    // Coverage: exactly one rule per pair. Gaps are listed together; overlaps per pair of rules.
    let mut gaps = Vec::new();
    let mut overlaps: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for duty in &duty_ids {
        for cause in &cause_ids {
            let matching: Vec<usize> = rules
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    r.duties.iter().any(|d| d == duty) && r.causes.iter().any(|c| c == cause)
                })
                .map(|(i, _)| i)
                .collect();
            match matching.as_slice() {
                [] => gaps.push(format!("{duty} × {cause}")),
                [_] => {}
                [first, rest @ ..] => {
                    for other in rest {
                        overlaps
                            .entry((*first, *other))
                            .or_default()
                            .push(format!("{duty} × {cause}"));
                    }
                }
            }
        }
    }
    if !gaps.is_empty() {
        let at = spans.first().cloned().unwrap_or(0..0);
        w.problem(
            at,
            format!(
                "no fee rule covers {}: every duty × cause pair needs exactly one [[fee]] rule",
                gaps.join(", ")
            ),
        );
    }
    for ((a, b), pairs) in &overlaps {
        w.problem(
            spans[*b].clone(),
            format!(
                "fee rules \"{}\" (line {}) and \"{}\" (line {}) both cover {}: each pair needs exactly one rule",
                rules[*a].id,
                line_column(text, rules[*a].offset).0,
                rules[*b].id,
                line_column(text, rules[*b].offset).0,
                pairs.join(", ")
            ),
        );
    }
    (gaps.is_empty() && overlaps.is_empty()).then_some(rules)
}

#[cfg(test)]
mod tests;
