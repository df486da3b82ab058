//! `esign check`: where do I stand with my certificate? The expiry typed in, read
//! from certificate files, or read from the card.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use anyhow::{Context as _, Result};
use esign::cert::{self, Certificate, Report, MAX_FILE_BYTES};
use esign::date::parse_date;
use esign::file_error::{FileError, FileKind};
use esign::lang::Lang;
use esign::messages::{self, Level, Problem};
use esign::renewal::assess;

use crate::cli::CheckArgs;
use crate::cmd::{card, monitoring_output};
use crate::context::Context;
use crate::exit::Exit;
use crate::render;

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<Exit> {
    let output = monitoring_output(ctx, args.output.as_deref())?;
    if let Some(expiry) = &args.expiry {
        return by_date(ctx, expiry, output);
    }
    if args.card {
        return card::check(ctx, args.module.as_deref(), output);
    }
    by_files(ctx, &args.cert, output)
}

fn by_date(ctx: &Context, expiry: &str, output: Option<&Path>) -> Result<Exit> {
    let expiry = parse_date(expiry).context("--expiry")?;
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let renewal = assess(expiry, moment.today, rules.lead);
    let exit = renewal.state.into();
    if ctx.format.is_monitoring() {
        render::monitor::renewal(ctx, rules, &renewal, exit, output)?;
    } else {
        render::check::renewal(ctx, rules, &renewal)?;
    }
    Ok(exit)
}

fn by_files(ctx: &Context, paths: &[impl AsRef<Path>], output: Option<&Path>) -> Result<Exit> {
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let mut found = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = if path.as_os_str() == "-" {
            messages::standard_input(ctx.lang).to_owned()
        } else {
            esign::file_error::shown(path)
        };
        let (certificates, has_key) =
            read_certificates(path, ctx.lang).with_context(|| name.clone())?;
        if has_key {
            ctx.voice().say(
                Level::Warning,
                &messages::private_key_warning(&name, ctx.lang),
            );
        }
        found.extend(certificates.into_iter().map(|c| (name.clone(), c)));
    }
    if found.is_empty() {
        return Err(Problem::NoCertificateInFiles.into());
    }
    let report = Report::new(found, moment.now, rules.lead);
    let exit = report.state().map_or(Exit::Error, Exit::from);
    if ctx.format.is_monitoring() {
        let certs: Vec<&Path> = paths.iter().map(AsRef::as_ref).collect();
        render::monitor::report(ctx, &report, &[], exit, output, &certs)?;
    } else {
        render::check::certificates(ctx, rules, &report, moment.now, &[], None)?;
    }
    Ok(exit)
}

/// The certificates in one file, or on standard input for `-`. Reads at most one byte
/// past the size limit, so a huge file is refused quickly. Anything but a regular file
/// (a FIFO, a device) is refused before it is opened: opening a FIFO with no writer
/// would wait forever.
fn read_certificates(path: &Path, lang: Lang) -> Result<(Vec<Certificate>, bool)> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        io::stdin()
            .lock()
            .take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io_problem)?;
    } else {
        let meta = std::fs::metadata(path).map_err(io_problem)?;
        if meta.is_dir() {
            return Err(Problem::IsFolder.into());
        }
        if !meta.is_file() {
            let error = FileError::NotRegular {
                path: esign::file_error::shown(path),
                kind: file_kind(&meta),
            };
            return Err(anyhow::anyhow!(error.message(lang)));
        }
        let file = File::open(path).map_err(io_problem)?;
        file.take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io_problem)?;
    }
    let certificates = cert::parse_certificates(&bytes)?;
    Ok((certificates, cert::holds_private_key(&bytes)))
}

fn file_kind(meta: &std::fs::Metadata) -> FileKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return FileKind::Fifo;
        }
        if t.is_char_device() || t.is_block_device() {
            return FileKind::Device;
        }
        if t.is_socket() {
            return FileKind::Socket;
        }
    }
    if meta.is_dir() {
        FileKind::Folder
    } else {
        FileKind::Other
    }
}

/// The OS error, said by the catalogue; a folder is named as such.
fn io_problem(err: io::Error) -> anyhow::Error {
    if err.kind() == io::ErrorKind::IsADirectory {
        Problem::IsFolder.into()
    } else {
        err.into()
    }
}
