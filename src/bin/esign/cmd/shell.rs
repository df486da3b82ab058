//! `esign completions SHELL` and `esign man`: generated from the same clap definition.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use esign::lang::Lang;

use crate::cli::Cli;
use crate::help;
use crate::exit::Exit;

pub fn completions(shell: clap_complete::Shell) -> Result<Exit> {
    let mut out = std::io::BufWriter::new(std::io::stdout());
    clap_complete::generate(shell, &mut Cli::command(), "esign", &mut out);
    out.flush()?;
    Ok(Exit::Ok)
}

/// The manual page in `lang`: the command tree of `--help`, rendered by clap_mangen,
/// whose section names are English; they are replaced here.
pub fn man(lang: Lang) -> Result<Exit> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(help::command(lang)).render(&mut roff)?;
    let mut roff = String::from_utf8_lossy(&roff).into_owned();
    for (english, local) in esign::messages::help::words(lang).man_sections {
        roff = roff.replace(&format!(".SH {english}\n"), &format!(".SH {local}\n"));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout());
    out.write_all(roff.as_bytes())?;
    out.flush()?;
    Ok(Exit::Ok)
}
