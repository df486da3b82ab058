//! One module per subcommand: arguments in, one core call, one renderer, an [`Exit`].

mod card;
mod check;
mod fee;
mod portal;
mod remind;
mod roster;
pub mod rules;
mod shell;

use anyhow::Result;
use esign::messages::Problem;
use esign::rules::Task;

use crate::cli::{Cli, Command, FormatArg};
use crate::context::Context;
use crate::exit::Exit;

pub fn run(cli: &Cli) -> Result<Exit> {
    let ctx = Context::new(&cli.global)?;
    // CSV is a roster format only; every other command refuses it rather than guess.
    if cli.global.format == Some(FormatArg::Csv) && !matches!(cli.command, Command::Roster(_)) {
        return Err(Problem::CsvOnlyForRoster.into());
    }
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
        Command::Card(args) => card::run(&ctx, args),
        Command::Fee(args) => fee::run(&ctx, args),
        Command::Unlock(args) => portal::run(&ctx, Task::Unlock, args.open),
        Command::Suspend(args) => portal::run(&ctx, Task::Suspend, args.open),
        Command::Revoke(args) => portal::run(&ctx, Task::Revoke, args.open),
        Command::Open { target } => portal::open(&ctx, *target),
        Command::Rules(command) => rules::run(&ctx, command),
        Command::Roster(args) => roster::run(&ctx, args, cli.global.format),
        Command::Remind(args) => remind::run(&ctx, args),
        Command::Completions { shell } => shell::completions(*shell),
        Command::Man => shell::man(ctx.lang),
    }
}
