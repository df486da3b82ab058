//! The renewal decision (R1, R2): an expiry date, the institution's lead time and
//! today's date in, the renewal window and the certificate's state out.
//! Pure: no clock, no files; the caller says what day it is.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The unit of a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanUnit {
    Day,
    Week,
    /// A calendar month, clamped to the month's last day (31 March → 28/29 February).
    Month,
}

/// A span of calendar time: N days, weeks or calendar months. One type for the rules'
/// lead time (`renewal.lead`, R1) and for `roster --due-within`, so both count months
/// the same way and share one limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub count: u32,
    pub unit: SpanUnit,
}

/// How long before expiry the renewal window opens (`renewal.lead` in the rules, R1).
pub type Lead = Span;
/// The unit of a [`Lead`].
pub type LeadUnit = SpanUnit;

/// Largest span accepted: ten years, in any unit. Longer is a typo, not a policy.
const MAX_SPAN_DAYS: u32 = 3660;

/// A lead time that does not read as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadError(pub String);

// The English text is here, not in the catalogue: build.rs compiles this file (through
// the rules loader) without the rest of the library. The Turkish is in `messages`.
impl std::fmt::Display for LeadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\" is not a lead time: write \"N days\", \"N weeks\" or \"N months\" with N from 1 (for example \"1 month\", \"10 days\")", self.0)
    }
}

impl LeadError {
    /// The same in Turkish, here beside the English because the rules loader (which
    /// build.rs compiles alone) says every problem in both languages.
    #[must_use]
    pub fn turkish(&self) -> String {
        format!("\"{}\" geçerli bir süre değil: \"N days\", \"N weeks\" ya da \"N months\" yazın, N en az 1 (örneğin \"1 month\", \"10 days\")", self.0)
    }
}

impl std::error::Error for LeadError {}

/// A `--due-within` span that does not read as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanError(pub String);

impl std::fmt::Display for SpanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "\"{}\" is not a span: write it like 30d, 6w or 2m (days, weeks, calendar months)",
            self.0
        )
    }
}

impl std::error::Error for SpanError {}

impl Span {
    /// A span of `count` units, if it is at most ten years long.
    #[must_use]
    pub fn new(count: u32, unit: SpanUnit) -> Option<Span> {
        let days = match unit {
            SpanUnit::Day => count,
            SpanUnit::Week => count.saturating_mul(7),
            SpanUnit::Month => count.saturating_mul(31),
        };
        (days <= MAX_SPAN_DAYS).then_some(Span { count, unit })
    }

    fn unit_named(word: &str) -> Option<SpanUnit> {
        match word.to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => Some(SpanUnit::Day),
            "w" | "week" | "weeks" => Some(SpanUnit::Week),
            "m" | "month" | "months" => Some(SpanUnit::Month),
            _ => None,
        }
    }

    /// The short form people type on the command line: `30d`, `6w`, `2m`, `30 days`, or
    /// a bare number of days. Zero is allowed ("due today").
    ///
    /// # Errors
    /// [`SpanError`] naming the text.
    pub fn parse_short(text: &str) -> Result<Span, SpanError> {
        let err = || SpanError(text.to_owned());
        let trimmed = text.trim();
        let digits_end = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(trimmed.len());
        let (count, unit) = trimmed.split_at(digits_end);
        let count: u32 = count.parse().map_err(|_| err())?;
        let unit = match unit.trim() {
            "" => SpanUnit::Day,
            word => Span::unit_named(word).ok_or_else(err)?,
        };
        Span::new(count, unit).ok_or_else(err)
    }

    /// `date` moved back by the span (month ends clamp: 31 March − 1 month = 28/29 February).
    #[must_use]
    pub fn before(self, date: NaiveDate) -> NaiveDate {
        let moved = match self.unit {
            SpanUnit::Day => date.checked_sub_days(Days::new(u64::from(self.count))),
            SpanUnit::Week => date.checked_sub_days(Days::new(7 * u64::from(self.count))),
            SpanUnit::Month => date.checked_sub_months(Months::new(self.count)),
        };
        moved.unwrap_or(NaiveDate::MIN)
    }

    /// `date` moved forward by the span (month ends clamp like [`Span::before`]).
    #[must_use]
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        let moved = match self.unit {
            SpanUnit::Day => date.checked_add_days(Days::new(u64::from(self.count))),
            SpanUnit::Week => date.checked_add_days(Days::new(7 * u64::from(self.count))),
            SpanUnit::Month => date.checked_add_months(Months::new(self.count)),
        };
        moved.unwrap_or(NaiveDate::MAX)
    }

    /// The first day of the renewal window for a certificate that expires on `expiry`.
    #[must_use]
    pub fn window_opens(self, expiry: NaiveDate) -> NaiveDate {
        self.before(expiry)
    }
}

impl FromStr for Span {
    type Err = LeadError;

    /// The rules' form, as a lead time: "N days", "N weeks" or "N months", N from 1.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || LeadError(text.to_owned());
        let mut words = text.split_whitespace();
        let (Some(count), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(err());
        };
        if !count.bytes().all(|b| b.is_ascii_digit()) || unit.len() == 1 {
            return Err(err());
        }
        let count: u32 = count.parse().map_err(|_| err())?;
        let unit = Span::unit_named(unit).ok_or_else(err)?;
        if count == 0 {
            return Err(err());
        }
        Span::new(count, unit).ok_or_else(err)
    }
}

impl fmt::Display for Span {
    /// The canonical English form, as written in rules files: "1 month", "10 days".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            SpanUnit::Day => "day",
            SpanUnit::Week => "week",
            SpanUnit::Month => "month",
        };
        let plural = if self.count == 1 { "" } else { "s" };
        write!(f, "{} {unit}{plural}", self.count)
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The same text form back: what the build script's compact embedded rules hold.
impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Where a certificate stands. Ordered from least to most urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Before the renewal window: nothing to do yet.
    Valid,
    /// A new certificate whose validity has not begun (R3): keep using the old one.
    NotYetValid,
    /// The window is open and the certificate still works: apply now (R1).
    RenewalDue,
    /// Past the expiry: apply with a hand-signed printed form (R2).
    Expired,
}

impl State {
    /// Exit status, as monitoring plugins use them: 0 OK, 1 warning, 2 critical.
    #[must_use]
    pub fn exit_code(self) -> u8 {
        match self {
            State::Valid => 0,
            State::NotYetValid | State::RenewalDue => 1,
            State::Expired => 2,
        }
    }

    /// The state's name in JSON, CSV and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            State::Valid => "valid",
            State::NotYetValid => "not-yet-valid",
            State::RenewalDue => "renewal-due",
            State::Expired => "expired",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The renewal picture for one certificate on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Renewal {
    pub state: State,
    pub expiry: NaiveDate,
    pub today: NaiveDate,
    /// `expiry − today` in days: 0 on the expiry day, negative once expired.
    pub days_left: i64,
    pub window_opens: NaiveDate,
    pub lead: Lead,
    /// A certificate without an expiry date (notAfter `99991231235959Z`, RFC 5280
    /// 4.1.2.5): `expiry` is then 9999-12-31, and `days_left` and `window_opens` mean
    /// nothing; outputs show "no expiry date" instead, and no renewal window.
    pub no_expiry: bool,
}

/// Decides the state of a certificate usable through `expiry`, seen on `today`.
#[must_use]
pub fn assess(expiry: NaiveDate, today: NaiveDate, lead: Lead) -> Renewal {
    let window_opens = lead.window_opens(expiry);
    let state = if today > expiry {
        State::Expired
    } else if today >= window_opens {
        State::RenewalDue
    } else {
        State::Valid
    };
    Renewal {
        state,
        expiry,
        today,
        days_left: (expiry - today).num_days(),
        window_opens,
        lead,
        no_expiry: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::date::parse_date(s).unwrap()
    }
    fn lead(s: &str) -> Lead {
        s.parse().unwrap()
    }

    #[test]
    fn state_boundaries_with_one_month() {
        let expiry = d("2025-06-01");
        let cases = [
            ("2025-04-30", State::Valid, 32),
            ("2025-04-30", State::Valid, 32),
            ("2025-05-01", State::RenewalDue, 31), // the window's first day
            ("2025-06-01", State::RenewalDue, 0),  // the expiry day: still usable
            ("2025-06-02", State::Expired, -1),    // the day after
        ];
        for (today, state, left) in cases {
            let r = assess(expiry, d(today), lead("1 month"));
            assert_eq!((r.state, r.days_left), (state, left), "{today}");
            assert_eq!(r.window_opens, d("2025-05-01"));
        }
    }

    #[test]
    fn month_lead_clamps_to_month_end() {
        let cases = [
            ("2025-03-31", "1 month", "2025-02-28"),
            ("2024-03-31", "1 month", "2024-02-29"),
            ("2025-05-31", "3 months", "2025-02-28"),
            ("2025-01-31", "2 months", "2024-11-30"),
            ("2025-01-15", "1 month", "2024-12-15"),
        ];
        for (expiry, l, opens) in cases {
            assert_eq!(lead(l).window_opens(d(expiry)), d(opens), "{expiry} {l}");
        }
    }

    #[test]
    fn day_and_week_leads() {
        assert_eq!(
            lead("10 days").window_opens(d("2025-03-05")),
            d("2025-02-23")
        );
        assert_eq!(
            lead("2 weeks").window_opens(d("2024-03-05")),
            d("2024-02-20")
        );
        assert_eq!(lead("1 day").window_opens(d("2025-01-01")), d("2024-12-31"));
    }

    #[test]
    fn lead_parsing() {
        assert_eq!(
            lead("1 month"),
            Lead {
                count: 1,
                unit: LeadUnit::Month
            }
        );
        assert_eq!(
            lead(" 10  Days "),
            Lead {
                count: 10,
                unit: LeadUnit::Day
            }
        );
        assert_eq!(lead("2 week").to_string(), "2 weeks");
        for bad in [
            "",
            "month",
            "1",
            "0 days",
            "-1 days",
            "+1 days",
            "1 fortnight",
            "1 month ago",
            "1.5 months",
            "999 months",
            "99999999999 days",
        ] {
            assert!(bad.parse::<Lead>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn short_spans_share_the_lead_arithmetic() {
        let span = |s: &str| Span::parse_short(s).unwrap();
        assert_eq!(span("30d").after(d("2025-01-01")), d("2025-01-31"));
        assert_eq!(span("6w").after(d("2025-01-01")), d("2025-02-12"));
        assert_eq!(span("1m").after(d("2025-01-31")), d("2025-02-28"));
        assert_eq!(span(" 2 Months ").after(d("2025-01-15")), d("2025-03-15"));
        assert_eq!(span("0").after(d("2025-01-15")), d("2025-01-15"));
        assert_eq!(
            span("1m").before(d("2025-03-31")),
            lead("1 month").window_opens(d("2025-03-31"))
        );
        for bad in [
            "",
            "d",
            "-1d",
            "3x",
            "3661d",
            "523w",
            "119m",
            "1.5m",
            "99999999999d",
        ] {
            assert!(Span::parse_short(bad).is_err(), "{bad:?}");
        }
        assert!(Span::parse_short("3660d").is_ok() && "3660 days".parse::<Lead>().is_ok());
    }

    #[test]
    fn exit_codes_follow_monitoring_plugins() {
        assert_eq!(State::Valid.exit_code(), 0);
        assert_eq!(State::RenewalDue.exit_code(), 1);
        assert_eq!(State::NotYetValid.exit_code(), 1);
        assert_eq!(State::Expired.exit_code(), 2);
        assert!(State::Expired > State::RenewalDue && State::RenewalDue > State::NotYetValid);
    }
}
