//! `esign completions SHELL` and `esign man`: generated from the same clap definition
//! (the page's extra sections are in `man.rs`).

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;
use crate::exit::Exit;
use crate::output;

/// Generated into memory, then written: `clap_complete` panics on a write error, and a
/// full disk or closed pipe must end as exit 3 or quietly instead.
pub fn completions(shell: clap_complete::Shell) -> Result<Exit> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "esign", &mut script);
    output::write_stdout(&script)?;
    Ok(Exit::Ok)
}

pub fn man() -> Result<Exit> {
    let mut out = std::io::BufWriter::new(output::StdoutSink::new());
    crate::man::render(&mut out)?;
    out.flush()?;
    Ok(Exit::Ok)
}
