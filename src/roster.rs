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

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

use chrono::{Datelike, Months, NaiveDate};
use csv::{ByteRecord, StringRecord};
use serde::Serialize;
use thiserror::Error;

use crate::date::{parse_date, DateError};
use crate::fee::decide_for;
use crate::renewal::{assess, Renewal, State};
use crate::rules::{Duty, Payer, Rules};
use crate::text::fold_ascii;

/// Header names that mean the certificate's expiry date (compared after [`header_key`]).
pub const EXPIRY_HEADERS: &[&str] = &[
    "expiry",
    "expires",
    "not_after",
    "bitis",
    "bitiş",
    "bitiş tarihi",
    "son kullanma tarihi",
    "geçerlilik bitiş",
];

/// Header names that mean the person.
pub const NAME_HEADERS: &[&str] = &["name", "ad soyad", "ad", "isim", "personel"];

/// Header names that mean the person's administrative duty.
pub const DUTY_HEADERS: &[&str] = &["duty", "görev", "idari görev"];

/// Slots of the per-run cache of verdicts by expiry date (direct-mapped, fixed size).
const RENEWAL_CACHE_SLOTS: usize = 4096;

/// Distinct duty values remembered per run; past this, values are looked up each time,
/// so a roster with a million distinct (mistyped) duties cannot grow memory.
const DUTY_CACHE_LIMIT: usize = 1024;

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
}

/// Why a roster could not be read at all (as opposed to one bad row).
#[derive(Debug, Error)]
pub enum RosterError {
    #[error("the roster is empty: expected a header row such as \"name,expiry\"")]
    Empty,
    #[error("no expiry column in the header ({found}): name one {wanted}, or pick it with --expiry-column")]
    NoExpiryColumn { found: String, wanted: String },
    #[error("no column \"{wanted}\" in the header ({found})")]
    NoSuchColumn { wanted: String, found: String },
    #[error("line {line} is not valid UTF-8: if the file comes from Turkish Excel, use --encoding windows-1254")]
    NotUtf8 { line: u64 },
    #[error("reading the roster: {0}")]
    Io(#[from] io::Error),
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
}

/// Why one row could not be assessed. The row stays in the output, as an error row.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RowError {
    #[error("has {found} fields where the header has {expected}")]
    FieldCount { found: usize, expected: usize },
    #[error("no expiry date in column \"{column}\"")]
    NoDate { column: String },
    #[error("column \"{column}\": {source}")]
    BadDate {
        column: String,
        #[source]
        source: DateError,
    },
}

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
}

impl Outcome<'_> {
    /// The state's name as written in CSV, JSON and `--state`: an error row is `error`.
    #[must_use]
    pub fn state_name(&self) -> &'static str {
        match self {
            Outcome::Assessed { renewal, .. } => renewal.state.as_str(),
            Outcome::Error(_) => "error",
        }
    }

    #[must_use]
    pub fn renewal(&self) -> Option<&Renewal> {
        match self {
            Outcome::Assessed { renewal, .. } => Some(renewal),
            Outcome::Error(_) => None,
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
    pub fields: &'a StringRecord,
    /// The name column's value, when there is a name column and the cell is not empty.
    pub name: Option<&'a str>,
    /// The duty column's value as written, when present and not empty.
    pub duty_value: Option<&'a str>,
    pub outcome: Outcome<'r>,
}

/// The columns found in the header.
#[derive(Debug, Clone)]
pub struct Columns {
    pub headers: StringRecord,
    pub delimiter: u8,
    pub expiry: usize,
    pub name: Option<usize>,
    pub duty: Option<usize>,
}

/// A header name reduced for comparison: Turkish-aware lower case, ASCII letters,
/// `_` and `-` as spaces, runs of white space as one (`Not_After`, `BİTİŞ  TARİHİ`).
#[must_use]
pub fn header_key(name: &str) -> String {
    let folded = fold_ascii(name).replace(['_', '-'], " ");
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The delimiter a header line uses: the most frequent of `,` `;` tab outside quotes
/// (a comma on a tie, and for a one-column file).
#[must_use]
pub fn detect_delimiter(header_line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in header_line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

fn find_column(headers: &StringRecord, wanted: &[&str]) -> Option<usize> {
    let keys: Vec<String> = wanted.iter().map(|w| header_key(w)).collect();
    headers.iter().position(|h| keys.contains(&header_key(h)))
}

fn header_list(headers: &StringRecord) -> String {
    let names: Vec<String> = headers.iter().map(|h| format!("\"{h}\"")).collect();
    format!("found {}", names.join(", "))
}

/// Offsets of the line-ending bytes (`\r`, `\n`) read from the input but not yet passed.
type Marks = Rc<RefCell<VecDeque<(u64, u8)>>>;

/// Notes where the line endings are as the CSV reader pulls bytes through.
///
/// The csv crate stamps a record with the reader's position *before* the record: after
/// a CRLF it has consumed the `\r` but not yet the `\n`, and blank lines before the record
/// are not counted either, so its line numbers run one short in every Excel file. With
/// the marks, [`RosterReader`] skips those bytes and names the line the record is on.
/// Memory stays bounded: marks behind the current record are dropped.
struct LineMarks<R> {
    inner: R,
    offset: u64,
    /// The last byte of the previous read, to see a CRLF split across reads.
    last: u8,
    marks: Marks,
}

impl<R: Read> Read for LineMarks<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut marks = self.marks.borrow_mut();
        for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
            // A record can only start on a line-ending byte that follows another one (the
            // \n of a CRLF, a blank line): only those, and every \r, are worth a mark. A
            // plain LF file thus needs none.
            let previous = if i == 0 { self.last } else { buf[i - 1] };
            if buf[i] == b'\r' || previous == b'\r' || previous == b'\n' {
                marks.push_back((self.offset + i as u64, buf[i]));
            }
        }
        if n > 0 {
            self.last = buf[n - 1];
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// The header line (already read, to detect the delimiter) followed by the rest.
type Input<R> = io::Chain<io::Cursor<Vec<u8>>, BufReader<R>>;

/// A streaming roster reader. Call [`RosterReader::next_row`] until it returns `None`.
pub struct RosterReader<'r, R: Read> {
    reader: csv::Reader<LineMarks<Input<R>>>,
    marks: Marks,
    /// Lone `\r` line ends passed so far.
    lone_crs: u64,
    encoding: Encoding,
    columns: Columns,
    rules: &'r Rules,
    today: NaiveDate,
    raw: ByteRecord,
    record: StringRecord,
    duty_cache: HashMap<String, Option<&'r Duty>>,
    /// Today and the lead are fixed for a run, so the verdict is a function of the expiry
    /// date alone: rosters repeat dates, and calendar-month arithmetic is the costly part.
    renewal_cache: Vec<Option<Renewal>>,
    expiry_cause: Option<&'r crate::rules::Cause>,
}

impl<'r, R: Read> RosterReader<'r, R> {
    /// Reads the header and finds the columns.
    ///
    /// # Errors
    /// [`RosterError`] when there is no header, no expiry column, or the input cannot be read.
    pub fn new(
        input: R,
        options: &Options,
        rules: &'r Rules,
        today: NaiveDate,
    ) -> Result<Self, RosterError> {
        let mut input = BufReader::with_capacity(64 * 1024, input);
        let mut head = Vec::new();
        input.read_until(b'\n', &mut head)?;
        let mut encoding = options.encoding;
        if let Some(rest) = head.strip_prefix(b"\xEF\xBB\xBF") {
            // A byte-order mark says UTF-8 whatever was asked: Excel's "CSV UTF-8" writes one.
            head = rest.to_vec();
            encoding = Encoding::Utf8;
        }
        if head.iter().all(u8::is_ascii_whitespace) {
            return Err(RosterError::Empty);
        }
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(&head));
        let marks = Marks::default();
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(64 * 1024)
            .from_reader(LineMarks {
                inner: io::Cursor::new(head).chain(input),
                offset: 0,
                last: 0,
                marks: Rc::clone(&marks),
            });
        let mut roster = RosterReader {
            reader,
            marks,
            lone_crs: 0,
            encoding,
            columns: Columns {
                headers: StringRecord::new(),
                delimiter,
                expiry: 0,
                name: None,
                duty: None,
            },
            rules,
            today,
            raw: ByteRecord::new(),
            record: StringRecord::new(),
            duty_cache: HashMap::new(),
            renewal_cache: vec![None; RENEWAL_CACHE_SLOTS],
            expiry_cause: rules.cause("expiry"),
        };
        if !roster.read_record()? {
            return Err(RosterError::Empty);
        }
        let headers = roster.record.clone();
        let pick =
            |explicit: &Option<String>, wanted: &[&str]| -> Result<Option<usize>, RosterError> {
                match explicit {
                    Some(name) => find_column(&headers, &[name.as_str()])
                        .map(Some)
                        .ok_or_else(|| RosterError::NoSuchColumn {
                            wanted: name.clone(),
                            found: header_list(&headers),
                        }),
                    None => Ok(find_column(&headers, wanted)),
                }
            };
        let expiry = pick(&options.expiry_column, EXPIRY_HEADERS)?.ok_or_else(|| {
            RosterError::NoExpiryColumn {
                found: header_list(&headers),
                wanted: format!("one of: {}", EXPIRY_HEADERS.join(", ")),
            }
        })?;
        let name = pick(&options.name_column, NAME_HEADERS)?;
        let duty = find_column(&headers, DUTY_HEADERS);
        roster.columns = Columns {
            headers,
            delimiter,
            expiry,
            name,
            duty,
        };
        Ok(roster)
    }

    #[must_use]
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Reads the next record into `self.record`, decoding it. `false` at the end.
    fn read_record(&mut self) -> Result<bool, RosterError> {
        match self.encoding {
            Encoding::Utf8 => match self.reader.read_record(&mut self.record) {
                Ok(more) => Ok(more),
                Err(e) => Err(csv_error(e)),
            },
            Encoding::Windows1254 => {
                let more = self
                    .reader
                    .read_byte_record(&mut self.raw)
                    .map_err(csv_error)?;
                self.record.clear();
                for field in &self.raw {
                    // Borrowed (no copy) when the field is ASCII; every byte maps in 1254.
                    let (text, _) = encoding_rs::WINDOWS_1254.decode_without_bom_handling(field);
                    self.record.push_field(&text);
                }
                self.record.set_position(self.raw.position().cloned());
                Ok(more)
            }
        }
    }

    /// The line the current record starts on: csv's count of `\n` at the record's start
    /// offset, plus the line endings (and blank lines) between that offset and the first
    /// field, plus every lone `\r` so far (old Mac line ends, which csv does not count).
    fn line(&mut self) -> u64 {
        let Some(pos) = self.record.position() else {
            return 0;
        };
        let (mut at, mut line) = (pos.byte(), pos.line());
        let mut marks = self.marks.borrow_mut();
        while let Some(&(offset, byte)) = marks.front() {
            if offset > at {
                break;
            }
            marks.pop_front();
            // The byte after a mark before `at` has been read: its mark, if any, is next.
            let crlf = marks
                .front()
                .is_some_and(|&(o, b)| o == offset + 1 && b == b'\n');
            if byte == b'\r' && !crlf {
                self.lone_crs += 1;
            }
            if offset == at {
                if byte == b'\n' {
                    line += 1;
                }
                at += 1;
            }
        }
        line + self.lone_crs
    }

    /// The next row with its verdict, or `None` at the end of the input.
    ///
    /// # Errors
    /// [`RosterError`] when the input stops being readable (I/O, bad encoding): the
    /// rows read so far stay valid; the rest cannot be read.
    pub fn next_row(&mut self) -> Option<Result<Row<'_, 'r>, RosterError>> {
        match self.read_record() {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => return Some(Err(e)),
        }
        let line = self.line();
        let record = &self.record;
        let columns = &self.columns;
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(crate::text::trim)
                .filter(|v| !v.is_empty())
        };
        let name = cell(columns.name);
        let duty_value = cell(columns.duty);
        let outcome = if record.len() == columns.headers.len() {
            let column = || columns.headers.get(columns.expiry).unwrap_or("").to_owned();
            match record.get(columns.expiry).map_or("", crate::text::trim) {
                "" => Outcome::Error(RowError::NoDate { column: column() }),
                text => match parse_date(text) {
                    Ok(expiry) => {
                        let slot = usize::try_from(expiry.num_days_from_ce()).unwrap_or(0)
                            % RENEWAL_CACHE_SLOTS;
                        let renewal = match self.renewal_cache[slot] {
                            Some(r) if r.expiry == expiry => r,
                            _ => {
                                let r = assess(expiry, self.today, self.rules.lead);
                                self.renewal_cache[slot] = Some(r);
                                r
                            }
                        };
                        let duty = match duty_value {
                            None => DutyCell::Absent,
                            Some(value) => duty_cell(
                                &mut self.duty_cache,
                                self.rules,
                                self.expiry_cause,
                                value,
                            ),
                        };
                        Outcome::Assessed { renewal, duty }
                    }
                    Err(source) => Outcome::Error(RowError::BadDate {
                        column: column(),
                        source,
                    }),
                },
            }
        } else {
            Outcome::Error(RowError::FieldCount {
                found: record.len(),
                expected: columns.headers.len(),
            })
        };
        Some(Ok(Row {
            line,
            fields: record,
            name,
            duty_value,
            outcome,
        }))
    }
}

fn csv_error(e: csv::Error) -> RosterError {
    let line = e.position().map_or(0, csv::Position::line);
    match e.into_kind() {
        csv::ErrorKind::Io(io) => RosterError::Io(io),
        csv::ErrorKind::Utf8 { .. } => RosterError::NotUtf8 { line },
        other => RosterError::Csv {
            line,
            message: format!("{other:?}"),
        },
    }
}

/// The duty a cell names and the payer of its routine renewal, remembered per value.
fn duty_cell<'r>(
    cache: &mut HashMap<String, Option<&'r Duty>>,
    rules: &'r Rules,
    cause: Option<&'r crate::rules::Cause>,
    value: &str,
) -> DutyCell<'r> {
    let duty = if let Some(found) = cache.get(value) {
        *found
    } else {
        let found = rules.find_duty(value);
        if cache.len() < DUTY_CACHE_LIMIT {
            cache.insert(value.to_owned(), found);
        }
        found
    };
    match (duty, cause) {
        // A routine renewal is the cause "expiry" (R9, R10).
        (Some(duty), Some(cause)) => DutyCell::Known {
            duty,
            payer: decide_for(rules, duty, cause).payer,
        },
        _ => DutyCell::Unknown,
    }
}

/// Which rows to show. Filters drop rows from the output only, never from the summary.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep rows in one of these states (`error` for error rows); `None` keeps all.
    pub states: Option<Vec<StateName>>,
    /// Keep rows that need action by this day: renewal due, expired, or a window
    /// opening on or before it. Error rows need fixing now, so they are kept too.
    pub due_by: Option<NaiveDate>,
}

/// A state as `--state` names it: the four renewal states and `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateName {
    State(State),
    Error,
}

impl Filter {
    #[must_use]
    pub fn keeps(&self, outcome: &Outcome<'_>) -> bool {
        let by_state = self.states.as_ref().is_none_or(|states| {
            states.iter().any(|s| match (s, outcome) {
                (StateName::Error, Outcome::Error(_)) => true,
                (StateName::State(s), Outcome::Assessed { renewal, .. }) => renewal.state == *s,
                _ => false,
            })
        });
        let by_due = self.due_by.is_none_or(|by| match outcome {
            Outcome::Error(_) => true,
            Outcome::Assessed { renewal, .. } => {
                matches!(renewal.state, State::RenewalDue | State::Expired)
                    || renewal.window_opens <= by
            }
        });
        by_state && by_due
    }
}

/// Counts per state over every row read (before filters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: u64,
    pub valid: u64,
    pub not_yet_valid: u64,
    pub renewal_due: u64,
    pub expired: u64,
    pub errors: u64,
    /// Rows whose duty value names no duty of the rules (not errors).
    pub unknown_duties: u64,
}

impl Summary {
    pub fn add(&mut self, outcome: &Outcome<'_>) {
        self.rows += 1;
        match outcome {
            Outcome::Error(_) => self.errors += 1,
            Outcome::Assessed { renewal, duty } => {
                match renewal.state {
                    State::Valid => self.valid += 1,
                    State::NotYetValid => self.not_yet_valid += 1,
                    State::RenewalDue => self.renewal_due += 1,
                    State::Expired => self.expired += 1,
                }
                if matches!(duty, DutyCell::Unknown) {
                    self.unknown_duties += 1;
                }
            }
        }
    }

    /// The most urgent state among the assessed rows.
    #[must_use]
    pub fn worst(&self) -> State {
        if self.expired > 0 {
            State::Expired
        } else if self.renewal_due > 0 {
            State::RenewalDue
        } else if self.not_yet_valid > 0 {
            State::NotYetValid
        } else {
            State::Valid
        }
    }
}

/// Renewal load in one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthLoad {
    /// `YYYY-MM`.
    #[serde(serialize_with = "year_month")]
    pub month: NaiveDate,
    /// Renewal windows that open in this month.
    pub windows_open: u64,
    /// Certificates that expire in this month.
    pub expiring: u64,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's serialize_with passes &field
fn year_month<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!("{:04}-{:02}", d.year(), d.month()))
}

/// The `--by-month` chart's numbers: 12 calendar months from today's month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyLoad {
    first: NaiveDate,
    months: [MonthLoad; 12],
}

impl MonthlyLoad {
    /// Twelve empty months, the first being the month of `today`.
    #[must_use]
    pub fn new(today: NaiveDate) -> Self {
        let first = today.with_day(1).unwrap_or(today);
        let months = std::array::from_fn(|i| MonthLoad {
            month: first
                .checked_add_months(Months::new(u32::try_from(i).unwrap_or(0)))
                .unwrap_or(first),
            windows_open: 0,
            expiring: 0,
        });
        MonthlyLoad { first, months }
    }

    fn index(&self, day: NaiveDate) -> Option<usize> {
        let months = (day.year() - self.first.year()) * 12 + i32::try_from(day.month()).ok()?
            - i32::try_from(self.first.month()).ok()?;
        usize::try_from(months).ok().filter(|&m| m < 12)
    }

    /// Counts one certificate: its window's first day and its expiry, each in its month.
    pub fn add(&mut self, renewal: &Renewal) {
        if let Some(i) = self.index(renewal.window_opens) {
            self.months[i].windows_open += 1;
        }
        if let Some(i) = self.index(renewal.expiry) {
            self.months[i].expiring += 1;
        }
    }

    #[must_use]
    pub fn months(&self) -> &[MonthLoad; 12] {
        &self.months
    }
}

/// Pure aggregation over a whole set of renewals (the streaming form is [`MonthlyLoad::add`]).
#[must_use]
pub fn by_month<'a>(
    today: NaiveDate,
    renewals: impl IntoIterator<Item = &'a Renewal>,
) -> [MonthLoad; 12] {
    let mut load = MonthlyLoad::new(today);
    for r in renewals {
        load.add(r);
    }
    load.months
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn read_all(input: &[u8], options: &Options, today: &str) -> Vec<(u64, String, Option<Payer>)> {
        let rules = Rules::embedded();
        let mut reader = RosterReader::new(input, options, &rules, d(today)).unwrap();
        let mut out = Vec::new();
        while let Some(row) = reader.next_row() {
            let row = row.unwrap();
            out.push((
                row.line,
                row.outcome.state_name().to_owned(),
                row.outcome.payer(),
            ));
        }
        out
    }

    #[test]
    fn delimiters_are_detected() {
        assert_eq!(detect_delimiter(b"name,expiry\n"), b',');
        assert_eq!(detect_delimiter(b"ad soyad;bitis;\"a,b,c\"\n"), b';');
        assert_eq!(detect_delimiter(b"name\texpiry\n"), b'\t');
        assert_eq!(detect_delimiter(b"expiry\n"), b',');
    }

    #[test]
    fn header_keys_fold_turkish_and_separators() {
        assert_eq!(header_key(" BİTİŞ  TARİHİ "), "bitis tarihi");
        assert_eq!(header_key("Not_After"), "not after");
        assert_eq!(header_key("GEÇERLİLİK-BİTİŞ"), "gecerlilik bitis");
    }

    /// Every header name of the issue, as written and in Turkish capitals, finds its column.
    #[test]
    fn every_header_name_is_recognised() {
        let rules = Rules::embedded();
        let today = d("2025-01-01");
        let capitals = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    'i' => 'İ',
                    'ı' => 'I',
                    other => other.to_uppercase().next().unwrap_or(other),
                })
                .collect()
        };
        for expiry in EXPIRY_HEADERS {
            for name in NAME_HEADERS {
                for duty in DUTY_HEADERS {
                    for (e, n, g) in [
                        ((*expiry).to_owned(), (*name).to_owned(), (*duty).to_owned()),
                        (capitals(expiry), capitals(name), capitals(duty)),
                    ] {
                        let input = format!("x;{g};{n};{e}\n1;Dekan;Ayşe;2030-01-01\n");
                        let r =
                            RosterReader::new(input.as_bytes(), &Options::default(), &rules, today)
                                .unwrap_or_else(|err| panic!("{e} / {n}: {err}"));
                        let c = r.columns();
                        assert_eq!(
                            (c.expiry, c.name, c.duty),
                            (3, Some(2), Some(1)),
                            "{e} / {n} / {g}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn rows_get_state_and_payer() {
        let input = "Ad Soyad;Bitiş Tarihi;Görev\nA;01.06.2025;Dekan\nB;2025-06-10;none\nC;2025-04-01;\nD;soon;x\nE;2025-06-01\n";
        let rows = read_all(input.as_bytes(), &Options::default(), "2025-05-15");
        assert_eq!(
            rows,
            vec![
                (2, "renewal-due".into(), Some(Payer::Institution)),
                (3, "renewal-due".into(), Some(Payer::Person)),
                (4, "expired".into(), None),
                (5, "error".into(), None),
                (6, "error".into(), None),
            ]
        );
    }

    #[test]
    #[allow(clippy::items_after_statements)] // the reader type sits beside its one use
    fn line_numbers_with_crlf_blank_lines_and_quoted_newlines() {
        let input = "name,expiry\r\nA,2030-01-01\r\n\r\n\r\nB,\"x\r\ny\"\r\nC,2030-01-01\nD,2030-01-01\n\nE,2030-01-01";
        let lines: Vec<u64> = read_all(input.as_bytes(), &Options::default(), "2025-01-01")
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(lines, [2, 5, 7, 8, 10]);
        let old_mac = "name,expiry\rA,2030-01-01\rB,\"x\ry\"\r\rC,2030-01-01\r\nD,1";
        let lines: Vec<u64> = read_all(old_mac.as_bytes(), &Options::default(), "2025-01-01")
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(lines, [2, 3, 6, 7]);

        // The same bytes one at a time: a CRLF split across reads still counts once.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match (self.0.split_first(), buf.first_mut()) {
                    (Some((b, rest)), Some(slot)) => {
                        *slot = *b;
                        self.0 = rest;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let rules = Rules::embedded();
        let mut reader = RosterReader::new(
            Trickle(input.as_bytes()),
            &Options::default(),
            &rules,
            d("2025-01-01"),
        )
        .unwrap();
        let mut trickled = Vec::new();
        while let Some(row) = reader.next_row() {
            trickled.push(row.unwrap().line);
        }
        assert_eq!(trickled, [2, 5, 7, 8, 10]);
    }

    #[test]
    fn windows_1254_and_bom() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1254.encode("İsim,Geçerlilik Bitiş\nŞükrü Işık,2030-01-01\n");
        let options = Options {
            encoding: Encoding::Windows1254,
            ..Options::default()
        };
        let rules = Rules::embedded();
        let mut r = RosterReader::new(&bytes[..], &options, &rules, d("2025-01-01")).unwrap();
        assert_eq!(r.columns().expiry, 1);
        let row = r.next_row().unwrap().unwrap();
        assert_eq!(row.name, Some("Şükrü Işık"));
        let bom = b"\xEF\xBB\xBFexpiry\n2030-01-01\n";
        assert_eq!(read_all(bom, &Options::default(), "2025-01-01").len(), 1);
    }

    #[test]
    fn monthly_load_counts_by_calendar_month() {
        let lead = "1 month".parse().unwrap();
        let today = d("2025-11-20");
        let renewals: Vec<Renewal> = [
            "2025-12-15",
            "2025-12-31",
            "2026-11-30",
            "2026-12-01",
            "2025-10-01",
        ]
        .iter()
        .map(|e| assess(d(e), today, lead))
        .collect();
        let months = by_month(today, &renewals);
        assert_eq!(months[0].month, d("2025-11-01"));
        assert_eq!((months[0].windows_open, months[0].expiring), (2, 0)); // 15.11, 30.11
        assert_eq!((months[1].windows_open, months[1].expiring), (0, 2));
        // 2026-11-30's window opens on 2026-10-30 (the 12th month); its expiry is past the chart.
        assert_eq!(months[11].month, d("2026-10-01"));
        assert_eq!((months[11].windows_open, months[11].expiring), (1, 0));
        let total: u64 = months.iter().map(|m| m.windows_open + m.expiring).sum();
        assert_eq!(total, 5);
    }

    proptest::proptest! {
        /// Any bytes at all, in either encoding: rows or a typed error, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            header in proptest::sample::select(vec!["expiry\n", "ad;bitiş;görev\r\n", "name\texpires\n", ""]),
            windows in proptest::prelude::any::<bool>(),
        ) {
            let rules = Rules::embedded();
            let mut input = header.as_bytes().to_vec();
            input.extend_from_slice(&bytes);
            let options = Options {
                encoding: if windows { Encoding::Windows1254 } else { Encoding::Utf8 },
                ..Options::default()
            };
            if let Ok(mut reader) = RosterReader::new(&input[..], &options, &rules, d("2026-01-15")) {
                let mut last = 0;
                while let Some(row) = reader.next_row() {
                    let Ok(row) = row else { break };
                    proptest::prop_assert!(row.line > last);
                    last = row.line;
                }
            }
        }
    }

    #[test]
    fn iso_dates_without_allocation() {
        assert_eq!(&iso_date(d("2025-06-01")), b"2025-06-01");
        assert_eq!(
            &iso_date(NaiveDate::from_ymd_opt(999, 12, 31).unwrap()),
            b"0999-12-31"
        );
    }
}
