//! `esign check`: where do I stand with my certificate?

use anyhow::{Context as _, Result};
use esign::date::parse_date;
use esign::renewal::assess;

use crate::cli::CheckArgs;
use crate::context::Context;
use crate::exit::Exit;
use crate::render;

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<Exit> {
    let expiry = parse_date(&args.expiry).context("--expiry")?;
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let renewal = assess(expiry, moment.today, rules.lead);
    render::check::renewal(ctx, rules, &renewal)?;
    Ok(renewal.state.into())
}
