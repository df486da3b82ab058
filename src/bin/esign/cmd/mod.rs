//! One module per subcommand: arguments in, one core call, one renderer, an [`Exit`].

mod card;
mod check;
mod doctor;
mod fee;
mod guide;
mod portal;
mod remind;
mod roster;
mod rules;
mod shell;

use anyhow::{bail, Result};
use esign::rules::Task;

use crate::cli::{Cli, Command, RulesCommand};
use crate::context::Context;
use crate::exit::Exit;
use crate::output::OutputFormat::{self, Csv, Json, Text};

/// Which output formats each command writes, and so accepts. One table: a command
/// asked for another format exits 3 naming the ones it has, rather than guess.
pub fn formats(command: &Command) -> (&'static str, &'static [OutputFormat]) {
    match command {
        Command::Check(_) => ("check", &[Text, Json]),
        Command::Card(_) => ("card", &[Text, Json]),
        Command::Doctor(_) => ("doctor", &[Text, Json]),
        Command::DoctorProbe { .. } => ("doctor-probe", &[Text, Json]),
        Command::Fee(_) => ("fee", &[Text, Json]),
        Command::Guide => ("guide", &[Text]),
        Command::Unlock(_) => ("unlock", &[Text, Json]),
        Command::Suspend(_) => ("suspend", &[Text, Json]),
        Command::Revoke(_) => ("revoke", &[Text, Json]),
        Command::Open { .. } => ("open", &[Text]),
        Command::Rules(RulesCommand::Path) => ("rules path", &[Text, Json]),
        Command::Rules(RulesCommand::Show) => ("rules show", &[Text]),
        Command::Rules(RulesCommand::Check { .. }) => ("rules check", &[Text]),
        Command::Rules(RulesCommand::Init { .. }) => ("rules init", &[Text]),
        Command::Roster(_) => ("roster", &[Text, Json, Csv]),
        Command::Remind(_) => ("remind", &[Text]),
        Command::Completions { .. } => ("completions", &[Text]),
        Command::Man => ("man", &[Text]),
    }
}

pub fn run(cli: &Cli) -> Result<Exit> {
    let ctx = Context::new(&cli.global)?;
    let (name, supported) = formats(&cli.command);
    if !supported.contains(&ctx.format) {
        let names: Vec<&str> = supported.iter().map(|f| f.as_str()).collect();
        bail!(
            "esign {name} does not write {}: it writes {}",
            ctx.format.as_str(),
            names.join(", ")
        );
    }
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
        Command::Card(args) => card::run(&ctx, args),
        Command::Doctor(args) => doctor::run(&ctx, args),
        Command::DoctorProbe { target } => doctor::probe(target),
        Command::Fee(args) => fee::run(&ctx, args),
        Command::Guide => guide::run(ctx),
        Command::Unlock(args) => portal::run(&ctx, Task::Unlock, args.open),
        Command::Suspend(args) => portal::run(&ctx, Task::Suspend, args.open),
        Command::Revoke(args) => portal::run(&ctx, Task::Revoke, args.open),
        Command::Open { target } => portal::open(&ctx, *target),
        Command::Rules(command) => rules::run(&ctx, command),
        Command::Roster(args) => roster::run(&ctx, args),
        Command::Remind(args) => remind::run(&ctx, args),
        Command::Completions { shell } => shell::completions(*shell),
        Command::Man => shell::man(),
    }
}
