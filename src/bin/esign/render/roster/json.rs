//! `--format json`: JSON Lines, one object per row, keys stable for scripts.
//!
//! An assessed row is written by hand: the keys escaped once, the values copied when
//! they need no escaping (else escaped by `serde_json`), and the computed part that
//! depends on the expiry date alone cached per date. Error rows and `--ascii` go
//! through `serde_json` whole. Both write the same bytes (tested).
//!
//! A plain line (nothing in it to escape) is a few copies: the line's start with its
//! number and the first key (`{"line":7,"row":{"name":"`, the number counted up in place
//! from the line before), the first value, the next key with the quotes around it
//! (`","expiry":"`), the next value, the state's members (`"},"state":"valid",
//! "days_left":`), the days left and window's start cached by date (one cache line), and
//! the payer's tail. The short pieces are kept in fixed-size arrays and copied whole,
//! then cut to length: moves in registers, where a copy of unknown length is a call to
//! `memcpy`.

use std::io::{self, Write};

use chrono::NaiveDate;
use csv::StringRecord;
use esign::renewal::State;
use esign::roster::{iso_date, Columns, Fields, Outcome, Row};
use esign::rules::Payer;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::render::write_json;
use esign::lang::Lang;
use esign::messages::Localize;

/// Bytes of JSON collected before they are written out.
const JSON_CHUNK: usize = 128 * 1024;

/// Slots of the cache of computed members by expiry date (direct-mapped, fixed size:
/// 256 KB).
const DATED_SLOTS: u16 = 4096;

/// The JSON Lines sink.
pub struct JsonSink {
    headers: StringRecord,
    /// Each header as a JSON key with its colon: `"name":`.
    keys: Vec<Vec<u8>>,
    ascii: bool,
    /// The `error` sentence is human text: it follows the language (not a stable id).
    lang: Lang,
    buffer: Vec<u8>,
    pending: Vec<u8>,
    /// `{"line":N,"row":{"<first key>":"` for the last line written.
    head: Head,
    /// `","<key>":"` for every key after the first: what joins two plain values.
    joins: Vec<Piece<32>>,
    /// `"},"state":"…","days_left":` by state (see [`STATES`]): the first byte closes
    /// a plain value's quote, and after an escaped value the copy starts past it.
    heads: [Piece<48>; 4],
    /// The days left and the window's start, by expiry date (direct-mapped).
    dated: Vec<Dated>,
}

/// Bytes appended on every row: in a fixed-size array when they fit (appended with a
/// copy of the whole array, then cut to length), else on the heap.
#[derive(Clone)]
enum Piece<const N: usize> {
    Short([u8; N], usize),
    Long(Vec<u8>),
}

impl<const N: usize> Piece<N> {
    fn new(bytes: &[u8]) -> Piece<N> {
        if bytes.len() <= N {
            let mut short = [0; N];
            short[..bytes.len()].copy_from_slice(bytes);
            Piece::Short(short, bytes.len())
        } else {
            Piece::Long(bytes.to_vec())
        }
    }

    #[inline]
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Piece::Short(bytes, len) => put_cut(out, bytes, *len),
            Piece::Long(bytes) => out.extend_from_slice(bytes),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Piece::Short(bytes, len) => &bytes[..*len],
            Piece::Long(bytes) => bytes,
        }
    }

    fn as_mut_bytes(&mut self) -> &mut [u8] {
        match self {
            Piece::Short(bytes, len) => &mut bytes[..*len],
            Piece::Long(bytes) => bytes,
        }
    }
}

/// Appends `bytes[..len]` by appending the whole array (a copy of known size: moves in
/// registers) and cutting the rest off.
#[inline]
fn put_cut<const N: usize>(out: &mut Vec<u8>, bytes: &[u8; N], len: usize) {
    let at = out.len();
    out.extend_from_slice(bytes);
    out.truncate(at + len);
}

/// A line's start up to its first value, `{"line":N,"row":{"<first key>":"`, kept for
/// the next line: its number is most often one more, counted up in the digits in place.
struct Head {
    line: u64,
    /// The first key with its colon (`"name":`), empty when there is no column.
    key: Vec<u8>,
    piece: Piece<48>,
}

/// Where the digits start: after `{"line":`.
const DIGITS_AT: usize = 8;

impl Head {
    fn new(key: Vec<u8>) -> Head {
        let mut head = Head {
            line: 0,
            key,
            piece: Piece::new(b""),
        };
        head.build(0);
        head
    }

    fn build(&mut self, line: u64) {
        let mut bytes = Vec::with_capacity(48);
        bytes.extend_from_slice(b"{\"line\":");
        bytes.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
        bytes.extend_from_slice(b",\"row\":{");
        bytes.extend_from_slice(&self.key);
        bytes.push(b'"');
        self.line = line;
        self.piece = Piece::new(&bytes);
    }

    /// Sets the line number: one more counts up in place (unless it gains a digit).
    fn set(&mut self, line: u64) {
        if line == self.line.wrapping_add(1) && self.count_up() {
            self.line = line;
        } else if line != self.line {
            self.build(line);
        }
    }

    /// Adds one to the decimal digits in place; false when they would need one more.
    fn count_up(&mut self) -> bool {
        let end = DIGITS_AT + self.digits();
        let digits = &mut self.piece.as_mut_bytes()[DIGITS_AT..end];
        for d in digits.iter_mut().rev() {
            if *d == b'9' {
                *d = b'0';
            } else {
                *d += 1;
                return true;
            }
        }
        false
    }

    fn digits(&self) -> usize {
        // The end of the digits: the fixed text after them and the key are known.
        self.piece.as_bytes().len() - DIGITS_AT - b",\"row\":{".len() - self.key.len() - 1
    }

    /// The bytes with the opening quote of a plain first value.
    fn plain(&self) -> &Piece<48> {
        &self.piece
    }

    /// The bytes without that quote: for a value escaped by `serde_json`.
    fn escaped(&self) -> &[u8] {
        let bytes = self.piece.as_bytes();
        &bytes[..bytes.len() - 1]
    }
}

/// The members that depend on the expiry date alone, in one cache line: the days left
/// and the window's start, `-296,"window_opens":"2025-02-25`. A row takes the members
/// before them from its state's head and those after from its payer's tail: the three
/// pieces are copied whole, and only this one is looked up by date.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct Dated {
    /// `None` for a free slot.
    expiry: Option<NaiveDate>,
    state: State,
    len: u8,
    bytes: [u8; 48],
}

impl Dated {
    fn new(renewal: &esign::renewal::Renewal) -> Dated {
        let mut text = Vec::with_capacity(48);
        text.extend_from_slice(itoa::Buffer::new().format(renewal.days_left).as_bytes());
        text.extend_from_slice(b",\"window_opens\":\"");
        text.extend_from_slice(&iso_date(renewal.window_opens));
        // The longest (an i64 of 20 characters) is 47 bytes.
        let mut bytes = [0; 48];
        let len = text.len().min(bytes.len());
        bytes[..len].copy_from_slice(&text[..len]);
        Dated {
            expiry: Some(renewal.expiry),
            state: renewal.state,
            len: u8::try_from(len).unwrap_or(0),
            bytes,
        }
    }
}

/// Every state, in the order of [`JsonSink::heads`].
const STATES: [State; 4] = [
    State::Valid,
    State::NotYetValid,
    State::RenewalDue,
    State::Expired,
];

fn state_index(state: State) -> usize {
    match state {
        State::Valid => 0,
        State::NotYetValid => 1,
        State::RenewalDue => 2,
        State::Expired => 3,
    }
}

/// The end of an assessed row after the window's start, by payer.
fn tail(payer: Option<Payer>) -> &'static [u8] {
    match payer {
        None => b"\",\"payer\":null,\"error\":null}\n",
        Some(Payer::Institution) => b"\",\"payer\":\"institution\",\"error\":null}\n",
        Some(Payer::Person) => b"\",\"payer\":\"person\",\"error\":null}\n",
    }
}

impl JsonSink {
    pub fn new(columns: &Columns, ascii: bool, lang: Lang) -> JsonSink {
        let keys = columns
            .headers
            .iter()
            .map(|h| {
                let mut key = serde_json::to_vec(h).unwrap_or_default();
                key.push(b':');
                key
            })
            .collect::<Vec<_>>();
        let joins = keys
            .iter()
            .skip(1)
            .map(|key| {
                let mut join = b"\",".to_vec();
                join.extend_from_slice(key);
                join.push(b'"');
                Piece::new(&join)
            })
            .collect();
        JsonSink {
            headers: columns.headers.clone(),
            head: Head::new(keys.first().cloned().unwrap_or_default()),
            joins,
            keys,
            ascii,
            lang,
            buffer: Vec::new(),
            pending: Vec::with_capacity(JSON_CHUNK + 4096),
            heads: STATES.map(|state| {
                Piece::new(
                    format!("\"}},\"state\":\"{}\",\"days_left\":", state.as_str()).as_bytes(),
                )
            }),
            dated: vec![
                Dated {
                    expiry: None,
                    state: State::Valid,
                    len: 0,
                    bytes: [0; 48],
                };
                usize::from(DATED_SLOTS)
            ],
        }
    }

    pub fn row(&mut self, out: &mut dyn Write, row: &Row<'_, '_>) -> io::Result<()> {
        if !self.write_assessed(row) {
            self.write_serde(row)?;
        }
        if self.pending.len() >= JSON_CHUNK {
            out.write_all(&self.pending)?;
            self.pending.clear();
        }
        Ok(())
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.pending)?;
        self.pending.clear();
        Ok(())
    }

    /// The hand-written path: an assessed row with a field per header, without `--ascii`.
    fn write_assessed(&mut self, row: &Row<'_, '_>) -> bool {
        let Outcome::Assessed { renewal, .. } = &row.outcome else {
            return false;
        };
        if self.ascii || row.fields.len() != self.keys.len() || row.cell.is_some() {
            return false;
        }
        if self.keys.is_empty() {
            return false;
        }
        let out = &mut self.pending;
        out.reserve(256);
        self.head.set(row.line);
        // A line as read whose bytes need no escaping (its delimiters are not tabs): one
        // check for the whole line, then every field copied between quotes, the quotes
        // and keys in the pieces around it.
        let plain = row
            .fields
            .as_line()
            .is_some_and(|line| !needs_escape(line.as_bytes()));
        if plain {
            self.head.plain().put(out);
            let mut values = row.fields.iter_bytes();
            out.extend_from_slice(values.next().unwrap_or_default());
            for (join, value) in self.joins.iter().zip(values) {
                join.put(out);
                out.extend_from_slice(value);
            }
        } else {
            out.extend_from_slice(self.head.escaped());
            for (i, (key, value)) in self.keys.iter().zip(row.fields.iter_bytes()).enumerate() {
                if i > 0 {
                    out.push(b',');
                    out.extend_from_slice(key);
                }
                json_string(out, value);
            }
        }
        // Keyed by days left: one number per expiry date in a run (today is fixed).
        let slot = usize::try_from(renewal.days_left.cast_unsigned() % u64::from(DATED_SLOTS))
            .unwrap_or(0);
        let dated = &mut self.dated[slot];
        if dated.expiry != Some(renewal.expiry) {
            *dated = Dated::new(renewal);
        }
        let head = &self.heads[state_index(dated.state)];
        if plain {
            head.put(out);
        } else {
            out.extend_from_slice(head.as_bytes().get(1..).unwrap_or_default());
        }
        put_cut(out, &dated.bytes, usize::from(dated.len));
        out.extend_from_slice(tail(row.outcome.payer()));
        true
    }

    /// Any row, through `serde_json`.
    pub(super) fn write_serde(&mut self, row: &Row<'_, '_>) -> io::Result<()> {
        let (days_left, window_opens) = match row.outcome.renewal() {
            Some(r) => (Some(r.days_left), Some(r.window_opens)),
            None => (None, None),
        };
        let value = JsonRow {
            // A workbook row is located by its cell (`Sayfa1!C7`), a CSV row by its line.
            line: row.cell.is_none().then_some(row.line),
            cell: row.cell,
            row: RowMap {
                headers: &self.headers,
                fields: row.fields,
            },
            state: row.outcome.state_name(),
            days_left,
            window_opens,
            payer: row.outcome.payer(),
            error: match &row.outcome {
                Outcome::Error(e) => Some(e.localize(self.lang)),
                Outcome::Assessed { .. } | Outcome::Empty => None,
            },
        };
        // Serialise into a buffer, then write: an error writing (a closed pipe) then
        // reaches main as the io::Error it is, which serde_json would hide.
        self.buffer.clear();
        write_json(&mut self.buffer, &value, self.ascii, true).map_err(io::Error::other)?;
        self.pending.extend_from_slice(&self.buffer);
        Ok(())
    }
}

/// `text` (a field: valid UTF-8) as a JSON string: copied between quotes when nothing
/// in it needs escaping (no quote, backslash or control character), else escaped by
/// `serde_json`.
fn json_string(out: &mut Vec<u8>, text: &[u8]) {
    if needs_escape(text) {
        // Writing into a Vec cannot fail; the bytes are a field of valid UTF-8 text.
        let _ = serde_json::to_writer(&mut *out, &String::from_utf8_lossy(text));
    } else {
        out.push(b'"');
        out.extend_from_slice(text);
        out.push(b'"');
    }
}

/// Whether JSON needs any byte escaped: a table lookup per byte, without branches
/// (fields are short: a table beats comparisons and SIMD set-up here, and a
/// word-at-a-time test too, measured: 1.5 M more instructions for 100,000 rows).
fn needs_escape(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .fold(0u8, |found, &b| found | ESCAPED[usize::from(b)])
        != 0
}

/// 1 for the bytes a JSON string must escape: control characters, `"` and `\\`.
static ESCAPED: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = 1;
        b += 1;
    }
    table[b'"' as usize] = 1;
    table[b'\\' as usize] = 1;
    table
};

/// One data row for the JSON Lines output.
#[derive(Serialize)]
struct JsonRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
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
    fields: Fields<'a>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The table answers as the rule does (a control character, quote or
        /// backslash), whatever the bytes, UTF-8 or not.
        #[test]
        fn needs_escape_follows_the_rule(
            bytes in proptest::collection::vec(
                prop_oneof![any::<u8>(), Just(b'"'), Just(b'\\'), 0x1fu8..=0x21, 0x7fu8..=0x81],
                0..40,
            ),
        ) {
            let expected = bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(needs_escape(&bytes), expected);
        }

        /// A line's start, counted up in place or skipping lines, is the one built anew.
        #[test]
        fn head_counts_lines_as_itoa_does(
            start in prop_oneof![0u64..20, 90u64..110, 990u64..1010, u64::MAX - 20..u64::MAX],
            steps in proptest::collection::vec(prop_oneof![9 => Just(1u64), 1 => 0u64..1000], 1..300),
            key in prop_oneof![Just(""), Just("\"name\":"), Just("\"uzun bir sütun adı, kırk sekiz baytı geçen\":")],
        ) {
            let mut head = Head::new(key.as_bytes().to_vec());
            let mut line = start;
            for step in steps {
                line = line.saturating_add(step);
                head.set(line);
                let expected = format!("{{\"line\":{line},\"row\":{{{key}\"");
                prop_assert_eq!(head.piece.as_bytes(), expected.as_bytes());
                prop_assert_eq!(head.escaped(), &expected.as_bytes()[..expected.len() - 1]);
            }
        }
    }

    /// A piece is appended as its bytes, short or long.
    #[test]
    fn pieces_append_their_bytes() {
        for len in [0, 1, 31, 32, 33, 100] {
            let bytes: Vec<u8> = (0..len)
                .map(|i| b"abcdefghijklmnopqrstuvwxyz"[i % 26])
                .collect();
            let mut out = b"x".to_vec();
            Piece::<32>::new(&bytes).put(&mut out);
            assert_eq!(&out[1..], &bytes[..]);
            assert_eq!(out.len(), 1 + len);
        }
    }
}
