//! Calendars (`esign remind`, `esign roster --ics`) read back by an independent parser:
//! Python's `icalendar` package, which `scripts/test` installs.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::*;

/// Reads each calendar with Python's icalendar and returns its events as JSON.
const READ_BACK: &str = r#"
import json, sys
import icalendar
calendars = []
for path in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    events = []
    for ev in cal.walk("VEVENT"):
        alarms = ev.walk("VALARM")
        events.append({
            "uid": str(ev["UID"]),
            "summary": str(ev["SUMMARY"]),
            "description": str(ev.get("DESCRIPTION", "")),
            "location": str(ev.get("LOCATION", "")),
            "start": ev.decoded("DTSTART").isoformat(),
            "end": ev.decoded("DTEND").isoformat(),
            "stamp": ev.decoded("DTSTAMP").isoformat(),
            "alarms": len(alarms),
            "trigger": str(alarms[0].decoded("TRIGGER")) if alarms else None,
            "action": str(alarms[0]["ACTION"]) if alarms else None,
        })
    calendars.append({"version": str(cal["VERSION"]), "events": events})
print(json.dumps(calendars))
"#;

fn read_back(paths: &[&Path]) -> Vec<Value> {
    crate::common::tools();
    let out = Command::new("python3")
        .arg("-c")
        .arg(READ_BACK)
        .args(paths)
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 is needed to read calendars back ({e}): run the tests with scripts/test, which installs it")
        });
    assert!(
        out.status.success(),
        "Python's icalendar could not read the calendar (if it is not installed, run the tests with scripts/test, which installs it):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

/// CRLF after every line, no line longer than 75 octets; returns how many lines were folded.
fn assert_rfc5545_lines(bytes: &[u8]) -> usize {
    assert!(bytes.ends_with(b"\r\n"));
    let mut folded = 0;
    for line in bytes[..bytes.len() - 1].split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").expect("every line ends with CRLF");
        assert!(
            line.len() <= 75,
            "{} octets: {}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "folded inside a UTF-8 character"
        );
        if line.starts_with(b" ") {
            folded += 1;
        }
    }
    folded
}

const LONG_NAME: &str =
    "Prof. Dr. Gülşen Çağlayan-Öztürkoğlu İşbilir Şahinkaya Ilıcaoğlu Ümmühan Özdemir";

#[test]
fn remind_writes_a_calendar_read_back_by_python() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e-imza.ics");
    let (mut cmd, _home) = esign();
    let out = cmd
        .args([
            "remind",
            "--expiry",
            "31.03.2026",
            "--lang",
            "tr",
            "--name",
            LONG_NAME,
        ])
        .args(["--now", "2026-01-15T10:00:00+03:00", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("28.02.2026"), "{}", stdout(&out));
    let bytes = std::fs::read(&file).unwrap();
    assert!(assert_rfc5545_lines(&bytes) > 0, "the long name is folded");

    let cal = &read_back(&[&file])[0];
    assert_eq!(cal["version"], "2.0");
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    let (apply, expiry) = (&events[0], &events[1]);
    // Unfolded back to the exact name, Turkish letters intact.
    assert_eq!(
        apply["summary"],
        format!("E-imza yenileme başvurusu: {LONG_NAME}")
    );
    assert_eq!(apply["start"], "2026-02-28"); // 31 March − 1 month, clamped
    assert_eq!(apply["end"], "2026-03-01");
    assert_eq!(apply["location"], "Bilgi İşlem Daire Başkanlığı");
    assert!(apply["description"]
        .as_str()
        .unwrap()
        .contains("https://onlineislemler.kamusm.gov.tr/landing"));
    assert_eq!(apply["alarms"], 1);
    assert_eq!(apply["action"], "DISPLAY");
    assert_eq!(apply["trigger"], "9:00:00");
    assert_eq!(apply["stamp"], "2026-01-15T07:00:00+00:00");
    assert_eq!(expiry["start"], "2026-03-31");
    assert_eq!(expiry["alarms"], 0);
    assert_ne!(apply["uid"], expiry["uid"]);
    // Issue 10 §3: from a date alone the time of expiry is not known: no "until the end
    // of the day"; the certificate itself gives the exact time.
    let said = expiry["description"].as_str().unwrap();
    assert!(!said.contains("gün sonuna"), "{said}");
    assert!(said.contains("esign check --cert"), "{said}");
    // R1: apply at the desk, the suffix following its name.
    assert!(
        apply["description"]
            .as_str()
            .unwrap()
            .contains("Bilgi İşlem Daire Başkanlığı'na başvurun (R1)"),
        "{apply}"
    );
}

#[test]
fn remind_without_output_writes_to_stdout() {
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["remind", "--expiry", "2026-06-01", "--today", "2026-01-15"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(stdout(&out).contains("SUMMARY:Apply for e-signature renewal\r\n"));
    let (mut cmd, _home) = esign();
    let out = cmd.args(["remind", "--expiry", "June"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("--expiry"));
}

/// Importing a newer calendar must update events, not duplicate them: the UIDs depend
/// on person and expiry only, not on when or in what order the file was written.
#[test]
fn roster_calendar_uids_are_stable_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("staff.csv");
    std::fs::write(
        &roster,
        format!("ad soyad;bitiş\n{LONG_NAME};31.03.2026\nAli Veli;2026-06-30\nBozuk;yarın\n"),
    )
    .unwrap();
    let run = |ics: &Path, now: &str| {
        let (mut cmd, _home) = esign();
        let out = cmd
            .args(["roster", "--now", now, "--ics"])
            .arg(ics)
            .arg(&roster)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "the bad row: {}", stderr(&out));
        assert!(
            stdout(&out).contains("Ali Veli"),
            "the report still goes to stdout"
        );
        std::fs::read(ics).unwrap()
    };
    let (first, second) = (dir.path().join("a.ics"), dir.path().join("b.ics"));
    let a = run(&first, "2026-01-15T10:00:00+03:00");
    let b = run(&second, "2026-02-20T08:30:00Z");
    assert_ne!(a, b, "DTSTAMP follows --now");
    assert!(assert_rfc5545_lines(&a) > 0);

    let cals = read_back(&[&first, &second]);
    let uids = |cal: &Value| -> Vec<String> {
        cal["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        uids(&cals[0]).len(),
        4,
        "two events per good row; none for the bad row"
    );
    assert_eq!(uids(&cals[0]), uids(&cals[1]));
    let mut unique = uids(&cals[0]);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 4);
    assert_eq!(cals[1]["events"][0]["stamp"], "2026-02-20T08:30:00+00:00");
    assert_eq!(
        cals[0]["events"][0]["summary"],
        format!("Apply for e-signature renewal: {LONG_NAME}")
    );
}

#[test]
fn roster_calendar_follows_the_filters() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("soon.ics");
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster/comma.csv");
    let (mut cmd, _home) = esign();
    let out = cmd
        .args([
            "roster",
            "--today",
            "2026-01-15",
            "--state",
            "valid",
            "--ics",
        ])
        .arg(&ics)
        .arg(&roster)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let cal = &read_back(&[&ics])[0];
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0]["summary"],
        "Apply for e-signature renewal: Zeynep Kaya"
    );
}

/// A run that fails half-way leaves the old calendar as it was and no temporary file.
#[test]
fn calendar_files_are_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("team.ics");
    std::fs::write(&ics, "OLD CALENDAR\n").unwrap();
    let roster = dir.path().join("staff.csv");
    // Line 3 is not UTF-8: the run stops there, after line 2's events were written.
    std::fs::write(
        &roster,
        b"name,expiry\nAli,2026-06-30\nVel\xee,2026-06-30\n",
    )
    .unwrap();
    let run = |roster: &Path| {
        let (mut cmd, _home) = esign();
        cmd.args(["roster", "--today", "2026-01-15", "--ics"])
            .arg(&ics)
            .arg(roster)
            .output()
            .unwrap()
    };
    let out = run(&roster);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("line 3 is not valid UTF-8"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&ics).unwrap(), "OLD CALENDAR\n");
    let names = || -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    assert_eq!(names(), ["staff.csv", "team.ics"]);

    // A good run replaces it whole.
    std::fs::write(&roster, "name,expiry\nAli,2026-06-30\n").unwrap();
    let out = run(&roster);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&ics)
        .unwrap()
        .starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(names(), ["staff.csv", "team.ics"]);

    // A folder that does not exist: an error, nothing written.
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["remind", "--expiry", "2026-06-01", "-o"])
        .arg(dir.path().join("no/such/folder/x.ics"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
}

/// `--ics -`: the calendar goes to standard output in place of the report.
#[test]
fn roster_calendar_on_standard_output() {
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster/comma.csv");
    let (mut cmd, _home) = esign();
    let out = cmd
        .args([
            "roster",
            "--today",
            "2026-01-15",
            "--ics",
            "-",
            "--lang",
            "tr",
        ])
        .arg(&roster)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"),
        "{text}"
    );
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 8);
    assert!(
        text.contains("SUMMARY:E-imza yenileme başvurusu: Zeynep Kaya\r\n"),
        "{text}"
    );
    assert!(!text.contains("Satır"), "no report mixed in");
}
