//! Certificate parsing and assessment on any bytes: never a panic; what parses can be
//! assessed at any instant, and its state is one of the four.
#![no_main]
use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(found) = esign::cert::parse_certificates(data) else {
        return;
    };
    let rules = esign::rules::Rules::embedded();
    let tz = rules.institution.timezone;
    let now = Utc
        .with_ymd_and_hms(2026, 6, 1, 12, 0, 0)
        .unwrap()
        .with_timezone(&tz);
    let items: Vec<(String, esign::cert::Certificate)> =
        found.into_iter().map(|c| ("fuzz".to_owned(), c)).collect();
    let report = esign::cert::Report::new(items, now, rules.lead);
    if let Some(state) = report.state() {
        assert!(state.exit_code() <= 2);
    }
});
