//! The text table for people: columns sized from the first rows, states coloured,
//! the summary at the end.

use std::fmt::Write as _;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use esign::advice::{payer_word, state_label};
use esign::lang::Lang;
use esign::renewal::State;
use esign::roster::{Columns, Outcome, Row, Summary};

use crate::render::check::state_style;

/// Rows held back to size the text table's columns; later rows use those widths.
pub const SIZING_ROWS: usize = 256;

fn error_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "error",
        Lang::Tr => "hatalı",
    }
}

/// The text sink.
pub struct TextSink {
    table: TextTable,
}

impl TextSink {
    pub fn new(columns: &Columns, lang: Lang, width: usize) -> TextSink {
        TextSink {
            table: TextTable {
                lang,
                width,
                with_name: columns.name.is_some(),
                with_payer: columns.duty.is_some(),
                pending: Vec::new(),
                widths: None,
                shown: 0,
            },
        }
    }

    /// Writes one row, or holds it back while the first rows size the columns.
    pub fn row(&mut self, out: &mut dyn Write, row: &Row<'_, '_>) -> io::Result<()> {
        let text_row = self.table.cells(row);
        self.table.push(out, text_row)
    }

    /// The held-back rows and the summary.
    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.table.flush_pending(out)?;
        self.table.summary(out, summary)
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
            // Control characters from the file are escaped: a cell cannot draw lines.
            cells.push(esign::text::escape_controls(row.name.unwrap_or("")).into_owned());
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

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn cells_are_cut_with_an_ellipsis() {
        assert_eq!(fit("Çağrı Işık", 20), "Çağrı Işık");
        assert_eq!(fit("Çağrı Işık", 6), "Çağrı…");
    }
}
