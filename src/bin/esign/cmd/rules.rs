//! `esign rules path|show|check|init`: which rules are in effect, and managing the file.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result};
use esign::messages::{Localize, Problem, RulesSaid};
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
            // The file as written, to be saved and edited: an ASCII transliteration
            // would be a different (wrong) rules file.
            if ctx.ascii {
                return Err(Problem::NotHonoured {
                    option: "--ascii",
                    command: "rules show",
                }
                .into());
            }
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
    if ctx.format == OutputFormat::Json {
        render::json(
            ctx,
            &PathJson {
                source: ctx.source.how(),
                path,
            },
        )?;
    } else {
        let looked: Vec<String> = rules_file::config_path()
            .into_iter()
            .chain(rules_file::system_paths())
            .map(|p| p.display().to_string())
            .collect();
        let looked = (!looked.is_empty()).then(|| looked.join(", "));
        let origin = ctx.source.origin_in(ctx.lang);
        let said = match &ctx.source {
            RulesSource::Embedded => RulesSaid::Embedded {
                looked: looked.as_deref(),
            },
            source => RulesSaid::File {
                path: &origin,
                how: source.how_in(ctx.lang),
            },
        };
        let line = said.localize(ctx.lang);
        render::text(ctx, |out| writeln!(out, "{line}"))?;
    }
    Ok(Exit::Ok)
}

fn check(ctx: &Context, file: Option<&Path>) -> Result<Exit> {
    let (text, origin) = match file {
        Some(path) => (
            rules_file::read_file(path, ctx.lang)?,
            path.display().to_string(),
        ),
        None => (ctx.rules_text()?.to_owned(), ctx.source.origin_in(ctx.lang)),
    };
    // Every problem, each on its own line; main prints them with `esign: error:`.
    Rules::parse(&text, &origin)?;
    let line = RulesSaid::Ok { origin: &origin }.localize(ctx.lang);
    render::text(ctx, |out| writeln!(out, "{line}"))?;
    Ok(Exit::Ok)
}

fn init(ctx: &Context, force: bool) -> Result<Exit> {
    let lang = ctx.lang;
    let path = rules_file::config_path().ok_or(Problem::NoConfigFolder)?;
    let shown = path.display().to_string();
    if path.exists() && !force {
        return Err(Problem::RulesFileExists { path: shown }.into());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).with_context(|| {
        Problem::CannotCreateFolder {
            path: dir.display().to_string(),
        }
        .localize(lang)
    })?;
    // The institution's file when the IT desk installed one: the user starts from the
    // rules that apply to them, not from the built-in default.
    let system = rules_file::system_file();
    let text = match &system {
        Some(file) => rules_file::read_file(file, lang)?,
        None => EMBEDDED.to_owned(),
    };
    // The one atomic writer: an interrupted run never leaves half a file.
    let mut file = OutFile::open(&path, &[], lang)?;
    file.write_all(text.as_bytes())?;
    file.commit()?;
    let from = system.as_ref().map(|f| f.display().to_string());
    let line = match &from {
        Some(from) => RulesSaid::Copied { from, path: &shown },
        None => RulesSaid::Written { path: &shown },
    }
    .localize(lang);
    render::text(ctx, |out| writeln!(out, "{line}"))?;
    Ok(Exit::Ok)
}
