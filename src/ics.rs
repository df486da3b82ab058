//! Renewal reminders as iCalendar (RFC 5545) text, for `esign remind` and `esign roster --ics`.
//!
//! Per person two all-day events: the day the renewal window opens ("apply now", with
//! where to apply from the rules, and a `VALARM`), and the expiry day. Each event's
//! `UID` is derived from the person and the expiry date only, so importing a newer
//! file updates the events instead of duplicating them. `DTSTAMP` is the instant the
//! caller passes: nothing here reads the clock.
//!
//! The calendar is written here, not by the `icalendar` crate: a roster of a million
//! people makes two million events, and building each as a map of owned properties
//! cost about 4 µs an event; here it is a few hundred nanoseconds. Everything that
//! does not depend on the person (the texts, the dates, `DTSTAMP`) is escaped and
//! folded once per run or per expiry date and copied; per person only the summary and
//! the UIDs are written. The RFC's rules are kept and tested: CRLF line ends, lines of
//! at most 75 octets folded on UTF-8 character boundaries, TEXT escaping of `\`, `;`,
//! `,` and line breaks, no other control characters. The output is the crate's,
//! property for property and UID for UID (tested against it).
//!
//! The calendar is written in three parts ([`begin`], [`EventWriter`] per person, [`END`])
//! so a roster of any length streams.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

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

/// The texts of one language, with the rules' facts in them.
struct Texts {
    apply: &'static str,
    expires: &'static str,
    /// The window event's description, before and after the expiry date.
    apply_text: (String, String),
    alarm_text: String,
    expiry_text: String,
}

fn texts(rules: &Rules, lang: Lang) -> Texts {
    let desk = &rules.institution.desk;
    let portal = &rules.portal;
    match lang {
        Lang::En => Texts {
            apply: "Apply for e-signature renewal",
            expires: "E-signature certificate expires",
            apply_text: (
                "The renewal window opens today; the certificate expires on ".to_owned(),
                format!(
                    ". Apply at {desk} (R1). Track the application on {} ({}).",
                    portal.name, portal.url
                ),
            ),
            alarm_text: format!("Apply for e-signature renewal at {desk}"),
            expiry_text: format!(
                "The certificate expires today; the exact time is on the certificate itself \
                 (esign check --cert FILE or --card). Once it has expired, applying needs a \
                 printed, hand-signed form handed in at {desk} (R2)."
            ),
        },
        Lang::Tr => Texts {
            apply: "E-imza yenileme başvurusu",
            expires: "E-imza sertifikasının süresi doluyor",
            apply_text: (
                "Başvuru dönemi bugün başlıyor; sertifikanın bitiş tarihi ".to_owned(),
                format!(
                    ". {} başvurun (R1). Başvuruyu {} üzerinden izleyebilirsiniz ({}).",
                    crate::text::dative_tr(desk),
                    portal.name,
                    portal.url
                ),
            ),
            alarm_text: format!(
                "E-imza yenileme başvurusu: {} başvurun",
                crate::text::dative_tr(desk)
            ),
            expiry_text: format!(
                "Sertifikanın süresi bugün doluyor; tam saati sertifikanın üzerinde yazar \
                 (esign check --cert DOSYA ya da --card). Süresi dolduktan sonra başvuru \
                 formunun çıktısı alınıp ıslak imzayla imzalanarak {} teslim edilmelidir (R2).",
                crate::text::dative_tr(desk)
            ),
        },
    }
}

/// Slots of the cache of per-date lines (direct-mapped by day number, fixed size):
/// 22 years of distinct expiry dates without two sharing a slot. With 1024 slots a
/// roster spread over five years evicted about every other row's dates, and
/// re-writing them was three quarters of the calendar's instructions.
const DATE_SLOTS: usize = 8192;

/// What depends on the expiry date alone, written once per date.
struct DateLines {
    expiry: NaiveDate,
    window_opens: NaiveDate,
    /// `YYYYMMDD` of the expiry, for the UIDs.
    stamp: [u8; 8],
    /// The window event's lines from `DESCRIPTION` to `DTSTART`.
    apply: Vec<u8>,
    /// The expiry event's lines from `DTEND` to `DTSTART`.
    expires: Vec<u8>,
}

/// Writes people's events, reusing what does not change from person to person.
pub struct EventWriter {
    lang: Lang,
    texts: Texts,
    /// `DTSTAMP:…` with its line end.
    dtstamp: Vec<u8>,
    /// `LOCATION:…`, folded.
    location: Vec<u8>,
    /// The alarm's lines from `BEGIN:VALARM` to `TRIGGER`.
    alarm: Vec<u8>,
    /// The expiry event's `DESCRIPTION`, folded.
    expiry_description: Vec<u8>,
    /// `SUMMARY:` and each event's escaped text, the start of its summary line.
    summaries: (Vec<u8>, Vec<u8>),
    dates: Vec<Option<DateLines>>,
}

impl EventWriter {
    /// A writer for a calendar of any length (a roster's).
    #[must_use]
    pub fn new(rules: &Rules, lang: Lang, now: DateTime<Utc>) -> EventWriter {
        EventWriter::with_slots(rules, lang, now, DATE_SLOTS)
    }

    /// A writer whose date cache has `slots` slots (at least one, rounded up to a power
    /// of two): a calendar of a few people needs no more, and `esign remind` does not
    /// fill half a megabyte for one event.
    fn with_slots(rules: &Rules, lang: Lang, now: DateTime<Utc>, slots: usize) -> EventWriter {
        let texts = texts(rules, lang);
        let mut dtstamp = Vec::new();
        content_line(
            &mut dtstamp,
            "DTSTAMP:",
            &now.format("%Y%m%dT%H%M%SZ").to_string(),
            false,
        );
        let mut location = Vec::new();
        content_line(&mut location, "LOCATION:", &rules.institution.desk, true);
        let mut alarm = b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n".to_vec();
        content_line(&mut alarm, "DESCRIPTION:", &texts.alarm_text, true);
        alarm.extend_from_slice(&dtstamp);
        // 09:00 on the window's first day (the trigger counts from the all-day start).
        alarm.extend_from_slice(b"TRIGGER:PT32400S\r\n");
        let mut expiry_description = Vec::new();
        content_line(
            &mut expiry_description,
            "DESCRIPTION:",
            &texts.expiry_text,
            true,
        );
        let summary = |text: &str| {
            let mut line = b"SUMMARY:".to_vec();
            escape_text(&mut line, text);
            line
        };
        EventWriter {
            lang,
            summaries: (summary(texts.apply), summary(texts.expires)),
            texts,
            dtstamp,
            location,
            alarm,
            expiry_description,
            dates: (0..slots.max(1).next_power_of_two())
                .map(|_| None)
                .collect(),
        }
    }

    /// The two events of one person, appended to `out`.
    pub fn write(&mut self, out: &mut Vec<u8>, r: &Reminder<'_>) {
        let who = r.person.map(str::trim).filter(|p| !p.is_empty());
        let hash = hex16(fnv1a(who.unwrap_or("").as_bytes()));
        // The table's length is a power of two: the slot is a mask, not a division.
        let slot =
            usize::try_from(r.expiry.num_days_from_ce()).unwrap_or(0) & (self.dates.len() - 1);
        let cached = |d: &DateLines| d.expiry == r.expiry && d.window_opens == r.window_opens;
        if !self.dates[slot].as_ref().is_some_and(cached) {
            self.dates[slot] = Some(self.date_lines(r));
        }
        let Some(dates) = &self.dates[slot] else {
            return;
        };
        let uid = |out: &mut Vec<u8>, kind: &[u8]| {
            out.extend_from_slice(b"UID:esign-");
            out.extend_from_slice(kind);
            out.push(b'-');
            out.extend_from_slice(&dates.stamp);
            out.push(b'-');
            out.extend_from_slice(&hash);
            out.extend_from_slice(b"@esign\r\n");
        };
        out.extend_from_slice(b"BEGIN:VEVENT\r\n");
        out.extend_from_slice(&dates.apply);
        out.extend_from_slice(&self.location);
        summary(out, &self.summaries.0, who);
        uid(out, b"window");
        out.extend_from_slice(&self.alarm);
        uid(out, b"alarm");
        out.extend_from_slice(b"END:VALARM\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n");
        out.extend_from_slice(&self.expiry_description);
        out.extend_from_slice(&dates.expires);
        summary(out, &self.summaries.1, who);
        uid(out, b"expiry");
        out.extend_from_slice(b"END:VEVENT\r\n");
    }

    fn date_lines(&self, r: &Reminder<'_>) -> DateLines {
        let day_after = |d: NaiveDate| d.checked_add_days(Days::new(1)).unwrap_or(d);
        let date = |d: NaiveDate| d.format("%Y%m%d").to_string();
        let mut apply = Vec::new();
        let (before, after) = &self.texts.apply_text;
        let text = format!("{before}{}{after}", self.lang.date(r.expiry));
        content_line(&mut apply, "DESCRIPTION:", &text, true);
        content_line(
            &mut apply,
            "DTEND;VALUE=DATE:",
            &date(day_after(r.window_opens)),
            false,
        );
        apply.extend_from_slice(&self.dtstamp);
        content_line(
            &mut apply,
            "DTSTART;VALUE=DATE:",
            &date(r.window_opens),
            false,
        );
        let mut expires = Vec::new();
        content_line(
            &mut expires,
            "DTEND;VALUE=DATE:",
            &date(day_after(r.expiry)),
            false,
        );
        expires.extend_from_slice(&self.dtstamp);
        content_line(&mut expires, "DTSTART;VALUE=DATE:", &date(r.expiry), false);
        let mut stamp = [b'0'; 8];
        let text = date(r.expiry);
        if text.len() == 8 {
            stamp.copy_from_slice(text.as_bytes());
        }
        DateLines {
            expiry: r.expiry,
            window_opens: r.window_opens,
            stamp,
            apply,
            expires,
        }
    }
}

/// The summary line: `start` (`SUMMARY:` and the escaped text), then the person's name
/// after a colon, escaped; folded. Escaping the parts one by one is escaping the whole:
/// the text ends in a letter and `: ` starts with a colon, so no line break is split.
fn summary(out: &mut Vec<u8>, start: &[u8], who: Option<&str>) {
    let from = out.len();
    out.extend_from_slice(start);
    if let Some(p) = who {
        out.extend_from_slice(b": ");
        escape_text(out, p);
    }
    end_line(out, from);
}

/// One content line, `name` (with its parameters and colon) then `value`, TEXT-escaped
/// when `text`, folded at 75 octets, ended by CRLF.
fn content_line(out: &mut Vec<u8>, name: &str, value: &str, text: bool) {
    let start = out.len();
    out.extend_from_slice(name.as_bytes());
    if text {
        escape_text(out, value);
    } else {
        out.extend_from_slice(value.as_bytes());
    }
    end_line(out, start);
}

/// Ends the content line that starts at `start` in `out`: folded, then CRLF.
fn end_line(out: &mut Vec<u8>, start: usize) {
    fold(out, start);
    out.extend_from_slice(b"\r\n");
}

/// The bytes [`escape_text`] copies as they are (a table: one load a byte, where a
/// name is checked per person). 0xC2 starts the C1 controls (U+0080 to U+009F) as well
/// as harmless letters: it sends the value down the careful path, which looks at the
/// byte after it.
static PLAIN: [bool; 256] = {
    let mut table = [true; 256];
    let mut b = 0;
    while b < 256 {
        // `\` 0x5C, `;` 0x3B, `,` 0x2C, controls but tab, DEL, and 0xC2.
        table[b] = !matches!(b, 0x5C | 0x3B | 0x2C | 0..=0x08 | 0x0A..=0x1F | 0x7F | 0xC2);
        b += 1;
    }
    table
};

/// RFC 5545 TEXT: `\`, `;`, `,` and line breaks escaped; other control characters
/// (which the RFC does not allow in TEXT, except tab) dropped.
fn escape_text(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    let plain = |b: u8| PLAIN[usize::from(b)];
    if bytes.iter().all(|&b| plain(b)) {
        out.extend_from_slice(bytes);
        return;
    }
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b @ (b'\\' | b';' | b',') => out.extend_from_slice(&[b'\\', b]),
            // CRLF, CR or LF: one line break.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            b'\r' | b'\n' => out.extend_from_slice(b"\\n"),
            // A C1 control character (two bytes): dropped like the C0 ones.
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => i += 1,
            0xC2 => out.push(0xC2),
            b if !plain(b) => {}
            b => out.push(b),
        }
        i += 1;
    }
}

/// Folds the line that starts at `start` in `out` (no line end yet): at most 75 octets
/// per line, each continuation starting with a space, cut on character boundaries.
fn fold(out: &mut Vec<u8>, start: usize) {
    const LIMIT: usize = 75;
    if out.len() - start <= LIMIT {
        return;
    }
    let line = out.split_off(start);
    let mut rest = &line[..];
    let mut room = LIMIT;
    loop {
        if rest.len() <= room {
            out.extend_from_slice(rest);
            return;
        }
        let mut cut = room;
        // Back off continuation bytes (10xxxxxx): never split a character.
        while cut > 0 && rest[cut] & 0xC0 == 0x80 {
            cut -= 1;
        }
        out.extend_from_slice(&rest[..cut]);
        out.extend_from_slice(b"\r\n ");
        rest = &rest[cut..];
        room = LIMIT - 1;
    }
}

/// `n` as 16 lower-case hex digits.
fn hex16(n: u64) -> [u8; 16] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0; 16];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = DIGITS[usize::try_from((n >> (60 - 4 * i)) & 0xF).unwrap_or(0)];
    }
    out
}

/// The two events of one person, serialised (for a few; a roster uses [`EventWriter`]).
#[must_use]
pub fn events(r: &Reminder<'_>, rules: &Rules, lang: Lang, now: DateTime<Utc>) -> String {
    let mut out = Vec::new();
    EventWriter::with_slots(rules, lang, now, 1).write(&mut out, r);
    String::from_utf8(out).unwrap_or_default()
}

/// A whole calendar for a few reminders (the streaming parts are [`begin`],
/// [`EventWriter`], [`END`]).
#[must_use]
pub fn calendar(
    reminders: &[Reminder<'_>],
    rules: &Rules,
    lang: Lang,
    now: DateTime<Utc>,
) -> String {
    let mut out = begin(lang).into_bytes();
    let mut writer = EventWriter::with_slots(rules, lang, now, reminders.len().min(DATE_SLOTS));
    for r in reminders {
        writer.write(&mut out, r);
    }
    out.extend_from_slice(END.as_bytes());
    String::from_utf8(out).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;
    use icalendar::{Alarm, Component, Event, EventLike};

    /// The events as the `icalendar` crate writes them: the reference for [`EventWriter`].
    fn crate_events(r: &Reminder<'_>, rules: &Rules, lang: Lang, now: DateTime<Utc>) -> String {
        let t = texts(rules, lang);
        let who = r.person.map(str::trim).filter(|p| !p.is_empty());
        let with_name = |text: &str| match who {
            Some(p) => format!("{text}: {p}"),
            None => text.to_owned(),
        };
        let day_after = |d: NaiveDate| d.checked_add_days(Days::new(1)).unwrap_or(d);
        let apply_text = format!(
            "{}{}{}",
            t.apply_text.0,
            lang.date(r.expiry),
            t.apply_text.1
        );
        let apply = Event::new()
            .uid(&uid("window", who, r.expiry))
            .timestamp(now)
            .summary(&with_name(t.apply))
            .description(&apply_text)
            .location(&rules.institution.desk)
            .starts(r.window_opens)
            .ends(day_after(r.window_opens))
            .alarm(
                Alarm::display(&t.alarm_text, chrono::Duration::hours(9))
                    .uid(&uid("alarm", who, r.expiry))
                    .timestamp(now)
                    .done(),
            )
            .done();
        let expires = Event::new()
            .uid(&uid("expiry", who, r.expiry))
            .timestamp(now)
            .summary(&with_name(t.expires))
            .description(&t.expiry_text)
            .starts(r.expiry)
            .ends(day_after(r.expiry))
            .done();
        let mut out = String::new();
        let _ = apply.fmt_write(&mut out);
        let _ = expires.fmt_write(&mut out);
        out
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    proptest::proptest! {
        /// The writer writes what the `icalendar` crate writes, property for property
        /// (folds aside), UIDs byte for byte; and keeps the RFC's rules for any name.
        #[test]
        fn events_are_the_crates_and_keep_the_rfc(
            name in "[ a-zA-Z0-9çğıöşüÇĞİÖŞÜ;,:\\\\\"\n€😀-]{0,120}",
            noise in "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]{0,3}",
            days in 0u64..20_000,
            tr in proptest::prelude::any::<bool>(),
        ) {
            let rules = Rules::embedded();
            let lang = if tr { Lang::Tr } else { Lang::En };
            let expiry = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(days);
            let now = DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z").unwrap().with_timezone(&Utc);
            let r = Reminder { person: Some(&name), expiry, window_opens: rules.lead.window_opens(expiry) };
            let ours = events(&r, &rules, lang, now);
            proptest::prop_assert_eq!(unfold(&ours), unfold(&crate_events(&r, &rules, lang, now)));
            // With control characters in the name: still the RFC's rules.
            let noisy = format!("{noise}{name}{noise}\r\nx");
            let r = Reminder { person: Some(&noisy), ..r };
            let text = events(&r, &rules, lang, now);
            proptest::prop_assert!(text.ends_with("\r\n"));
            for line in text.split_terminator("\r\n") {
                proptest::prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
                proptest::prop_assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "{:?}", line);
            }
            proptest::prop_assert!(text.contains(&uid("expiry", Some(&noisy), expiry)));
        }
    }

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

    /// However many dates share a slot of the date cache, each event is the one written
    /// alone: a calendar of 40 people has 64 slots, and these dates, 64 days apart, all
    /// take the same one.
    #[test]
    fn a_calendar_is_its_events_whatever_the_cache_keeps() {
        let rules = Rules::embedded();
        let now = DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z")
            .unwrap()
            .with_timezone(&Utc);
        let names: Vec<String> = (0..40).map(|i| format!("Kişi {i}")).collect();
        let reminders: Vec<Reminder<'_>> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                // Days 64 apart share a slot; every third person repeats an earlier date.
                let step = u64::try_from(if i % 3 == 0 { i / 2 } else { i }).unwrap();
                let expiry = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(64 * step);
                Reminder {
                    person: Some(name),
                    expiry,
                    window_opens: rules.lead.window_opens(expiry),
                }
            })
            .collect();
        for lang in [Lang::Tr, Lang::En] {
            let mut expected = begin(lang);
            for r in &reminders {
                expected.push_str(&events(r, &rules, lang, now));
            }
            expected.push_str(END);
            assert_eq!(calendar(&reminders, &rules, lang, now), expected);
        }
    }

    #[test]
    fn the_plain_table_names_the_bytes_escaping_looks_at() {
        for b in 0..=255u8 {
            let special =
                matches!(b, b'\\' | b';' | b',' | 0xC2) || (b.is_ascii_control() && b != b'\t');
            assert_eq!(PLAIN[usize::from(b)], !special, "byte {b:#04x}");
        }
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
