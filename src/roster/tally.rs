//! What a run adds up to: which rows to show, the counts per state, the monthly load.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::{DutyCell, Outcome};
use crate::renewal::{Renewal, State};

/// Which rows to show. Filters drop rows from the output only, never from the summary.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep rows in one of these states (`error` for error rows); `None` keeps all.
    pub states: Option<Vec<StateName>>,
    /// Keep rows that need action by this day: renewal due, expired, or a window
    /// opening on or before it. Error rows need fixing now, so they are kept too.
    pub due_by: Option<NaiveDate>,
}

/// A state as `--state` names it: the four renewal states and `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateName {
    State(State),
    Error,
    Empty,
}

impl Filter {
    #[must_use]
    pub fn keeps(&self, outcome: &Outcome<'_>) -> bool {
        let by_state = self.states.as_ref().is_none_or(|states| {
            states.iter().any(|s| match (s, outcome) {
                (StateName::Error, Outcome::Error(_)) | (StateName::Empty, Outcome::Empty) => true,
                (StateName::State(s), Outcome::Assessed { renewal, .. }) => renewal.state == *s,
                _ => false,
            })
        });
        let by_due = self.due_by.is_none_or(|by| match outcome {
            Outcome::Error(_) => true,
            Outcome::Empty => false,
            Outcome::Assessed { renewal, .. } => {
                matches!(renewal.state, State::RenewalDue | State::Expired)
                    || renewal.window_opens <= by
            }
        });
        by_state && by_due
    }
}

/// Counts per state over every row read (before filters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: u64,
    pub valid: u64,
    pub not_yet_valid: u64,
    pub renewal_due: u64,
    pub expired: u64,
    pub errors: u64,
    /// Rows of delimiters only (state `empty`): counted, never an error.
    pub empty: u64,
    /// Rows whose duty value names no duty of the rules (not errors).
    pub unknown_duties: u64,
}

impl Summary {
    pub fn add(&mut self, outcome: &Outcome<'_>) {
        self.rows += 1;
        match outcome {
            Outcome::Error(_) => self.errors += 1,
            Outcome::Empty => self.empty += 1,
            Outcome::Assessed { renewal, duty } => {
                self.count_state(renewal.state);
                if matches!(duty, DutyCell::Unknown) {
                    self.unknown_duties += 1;
                }
            }
        }
    }

    /// Counts one certificate in `state` (without a row: `esign check` on several).
    pub fn add_state(&mut self, state: State) {
        self.rows += 1;
        self.count_state(state);
    }

    fn count_state(&mut self, state: State) {
        match state {
            State::Valid => self.valid += 1,
            State::NotYetValid => self.not_yet_valid += 1,
            State::RenewalDue => self.renewal_due += 1,
            State::Expired => self.expired += 1,
        }
    }

    /// The most urgent state among the assessed rows.
    #[must_use]
    pub fn worst(&self) -> State {
        if self.expired > 0 {
            State::Expired
        } else if self.renewal_due > 0 {
            State::RenewalDue
        } else if self.not_yet_valid > 0 {
            State::NotYetValid
        } else {
            State::Valid
        }
    }
}

/// Renewal load in one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthLoad {
    /// `YYYY-MM`.
    #[serde(serialize_with = "year_month")]
    pub month: NaiveDate,
    /// Renewal windows that open in this month.
    pub windows_open: u64,
    /// Certificates that expire in this month.
    pub expiring: u64,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's serialize_with passes &field
fn year_month<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!("{:04}-{:02}", d.year(), d.month()))
}

/// The `--by-month` chart's numbers: 12 calendar months from today's month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyLoad {
    first: NaiveDate,
    months: [MonthLoad; 12],
}

impl MonthlyLoad {
    /// Twelve empty months, the first being the month of `today`.
    #[must_use]
    pub fn new(today: NaiveDate) -> Self {
        let first = today.with_day(1).unwrap_or(today);
        let months = std::array::from_fn(|i| MonthLoad {
            month: first
                .checked_add_months(Months::new(u32::try_from(i).unwrap_or(0)))
                .unwrap_or(first),
            windows_open: 0,
            expiring: 0,
        });
        MonthlyLoad { first, months }
    }

    fn index(&self, day: NaiveDate) -> Option<usize> {
        let months = (day.year() - self.first.year()) * 12 + i32::try_from(day.month()).ok()?
            - i32::try_from(self.first.month()).ok()?;
        usize::try_from(months).ok().filter(|&m| m < 12)
    }

    /// Counts one certificate: its window's first day and its expiry, each in its month.
    pub fn add(&mut self, renewal: &Renewal) {
        if let Some(i) = self.index(renewal.window_opens) {
            self.months[i].windows_open += 1;
        }
        if let Some(i) = self.index(renewal.expiry) {
            self.months[i].expiring += 1;
        }
    }

    #[must_use]
    pub fn months(&self) -> &[MonthLoad; 12] {
        &self.months
    }
}
