//! `esign check --expiry`: states, boundaries, languages, JSON, exit statuses, bad input.

use crate::common::*;

/// Runs `esign check --expiry EXPIRY --today TODAY` plus `extra`; returns (exit, stdout, stderr).
fn check(expiry: &str, today: &str, extra: &[&str]) -> (i32, String, String) {
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["check", "--expiry", expiry, "--today", today])
        .args(extra)
        .output()
        .unwrap();
    (out.status.code().unwrap(), stdout(&out), stderr(&out))
}

fn json(expiry: &str, today: &str, extra: &[&str]) -> serde_json::Value {
    let (code, out, err) = check(expiry, today, &[&["--json"], extra].concat());
    assert!(err.is_empty(), "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["state"].as_str().map(|s| match s {
            "valid" => 0,
            "renewal-due" => 1,
            _ => 2,
        }),
        Some(code),
        "exit status follows the state"
    );
    value
}

#[test]
fn every_state_boundary() {
    // 1 month before 2025-06-01 is 2025-05-01.
    let cases = [
        ("2025-04-30", "valid", 0, 32),
        ("2025-05-01", "renewal-due", 1, 31),
        ("2025-06-01", "renewal-due", 1, 0),
        ("2025-06-02", "expired", 2, -1),
    ];
    for (today, state, code, left) in cases {
        let v = json("2025-06-01", today, &[]);
        assert_eq!(v["state"], state, "{today}");
        assert_eq!(v["days_left"], left, "{today}");
        assert_eq!(v["window_opens"], "2025-05-01");
        let (exit, _, _) = check("2025-06-01", today, &[]);
        assert_eq!(exit, code, "{today}");
    }
}

#[test]
fn month_end_clamping_and_leap_years() {
    assert_eq!(
        json("2025-03-31", "2025-01-01", &[])["window_opens"],
        "2025-02-28"
    );
    assert_eq!(
        json("2024-03-31", "2024-01-01", &[])["window_opens"],
        "2024-02-29"
    );
    assert_eq!(json("2025-03-31", "2025-02-27", &[])["state"], "valid");
    assert_eq!(
        json("2025-03-31", "2025-02-28", &[])["state"],
        "renewal-due"
    );
    assert_eq!(
        json("2024-02-29", "2024-02-29", &[])["state"],
        "renewal-due"
    );
    assert_eq!(json("2024-02-29", "2024-03-01", &[])["state"], "expired");
}

#[test]
fn both_date_forms_for_expiry_and_today() {
    let iso = json("2025-06-01", "2025-05-20", &[]);
    let tr = json("01.06.2025", "20.05.2025", &[]);
    let short = json("1.6.2025", "20.5.2025", &[]);
    assert_eq!(iso, tr);
    assert_eq!(iso, short);
}

#[test]
fn json_keys_and_types() {
    let v = json("2025-06-01", "2025-05-20", &[]);
    assert_eq!(v["expiry"], "2025-06-01");
    assert_eq!(v["today"], "2025-05-20");
    assert_eq!(v["days_left"], 12);
    assert_eq!(v["lead"], "1 month");
    assert!(v["actions"].as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(v["reminders"].as_array().map(Vec::len), Some(3));
    let valid = json("2025-06-01", "2025-01-01", &[]);
    assert_eq!(valid["reminders"].as_array().map(Vec::len), Some(0));
    // --format json is the same as --json, and global options go before the subcommand too.
    let (mut cmd, _home) = esign();
    let out = cmd
        .args([
            "--format",
            "json",
            "--today",
            "2025-05-20",
            "check",
            "--expiry",
            "2025-06-01",
        ])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        v
    );
}

#[test]
fn turkish_text() {
    let (code, out, _) = check("2025-06-01", "2025-05-02", &["--lang", "tr"]);
    assert_eq!(code, 1);
    for needle in [
        "01.06.2025",
        "30 gün kaldı",
        "Başvuru başlangıcı: 01.05.2025 (bitişten 1 ay önce)",
        "Bugün:",
        "02.05.2025",
        "PIN 3 kez yanlış",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    assert!(
        !out.contains("günler") && !out.contains("2025-06-01"),
        "{out}"
    );
    let (code, out, _) = check("2025-06-01", "2025-06-04", &["--lang", "tr"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("tarihinde doldu (3 gün önce).") && out.contains("ıslak imza"),
        "{out}"
    );
}

#[test]
fn valid_text_says_when_the_window_opens() {
    let (code, out, _) = check("2025-06-01", "2025-04-17", &[]);
    assert_eq!(code, 0);
    assert!(
        out.contains("The renewal window opens on 2025-05-01 (in 14 days)"),
        "{out}"
    );
    assert!(
        !out.contains("(R5)"),
        "no PIN reminders while nothing is due:\n{out}"
    );
}

#[test]
fn expired_asks_for_a_wet_signature() {
    let (_, out, _) = check("2025-06-01", "2025-07-01", &[]);
    assert!(
        out.contains("expired on 2025-06-01 (30 days ago).")
            && out.contains("sign it by hand (wet signature"),
        "{out}"
    );
}

#[test]
fn language_from_environment() {
    let run = |vars: &[(&str, &str)]| {
        let (mut cmd, _home) = esign();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        stdout(
            &cmd.args(["check", "--expiry", "2025-06-01", "--today", "2025-05-20"])
                .output()
                .unwrap(),
        )
    };
    assert!(run(&[("ESIGN_LANG", "tr")]).contains("Durum:"));
    assert!(run(&[("LANG", "tr_TR.UTF-8")]).contains("Durum:"));
    assert!(run(&[("LC_ALL", "tr_TR.UTF-8"), ("LANG", "en_US.UTF-8")]).contains("Durum:"));
    assert!(run(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "tr_TR.UTF-8")]).contains("State:"));
    assert!(run(&[("ESIGN_LANG", "en"), ("LANG", "tr_TR.UTF-8")]).contains("State:"));
    assert!(run(&[]).contains("State:"), "English by default");
}

#[test]
fn today_from_environment_and_now_in_the_rules_time_zone() {
    let (mut cmd, _home) = esign();
    let out = cmd
        .env("ESIGN_TODAY", "2025-06-02")
        .args(["check", "--expiry", "2025-06-01", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // 22:30 UTC on 31 May is already 1 June in Istanbul (UTC+3).
    let (mut cmd, _home) = esign();
    let out = cmd
        .args([
            "check",
            "--expiry",
            "2025-05-31",
            "--now",
            "2025-05-31T22:30:00Z",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["today"].as_str(), v["state"].as_str()),
        (Some("2025-06-01"), Some("expired"))
    );
    // --today wins over $ESIGN_TODAY.
    let (mut cmd, _home) = esign();
    let out = cmd
        .env("ESIGN_TODAY", "2025-06-02")
        .args(["check", "--expiry", "2025-06-01", "--today", "2025-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn quiet_prints_nothing_but_sets_the_status() {
    for (today, code) in [("2025-01-01", 0), ("2025-05-20", 1), ("2025-07-01", 2)] {
        let (exit, out, err) = check("2025-06-01", today, &["--quiet"]);
        assert_eq!((exit, out.as_str(), err.as_str()), (code, "", ""));
    }
}

#[test]
fn bad_dates_exit_3_with_one_line_quoting_the_input() {
    for bad in ["2025/06/01", "2025-02-30", "tomorrow", ""] {
        let (code, out, err) = check(bad, "2025-01-01", &[]);
        assert_eq!(code, 3, "{bad}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("esign: error: --expiry: "), "{err}");
        assert!(
            err.contains("YYYY-MM-DD") && err.contains("DD.MM.YYYY"),
            "{err}"
        );
        if !bad.is_empty() {
            assert!(err.contains(&format!("\"{bad}\"")), "{err}");
        }
    }
    let (code, _, err) = check("2025-06-01", "31.02.2025", &[]);
    assert_eq!(code, 3);
    assert!(
        err.contains("--today") && err.contains("\"31.02.2025\""),
        "{err}"
    );
    let (mut cmd, _home) = esign();
    let out = cmd
        .env("ESIGN_TODAY", "soon")
        .args(["check", "--expiry", "2025-06-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("$ESIGN_TODAY") && stderr(&out).contains("\"soon\""));
    let (code, _, err) = check("2025-06-01", "2025-01-01", &["--now", "noon"]);
    assert_eq!(code, 3, "{err}");
}

#[test]
fn usage_errors_exit_3_help_and_version_exit_0() {
    for args in [
        vec!["check"],
        vec!["check", "--expiry"],
        vec!["check", "--expiry", "2025-06-01", "--bogus"],
        vec!["chek"],
        vec!["--lang", "fr", "check", "--expiry", "2025-06-01"],
        vec![],
    ] {
        let (mut cmd, _home) = esign();
        let out = cmd.args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert!(stderr(&out).contains("esign"), "{args:?}");
    }
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["check", "--bogus", "--expiry", "2025-06-01"])
        .output()
        .unwrap();
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    for args in [["--help"], ["--version"]] {
        let (mut cmd, _home) = esign();
        let out = cmd.args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty());
    }
    let (mut cmd, _home) = esign();
    let help = stdout(&cmd.args(["check", "--help"]).output().unwrap());
    assert!(
        help.contains("esign check --expiry 2025-06-01"),
        "examples in help:\n{help}"
    );
}

#[test]
fn custom_leads_from_a_rules_file() {
    let dir = tempfile::tempdir().unwrap();
    for (lead, opens) in [
        ("10 days", "2025-05-22"),
        ("2 weeks", "2025-05-18"),
        ("3 months", "2025-03-01"),
    ] {
        let path = dir.path().join("rules.toml");
        std::fs::write(
            &path,
            rules_with("lead = \"1 month\"", &format!("lead = \"{lead}\"")),
        )
        .unwrap();
        let v = json(
            "2025-06-01",
            "2025-05-20",
            &["--rules", path.to_str().unwrap()],
        );
        assert_eq!(v["window_opens"], opens, "{lead}");
        assert_eq!(v["lead"], lead);
    }
}

#[test]
fn pin_attempts_come_from_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, rules_with("max_attempts = 3", "max_attempts = 5")).unwrap();
    let (_, out, _) = check(
        "2025-06-01",
        "2025-05-20",
        &["--rules", path.to_str().unwrap()],
    );
    assert!(out.contains("5 wrong PIN entries lock the card"), "{out}");
}

#[test]
fn ascii_output_is_pure_ascii() {
    let (_, out, _) = check("2025-06-01", "2025-05-20", &["--lang", "tr", "--ascii"]);
    // The words: the check_renewal_due snapshot (tests/esign/screens.rs).
    assert!(out.is_ascii(), "{out}");
    let v = json("2025-06-01", "2025-05-20", &["--lang", "tr", "--ascii"]);
    assert!(
        v["actions"][0].as_str().unwrap().contains("Bilgi İşlem"),
        "JSON strings keep their letters"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_, out, _) = check("2025-06-01", "2025-05-20", &["--color", "always"]);
    assert!(out.contains("\u{1b}["), "{out}");
    let (_, out, _) = check("2025-06-01", "2025-05-20", &["--color", "never"]);
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("esign"))
        .env_clear()
        .env("HOME", home.path())
        .args(["rules", "show"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(err, "");
    assert_eq!(status.code(), Some(0));
}

/// Issue 10 §4: slash dates are day first, as typed in Turkey; one that cannot be day
/// first (an English Excel's 6/13/2025) is an error naming the option, never moved.
#[test]
fn slash_dates_are_day_first_and_month_first_is_refused() {
    let (code, out, _) = check("1/6/2025", "2025-05-20", &["--json"]);
    assert_eq!(code, 1);
    assert!(out.contains("\"expiry\": \"2025-06-01\""), "{out}");
    let (code, _, err) = check("6/13/2025", "2025-05-20", &[]);
    assert_eq!(code, 3);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("esign: error: --expiry: \"6/13/2025\""),
        "{err}"
    );
    let (code, _, err) = check("6/13/2025", "2025-05-20", &["--lang", "tr"]);
    assert_eq!(code, 3);
    assert!(
        err.starts_with("esign: hata: --expiry: \"6/13/2025\""),
        "{err}"
    );
}

/// Issue 10 §3: the desk's optional contact details are shown wherever the screen says
/// "apply at the desk" (R1, R2); the embedded rules leave them empty, and empty fields
/// are not shown.
#[test]
fn desk_contact_details_where_the_desk_is_named() {
    let (_, out, _) = check("2025-06-01", "2025-05-20", &["--lang", "tr"]);
    assert!(!out.contains("telefon"), "{out}");
    let home = tempfile::tempdir().unwrap();
    let rules = home.path().join("rules.toml");
    std::fs::write(
        &rules,
        rules_with(
            "desk_phone = \"\"\ndesk_email = \"\"\ndesk_room = \"\"",
            "desk_phone = \"0312 000 00 00\"\ndesk_email = \"bidb@example.edu.tr\"\ndesk_room = \"\"",
        ),
    )
    .unwrap();
    let rules = rules.to_str().unwrap();
    for (expiry, lang, want) in [
        (
            "2025-06-01",
            "tr",
            "Bilgi İşlem Daire Başkanlığı: telefon 0312 000 00 00, e-posta bidb@example.edu.tr",
        ),
        (
            "2025-05-01",
            "en",
            "Bilgi İşlem Daire Başkanlığı: phone 0312 000 00 00, e-mail bidb@example.edu.tr",
        ),
    ] {
        let (_, out, err) = check(expiry, "2025-05-20", &["--lang", lang, "--rules", rules]);
        assert!(out.contains(want), "{out}{err}");
        assert!(!out.contains(", oda") && !out.contains(", room"), "{out}");
    }
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["fee", "--duty", "none", "--cause", "lost", "--rules", rules])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("phone 0312 000 00 00"),
        "{}",
        stdout(&out)
    );
}
