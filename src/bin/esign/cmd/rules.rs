//! `esign rules path|show|check|init`: which rules are in effect, and managing the file.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};
use esign::rules::{Rules, EMBEDDED};
use serde::Serialize;

use crate::cli::RulesCommand;
use crate::context::Context;
use crate::exit::Exit;
use crate::outfile::OutFile;
use crate::output::OutputFormat;
use crate::render;
use crate::rules_file::{self, RulesSource};

pub fn run(ctx: &Context, command: &RulesCommand) -> Result<Exit> {
    match command {
        RulesCommand::Path => path(ctx),
        RulesCommand::Show => {
            let text = ctx.rules_text()?;
            render::text(ctx, |out| out.write_all(text.as_bytes()))?;
            Ok(Exit::Ok)
        }
        RulesCommand::Check { file } => check(ctx, file.as_deref()),
        RulesCommand::Init { force } => init(ctx, *force),
    }
}

#[derive(Serialize)]
struct PathJson<'a> {
    source: &'a str,
    path: Option<String>,
}

fn path(ctx: &Context) -> Result<Exit> {
    let path = ctx.source.path().map(|p| p.display().to_string());
    match ctx.format {
        OutputFormat::Json => render::json(
            ctx,
            &PathJson {
                source: ctx.source.how(),
                path,
            },
        )?,
        _ => render::text(ctx, |out| match &ctx.source {
            RulesSource::Embedded => {
                let looked = rules_file::config_path()
                    .map(|p| format!(" (no {} found)", p.display()))
                    .unwrap_or_default();
                writeln!(out, "embedded default rules{looked}")
            }
            source => writeln!(out, "{} (from {})", source.origin(), source.how()),
        })?,
    }
    Ok(Exit::Ok)
}

fn check(ctx: &Context, file: Option<&Path>) -> Result<Exit> {
    let (text, origin) = match file {
        Some(path) => (rules_file::read_file(path)?, path.display().to_string()),
        None => (ctx.rules_text()?.to_owned(), ctx.source.origin()),
    };
    // Every problem, each on its own line; main prints them with `esign: error:`.
    Rules::parse(&text, &origin)?;
    render::text(ctx, |out| writeln!(out, "ok: {origin}"))?;
    Ok(Exit::Ok)
}

fn init(ctx: &Context, force: bool) -> Result<Exit> {
    let path = rules_file::config_path().ok_or_else(|| {
        anyhow!("cannot find your config folder: set $HOME (or $XDG_CONFIG_HOME)")
    })?;
    if path.exists() && !force {
        bail!(
            "{} exists already: left untouched; use `esign rules init --force` to replace it",
            path.display()
        );
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
    // The one atomic writer: an interrupted run never leaves half a file.
    let mut file = OutFile::open(&path, &[], ctx.lang)?;
    file.write_all(EMBEDDED.as_bytes())?;
    file.commit()?;
    render::text(ctx, |out| {
        writeln!(out, "wrote the default rules to {}", path.display())
    })?;
    Ok(Exit::Ok)
}
