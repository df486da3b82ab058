//! Who pays for a renewal and what must happen first (R7–R10), decided from the
//! rules' `[[fee]]` table. The decision carries the rule that made it.

use serde::Serialize;
use thiserror::Error;

use crate::rules::{Cause, Duty, FeeRule, Payer, Rules, Task};

/// The answer to "who pays for this renewal?".
#[derive(Debug, Clone, Serialize)]
pub struct FeeDecision<'r> {
    #[serde(serialize_with = "by_id_duty")]
    pub duty: &'r Duty,
    #[serde(serialize_with = "by_id_cause")]
    pub cause: &'r Cause,
    pub payer: Payer,
    #[serde(serialize_with = "by_id_rule")]
    pub rule: &'r FeeRule,
    /// Portal steps before the application, in order.
    pub requires: &'r [Task],
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's serialize_with passes &field
fn by_id_duty<S: serde::Serializer>(d: &&Duty, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.id)
}
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's serialize_with passes &field
fn by_id_cause<S: serde::Serializer>(c: &&Cause, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&c.id)
}
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's serialize_with passes &field
fn by_id_rule<S: serde::Serializer>(r: &&FeeRule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&r.id)
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FeeError {
    #[error("unknown duty \"{0}\"")]
    UnknownDuty(String),
    #[error("unknown cause \"{0}\"")]
    UnknownCause(String),
}

/// Decides who pays for renewing the card of a person with `duty` because of `cause`.
///
/// # Errors
/// [`FeeError`] when the duty or cause id is not in the rules.
pub fn decide<'r>(rules: &'r Rules, duty: &str, cause: &str) -> Result<FeeDecision<'r>, FeeError> {
    let duty = rules
        .duty(duty)
        .ok_or_else(|| FeeError::UnknownDuty(duty.to_owned()))?;
    let cause = rules
        .cause(cause)
        .ok_or_else(|| FeeError::UnknownCause(cause.to_owned()))?;
    Ok(decide_for(rules, duty, cause))
}

/// As [`decide`], for a duty and cause already looked up.
///
/// # Panics
/// Never for rules built by [`Rules::parse`]: it refuses a table with a gap.
#[must_use]
pub fn decide_for<'r>(rules: &'r Rules, duty: &'r Duty, cause: &'r Cause) -> FeeDecision<'r> {
    let rule = rules
        .fees
        .iter()
        .find(|r| r.duties.contains(&duty.id) && r.causes.contains(&cause.id))
        .expect("validated rules cover every duty × cause pair");
    FeeDecision {
        duty,
        cause,
        payer: rule.payer,
        rule,
        requires: &cause.requires,
    }
}

/// Every duty × cause pair in file order: the desk's printed matrix.
#[must_use]
pub fn table(rules: &Rules) -> Vec<FeeDecision<'_>> {
    rules
        .duties
        .iter()
        .flat_map(|d| rules.causes.iter().map(move |c| decide_for(rules, d, c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default matrix, cell by cell, against the page: R8 (duty, person pays,
    /// revoke first), R9 (duty, institution pays), R10 (no duty, person pays).
    #[test]
    fn default_matrix_matches_the_page() {
        let rules = Rules::embedded();
        let expect = |duty: &str, cause: &str| -> (Payer, &'static [&'static str], &'static str) {
            let steps: &[&str] = match cause {
                "lost" | "stolen" => &["suspend", "revoke"],
                "user-damage" | "pin-puk-block" | "identity-update" => &["revoke"],
                _ => &[],
            };
            match (duty, cause) {
                ("active", "expiry" | "defect") => (Payer::Institution, steps, "R9"),
                ("active", _) => (Payer::Person, steps, "R8"),
                _ => (Payer::Person, steps, "R10"),
            }
        };
        let all = table(&rules);
        assert_eq!(all.len(), 28);
        for d in &all {
            let (payer, steps, source) = expect(&d.duty.id, &d.cause.id);
            assert_eq!(d.payer, payer, "{} × {}", d.duty.id, d.cause.id);
            let got: Vec<&str> = d.requires.iter().map(|t| t.as_str()).collect();
            assert_eq!(got, steps, "{} × {}", d.duty.id, d.cause.id);
            assert!(
                d.rule.source.starts_with(source),
                "{} × {}: {}",
                d.duty.id,
                d.cause.id,
                d.rule.source
            );
        }
    }

    #[test]
    fn unknown_ids() {
        let rules = Rules::embedded();
        assert_eq!(
            decide(&rules, "boss", "expiry").unwrap_err(),
            FeeError::UnknownDuty("boss".into())
        );
        assert_eq!(
            decide(&rules, "active", "flood").unwrap_err(),
            FeeError::UnknownCause("flood".into())
        );
    }
}
