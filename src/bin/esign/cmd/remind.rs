//! `esign remind`: calendar reminders (iCalendar) for one certificate.

use std::io::Write;

use anyhow::{Context as _, Result};
use chrono::Utc;
use esign::date::parse_date;
use esign::ics::{self, Reminder};

use crate::cli::RemindArgs;
use crate::context::Context;
use crate::exit::Exit;
use crate::outfile::{Input, OutFile};
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
    match args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            let inputs: Vec<Input<'_>> = ctx
                .source
                .path()
                .map(|path| Input::File {
                    path,
                    role: "rules file",
                })
                .into_iter()
                .collect();
            let mut file = OutFile::open(path, &inputs, ctx.lang)?;
            file.write_all(calendar.as_bytes())?;
            file.commit()?;
            let message = esign::advice::calendar_written(
                &esign::file_error::shown(path),
                reminder.window_opens,
                expiry,
                ctx.lang,
            );
            render::text(ctx, |out| writeln!(out, "{message}"))?;
        }
        None if ctx.quiet => {}
        None => {
            // iCalendar is data: never coloured, never ASCII-folded (it is UTF-8 by definition).
            let mut out = OutFile::stdout();
            out.write_all(calendar.as_bytes())?;
            out.commit()?;
        }
    }
    Ok(Exit::Ok)
}
