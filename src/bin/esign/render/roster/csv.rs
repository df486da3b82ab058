//! `--format csv`: every input column as read, then the computed ones.
//!
//! Three ways to write a row, cheapest first, all writing the same bytes:
//! - a line the reader passed as read (nothing quoted) is copied whole, followed by the
//!   computed columns, formatted once per distinct expiry date and cached;
//! - fields that need no quoting are joined by the delimiter;
//! - anything else goes through the csv crate's writer, which quotes.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use chrono::NaiveDate;
use csv::StringRecord;
use esign::renewal::Renewal;
use esign::roster::{iso_date, Columns, Outcome, Row};
use esign::rules::Payer;

use super::COMPUTED;

/// Bytes of CSV collected before they are written out.
const CSV_CHUNK: usize = 128 * 1024;

/// Slots of the cache of computed columns by expiry date (direct-mapped, fixed size).
const SUFFIX_SLOTS: usize = 4096;

/// The computed columns that depend on the expiry date alone (today and the lead are
/// fixed for a run): `state,days_left,window_opens,`, with the run's delimiter, and after
/// them the end of a line without a payer (`,\n`), so such a line's computed part is one
/// copy of a fixed size (register moves, not a `memcpy` call).
#[derive(Clone, Copy)]
struct Suffix {
    expiry: NaiveDate,
    /// `bytes[..len]`: the columns; `bytes[..len + 2]`: with the payer-less line end.
    len: u8,
    bytes: [u8; SUFFIX_BYTES],
}

/// The longest columns: "not-yet-valid," (14) + an i64 (20) + ",", a date (10) + "," =
/// 46; then the line end, 2.
const SUFFIX_BYTES: usize = 48;

impl Suffix {
    fn new(renewal: &Renewal, delimiter: u8) -> Suffix {
        let mut line = Vec::with_capacity(SUFFIX_BYTES);
        line.extend_from_slice(renewal.state.as_str().as_bytes());
        line.push(delimiter);
        line.extend_from_slice(itoa::Buffer::new().format(renewal.days_left).as_bytes());
        line.push(delimiter);
        line.extend_from_slice(&iso_date(renewal.window_opens));
        line.push(delimiter);
        let len = line.len().min(SUFFIX_BYTES - 2);
        line.truncate(len);
        line.extend_from_slice(&[delimiter, b'\n']);
        let mut bytes = [0; SUFFIX_BYTES];
        bytes[..line.len()].copy_from_slice(&line);
        Suffix {
            expiry: renewal.expiry,
            len: u8::try_from(len).unwrap_or(0),
            bytes,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Appends the columns and the payer-less line end: all of `bytes`, then cut.
    fn put_with_line_end(&self, out: &mut Vec<u8>) {
        let at = out.len();
        out.extend_from_slice(&self.bytes);
        out.truncate(at + usize::from(self.len) + 2);
    }
}

/// The CSV sink: the csv crate quotes what needs quoting; plain rows take a fast path.
pub struct CsvSink {
    headers: StringRecord,
    out: CsvOut,
    /// `--excel-safe`: input cells a spreadsheet would run as formulas get a `'` first.
    excel_safe: bool,
    suffixes: Vec<Option<Suffix>>,
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
            suffixes: vec![None; SUFFIX_SLOTS],
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
        if protect {
            write_csv_row(&mut c.writer, &self.headers, row, true)?;
            flush_csv(c, out)?;
        } else if let (Some(line), Outcome::Assessed { renewal, .. }) =
            (row.fields.as_line(), &row.outcome)
        {
            // Assessed means the row has the header's number of fields: no padding. Today
            // is fixed, so days left tell expiry dates apart: the slot, without date
            // arithmetic.
            let slot = usize::try_from(renewal.days_left.cast_unsigned() % SUFFIX_SLOTS as u64)
                .unwrap_or(0);
            let suffix = match &self.suffixes[slot] {
                Some(s) if s.expiry == renewal.expiry => s,
                _ => self.suffixes[slot].insert(Suffix::new(renewal, c.delimiter)),
            };
            c.pending.extend_from_slice(line.as_bytes());
            c.pending.push(c.delimiter);
            match row.outcome.payer() {
                None => suffix.put_with_line_end(&mut c.pending),
                Some(payer) => {
                    c.pending.extend_from_slice(suffix.as_bytes());
                    c.pending.extend_from_slice(payer.as_str().as_bytes());
                    c.pending.push(c.delimiter);
                    c.pending.push(b'\n');
                }
            }
        } else if !write_plain_row(&mut c.pending, c.delimiter, &self.headers, row) {
            write_csv_row(&mut c.writer, &self.headers, row, false)?;
            flush_csv(c, out)?;
        }
        if c.pending.len() >= CSV_CHUNK {
            out.write_all(&c.pending)?;
            c.pending.clear();
        }
        Ok(())
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        // Anything the csv writer still holds goes out before the pending bytes.
        flush_csv(&mut self.out, out)?;
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
        || row
            .fields
            .iter()
            .any(|f| needs_quotes(f.as_bytes(), delimiter))
    {
        return false;
    }
    for field in row.fields.iter() {
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
        Outcome::Empty => {
            for _ in 0..4 {
                w.write_field("")?;
            }
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

#[cfg(test)]
mod same_bytes {
    use super::*;
    use crate::render::roster::json::JsonSink;
    use esign::roster::{Options, RosterReader};
    use esign::rules::Rules;
    use proptest::prelude::*;

    fn roster() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(","),
            Just(";"),
            Just("\""),
            Just("\n"),
            Just("\r\n"),
            Just("\r"),
            Just(" "),
            Just("\\"),
            Just("\u{1}"),
            Just("2025-06-01"),
            Just("01.06.2025"),
            Just("2025-02-30"),
            Just("Dekan"),
            Just("Şükrü"),
            Just("x"),
        ];
        proptest::collection::vec(piece, 0..50).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The CSV and JSON fast paths (lines copied whole, computed parts cached, values
        /// copied unescaped) write the bytes the general paths write: every record through
        /// csv_core, every row through the csv writer and serde_json.
        #[test]
        fn fast_paths_write_the_general_paths_bytes(
            body in roster(),
            header in prop::sample::select(vec!["name,expiry,duty\n", "ad;bitiş\r\n"]),
        ) {
            let input = format!("{header}{body}");
            let rules = Rules::embedded();
            let today = esign::date::parse_date("2025-05-15").unwrap();
            let mut fast = RosterReader::new(input.as_bytes(), &Options::default(), &rules, today).unwrap();
            let columns = fast.columns().clone();
            let mut csv_sink = CsvSink::new(&columns, false);
            let mut json_sink = JsonSink::new(&columns, false, esign::lang::Lang::En);
            let (mut csv_fast, mut json_fast) = (Vec::new(), Vec::new());
            csv_sink.begin(&mut csv_fast).unwrap();
            while let Some(Ok(row)) = fast.next_row() {
                csv_sink.row(&mut csv_fast, &row).unwrap();
                json_sink.row(&mut json_fast, &row).unwrap();
            }
            csv_sink.finish(&mut csv_fast).unwrap();
            json_sink.finish(&mut json_fast).unwrap();

            let mut general =
                RosterReader::with_paths(input.as_bytes(), &Options::default(), &rules, today, true).unwrap();
            let buffer = Shared::default();
            let mut w = csv::WriterBuilder::new()
                .delimiter(columns.delimiter)
                .flexible(true)
                .from_writer(buffer.clone());
            w.write_record(columns.headers.iter().chain(COMPUTED)).unwrap();
            let mut json_sink = JsonSink::new(&columns, false, esign::lang::Lang::En);
            let mut json_general = Vec::new();
            while let Some(Ok(row)) = general.next_row() {
                write_csv_row(&mut w, &columns.headers, &row, false).unwrap();
                json_sink.write_serde(&row).unwrap();
            }
            json_sink.finish(&mut json_general).unwrap();
            w.flush().unwrap();
            let csv_general = buffer.0.borrow().clone();
            prop_assert_eq!(String::from_utf8_lossy(&csv_fast), String::from_utf8_lossy(&csv_general));
            prop_assert_eq!(String::from_utf8_lossy(&json_fast), String::from_utf8_lossy(&json_general));
        }
    }
}
