//! One module per subcommand: arguments in, one core call, one renderer, an [`Exit`].

mod check;
mod remind;
mod roster;
mod rules;

use anyhow::{bail, Result};

use crate::cli::{Cli, Command, FormatArg};
use crate::context::Context;
use crate::exit::Exit;

pub fn run(cli: Cli) -> Result<Exit> {
    let ctx = Context::new(&cli.global)?;
    // CSV is a roster format only; every other command refuses it rather than guess.
    if cli.global.format == Some(FormatArg::Csv) && !matches!(cli.command, Command::Roster(_)) {
        bail!("--format csv is only for `esign roster`: use --format text or --format json here");
    }
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
        Command::Rules(command) => rules::run(&ctx, command),
        Command::Roster(args) => roster::run(&ctx, args, cli.global.format),
        Command::Remind(args) => remind::run(&ctx, args),
    }
}
