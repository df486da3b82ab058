//! `esign roster` output: an aligned text table with a summary, CSV (input columns plus
//! the computed ones), JSON Lines, and the `--by-month` chart. Rows arrive one at a time
//! and leave one at a time; only the text table holds its first rows back, to size its
//! columns, and never more than [`SIZING_ROWS`].

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::rc::Rc;

use anstyle::{AnsiColor, Style};
use chrono::{Datelike, NaiveDate};
use csv::StringRecord;
use esign::advice::state_label;
use esign::lang::Lang;
use esign::messages::{self, Level, Localize};
use esign::renewal::State;
use esign::roster::{iso_date, Columns, MonthLoad, Outcome, Row, Summary};
use esign::rules::Payer;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::check::state_style;
use super::write_json;

/// Rows held back to size the text table's columns; later rows use those widths.
pub const SIZING_ROWS: usize = 256;

/// Bytes of CSV collected before they are written out.
const CSV_CHUNK: usize = 64 * 1024;

/// Computed columns added to the input's, in this order, in CSV output.
pub const COMPUTED: [&str; 5] = ["state", "days_left", "window_opens", "payer", "error"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterFormat {
    Text,
    Csv,
    Json,
}

/// The payer's word in text output.
fn payer_word(payer: Payer, lang: Lang) -> &'static str {
    match (lang, payer) {
        (Lang::En, Payer::Institution) => "institution",
        (Lang::En, Payer::Person) => "person",
        (Lang::Tr, Payer::Institution) => "kurum",
        (Lang::Tr, Payer::Person) => "kişi",
    }
}

fn error_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "error",
        Lang::Tr => "hatalı",
    }
}

/// One data row for the JSON Lines output.
#[derive(Serialize)]
struct JsonRow<'a> {
    line: u64,
    row: RowMap<'a>,
    state: &'static str,
    days_left: Option<i64>,
    window_opens: Option<NaiveDate>,
    payer: Option<Payer>,
    error: Option<String>,
}

/// The input columns as an object: header → value, in input order. Fields beyond the
/// header (a row with too many) are named by position: `column_5`.
struct RowMap<'a> {
    headers: &'a StringRecord,
    fields: &'a StringRecord,
}

impl Serialize for RowMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.fields.len()))?;
        for (i, value) in self.fields.iter().enumerate() {
            match self.headers.get(i) {
                Some(key) => map.serialize_entry(key, value)?,
                None => map.serialize_entry(&format!("column_{}", i + 1), value)?,
            }
        }
        map.end()
    }
}

/// A text cell: its content and whether it is the state (coloured).
struct TextRow {
    cells: Vec<String>,
    state: Option<State>,
    error: bool,
}

/// The text table's layout, chosen from the header and the first rows.
struct TextTable {
    lang: Lang,
    width: usize,
    with_name: bool,
    with_payer: bool,
    pending: Vec<TextRow>,
    widths: Option<Vec<usize>>,
    shown: u64,
}

/// The roster's output in one of its formats.
pub struct Report {
    format: RosterFormat,
    ascii: bool,
    headers: StringRecord,
    csv: Option<CsvOut>,
    table: Option<TextTable>,
    json: Vec<u8>,
}

impl Report {
    /// `width` is the terminal's width in columns (text only).
    pub fn new(
        format: RosterFormat,
        columns: &Columns,
        lang: Lang,
        width: usize,
        ascii: bool,
    ) -> Report {
        let csv = (format == RosterFormat::Csv).then(|| {
            let buffer = Shared::default();
            CsvOut {
                writer: csv::WriterBuilder::new()
                    .delimiter(columns.delimiter)
                    .flexible(true)
                    .from_writer(buffer.clone()),
                buffer,
                delimiter: columns.delimiter,
                pending: Vec::with_capacity(CSV_CHUNK + 4096),
            }
        });
        let table = (format == RosterFormat::Text).then(|| TextTable {
            lang,
            width,
            with_name: columns.name.is_some(),
            with_payer: columns.duty.is_some(),
            pending: Vec::new(),
            widths: None,
            shown: 0,
        });
        Report {
            format,
            ascii,
            headers: columns.headers.clone(),
            csv,
            table,
            json: Vec::new(),
        }
    }

    /// Writes what comes before the rows (the CSV header line).
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(c) = &mut self.csv {
            c.writer.write_record(self.headers.iter().chain(COMPUTED))?;
            flush_csv(c, out)?;
        }
        Ok(())
    }

    /// Writes one row (or holds it back, for the text table's first rows).
    pub fn row(&mut self, out: &mut dyn Write, row: &Row<'_, '_>) -> io::Result<()> {
        match self.format {
            RosterFormat::Csv => {
                let Some(c) = &mut self.csv else {
                    return Ok(());
                };
                if !write_plain_row(&mut c.pending, c.delimiter, &self.headers, row) {
                    write_csv_row(&mut c.writer, &self.headers, row)?;
                    flush_csv(c, out)?;
                }
                if c.pending.len() >= CSV_CHUNK {
                    out.write_all(&c.pending)?;
                    c.pending.clear();
                }
                Ok(())
            }
            RosterFormat::Json => {
                let (days_left, window_opens) = match row.outcome.renewal() {
                    Some(r) => (Some(r.days_left), Some(r.window_opens)),
                    None => (None, None),
                };
                let value = JsonRow {
                    line: row.line,
                    row: RowMap {
                        headers: &self.headers,
                        fields: row.fields,
                    },
                    state: row.outcome.state_name(),
                    days_left,
                    window_opens,
                    payer: row.outcome.payer(),
                    error: match &row.outcome {
                        Outcome::Error(e) => Some(e.to_string()),
                        Outcome::Assessed { .. } => None,
                    },
                };
                // Serialise into a buffer, then write: an error writing (a closed pipe) then
                // reaches main as the io::Error it is, which serde_json would hide.
                self.json.clear();
                write_json(&mut self.json, &value, self.ascii, true).map_err(io::Error::other)?;
                out.write_all(&self.json)
            }
            RosterFormat::Text => {
                let Some(t) = &mut self.table else {
                    return Ok(());
                };
                let text_row = t.cells(row);
                t.push(out, text_row)
            }
        }
    }

    /// Writes what comes after the rows: for text, the held-back rows and the summary.
    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if let Some(c) = &mut self.csv {
            out.write_all(&c.pending)?;
            c.pending.clear();
        }
        if let Some(t) = &mut self.table {
            t.flush_pending(out)?;
            t.summary(out, summary)?;
        }
        Ok(())
    }
}

/// The CSV writer's sink: a buffer the report drains into its output after each row,
/// so the csv crate does the quoting while the report keeps writing to `out`.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct CsvOut {
    writer: csv::Writer<Shared>,
    buffer: Shared,
    delimiter: u8,
    /// Rows not yet handed to the output: written in chunks of [`CSV_CHUNK`], so a
    /// million rows make a few thousand writes, not a million.
    pending: Vec<u8>,
}

/// Moves what the csv writer wrote into the pending output.
fn flush_csv(c: &mut CsvOut, out: &mut dyn Write) -> io::Result<()> {
    c.writer.flush()?;
    let mut bytes = c.buffer.0.borrow_mut();
    c.pending.extend_from_slice(&bytes);
    bytes.clear();
    if c.pending.len() >= CSV_CHUNK {
        out.write_all(&c.pending)?;
        c.pending.clear();
    }
    Ok(())
}

/// Whether any byte would make the csv writer quote. Branch-free (`|`, not `||`), so the
/// compiler vectorises it: measured cheaper than memchr's set-up on fields this short.
#[allow(clippy::needless_bitwise_bool)] // deliberate: no short-circuit, so it vectorises
fn needs_quotes(bytes: &[u8], delimiter: u8) -> bool {
    bytes.iter().fold(false, |found, &b| {
        found | (b == delimiter) | (b == b'"') | (b == b'\n') | (b == b'\r')
    })
}

/// The fast path for the common row (assessed, no field that needs quoting): the fields
/// joined by the delimiter and appended to `line`, exactly what the csv writer would write, minus its
/// byte-by-byte quoting check. `false` (and `line` unspecified) when the row needs quoting.
fn write_plain_row(
    line: &mut Vec<u8>,
    delimiter: u8,
    headers: &StringRecord,
    row: &Row<'_, '_>,
) -> bool {
    let Outcome::Assessed { renewal, .. } = &row.outcome else {
        return false;
    };
    if row.fields.len() != headers.len()
        || needs_quotes(row.fields.as_slice().as_bytes(), delimiter)
    {
        return false;
    }
    for field in row.fields {
        line.extend_from_slice(field.as_bytes());
        line.push(delimiter);
    }
    line.extend_from_slice(row.outcome.state_name().as_bytes());
    line.push(delimiter);
    let mut digits = [0u8; 24];
    line.extend_from_slice(format_i64(renewal.days_left, &mut digits));
    line.push(delimiter);
    line.extend_from_slice(&iso_date(renewal.window_opens));
    line.push(delimiter);
    line.extend_from_slice(row.outcome.payer().map_or("", Payer::as_str).as_bytes());
    line.push(delimiter);
    line.push(b'\n');
    true
}

/// Input fields (padded to the header's count) and the computed ones, without allocating
/// for the common row: dates and numbers go through stack buffers.
fn write_csv_row(
    w: &mut csv::Writer<Shared>,
    headers: &StringRecord,
    row: &Row<'_, '_>,
) -> csv::Result<()> {
    for i in 0..headers.len() {
        w.write_field(row.fields.get(i).unwrap_or(""))?;
    }
    w.write_field(row.outcome.state_name())?;
    match &row.outcome {
        Outcome::Assessed { renewal, .. } => {
            let mut digits = [0u8; 24];
            let n = format_i64(renewal.days_left, &mut digits);
            w.write_field(n)?;
            w.write_field(iso_date(renewal.window_opens))?;
            w.write_field(row.outcome.payer().map_or("", Payer::as_str))?;
            w.write_field("")?;
        }
        Outcome::Error(e) => {
            w.write_field("")?;
            w.write_field("")?;
            w.write_field("")?;
            w.write_field(e.to_string())?;
        }
    }
    w.write_record(None::<&[u8]>)
}

/// Decimal digits of `n` into `buf`, returning the used tail.
fn format_i64(n: i64, buf: &mut [u8; 24]) -> &[u8] {
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + u8::try_from(m % 10).unwrap_or(0);
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

impl TextTable {
    fn titles(&self) -> Vec<&'static str> {
        let (line, name, expiry, state, days, window, payer) = match self.lang {
            Lang::En => (
                "Line",
                "Name",
                "Expiry",
                "State",
                "Days",
                "Window opens",
                "Payer",
            ),
            Lang::Tr => (
                "Satır",
                "Ad Soyad",
                "Bitiş",
                "Durum",
                "Gün",
                "Başvuru dönemi",
                "Ödeyen",
            ),
        };
        let mut t = vec![line];
        if self.with_name {
            t.push(name);
        }
        t.extend([expiry, state, days, window]);
        if self.with_payer {
            t.push(payer);
        }
        t
    }

    fn cells(&self, row: &Row<'_, '_>) -> TextRow {
        let lang = self.lang;
        let mut cells = vec![row.line.to_string()];
        if self.with_name {
            cells.push(row.name.unwrap_or("").to_owned());
        }
        let state = match &row.outcome {
            Outcome::Assessed { renewal, .. } => {
                cells.push(lang.date(renewal.expiry));
                cells.push(state_label(renewal.state, lang).to_owned());
                cells.push(renewal.days_left.to_string());
                cells.push(lang.date(renewal.window_opens));
                Some(renewal.state)
            }
            Outcome::Error(_) => {
                cells.push(String::new());
                cells.push(error_word(lang).to_owned());
                cells.push(String::new());
                cells.push(String::new());
                None
            }
        };
        if self.with_payer {
            cells.push(
                row.outcome
                    .payer()
                    .map_or(String::new(), |p| payer_word(p, lang).to_owned()),
            );
        }
        TextRow {
            cells,
            state,
            error: state.is_none(),
        }
    }

    fn push(&mut self, out: &mut dyn Write, row: TextRow) -> io::Result<()> {
        self.shown += 1;
        if self.widths.is_some() {
            return self.write_row(out, &row);
        }
        self.pending.push(row);
        if self.pending.len() >= SIZING_ROWS {
            self.flush_pending(out)?;
        }
        Ok(())
    }

    /// Fixes the column widths from the held-back rows, writes the title and those rows.
    fn flush_pending(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.widths.is_none() {
            let titles = self.titles();
            let mut widths: Vec<usize> = titles.iter().map(|t| t.chars().count()).collect();
            for row in &self.pending {
                for (w, cell) in widths.iter_mut().zip(&row.cells) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            // Only the name column gives way: it shrinks to what the terminal leaves.
            if self.with_name {
                let others: usize = widths
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != 1)
                    .map(|(_, w)| w + 2)
                    .sum();
                let room = self.width.saturating_sub(others).max(8);
                widths[1] = widths[1].min(room);
            }
            self.widths = Some(widths);
            let title = TextRow {
                cells: titles.iter().map(|t| (*t).to_owned()).collect(),
                state: None,
                error: false,
            };
            self.write_row(out, &title)?;
        }
        for row in std::mem::take(&mut self.pending) {
            self.write_row(out, &row)?;
        }
        Ok(())
    }

    fn write_row(&self, out: &mut dyn Write, row: &TextRow) -> io::Result<()> {
        let Some(widths) = &self.widths else {
            return Ok(());
        };
        let state_col = if self.with_name { 3 } else { 2 };
        let mut line = String::new();
        for (i, (cell, &w)) in row.cells.iter().zip(widths).enumerate() {
            let last = i + 1 == row.cells.len();
            let text = fit(cell, w);
            let pad = w.saturating_sub(text.chars().count());
            let numeric = i == 0 || i == state_col + 1;
            if i > 0 {
                line.push_str("  ");
            }
            if numeric {
                line.push_str(&" ".repeat(pad));
            }
            match row.state {
                Some(state) if i == state_col => {
                    let style = state_style(state);
                    let _ = write!(line, "{style}{text}{style:#}");
                }
                None if i == state_col && row.error => {
                    let style = Style::new().fg_color(Some(AnsiColor::Red.into()));
                    let _ = write!(line, "{style}{text}{style:#}");
                }
                _ => line.push_str(&text),
            }
            if !numeric && !last {
                line.push_str(&" ".repeat(pad));
            }
        }
        writeln!(out, "{}", line.trim_end())
    }

    fn summary(&self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let lang = self.lang;
        let mut parts = Vec::new();
        for (n, state) in [
            (s.valid, State::Valid),
            (s.not_yet_valid, State::NotYetValid),
            (s.renewal_due, State::RenewalDue),
            (s.expired, State::Expired),
        ] {
            if n > 0 || state != State::NotYetValid {
                parts.push(format!("{n} {}", state_label(state, lang)));
            }
        }
        let errors = match lang {
            Lang::En => format!("{} with errors", s.errors),
            Lang::Tr => format!("{} hatalı", s.errors),
        };
        parts.push(errors);
        writeln!(out)?;
        match lang {
            Lang::En => write!(
                out,
                "{} row{}: {}",
                s.rows,
                if s.rows == 1 { "" } else { "s" },
                parts.join(", ")
            )?,
            Lang::Tr => write!(out, "{} satır: {}", s.rows, parts.join(", "))?,
        }
        if self.shown != s.rows {
            match lang {
                Lang::En => write!(out, " ({} shown)", self.shown)?,
                Lang::Tr => write!(out, " ({} gösterildi)", self.shown)?,
            }
        }
        writeln!(out)?;
        if s.unknown_duties > 0 {
            match lang {
                Lang::En => writeln!(
                    out,
                    "{} {} an unknown duty: payer left empty",
                    s.unknown_duties,
                    if s.unknown_duties == 1 {
                        "row names"
                    } else {
                        "rows name"
                    }
                )?,
                Lang::Tr => writeln!(
                    out,
                    "{} satırda bilinmeyen görev: ödeyen boş bırakıldı",
                    s.unknown_duties
                )?,
            }
        }
        Ok(())
    }
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The `--by-month` chart as text: one line per month, two bars scaled to the width.
pub fn write_chart(
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
pub fn write_chart_csv(out: &mut dyn Write, months: &[MonthLoad]) -> io::Result<()> {
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

/// A bad row or an unknown duty, for stderr.
pub fn diagnostic(row: &Row<'_, '_>, lang: Lang) -> Option<(Level, String)> {
    match &row.outcome {
        Outcome::Error(e) => Some((
            Level::Error,
            format!("{}: {}", messages::line(row.line, lang), e.localize(lang)),
        )),
        Outcome::Assessed {
            duty: esign::roster::DutyCell::Unknown,
            ..
        } => Some((
            Level::Warning,
            messages::unknown_duty_cell(row.line, row.duty_value.unwrap_or(""), lang),
        )),
        Outcome::Assessed { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use esign::roster::{Options, RosterReader};
    use esign::rules::Rules;

    #[test]
    fn numbers_and_cells() {
        let mut buf = [0u8; 24];
        assert_eq!(format_i64(0, &mut buf), b"0");
        assert_eq!(format_i64(-44, &mut buf), b"-44");
        assert_eq!(
            format_i64(i64::MIN, &mut buf),
            i64::MIN.to_string().as_bytes()
        );
        assert_eq!(fit("Çağrı Işık", 20), "Çağrı Işık");
        assert_eq!(fit("Çağrı Işık", 6), "Çağrı…");
    }

    /// The fast path writes exactly what the csv writer writes, and refuses rows that
    /// need quoting.
    #[test]
    fn plain_rows_match_the_csv_writer() {
        let input = "ad;bitiş;görev\nAyşe;01.06.2025;Dekan\nAli;2025-06-01;x\n\"A;B\";2025-06-01;\nQ\"x;2025-06-01;\nKısa;2025-06-01\n";
        let rules = Rules::embedded();
        let today = esign::date::parse_date("2025-05-15").unwrap();
        let mut reader =
            RosterReader::new(input.as_bytes(), &Options::default(), &rules, today).unwrap();
        let headers = reader.columns().headers.clone();
        let mut plain = Vec::new();
        let mut fast = Vec::new();
        while let Some(row) = reader.next_row() {
            let row = row.unwrap();
            let buffer = Shared::default();
            let mut w = csv::WriterBuilder::new()
                .delimiter(b';')
                .flexible(true)
                .from_writer(buffer.clone());
            write_csv_row(&mut w, &headers, &row).unwrap();
            w.flush().unwrap();
            let slow = buffer.0.borrow().clone();
            let mut line = Vec::new();
            assert!(!needs_quotes(b"Ay\xc5\x9fe,01.06.2025", b';'));
            assert!(needs_quotes(b"Ay\xc5\x9fe;01.06.2025", b';'));
            if write_plain_row(&mut line, b';', &headers, &row) {
                assert_eq!(
                    String::from_utf8_lossy(&line),
                    String::from_utf8_lossy(&slow)
                );
                fast.push(row.line);
            }
            plain.push(row.line);
        }
        assert_eq!(plain, [2, 3, 4, 5, 6]);
        // "A;B" needs quotes, Q"x needs escaping, Kısa has too few fields.
        assert_eq!(fast, [2, 3]);
    }
}
