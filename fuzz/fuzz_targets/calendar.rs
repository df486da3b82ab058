//! Calendar building on any name and dates: every content line ends with CRLF, is at
//! most 75 octets, and holds no control character (RFC 5545, issue 9 item 16).
#![no_main]
use chrono::{NaiveDate, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let days = |b: &[u8]| i64::from(u32::from_le_bytes([b[0], b[1], b[2], 0]));
    let base = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let expiry = base + chrono::Duration::days(days(&data[0..3]) % 3_000_000);
    let opens = base + chrono::Duration::days(days(&data[3..6]) % 3_000_000);
    let Ok(name) = std::str::from_utf8(&data[8..]) else {
        return;
    };
    let rules = esign::rules::Rules::embedded();
    let now = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    let lang = if data[6] & 1 == 0 {
        esign::lang::Lang::Tr
    } else {
        esign::lang::Lang::En
    };
    let reminder = esign::ics::Reminder {
        person: (data[7] & 1 == 0).then_some(name),
        expiry,
        window_opens: opens,
    };
    let text = esign::ics::calendar(&[reminder], &rules, lang, now);
    esign::ics::check_rfc5545(&text).unwrap();
});
