//! End-to-end tests: the real `esign` binary, a clean environment, a fixed day.
//! One integration binary; one module per command.

mod common;

mod card;
mod cert;
mod check;
mod compat;
mod doctor;
mod fee;
mod fuzz_regressions;
mod guide;
mod man;
mod monitoring;
mod notify;
mod pki;
mod portal;
mod remind;
mod robust;
mod roster;
mod rules;
mod screens;
mod sheet;
mod turkish;
