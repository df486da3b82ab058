//! `esign`: a thin shell around [`run`]. Parses the command line, runs one command,
//! maps the outcome to an exit status. Errors print once, as `esign: error: …`.

mod browser;
mod cli;
mod clock;
mod cmd;
mod context;
mod exit;
mod man;
mod outfile;
mod output;
mod pcsc;
mod pkcs11;
mod render;
mod rules_file;
mod window;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
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
    let cli = match parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    match cmd::run(&cli) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Ok.into(),
        Err(err) => {
            report(&err);
            Exit::Error.into()
        }
    }
}

/// `Cli::try_parse`, without tearing clap's command tree down afterwards: the process
/// ends soon and the system takes the memory back at once, while freeing the tree piece
/// by piece was a fifth of `esign check`'s start-up (callgrind: ~170k of 830k instructions).
fn parse() -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    let parsed = match command.try_get_matches_from_mut(arguments()) {
        Ok(mut matches) => {
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
        }
        Err(e) => Err(e),
    };
    std::mem::forget(command);
    parsed
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

/// `--help` and `--version` succeed; every other clap error is a usage error: one
/// line on stderr and exit status 3, like every other bad input.
fn usage_error(err: &clap::Error) -> ExitCode {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // Written by hand, not `err.print()`, which drops write errors: `--help >
        // /dev/full` must fail naming standard output, and a closed pipe stays quiet.
        let styled = err.render();
        let color = anstream::AutoStream::<io::Stdout>::choice(&io::stdout());
        let text = if color == anstream::ColorChoice::Never {
            styled.to_string()
        } else {
            styled.ansi().to_string()
        };
        return match output::write_stdout(text.as_bytes()) {
            Ok(()) => Exit::Ok.into(),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Ok.into(),
            Err(e) => {
                report(&e.into());
                Exit::Error.into()
            }
        };
    }
    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = err.print();
        return Exit::Error.into();
    }
    let rendered = err.render().to_string();
    let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // Keep clap's hints (possible values, "a similar argument exists") on the same line.
    let tip: String = lines
        .filter_map(|l| {
            l.strip_prefix("tip: ")
                .or_else(|| l.starts_with("[possible values").then_some(l))
        })
        .fold(String::new(), |acc, t| acc + "; " + t);
    let _ = writeln!(
        io::stderr(),
        "esign: error: {first}{tip}; see 'esign --help'"
    );
    Exit::Error.into()
}

/// The error chain on one line per line of text, each cause once: a cause whose text its
/// context already quotes (`reading the roster: Is a directory`) is not repeated, and a
/// context that a cause already holds (the file name) is not either.
fn chain_text(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        // A context that only named the file, and a cause that names it too.
        if !message.is_empty() && text.contains(&message) {
            message = text;
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

fn report(err: &anyhow::Error) {
    let message = chain_text(err);
    let mut stderr = io::stderr().lock();
    // Control characters from input (a certificate name, a file name) are escaped, so
    // no input can forge a line or move the terminal's cursor.
    for line in message.lines() {
        let line = esign::text::escape_controls(line);
        let _ = writeln!(stderr, "esign: error: {line}");
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
