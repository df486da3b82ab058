//! Portal guides (`esign unlock`, `suspend`, `revoke`): text and JSON.

use std::io::Write;

use anstyle::Style;
use anyhow::Result;
use esign::lang::Lang;
use esign::portal::Guide;
use esign::rules::Task;
use serde::Serialize;

use crate::context::Context;
use crate::output::OutputFormat;

#[derive(Serialize)]
struct GuideJson<'a> {
    action: &'static str,
    title: &'a str,
    portal: &'a str,
    url: &'a str,
    login: &'a str,
    /// The menu labels, unchanged.
    steps: Vec<&'a str>,
    glosses: Vec<Option<&'a str>>,
    notes: &'a [String],
}

pub fn guide(ctx: &Context, g: &Guide<'_>) -> Result<()> {
    match ctx.format {
        OutputFormat::Json => super::json(
            ctx,
            &GuideJson {
                action: g.task.as_str(),
                title: &g.title,
                portal: g.portal,
                url: g.url,
                login: g.login,
                steps: g.steps.iter().map(|s| s.label).collect(),
                glosses: g.steps.iter().map(|s| s.gloss).collect(),
                notes: &g.notes,
            },
        ),
        _ => super::text(ctx, |out| write_text(out, ctx.lang, g)),
    }
}

/// A portal task in a word or two, for lists ("first: suspend, revoke").
pub fn task_word(task: Task, lang: Lang) -> &'static str {
    match (lang, task) {
        (Lang::En, _) => task.as_str(),
        (Lang::Tr, Task::Unlock) => "kilit çözme",
        (Lang::Tr, Task::Suspend) => "askıya alma",
        (Lang::Tr, Task::Revoke) => "iptal",
    }
}

/// The menu path, labels joined with ` → `, each English gloss in brackets beside its label.
pub fn path_line(g: &Guide<'_>) -> String {
    g.steps
        .iter()
        .map(|s| match s.gloss {
            Some(gloss) => format!("{} ({gloss})", s.label),
            None => s.label.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The numbered steps of a guide, without its title and notes (reused by `esign card`
/// for a locked PIN).
pub fn write_steps(out: &mut dyn Write, lang: Lang, g: &Guide<'_>) -> std::io::Result<()> {
    let bold = Style::new().bold();
    match lang {
        Lang::En => {
            writeln!(out, "  1. Go to {}: {}", g.portal, g.url)?;
            writeln!(out, "  2. Click {bold}\"{}\"{bold:#} (Log in).", g.login)?;
            writeln!(out, "  3. Follow: {bold}{}{bold:#}", path_line(g))?;
        }
        Lang::Tr => {
            writeln!(out, "  1. {} sitesine gidin: {}", g.portal, g.url)?;
            writeln!(out, "  2. {bold}{}{bold:#} düğmesine tıklayın.", g.login)?;
            writeln!(out, "  3. Şu yolu izleyin: {bold}{}{bold:#}", path_line(g))?;
        }
    }
    Ok(())
}

pub fn write_text(out: &mut dyn Write, lang: Lang, g: &Guide<'_>) -> std::io::Result<()> {
    writeln!(out, "{}", g.title)?;
    writeln!(out)?;
    write_steps(out, lang, g)?;
    if !g.notes.is_empty() {
        writeln!(out)?;
        for note in &g.notes {
            writeln!(out, "  • {note}")?;
        }
    }
    Ok(())
}
