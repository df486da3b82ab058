//! `--by-month`: the renewal load of the twelve months from this one, as a bar chart,
//! CSV or JSON.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use chrono::Datelike;
use esign::lang::Lang;
use esign::roster::{MonthLoad, MonthlyLoad, Row};

use crate::output::OutputFormat;
use crate::render::write_json;

/// Counts the rows' windows and expiries by month; writes the chart at the end.
pub struct ChartSink {
    format: OutputFormat,
    load: MonthlyLoad,
    lang: Lang,
    width: usize,
    ascii: bool,
}

impl ChartSink {
    pub fn new(
        format: OutputFormat,
        load: MonthlyLoad,
        lang: Lang,
        width: usize,
        ascii: bool,
    ) -> ChartSink {
        ChartSink {
            format,
            load,
            lang,
            width,
            ascii,
        }
    }

    pub fn row(&mut self, row: &Row<'_, '_>) {
        if let Some(r) = row.outcome.renewal() {
            self.load.add(r);
        }
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let months = self.load.months();
        match self.format {
            OutputFormat::Csv => write_chart_csv(out, months),
            OutputFormat::Json => {
                let mut json = Vec::new();
                write_json(&mut json, months, self.ascii, false).map_err(io::Error::other)?;
                out.write_all(&json)
            }
            // The monitoring formats have sinks of their own (`Sink::new` picks them first).
            OutputFormat::Text | OutputFormat::Nagios | OutputFormat::Prometheus => {
                write_chart(out, months, self.lang, self.width)
            }
        }
    }
}

/// The `--by-month` chart as text: one line per month, two bars scaled to the width.
fn write_chart(
    out: &mut dyn Write,
    months: &[MonthLoad],
    lang: Lang,
    width: usize,
) -> io::Result<()> {
    let labels: Vec<String> = months
        .iter()
        .map(|m| format!("{} {}", lang.month_name(m.month.month()), m.month.year()))
        .collect();
    let label_w = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let max = months
        .iter()
        .map(|m| m.windows_open.max(m.expiring))
        .max()
        .unwrap_or(0);
    let count_w = max.to_string().len().max(1);
    let (title_windows, title_expiring, title) = match lang {
        Lang::En => ("windows open", "expiring", "Renewal load by month"),
        Lang::Tr => ("açılan dönem", "süresi dolan", "Aylara göre yenileme yükü"),
    };
    // Two bars, each with its count after it, share what the label leaves.
    let bar_w = width
        .saturating_sub(label_w + 2 * (count_w + 1) + 6)
        .checked_div(2)
        .unwrap_or(0)
        .clamp(4, 50);
    let bar = |n: u64| -> String {
        if max == 0 || n == 0 {
            return String::new();
        }
        let len = usize::try_from((u128::from(n) * bar_w as u128).div_ceil(u128::from(max)))
            .unwrap_or(bar_w);
        "█".repeat(len.clamp(1, bar_w))
    };
    let window_style = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let expiry_style = Style::new().fg_color(Some(AnsiColor::Red.into()));
    writeln!(out, "{title}")?;
    writeln!(
        out,
        "{:label_w$}  {:<w$}  {}",
        "",
        title_windows,
        title_expiring,
        w = count_w + 1 + bar_w
    )?;
    for (m, label) in months.iter().zip(&labels) {
        let wb = bar(m.windows_open);
        let eb = bar(m.expiring);
        let pad = " ".repeat(bar_w - wb.chars().count());
        let line = format!(
            "{label:label_w$}  {:>count_w$} {}{pad}  {:>count_w$} {}",
            m.windows_open,
            paint(window_style, &wb),
            m.expiring,
            paint(expiry_style, &eb),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `text` in `style`; nothing at all for empty text (no stray escape codes at line ends).
fn paint(style: Style, text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{style}{text}{style:#}")
    }
}

/// The chart as CSV: `month,windows_open,expiring`.
fn write_chart_csv(out: &mut dyn Write, months: &[MonthLoad]) -> io::Result<()> {
    writeln!(out, "month,windows_open,expiring")?;
    for m in months {
        writeln!(
            out,
            "{:04}-{:02},{},{}",
            m.month.year(),
            m.month.month(),
            m.windows_open,
            m.expiring
        )?;
    }
    Ok(())
}
