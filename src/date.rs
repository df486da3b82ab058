//! Calendar dates as staff type them: ISO `YYYY-MM-DD`, Turkish `DD.MM.YYYY` (also
//! `D.M.YYYY`) and slash dates `DD/MM/YYYY`, day first as in Turkey. An English-locale
//! Excel writes slash dates month first (`6/13/2025`): read day first, that would move
//! a renewal by months without a word, so a slash date whose second part is above 12
//! is refused, and a roster can ask for month-first reading ([`DateOrder::MonthFirst`]). Pure: bytes in, a `NaiveDate` or a typed error out, with no
//! allocation on the success path (the roster parses a million of these).

use chrono::NaiveDate;

/// Why a date input was refused. The message (in [`crate::messages`]) quotes the input
/// and names the forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Empty,
    Form(String),
    NoSuchDay(String),
    /// A day-first slash date whose second part cannot be a month: written month first.
    MonthFirst(String),
    /// A year outside 1900–9998 (see [`FIRST_DAY`], [`LAST_DAY`]).
    OutOfRange(String),
}

/// The first and last day a typed date may name. A calendar's all-day event ends the
/// day after, which must still have a 4-digit year: hence 9998, not 9999.
pub const FIRST_DAY: (i32, u32, u32) = (1900, 1, 1);
pub const LAST_DAY: (i32, u32, u32) = (9998, 12, 31);

/// How slash dates are read: day first (Turkey), or month first (an English Excel).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::messages::Localize::localize(
            self,
            crate::lang::Lang::En,
        ))
    }
}

impl std::error::Error for DateError {}

/// Parses `YYYY-MM-DD`, `DD.MM.YYYY`, `D.M.YYYY` or `DD/MM/YYYY` (day first).
/// Surrounding white space is ignored.
///
/// # Errors
/// [`DateError`] when the text has another form or names a day that does not exist.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    parse_date_ordered(input, DateOrder::DayFirst)
}

/// [`parse_date`], reading slash dates in the given order.
///
/// # Errors
/// [`DateError`] when the text has another form or names a day that does not exist;
/// [`DateError::MonthFirst`] for a day-first slash date whose second part is above 12.
pub fn parse_date_ordered(input: &str, order: DateOrder) -> Result<NaiveDate, DateError> {
    let text = crate::text::trim(input);
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let bytes = text.as_bytes();
    let (y, m, d) = if let Some(ymd) = split_iso(bytes).or_else(|| split_dmy(bytes, b'.')) {
        ymd
    } else {
        let (y, second, first) =
            split_dmy(bytes, b'/').ok_or_else(|| DateError::Form(input.to_owned()))?;
        match order {
            DateOrder::DayFirst if second > 12 && first <= 12 => {
                return Err(DateError::MonthFirst(input.to_owned()))
            }
            DateOrder::DayFirst => (y, second, first),
            DateOrder::MonthFirst => (y, first, second),
        }
    };
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

/// `D.M.YYYY` / `DD.MM.YYYY` (or with `/`): one or two digits for the first two parts,
/// four for the year. Returns (year, second part, first part): month and day, day first.
fn split_dmy(b: &[u8], sep: u8) -> Option<(i32, u32, u32)> {
    let mut parts = b.splitn(3, |&c| c == sep);
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
    fn slash_dates_are_day_first() {
        assert_eq!(parse_date("01/06/2025"), Ok(ymd(2025, 6, 1)));
        assert_eq!(parse_date("1/6/2025"), Ok(ymd(2025, 6, 1)));
        assert_eq!(parse_date("13/06/2025"), Ok(ymd(2025, 6, 13)));
        // An English Excel's month-first date is refused, never moved by months.
        assert_eq!(
            parse_date("6/13/2025"),
            Err(DateError::MonthFirst("6/13/2025".to_owned()))
        );
        assert_eq!(
            parse_date_ordered("6/13/2025", DateOrder::MonthFirst),
            Ok(ymd(2025, 6, 13))
        );
        assert_eq!(
            parse_date_ordered("06/01/2025", DateOrder::MonthFirst),
            Ok(ymd(2025, 6, 1))
        );
        assert_eq!(
            parse_date("31/02/2025"),
            Err(DateError::NoSuchDay("31/02/2025".to_owned()))
        );
        assert_eq!(
            parse_date("2025/06/01"),
            Err(DateError::Form("2025/06/01".to_owned()))
        );
    }

    #[test]
    fn refuses_other_forms_quoting_the_input() {
        for bad in [
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
