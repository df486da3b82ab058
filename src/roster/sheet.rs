//! [`SheetReader`]: a staff list kept as a workbook (xlsx, xlsm, xls, ods), read with
//! calamine. Bytes in, rows out: each row goes through the same [`Assessor`] as a CSV
//! row, so a row means the same whatever file it came from, and the same sinks write it.
//!
//! - The format is recognised by content: a zip (xlsx, xlsm; ods by its `mimetype`) or
//!   an OLE compound file (xls; an encrypted, password-protected xlsx is one too).
//! - The first sheet, or the one named. The header row is the first row, among the first
//!   10, that holds an expiry column name (personnel sheets carry a title row above it).
//! - Cells become text: text as written, numbers and booleans as the sheet shows them,
//!   date cells as ISO dates. A plain number in the expiry column is an error row (a bare
//!   45809 is more likely a typo than a serial date).
//! - Wholly empty rows and the empty columns past the header are ignored.
//! - A row's location is its cell in the expiry column, `Sayfa1!C7`.

use std::fmt::Write as _;
use std::io::Cursor;

use calamine::{Data, Ods, Range, Reader, Xls, Xlsx};
use chrono::NaiveDate;
use csv::StringRecord;

use super::columns::{find_column, header_list};
use super::{
    Assessor, Columns, Fields, Options, Outcome, RosterError, Row, RowError, WorkbookError,
    DUTY_HEADERS, EXPIRY_HEADERS, NAME_HEADERS,
};
use crate::rules::Rules;

/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 10;

/// The most a workbook read from standard input may hold (it is read into memory).
pub const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether these first bytes start a workbook (zip or OLE container) rather than text.
#[must_use]
pub fn is_workbook(head: &[u8]) -> bool {
    head.starts_with(ZIP) || head.starts_with(OLE)
}

/// One cell as text, and whether it was a plain number.
fn cell_text(cell: &Data, out: &mut String) -> bool {
    match cell {
        Data::Empty => {}
        Data::String(s) => out.push_str(s),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
            return true;
        }
        Data::Float(f) => {
            // As the sheet shows a general number: no ".0" on whole numbers.
            if f.fract() == 0.0 && f.abs() < 1e15 {
                let _ = write!(out, "{f:.0}");
            } else {
                let _ = write!(out, "{f}");
            }
            return true;
        }
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
                Some(date) => {
                    let _ = write!(out, "{}", date.format("%Y-%m-%d"));
                }
                None => {
                    let _ = write!(out, "{}", dt.as_f64());
                }
            }
        }
        Data::DateTime(dt) => {
            let _ = write!(out, "{}", dt.as_f64());
        }
        // ods: "2025-06-01" or "2025-06-01T00:00:00": the day is the first ten characters.
        Data::DateTimeIso(s) => match s
            .get(..10)
            .filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        {
            Some(day) => out.push_str(day),
            None => out.push_str(s),
        },
        Data::DurationIso(s) => out.push_str(s),
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
    false
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
fn column_letters(mut col: u32, out: &mut String) {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + u8::try_from(col % 26).unwrap_or(0));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    out.push_str(std::str::from_utf8(&letters).unwrap_or("A"));
}

/// A sheet name as a cell reference writes it: quoted when not a plain word.
fn sheet_prefix(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        format!("{name}!")
    } else {
        format!("'{}'!", name.replace('\'', "''"))
    }
}

/// A workbook's staff list, streamed row by row after the header.
pub struct SheetReader<'r> {
    range: Range<Data>,
    /// The sheet name as cell references write it (`Sayfa1!`).
    prefix: String,
    /// Absolute row and column of the range's first cell.
    origin: (u32, u32),
    /// Next row of `range` to read.
    next: usize,
    width: usize,
    columns: Columns,
    assessor: Assessor<'r>,
    text: String,
    ends: Vec<usize>,
    cell: String,
}

impl<'r> SheetReader<'r> {
    /// Opens the workbook in `bytes`, picks the sheet and finds the header.
    ///
    /// # Errors
    /// [`RosterError`] for a corrupt or password-protected workbook, a missing sheet, no
    /// header among the first rows.
    pub fn new(
        bytes: Vec<u8>,
        sheet: Option<&str>,
        options: &Options,
        rules: &'r Rules,
        today: NaiveDate,
    ) -> Result<Self, RosterError> {
        let (name, range) = open(bytes, sheet)?;
        let origin = range.start().unwrap_or((0, 0));
        let rows: Vec<&[Data]> = range.rows().collect();
        let mut headers = None;
        let mut first = None;
        for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
            let record = header_record(row);
            if record.iter().all(str::is_empty) {
                continue;
            }
            first.get_or_insert_with(|| record.clone());
            let wanted: Vec<&str> = match &options.expiry_column {
                Some(name) => vec![name.as_str()],
                None => EXPIRY_HEADERS.to_vec(),
            };
            if let Some(expiry) = find_column(&record, &wanted) {
                headers = Some((i, record, expiry));
                break;
            }
        }
        let Some((at, headers, expiry)) = headers else {
            let Some(first) = first else {
                return Err(RosterError::Workbook(WorkbookError::SheetEmpty {
                    sheet: name,
                }));
            };
            return Err(match &options.expiry_column {
                Some(wanted) => RosterError::NoSuchColumn {
                    wanted: wanted.clone(),
                    found: header_list(&first),
                },
                None => RosterError::Workbook(WorkbookError::NoHeader {
                    found: header_list(&first),
                    rows: HEADER_SEARCH_ROWS,
                }),
            });
        };
        let name_col = match &options.name_column {
            Some(wanted) => Some(find_column(&headers, &[wanted.as_str()]).ok_or_else(|| {
                RosterError::NoSuchColumn {
                    wanted: wanted.clone(),
                    found: header_list(&headers),
                }
            })?),
            None => find_column(&headers, NAME_HEADERS),
        };
        let columns = Columns {
            delimiter: b',',
            expiry,
            name: name_col,
            duty: find_column(&headers, DUTY_HEADERS),
            headers,
        };
        let assessor = Assessor::new(&columns, rules, today, options.date_order);
        Ok(SheetReader {
            width: columns.headers.len(),
            prefix: sheet_prefix(&name),
            origin,
            next: at + 1,
            range,
            columns,
            assessor,
            text: String::new(),
            ends: Vec::new(),
            cell: String::new(),
        })
    }

    #[must_use]
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// The next non-empty row with its verdict, or `None` after the last.
    pub fn next_row(&mut self) -> Option<Result<Row<'_, 'r>, RosterError>> {
        let (height, width) = (self.range.height(), self.range.width());
        // By index: calamine's row iterator has no fast `nth`, and skipping to row n
        // through it each time made a sheet quadratic.
        let empty = Data::Empty;
        let range = &self.range;
        let cell = |row: usize, col: usize| range.get((row, col)).unwrap_or(&empty);
        let index = loop {
            if self.next >= height {
                return None;
            }
            let index = self.next;
            self.next += 1;
            if (0..width).any(|c| !matches!(cell(index, c), Data::Empty)) {
                break index;
            }
        };
        // Fields: the header's width, or up to the last non-empty cell when a row is wider.
        let used = (0..width)
            .rposition(|c| !matches!(cell(index, c), Data::Empty))
            .map_or(0, |i| i + 1);
        let count = used.max(self.width);
        self.text.clear();
        self.ends.clear();
        let mut expiry_number = None;
        for i in 0..count {
            let start = self.text.len();
            let number = i < width && cell_text(cell(index, i), &mut self.text);
            if i == self.columns.expiry && number {
                expiry_number = Some(self.text[start..].to_owned());
            }
            self.ends.push(self.text.len());
        }
        self.cell.clear();
        self.cell.push_str(&self.prefix);
        let col = self.origin.1 + u32::try_from(self.columns.expiry).unwrap_or(0);
        column_letters(col, &mut self.cell);
        let line = u64::from(self.origin.0) + index as u64 + 1;
        let _ = write!(self.cell, "{line}");
        let fields = Fields::joined(&self.text, &self.ends);
        let mut row = self.assessor.row(line, fields);
        if let (Some(value), true) = (expiry_number, count == self.width) {
            row.outcome = Outcome::Error(RowError::NumberNotDate {
                column: self
                    .columns
                    .headers
                    .get(self.columns.expiry)
                    .unwrap_or("")
                    .to_owned(),
                value,
            });
        }
        row.cell = Some(&self.cell);
        Some(Ok(row))
    }
}

/// The header row's cells as text, without the empty cells past the last name.
fn header_record(row: &[Data]) -> StringRecord {
    let mut record = StringRecord::new();
    let used = row
        .iter()
        .rposition(|c| !matches!(c, Data::Empty))
        .map_or(0, |i| i + 1);
    let mut text = String::new();
    for cell in &row[..used] {
        text.clear();
        cell_text(cell, &mut text);
        record.push_field(text.trim());
    }
    record
}

/// The named sheet (else the first) of the workbook in `bytes`, by its content.
fn open(bytes: Vec<u8>, sheet: Option<&str>) -> Result<(String, Range<Data>), RosterError> {
    let bad = |kind: &'static str, e: &dyn std::fmt::Display| {
        RosterError::Workbook(WorkbookError::Unreadable {
            kind,
            detail: e.to_string(),
        })
    };
    if bytes.starts_with(OLE) {
        if contains_utf16(&bytes, "EncryptedPackage") {
            return Err(password());
        }
        let mut book = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
            calamine::XlsError::Password => password(),
            e => bad(".xls", &e),
        })?;
        return pick(&mut book, sheet);
    }
    if !bytes.starts_with(ZIP) {
        return Err(RosterError::Workbook(WorkbookError::NotWorkbook));
    }
    // An OpenDocument file names its type in its first entry, `mimetype`, stored as is.
    let head = &bytes[..bytes.len().min(128)];
    if contains(head, b"application/vnd.oasis.opendocument.spreadsheet") {
        let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
            calamine::OdsError::Password => password(),
            e => bad(".ods", &e),
        })?;
        return pick(&mut book, sheet);
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(".xlsx", &e))?;
    pick(&mut book, sheet)
}

fn password() -> RosterError {
    RosterError::Workbook(WorkbookError::Password)
}

fn pick<R: Reader<Cursor<Vec<u8>>>>(
    book: &mut R,
    sheet: Option<&str>,
) -> Result<(String, Range<Data>), RosterError>
where
    R::Error: std::fmt::Display,
{
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| {
                let key = crate::text::fold_tr(wanted);
                names.iter().find(|n| crate::text::fold_tr(n) == key)
            })
            .cloned()
            .ok_or_else(|| RosterError::NoSuchSheet {
                wanted: wanted.to_owned(),
                found: names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or(RosterError::Workbook(WorkbookError::NoSheet))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        RosterError::Workbook(WorkbookError::SheetUnreadable {
            sheet: name.clone(),
            detail: e.to_string(),
        })
    })?;
    Ok((name, range))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn contains_utf16(haystack: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(haystack, &needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        let mut s = String::new();
        for (col, want) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            s.clear();
            column_letters(col, &mut s);
            assert_eq!(s, want);
        }
        assert_eq!(sheet_prefix("Sayfa1"), "Sayfa1!");
        assert_eq!(sheet_prefix("Personel Listesi"), "'Personel Listesi'!");
        assert_eq!(sheet_prefix("Ali'nin"), "'Ali''nin'!");
    }

    #[test]
    fn numbers_as_shown() {
        let mut s = String::new();
        assert!(cell_text(&Data::Float(45809.0), &mut s));
        assert_eq!(s, "45809");
        s.clear();
        cell_text(&Data::Float(1.5), &mut s);
        assert_eq!(s, "1.5");
        s.clear();
        assert!(!cell_text(
            &Data::DateTimeIso("2025-06-01T00:00:00".into()),
            &mut s
        ));
        assert_eq!(s, "2025-06-01");
    }

    #[test]
    fn not_a_workbook() {
        assert!(!is_workbook(b"name,expiry\n"));
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(matches!(
            open(b"PK\x03\x04garbage".to_vec(), None),
            Err(RosterError::Workbook(_))
        ));
    }
}
