//! The text table for people: columns sized from the first rows, states coloured,
//! the summary at the end.
//!
//! Per row, after the first: no allocation and no date formatting. The cells are
//! borrowed (the row's name, static labels) or cached per expiry date (dates in the
//! language's form, days left), and the line is built in one reused buffer. Colour
//! codes are written only when colour is on, so nothing has to strip them again.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use chrono::{Datelike, NaiveDate};
use esign::advice::{payer_word, state_label};
use esign::lang::Lang;
use esign::renewal::{Renewal, State};
use esign::roster::{iso_date, Columns, Outcome, Row, Summary};

use crate::render::check::state_style;

/// Rows held back to size the text table's columns; later rows use those widths.
pub const SIZING_ROWS: usize = 256;

/// Bytes of text collected before they are written out.
const TEXT_CHUNK: usize = 64 * 1024;

/// Slots of the cache of date cells by expiry date (direct-mapped, fixed size).
const DATE_SLOTS: usize = 4096;

fn error_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "error",
        Lang::Tr => "hatalı",
    }
}

/// A date as `lang` writes it (`Lang::date`), into a fixed buffer.
fn date_cell(lang: Lang, d: NaiveDate) -> [u8; 10] {
    let iso = iso_date(d);
    match lang {
        Lang::En => iso,
        // DD.MM.YYYY from YYYY-MM-DD.
        Lang::Tr => [
            iso[8], iso[9], b'.', iso[5], iso[6], b'.', iso[0], iso[1], iso[2], iso[3],
        ],
    }
}

/// The cells that depend on the expiry date alone, formatted once per date.
#[derive(Clone)]
struct DateCells {
    expiry: NaiveDate,
    expiry_text: String,
    window_text: String,
    days: String,
    /// The line's cells from the expiry to the window, padded and painted as the table
    /// writes them: made once per date when the widths are known, then copied per row.
    segment: Vec<u8>,
}

impl DateCells {
    fn new(lang: Lang, r: &Renewal) -> DateCells {
        // Digits and punctuation: ASCII, so the conversion cannot fail.
        let text = |d| String::from_utf8_lossy(&date_cell(lang, d)).into_owned();
        DateCells {
            expiry: r.expiry,
            expiry_text: text(r.expiry),
            window_text: text(r.window_opens),
            days: itoa::Buffer::new().format(r.days_left).to_owned(),
            segment: Vec::new(),
        }
    }
}

/// The escape codes around a state cell; empty strings without colour.
struct Paint {
    states: [String; 4],
    error: String,
    reset: String,
}

impl Paint {
    fn new(colour: bool) -> Paint {
        let code = |style: Style| {
            if colour {
                style.render().to_string()
            } else {
                String::new()
            }
        };
        let error = Style::new().fg_color(Some(AnsiColor::Red.into()));
        Paint {
            states: [
                State::Valid,
                State::NotYetValid,
                State::RenewalDue,
                State::Expired,
            ]
            .map(|s| code(state_style(s))),
            error: code(error),
            reset: if colour {
                Style::new()
                    .fg_color(Some(AnsiColor::Red.into()))
                    .render_reset()
                    .to_string()
            } else {
                String::new()
            },
        }
    }

    fn state(&self, state: State) -> &str {
        match state {
            State::Valid => &self.states[0],
            State::NotYetValid => &self.states[1],
            State::RenewalDue => &self.states[2],
            State::Expired => &self.states[3],
        }
    }
}

/// The text sink.
pub struct TextSink {
    table: TextTable,
}

impl TextSink {
    /// `colour`: whether to write colour codes (the output shows them).
    pub fn new(columns: &Columns, lang: Lang, width: usize, colour: bool) -> TextSink {
        TextSink {
            table: TextTable {
                lang,
                width,
                with_name: columns.name.is_some(),
                with_payer: columns.duty.is_some(),
                pending: Vec::new(),
                widths: None,
                shown: 0,
                paint: Paint::new(colour),
                dates: vec![None; DATE_SLOTS],
                buffer: Vec::with_capacity(TEXT_CHUNK + 4096),
            },
        }
    }

    /// Writes one row, or holds it back while the first rows size the columns.
    pub fn row(&mut self, out: &mut dyn Write, row: &Row<'_, '_>) -> io::Result<()> {
        // The text table leaves empty rows out; the summary counts them.
        if matches!(row.outcome, Outcome::Empty) {
            return Ok(());
        }
        let table = &mut self.table;
        table.shown += 1;
        if table.widths.is_some() {
            table.write_data_row(row);
            if table.buffer.len() >= TEXT_CHUNK {
                out.write_all(&table.buffer)?;
                table.buffer.clear();
            }
            return Ok(());
        }
        let text_row = table.cells(row);
        table.pending.push(text_row);
        if table.pending.len() >= SIZING_ROWS {
            table.flush_pending();
        }
        Ok(())
    }

    /// The held-back rows and the summary.
    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.table.flush_pending();
        out.write_all(&self.table.buffer)?;
        self.table.buffer.clear();
        self.table.summary(out, summary)
    }
}

/// A held-back row's cells, owned.
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
    paint: Paint,
    dates: Vec<Option<DateCells>>,
    /// Lines not yet handed to the output.
    buffer: Vec<u8>,
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
                "Apply from",
                "Payer",
            ),
            Lang::Tr => (
                "Satır",
                "Ad Soyad",
                "Bitiş",
                "Durum",
                "Gün",
                "Başvuru başlangıcı",
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
            // Control characters from the file are escaped: a cell cannot draw lines.
            cells.push(esign::text::escape_controls(row.name().unwrap_or("")).into_owned());
        }
        let state = match &row.outcome {
            Outcome::Assessed { renewal, .. } => {
                cells.push(lang.date(renewal.expiry));
                cells.push(state_label(renewal.state, lang).to_owned());
                cells.push(renewal.days_left.to_string());
                cells.push(lang.date(renewal.window_opens));
                Some(renewal.state)
            }
            Outcome::Error(_) | Outcome::Empty => {
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

    /// Fixes the column widths from the held-back rows, writes the title and those rows.
    fn flush_pending(&mut self) {
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
            self.write_line(&titles, None, false);
        }
        for row in std::mem::take(&mut self.pending) {
            let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
            self.write_line(&cells, row.state, row.error);
        }
    }

    /// One row once the widths are fixed: cells borrowed or cached, nothing allocated.
    fn write_data_row(&mut self, row: &Row<'_, '_>) {
        let lang = self.lang;
        let slot = match &row.outcome {
            Outcome::Assessed { renewal, .. } => {
                let slot =
                    usize::try_from(renewal.expiry.num_days_from_ce()).unwrap_or(0) % DATE_SLOTS;
                if !matches!(&self.dates[slot], Some(d) if d.expiry == renewal.expiry) {
                    self.dates[slot] = Some(DateCells::new(lang, renewal));
                }
                Some(slot)
            }
            Outcome::Error(_) | Outcome::Empty => None,
        };
        let state = row.outcome.renewal().map(|r| r.state);
        if let (Some(slot), Some(state)) = (slot, state) {
            self.write_assessed_row(row, slot, state);
            return;
        }
        let dates = slot.and_then(|slot| self.dates[slot].as_ref());
        let mut number = itoa::Buffer::new();
        // Control characters escaped, as in the rows before the widths were fixed.
        let name;
        let mut cells: [&str; 7] = [""; 7];
        let mut k = 0;
        let mut put = |cell| {
            cells[k] = cell;
            k += 1;
        };
        put(number.format(row.line));
        if self.with_name {
            name = esign::text::escape_controls(row.name().unwrap_or(""));
            put(&name);
        }
        if let (Some(dates), Some(state)) = (dates, state) {
            put(&dates.expiry_text);
            put(state_label(state, lang));
            put(&dates.days);
            put(&dates.window_text);
        } else {
            put("");
            put(error_word(lang));
            put("");
            put("");
        }
        if self.with_payer {
            put(row.outcome.payer().map_or("", |p| payer_word(p, lang)));
        }
        let mut buffer = std::mem::take(&mut self.buffer);
        self.write_line_into(&mut buffer, &cells[..k], state, state.is_none());
        self.buffer = buffer;
    }

    /// An assessed row: the line number and name, then the date's cells as one cached
    /// segment, then the payer; the same bytes as [`TextTable::write_line_into`].
    fn write_assessed_row(&mut self, row: &Row<'_, '_>, slot: usize, state: State) {
        let Some(widths) = self.widths.as_deref() else {
            return;
        };
        let lang = self.lang;
        let columns = widths.len();
        if self.dates[slot]
            .as_ref()
            .is_some_and(|d| d.segment.is_empty())
        {
            let segment = self.date_segment(slot, state);
            if let Some(d) = self.dates[slot].as_mut() {
                d.segment = segment;
            }
        }
        let mut out = std::mem::take(&mut self.buffer);
        let start = out.len();
        let mut number = itoa::Buffer::new();
        self.write_cell(
            &mut out,
            0,
            number.format(row.line),
            columns == 1,
            Some(state),
            false,
        );
        if self.with_name {
            // Control characters escaped, as in the rows before the widths were fixed.
            let name = esign::text::escape_controls(row.name().unwrap_or(""));
            self.write_cell(&mut out, 1, &name, false, Some(state), false);
        }
        if let Some(d) = &self.dates[slot] {
            out.extend_from_slice(&d.segment);
        }
        if self.with_payer {
            let payer = row.outcome.payer().map_or("", |p| payer_word(p, lang));
            self.write_cell(&mut out, columns - 1, payer, true, Some(state), false);
        }
        finish_line(&mut out, start);
        self.buffer = out;
    }

    /// The state's column: after the line, the name when there is one, and the expiry.
    fn state_col(&self) -> usize {
        if self.with_name {
            3
        } else {
            2
        }
    }

    /// The cells of date `slot` from the expiry to the window start, each after its
    /// separator, padded and painted: what every row of that date shows there.
    fn date_segment(&self, slot: usize, state: State) -> Vec<u8> {
        let mut segment = Vec::new();
        let (Some(d), Some(widths)) = (&self.dates[slot], &self.widths) else {
            return segment;
        };
        let state_col = self.state_col();
        let cells = [
            d.expiry_text.as_str(),
            state_label(state, self.lang),
            d.days.as_str(),
            d.window_text.as_str(),
        ];
        for (k, cell) in cells.into_iter().enumerate() {
            let i = state_col - 1 + k;
            self.write_cell(
                &mut segment,
                i,
                cell,
                i + 1 == widths.len(),
                Some(state),
                false,
            );
        }
        segment
    }

    /// Appends one line: cells padded to the widths (numbers to the right), the state
    /// cell coloured, trailing spaces dropped.
    fn write_line(&mut self, cells: &[&str], state: Option<State>, error: bool) {
        let mut buffer = std::mem::take(&mut self.buffer);
        self.write_line_into(&mut buffer, cells, state, error);
        self.buffer = buffer;
    }

    fn write_line_into(
        &self,
        out: &mut Vec<u8>,
        cells: &[&str],
        state: Option<State>,
        error: bool,
    ) {
        let Some(widths) = &self.widths else {
            return;
        };
        let start = out.len();
        for (i, (cell, _)) in cells.iter().zip(widths).enumerate() {
            self.write_cell(out, i, cell, i + 1 == cells.len(), state, error);
        }
        finish_line(out, start);
    }

    /// Cell `i` of a line, after its separator: padded to its width (numbers to the
    /// right), the state cell coloured.
    fn write_cell(
        &self,
        out: &mut Vec<u8>,
        i: usize,
        cell: &str,
        last: bool,
        state: Option<State>,
        error: bool,
    ) {
        let Some(w) = self.widths.as_ref().and_then(|w| w.get(i).copied()) else {
            return;
        };
        let state_col = self.state_col();
        let spaces = |out: &mut Vec<u8>, n: usize| out.resize(out.len() + n, b' ');
        let (text, cut, chars) = fit(cell, w);
        let pad = w.saturating_sub(chars);
        let numeric = i == 0 || i == state_col + 1;
        if i > 0 {
            out.extend_from_slice(b"  ");
        }
        if numeric {
            spaces(out, pad);
        }
        let paint = match state {
            Some(state) if i == state_col => Some(self.paint.state(state)),
            None if i == state_col && error => Some(self.paint.error.as_str()),
            _ => None,
        };
        if let Some(code) = paint {
            out.extend_from_slice(code.as_bytes());
        }
        out.extend_from_slice(text.as_bytes());
        if cut {
            out.extend_from_slice("…".as_bytes());
        }
        if paint.is_some() {
            out.extend_from_slice(self.paint.reset.as_bytes());
        }
        if !numeric && !last {
            spaces(out, pad);
        }
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
        if s.empty > 0 {
            parts.push(match lang {
                Lang::En => format!("{} empty", s.empty),
                Lang::Tr => format!("{} boş", s.empty),
            });
        }
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
        if self.shown != s.rows - s.empty {
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

/// Ends the line begun at `start`: trailing spaces dropped (`str::trim_end`: padding is
/// spaces, and cells are trimmed or fixed), then the newline.
fn finish_line(out: &mut Vec<u8>, start: usize) {
    let kept = out[start..]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| start + i + 1);
    out.truncate(kept);
    out.push(b'\n');
}

/// `text` cut to `width` characters: the part kept, whether an ellipsis follows it,
/// and the length in characters with the ellipsis. Never allocates.
fn fit(text: &str, width: usize) -> (&str, bool, usize) {
    // Bytes bound characters: a short cell needs no count beyond ASCII's.
    let ascii = text.is_ascii();
    let chars = if ascii {
        text.len()
    } else {
        text.chars().count()
    };
    if chars <= width {
        return (text, false, chars);
    }
    let keep = width.saturating_sub(1);
    let end = if ascii {
        keep
    } else {
        text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i)
    };
    (&text[..end], true, keep + 1)
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn cells_are_cut_with_an_ellipsis() {
        assert_eq!(fit("Çağrı Işık", 20), ("Çağrı Işık", false, 10));
        assert_eq!(fit("Çağrı Işık", 6), ("Çağrı", true, 6));
        assert_eq!(fit("Person 12345", 10), ("Person 12", true, 10));
    }
}
