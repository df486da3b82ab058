//! Reading a parsed TOML document into [`Rules`]: one `read_*` function per section,
//! every problem recorded on the [`Walker`] with its span, nothing returned half-checked.

use std::collections::{BTreeMap, HashSet};

use chrono_tz::Tz;
use toml::Spanned;

use super::line_column;
use super::model::{
    parse_hex, AtrPattern, CardKind, Cause, Duty, FeeRule, Institution, MenuPath, Paths, Payer,
    Portal, Rules, Task,
};
use super::schema::{one_of, Section, Walker};
use crate::renewal::Lead;
use crate::text::fold_tr;

/// The routine-renewal cause when `[renewal] routine_cause` is absent.
const DEFAULT_ROUTINE_CAUSE: &str = "expiry";

pub(super) fn read(w: &mut Walker, root: Section<'_, '_>, text: &str) -> Option<Rules> {
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
    let renewal = w.table(root, "renewal", "[renewal]", true);
    let lead = renewal.and_then(|s| {
        w.only_keys(s, &["lead", "routine_cause"]);
        let lead = w.string(s, "lead")?;
        match lead.get_ref().parse::<Lead>() {
            Ok(lead) => Some(lead),
            Err(e) => {
                w.problem(lead.span(), e.to_string());
                None
            }
        }
    });
    // Optional (added in 0.2): absent means the cause "expiry", as the page names it.
    let routine_cause = renewal.and_then(|s| {
        if s.table.contains_key("routine_cause") {
            w.string(s, "routine_cause")
        } else {
            Some(Spanned::new(
                s.span.into(),
                DEFAULT_ROUTINE_CAUSE.to_owned(),
            ))
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
    let card = w.table(root, "card", "[card]", false);
    let card_atrs = match card {
        Some(s) if s.table.contains_key("atr") => read_atrs(w, s).map(Some),
        // Optional (added in 0.2): the embedded file's table (Rules::inherit_defaults).
        _ => Some(None),
    };
    let card_modules = match card {
        Some(s) => {
            w.only_keys(s, &["modules", "atr"]);
            if s.table.contains_key("modules") {
                w.strings(s, "modules", false, false)
                    .map(|m| Some(m.into_iter().map(Spanned::into_inner).collect()))
            } else {
                Some(None)
            }
        }
        // Optional: the embedded file's list (Rules::inherit_defaults).
        None => Some(None),
    };
    // A renamed routine cause must not silently empty every roster row's payer.
    let routine_cause = match (routine_cause, &causes) {
        (Some(id), Some(causes)) if !causes.iter().any(|c| &c.id == id.get_ref()) => {
            let known: Vec<&str> = causes.iter().map(|c| c.id.as_str()).collect();
            // Without the key, `id` carries the [renewal] section's span: where it would go.
            w.problem(
                id.span(),
                format!(
                    "the routine-renewal cause \"{}\" is not among the causes: set routine_cause in [renewal] to one of {}",
                    id.get_ref(),
                    one_of(&known)
                ),
            );
            None
        }
        (id, _) => id.map(Spanned::into_inner),
    };
    Some(Rules {
        institution: institution?,
        routine_cause: routine_cause?,
        lead: lead?,
        max_attempts: max_attempts?,
        portal: portal?,
        paths: paths?,
        duties: duties?,
        causes: causes?,
        fees: fees?,
        card_modules: card_modules?,
        card_atrs: card_atrs?,
    })
}

/// `[[card.atr]]`: one row per card kind, matched by ATR prefix or by bytes in the
/// historical bytes (or both), first match wins.
fn read_atrs(w: &mut Walker, card: Section<'_, '_>) -> Option<Vec<AtrPattern>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (table, span) in w.array_of_tables(card, "atr") {
        let s = Section {
            table,
            span: span.clone().into(),
            name: "[[card.atr]]",
        };
        w.only_keys(s, &["kind", "name", "prefix", "historical"]);
        let kind = w
            .string(s, "kind")
            .and_then(|k| match k.get_ref().as_str() {
                "e-signature" => Some(CardKind::ESignature),
                "id-card" => Some(CardKind::IdCard),
                other => {
                    w.problem(
                        k.span(),
                        format!(
                            "\"{other}\" is not a card kind: use {}",
                            one_of(&["e-signature", "id-card"])
                        ),
                    );
                    None
                }
            });
        let name = w.string(s, "name");
        let mut bytes = |key: &str| -> Option<Option<Vec<u8>>> {
            if !s.table.contains_key(key) {
                return Some(None);
            }
            let value = w.string(s, key)?;
            match parse_hex(value.get_ref()) {
                Ok(b) => Some(Some(b)),
                Err(e) => {
                    w.problem(value.span(), format!("\"{key}\" in [[card.atr]]: {e}"));
                    None
                }
            }
        };
        let prefix = bytes("prefix");
        let historical = bytes("historical");
        if let (Some(None), Some(None)) = (&prefix, &historical) {
            w.problem(
                span,
                "each [[card.atr]] needs \"prefix\" or \"historical\" (hex bytes such as \"3B 9F 97\")",
            );
            ok = false;
            continue;
        }
        match (kind, name, prefix, historical) {
            (Some(kind), Some(name), Some(prefix), Some(historical)) => out.push(AtrPattern {
                kind,
                name: name.into_inner(),
                prefix,
                historical,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
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

/// An https URL with a valid host name, a port in range and nothing a browser or a
/// shell could misread. Parsed with the `url` crate (WHATWG URL), then held to more:
/// a host of DNS labels (letters, digits, inner '-'), no control or bidi characters.
pub(super) fn https_url_problem(url: &str) -> Option<&'static str> {
    if url.chars().any(crate::text::is_hostile) {
        return Some("must not contain control characters or bidirectional marks");
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || "\"'<>\\`{}|^".contains(c))
    {
        return Some("must not contain spaces, quotes or control characters");
    }
    let Some(rest) = url.strip_prefix("https://") else {
        return Some("must start with https:// (esign opens only https addresses)");
    };
    // The WHATWG parser would read `https:///x` as host `x`: the host must follow at once.
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        return Some("must name a host after https:// (letters, digits, '.' and '-')");
    }
    let parsed = match url::Url::parse(url) {
        Ok(parsed) => parsed,
        Err(url::ParseError::InvalidPort) => {
            return Some("has a port out of range (1 to 65535)");
        }
        Err(_) => {
            return Some("must name a host after https:// (letters, digits, '.' and '-')");
        }
    };
    if parsed.scheme() != "https" || parsed.cannot_be_a_base() {
        return Some("must start with https:// (esign opens only https addresses)");
    }
    if parsed.port() == Some(0) {
        return Some("has a port out of range (1 to 65535)");
    }
    let host_ok = match parsed.host() {
        Some(url::Host::Domain(name)) => {
            let name = name.strip_suffix('.').unwrap_or(name);
            !name.is_empty()
                && name.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
        }
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
        None => false,
    };
    if !host_ok || !parsed.username().is_empty() || parsed.password().is_some() {
        return Some("must name a host after https:// (letters, digits, '.' and '-')");
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
