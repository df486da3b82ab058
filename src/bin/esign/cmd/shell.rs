//! `esign completions SHELL` and `esign man`: generated from the same clap definition
//! (the page's extra sections are in `man.rs`).

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use esign::lang::Lang;

use crate::cli::Cli;
use crate::exit::Exit;
use crate::help::Offer;
use crate::output;

/// Generated into memory, then written: `clap_complete` panics on a write error, and a
/// full disk or closed pipe must end as exit 3 or quietly instead.
pub fn completions(shell: clap_complete::Shell) -> Result<Exit> {
    let mut out = Vec::new();
    // Only the options each command honours are offered (issue 10 §5); the words stay
    // English: scripts are generated once, at install time.
    let mut cli = crate::help::offer_only_honoured(Cli::command(), Lang::En, Offer::Completions);
    clap_complete::generate(shell, &mut cli, "esign", &mut out);
    output::write_stdout(&out)?;
    Ok(Exit::Ok)
}

/// The manual page in `lang` (see [`crate::man`]).
pub fn man(lang: Lang) -> Result<Exit> {
    let mut out = std::io::BufWriter::new(output::StdoutSink::new());
    crate::man::render(&mut out, lang)?;
    out.flush()?;
    Ok(Exit::Ok)
}
