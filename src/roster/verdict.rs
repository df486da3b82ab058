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
const RENEWAL_CACHE_SLOTS: usize = 4096;

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
    /// calendar-month arithmetic is the costly part. Keyed by [`day_key`].
    renewal_cache: Vec<Option<(u32, Renewal)>>,
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
    /// date was seen before. The two fixed-width forms are keyed straight from their
    /// digits, without parsing; anything else goes through [`parse_date`] first.
    fn renewal(&mut self, text: &str) -> Result<Renewal, DateError> {
        let key = match quick_key(text.as_bytes()) {
            Some(key) => key,
            None => day_key(parse_date_ordered(text, self.date_order)?),
        };
        // Low bits of the packed key: the days of a few years sit side by side, so the
        // ~1,800 dates of a roster take as few cache lines as they can.
        let slot = key as usize % RENEWAL_CACHE_SLOTS;
        if let Some((k, r)) = self.renewal_cache[slot] {
            if k == key {
                return Ok(r);
            }
        }
        // Checked here, once per distinct date: the key alone does not say whether the
        // day exists, nor whether `parse_date` accepts it.
        let expiry = parse_date_ordered(text, self.date_order)?;
        let r = assess(expiry, self.today, self.rules.lead);
        self.renewal_cache[slot] = Some((day_key(expiry), r));
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

/// A date's cache key: year, month and day packed (not a day count: no arithmetic).
fn day_key(d: NaiveDate) -> u32 {
    pack(u32::try_from(d.year()).unwrap_or(0), d.month(), d.day())
}

fn pack(year: u32, month: u32, day: u32) -> u32 {
    (year << 9) | (month << 5) | day
}

/// The key of `YYYY-MM-DD` or `DD.MM.YYYY` straight from the digits, or `None` for any
/// other text. Sound because [`parse_date_ordered`]'s verdict on these two forms depends
/// on the year, month and day alone (the order only concerns slash dates): equal keys,
/// equal verdicts.
fn quick_key(b: &[u8]) -> Option<u32> {
    let digit = |i: usize| {
        let d = b[i].wrapping_sub(b'0');
        (d <= 9).then_some(u32::from(d))
    };
    if b.len() != 10 {
        return None;
    }
    let (y, m, d) = match (b[2], b[4], b[5], b[7]) {
        (_, b'-', _, b'-') => (0, 5, 8),
        (b'.', _, b'.', _) => (6, 3, 0),
        _ => return None,
    };
    let year = digit(y)? * 1000 + digit(y + 1)? * 100 + digit(y + 2)? * 10 + digit(y + 3)?;
    let month = digit(m)? * 10 + digit(m + 1)?;
    let day = digit(d)? * 10 + digit(d + 1)?;
    // Out-of-range months and days must not alias real dates in the packed key.
    (month < 16 && day < 32).then(|| pack(year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_keys_agree_with_parsed_dates() {
        let d = |s: &str| crate::date::parse_date(s).unwrap();
        assert_eq!(quick_key(b"2025-06-01"), Some(day_key(d("2025-06-01"))));
        assert_eq!(quick_key(b"01.06.2025"), Some(day_key(d("2025-06-01"))));
        assert_eq!(quick_key(b"2025-6-01x"), None);
        assert_eq!(quick_key(b"2025-06-1 "), None);
        assert_eq!(quick_key(b"1.6.2025"), None);
        assert_eq!(quick_key(b"2025-19-01"), None);
        assert_eq!(quick_key(b"2025-01-41"), None);
    }
}
