//! One module per subcommand: arguments in, one core call, one renderer, an [`Exit`].

mod card;
mod check;
mod rules;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::exit::Exit;

pub fn run(cli: Cli) -> Result<Exit> {
    let ctx = Context::new(&cli.global)?;
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
        Command::Card(args) => card::run(&ctx, args),
        Command::Rules(command) => rules::run(&ctx, command),
    }
}
