//! Staff lists (rosters) as an IT desk exports them: CSV in, one assessed row out per
//! input row, in input order.
//!
//! Pure: the caller hands in an `impl Read`, the rules and today's date; nothing here
//! opens files, reads the clock or prints. The reader streams: it holds one record at
//! a time, plus fixed-size caches (verdicts by expiry date, duty values) and the line
//! endings of the bytes read ahead, so memory does not grow with the number of rows;
//! the common date forms parse without allocating.
//!
//! What real exports look like, and how each is handled:
//! - delimiter `,`, `;` (Excel in a Turkish locale) or tab, detected from the header line;
//! - UTF-8 with or without a byte-order mark, or Windows-1254 (Turkish Excel's "CSV");
//! - header names in any case, with or without Turkish letters (`BİTİŞ TARİHİ`, `bitis tarihi`).
//!
//! A row that cannot be assessed (wrong number of fields, no date, a date in another
//! form) becomes an error row carrying its line number and the reason: rows out = rows in.
//!
//! The module follows the seams of the work:
//! - `columns`: header names, matching them the Turkish way, and delimiter detection;
//! - `reader`: [`RosterReader`], exact line numbers, CSV errors, the fast path;
//! - `fields`: [`Fields`], a record's fields wherever they are kept;
//! - `verdict`: [`Assessor`], the one function from fields to a verdict;
//! - `sheet`: [`SheetReader`], workbooks (xlsx, xlsm, xls, ods) through calamine;
//! - `tally`: filters, the summary and the monthly load.

mod columns;
mod fields;
mod reader;
mod scan;
mod sheet;
mod tally;
#[cfg(test)]
mod tests;
mod verdict;

use std::io;

use chrono::{Datelike, NaiveDate};

pub use columns::{
    detect_delimiter, header_key, Columns, DUTY_HEADERS, EXPIRY_HEADERS, NAME_HEADERS,
};
pub use fields::Fields;
pub use reader::RosterReader;
pub use sheet::{is_workbook, SheetReader, MAX_WORKBOOK_BYTES};
pub use tally::{Filter, MonthLoad, MonthlyLoad, StateName, Summary};
pub use verdict::Assessor;

use crate::date::DateError;
use crate::lang::Lang;
use crate::renewal::Renewal;
use crate::rules::{Duty, Payer};

/// The character encoding of the input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    /// Turkish Windows ("ANSI") code page, what Excel writes as "CSV" in Turkey.
    Windows1254,
}

/// How to read a roster. Every field is optional: the defaults detect.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Field delimiter; `None` detects it from the header line.
    pub delimiter: Option<u8>,
    pub encoding: Encoding,
    /// The expiry column's header, instead of looking for the usual names.
    pub expiry_column: Option<String>,
    /// The name column's header, instead of looking for the usual names.
    pub name_column: Option<String>,
    /// How slash dates are read: day first unless the file was written month first.
    pub date_order: crate::date::DateOrder,
}

/// Why a roster could not be read at all (as opposed to one bad row).
#[derive(Debug)]
pub enum RosterError {
    Empty,
    NoExpiryColumn {
        found: String,
        wanted: String,
    },
    NoSuchColumn {
        wanted: String,
        found: String,
    },
    NotUtf8 {
        line: u64,
    },
    Io(io::Error),
    Csv {
        line: u64,
        message: String,
    },
    /// The workbook could not be read.
    Workbook(WorkbookError),
    NoSuchSheet {
        wanted: String,
        found: String,
    },
    TooLarge {
        limit_mib: u64,
    },
    /// A line (the header) or a record is longer than `max` bytes: memory stays bounded
    /// whatever the input (`esign roster /dev/zero`).
    LineTooLong {
        line: u64,
        max: usize,
    },
    /// A quote opened on `line` is never closed: the rest of the file would be one value.
    UnclosedQuote {
        line: u64,
    },
}

/// The longest header line or record a roster may have: far more than any real row.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Why a workbook could not be read, as facts.
#[derive(Debug)]
pub enum WorkbookError {
    /// The sheet holds no cell at all.
    SheetEmpty { sheet: String },
    /// The header was searched for in the first `rows` rows and not found.
    NoHeader { found: String, rows: usize },
    /// The container could not be opened as a workbook of this `kind` (`.xlsx`); `detail`
    /// is calamine's reason, English only: the Turkish sentence leaves it out.
    Unreadable { kind: &'static str, detail: String },
    /// Neither an OLE file nor a zip.
    NotWorkbook,
    /// Encrypted with a password.
    Password,
    /// A workbook with no sheet.
    NoSheet,
    /// The sheet could not be read; `detail` is calamine's reason.
    SheetUnreadable { sheet: String, detail: String },
}

impl std::fmt::Display for RosterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::messages::Localize::localize(
            self,
            crate::lang::Lang::En,
        ))
    }
}

impl std::error::Error for RosterError {}

/// Why one row could not be assessed. The row stays in the output, as an error row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowError {
    FieldCount {
        found: usize,
        expected: usize,
    },
    NoDate {
        column: String,
    },
    BadDate {
        column: String,
        source: DateError,
    },
    /// A workbook cell holding a plain number where a date was wanted.
    NumberNotDate {
        column: String,
        value: String,
    },
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::messages::Localize::localize(
            self,
            crate::lang::Lang::En,
        ))
    }
}

impl std::error::Error for RowError {}

/// What the duty column of a row says.
#[derive(Debug, Clone, Copy)]
pub enum DutyCell<'r> {
    /// No duty column, or an empty cell.
    Absent,
    /// A duty of the rules, and who pays its routine renewal (R9, R10).
    Known { duty: &'r Duty, payer: Payer },
    /// A value that names no duty of the rules: `payer` stays empty.
    Unknown,
}

/// The verdict on one row.
#[derive(Debug, Clone)]
pub enum Outcome<'r> {
    Assessed {
        renewal: Renewal,
        duty: DutyCell<'r>,
    },
    Error(RowError),
    /// A row of delimiters only (`;;;;`, as spreadsheets write blank rows): kept in CSV
    /// and JSON (rows out = rows in) with state `empty`; it decides nothing.
    Empty,
}

impl Outcome<'_> {
    /// The state's name as written in CSV, JSON and `--state`: an error row is `error`.
    #[must_use]
    pub fn state_name(&self) -> &'static str {
        match self {
            Outcome::Assessed { renewal, .. } => renewal.state.as_str(),
            Outcome::Error(_) => "error",
            Outcome::Empty => "empty",
        }
    }

    #[must_use]
    pub fn renewal(&self) -> Option<&Renewal> {
        match self {
            Outcome::Assessed { renewal, .. } => Some(renewal),
            Outcome::Error(_) | Outcome::Empty => None,
        }
    }

    #[must_use]
    pub fn payer(&self) -> Option<Payer> {
        match self {
            Outcome::Assessed {
                duty: DutyCell::Known { payer, .. },
                ..
            } => Some(*payer),
            _ => None,
        }
    }
}

/// One input row with its verdict. Borrows the reader's buffer: use it before the next row.
#[derive(Debug)]
pub struct Row<'a, 'r> {
    /// 1-based line where the record starts in the file (the header is line 1).
    pub line: u64,
    /// The input fields, exactly as read (decoded to UTF-8).
    pub fields: Fields<'a>,
    /// The name and duty columns, [`NO_COLUMN`] when there is none: indexes, not the
    /// cells, so a row stays within 128 bytes and moves without a `memcpy` call.
    name_at: u32,
    duty_at: u32,
    pub outcome: Outcome<'r>,
    /// In a workbook: the row's cell in the expiry column (`Sayfa1!C7`), where a CSV
    /// row has only its line.
    pub cell: Option<&'a str>,
}

/// No such column in a row.
const NO_COLUMN: u32 = u32::MAX;

/// Field `i`, trimmed, when there is one and it is not empty: how a name or duty cell is
/// read.
fn non_empty_cell<'a>(fields: &Fields<'a>, i: usize) -> Option<&'a str> {
    fields
        .get(i)
        .map(crate::text::trim)
        .filter(|v| !v.is_empty())
}

impl<'a> Row<'a, '_> {
    /// The name column's value, when there is a name column and the cell is not empty
    /// (trimmed).
    #[must_use]
    pub fn name(&self) -> Option<&'a str> {
        self.cell_at(self.name_at)
    }

    /// The duty column's value as written (trimmed), when present and not empty.
    #[must_use]
    pub fn duty_value(&self) -> Option<&'a str> {
        self.cell_at(self.duty_at)
    }

    fn cell_at(&self, i: u32) -> Option<&'a str> {
        if i == NO_COLUMN {
            return None;
        }
        non_empty_cell(&self.fields, i as usize)
    }

    /// Where the row is, for messages: `line 4` / `satır 4`.
    #[must_use]
    pub fn location(&self, lang: Lang) -> String {
        if let Some(cell) = self.cell {
            return cell.to_owned();
        }
        crate::messages::line(self.line, lang)
    }
}

/// `YYYY-MM-DD` into a fixed buffer, for writers that must not allocate per row.
#[must_use]
pub fn iso_date(d: NaiveDate) -> [u8; 10] {
    let mut out = *b"0000-00-00";
    let year = u32::try_from(d.year()).unwrap_or(0).min(9999);
    let put = |out: &mut [u8; 10], at: usize, n: u32, width: usize| {
        let mut n = n;
        for i in (0..width).rev() {
            out[at + i] = b'0' + u8::try_from(n % 10).unwrap_or(0);
            n /= 10;
        }
    };
    put(&mut out, 0, year, 4);
    put(&mut out, 5, d.month(), 2);
    put(&mut out, 8, d.day(), 2);
    out
}

impl From<io::Error> for RosterError {
    fn from(e: io::Error) -> Self {
        RosterError::Io(e)
    }
}
