//! Renderers: results in, text or JSON out, written to stdout. No decisions here.

pub mod card;
pub mod check;
pub mod doctor;
pub mod fee;
pub mod monitor;
pub mod portal;
pub mod roster;

use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::context::Context;
use crate::output;

/// Escapes every non-ASCII character as `\uXXXX`, so `--ascii` JSON is pure ASCII
/// yet decodes to the same strings (labels stay unchanged).
struct AsciiEscape<F>(F);

impl<F: Formatter> Formatter for AsciiEscape<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        for c in fragment.chars() {
            if c.is_ascii() {
                writer.write_all(&[c as u8])?;
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes one JSON value to `out`: pretty, or one line (for JSON Lines) when `compact`.
pub fn write_json<T: Serialize>(
    out: &mut dyn Write,
    value: &T,
    ascii: bool,
    compact: bool,
) -> Result<()> {
    match (ascii, compact) {
        (false, false) => value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *out,
            PrettyFormatter::new(),
        ))?,
        (false, true) => value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *out,
            CompactFormatter,
        ))?,
        (true, false) => value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *out,
            AsciiEscape(PrettyFormatter::new()),
        ))?,
        (true, true) => value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *out,
            AsciiEscape(CompactFormatter),
        ))?,
    }
    writeln!(out)?;
    Ok(())
}

/// Prints one JSON document on stdout (nothing with `--quiet`).
pub fn json<T: Serialize>(ctx: &Context, value: &T) -> Result<()> {
    if ctx.quiet {
        return Ok(());
    }
    let mut out = std::io::BufWriter::new(output::StdoutSink::new());
    write_json(&mut out, value, ctx.ascii, false)?;
    out.flush()?;
    Ok(())
}

/// Prints text built by `body` on stdout (nothing with `--quiet`).
pub fn text(ctx: &Context, body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    if ctx.quiet {
        return Ok(());
    }
    let mut out = output::text_stdout(ctx);
    body(&mut out)?;
    out.flush()?;
    Ok(())
}
