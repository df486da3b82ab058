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

/// `Cli::try_parse`, without tearing clap's command tree down afterwards: the process
/// ends soon and the system takes the memory back at once, while freeing the tree piece
/// by piece was a fifth of `esign check`'s start-up (callgrind: ~170k of 830k instructions).
/// Help and usage errors are not shown from here: [`help::refused`] builds the command
/// again in the user's language, only then.
fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    let parsed = match command.try_get_matches_from_mut(args.iter()) {
        Ok(mut matches) => Cli::from_arg_matches_mut(&mut matches),
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

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
