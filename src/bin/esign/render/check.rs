//! `esign check` output: text for people, JSON for scripts.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use chrono::NaiveDate;
use esign::advice::{self, Advice};
use esign::lang::Lang;
use esign::renewal::{Renewal, State};
use esign::rules::Rules;
use serde::Serialize;

use crate::context::{Context, Format};

/// The JSON document of `esign check`.
#[derive(Serialize)]
struct CheckJson<'a> {
    state: State,
    expiry: NaiveDate,
    today: NaiveDate,
    days_left: i64,
    window_opens: NaiveDate,
    lead: String,
    headline: &'a str,
    actions: &'a [String],
    reminders: &'a [String],
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
        Format::Json => super::json(
            ctx,
            &CheckJson {
                state: r.state,
                expiry: r.expiry,
                today: r.today,
                days_left: r.days_left,
                window_opens: r.window_opens,
                lead: r.lead.to_string(),
                headline: &advice.headline,
                actions: &advice.actions,
                reminders: &advice.reminders,
            },
        ),
        Format::Text => super::text(ctx, |out| write_text(out, ctx.lang, r, &advice)),
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
            window: "Window opens",
            today: "Today",
            lead: "lead",
            todo: "What to do",
            dont: "Do not",
        },
        Lang::Tr => Labels {
            state: "Durum",
            expiry: "Bitiş tarihi",
            window: "Başvuru dönemi",
            today: "Bugün",
            lead: "süre",
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
    writeln!(
        out,
        "  {}{} ({})",
        pad(l.expiry),
        lang.date(r.expiry),
        advice::days_phrase(r.days_left, lang)
    )?;
    writeln!(
        out,
        "  {}{} ({}: {})",
        pad(l.window),
        lang.date(r.window_opens),
        l.lead,
        advice::lead_phrase(r.lead, lang)
    )?;
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
