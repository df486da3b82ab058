//! `--format json`: JSON Lines, one object per row, keys stable for scripts.

use std::io::{self, Write};

use chrono::NaiveDate;
use csv::StringRecord;
use esign::roster::{Columns, Outcome, Row};
use esign::rules::Payer;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::render::write_json;

/// The JSON Lines sink.
pub struct JsonSink {
    headers: StringRecord,
    ascii: bool,
    buffer: Vec<u8>,
}

impl JsonSink {
    pub fn new(columns: &Columns, ascii: bool) -> JsonSink {
        JsonSink {
            headers: columns.headers.clone(),
            ascii,
            buffer: Vec::new(),
        }
    }

    pub fn row(&mut self, out: &mut dyn Write, row: &Row<'_, '_>) -> io::Result<()> {
        let (days_left, window_opens) = match row.outcome.renewal() {
            Some(r) => (Some(r.days_left), Some(r.window_opens)),
            None => (None, None),
        };
        let value = JsonRow {
            line: row.line,
            row: RowMap {
                headers: &self.headers,
                fields: row.fields,
            },
            state: row.outcome.state_name(),
            days_left,
            window_opens,
            payer: row.outcome.payer(),
            error: match &row.outcome {
                Outcome::Error(e) => Some(e.to_string()),
                Outcome::Assessed { .. } => None,
            },
        };
        // Serialise into a buffer, then write: an error writing (a closed pipe) then
        // reaches main as the io::Error it is, which serde_json would hide.
        self.buffer.clear();
        write_json(&mut self.buffer, &value, self.ascii, true).map_err(io::Error::other)?;
        out.write_all(&self.buffer)
    }
}

/// One data row for the JSON Lines output.
#[derive(Serialize)]
struct JsonRow<'a> {
    line: u64,
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
    fields: &'a StringRecord,
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
