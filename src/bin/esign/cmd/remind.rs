//! `esign remind`: calendar reminders (iCalendar) for one certificate.

use std::io::Write;

use anyhow::{Context as _, Result};
use chrono::Utc;
use esign::date::parse_date;
use esign::ics::{self, Reminder};
use esign::messages::{Localize, Problem};

use crate::atomic::AtomicFile;
use crate::cli::RemindArgs;
use crate::context::Context;
use crate::exit::Exit;
use crate::render;

pub fn run(ctx: &Context, args: &RemindArgs) -> Result<Exit> {
    let expiry = parse_date(&args.expiry).context("--expiry")?;
    let rules = ctx.rules()?;
    let now = ctx.moment()?.now.with_timezone(&Utc);
    let reminder = Reminder {
        person: args.name.as_deref(),
        expiry,
        window_opens: rules.lead.window_opens(expiry),
    };
    let calendar = ics::calendar(&[reminder], rules, ctx.lang, now);
    match &args.output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            file.write_all(calendar.as_bytes()).with_context(|| {
                Problem::CannotWrite {
                    path: path.display().to_string(),
                }
                .localize(ctx.lang)
            })?;
            file.commit()?;
            let message = esign::advice::calendar_written(
                &path.display().to_string(),
                reminder.window_opens,
                expiry,
                ctx.lang,
            );
            render::text(ctx, |out| writeln!(out, "{message}"))?;
        }
        None if ctx.quiet => {}
        None => {
            // iCalendar is data: never coloured, never ASCII-folded (it is UTF-8 by definition).
            let mut out = std::io::BufWriter::new(std::io::stdout());
            out.write_all(calendar.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(Exit::Ok)
}
