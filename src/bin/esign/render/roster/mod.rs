//! The roster's output: one sink per format, chosen by one [`Sink`] enum. Each sink
//! takes the rows as they stream by and writes its format; nothing here decides.
//!
//! - `csv`: the input columns plus the computed ones, with a fast path for plain rows;
//! - `json`: JSON Lines, one object per row;
//! - `text`: the table for people, sized from its first rows, with the summary;
//! - `chart`: `--by-month`, the renewal load of the next twelve months.

mod chart;
mod csv;
mod json;
mod text;

use std::io::{self, Write};

use esign::lang::Lang;
use esign::roster::{Columns, Outcome, Row, Summary};

use crate::output::OutputFormat;

/// Computed columns added to the input's, in this order, in CSV output.
pub const COMPUTED: [&str; 5] = ["state", "days_left", "window_opens", "payer", "error"];

/// Where the roster's rows go.
pub enum Sink {
    Csv(csv::CsvSink),
    Json(json::JsonSink),
    Text(text::TextSink),
    Chart(chart::ChartSink),
    /// `--quiet`, or the calendar took standard output: count, print nothing.
    Quiet,
}

impl Sink {
    /// The sink for `format` (`by_month` charts instead of listing rows); `width` is the
    /// terminal's width in columns (text only).
    pub fn new(
        format: OutputFormat,
        by_month: Option<esign::roster::MonthlyLoad>,
        columns: &Columns,
        lang: Lang,
        width: usize,
        ascii: bool,
        excel_safe: bool,
    ) -> Sink {
        if let Some(load) = by_month {
            return Sink::Chart(chart::ChartSink::new(format, load, lang, width, ascii));
        }
        match format {
            OutputFormat::Csv => Sink::Csv(csv::CsvSink::new(columns, excel_safe)),
            OutputFormat::Json => Sink::Json(json::JsonSink::new(columns, ascii)),
            OutputFormat::Text => Sink::Text(text::TextSink::new(columns, lang, width)),
        }
    }

    /// Writes what comes before the rows (the CSV header line).
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Sink::Csv(c) => c.begin(out),
            _ => Ok(()),
        }
    }

    /// Takes one row that passed the filters.
    pub fn row(&mut self, out: &mut dyn Write, row: &Row<'_, '_>) -> io::Result<()> {
        match self {
            Sink::Csv(c) => c.row(out, row),
            Sink::Json(j) => j.row(out, row),
            Sink::Text(t) => t.row(out, row),
            Sink::Chart(c) => {
                c.row(row);
                Ok(())
            }
            Sink::Quiet => Ok(()),
        }
    }

    /// Writes what comes after the rows: held-back rows, the summary, the chart.
    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        match self {
            Sink::Csv(c) => c.finish(out),
            Sink::Json(_) | Sink::Quiet => Ok(()),
            Sink::Text(t) => t.finish(out, summary),
            Sink::Chart(c) => c.finish(out),
        }
    }
}

/// A bad row or an unknown duty, for stderr.
pub fn diagnostic(row: &Row<'_, '_>) -> Option<String> {
    match &row.outcome {
        Outcome::Error(e) => Some(format!(
            "esign: error: line {}: {}",
            row.line,
            esign::text::escape_controls(&e.to_string())
        )),
        Outcome::Assessed {
            duty: esign::roster::DutyCell::Unknown,
            ..
        } => Some(format!(
            "esign: warning: line {}: duty \"{}\" is not a duty id, label or title of the rules: payer left empty",
            row.line,
            esign::text::quote(row.duty_value.unwrap_or(""), esign::text::QUOTE_CHARS)
        )),
        Outcome::Assessed { .. } => None,
    }
}
