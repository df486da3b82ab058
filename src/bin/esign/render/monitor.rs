//! `--format nagios` and `--format prometheus` for `check`, `card` and `roster`: the
//! core builds the text ([`esign::monitoring`]); this writes it to standard output or,
//! with `-o`, atomically to a file the collector's user can read.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use esign::cert::Report;
use esign::monitoring::{self, CertMetric, Exposition, Status};
use esign::renewal::Renewal;
use esign::roster::Summary;
use esign::rules::Rules;

use crate::context::Context;
use crate::exit::Exit;
use crate::outfile::{Access, Input, OutFile};
use crate::output::OutputFormat;

/// Writes monitoring text: to `path` atomically (a new file readable by all, 0644), else
/// to standard output unless `--quiet`. `path` may not be the rules file in use nor one of
/// `certs`, the certificate files read.
pub fn emit(ctx: &Context, path: Option<&Path>, text: &str, certs: &[&Path]) -> Result<()> {
    let mut out = match path {
        Some(path) => {
            let mut inputs: Vec<Input<'_>> = certs
                .iter()
                .filter(|p| p.as_os_str() != "-")
                .map(|&path| Input::File {
                    path,
                    role: "certificate",
                })
                .collect();
            if let Some(path) = ctx.source.path() {
                inputs.push(Input::File {
                    path,
                    role: "rules file",
                });
            }
            OutFile::open_for(path, &inputs, ctx.lang, Access::ReadableByAll)?
        }
        None if ctx.quiet => return Ok(()),
        None => OutFile::stdout(),
    };
    out.write_all(text.as_bytes())?;
    out.commit()
}

/// `esign check --expiry` in a monitoring format.
pub fn renewal(
    ctx: &Context,
    rules: &Rules,
    r: &Renewal,
    exit: Exit,
    path: Option<&Path>,
) -> Result<()> {
    let mut counts = Summary::default();
    counts.add_state(r.state);
    let text = if ctx.format == OutputFormat::Prometheus {
        let mut e = Exposition::new();
        e.expiry_day(r, rules.institution.timezone, ctx.lang);
        e.states("esign_certificates", &counts, false, ctx.lang);
        e.finish()
    } else {
        nagios(ctx, &counts, Some(r), true, &[], exit)
    };
    emit(ctx, path, &text, &[])
}

/// `esign check --cert/--card` and `esign card` in a monitoring format: every
/// certificate of the report by serial number, and counts per state.
pub fn report(
    ctx: &Context,
    report: &Report,
    extra: &[String],
    exit: Exit,
    path: Option<&Path>,
    certs: &[&Path],
) -> Result<()> {
    let mut counts = Summary::default();
    for a in &report.items {
        counts.add_state(a.renewal.state);
    }
    let text = if ctx.format == OutputFormat::Prometheus {
        {
            let certs: Vec<CertMetric<'_>> = report
                .items
                .iter()
                .map(|a| CertMetric {
                    serial: &a.certificate.serial,
                    signing: a.certificate.signing,
                    not_before: a.certificate.not_before,
                    not_after: a.certificate.not_after,
                    state: a.renewal.state,
                })
                .collect();
            let mut e = Exposition::new();
            e.certificates(&certs, ctx.lang);
            e.states("esign_certificates", &counts, false, ctx.lang);
            e.finish()
        }
    } else {
        let decisive = report.decisive().map(|a| &a.renewal);
        nagios(ctx, &counts, decisive, report.items.len() == 1, extra, exit)
    };
    emit(ctx, path, &text, certs)
}

/// The plugin line, ended by a newline.
pub fn nagios(
    ctx: &Context,
    counts: &Summary,
    decisive: Option<&Renewal>,
    single: bool,
    extra: &[String],
    exit: Exit,
) -> String {
    let mut line = monitoring::nagios_line(
        Status::from_code(exit as u8),
        counts,
        decisive,
        single,
        extra,
        ctx.lang,
    );
    if ctx.ascii {
        line = esign::text::to_ascii(&line);
    }
    line.push('\n');
    line
}
