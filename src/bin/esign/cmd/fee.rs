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
    let duties: Vec<_> = rules
        .duties
        .iter()
        .map(|d| (d.id.clone(), d.label(lang).to_owned()))
        .collect();
    let causes: Vec<_> = rules
        .causes
        .iter()
        .map(|c| (c.id.clone(), c.label(lang).to_owned()))
        .collect();
    esign::messages::fee_error(err, &duties, &causes, lang)
}
