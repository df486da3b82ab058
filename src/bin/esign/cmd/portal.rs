//! `esign unlock|suspend|revoke [--open]` and `esign open [TARGET]`: the portal.

use std::io::Write;

use anyhow::Result;
use esign::messages::{Localize, Problem};
use esign::portal::guide;
use esign::rules::Task;

use crate::browser;
use crate::cli::OpenTarget;
use crate::context::Context;
use crate::exit::Exit;
use crate::render;

pub fn run(ctx: &Context, task: Task, open: bool) -> Result<Exit> {
    let rules = ctx.rules()?;
    render::portal::guide(ctx, &guide(rules, task, ctx.lang))?;
    if open {
        launch(ctx, &rules.portal.url)?;
    }
    Ok(Exit::Ok)
}

pub fn open(ctx: &Context, target: OpenTarget) -> Result<Exit> {
    let rules = ctx.rules()?;
    // The portal has one address; the target only decides the path shown beside it.
    let task = match target {
        OpenTarget::Portal => None,
        OpenTarget::Unlock => Some(Task::Unlock),
        OpenTarget::Suspend => Some(Task::Suspend),
        OpenTarget::Revoke => Some(Task::Revoke),
    };
    if let Some(task) = task {
        render::portal::guide(ctx, &guide(rules, task, ctx.lang))?;
    }
    launch(ctx, &rules.portal.url)?;
    Ok(Exit::Ok)
}

/// Opens the browser; on failure prints the URL on stdout (so it can be copied) and
/// returns the reason, which `main` prints on stderr with exit 3.
fn launch(ctx: &Context, url: &str) -> Result<()> {
    match browser::open(url) {
        Ok(()) => Ok(()),
        Err(why) => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{url}")?;
            out.flush()?;
            Err(Problem::Browser {
                why: why.localize(ctx.lang),
                url: url.to_owned(),
            }
            .into())
        }
    }
}
