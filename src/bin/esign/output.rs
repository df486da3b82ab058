//! Where results are written: stdout, with colour only when wanted and, for
//! `--ascii`, every character passed through the Turkish ASCII table.

use std::io::{self, BufWriter, Write};

use anstream::{AutoStream, ColorChoice};
use esign::messages::{WriteFailed, WriteTarget};

use crate::cli::ColorArg;

/// The one output-format type: `--format` (and `--json`) parse into it, every command
/// and renderer matches on it. Which command writes which is [`crate::cmd::formats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable text
    Text,
    /// JSON, for scripts
    Json,
    /// CSV, for spreadsheets
    Csv,
    /// One Nagios/Icinga plugin line, with performance data
    Nagios,
    /// Prometheus text exposition, for the node exporter's textfile collector
    Prometheus,
}

impl OutputFormat {
    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Csv => "csv",
            OutputFormat::Nagios => "nagios",
            OutputFormat::Prometheus => "prometheus",
        }
    }

    /// Nagios and Prometheus: what monitoring reads.
    pub fn is_monitoring(self) -> bool {
        matches!(self, OutputFormat::Nagios | OutputFormat::Prometheus)
    }
}
use crate::context::Context;

/// Converts UTF-8 text to ASCII as it passes, keeping a split character for the next write.
pub struct AsciiWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> AsciiWriter<W> {
    pub fn new(inner: W) -> Self {
        AsciiWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for AsciiWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => e.valid_up_to() + e.error_len().unwrap_or(1),
        };
        let text = String::from_utf8_lossy(&self.pending[..valid]).into_owned();
        self.inner
            .write_all(esign::text::to_ascii(&text).as_bytes())?;
        self.pending.drain(..valid);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Standard output, named in its errors ("cannot write to standard output: …") and
/// refusing to write when it is closed (`esign check >&-`): the standard library would
/// drop those bytes silently and report success. A closed pipe keeps its kind
/// (`BrokenPipe`), so `main` ends quietly on it.
pub struct StdoutSink {
    checked: bool,
}

impl StdoutSink {
    pub fn new() -> StdoutSink {
        StdoutSink { checked: false }
    }
}

/// Whether file descriptor 1 was open when esign started. The Rust runtime reopens a
/// closed standard descriptor on `/dev/null`, read-write; a shell's `> /dev/null` opens
/// it write-only. So `/dev/null` opened read-write on fd 1 means it was closed.
#[cfg(unix)]
fn stdout_is_open() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let stdout = io::stdout();
    let fd = stdout.as_fd();
    let Ok(file) = fd.try_clone_to_owned().map(std::fs::File::from) else {
        return false;
    };
    let null = std::fs::metadata("/dev/null").map(|m| m.rdev()).ok();
    let is_null = file
        .metadata()
        .is_ok_and(|m| Some(m.rdev()) == null && null.is_some() && !m.is_file());
    let read_write = rustix::fs::fcntl_getfl(fd)
        .is_ok_and(|flags| flags & rustix::fs::OFlags::RWMODE == rustix::fs::OFlags::RDWR);
    !(is_null && read_write)
}

#[cfg(not(unix))]
fn stdout_is_open() -> bool {
    true
}

fn stdout_error(e: io::Error) -> io::Error {
    WriteFailed::wrap(WriteTarget::StandardOutput, e)
}

impl Write for StdoutSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.checked {
            if !stdout_is_open() {
                return Err(WriteFailed::stdout_closed());
            }
            self.checked = true;
        }
        io::stdout().lock().write(buf).map_err(stdout_error)
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stdout().lock().flush().map_err(stdout_error)
    }
}

/// Writes all of `bytes` to standard output (for help, completions, the man page).
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = StdoutSink::new();
    out.write_all(bytes)?;
    out.flush()
}

fn choice(color: ColorArg) -> ColorChoice {
    match color {
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
        // anstream's auto: a terminal, and neither NO_COLOR nor CLICOLOR=0 set.
        ColorArg::Auto => ColorChoice::Auto,
    }
}

/// Standard output for text: colour where wanted (escape codes are stripped otherwise),
/// ASCII-folded with `--ascii`, buffered. Flush it before returning.
pub fn text_stdout(ctx: &Context) -> Box<dyn Write> {
    let color = choice(ctx.color);
    // AutoStream decides about colour by looking at the real stdout; it then writes
    // through the sink, so write errors name standard output.
    let color = match color {
        ColorChoice::Auto => AutoStream::<io::Stdout>::choice(&io::stdout()),
        other => other,
    };
    let stream = BufWriter::new(AutoStream::new(
        Box::new(StdoutSink::new()) as Box<dyn Write>,
        color,
    ));
    if ctx.ascii {
        Box::new(AsciiWriter::new(stream))
    } else {
        Box::new(stream)
    }
}

/// Standard output for text that writes its colour codes only when colour is wanted,
/// and whether it is: without colour, a plain buffered stream (no pass over every byte
/// to strip codes that were never needed). Colour or not is decided as
/// [`text_stdout`] decides it.
pub fn text_stdout_painted(ctx: &Context) -> (Box<dyn Write>, bool) {
    let colour =
        AutoStream::new(io::stdout(), choice(ctx.color)).current_choice() != ColorChoice::Never;
    if colour {
        return (text_stdout(ctx), true);
    }
    let out = BufWriter::with_capacity(1 << 16, io::stdout());
    if ctx.ascii {
        (Box::new(AsciiWriter::new(out)), false)
    } else {
        (Box::new(out), false)
    }
}

/// Standard output for CSV and JSON: never coloured, ASCII-folded with `--ascii`, and a
/// larger buffer than text gets (a million rows: fewer, larger writes).
pub fn data_stdout(ctx: &Context) -> Box<dyn Write> {
    let out = BufWriter::with_capacity(1 << 16, StdoutSink::new());
    if ctx.ascii {
        Box::new(AsciiWriter::new(out))
    } else {
        Box::new(out)
    }
}

/// Columns of the terminal on standard output; else `$COLUMNS`; else 100.
pub fn terminal_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(io::stdout()) {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c: &usize| c >= 20)
        .unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_writer_handles_split_characters() {
        let mut w = AsciiWriter::new(Vec::new());
        let bytes = "Çözme → ış".as_bytes();
        for chunk in bytes.chunks(1) {
            w.write_all(chunk).unwrap();
        }
        assert_eq!(String::from_utf8(w.inner).unwrap(), "Cozme -> is");
    }
}
