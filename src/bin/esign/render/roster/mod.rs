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
mod monitor;
mod text;

use std::io::{self, Write};

use esign::lang::Lang;
use esign::messages::{self, Level, Localize};
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
    Monitor(monitor::MonitorSink),
    /// `--quiet`, or the calendar took standard output: count, print nothing.
    Quiet,
}

impl Sink {
    /// The sink for `format` (`by_month` charts instead of listing rows); `width` is the
    /// terminal's width in columns and `colour` whether to write colour codes (text only).
    #[allow(clippy::too_many_arguments)] // the sink's settings, each a plain value
    pub fn new(
        format: OutputFormat,
        by_month: Option<esign::roster::MonthlyLoad>,
        columns: &Columns,
        lang: Lang,
        width: usize,
        ascii: bool,
        excel_safe: bool,
        colour: bool,
    ) -> Sink {
        // The monitoring sinks count months too: the caller always gives them the load.
        if let (true, Some(load)) = (format.is_monitoring(), by_month.clone()) {
            return Sink::Monitor(monitor::MonitorSink::new(format, load, lang, ascii));
        }
        if let Some(load) = by_month {
            return Sink::Chart(chart::ChartSink::new(format, load, lang, width, ascii));
        }
        match format {
            OutputFormat::Csv => Sink::Csv(csv::CsvSink::new(columns, excel_safe)),
            OutputFormat::Json => Sink::Json(json::JsonSink::new(columns, ascii, lang)),
            OutputFormat::Text | OutputFormat::Nagios | OutputFormat::Prometheus => {
                Sink::Text(text::TextSink::new(columns, lang, width, colour))
            }
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
            Sink::Monitor(m) => {
                m.row(row);
                Ok(())
            }
            Sink::Quiet => Ok(()),
        }
    }

    /// Writes what comes after the rows: held-back rows, the summary, the chart.
    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        match self {
            Sink::Csv(c) => c.finish(out),
            Sink::Json(j) => j.finish(out),
            Sink::Quiet => Ok(()),
            Sink::Text(t) => t.finish(out, summary),
            Sink::Chart(c) => c.finish(out),
            Sink::Monitor(m) => m.finish(out, summary),
        }
    }
}

/// A bad row or an unknown duty, for stderr.
pub fn diagnostic(row: &Row<'_, '_>, lang: Lang) -> Option<(Level, String)> {
    match &row.outcome {
        Outcome::Error(e) => Some((
            Level::Error,
            format!("{}: {}", row.location(lang), e.localize(lang)),
        )),
        Outcome::Assessed {
            duty: esign::roster::DutyCell::Unknown,
            ..
        } => Some((
            Level::Warning,
            messages::unknown_duty_cell(
                &row.location(lang),
                &esign::text::quote(row.duty_value().unwrap_or(""), esign::text::QUOTE_CHARS),
                lang,
            ),
        )),
        Outcome::Assessed { .. } | Outcome::Empty => None,
    }
}
