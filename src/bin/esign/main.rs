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

/// `Cli::try_parse`, with two savings for start-up:
///
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
        ] {
            let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
            let whole = parse_with(&mut Cli::command(), &args).unwrap_err();
            let parsed = parse(&args).unwrap_err();
            assert_eq!(parsed.kind(), whole.kind(), "{line}");
            assert_eq!(parsed.to_string(), whole.to_string(), "{line}");
        }
    }
}
