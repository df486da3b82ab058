//! Renewal reminders as iCalendar (RFC 5545) text, for `esign remind` and `esign roster --ics`.
//!
//! Per person two all-day events: the day the renewal window opens ("apply now", with
//! where to apply from the rules, and a `VALARM`), and the expiry day. Each event's
//! `UID` is derived from the person and the expiry date only, so importing a newer
//! file updates the events instead of duplicating them. `DTSTAMP` is the instant the
//! caller passes: nothing here reads the clock.
//!
//! Serialisation (CRLF line ends, text escaping) is the `icalendar` crate's. Before it,
//! control characters in names and labels become spaces (a bare CR would start a
//! property of its own for parsers that split on it); after it, lines are folded again
//! here at 75 octets on UTF-8 character boundaries, since the crate's folding can give
//! 76. [`check_rfc5545`] states the invariants. The calendar is written in three parts
//! ([`begin`], [`events`] per person, [`END`]) so a roster of any length streams.
//!
//! Only 4-digit-year dates are written: a reminder whose days (or the day after, where
//! an all-day event ends) fall outside years 1000–9999 gives no events.

use chrono::{DateTime, Days, NaiveDate, Utc};
use icalendar::{Alarm, Component, Event, EventLike};

use crate::lang::Lang;
use crate::rules::Rules;

/// The calendar's last line.
pub const END: &str = "END:VCALENDAR\r\n";

/// One person's certificate, as the calendar needs it.
#[derive(Debug, Clone, Copy)]
pub struct Reminder<'a> {
    /// The person's name; `None` for a personal reminder without `--name`.
    pub person: Option<&'a str>,
    pub expiry: NaiveDate,
    pub window_opens: NaiveDate,
}

/// The calendar's opening lines.
#[must_use]
pub fn begin(lang: Lang) -> String {
    let name = match lang {
        Lang::En => "E-signature renewals",
        Lang::Tr => "E-imza yenilemeleri",
    };
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    out.push_str(concat!(
        "PRODID:-//esign//esign ",
        env!("CARGO_PKG_VERSION"),
        "//EN\r\n"
    ));
    out.push_str("CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    // X-WR-CALNAME is what most calendar apps show as the imported calendar's name.
    out.push_str("X-WR-CALNAME:");
    out.push_str(name);
    out.push_str("\r\n");
    out
}

/// FNV-1a, 64 bits: a hash whose value is fixed by its definition, unlike std's
/// `DefaultHasher`, so UIDs stay the same across esign versions and platforms.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The stable UID of one of a person's events: `kind` + expiry + hash of the name.
#[must_use]
pub fn uid(kind: &str, person: Option<&str>, expiry: NaiveDate) -> String {
    let person = person.unwrap_or("").trim();
    format!(
        "esign-{kind}-{}-{:016x}@esign",
        expiry.format("%Y%m%d"),
        fnv1a(person.as_bytes())
    )
}

/// Text for a calendar value: every control character (CR, LF, ESC, BEL …) a space.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A date an all-day event can hold: its year and the next day's have four digits.
fn writable(day: NaiveDate) -> bool {
    use chrono::Datelike;
    (1000..=9999).contains(&day.year())
        && day
            .checked_add_days(Days::new(1))
            .is_some_and(|d| d.year() <= 9999)
}

/// Unfolds what the serialiser wrote and folds it again: at most 75 octets a line,
/// continuation lines starting with one space, never inside a UTF-8 character.
fn refold(serialised: &str, out: &mut String) {
    const LIMIT: usize = 75;
    let unfolded = serialised.replace("\r\n ", "");
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut limit = LIMIT;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
}

/// The RFC 5545 invariants of every calendar `esign` writes: each content line ends with
/// CRLF, is at most 75 octets, and holds no control character (tab aside, which the RFC
/// allows); a continuation line starts with a space.
///
/// # Errors
/// The first line that breaks one, described.
pub fn check_rfc5545(text: &str) -> Result<(), String> {
    if !text.ends_with("\r\n") {
        return Err("the text does not end with CRLF".to_owned());
    }
    for (i, line) in text[..text.len() - 2].split("\r\n").enumerate() {
        let n = i + 1;
        if line.len() > 75 {
            return Err(format!("line {n} has {} octets: {line:?}", line.len()));
        }
        if let Some(c) = line.chars().find(|&c| c.is_control() && c != '\t') {
            return Err(format!("line {n} holds control character {c:?}: {line:?}"));
        }
        if line.is_empty() {
            return Err(format!("line {n} is empty"));
        }
    }
    Ok(())
}

/// The two events of one person, serialised (none when a date has no 4-digit year).
#[must_use]
pub fn events(r: &Reminder<'_>, rules: &Rules, lang: Lang, now: DateTime<Utc>) -> String {
    if !writable(r.expiry) || !writable(r.window_opens) {
        return String::new();
    }
    let desk = &*clean(&rules.institution.desk);
    let portal_name = clean(&rules.portal.name);
    let portal_url = clean(&rules.portal.url);
    let expiry = lang.date(r.expiry);
    let person = r.person.map(clean);
    let who = person.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let with_name = |text: String| match who {
        Some(p) => format!("{text}: {p}"),
        None => text,
    };
    let (apply_summary, apply_text, alarm_text, expiry_summary, expiry_text) = match lang {
        Lang::En => (
            with_name("Apply for e-signature renewal".to_owned()),
            format!(
                "The renewal window opens today; the certificate expires on {expiry}. \
                 Apply at {desk} (R1). Track the application on {portal_name} ({portal_url})."
            ),
            format!("Apply for e-signature renewal at {desk}"),
            with_name("E-signature certificate expires".to_owned()),
            format!(
                "The certificate expires today; it works until the end of the day. From tomorrow, \
                 applying needs a printed, hand-signed form handed in at {desk} (R2)."
            ),
        ),
        Lang::Tr => (
            with_name("E-imza yenileme başvurusu".to_owned()),
            format!(
                "Yenileme dönemi bugün açılıyor; sertifikanın bitiş tarihi {expiry}. \
                 Başvuru yeri: {desk} (R1). Başvuruyu {portal_name} üzerinden izleyebilirsiniz ({portal_url})."
            ),
            format!("E-imza yenileme başvurusu; başvuru yeri: {desk}"),
            with_name("E-imza sertifikasının süresi doluyor".to_owned()),
            format!(
                "Sertifikanın süresi bugün doluyor; gün sonuna kadar kullanılabilir. Yarından \
                 itibaren başvuru formunun çıktısı alınıp ıslak imzayla imzalanarak teslim \
                 edilmelidir (R2); teslim yeri: {desk}."
            ),
        ),
    };
    let day_after = |d: NaiveDate| d.checked_add_days(Days::new(1)).unwrap_or(d);
    let apply = Event::new()
        .uid(&uid("window", who, r.expiry))
        .timestamp(now)
        .summary(&apply_summary)
        .description(&apply_text)
        .location(desk)
        .starts(r.window_opens)
        .ends(day_after(r.window_opens))
        // 09:00 on the window's first day (the trigger counts from the all-day start).
        .alarm(
            // The crate would stamp a nested VALARM with the clock and a random UID:
            // both are given here, so the output is a pure function of the input.
            Alarm::display(&alarm_text, chrono::Duration::hours(9))
                .uid(&uid("alarm", who, r.expiry))
                .timestamp(now)
                .done(),
        )
        .done();
    let expires = Event::new()
        .uid(&uid("expiry", who, r.expiry))
        .timestamp(now)
        .summary(&expiry_summary)
        .description(&expiry_text)
        .starts(r.expiry)
        .ends(day_after(r.expiry))
        .done();
    let mut serialised = String::new();
    // Writing into a String cannot fail.
    let _ = apply.fmt_write(&mut serialised);
    let _ = expires.fmt_write(&mut serialised);
    let mut out = String::with_capacity(serialised.len() + 16);
    refold(&serialised, &mut out);
    out
}

/// A whole calendar for a few reminders (the streaming parts are [`begin`], [`events`], [`END`]).
#[must_use]
pub fn calendar(
    reminders: &[Reminder<'_>],
    rules: &Rules,
    lang: Lang,
    now: DateTime<Utc>,
) -> String {
    let mut out = begin(lang);
    for r in reminders {
        out.push_str(&events(r, rules, lang, now));
    }
    out.push_str(END);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;

    fn sample(name: &str) -> String {
        let rules = Rules::embedded();
        let expiry = parse_date("2026-03-31").unwrap();
        let r = Reminder {
            person: Some(name),
            expiry,
            window_opens: rules.lead.window_opens(expiry),
        };
        let now = DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z")
            .unwrap()
            .with_timezone(&Utc);
        calendar(&[r], &rules, Lang::Tr, now)
    }

    #[test]
    fn crlf_folding_and_stable_uids() {
        let name = "Prof. Dr. Gülşen Çağlayan-Öztürkoğlu İşbilir Şahinkaya Ilıcaoğlu Ümmühan";
        let text = sample(name);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with(END));
        assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(text.contains("DTSTART;VALUE=DATE:20260228"), "{text}");
        assert_eq!(text.matches("DTSTAMP:").count(), 3);
        assert_eq!(text.matches("DTSTAMP:20260102T030405Z").count(), 3);
        assert!(
            text.contains("BEGIN:VALARM") && text.contains("TRIGGER:PT32400S"),
            "{text}"
        );
        assert_eq!(text, sample(name));
        assert_ne!(
            uid("window", Some("A"), parse_date("2026-03-31").unwrap()),
            uid("window", Some("B"), parse_date("2026-03-31").unwrap())
        );
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        check_rfc5545(&text).unwrap();
    }

    #[test]
    fn dates_without_four_digit_years_give_no_events() {
        let rules = Rules::embedded();
        let now = DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z")
            .unwrap()
            .with_timezone(&Utc);
        for (expiry, opens) in [("9999-12-31", "9999-11-30"), ("0999-12-31", "0999-12-01")] {
            let r = Reminder {
                person: Some("A"),
                expiry: NaiveDate::parse_from_str(expiry, "%Y-%m-%d").unwrap(),
                window_opens: NaiveDate::parse_from_str(opens, "%Y-%m-%d").unwrap(),
            };
            assert_eq!(events(&r, &rules, Lang::En, now), "");
        }
    }

    proptest::proptest! {
        /// Item 16 of issue 9: whatever the name, every line ends with CRLF, is at most 75
        /// octets, and holds no control character.
        #[test]
        fn any_name_keeps_rfc5545(name in "\\PC*|[\\\\\r\n\u{1b}\u{7}\t;,:a-zçşğüöıİ ]{0,300}") {
            let text = sample(&name);
            proptest::prop_assert!(check_rfc5545(&text).is_ok(), "{:?}", check_rfc5545(&text));
            proptest::prop_assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        }
    }
}
