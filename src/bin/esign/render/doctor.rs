//! `esign doctor` output: one line per check (a mark, the check, the finding) and an
//! indented fix line where there is something to do; or JSON, one object per check.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use esign::doctor::{self, Diagnosis, Status};
use esign::lang::Lang;

use crate::context::Context;
use crate::output::OutputFormat;

/// Prints the diagnosis in the format asked for.
pub fn diagnosis(ctx: &Context, diagnosis: &Diagnosis) -> Result<()> {
    let view = diagnosis.view(ctx.lang);
    if ctx.format == OutputFormat::Json {
        return super::json(ctx, &view);
    }
    let width = view
        .checks
        .iter()
        .map(|c| c.label.chars().count())
        .max()
        .unwrap_or(0);
    let fix_word = match ctx.lang {
        Lang::En => "fix",
        Lang::Tr => "çözüm",
    };
    super::text(ctx, |out: &mut dyn Write| {
        writeln!(out, "{}", doctor::title(ctx.lang))?;
        writeln!(out)?;
        for check in &view.checks {
            let (mark, style) = mark(check.status, ctx.ascii);
            writeln!(
                out,
                "{style}{mark}{style:#} {label:<width$}  {finding}",
                label = check.label,
                finding = check.finding,
            )?;
            if let Some(fix) = &check.fix {
                let arrow = if ctx.ascii { "->" } else { "→" };
                writeln!(
                    out,
                    "{:indent$}{arrow} {fix_word}: {fix}",
                    "",
                    indent = mark.chars().count() + width + 3
                )?;
            }
        }
        writeln!(out)?;
        writeln!(out, "{}", doctor::summary(diagnosis.worst(), ctx.lang))
    })
}

/// The status mark: symbols on a terminal, bracketed words with `--ascii`.
fn mark(status: Status, ascii: bool) -> (&'static str, Style) {
    let color = |c: AnsiColor| Style::new().fg_color(Some(c.into())).bold();
    match (status, ascii) {
        (Status::Ok, false) => ("✓", color(AnsiColor::Green)),
        (Status::Info, false) => ("i", color(AnsiColor::Cyan)),
        (Status::Warning, false) => ("!", color(AnsiColor::Yellow)),
        (Status::Problem, false) => ("✗", color(AnsiColor::Red)),
        (Status::Skipped, false) => ("–", Style::new().dimmed()),
        (Status::Ok, true) => ("[ok]", color(AnsiColor::Green)),
        (Status::Info, true) => ("[i] ", color(AnsiColor::Cyan)),
        (Status::Warning, true) => ("[!] ", color(AnsiColor::Yellow)),
        (Status::Problem, true) => ("[X] ", color(AnsiColor::Red)),
        (Status::Skipped, true) => ("[-] ", Style::new().dimmed()),
    }
}
