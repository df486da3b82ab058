//! Who pays for a renewal and what must happen first (R7–R10), decided from the
//! rules' `[[fee]]` table. The decision carries the rule that made it.

use serde::Serialize;

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

/// Whose card it is, as the desk says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose<'a> {
    /// A duty id from the rules (`active`, `none`, …).
    Duty(&'a str),
    /// A job title (`Dekan`), matched the Turkish way against the duties' titles.
    Title(&'a str),
}

/// Why no decision could be made. Each variant carries the ids the rules know, so the
/// message can offer them without looking anything up again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeeError {
    UnknownDuty { given: String, known: Vec<String> },
    UnknownTitle { given: String, known: Vec<String> },
    NoDuty { known: Vec<String> },
    UnknownCause { given: String, known: Vec<String> },
    NoCause { known: Vec<String> },
}

impl std::fmt::Display for FeeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::messages::Localize::localize(
            self,
            crate::lang::Lang::En,
        ))
    }
}

impl std::error::Error for FeeError {}

fn duty_ids(rules: &Rules) -> Vec<String> {
    rules.duties.iter().map(|d| d.id.clone()).collect()
}

fn cause_ids(rules: &Rules) -> Vec<String> {
    rules.causes.iter().map(|c| c.id.clone()).collect()
}

/// Decides who pays for renewing the card of a person with `duty` because of `cause`.
///
/// # Errors
/// [`FeeError`] when the duty or cause id is not in the rules.
pub fn decide<'r>(rules: &'r Rules, duty: &str, cause: &str) -> Result<FeeDecision<'r>, FeeError> {
    request(rules, Some(Whose::Duty(duty)), Some(cause))
}

/// The one lookup behind `esign fee`: whose card (duty id or title) and why, either
/// possibly missing, to a decision or an error that names what the rules know.
///
/// # Errors
/// [`FeeError`] when the duty, title or cause is missing or not in the rules.
pub fn request<'r>(
    rules: &'r Rules,
    whose: Option<Whose<'_>>,
    cause: Option<&str>,
) -> Result<FeeDecision<'r>, FeeError> {
    let duty = match whose {
        Some(Whose::Duty(id)) => rules.duty(id.trim()).ok_or_else(|| FeeError::UnknownDuty {
            given: id.to_owned(),
            known: duty_ids(rules),
        })?,
        Some(Whose::Title(title)) => {
            rules
                .duty_by_title(title)
                .ok_or_else(|| FeeError::UnknownTitle {
                    given: title.to_owned(),
                    known: duty_ids(rules),
                })?
        }
        None => {
            return Err(FeeError::NoDuty {
                known: duty_ids(rules),
            })
        }
    };
    let cause = match cause {
        Some(id) => rules
            .cause(id.trim())
            .ok_or_else(|| FeeError::UnknownCause {
                given: id.to_owned(),
                known: cause_ids(rules),
            })?,
        None => {
            return Err(FeeError::NoCause {
                known: cause_ids(rules),
            })
        }
    };
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
            FeeError::UnknownDuty {
                given: "boss".into(),
                known: vec![
                    "active".into(),
                    "ended".into(),
                    "none".into(),
                    "left".into()
                ]
            }
        );
        let err = decide(&rules, "active", "flood").unwrap_err();
        assert!(
            matches!(&err, FeeError::UnknownCause { given, known } if given == "flood" && known.len() == rules.causes.len()),
            "{err:?}"
        );
        assert!(matches!(
            request(&rules, Some(Whose::Title("bölüm başkanı")), None),
            Err(FeeError::NoCause { .. })
        ));
        assert!(matches!(
            request(&rules, Some(Whose::Title("Kaptan")), Some("lost")),
            Err(FeeError::UnknownTitle { .. })
        ));
        assert_eq!(
            request(&rules, Some(Whose::Title("DEKAN")), Some(" lost "))
                .unwrap()
                .rule
                .id,
            decide(&rules, "active", "lost").unwrap().rule.id
        );
    }
}
