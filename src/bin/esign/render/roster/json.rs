//! `--format json`: JSON Lines, one object per row, keys stable for scripts.
//!
//! An assessed row is written by hand: the keys escaped once, the values copied when
//! they need no escaping (else escaped by `serde_json`), and the computed part that
//! depends on the expiry date alone cached per date. Error rows and `--ascii` go
//! through `serde_json` whole. Both write the same bytes (tested).

use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use csv::StringRecord;
use esign::roster::{iso_date, Columns, Fields, Outcome, Row};
use esign::rules::Payer;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::render::write_json;
use esign::lang::Lang;
use esign::messages::Localize;

/// Bytes of JSON collected before they are written out.
const JSON_CHUNK: usize = 128 * 1024;

/// Slots of the cache of computed members by expiry date (direct-mapped, fixed size).
const SUFFIX_SLOTS: usize = 4096;

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
    /// `},"state":…,"days_left":…,"window_opens":"…","payer":` per expiry date.
    suffixes: Vec<Option<Suffix>>,
}

/// The members that depend on the expiry date alone, kept inline (no pointer to chase
/// per row): `},"state":…,"days_left":…,"window_opens":"…","payer":`, then the end of
/// the line for the common payer, none: `null,"error":null}` and the newline.
#[derive(Clone, Copy)]
struct Suffix {
    expiry: NaiveDate,
    /// Where `"payer":` ends.
    len: u8,
    /// Where the line ends, with payer `null`.
    full: u8,
    bytes: [u8; 128],
}

/// What follows the payer on every assessed row.
const ROW_END: &[u8] = b",\"error\":null}\n";

impl Suffix {
    fn new(renewal: &esign::renewal::Renewal) -> Suffix {
        let mut text = Vec::with_capacity(96);
        text.extend_from_slice(b"},\"state\":\"");
        text.extend_from_slice(renewal.state.as_str().as_bytes());
        text.extend_from_slice(b"\",\"days_left\":");
        text.extend_from_slice(itoa::Buffer::new().format(renewal.days_left).as_bytes());
        text.extend_from_slice(b",\"window_opens\":\"");
        text.extend_from_slice(&iso_date(renewal.window_opens));
        text.extend_from_slice(b"\",\"payer\":");
        let len = text.len();
        text.extend_from_slice(b"null");
        text.extend_from_slice(ROW_END);
        // The longest ("not-yet-valid", an i64 of 20 characters) is 95 + 23 bytes.
        let mut bytes = [0; 128];
        let full = text.len().min(bytes.len());
        bytes[..full].copy_from_slice(&text[..full]);
        Suffix {
            expiry: renewal.expiry,
            len: u8::try_from(len).unwrap_or(0),
            full: u8::try_from(full).unwrap_or(0),
            bytes,
        }
    }

    /// Up to `"payer":`.
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// To the end of the line, with payer `null`.
    fn with_no_payer(&self) -> &[u8] {
        &self.bytes[..usize::from(self.full)]
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
            .collect();
        JsonSink {
            headers: columns.headers.clone(),
            keys,
            ascii,
            lang,
            buffer: Vec::new(),
            pending: Vec::with_capacity(JSON_CHUNK + 4096),
            suffixes: vec![None; SUFFIX_SLOTS],
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
        let out = &mut self.pending;
        out.reserve(256);
        // `{"line":N,"row":{` in one copy.
        let mut start = [0u8; 48];
        let mut number = itoa::Buffer::new();
        let digits = number.format(row.line).as_bytes();
        let mut n = 0;
        for piece in [b"{\"line\":".as_slice(), digits, b",\"row\":{"] {
            start[n..n + piece.len()].copy_from_slice(piece);
            n += piece.len();
        }
        out.extend_from_slice(&start[..n]);
        // A line as read whose bytes need no escaping (its delimiters are not tabs): one
        // check for the whole line, then every field copied between quotes.
        let plain = row
            .fields
            .as_line()
            .is_some_and(|line| !needs_escape(line.as_bytes()));
        for (i, (key, value)) in self.keys.iter().zip(row.fields.iter_bytes()).enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(key);
            if plain {
                out.push(b'"');
                out.extend_from_slice(value);
                out.push(b'"');
            } else {
                json_string(out, value);
            }
        }
        let slot = usize::try_from(renewal.expiry.num_days_from_ce()).unwrap_or(0) % SUFFIX_SLOTS;
        let suffix = match &self.suffixes[slot] {
            Some(s) if s.expiry == renewal.expiry => s,
            _ => self.suffixes[slot].insert(Suffix::new(renewal)),
        };
        match row.outcome.payer() {
            None => out.extend_from_slice(suffix.with_no_payer()),
            Some(payer) => {
                out.extend_from_slice(suffix.as_bytes());
                out.extend_from_slice(match payer {
                    Payer::Institution => b"\"institution\"".as_slice(),
                    Payer::Person => b"\"person\"",
                });
                out.extend_from_slice(ROW_END);
            }
        }
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
/// (fields are short: a table beats comparisons, and SIMD set-up, here).
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
