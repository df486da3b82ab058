//! `esign`: the rules around Kamu SM qualified e-signature (NES) cards, as answers.
//!
//! This library is the pure core: values in, values out. It never touches files,
//! the environment, the clock, the terminal or the network; the `esign` binary
//! (`src/bin/esign/`) does all of that and calls in here.
//!
//! - [`date`]: the date forms staff type.
//! - [`renewal`]: expiry + lead + today → window and state (R1, R2).
//! - [`rules`]: `rules.toml` text → validated [`rules::Rules`].
//! - [`fee`]: duty × cause → who pays and what must happen first (R7–R10).
//! - [`cert`]: certificate bytes → facts, state at an instant, successors (R3, R4).
//! - [`pin`]: PKCS#11 token flags → PIN state (R5, R6).
//! - [`portal`]: a portal task → the menu path and what to know (R6, R7).
//! - [`doctor`]: observations of the card stack → one check per layer, with fixes.
//! - [`advice`]: what to tell the person, in Turkish or English.
//! - [`guide`]: guided mode's questions and the command that answers them next time.
//! - [`roster`]: staff lists (CSV, `impl Read`) → one assessed row per input row, streamed.
//! - [`ics`]: renewal reminders as iCalendar (RFC 5545) text.
//! - [`file_error`]: what is wrong with a file the user named, in Turkish and English.
//! - [`setting`]: environment settings: which values are valid, the messages when not.
//! - [`monitoring`]: the Nagios plugin line and Prometheus text exposition.
//! - [`notify`]: reminder e-mails: who gets which, the text, the sent-log.
//! - [`lang`], [`text`]: languages, dates, Turkish case and the ASCII fallback.

#![forbid(unsafe_code)]

pub mod advice;
pub mod cert;
pub mod date;
pub mod doctor;
mod embedded;
pub mod fee;
pub mod file_error;
pub mod guide;
pub mod ics;
pub mod lang;
pub mod messages;
pub mod monitoring;
pub mod notify;
pub mod pin;
pub mod portal;
pub mod renewal;
pub mod roster;
pub mod rules;
pub mod setting;
pub mod text;
