//! [`Assessor`]: the one place where a record's fields become a verdict. Every source
//! of rows (the CSV reader's fast and general paths, other formats) calls
//! [`Assessor::row`], so a row means the same whatever file it came from.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::{Columns, DutyCell, Fields, Outcome, Row, RowError};
use crate::date::{parse_date_ordered, DateError, DateOrder};
use crate::fee::decide_for;
use crate::renewal::{assess, Renewal};
use crate::rules::{Cause, Duty, Rules};

/// Slots of the per-run cache of verdicts by expiry date (direct-mapped, fixed size).
const RENEWAL_CACHE_SLOTS: usize = 8192;

/// Distinct duty values remembered per run; past this, values are looked up each time,
/// so a roster with a million distinct (mistyped) duties cannot grow memory.
const DUTY_CACHE_LIMIT: usize = 1024;

/// Assesses rows: which columns to read, the rules, today, and the per-run caches.
pub struct Assessor<'r> {
    rules: &'r Rules,
    today: NaiveDate,
    /// Fields a row must have: the header's count.
    width: usize,
    expiry: usize,
    name: Option<usize>,
    duty: Option<usize>,
    /// The expiry column's header, for error messages.
    expiry_header: String,
    routine_cause: &'r Cause,
    /// How slash dates are read.
    date_order: DateOrder,
    duty_cache: HashMap<String, Option<&'r Duty>>,
    /// Today and the lead are fixed for a run, so the verdict is a function of the expiry
    /// date alone: rosters repeat dates (about 1,800 distinct ones in a million rows), and
    /// calendar-month arithmetic is the costly part. Keyed by the cell ([`Key`]).
    renewal_cache: Vec<Option<(Key, Renewal)>>,
}

impl<'r> Assessor<'r> {
    #[must_use]
    pub fn new(
        columns: &Columns,
        rules: &'r Rules,
        today: NaiveDate,
        date_order: DateOrder,
    ) -> Assessor<'r> {
        Assessor {
            rules,
            today,
            width: columns.headers.len(),
            expiry: columns.expiry,
            name: columns.name,
            duty: columns.duty,
            expiry_header: columns.headers.get(columns.expiry).unwrap_or("").to_owned(),
            routine_cause: rules.routine_cause(),
            date_order,
            duty_cache: HashMap::new(),
            renewal_cache: vec![None; RENEWAL_CACHE_SLOTS],
        }
    }

    /// The verdict on one record that starts on `line`.
    pub fn row<'a>(&mut self, line: u64, fields: Fields<'a>) -> Row<'a, 'r> {
        let duty_value = self.duty.and_then(|i| super::non_empty_cell(&fields, i));
        let expiry = fields.get(self.expiry).map_or("", crate::text::trim);
        // A row of delimiters only (`;;;;`, a spreadsheet's blank row). Only a row whose
        // date cell is empty can be one: the others skip the check.
        let outcome = if expiry.is_empty() && fields.iter().all(|f| crate::text::trim(f).is_empty())
        {
            Outcome::Empty
        } else if fields.len() == self.width {
            match expiry {
                "" => Outcome::Error(RowError::NoDate {
                    column: self.expiry_header.clone(),
                }),
                text => match self.renewal(text) {
                    Ok(renewal) => Outcome::Assessed {
                        renewal,
                        duty: match duty_value {
                            None => DutyCell::Absent,
                            Some(value) => self.duty_cell(value),
                        },
                    },
                    Err(source) => Outcome::Error(RowError::BadDate {
                        column: self.expiry_header.clone(),
                        source,
                    }),
                },
            }
        } else {
            Outcome::Error(RowError::FieldCount {
                found: fields.len(),
                expected: self.width,
            })
        };
        let column = |i: Option<usize>| {
            i.and_then(|i| u32::try_from(i).ok())
                .unwrap_or(super::NO_COLUMN)
        };
        Row {
            line,
            fields,
            name_at: column(self.name),
            duty_at: column(self.duty),
            outcome,
            cell: None,
        }
    }

    /// The verdict for an expiry cell (trimmed, not empty), from the cache when the
    /// same cell was seen before. A cell of ten bytes (`YYYY-MM-DD`, `DD.MM.YYYY`) is
    /// its own key, looked up without parsing: the same text, the same verdict. Any
    /// other text is parsed first and keyed by its date.
    fn renewal(&mut self, text: &str) -> Result<Renewal, DateError> {
        let (key, slot) = if let Some(found) = text_key(text.as_bytes()) {
            found
        } else {
            let date = parse_date_ordered(text, self.date_order)?;
            (date_key(date), date_slot(date))
        };
        if let Some((k, r)) = self.renewal_cache[slot] {
            if k == key {
                return Ok(r);
            }
        }
        // Once per distinct cell: whether the date exists, and its verdict.
        let expiry = parse_date_ordered(text, self.date_order)?;
        let r = assess(expiry, self.today, self.rules.lead);
        self.renewal_cache[slot] = Some((key, r));
        Ok(r)
    }

    /// The duty a cell names and the payer of its routine renewal, remembered per value.
    fn duty_cell(&mut self, value: &str) -> DutyCell<'r> {
        let duty = if let Some(found) = self.duty_cache.get(value) {
            *found
        } else {
            let found = self.rules.find_duty(value);
            if self.duty_cache.len() < DUTY_CACHE_LIMIT {
                self.duty_cache.insert(value.to_owned(), found);
            }
            found
        };
        match duty {
            // A routine renewal: the rules' routine cause (R9, R10).
            Some(duty) => DutyCell::Known {
                duty,
                payer: decide_for(self.rules, duty, self.routine_cause).payer,
            },
            None => DutyCell::Unknown,
        }
    }
}

/// A verdict cache key: a ten-byte cell's bytes (`lo`, then `hi`), or a parsed date's
/// year, month and day with `hi` = `0xffff`, which no text can have (`0xff` is never a
/// byte of UTF-8): the two kinds cannot meet.
type Key = (u64, u16);

/// The key and slot of a ten-byte cell, or `None` for other lengths. The slot is read
/// from where `YYYY-MM-DD` and `DD.MM.YYYY` keep the year's last digit, the month and the
/// day, as for a parsed date ([`date_slot`]), so the dates of ten years take distinct
/// slots; in other text those bytes only pick a slot, and the whole key is compared.
fn text_key(text: &[u8]) -> Option<(Key, usize)> {
    let b: &[u8; 10] = text.try_into().ok()?;
    let lo = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    let hi = u16::from_le_bytes([b[8], b[9]]);
    let n = |i: usize| u32::from(b[i].wrapping_sub(b'0'));
    let (year, month, day) = if b[4] == b'-' {
        (n(3), n(5) * 10 + n(6), n(8) * 10 + n(9))
    } else {
        (n(9), n(3) * 10 + n(4), n(0) * 10 + n(1))
    };
    Some(((lo, hi), slot(year, month, day)))
}

fn date_key(d: NaiveDate) -> Key {
    let year = u64::from(u32::try_from(d.year()).unwrap_or(0));
    ((year << 9) | u64::from(d.month() << 5 | d.day()), 0xffff)
}

fn date_slot(d: NaiveDate) -> usize {
    slot(d.year().unsigned_abs() % 10, d.month(), d.day())
}

/// The year's last digit, the month and the day: one of [`RENEWAL_CACHE_SLOTS`].
fn slot(last_digit: u32, month: u32, day: u32) -> usize {
    usize::try_from(((last_digit & 15) << 9) | ((month & 15) << 5) | (day & 31)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_of_a_date_take_its_slot() {
        let d = |s: &str| crate::date::parse_date(s).unwrap();
        for (iso, tr) in [
            ("2025-06-01", "01.06.2025"),
            ("2031-12-31", "31.12.2031"),
            ("2024-02-29", "29.02.2024"),
        ] {
            let slot = date_slot(d(iso));
            assert_eq!(text_key(iso.as_bytes()).map(|(_, s)| s), Some(slot));
            assert_eq!(text_key(tr.as_bytes()).map(|(_, s)| s), Some(slot));
            assert!(slot < RENEWAL_CACHE_SLOTS);
        }
        assert_eq!(text_key(b"2025-6-1"), None);
        assert_eq!(text_key(b"2025-06-011"), None);
    }

    #[test]
    fn ten_years_of_days_take_distinct_slots() {
        let days = || {
            NaiveDate::from_ymd_opt(2021, 1, 1)
                .unwrap()
                .iter_days()
                .take(3652)
        };
        let slots: std::collections::HashSet<usize> = days().map(date_slot).collect();
        assert_eq!(slots.len(), 3652);
        // And a day's text forms take the date's slot.
        for d in days() {
            let iso = d.format("%Y-%m-%d").to_string();
            let tr = d.format("%d.%m.%Y").to_string();
            assert_eq!(text_key(iso.as_bytes()).map(|(_, s)| s), Some(date_slot(d)));
            assert_eq!(text_key(tr.as_bytes()).map(|(_, s)| s), Some(date_slot(d)));
        }
    }

    #[test]
    fn text_and_date_keys_never_meet() {
        let d = crate::date::parse_date("2025-06-01").unwrap();
        assert_ne!(text_key(b"2025-06-01").map(|(k, _)| k), Some(date_key(d)));
        assert_eq!(date_key(d).1, 0xffff);
    }
}
