//! Calendar dates as staff type them: ISO `YYYY-MM-DD` and Turkish `DD.MM.YYYY`
//! (also `D.M.YYYY`). Pure: bytes in, a `NaiveDate` or a typed error out, with no
//! allocation on the success path (the roster parses a million of these).

use chrono::NaiveDate;
use thiserror::Error;

use crate::text::{quote, QUOTE_CHARS};

/// The forms every date input accepts, quoted in each error message.
pub const ACCEPTED_FORMS: &str = "YYYY-MM-DD (2025-06-01) or DD.MM.YYYY (01.06.2025)";

/// Why a date input was refused. The message quotes the input and names the forms.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("no date given: use {ACCEPTED_FORMS}")]
    Empty,
    #[error("\"{}\" is not a date: use {ACCEPTED_FORMS}", quote(.0, QUOTE_CHARS))]
    Form(String),
    #[error("\"{}\" is not a day of the calendar: check the day and month ({ACCEPTED_FORMS})", quote(.0, QUOTE_CHARS))]
    NoSuchDay(String),
    #[error("\"{}\" is outside the years esign works with: give a date from 01.01.1900 to 31.12.9998", quote(.0, QUOTE_CHARS))]
    OutOfRange(String),
}

/// The first and last day a typed date may name. A calendar's all-day event ends the
/// day after, which must still have a 4-digit year: hence 9998, not 9999.
pub const FIRST_DAY: (i32, u32, u32) = (1900, 1, 1);
pub const LAST_DAY: (i32, u32, u32) = (9998, 12, 31);

/// Parses `YYYY-MM-DD`, `DD.MM.YYYY` or `D.M.YYYY`. Surrounding white space is ignored.
///
/// # Errors
/// [`DateError`] when the text has another form or names a day that does not exist.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let text = crate::text::trim(input);
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let (y, m, d) = split_iso(text.as_bytes())
        .or_else(|| split_turkish(text.as_bytes()))
        .ok_or_else(|| DateError::Form(input.to_owned()))?;
    let date =
        NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| DateError::NoSuchDay(input.to_owned()))?;
    if !(FIRST_DAY.0..=LAST_DAY.0).contains(&y) {
        return Err(DateError::OutOfRange(input.to_owned()));
    }
    Ok(date)
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0')),
    )
}

/// `YYYY-MM-DD`: exactly four, two and two digits.
fn split_iso(b: &[u8]) -> Option<(i32, u32, u32)> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[..4])?).ok()?;
    Some((year, digits(&b[5..7])?, digits(&b[8..])?))
}

/// `D.M.YYYY` / `DD.MM.YYYY`: one or two digits for day and month, four for the year.
fn split_turkish(b: &[u8]) -> Option<(i32, u32, u32)> {
    let mut parts = b.splitn(3, |&c| c == b'.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if !(1..=2).contains(&day.len()) || !(1..=2).contains(&month.len()) || year.len() != 4 {
        return None;
    }
    let year = i32::try_from(digits(year)?).ok()?;
    Some((year, digits(month)?, digits(day)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn accepts_both_forms() {
        assert_eq!(parse_date("2025-06-01"), Ok(ymd(2025, 6, 1)));
        assert_eq!(parse_date("01.06.2025"), Ok(ymd(2025, 6, 1)));
        assert_eq!(parse_date("1.6.2025"), Ok(ymd(2025, 6, 1)));
        assert_eq!(parse_date(" 29.02.2024 "), Ok(ymd(2024, 2, 29)));
    }

    #[test]
    fn refuses_other_forms_quoting_the_input() {
        for bad in [
            "06/01/2025",
            "tomorrow",
            "2025-6-1",
            "2025.06.01",
            "1.6.25",
            "001.06.2025",
            "2025-06-01x",
            "+1.06.2025",
            "1..2025",
            "٠١.٠٦.٢٠٢٥",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert_eq!(err, DateError::Form(bad.to_owned()), "{bad}");
            assert!(err.to_string().contains(&format!("\"{bad}\"")));
            assert!(err.to_string().contains("YYYY-MM-DD"));
        }
    }

    #[test]
    fn refuses_days_that_do_not_exist() {
        for bad in [
            "2025-02-30",
            "29.02.2025",
            "2025-13-01",
            "00.01.2025",
            "2025-04-31",
        ] {
            assert_eq!(parse_date(bad), Err(DateError::NoSuchDay(bad.to_owned())));
        }
    }

    #[test]
    fn years_from_1900_to_9998() {
        assert_eq!(parse_date("1900-01-01"), Ok(ymd(1900, 1, 1)));
        assert_eq!(parse_date("31.12.9998"), Ok(ymd(9998, 12, 31)));
        for bad in ["1899-12-31", "9999-01-01", "0000-01-01", "01.01.0001"] {
            assert_eq!(parse_date(bad), Err(DateError::OutOfRange(bad.to_owned())));
        }
        let long = format!("{}\u{1b}", "9".repeat(500));
        let message = parse_date(&long).unwrap_err().to_string();
        assert!(
            message.len() < 250 && !message.contains('\u{1b}'),
            "{message}"
        );
    }

    #[test]
    fn refuses_empty() {
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_date("   "), Err(DateError::Empty));
    }
}
