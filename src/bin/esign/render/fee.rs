//! `esign fee` output: one decision, or the whole duty × cause table.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use esign::advice::payer_word;
use esign::fee::FeeDecision;
use esign::lang::Lang;
use esign::portal::guide;
use esign::rules::{Payer, Rules, Task};
use serde::Serialize;

use crate::context::Context;
use crate::output::OutputFormat;
use crate::render::portal::{path_line, task_word};

#[derive(Serialize)]
struct DecisionJson<'a> {
    duty: &'a str,
    cause: &'a str,
    payer: Payer,
    rule: &'a str,
    source: &'a str,
    requires: Vec<&'static str>,
    notes: &'a [String],
    duty_label: &'a str,
    cause_label: &'a str,
}

fn to_json<'a>(d: &'a FeeDecision<'a>, lang: Lang) -> DecisionJson<'a> {
    DecisionJson {
        duty: &d.duty.id,
        cause: &d.cause.id,
        payer: d.payer,
        rule: &d.rule.id,
        source: d.rule.source(lang),
        requires: d.requires.iter().map(|t| t.as_str()).collect(),
        notes: shown_notes(d, lang),
        duty_label: d.duty.label(lang),
        cause_label: d.cause.label(lang),
    }
}

/// The duty's notes, unless the card must be suspended or revoked first: R11's "usable
/// until it expires" must not follow "suspend and revoke it now" (issue 10 §3).
fn shown_notes<'a>(d: &'a FeeDecision<'a>, lang: Lang) -> &'a [String] {
    if d.requires.is_empty() {
        d.duty.notes(lang)
    } else {
        &[]
    }
}

fn payer_style(payer: Payer) -> Style {
    let color = match payer {
        Payer::Institution => AnsiColor::Green,
        Payer::Person => AnsiColor::Yellow,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

pub fn decision(ctx: &Context, rules: &Rules, d: &FeeDecision<'_>) -> Result<()> {
    match ctx.format {
        OutputFormat::Json => super::json(ctx, &to_json(d, ctx.lang)),
        _ => super::text(ctx, |out| write_decision(out, ctx.lang, rules, d)),
    }
}

fn write_decision(
    out: &mut dyn Write,
    lang: Lang,
    rules: &Rules,
    d: &FeeDecision<'_>,
) -> std::io::Result<()> {
    let style = payer_style(d.payer);
    let bold = Style::new().bold();
    let (who, duty, cause, first, then, notes, decided) = match lang {
        Lang::En => (
            "Who pays",
            "Duty",
            "Cause",
            "Before the new application, in this order",
            "Then apply for the new card at {desk}.",
            "Notes",
            "Decided by fee rule",
        ),
        Lang::Tr => (
            "Ücreti kim öder",
            "Görev",
            "Neden",
            "Yeni başvurudan önce, bu sırayla",
            "Sonra yeni kart için {desk} başvurun.",
            "Notlar",
            "Karar veren ücret kuralı",
        ),
    };
    writeln!(out, "{who}: {style}{}{style:#}", payer_word(d.payer, lang))?;
    // The ids as the options that take them: no bare English word inside Turkish text.
    writeln!(
        out,
        "  {duty}: {} [--duty {}]",
        d.duty.label(lang),
        d.duty.id
    )?;
    writeln!(
        out,
        "  {cause}: {} [--cause {}]",
        d.cause.label(lang),
        d.cause.id
    )?;
    if !d.requires.is_empty() {
        writeln!(out)?;
        writeln!(out, "{first}:")?;
        for (i, task) in d.requires.iter().enumerate() {
            // R8 names revocation first only for staff with an administrative duty:
            // cite it only where the deciding fee rule is R8's.
            let r8 = if d.rule.source.starts_with("R8") {
                " (R8)"
            } else {
                ""
            };
            let what = match (lang, task) {
                (Lang::En, Task::Suspend) => format!(
                    "Suspend the certificate {bold}now{bold:#} on {} (R7)",
                    rules.portal.name
                ),
                (Lang::Tr, Task::Suspend) => format!(
                    "Sertifikayı {} üzerinden {bold}hemen{bold:#} askıya alın (R7)",
                    rules.portal.name
                ),
                (Lang::En, Task::Revoke) => {
                    format!("Revoke the certificate on {}{r8}", rules.portal.name)
                }
                (Lang::Tr, Task::Revoke) => {
                    format!("Sertifikayı {} üzerinden iptal edin{r8}", rules.portal.name)
                }
                (Lang::En, Task::Unlock) => format!("Unlock the card on {}", rules.portal.name),
                (Lang::Tr, Task::Unlock) => {
                    format!("Kartın kilidini {} üzerinden çözün", rules.portal.name)
                }
            };
            writeln!(out, "  {}. {what}:", i + 1)?;
            writeln!(out, "     {}", path_line(&guide(rules, *task, lang)))?;
        }
        let desk = match lang {
            Lang::Tr => esign::text::dative_tr(&rules.institution.desk),
            Lang::En => rules.institution.desk.clone(),
        };
        writeln!(
            out,
            "  {}. {}",
            d.requires.len() + 1,
            then.replace("{desk}", &desk)
        )?;
        if let Some(contact) = esign::advice::desk_contact(rules, lang) {
            writeln!(out, "     {contact}")?;
        }
    }
    let duty_notes = shown_notes(d, lang);
    if !duty_notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{notes}:")?;
        for note in duty_notes {
            writeln!(out, "  • {note}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{decided} \"{}\": {}", d.rule.id, d.rule.source(lang))?;
    Ok(())
}

pub fn table(ctx: &Context, rules: &Rules, all: &[FeeDecision<'_>]) -> Result<()> {
    match ctx.format {
        OutputFormat::Json => super::json(
            ctx,
            &all.iter().map(|d| to_json(d, ctx.lang)).collect::<Vec<_>>(),
        ),
        _ => super::text(ctx, |out| write_table(out, ctx.lang, rules, all)),
    }
}

fn write_table(
    out: &mut dyn Write,
    lang: Lang,
    rules: &Rules,
    all: &[FeeDecision<'_>],
) -> std::io::Result<()> {
    let (title, first, rule) = match lang {
        Lang::En => ("Who pays for a renewal", "first", "rule"),
        Lang::Tr => ("Yenileme ücretini kim öder", "önce", "kural"),
    };
    let cause_width = rules
        .causes
        .iter()
        .map(|c| c.label(lang).chars().count())
        .max()
        .unwrap_or(0);
    let payer_width = [Payer::Institution, Payer::Person]
        .iter()
        .map(|p| payer_word(*p, lang).chars().count())
        .max()
        .unwrap_or(0);
    writeln!(out, "{title} ({})", rules.institution.name)?;
    for duty in &rules.duties {
        writeln!(out)?;
        writeln!(out, "{} [--duty {}]", duty.label(lang), duty.id)?;
        for d in all.iter().filter(|d| d.duty.id == duty.id) {
            let label = d.cause.label(lang);
            let payer = payer_word(d.payer, lang);
            let style = payer_style(d.payer);
            let steps = if d.requires.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = d.requires.iter().map(|t| task_word(*t, lang)).collect();
                format!("  {first}: {}", names.join(", "))
            };
            let source = d.rule.source.split(':').next().unwrap_or("");
            writeln!(
                out,
                "  {label}{}  {style}{payer}{style:#}{}  {rule} {source}{steps}",
                " ".repeat(cause_width - label.chars().count()),
                " ".repeat(payer_width - payer.chars().count()),
            )?;
        }
    }
    Ok(())
}
