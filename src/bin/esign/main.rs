//! `esign`: a thin shell around [`run`]. Parses the command line, runs one command,
//! maps the outcome to an exit status. Errors print once, as `esign: error: …`
//! (`esign: hata: …` in Turkish).

mod browser;
mod cli;
mod clock;
mod cmd;
mod context;
mod exit;
mod help;
mod man;
mod outfile;
mod output;
mod pcsc;
mod pkcs11;
mod render;
mod rules_file;
mod say;
mod window;

use std::ffi::OsString;
use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::exit::Exit;

fn main() -> ExitCode {
    let code = run();
    // A double-clicked esign.exe gets a console that closes as it exits (issue 14).
    window::hold_if_alone();
    code
}

fn run() -> ExitCode {
    let args = arguments();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(err) => return help::refused(&err, &args),
    };
    match cmd::run(&cli) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Ok.into(),
        Err(err) => {
            let voice = say::Voice {
                lang: context::voice_lang(cli.global.lang),
                ascii: cli.global.ascii,
            };
            voice.error(&err);
            Exit::Error.into()
        }
    }
}

/// `Cli::try_parse`, with three savings for start-up:
///
/// - for the common subcommands ([`LONE`], `check` among them), the tree is built from
///   the root's options and that subcommand's struct alone, never the whole tree:
///   `esign check` 753k → 647k instructions (callgrind), 180 → 150 page faults;
/// - the command tree holds only the subcommand the command line names. clap copies
///   every global option (`--lang`, `--today`, …) into every subcommand when it builds
///   the tree, and all but one of those copies were wasted: a fifth of `esign check`'s
///   instructions (928k → 753k, callgrind) and 30 page faults. A line this tree
///   refuses (help, a typo, a subcommand's name given as an option's value) is parsed
///   again with the whole tree, so every message and `--help` is the one the whole
///   tree gives;
/// - the tree is not torn down afterwards: the process ends soon and the system takes the
///   memory back at once, while freeing it piece by piece was a fifth of start-up.
///
/// Help and usage errors are not shown from here: [`help::refused`] builds the command
/// again in the user's language, only then.
fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    if let Some(mut lone) = lone_tree(args) {
        let parsed = parse_with(&mut lone, args);
        std::mem::forget(lone);
        if parsed.is_ok() {
            return parsed;
        }
    }
    let mut whole = Cli::command();
    if let Some(mut one) = with_one_subcommand(&mut whole, args) {
        let parsed = parse_with(&mut one, args);
        std::mem::forget(one);
        if parsed.is_ok() {
            std::mem::forget(whole);
            return parsed;
        }
        // The subcommand was moved out of `whole`: build it again.
        std::mem::forget(whole);
        whole = Cli::command();
    }
    let parsed = parse_with(&mut whole, args);
    std::mem::forget(whole);
    parsed
}

fn parse_with(command: &mut clap::Command, args: &[OsString]) -> Result<Cli, clap::Error> {
    match command.try_get_matches_from_mut(args.iter()) {
        Ok(mut matches) => Cli::from_arg_matches_mut(&mut matches),
        Err(e) => Err(e),
    }
}

/// The root's options and groups with one subcommand, moved out of `whole`: the first
/// argument that names a subcommand (or an alias of one). `None` when none does.
///
/// A line this tree parses is parsed the same by the whole tree: the root has no
/// positional arguments, so the first word that is not an option or an option's value
/// is the subcommand, and here it can only be this one.
fn with_one_subcommand(whole: &mut clap::Command, args: &[OsString]) -> Option<clap::Command> {
    let name = args
        .iter()
        .skip(1)
        .find(|arg| whole.find_subcommand(arg).is_some())?;
    // The name shows only in messages, and those come from the whole tree.
    let root = clap::Command::new("esign")
        .args(whole.get_arguments().cloned())
        .groups(whole.get_groups().cloned());
    let subcommand = std::mem::take(whole.find_subcommand_mut(name)?);
    Some(root.subcommand(subcommand))
}

/// Adds a derived struct's arguments to a command.
type Augment = fn(clap::Command) -> clap::Command;

/// Subcommands whose options one derived struct holds and that have no alias: their
/// tree is built from that struct alone ([`lone_tree`]).
const LONE: [(&str, Augment); 7] = [
    ("check", <cli::CheckArgs as clap::Args>::augment_args),
    ("card", <cli::CardArgs as clap::Args>::augment_args),
    ("doctor", <cli::DoctorArgs as clap::Args>::augment_args),
    ("fee", <cli::FeeArgs as clap::Args>::augment_args),
    ("roster", <cli::RosterArgs as clap::Args>::augment_args),
    ("notify", <cli::NotifyArgs as clap::Args>::augment_args),
    ("remind", <cli::RemindArgs as clap::Args>::augment_args),
];

/// The tree of [`with_one_subcommand`] without building the whole tree first, for the
/// subcommands in [`LONE`] (`check` runs from cron every few minutes): the root's
/// options and the one subcommand, built from their structs. clap's derive builds every
/// subcommand at once, the whole tree being a sixth of `esign check`'s instructions and
/// most of its heap. `None` when the first argument naming a subcommand is not in
/// [`LONE`]; a line this tree refuses goes on to [`with_one_subcommand`].
fn lone_tree(args: &[OsString]) -> Option<clap::Command> {
    let (name, build) = args
        .iter()
        .skip(1)
        .find_map(|arg| LONE.iter().find(|(name, _)| arg == *name))?;
    let root = <cli::GlobalArgs as clap::Args>::augment_args(clap::Command::new("esign"));
    Some(root.subcommand(build(clap::Command::new(*name))))
}

/// The command line; `esign` alone in a console means `esign guide` (issue 14). Without a
/// terminal on both ends it stays a usage error, so it never waits on a pipe.
fn arguments() -> Vec<OsString> {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    if args.len() == 1 && io::stdin().is_terminal() && io::stdout().is_terminal() {
        args.push("guide".into());
    }
    args
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example of every `--help` (the lines `esign …`, up to any shell syntax), as
    /// written and with global options before and after the subcommand; then each with
    /// `--rules check` first (a subcommand's name as an option's value). With whether
    /// the tree with one subcommand should parse it.
    fn example_lines() -> Vec<(Vec<String>, bool)> {
        fn collect(command: &clap::Command, out: &mut Vec<Vec<String>>) {
            for text in [command.get_after_help(), command.get_after_long_help()]
                .into_iter()
                .flatten()
            {
                for line in text.to_string().lines() {
                    let Some(rest) = line.trim().strip_prefix("esign") else {
                        continue;
                    };
                    let words: Vec<String> = rest
                        .split_whitespace()
                        .take_while(|w| !matches!(*w, ">" | "&&" | "|") && !w.contains(['"', '\'']))
                        .map(str::to_owned)
                        .collect();
                    out.push(words);
                }
            }
            for sub in command.get_subcommands() {
                collect(sub, out);
            }
        }
        let mut examples = Vec::new();
        collect(&Cli::command(), &mut examples);
        let line = |before: &[&str], words: &[String], after: &[&str]| -> Vec<String> {
            let mut line = vec!["esign".to_owned()];
            line.extend(before.iter().map(|w| (*w).to_owned()));
            line.extend(words.iter().cloned());
            line.extend(after.iter().map(|w| (*w).to_owned()));
            line
        };
        let mut lines = Vec::new();
        for words in examples.iter().filter(|w| !w.is_empty()) {
            lines.push((line(&[], words, &[]), true));
            let globals = line(
                &["--lang", "tr", "--today", "2025-01-01"],
                words,
                &["--ascii", "--color", "never"],
            );
            lines.push((globals, true));
            lines.push((line(&["--rules", "check"], words, &[]), words[0] == "check"));
        }
        lines
    }

    /// The tree with one subcommand parses every line as the whole tree does, to the same
    /// values or the same error; and it is what parses every valid example.
    #[test]
    fn one_subcommand_parses_as_the_whole_tree() {
        let lines = example_lines();
        assert!(lines.len() > 60, "{} example lines", lines.len());
        let mut valid = 0;
        for (line, fast) in &lines {
            let args: Vec<OsString> = line.iter().map(OsString::from).collect();
            let whole = parse_with(&mut Cli::command(), &args);
            let parsed = parse(&args);
            assert_eq!(format!("{parsed:?}"), format!("{whole:?}"), "{line:?}");
            let one = with_one_subcommand(&mut Cli::command(), &args)
                .is_some_and(|mut one| parse_with(&mut one, &args).is_ok());
            assert_eq!(one, *fast && whole.is_ok(), "{line:?}");
            valid += usize::from(whole.is_ok());
        }
        // The examples are valid command lines (a few need a file esign checks later).
        assert!(
            valid * 10 > lines.len() * 9,
            "{valid} of {} lines valid",
            lines.len()
        );
    }

    /// Each subcommand of [`LONE`] is built alone as the whole tree builds it: the same
    /// name, no alias, the same arguments and groups with the same settings; the root the
    /// same options.
    #[test]
    fn lone_subcommands_are_the_whole_trees() {
        let mut whole = Cli::command();
        whole.build();
        for (name, _) in LONE {
            let args: Vec<OsString> = ["esign", name].iter().map(OsString::from).collect();
            let mut lone = lone_tree(&args).expect(name);
            lone.build();
            let in_whole = whole.find_subcommand(name).expect(name);
            let alone = lone.find_subcommand(name).expect(name);
            assert_eq!(in_whole.get_all_aliases().count(), 0, "{name} has an alias");
            let dump = |c: &clap::Command| {
                let args: Vec<String> = c.get_arguments().map(|a| format!("{a:?}")).collect();
                let groups: Vec<String> = c.get_groups().map(|g| format!("{g:?}")).collect();
                (args, groups)
            };
            assert_eq!(dump(alone), dump(in_whole), "{name}");
            let root = |c: &clap::Command| {
                c.get_arguments()
                    .filter(|a| !["help", "version"].contains(&a.get_id().as_str()))
                    .map(|a| format!("{a:?}"))
                    .collect::<Vec<_>>()
            };
            assert_eq!(root(&lone), root(&whole), "{name}");
        }
        // And no other subcommand is left out by mistake: the ones not in LONE have an
        // alias, subcommands of their own, or no options struct.
        assert_eq!(LONE.len(), 7);
    }

    /// A subcommand's name as another option's value: the lone tree of the first name
    /// on the line must not take it for the subcommand.
    #[test]
    fn names_as_values_parse_as_in_the_whole_tree() {
        for line in [
            "esign --today check fee",
            "esign --today fee check --expiry 2025-06-01",
            "esign --rules roster check --expiry 2025-06-01",
            "esign fee --title check --cause lost",
            "esign roster check",
        ] {
            let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
            let whole = parse_with(&mut Cli::command(), &args);
            let parsed = parse(&args);
            assert_eq!(format!("{parsed:?}"), format!("{whole:?}"), "{line}");
        }
    }

    /// Lines the tree with one subcommand refuses get the whole tree's answer.
    #[test]
    fn refused_lines_get_the_whole_trees_error() {
        for line in [
            "esign chek",
            "esign check --expiry",
            "esign check --help",
            "esign help check",
            "esign --version",
            "esign check --no-such-option",
            "esign rules frobnicate",
            "esign check --expiry 2025-06-01 extra",
            "esign --lang xx check",
            "esign fee --today check --cause lost --duty",
            "esign check --expiry 2025-06-01 fee",
            "esign --version check",
        ] {
            let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
            let whole = parse_with(&mut Cli::command(), &args).unwrap_err();
            let parsed = parse(&args).unwrap_err();
            assert_eq!(parsed.kind(), whole.kind(), "{line}");
            assert_eq!(parsed.to_string(), whole.to_string(), "{line}");
        }
    }
}
