//! `--format nagios` and `--format prometheus` end to end: the plugin line checked
//! against the monitoring-plugins grammar, the exposition read back by Python's
//! `prometheus_client` parser, exit statuses, and no personal data in any label.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::*;
use crate::pki::Pki;

/// The guidelines' grammar: `SERVICE STATUS - text | 'label'=value[UOM];warn;crit;min;max …`,
/// thresholds as ranges (`10`, `10:`, `~:10`, `10:20`, `@10:20`).
fn assert_nagios_grammar(line: &str) {
    let (head, perf) = line.split_once(" | ").unwrap_or((line, ""));
    let (status, text) = head
        .strip_prefix("ESIGN ")
        .and_then(|rest| rest.split_once(" - "))
        .unwrap_or_else(|| panic!("not `ESIGN STATUS - text`: {line}"));
    assert!(!text.is_empty() && !text.contains('|'), "{line}");
    assert!(
        ["OK", "WARNING", "CRITICAL", "UNKNOWN"].contains(&status),
        "{line}"
    );
    let number = |s: &str| s.is_empty() || s.parse::<f64>().is_ok();
    let range = |s: &str| {
        let s = s.strip_prefix('@').unwrap_or(s);
        match s.split_once(':') {
            Some((lo, hi)) => (lo == "~" || number(lo)) && number(hi),
            None => number(s),
        }
    };
    for item in perf.split(' ').filter(|s| !s.is_empty()) {
        let (label, data) = item.split_once('=').expect("label=value");
        assert!(
            !label.is_empty() && !label.contains(['\'', '=', ' ']),
            "{item}"
        );
        let fields: Vec<&str> = data.split(';').collect();
        assert!(fields.len() <= 5, "{item}");
        let value = fields[0].trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
        assert!(value.parse::<f64>().is_ok(), "value of {item}");
        assert!(fields.iter().skip(1).take(2).all(|t| range(t)), "{item}");
        assert!(fields.iter().skip(3).all(|t| number(t)), "{item}");
    }
}

const PARSE: &str = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append({"family": family.name, "type": family.type, "help": family.documentation,
                    "name": s.name, "labels": s.labels, "value": s.value})
print(json.dumps(out))
"#;

/// The samples as Python's `prometheus_client` reads them.
fn parse_prometheus(text: &str) -> Vec<Value> {
    use std::io::Write;
    let mut child = Command::new("python3")
        .args(["-c", PARSE])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs (scripts/test installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "prometheus_client could not parse (run the tests with scripts/test, which installs it):\n{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn value(samples: &[Value], name: &str, labels: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .find(|s| {
            s["name"] == name
                && labels
                    .iter()
                    .all(|(k, v)| s["labels"][k].as_str() == Some(*v))
        })
        .unwrap_or_else(|| panic!("no {name} {labels:?} in {samples:?}"))["value"]
        .as_f64()
        .unwrap()
}

fn run(args: &[&str]) -> Output {
    let (mut cmd, _home) = esign();
    cmd.args(args).output().expect("esign runs")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name)
}

#[test]
fn check_nagios_status_follows_the_exit_status() {
    for (expiry, code, word) in [
        ("2026-12-31", 0, "ESIGN OK - valid, "),
        ("2026-06-10", 1, "ESIGN WARNING - renewal due, 9 days left"),
        ("2026-05-28", 2, "ESIGN CRITICAL - expired, 4 days ago"),
    ] {
        let out = run(&[
            "check",
            "--expiry",
            expiry,
            "--today",
            "2026-06-01",
            "--format",
            "nagios",
        ]);
        assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
        let text = stdout(&out);
        assert_eq!(text.lines().count(), 1, "{text}");
        let line = text.trim_end();
        assert!(line.starts_with(word), "{line}");
        assert_nagios_grammar(line);
        // The lead is 1 month: the window for 2026-06-10 opens on 2026-05-10, 31 days
        // before, so WARNING below 32 days and CRITICAL below 0.
        if expiry == "2026-06-10" {
            assert!(line.ends_with("| days_left=9;32:;0:"), "{line}");
        }
    }
}

#[test]
fn nagios_text_in_turkish_keeps_the_grammar() {
    let out = run(&[
        "check",
        "--expiry",
        "10.06.2026",
        "--today",
        "2026-06-01",
        "--format",
        "nagios",
        "--lang",
        "tr",
    ]);
    let line = stdout(&out);
    assert!(
        line.starts_with("ESIGN WARNING - yenileme zamanı, 9 gün kaldı (bitiş 10.06.2026"),
        "{line}"
    );
    assert_nagios_grammar(line.trim_end());
}

#[test]
fn roster_nagios_counts_and_exit() {
    let out = run(&[
        "roster",
        fixture("by-month.csv").to_str().unwrap(),
        "--today",
        "2026-01-15",
        "--format",
        "nagios",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let line = stdout(&out);
    let line = line.trim_end();
    assert!(line.starts_with("ESIGN CRITICAL - 1 expired, "), "{line}");
    assert!(line.contains(" expired=1;;0;0 "), "{line}");
    assert!(line.contains(" days_left_min=-46;"), "{line}");
    assert_nagios_grammar(line);

    // An unreadable row makes the run UNKNOWN (exit 3), as the roster's exit says.
    let out = run(&[
        "roster",
        fixture("bad-rows.csv").to_str().unwrap(),
        "--today",
        "2026-01-15",
        "--format",
        "nagios",
    ]);
    assert_eq!(out.status.code(), Some(3));
    let line = stdout(&out);
    assert!(line.starts_with("ESIGN UNKNOWN - "), "{line}");
    assert_nagios_grammar(line.trim_end());
}

#[test]
fn nagios_is_refused_where_it_means_nothing() {
    let out = run(&["card", "--format", "nagios"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("esign card does not write nagios"));
}

#[test]
fn check_expiry_prometheus_is_the_start_of_the_expiry_day() {
    let out = run(&[
        "check",
        "--expiry",
        "2025-06-01",
        "--today",
        "2025-05-20",
        "--format",
        "prometheus",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let samples = parse_prometheus(&stdout(&out));
    // 2025-06-01 00:00 in Istanbul (UTC+3) is 2025-05-31 21:00 UTC.
    assert!(
        (value(&samples, "esign_expiry_day_start_timestamp_seconds", &[]) - 1_748_725_200.0).abs()
            < 0.5
    );
    assert!((value(&samples, "esign_certificates", &[("state", "renewal-due")]) - 1.0).abs() < 0.5);
    assert!(value(&samples, "esign_certificates", &[("state", "valid")]).abs() < 0.5);
    assert!(samples.iter().all(|s| s["type"] == "gauge"));
}

#[test]
fn check_cert_prometheus_has_not_after_and_no_personal_data() {
    let pki = Pki::new();
    let pem = pki.ayse("20250601113210Z", "20270601113210Z");
    let out = run(&[
        "check",
        "--cert",
        pem.to_str().unwrap(),
        "--today",
        "2026-01-15",
        "--format",
        "prometheus",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for personal in ["Ayşe", "Yılmaz", "12345678901", pem.to_str().unwrap()] {
        assert!(!text.contains(personal), "{personal} in:\n{text}");
    }
    let samples = parse_prometheus(&text);
    let not_after = samples
        .iter()
        .find(|s| s["name"] == "esign_cert_not_after")
        .expect("esign_cert_not_after");
    // 2027-06-01T11:32:10Z
    assert!((not_after["value"].as_f64().unwrap() - 1_811_849_530.0).abs() < 0.5);
    assert_eq!(not_after["labels"]["signing"], "true");
    assert!(not_after["labels"]["serial"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
    assert!(value(&samples, "esign_cert_expired", &[]).abs() < 0.5);
}

#[test]
fn roster_prometheus_to_a_file_readable_by_the_collector() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("esign.prom");
    let (cmd, _home) = esign();
    let roster = fixture("by-month.csv");
    // A strict umask must not keep node_exporter's user from reading the file.
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 077 && exec \"$0\" \"$@\"")
        .arg(cmd.get_program())
        .args([
            "roster",
            roster.to_str().unwrap(),
            "--today",
            "2026-01-15",
            "--format",
            "prometheus",
            "-o",
            file.to_str().unwrap(),
        ])
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left behind");
    let text = std::fs::read_to_string(&file).unwrap();
    let samples = parse_prometheus(&text);
    assert!((value(&samples, "esign_roster_rows", &[("state", "expired")]) - 1.0).abs() < 0.5);
    assert!(value(&samples, "esign_roster_rows", &[("state", "error")]).abs() < 0.5);
    assert!((value(&samples, "esign_roster_expiring", &[("month", "2026-02")]) - 2.0).abs() < 0.5);
    // Only counts: the labels are states and months, never a person.
    for s in &samples {
        for key in s["labels"].as_object().unwrap().keys() {
            assert!(key == "state" || key == "month", "{s}");
        }
    }
}

#[test]
fn output_file_is_for_monitoring_formats() {
    let out = run(&["check", "--expiry", "2026-06-10", "-o", "x.txt"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("-o writes --format nagios or prometheus"));
}
