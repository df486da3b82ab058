//! One module per subcommand: arguments in, one core call, one renderer, an [`Exit`].

mod card;
mod check;
mod doctor;
mod fee;
mod guide;
mod notify;
mod portal;
mod remind;
pub mod roster;
mod rules;
mod shell;

use anyhow::Result;
use esign::messages::Problem;
use esign::rules::Task;

use crate::cli::{Cli, ColorArg, Command, RulesCommand};
use crate::context::Context;
use crate::exit::Exit;
use crate::output::OutputFormat::{self, Csv, Json, Nagios, Prometheus, Text};

/// A command's name as help and messages write it (`rules path`).
pub fn name(command: &Command) -> &'static str {
    match command {
        Command::Check(_) => "check",
        Command::Card(_) => "card",
        Command::Doctor(_) => "doctor",
        Command::DoctorProbe { .. } => "doctor-probe",
        Command::Fee(_) => "fee",
        Command::Guide => "guide",
        Command::Unlock(_) => "unlock",
        Command::Suspend(_) => "suspend",
        Command::Revoke(_) => "revoke",
        Command::Open { .. } => "open",
        Command::Rules(RulesCommand::Path) => "rules path",
        Command::Rules(RulesCommand::Show) => "rules show",
        Command::Rules(RulesCommand::Check { .. }) => "rules check",
        Command::Rules(RulesCommand::Init { .. }) => "rules init",
        Command::Roster(_) => "roster",
        Command::Notify(_) => "notify",
        Command::Remind(_) => "remind",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
    }
}

/// Which output formats each command (by [`name`]) writes, and so accepts. One table: a
/// command asked for another format exits 3 naming the ones it has, rather than guess;
/// its help lists only these.
pub fn formats(name: &str) -> &'static [OutputFormat] {
    match name {
        "doctor" | "doctor-probe" | "fee" | "unlock" | "suspend" | "revoke" | "rules path" => {
            &[Text, Json]
        }
        "check" => &[Text, Json, Nagios, Prometheus],
        "card" => &[Text, Json, Prometheus],
        "roster" => &[Text, Json, Csv, Nagios, Prometheus],
        _ => &[Text],
    }
}

/// The global options a command honours, besides `--lang` and `--ascii` (every command
/// speaks, if only in its errors) and `--format`/`--json` ([`formats`]).
#[derive(Debug, Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // four independent facts, named
pub struct Honours {
    /// `--rules`: the command uses the institution's rules.
    pub rules: bool,
    /// `--today` and `--now`: the command's answer depends on the day.
    pub clock: bool,
    /// `--quiet`: the command prints an answer a script may not want.
    pub quiet: bool,
    /// `--color`: the command colours its text.
    pub color: bool,
}

/// One table (issue 10 §5): an option given to a command that would ignore it exits 3
/// naming it, and the command's help does not offer it.
pub fn honours(name: &str) -> Honours {
    let h = |rules, clock, quiet, color| Honours {
        rules,
        clock,
        quiet,
        color,
    };
    match name {
        "remind" => h(true, true, true, false),
        "notify" => h(true, true, true, false),
        "guide" => h(true, true, false, true),
        "fee" | "unlock" | "suspend" | "revoke" => h(true, false, true, true),
        "open" | "rules path" | "rules show" | "rules check" => h(true, false, true, false),
        "rules init" => h(false, false, true, false),
        "completions" | "man" => h(false, false, false, false),
        // check, card, roster, doctor; doctor-probe is doctor's own helper; a parent
        // (`rules`) is never run by itself.
        _ => h(true, true, true, true),
    }
}

/// The first global option given that the command would ignore.
fn not_honoured(cli: &Cli, name: &str) -> Option<&'static str> {
    let honours = honours(name);
    let g = &cli.global;
    [
        (g.rules.is_some() && !honours.rules, "--rules"),
        (g.today.is_some() && !honours.clock, "--today"),
        (g.now.is_some() && !honours.clock, "--now"),
        (g.quiet && !honours.quiet, "--quiet"),
        (g.color != ColorArg::Auto && !honours.color, "--color"),
    ]
    .into_iter()
    .find_map(|(refused, option)| refused.then_some(option))
}

/// `-o FILE` of check, card and roster: a file for the monitoring formats only (the
/// others go to standard output, where the shell can redirect them).
pub fn monitoring_output<'a>(
    ctx: &Context,
    output: Option<&'a std::path::Path>,
) -> Result<Option<&'a std::path::Path>> {
    if output.is_some() && !ctx.format.is_monitoring() {
        return Err(Problem::OutputNotMonitoring {
            format: ctx.format.as_str(),
        }
        .into());
    }
    Ok(output)
}

pub fn run(cli: &Cli) -> Result<Exit> {
    let name = name(&cli.command);
    if let Some(option) = not_honoured(cli, name) {
        return Err(Problem::NotHonoured {
            option,
            command: name,
        }
        .into());
    }
    let ctx = Context::new(&cli.global)?;
    let supported = formats(name);
    if !supported.contains(&ctx.format) {
        return Err(Problem::FormatNotWritten {
            command: name,
            format: ctx.format.as_str(),
            supported: supported.iter().map(|f| f.as_str()).collect(),
        }
        .into());
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
        Command::Notify(args) => notify::run(&ctx, args),
        Command::Remind(args) => remind::run(&ctx, args),
        Command::Completions { shell } => shell::completions(*shell),
        Command::Man => shell::man(ctx.lang),
    }
}
