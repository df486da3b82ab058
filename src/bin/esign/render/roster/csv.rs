//! `--format csv`: every input column as read, then the computed ones.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use csv::StringRecord;
use esign::roster::{iso_date, Columns, Outcome, Row};
use esign::rules::Payer;

use super::COMPUTED;

/// Bytes of CSV collected before they are written out.
const CSV_CHUNK: usize = 64 * 1024;

/// The CSV sink: the csv crate quotes what needs quoting; plain rows take a fast path.
pub struct CsvSink {
    headers: StringRecord,
    out: CsvOut,
    /// `--excel-safe`: input cells a spreadsheet would run as formulas get a `'` first.
    excel_safe: bool,
}

/// Whether a spreadsheet would take the cell for a formula (OWASP's CSV-injection list).
fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell as `--excel-safe` writes it: `'` before a would-be formula, else as read.
fn excel_cell(cell: &str, excel_safe: bool) -> std::borrow::Cow<'_, str> {
    if excel_safe && is_formula(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

impl CsvSink {
    pub fn new(columns: &Columns, excel_safe: bool) -> CsvSink {
        let buffer = Shared::default();
        CsvSink {
            excel_safe,
            headers: columns.headers.clone(),
            out: CsvOut {
                writer: csv::WriterBuilder::new()
                    .delimiter(columns.delimiter)
                    .flexible(true)
                    .from_writer(buffer.clone()),
                buffer,
                delimiter: columns.delimiter,
                pending: Vec::with_capacity(CSV_CHUNK + 4096),
            },
        }
    }

    /// The header line: the input's headers and the computed columns.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let excel_safe = self.excel_safe;
        let headers: Vec<std::borrow::Cow<'_, str>> = self
            .headers
            .iter()
            .map(|h| excel_cell(h, excel_safe))
            .chain(COMPUTED.iter().map(|&c| std::borrow::Cow::Borrowed(c)))
            .collect();
        self.out
            .writer
            .write_record(headers.iter().map(|h| h.as_bytes()))?;
        flush_csv(&mut self.out, out)
    }

    pub fn row(&mut self, out: &mut dyn Write, row: &Row<'_, '_>) -> io::Result<()> {
        let c = &mut self.out;
        let protect = self.excel_safe && row.fields.iter().any(is_formula);
        if protect || !write_plain_row(&mut c.pending, c.delimiter, &self.headers, row) {
            write_csv_row(&mut c.writer, &self.headers, row, self.excel_safe)?;
            flush_csv(c, out)?;
        }
        if c.pending.len() >= CSV_CHUNK {
            out.write_all(&c.pending)?;
            c.pending.clear();
        }
        Ok(())
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.out.pending)?;
        self.out.pending.clear();
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
    line.extend_from_slice(itoa::Buffer::new().format(renewal.days_left).as_bytes());
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
    excel_safe: bool,
) -> csv::Result<()> {
    for i in 0..headers.len() {
        w.write_field(excel_cell(row.fields.get(i).unwrap_or(""), excel_safe).as_ref())?;
    }
    w.write_field(row.outcome.state_name())?;
    match &row.outcome {
        Outcome::Assessed { renewal, .. } => {
            w.write_field(itoa::Buffer::new().format(renewal.days_left))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use esign::roster::{Options, RosterReader};
    use esign::rules::Rules;

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
            write_csv_row(&mut w, &headers, &row, false).unwrap();
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
