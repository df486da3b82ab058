//! `esign fee`: who pays for a renewal, and what must happen first.

use anyhow::{anyhow, Result};
use esign::fee::{decide_for, table};
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
    let duty = match (&args.duty, &args.title) {
        (Some(id), _) => rules
            .duty(id.trim())
            .ok_or_else(|| anyhow!("unknown duty \"{id}\": use --duty with one of {}", duty_list(rules, ctx.lang)))?,
        (None, Some(title)) => rules.duty_by_title(title).ok_or_else(|| {
            anyhow!(
                "no duty lists the title \"{title}\": use --duty with one of {} (or add the title to the rules)",
                duty_list(rules, ctx.lang)
            )
        })?,
        (None, None) => return Err(anyhow!("say whose card it is: --duty with one of {}, or --title", duty_list(rules, ctx.lang))),
    };
    let cause = match &args.cause {
        Some(id) => rules.cause(id.trim()).ok_or_else(|| {
            anyhow!(
                "unknown cause \"{id}\": use --cause with one of {}",
                cause_list(rules, ctx.lang)
            )
        })?,
        None => {
            return Err(anyhow!(
                "say why the card is renewed: --cause with one of {}",
                cause_list(rules, ctx.lang)
            ))
        }
    };
    render::fee::decision(ctx, rules, &decide_for(rules, duty, cause))?;
    Ok(Exit::Ok)
}

fn duty_list(rules: &Rules, lang: Lang) -> String {
    id_list(rules.duties.iter().map(|d| (d.id.as_str(), d.label(lang))))
}

fn cause_list(rules: &Rules, lang: Lang) -> String {
    id_list(rules.causes.iter().map(|c| (c.id.as_str(), c.label(lang))))
}

/// `id (label), id (label), …`: what an error offers instead of an unknown id.
fn id_list<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    items
        .map(|(id, label)| format!("{id} ({label})"))
        .collect::<Vec<_>>()
        .join(", ")
}
