//! [`RosterReader`]: a roster streamed one record at a time, each assessed, with the
//! exact line it starts on.
//!
//! Two paths through the same bytes:
//! - the fast path, for a record on one line with no quote in it (nearly every row of
//!   a real export): the line's end and its delimiters are found eight bytes at a time
//!   ([`Specials`]), and the fields are slices of the input buffer, copied nowhere;
//! - the general path, for any record with a quote (or a line longer than the buffer):
//!   `csv_core`, the csv crate's own parser, with the csv crate's settings (`"` quotes,
//!   `""` escapes one, `\r`, `\n` and `\r\n` end records, blank lines are skipped).
//!
//! Input is decoded as it is read, a buffer at a time: UTF-8 is validated once per
//! buffer of whole lines, Windows-1254 is decoded to UTF-8, so both paths only ever
//! see valid UTF-8 text. Memory is the two buffers (a record longer than them grows
//! the general path's output only), the caches of the [`Assessor`], and nothing per row.
//!
//! Line numbers are counted over every byte passed, the same way on both paths: a
//! `\r`, a `\n` not after a `\r`, each ends a line (old Mac, Unix and Windows files).

use std::io::{self, Read};

use chrono::NaiveDate;
use csv_core::ReadRecordResult;

use super::columns::{find_column, header_list};
use super::scan::{Specials, BLOCK};
use super::verdict::Assessor;
use super::{
    detect_delimiter, Columns, Encoding, Fields, Options, RosterError, Row, DUTY_HEADERS,
    EXPIRY_HEADERS, MAX_LINE_BYTES, NAME_HEADERS,
};
use crate::rules::Rules;

/// Bytes asked of the input per read, at most.
const READ_SIZE: usize = 256 * 1024;

/// Bytes asked of the input by the first read.
const FIRST_READ: usize = 16 * 1024;

/// Bytes read but not yet decoded. Reads land straight in the buffer's free part, which
/// is zeroed once when it grows, never per read: the input is copied once, into `text`.
#[derive(Default)]
struct RawBuf {
    bytes: Vec<u8>,
    /// `bytes[..len]` holds what was read.
    len: usize,
    /// How much the next read asks for.
    next_read: usize,
}

impl RawBuf {
    fn filled(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// One read into the free part: [`FIRST_READ`] bytes at first, twice as many each
    /// time the buffer is outgrown, up to [`READ_SIZE`] (a small roster zeroes and
    /// allocates little; a large one reads in large blocks).
    fn read_from(&mut self, input: &mut impl Read) -> io::Result<usize> {
        let want = self.next_read.clamp(FIRST_READ, READ_SIZE);
        if self.bytes.len() - self.len < want {
            self.bytes.resize(self.len + want, 0);
        }
        let n = input.read(&mut self.bytes[self.len..])?;
        if n >= want {
            self.next_read = 2 * want;
        }
        self.len += n;
        Ok(n)
    }

    /// Drops the first `n` bytes (decoded, or passed): the rest, at most a partial line,
    /// moves to the front.
    fn consume(&mut self, n: usize) {
        self.bytes.copy_within(n..self.len, 0);
        self.len -= n;
    }
}

/// Where the current record's fields are.
#[derive(Clone, Copy)]
enum Held {
    /// `text[start..end]`, fields split at `ends` (the fast path).
    Line { start: usize, end: usize },
    /// `record`, fields end to end (the general path).
    Record,
}

/// Where the general path is in `csv_core`'s quoting, followed to report unclosed quotes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted field: an escaped quote if another follows, else the end.
    ClosingOrEscaped,
}

/// A streaming roster reader. Call [`RosterReader::next_row`] until it returns `None`.
// The flags are independent facts about the input (ended, undecodable ahead, finished)
// and a test switch: an enum of their combinations would read worse.
#[allow(clippy::struct_excessive_bools)]
pub struct RosterReader<'r, R: Read> {
    input: R,
    /// Bytes read but not yet decoded: at most one partial line (or one partial
    /// character), plus what a read just brought.
    raw: RawBuf,
    /// Decoded input: whole lines (and the last one at the end of the input).
    text: String,
    /// Start of the unread part of `text`.
    pos: usize,
    /// The input has no more bytes.
    eof: bool,
    /// Bytes of `raw` that cannot be decoded (invalid UTF-8), found ahead of `pos`.
    bad_utf8: bool,
    encoding: Encoding,
    delimiter: u8,
    /// The bytes the fast path stops at: the delimiter, `"`, `\r`, `\n`.
    specials: Specials,
    /// Send every record through the general path (for tests comparing the paths).
    general_only: bool,
    /// 1-based line number at `pos`.
    line: u64,
    /// The line the current record starts on.
    record_line: u64,
    /// The last byte passed was a `\r` (a `\n` right after it ends no new line).
    after_cr: bool,
    parser: csv_core::Reader,
    /// The general path's record: fields end to end.
    record: String,
    record_bytes: Vec<u8>,
    ends: Vec<usize>,
    held: Held,
    /// The general path's quoting state, and the line its open quote is on.
    quote: Quote,
    quote_line: u64,
    columns: Columns,
    assessor: Option<Assessor<'r>>,
    done: bool,
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
        Self::with_paths(input, options, rules, today, false)
    }

    /// [`RosterReader::new`], with every record through the general path when
    /// `general_only`: the reference the fast path is tested against.
    #[doc(hidden)]
    pub fn with_paths(
        input: R,
        options: &Options,
        rules: &'r Rules,
        today: NaiveDate,
        general_only: bool,
    ) -> Result<Self, RosterError> {
        let mut roster = RosterReader {
            input,
            raw: RawBuf::default(),
            text: String::with_capacity(2 * FIRST_READ),
            pos: 0,
            eof: false,
            bad_utf8: false,
            encoding: options.encoding,
            delimiter: b',',
            specials: Specials::new(b','),
            general_only,
            line: 1,
            record_line: 1,
            after_cr: false,
            parser: csv_core::Reader::new(),
            record: String::new(),
            record_bytes: Vec::new(),
            ends: Vec::new(),
            held: Held::Record,
            quote: Quote::FieldStart,
            quote_line: 1,
            columns: Columns {
                headers: csv::StringRecord::new(),
                delimiter: b',',
                expiry: 0,
                name: None,
                duty: None,
            },
            assessor: None,
            done: false,
        };
        // The header line, whole, to detect the delimiter and the encoding; blank lines
        // before it (spaces and tabs at most) are passed, and counted.
        roster.read_line_end()?;
        if roster.raw.filled().starts_with(b"\xEF\xBB\xBF") {
            // A byte-order mark says UTF-8 whatever was asked: Excel's "CSV UTF-8" writes one.
            roster.raw.consume(3);
            roster.encoding = Encoding::Utf8;
        }
        roster.skip_blank_lines()?;
        roster.record_line = roster.line;
        let raw = roster.raw.filled();
        let head_end = memchr::memchr2(b'\n', b'\r', raw).map_or(raw.len(), |i| i + 1);
        let head = &raw[..head_end];
        if head.iter().all(u8::is_ascii_whitespace) {
            return Err(RosterError::Empty);
        }
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(head));
        roster.delimiter = delimiter;
        roster.specials = Specials::new(delimiter);
        roster.parser = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        roster.decode();
        if !roster.next_record()? {
            return Err(RosterError::Empty);
        }
        let headers = roster.fields().to_record();
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
                wanted: EXPIRY_HEADERS.join(", "),
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
        roster.assessor = Some(Assessor::new(
            &roster.columns,
            rules,
            today,
            options.date_order,
        ));
        Ok(roster)
    }

    /// Reads until `raw` holds a line end (or the whole input), at most
    /// [`MAX_LINE_BYTES`] past its start.
    fn read_line_end(&mut self) -> Result<(), RosterError> {
        while !self.eof && memchr::memchr2(b'\n', b'\r', self.raw.filled()).is_none() {
            if self.raw.filled().len() > MAX_LINE_BYTES {
                return Err(RosterError::LineTooLong {
                    line: self.line,
                    max: MAX_LINE_BYTES,
                });
            }
            self.read_more()?;
        }
        Ok(())
    }

    /// Drops the blank lines at the start of `raw` (before the header), counting them.
    fn skip_blank_lines(&mut self) -> Result<(), RosterError> {
        loop {
            self.read_line_end()?;
            let raw = self.raw.filled();
            let Some(end) = memchr::memchr2(b'\n', b'\r', raw) else {
                return Ok(());
            };
            if !raw[..end].iter().all(|&b| b == b' ' || b == b'\t') {
                return Ok(());
            }
            if raw[end] == b'\r' && end + 1 == raw.len() && !self.eof {
                // Whether a `\n` follows (one line end, `\r\n`) is not known yet.
                self.read_more()?;
                continue;
            }
            let crlf = raw[end] == b'\r' && raw.get(end + 1) == Some(&b'\n');
            self.raw.consume(end + if crlf { 2 } else { 1 });
            self.line += 1;
        }
    }

    #[must_use]
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// The next row with its verdict, or `None` at the end of the input.
    ///
    /// # Errors
    /// [`RosterError`] when the input stops being readable (I/O, bad encoding): the
    /// rows read so far stay valid; the rest cannot be read.
    #[inline]
    pub fn next_row(&mut self) -> Option<Result<Row<'_, 'r>, RosterError>> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(true) => {}
            Ok(false) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        }
        let fields = match self.held {
            Held::Line { start, end } => Fields::line(&self.text[start..end], &self.ends),
            Held::Record => Fields::joined(&self.record, &self.ends),
        };
        let assessor = self.assessor.as_mut()?;
        Some(Ok(assessor.row(self.record_line, fields)))
    }

    fn fields(&self) -> Fields<'_> {
        match self.held {
            Held::Line { start, end } => Fields::line(&self.text[start..end], &self.ends),
            Held::Record => Fields::joined(&self.record, &self.ends),
        }
    }

    /// Moves to the next record (skipping blank lines) and notes where its fields are.
    /// `false` at the end of the input.
    fn next_record(&mut self) -> Result<bool, RosterError> {
        loop {
            // Blank lines: csv skips them, and so does the line count's every byte.
            let rest = &self.text.as_bytes()[self.pos..];
            let skip = rest
                .iter()
                .position(|&b| b != b'\r' && b != b'\n')
                .unwrap_or(rest.len());
            if skip > 0 {
                self.pass(self.pos + skip);
            }
            self.record_line = self.line;
            if self.pos < self.text.len() {
                break;
            }
            if self.at_end() {
                return Ok(false);
            }
            self.fill()?;
        }
        if !self.general_only && self.fast_record()? {
            return Ok(true);
        }
        self.general_record()?;
        Ok(true)
    }

    /// The fast path: a record on one line without quotes. `false` (nothing passed)
    /// when the record needs the general path.
    fn fast_record(&mut self) -> Result<bool, RosterError> {
        loop {
            let start = self.pos;
            let rest = &self.text.as_bytes()[start..];
            // One pass: delimiters noted, stop at a line end, give up at a quote. A word
            // at a time while the buffer has one (a word may run past the line: the scan
            // stops at its end), then a byte at a time.
            self.ends.clear();
            let mut stop = None;
            let mut base = 0;
            'blocks: while let Some(block) = rest.get(base..base + BLOCK) {
                let mut mask = self.specials.mask(block.try_into().unwrap_or([0; BLOCK]));
                while mask != 0 {
                    let i = base + mask.trailing_zeros() as usize / 8;
                    let b = rest[i];
                    if b == self.delimiter {
                        self.ends.push(i);
                    } else if b == b'"' {
                        return Ok(false);
                    } else {
                        stop = Some(i);
                        break 'blocks;
                    }
                    mask &= mask - 1;
                }
                base += BLOCK;
            }
            if stop.is_none() {
                for (i, &b) in rest.iter().enumerate().skip(base) {
                    if self.specials.is_special(b) {
                        if b == self.delimiter {
                            self.ends.push(i);
                        } else if b == b'"' {
                            return Ok(false);
                        } else {
                            stop = Some(i);
                            break;
                        }
                    }
                }
            }
            match stop {
                // A `\r` last in the buffer: whether a `\n` follows is not known yet.
                Some(i) if rest[i] == b'\r' && i + 1 == rest.len() && self.more_text() => {}
                Some(i) => {
                    // The record's end of line: `\r\n`, `\r` or `\n`.
                    let crlf = rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n');
                    let lone_cr = rest[i] == b'\r' && !crlf;
                    self.ends.push(i);
                    let end = start + i;
                    self.held = Held::Line { start, end };
                    self.line += 1;
                    self.after_cr = lone_cr;
                    self.pos = if crlf { end + 2 } else { end + 1 };
                    return Ok(true);
                }
                None if self.bad_utf8 => {
                    return Err(RosterError::NotUtf8 {
                        line: self.record_line,
                    })
                }
                None if self.eof => {
                    self.ends.push(rest.len());
                    let end = self.text.len();
                    self.held = Held::Line { start, end };
                    self.pos = end;
                    self.after_cr = false;
                    return Ok(true);
                }
                None => {}
            }
            self.fill()?;
        }
    }

    /// The general path: one record through `csv_core`, reading on as it needs.
    fn general_record(&mut self) -> Result<(), RosterError> {
        self.parser.reset();
        self.record_bytes.clear();
        self.ends.clear();
        let mut out_len = 0;
        let mut ends_len = 0;
        self.quote = Quote::FieldStart;
        loop {
            // An empty input tells csv_core the input has ended: only give it one then.
            if self.pos == self.text.len() && !self.at_end() {
                if self.more_text() {
                    self.fill()?;
                    continue;
                }
                return Err(RosterError::NotUtf8 {
                    line: self.record_line,
                });
            }
            if self.record_bytes.len() < out_len + 1024 {
                self.record_bytes
                    .resize(out_len + 1024 + self.record_bytes.len(), 0);
            }
            if self.ends.len() < ends_len + 16 {
                self.ends.resize(ends_len + 16 + self.ends.len(), 0);
            }
            let input = &self.text.as_bytes()[self.pos..];
            let (result, read, written, ended) = self.parser.read_record(
                input,
                &mut self.record_bytes[out_len..],
                &mut self.ends[ends_len..],
            );
            // csv_core counts field ends from the record's start, across calls.
            out_len += written;
            ends_len += ended;
            self.follow_quotes(self.pos + read);
            self.pass(self.pos + read);
            match result {
                ReadRecordResult::InputEmpty
                | ReadRecordResult::OutputFull
                | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
            if out_len > MAX_LINE_BYTES {
                // Inside quotes, a record this long is a quote never closed.
                return Err(if self.quote == Quote::Quoted {
                    RosterError::UnclosedQuote {
                        line: self.quote_line,
                    }
                } else {
                    RosterError::LineTooLong {
                        line: self.record_line,
                        max: MAX_LINE_BYTES,
                    }
                });
            }
        }
        if self.quote == Quote::Quoted {
            // csv_core ends a quoted field at the end of the input: the quote never closed.
            return Err(RosterError::UnclosedQuote {
                line: self.quote_line,
            });
        }
        self.ends.truncate(ends_len);
        self.record_bytes.truncate(out_len);
        // Quotes removed from valid UTF-8 leave valid UTF-8: this cannot fail.
        self.record.clear();
        self.record
            .push_str(std::str::from_utf8(&self.record_bytes).map_err(|_| {
                RosterError::NotUtf8 {
                    line: self.record_line,
                }
            })?);
        self.held = Held::Record;
        Ok(())
    }

    /// Follows `csv_core`'s quoting over `text[pos..to]` (before `pass` moves there), so
    /// a quote that never closes is reported with the line it opened on. The states are
    /// `csv_core`'s: a quote opens a quoted field only at a field's start; inside, `""` is
    /// one quote and `"` then anything else closes it.
    fn follow_quotes(&mut self, to: usize) {
        let bytes = &self.text.as_bytes()[self.pos..to];
        let mut line = self.line;
        let mut after_cr = self.after_cr;
        for &b in bytes {
            let line_end = b == b'\r' || (b == b'\n' && !after_cr);
            self.quote = match (self.quote, b) {
                (Quote::FieldStart, b'"') => {
                    self.quote_line = line;
                    Quote::Quoted
                }
                (Quote::Quoted, b'"') => Quote::ClosingOrEscaped,
                (Quote::Quoted, _) | (Quote::ClosingOrEscaped, b'"') => Quote::Quoted,
                (_, b) if b == self.delimiter || b == b'\r' || b == b'\n' => Quote::FieldStart,
                _ => Quote::Unquoted,
            };
            if line_end {
                line += 1;
            }
            after_cr = b == b'\r';
        }
    }

    /// Moves `pos` to `to`, counting the lines passed.
    fn pass(&mut self, to: usize) {
        let bytes = &self.text.as_bytes()[self.pos..to];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let after_cr = if i == 0 {
                self.after_cr
            } else {
                bytes[i - 1] == b'\r'
            };
            if bytes[i] == b'\r' || !after_cr {
                self.line += 1;
            }
        }
        if let Some(&last) = bytes.last() {
            self.after_cr = last == b'\r';
        }
        self.pos = to;
    }

    /// Every byte of the input is in `text`.
    fn at_end(&self) -> bool {
        self.eof && !self.bad_utf8
    }

    /// More text may come: the input goes on and can be decoded. (Undecodable bytes
    /// start a line: a `\n` after a `\r` would have been decoded with it.)
    fn more_text(&self) -> bool {
        !self.eof && !self.bad_utf8
    }

    /// Reads more input and decodes what makes whole lines: `text` grows, unless the
    /// input is at its end or the bytes ahead turn out not to decode (then `bad_utf8`;
    /// an error if they were known not to before the call).
    fn fill(&mut self) -> Result<(), RosterError> {
        if self.bad_utf8 {
            // The bytes ahead cannot be decoded: the record that reaches them fails.
            return Err(RosterError::NotUtf8 {
                line: self.record_line,
            });
        }
        // Drop what has been passed, so `text` holds about two reads at most.
        if self.pos > 0 && self.pos >= self.text.len() / 2 {
            self.text.drain(..self.pos);
            self.pos = 0;
        }
        // Until some text comes (a read may bring only part of a line).
        let before = self.text.len();
        while self.text.len() == before && !self.eof && !self.bad_utf8 {
            self.read_more()?;
            self.decode();
            if self.raw.filled().len() > MAX_LINE_BYTES {
                // Bytes without a line end: a partial line longer than any roster's.
                return Err(RosterError::LineTooLong {
                    line: self.line + self.line_ends(self.pos),
                    max: MAX_LINE_BYTES,
                });
            }
        }
        Ok(())
    }

    /// How many lines end in `text[from..]` (the line number there plus this is the
    /// line number at the end of `text`).
    fn line_ends(&self, from: usize) -> u64 {
        let bytes = &self.text.as_bytes()[from..];
        let mut n = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let after_cr = if i == 0 {
                self.after_cr
            } else {
                bytes[i - 1] == b'\r'
            };
            if bytes[i] == b'\r' || !after_cr {
                n += 1;
            }
        }
        n
    }

    /// One read of the input, appended to `raw`; at the end, `eof`.
    fn read_more(&mut self) -> Result<(), RosterError> {
        let n = loop {
            match self.raw.read_from(&mut self.input) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(RosterError::Io(e)),
            }
        };
        self.eof = n == 0;
        Ok(())
    }

    /// Moves the whole lines of `raw` (everything, at the end of the input) into `text`.
    fn decode(&mut self) {
        let raw = std::mem::take(&mut self.raw);
        let used = self.decode_bytes(raw.filled());
        self.raw = raw;
        self.raw.consume(used);
    }

    /// Decodes the whole lines of `bytes` (all of them at the end of the input) into
    /// `text`; how many bytes were used. Lines end at `\r` too, so an old Mac file
    /// streams like any other.
    fn decode_bytes(&mut self, bytes: &[u8]) -> usize {
        let cut = if self.eof {
            bytes.len()
        } else {
            memchr::memrchr2(b'\n', b'\r', bytes).map_or(0, |i| i + 1)
        };
        if cut == 0 || self.bad_utf8 {
            return 0;
        }
        match self.encoding {
            Encoding::Utf8 => match std::str::from_utf8(&bytes[..cut]) {
                Ok(text) => self.text.push_str(text),
                Err(e) => {
                    // Keep the whole lines before the bad byte; the record reaching it fails.
                    let good = &bytes[..e.valid_up_to()];
                    let lines = memchr::memrchr2(b'\n', b'\r', good).map_or(0, |i| i + 1);
                    self.text
                        .push_str(std::str::from_utf8(&bytes[..lines]).unwrap_or(""));
                    self.bad_utf8 = true;
                    return lines;
                }
            },
            Encoding::Windows1254 => {
                // Every byte maps in 1254; ASCII maps to itself, so lines stay lines.
                let (text, _) =
                    encoding_rs::WINDOWS_1254.decode_without_bom_handling(&bytes[..cut]);
                self.text.push_str(&text);
            }
        }
        cut
    }
}
