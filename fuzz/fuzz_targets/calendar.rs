//! Calendar building on any names and dates: every content line ends with CRLF, is at
//! most 75 octets, and holds no control character (RFC 5545, issue 9 item 16); every date
//! written has a 4-digit year. Several people per calendar, so the `EventWriter`'s date
//! cache (shared lines per expiry date) is exercised as a roster exercises it.
#![no_main]
use chrono::{NaiveDate, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

/// Built once: building the embedded rules per input cost much of each run.
static RULES: std::sync::OnceLock<esign::rules::Rules> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let lang = if data[0] & 1 == 0 {
        esign::lang::Lang::Tr
    } else {
        esign::lang::Lang::En
    };
    let Ok(names) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let base = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    // Days from 1900-01-01 to 9998-12-31: the typed dates esign accepts.
    let span = (NaiveDate::from_ymd_opt(9998, 12, 31).unwrap() - base).num_days() as u64 + 1;
    let rules = RULES.get_or_init(esign::rules::Rules::embedded);
    // Each `|`-separated piece is a person; its first bytes pick the dates.
    let reminders: Vec<esign::ics::Reminder<'_>> = names
        .split('|')
        .take(16)
        .enumerate()
        .map(|(i, piece)| {
            let seed = piece
                .bytes()
                .take(4)
                .fold(u64::from(data[1]) + i as u64, |h, b| {
                    h.wrapping_mul(131).wrapping_add(u64::from(b))
                });
            let expiry = base + chrono::Duration::days((seed % span) as i64);
            esign::ics::Reminder {
                person: (seed & 1 == 0).then_some(piece),
                expiry,
                window_opens: rules.lead.window_opens(expiry),
            }
        })
        .collect();
    let now = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    let text = esign::ics::calendar(&reminders, rules, lang, now);
    esign::ics::check_rfc5545(&text).unwrap();
    for line in text.split("\r\n") {
        if let Some(date) = line
            .strip_prefix("DTSTART;VALUE=DATE:")
            .or_else(|| line.strip_prefix("DTEND;VALUE=DATE:"))
        {
            assert!(
                date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()),
                "{line}"
            );
        }
    }
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        2 * reminders.len(),
        "two events per person"
    );
});
