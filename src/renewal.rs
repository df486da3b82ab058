//! The renewal decision (R1, R2): an expiry date, the institution's lead time and
//! today's date in, the renewal window and the certificate's state out.
//! Pure: no clock, no files; the caller says what day it is.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;
use thiserror::Error;

/// The unit of a [`Lead`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LeadUnit {
    Day,
    Week,
    /// A calendar month, clamped to the month's last day (31 March → 28/29 February).
    Month,
}

/// How long before expiry the renewal window opens (`renewal.lead` in the rules, R1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lead {
    pub count: u32,
    pub unit: LeadUnit,
}

/// Largest lead accepted: ten years, in any unit. Longer is a typo, not a policy.
const MAX_LEAD_DAYS: u32 = 3660;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{0}\" is not a lead time: write \"N days\", \"N weeks\" or \"N months\" with N from 1 (for example \"1 month\", \"10 days\")")]
pub struct LeadError(pub String);

impl FromStr for Lead {
    type Err = LeadError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || LeadError(text.to_owned());
        let mut words = text.split_whitespace();
        let (Some(count), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(err());
        };
        if !count.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let count: u32 = count.parse().map_err(|_| err())?;
        let unit = match unit.to_ascii_lowercase().as_str() {
            "day" | "days" => LeadUnit::Day,
            "week" | "weeks" => LeadUnit::Week,
            "month" | "months" => LeadUnit::Month,
            _ => return Err(err()),
        };
        let days = match unit {
            LeadUnit::Day => count,
            LeadUnit::Week => count.saturating_mul(7),
            LeadUnit::Month => count.saturating_mul(31),
        };
        if count == 0 || days > MAX_LEAD_DAYS {
            return Err(err());
        }
        Ok(Lead { count, unit })
    }
}

impl fmt::Display for Lead {
    /// The canonical English form, as written in rules files: "1 month", "10 days".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            LeadUnit::Day => "day",
            LeadUnit::Week => "week",
            LeadUnit::Month => "month",
        };
        let plural = if self.count == 1 { "" } else { "s" };
        write!(f, "{} {unit}{plural}", self.count)
    }
}

impl Serialize for Lead {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Lead {
    /// The first day of the renewal window for a certificate that expires on `expiry`.
    #[must_use]
    pub fn window_opens(self, expiry: NaiveDate) -> NaiveDate {
        let opened = match self.unit {
            LeadUnit::Day => expiry.checked_sub_days(Days::new(u64::from(self.count))),
            LeadUnit::Week => expiry.checked_sub_days(Days::new(7 * u64::from(self.count))),
            // chrono clamps to the last day of the target month: 2025-03-31 − 1 month = 2025-02-28.
            LeadUnit::Month => expiry.checked_sub_months(Months::new(self.count)),
        };
        opened.unwrap_or(NaiveDate::MIN)
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
    fn exit_codes_follow_monitoring_plugins() {
        assert_eq!(State::Valid.exit_code(), 0);
        assert_eq!(State::RenewalDue.exit_code(), 1);
        assert_eq!(State::NotYetValid.exit_code(), 1);
        assert_eq!(State::Expired.exit_code(), 2);
        assert!(State::Expired > State::RenewalDue && State::RenewalDue > State::NotYetValid);
    }
}
