//! Renewal reminders as iCalendar (RFC 5545) text, for `esign remind` and `esign roster --ics`.
//!
//! Per person two all-day events: the day the renewal window opens ("apply now", with
//! where to apply from the rules, and a `VALARM`), and the expiry day. Each event's
//! `UID` is derived from the person and the expiry date only, so importing a newer
//! file updates the events instead of duplicating them. `DTSTAMP` is the instant the
//! caller passes: nothing here reads the clock.
//!
//! Serialisation (CRLF line ends, 75-octet folding on UTF-8 character boundaries,
//! text escaping) is the `icalendar` crate's. The calendar is written in three parts
//! ([`begin`], [`events`] per person, [`END`]) so a roster of any length streams.

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

/// The two events of one person, serialised.
#[must_use]
pub fn events(r: &Reminder<'_>, rules: &Rules, lang: Lang, now: DateTime<Utc>) -> String {
    let desk = &rules.institution.desk;
    let portal = &rules.portal;
    let expiry = lang.date(r.expiry);
    let who = r.person.map(str::trim).filter(|p| !p.is_empty());
    let with_name = |text: String| match who {
        Some(p) => format!("{text}: {p}"),
        None => text,
    };
    let (apply_summary, apply_text, alarm_text, expiry_summary, expiry_text) = match lang {
        Lang::En => (
            with_name("Apply for e-signature renewal".to_owned()),
            format!(
                "The renewal window opens today; the certificate expires on {expiry}. \
                 Apply at {desk} (R1). Track the application on {} ({}).",
                portal.name, portal.url
            ),
            format!("Apply for e-signature renewal at {desk}"),
            with_name("E-signature certificate expires".to_owned()),
            format!(
                "The certificate expires today; the exact time is on the certificate itself \
                 (esign check --cert FILE or --card). Once it has expired, applying needs a \
                 printed, hand-signed form handed in at {desk} (R2)."
            ),
        ),
        Lang::Tr => (
            with_name("E-imza yenileme başvurusu".to_owned()),
            format!(
                "Başvuru dönemi bugün başlıyor; sertifikanın bitiş tarihi {expiry}. \
                 {} başvurun (R1). Başvuruyu {} üzerinden izleyebilirsiniz ({}).",
                crate::text::dative_tr(desk),
                portal.name,
                portal.url
            ),
            format!(
                "E-imza yenileme başvurusu: {} başvurun",
                crate::text::dative_tr(desk)
            ),
            with_name("E-imza sertifikasının süresi doluyor".to_owned()),
            format!(
                "Sertifikanın süresi bugün doluyor; tam saati sertifikanın üzerinde yazar \
                 (esign check --cert DOSYA ya da --card). Süresi dolduktan sonra başvuru \
                 formunun çıktısı alınıp ıslak imzayla imzalanarak {} teslim edilmelidir (R2).",
                crate::text::dative_tr(desk)
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
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = apply.fmt_write(&mut out);
    let _ = expires.fmt_write(&mut out);
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
    }
}
