//! `esign rules path|show|check|init`: which rules are in effect, and managing the file.

use std::fs;
use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};
use esign::rules::{Rules, EMBEDDED};
use serde::Serialize;

use crate::cli::RulesCommand;
use crate::context::Context;
use crate::exit::Exit;
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
                let looked: Vec<String> = rules_file::config_path()
                    .into_iter()
                    .chain(rules_file::system_paths())
                    .map(|p| p.display().to_string())
                    .collect();
                if looked.is_empty() {
                    writeln!(out, "embedded default rules")
                } else {
                    writeln!(
                        out,
                        "embedded default rules (none of {} found)",
                        looked.join(", ")
                    )
                }
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
    // The institution's file when the IT desk installed one: the user starts from the
    // rules that apply to them, not from the built-in default.
    let system = rules_file::system_file();
    let text = match &system {
        Some(file) => rules_file::read_file(file)?,
        None => EMBEDDED.to_owned(),
    };
    // Write beside the target, then rename: an interrupted run never leaves half a file.
    let tmp = dir.join(".rules.toml.tmp");
    fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    render::text(ctx, |out| match &system {
        Some(file) => writeln!(
            out,
            "copied the institution's rules from {} to {}",
            file.display(),
            path.display()
        ),
        None => writeln!(out, "wrote the default rules to {}", path.display()),
    })?;
    Ok(Exit::Ok)
}
