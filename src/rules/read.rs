//! Reading a parsed TOML document into [`Rules`]: one `read_*` function per section,
//! every problem recorded on the [`Walker`] with its span, nothing returned half-checked.

use std::collections::{BTreeMap, HashSet};

use chrono_tz::Tz;
use toml::Spanned;

use super::line_column;
use super::model::{
    parse_hex, template_parts, AtrPattern, CardKind, Cause, DeskContact, Duty, FeeRule,
    Institution, Mail, MailTemplate, MenuPath, Paths, Payer, Portal, Rules, Task,
};
use super::schema::{one_of, one_of_tr, Section, Walker};
use crate::renewal::Lead;
use crate::text::fold_loose;

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
        "mail",
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
                w.problem(lead.span(), e.to_string(), e.turkish());
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
                "[pin] içindeki \"max_attempts\" 1 ile 99 arasında bir tam sayı olmalı",
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
                format!(
                    "olağan yenileme nedeni \"{}\" nedenler arasında yok: [renewal] içindeki routine_cause şunlardan biri olmalı: {}",
                    id.get_ref(),
                    one_of_tr(&known)
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
        mail: read_mail(w, root, text)?,
    })
}

/// `[mail]` (optional, added with `esign notify`): every key optional; templates are
/// checked placeholder by placeholder, each problem at its line and column.
fn read_mail(w: &mut Walker, root: Section<'_, '_>, text: &str) -> Option<Mail> {
    const KINDS: [&str; 3] = ["window_opening", "renewal_due", "expired"];
    let Some(s) = w.table(root, "mail", "[mail]", false) else {
        return Some(Mail::default());
    };
    w.only_keys(
        s,
        &[
            "from",
            "contact",
            "bring_tr",
            "bring_en",
            "window_opening",
            "renewal_due",
            "expired",
        ],
    );
    let mut ok = true;
    let mut optional = |w: &mut Walker, key: &str| -> Option<String> {
        if s.table.contains_key(key) {
            let v = w.string(s, key).map(Spanned::into_inner);
            ok &= v.is_some();
            v
        } else {
            None
        }
    };
    let from = optional(w, "from");
    let contact = optional(w, "contact");
    let bring_tr = optional(w, "bring_tr");
    let bring_en = optional(w, "bring_en");
    if let Some(from) = &from {
        let at = from.find('@');
        if at.is_none_or(|i| i == 0 || i + 1 == from.len()) || from.contains(char::is_whitespace) {
            if let Some(v) = s.table.get("from") {
                w.problem(
                    v.span(),
                    format!("\"from\" in [mail] must be an e-mail address such as \"e-imza@universite.edu.tr\", not \"{from}\""),
                    format!("[mail] içindeki \"from\" bir e-posta adresi olmalı (örneğin \"e-imza@universite.edu.tr\"); \"{from}\" değil"),
                );
            }
            ok = false;
        }
    }
    let mut templates: [Option<MailTemplate>; 3] = [None, None, None];
    for (kind, slot) in KINDS.iter().zip(templates.iter_mut()) {
        let name = format!("[mail.{kind}]");
        let Some(t) = w.table(s, kind, &name, false) else {
            continue;
        };
        let keys = ["subject_tr", "subject_en", "body_tr", "body_en"];
        w.only_keys(t, &keys);
        let mut values = Vec::new();
        for key in keys {
            let Some(value) = w.string(t, key) else {
                ok = false;
                continue;
            };
            if let Err((offset, message, message_tr)) = template_parts(value.get_ref()) {
                // Point at the placeholder in the file: find it in the value's source text.
                let span = value.span();
                let raw = text.get(span.clone()).unwrap_or("");
                let wanted = value.get_ref().get(offset..).unwrap_or("");
                let token: String = wanted.chars().take_while(|c| *c != '}').collect();
                let at = raw.find(&token).map_or(span.start, |i| span.start + i);
                w.problem(
                    at..at + 1,
                    format!("{key} in {name}: {message}"),
                    format!("{name} içindeki {key}: {message_tr}"),
                );
                ok = false;
                continue;
            }
            if key.starts_with("subject") && value.get_ref().contains(['\n', '\r']) {
                w.problem(
                    span_of(&value),
                    format!("{key} in {name} must be one line"),
                    format!("{name} içindeki {key} tek satır olmalı"),
                );
                ok = false;
                continue;
            }
            values.push(value.into_inner());
        }
        if let Ok([subject_tr, subject_en, body_tr, body_en]) = <[String; 4]>::try_from(values) {
            *slot = Some(MailTemplate {
                subject_tr,
                subject_en,
                body_tr,
                body_en,
            });
        }
    }
    let [window_opening, renewal_due, expired] = templates;
    ok.then_some(Mail {
        from,
        contact,
        bring_tr,
        bring_en,
        window_opening,
        renewal_due,
        expired,
    })
}

fn span_of<T>(value: &Spanned<T>) -> std::ops::Range<usize> {
    value.span()
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
                        format!(
                            "\"{other}\" bir kart türü değil: {} yazın",
                            one_of_tr(&["e-signature", "id-card"])
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
                    w.problem(
                        value.span(),
                        format!("\"{key}\" in [[card.atr]]: {e}"),
                        format!(
                            "[[card.atr]] içindeki \"{key}\": \"{}\" onaltılık bayt değil; \"3B 9F 97\" gibi yazın",
                            value.get_ref()
                        ),
                    );
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
                "her [[card.atr]] için \"prefix\" ya da \"historical\" gerekli (\"3B 9F 97\" gibi onaltılık baytlar)",
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
    w.only_keys(
        s,
        &[
            "name",
            "desk",
            "timezone",
            "desk_phone",
            "desk_email",
            "desk_room",
            "desk_web",
            "desk_hours",
        ],
    );
    // Optional (added in 0.2): the desk's contact details; absent or "" is not shown.
    let mut contact = |key: &str| -> Option<String> {
        match s.table.get(key) {
            None => Some(String::new()),
            Some(value) => {
                if let toml::de::DeValue::String(text) = value.get_ref() {
                    Some(text.trim().to_owned())
                } else {
                    w.problem(
                        value.span(),
                        format!("\"{key}\" in [institution] must be a string (\"\" when unknown)"),
                        format!(
                            "[institution] içindeki \"{key}\" metin olmalı (bilinmiyorsa \"\")"
                        ),
                    );
                    None
                }
            }
        }
    };
    let desk_contact = (|| {
        Some(DeskContact {
            phone: contact("desk_phone")?,
            email: contact("desk_email")?,
            room: contact("desk_room")?,
            web: contact("desk_web")?,
            hours: contact("desk_hours")?,
        })
    })();
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
                format!(
                    "\"{}\" bilinen bir saat dilimi değil: \"Europe/Istanbul\" gibi bir IANA adı yazın",
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
        desk_contact: desk_contact?,
    })
}

/// An https URL with a valid host name, a port in range and nothing a browser or a
/// shell could misread. Parsed with the `url` crate (WHATWG URL), then held to more:
/// a host of DNS labels (letters, digits, inner '-'), no control or bidi characters.
/// The problem comes in English and Turkish.
pub(super) fn https_url_problem(url: &str) -> Option<(&'static str, &'static str)> {
    const NO_HTTPS: (&str, &str) = (
        "must start with https:// (esign opens only https addresses)",
        "https:// ile başlamalı (esign yalnızca https adreslerini açar)",
    );
    const NO_HOST: (&str, &str) = (
        "must name a host after https:// (letters, digits, '.' and '-')",
        "https:// ardından bir sunucu adı gelmeli (harfler, rakamlar, '.' ve '-')",
    );
    const BAD_PORT: (&str, &str) = (
        "has a port out of range (1 to 65535)",
        "aralık dışında bir kapı numarası içeriyor (1 ile 65535 arası)",
    );
    if url.chars().any(crate::text::is_hostile) {
        return Some((
            "must not contain control characters or bidirectional marks",
            "denetim karakteri ya da yön işareti içermemeli",
        ));
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || "\"'<>\\`{}|^".contains(c))
    {
        return Some((
            "must not contain spaces, quotes or control characters",
            "boşluk, tırnak ya da denetim karakteri içermemeli",
        ));
    }
    let Some(rest) = url.strip_prefix("https://") else {
        return Some(NO_HTTPS);
    };
    // The WHATWG parser would read `https:///x` as host `x`: the host must follow at once.
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        return Some(NO_HOST);
    }
    let parsed = match url::Url::parse(url) {
        Ok(parsed) => parsed,
        Err(url::ParseError::InvalidPort) => {
            return Some(BAD_PORT);
        }
        Err(_) => {
            return Some(NO_HOST);
        }
    };
    if parsed.scheme() != "https" || parsed.cannot_be_a_base() {
        return Some(NO_HTTPS);
    }
    if parsed.port() == Some(0) {
        return Some(BAD_PORT);
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
        return Some(NO_HOST);
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
            Some((why, why_tr)) => {
                w.problem(
                    url.span(),
                    format!("\"url\" in [portal] {why}; found \"{}\"", url.get_ref()),
                    format!(
                        "[portal] içindeki \"url\" {why_tr}; yazılan: \"{}\"",
                        url.get_ref()
                    ),
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
                        format!(
                            "[paths.gloss_en] içindeki \"{}\" {} menü etiketine {} açıklama veriyor: her etikete bir açıklama yazın",
                            task.as_str(),
                            labels.len(),
                            glosses.len()
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
        w.problem(
            s.span,
            "[duties] must define at least one duty",
            "[duties] en az bir görev tanımlamalı",
        );
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
            &[
                "label_tr", "label_en", "notes_tr", "notes_en", "titles", "names",
            ],
        );
        let (label_tr, label_en) = (w.string(d, "label_tr"), w.string(d, "label_en"));
        let notes_tr = w.strings(d, "notes_tr", false, false);
        let notes_en = w.strings(d, "notes_en", false, false);
        // Optional (titles of `none` and names added in 0.2): absent takes the embedded
        // file's list for the same duty (Rules::inherit_defaults).
        let titles_inherited = !d.table.contains_key("titles");
        let names_inherited = !d.table.contains_key("names");
        let titles = w.strings(d, "titles", false, false);
        let names = w.strings(d, "names", false, false);
        for t in titles.iter().flatten().chain(names.iter().flatten()) {
            let folded = fold_loose(t.get_ref());
            if let Some(other) = titles_seen.insert(folded, id.get_ref().clone()) {
                w.problem(
                    t.span(),
                    format!("title \"{}\" is listed under duty \"{other}\" already: a title means one duty", t.get_ref()),
                    format!("\"{}\" unvanı zaten \"{other}\" görevinin altında: bir unvan tek bir görevi gösterir", t.get_ref()),
                );
                ok = false;
            }
        }
        match (label_tr, label_en, notes_tr, notes_en, titles, names) {
            (
                Some(label_tr),
                Some(label_en),
                Some(notes_tr),
                Some(notes_en),
                Some(titles),
                Some(names),
            ) => {
                duties.push(Duty {
                    id: id.into_inner(),
                    label_tr: label_tr.into_inner(),
                    label_en: label_en.into_inner(),
                    notes_tr: notes_tr.into_iter().map(Spanned::into_inner).collect(),
                    notes_en: notes_en.into_iter().map(Spanned::into_inner).collect(),
                    titles: titles.into_iter().map(Spanned::into_inner).collect(),
                    names: names.into_iter().map(Spanned::into_inner).collect(),
                    titles_inherited,
                    names_inherited,
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
        w.problem(
            s.span,
            "[causes] must define at least one cause",
            "[causes] en az bir neden tanımlamalı",
        );
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
                        w.problem(
                            step.span(),
                            format!("{name} requires \"{}\" twice", step.get_ref()),
                            format!("{name} içinde \"{}\" adımı iki kez yazılmış", step.get_ref()),
                        );
                        good = false;
                    }
                    other => {
                        w.problem(
                            step.span(),
                            format!("{name} requires unknown step \"{other}\": expected \"suspend\" or \"revoke\""),
                            format!("{name} içindeki \"{other}\" bilinen bir adım değil: \"suspend\" ya da \"revoke\" olmalı"),
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
        w.problem(
            0..0,
            "the rules file defines no [[fee]] rule",
            "kural dosyasında hiç [[fee]] kuralı yok",
        );
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
        w.only_keys(
            s,
            &["id", "duties", "causes", "payer", "source", "source_en"],
        );
        let id = w.string(s, "id");
        if let Some(id) = &id {
            if !ids.insert(id.get_ref().clone()) {
                w.problem(
                    id.span(),
                    format!("fee rule id \"{}\" is used twice", id.get_ref()),
                    format!(
                        "\"{}\" ücret kuralı kimliği iki kez kullanılmış",
                        id.get_ref()
                    ),
                );
                ok = false;
            }
        }
        let mut members = |key: &str,
                           known: &[&str],
                           what: &str,
                           what_tr: &str|
         -> Option<Vec<String>> {
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
                        format!(
                            "[[fee]] içindeki \"{value}\" bilinen bir {what_tr} değil; bilinenler: {}",
                            one_of_tr(known)
                        ),
                    );
                    good = false;
                }
            }
            good.then_some(out)
        };
        let rule_duties = members("duties", &duty_ids, "duty", "görev");
        let rule_causes = members("causes", &cause_ids, "cause", "neden");
        let payer = w.string(s, "payer").and_then(|p| match p.get_ref().as_str() {
            "institution" => Some(Payer::Institution),
            "person" => Some(Payer::Person),
            other => {
                w.problem(
                    p.span(),
                    format!("\"payer\" in [[fee]] is \"{other}\": expected \"institution\" or \"person\""),
                    format!("[[fee]] içindeki \"payer\" değeri \"{other}\": \"institution\" ya da \"person\" olmalı"),
                );
                None
            }
        });
        let source = w.string(s, "source");
        // Optional (added in 0.2): absent, English output shows the Turkish note.
        let source_en = if s.table.contains_key("source_en") {
            w.string(s, "source_en").map(|n| Some(n.into_inner()))
        } else {
            Some(None)
        };
        match (id, rule_duties, rule_causes, payer, source, source_en) {
            (Some(id), Some(duties), Some(causes), Some(payer), Some(source), Some(source_en)) => {
                rules.push(FeeRule {
                    id: id.into_inner(),
                    duties,
                    causes,
                    payer,
                    source: source.into_inner(),
                    source_en,
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
            format!(
                "şu görev × neden çiftlerini kapsayan bir ücret kuralı yok: {}; her çifti tam olarak bir [[fee]] kuralı kapsamalı",
                quoted(&gaps)
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
            format!(
                "\"{}\" (satır {}) ve \"{}\" (satır {}) ücret kurallarının ikisi de şunları kapsıyor: {}; her çifti tek bir kural kapsamalı",
                rules[*a].id,
                line_column(text, rules[*a].offset).0,
                rules[*b].id,
                line_column(text, rules[*b].offset).0,
                quoted(pairs)
            ),
        );
    }
    (gaps.is_empty() && overlaps.is_empty()).then_some(rules)
}

/// `"left × lost", "none × lost"`: pairs of ids, quoted in Turkish sentences.
fn quoted(pairs: &[String]) -> String {
    pairs
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
