//! `esign check`: where do I stand with my certificate? The expiry typed in, read
//! from certificate files, or read from the card.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use anyhow::{Context as _, Result};
use esign::cert::{self, Certificate, Report, MAX_FILE_BYTES};
use esign::date::parse_date;
use esign::messages::Problem;
use esign::renewal::assess;

use crate::cli::CheckArgs;
use crate::cmd::card;
use crate::context::Context;
use crate::exit::Exit;
use crate::render;

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<Exit> {
    if let Some(expiry) = &args.expiry {
        return by_date(ctx, expiry);
    }
    if args.card {
        return card::check(ctx, args.module.as_deref());
    }
    by_files(ctx, &args.cert)
}

fn by_date(ctx: &Context, expiry: &str) -> Result<Exit> {
    let expiry = parse_date(expiry).context("--expiry")?;
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let renewal = assess(expiry, moment.today, rules.lead);
    render::check::renewal(ctx, rules, &renewal)?;
    Ok(renewal.state.into())
}

fn by_files(ctx: &Context, paths: &[impl AsRef<Path>]) -> Result<Exit> {
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let mut found = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let certificates = read_certificates(path).with_context(|| name.clone())?;
        found.extend(certificates.into_iter().map(|c| (name.clone(), c)));
    }
    if found.is_empty() {
        return Err(Problem::NoCertificateInFiles.into());
    }
    let report = Report::new(found, moment.now, rules.lead);
    render::check::certificates(ctx, rules, &report, moment.now, &[], None)?;
    Ok(report.state().map_or(Exit::Error, Exit::from))
}

/// The certificates in one file. Reads at most one byte past the size limit, so a
/// huge file or a device is refused quickly.
fn read_certificates(path: &Path) -> Result<Vec<Certificate>> {
    let file = File::open(path).map_err(io_problem)?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Problem::IsFolder.into());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    Ok(cert::parse_certificates(&bytes)?)
}

/// The OS error, said by the catalogue; a folder is named as such.
fn io_problem(err: io::Error) -> anyhow::Error {
    if err.kind() == io::ErrorKind::IsADirectory {
        Problem::IsFolder.into()
    } else {
        err.into()
    }
}
