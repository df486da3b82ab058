//! `esign check` output: text for people, JSON for scripts.

use esign::text::escape_controls;
use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use esign::advice::{self, Advice};
use esign::cert::{Assessed, Report};
use esign::lang::Lang;
use esign::portal::Guide;
use esign::renewal::{Renewal, State};
use esign::rules::Rules;
use serde::Serialize;

use crate::context::Context;
use crate::output::OutputFormat;

/// The JSON document of `esign check`.
#[derive(Serialize)]
struct CheckJson<'a> {
    state: State,
    expiry: NaiveDate,
    today: NaiveDate,
    /// `null` for a certificate without an expiry date.
    days_left: Option<i64>,
    window_opens: Option<NaiveDate>,
    /// Present, and `true`, only for a certificate without an expiry date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    no_expiry: bool,
    lead: String,
    headline: &'a str,
    actions: &'a [String],
    reminders: &'a [String],
    /// With certificate input: the instant used, and each certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    now: Option<DateTime<FixedOffset>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    certificates: Option<Vec<CertificateJson<'a>>>,
    /// With certificate input: old/new pairs and when to switch cards (R3, R4).
    #[serde(skip_serializing_if = "Option::is_none")]
    switches: Option<Vec<SwitchJson<'a>>>,
    /// With a locked PIN read from the card: the unlock path, as `esign unlock` gives it (R6).
    #[serde(skip_serializing_if = "Option::is_none")]
    unlock: Option<UnlockJson<'a>>,
}

impl<'a> CheckJson<'a> {
    /// The keys every `esign check` prints, whatever the input.
    fn new(r: &Renewal, advice: &'a Advice) -> Self {
        CheckJson {
            state: r.state,
            expiry: r.expiry,
            today: r.today,
            days_left: (!r.no_expiry).then_some(r.days_left),
            window_opens: (!r.no_expiry).then_some(r.window_opens),
            no_expiry: r.no_expiry,
            lead: r.lead.to_string(),
            headline: &advice.headline,
            actions: &advice.actions,
            reminders: &advice.reminders,
            now: None,
            certificates: None,
            switches: None,
            unlock: None,
        }
    }
}

/// The unlock path in JSON, the keys of `esign unlock --json`.
#[derive(Serialize)]
pub struct UnlockJson<'a> {
    title: &'a str,
    portal: &'a str,
    url: &'a str,
    steps: Vec<&'a str>,
    glosses: Vec<Option<&'a str>>,
}

pub fn unlock_json<'a>(g: &'a Guide<'a>) -> UnlockJson<'a> {
    UnlockJson {
        title: &g.title,
        portal: g.portal,
        url: g.url,
        steps: g.steps.iter().map(|s| s.label).collect(),
        glosses: g.steps.iter().map(|s| s.gloss).collect(),
    }
}

/// The unlock guide under a heading, with `esign unlock`'s own steps renderer.
pub fn write_unlock(out: &mut dyn Write, lang: Lang, g: &Guide<'_>) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}:", g.title)?;
    super::portal::write_steps(out, lang, g)
}

/// One certificate in JSON (`esign check --cert/--card`, `esign card`).
#[derive(Serialize)]
pub struct CertificateJson<'a> {
    /// Where it was read: the file, or the token's label.
    source: &'a str,
    /// The subject's common name.
    subject: &'a str,
    /// The whole subject.
    subject_dn: &'a str,
    /// The subject's serialNumber attribute (ID number), if any.
    subject_serial: Option<&'a str>,
    serial: &'a str,
    issuer: &'a str,
    not_before: DateTime<FixedOffset>,
    not_after: JsonInstant,
    signing: bool,
    state: State,
    expiry: NaiveDate,
    /// `null` for a certificate without an expiry date.
    days_left: Option<i64>,
    /// Present, and `true`, only for a certificate without an expiry date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    no_expiry: bool,
}

/// An instant in JSON: RFC 3339 in the rules' time zone, or RFC 5280's "no expiry" as
/// UTC (in a zone east of UTC it would be year 10000, which RFC 3339 cannot write).
#[derive(Serialize)]
#[serde(untagged)]
enum JsonInstant {
    At(DateTime<FixedOffset>),
    NoExpiry(&'static str),
}

pub fn certificate_json(a: &Assessed, tz: Tz) -> CertificateJson<'_> {
    let c = &a.certificate;
    CertificateJson {
        source: &a.source,
        subject: &c.name,
        subject_dn: &c.subject,
        subject_serial: c.subject_serial.as_deref(),
        serial: &c.serial,
        issuer: &c.issuer,
        not_before: c.not_before.with_timezone(&tz).fixed_offset(),
        not_after: if a.renewal.no_expiry {
            JsonInstant::NoExpiry("9999-12-31T23:59:59Z")
        } else {
            JsonInstant::At(c.not_after.with_timezone(&tz).fixed_offset())
        },
        signing: c.signing,
        state: a.renewal.state,
        expiry: a.renewal.expiry,
        days_left: (!a.renewal.no_expiry).then_some(a.renewal.days_left),
        no_expiry: a.renewal.no_expiry,
    }
}

#[derive(Serialize)]
struct SwitchJson<'a> {
    old_serial: &'a str,
    new_serial: &'a str,
    switch_at: DateTime<FixedOffset>,
}

pub fn state_style(state: State) -> Style {
    let color = match state {
        State::Valid => AnsiColor::Green,
        State::NotYetValid | State::RenewalDue => AnsiColor::Yellow,
        State::Expired => AnsiColor::Red,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

pub fn renewal(ctx: &Context, rules: &Rules, r: &Renewal) -> Result<()> {
    let advice = advice::for_renewal(r, rules, ctx.lang);
    match ctx.format {
        OutputFormat::Json => super::json(ctx, &CheckJson::new(r, &advice)),
        _ => super::text(ctx, |out| write_text(out, ctx.lang, r, &advice)),
    }
}

/// `esign check --cert/--card`: the check of the decisive certificate, then every
/// certificate. `extra` lines (PIN warnings) join the actions.
pub fn certificates(
    ctx: &Context,
    rules: &Rules,
    report: &Report,
    now: DateTime<Tz>,
    extra: &[String],
    unlock: Option<&Guide<'_>>,
) -> Result<()> {
    let (Some(decisive), Some(advice)) = (
        report.decisive(),
        advice::for_report(report, now, rules, ctx.lang, extra),
    ) else {
        return Ok(());
    };
    let tz = now.timezone();
    let r = &decisive.renewal;
    match ctx.format {
        OutputFormat::Json => super::json(
            ctx,
            &CheckJson {
                now: Some(now.fixed_offset()),
                certificates: Some(
                    report
                        .items
                        .iter()
                        .map(|a| certificate_json(a, tz))
                        .collect(),
                ),
                switches: Some(
                    report
                        .successions
                        .iter()
                        .map(|s| SwitchJson {
                            old_serial: &report.items[s.old].certificate.serial,
                            new_serial: &report.items[s.new].certificate.serial,
                            switch_at: s.switch_at.with_timezone(&tz).fixed_offset(),
                        })
                        .collect(),
                ),
                unlock: unlock.map(unlock_json),
                ..CheckJson::new(r, &advice)
            },
        ),
        _ => super::text(ctx, |out| {
            write_text(out, ctx.lang, r, &advice)?;
            if let Some(g) = unlock {
                write_unlock(out, ctx.lang, g)?;
            }
            writeln!(out)?;
            writeln!(out, "{}:", certificate_labels(ctx.lang).heading)?;
            for a in &report.items {
                write_certificate(out, ctx.lang, tz, a, "  ", true)?;
            }
            Ok(())
        }),
    }
}

/// Labels of a certificate's fact lines, per language.
struct CertificateLabels {
    heading: &'static str,
    signing: &'static str,
    source: &'static str,
    state: &'static str,
    from: &'static str,
    until: &'static str,
    id: &'static str,
    issuer: &'static str,
    serial: &'static str,
}

fn certificate_labels(lang: Lang) -> CertificateLabels {
    match lang {
        Lang::En => CertificateLabels {
            heading: "Certificates",
            signing: "signing certificate",
            source: "Read from",
            state: "State",
            from: "Valid from",
            until: "Valid until",
            id: "ID number",
            issuer: "Issuer",
            serial: "Serial",
        },
        Lang::Tr => CertificateLabels {
            heading: "Sertifikalar",
            signing: "imza sertifikası",
            source: "Kaynak",
            state: "Durum",
            from: "Geçerlilik başlangıcı",
            until: "Geçerlilik bitişi",
            id: "T.C. Kimlik No",
            issuer: "Düzenleyen",
            serial: "Seri no",
        },
    }
}

/// One certificate's block: name, then its facts indented under it.
pub fn write_certificate(
    out: &mut dyn Write,
    lang: Lang,
    tz: Tz,
    a: &Assessed,
    indent: &str,
    show_source: bool,
) -> std::io::Result<()> {
    let l = certificate_labels(lang);
    let c = &a.certificate;
    let r = &a.renewal;
    let mut rows: Vec<(&str, String)> = Vec::new();
    // Text from the certificate (or a file or token name) with control characters
    // escaped: a CN holding a newline cannot print a line of its own.
    let esc = |text: &str| escape_controls(text).into_owned();
    if show_source {
        rows.push((l.source, esc(&a.source)));
    }
    let style = state_style(r.state);
    rows.push((
        l.state,
        format!("{style}{}{style:#}", advice::state_label(r.state, lang)),
    ));
    rows.push((l.from, lang.instant(&c.not_before.with_timezone(&tz))));
    rows.push((
        l.until,
        if r.no_expiry {
            no_expiry_phrase(lang).to_owned()
        } else {
            format!(
                "{} ({})",
                lang.instant(&c.not_after.with_timezone(&tz)),
                advice::days_phrase(r.days_left, lang)
            )
        },
    ));
    if let Some(id) = &c.subject_serial {
        rows.push((l.id, esc(id)));
    }
    rows.push((l.issuer, esc(&c.issuer)));
    rows.push((l.serial, esc(&c.serial)));
    let width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let signing = if c.signing {
        format!(" ({})", l.signing)
    } else {
        String::new()
    };
    writeln!(out, "{indent}{}{signing}", escape_controls(&c.name))?;
    for (label, value) in rows {
        let pad = " ".repeat(width - label.chars().count() + 1);
        writeln!(out, "{indent}  {label}:{pad}{value}")?;
    }
    Ok(())
}

/// What stands for the expiry of a certificate without one.
fn no_expiry_phrase(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "none (the certificate has no expiry date)",
        Lang::Tr => "yok (sertifikanın bitiş tarihi yok)",
    }
}

/// Labels of the fact lines, per language.
struct Labels {
    state: &'static str,
    expiry: &'static str,
    window: &'static str,
    today: &'static str,
    lead: &'static str,
    todo: &'static str,
    dont: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            state: "State",
            expiry: "Expiry",
            window: "Apply from",
            today: "Today",
            lead: "before expiry",
            todo: "What to do",
            dont: "Do not",
        },
        Lang::Tr => Labels {
            state: "Durum",
            expiry: "Bitiş tarihi",
            window: "Başvuru başlangıcı",
            today: "Bugün",
            lead: "önce",
            todo: "Yapılacaklar",
            dont: "Dikkat",
        },
    }
}

pub fn write_text(
    out: &mut dyn Write,
    lang: Lang,
    r: &Renewal,
    advice: &Advice,
) -> std::io::Result<()> {
    let l = labels(lang);
    let width = [l.state, l.expiry, l.window, l.today]
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0);
    let pad = |label: &str| format!("{label}:{}", " ".repeat(width - label.chars().count() + 1));
    let style = state_style(r.state);
    writeln!(out, "{}", advice.headline)?;
    writeln!(out)?;
    writeln!(
        out,
        "  {}{style}{}{style:#}",
        pad(l.state),
        advice::state_label(r.state, lang)
    )?;
    if r.no_expiry {
        writeln!(out, "  {}{}", pad(l.expiry), no_expiry_phrase(lang))?;
    } else {
        writeln!(
            out,
            "  {}{} ({})",
            pad(l.expiry),
            lang.date(r.expiry),
            advice::days_phrase(r.days_left, lang)
        )?;
    }
    // "(bitişten 1 ay önce)" / "(1 month before expiry)".
    let lead = match lang {
        Lang::Tr => format!("bitişten {} {}", advice::lead_phrase(r.lead, lang), l.lead),
        Lang::En => format!("{} {}", advice::lead_phrase(r.lead, lang), l.lead),
    };
    if !r.no_expiry {
        writeln!(
            out,
            "  {}{} ({lead})",
            pad(l.window),
            lang.date(r.window_opens),
        )?;
    }
    writeln!(out, "  {}{}", pad(l.today), lang.date(r.today))?;
    writeln!(out)?;
    writeln!(out, "{}:", l.todo)?;
    for action in &advice.actions {
        writeln!(out, "  • {action}")?;
    }
    if !advice.reminders.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}:", l.dont)?;
        for reminder in &advice.reminders {
            writeln!(out, "  • {reminder}")?;
        }
    }
    Ok(())
}
