//! `esign completions SHELL` and `esign man`: generated from the same clap definition
//! (the page's extra sections are in `man.rs`).

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use esign::lang::Lang;

use crate::cli::Cli;
use crate::exit::Exit;

pub fn completions(shell: clap_complete::Shell) -> Result<Exit> {
    let mut out = std::io::BufWriter::new(std::io::stdout());
    clap_complete::generate(shell, &mut Cli::command(), "esign", &mut out);
    out.flush()?;
    Ok(Exit::Ok)
}

/// The manual page in `lang` (see [`crate::man`]).
pub fn man(lang: Lang) -> Result<Exit> {
    let mut out = std::io::BufWriter::new(std::io::stdout());
    crate::man::render(&mut out, lang)?;
    out.flush()?;
    Ok(Exit::Ok)
}
