//! Where results are written: stdout, with colour only when wanted and, for
//! `--ascii`, every character passed through the Turkish ASCII table.

use std::io::{self, BufWriter, Write};

use anstream::{AutoStream, ColorChoice};

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
}

impl OutputFormat {
    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Csv => "csv",
        }
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
    let stream = BufWriter::new(AutoStream::new(io::stdout(), choice(ctx.color)));
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
    let out = BufWriter::with_capacity(1 << 16, io::stdout());
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
