//! `esign fee`: who pays for a renewal, and what must happen first.

use anyhow::{anyhow, Result};
use esign::fee::{self, table, FeeError, Whose};
use esign::lang::Lang;
use esign::rules::Rules;

use crate::cli::FeeArgs;
use crate::context::Context;
use crate::exit::Exit;
use crate::render;

pub fn run(ctx: &Context, args: &FeeArgs) -> Result<Exit> {
    let rules = ctx.rules()?;
    if args.table {
        render::fee::table(ctx, rules, &table(rules))?;
        return Ok(Exit::Ok);
    }
    let whose = match (&args.duty, &args.title) {
        (Some(id), _) => Some(Whose::Duty(id)),
        (None, Some(title)) => Some(Whose::Title(title)),
        (None, None) => None,
    };
    let decision = fee::request(rules, whose, args.cause.as_deref())
        .map_err(|e| anyhow!(message(&e, rules, ctx.lang)))?;
    render::fee::decision(ctx, rules, &decision)?;
    Ok(Exit::Ok)
}

/// The error as the desk reads it: what was wrong, and the ids (with labels) to use.
fn message(err: &FeeError, rules: &Rules, lang: Lang) -> String {
    let duties = || id_list(rules.duties.iter().map(|d| (d.id.as_str(), d.label(lang))));
    let causes = || id_list(rules.causes.iter().map(|c| (c.id.as_str(), c.label(lang))));
    match err {
        FeeError::UnknownDuty { given, .. } => {
            format!("unknown duty \"{given}\": use --duty with one of {}", duties())
        }
        FeeError::UnknownTitle { given, .. } => format!(
            "no duty lists the title \"{given}\": use --duty with one of {} (or add the title to the rules)",
            duties()
        ),
        FeeError::NoDuty { .. } => format!(
            "say whose card it is: --duty with one of {}, or --title",
            duties()
        ),
        FeeError::UnknownCause { given, .. } => {
            format!("unknown cause \"{given}\": use --cause with one of {}", causes())
        }
        FeeError::NoCause { .. } => format!(
            "say why the card is renewed: --cause with one of {}",
            causes()
        ),
    }
}

/// `id (label), id (label), …`: what an error offers instead of an unknown id.
fn id_list<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    items
        .map(|(id, label)| format!("{id} ({label})"))
        .collect::<Vec<_>>()
        .join(", ")
}
