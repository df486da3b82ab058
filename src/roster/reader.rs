//! [`RosterReader`]: a roster streamed one record at a time, each assessed, with the
//! exact line it starts on.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};
use csv::{ByteRecord, StringRecord};

use super::columns::{find_column, header_list};
use super::{
    detect_delimiter, Columns, DutyCell, Encoding, Options, Outcome, RosterError, Row, RowError,
    DUTY_HEADERS, EXPIRY_HEADERS, NAME_HEADERS,
};
use crate::date::parse_date;
use crate::fee::decide_for;
use crate::renewal::{assess, Renewal};
use crate::rules::{Cause, Duty, Rules};

/// Slots of the per-run cache of verdicts by expiry date (direct-mapped, fixed size).
const RENEWAL_CACHE_SLOTS: usize = 4096;

/// Distinct duty values remembered per run; past this, values are looked up each time,
/// so a roster with a million distinct (mistyped) duties cannot grow memory.
const DUTY_CACHE_LIMIT: usize = 1024;

/// Offsets of the line-ending bytes (`\r`, `\n`) read from the input but not yet passed.
type Marks = Rc<RefCell<VecDeque<(u64, u8)>>>;

/// Notes where the line endings are as the CSV reader pulls bytes through.
///
/// A workaround for two open csv issues, to drop once they are fixed upstream:
/// BurntSushi/rust-csv#395 (after a CRLF, positions lag one line) and
/// BurntSushi/rust-csv#208 (a record after blank lines reports the blank's line).
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
    /// Line feeds passed so far (the header's line is 1), and the length of the line
    /// being read: a line past [`MAX_LINE_BYTES`] stops the reading (issue 9, item 4).
    newlines: u64,
    line_len: usize,
}

/// Longest line (and so header) read: a real roster's lines are far below it, and
/// `/dev/zero` or a binary file is stopped here instead of filling memory.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// The error a too-long line raises inside the reader, turned into
/// [`RosterError::LineTooLong`].
#[derive(Debug)]
struct LineTooLong {
    line: u64,
}

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} is too long", self.line)
    }
}

impl std::error::Error for LineTooLong {}

impl<R: Read> Read for LineMarks<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut marks = self.marks.borrow_mut();
        let mut last_newline = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
            if buf[i] == b'\n' {
                if self.line_len + i - last_newline.map_or(0, |l: usize| l + 1) > MAX_LINE_BYTES {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        LineTooLong {
                            line: self.newlines + 1,
                        },
                    ));
                }
                self.newlines += 1;
                self.line_len = 0;
                last_newline = Some(i);
            }
            // A record can only start on a line-ending byte that follows another one (the
            // \n of a CRLF, a blank line): only those, and every \r, are worth a mark. A
            // plain LF file thus needs none.
            let previous = if i == 0 { self.last } else { buf[i - 1] };
            if buf[i] == b'\r' || previous == b'\r' || previous == b'\n' {
                marks.push_back((self.offset + i as u64, buf[i]));
            }
        }
        self.line_len += n - last_newline.map_or(0, |l| l + 1);
        if self.line_len > MAX_LINE_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                LineTooLong {
                    line: self.newlines + 1,
                },
            ));
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
    /// Empty lines skipped before the header.
    skipped: u64,
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
    routine_cause: &'r Cause,
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
        // Empty lines before the header are skipped (issue 9, item 15); their count keeps
        // the line numbers right.
        let mut skipped = 0;
        loop {
            head.clear();
            (&mut input)
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut head)?;
            if head.len() > MAX_LINE_BYTES {
                return Err(RosterError::LineTooLong {
                    line: skipped + 1,
                    max: MAX_LINE_BYTES,
                });
            }
            if !matches!(head.as_slice(), b"\n" | b"\r\n") {
                break;
            }
            skipped += 1;
        }
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
                newlines: skipped,
                line_len: 0,
            });
        let mut roster = RosterReader {
            reader,
            marks,
            lone_crs: 0,
            skipped,
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
            routine_cause: rules.routine_cause(),
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
        line + self.lone_crs + self.skipped
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
                                self.routine_cause,
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
        csv::ErrorKind::Io(io) => {
            match io.get_ref().and_then(|e| e.downcast_ref::<LineTooLong>()) {
                Some(too_long) => RosterError::LineTooLong {
                    line: too_long.line,
                    max: MAX_LINE_BYTES,
                },
                None => RosterError::Io(io),
            }
        }
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
    cause: &'r Cause,
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
    match duty {
        // A routine renewal: the rules' routine cause (R9, R10).
        Some(duty) => DutyCell::Known {
            duty,
            payer: decide_for(rules, duty, cause).payer,
        },
        None => DutyCell::Unknown,
    }
}
