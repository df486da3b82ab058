//! Workbooks as rosters: `.xlsx` files made here by Python's openpyxl (Turkish text, date
//! cells, text dates, a number in the date column, a title row, an empty sheet), read by
//! the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::common::*;

const TODAY: &str = "2026-06-01";

/// Builds `personel.xlsx` in `dir` with openpyxl; returns its path.
fn workbook(dir: &Path) -> PathBuf {
    let path = dir.join("personel.xlsx");
    let script = r#"
import datetime, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sayfa1"
ws.append(["Personel Listesi — Bilgi İşlem"])
ws.append([])
ws.append(["Ad Soyad", "Görev", "Bitiş Tarihi", "E-posta", None, None])
ws.append(["Ayşe Yılmaz", "Dekan", datetime.date(2026, 6, 20), "ayse@uni.edu.tr"])
ws.append(["Çağrı Öztürk", None, "20.05.2026", "cagri@uni.edu.tr"])
ws.append(["İsmail Şahin", None, 45809, "ismail@uni.edu.tr"])
ws.append([])
ws.append(["Ğ Işıl Üstün", True, datetime.datetime(2027, 1, 1, 0, 0), "isil@uni.edu.tr"])
for _ in range(3):
    ws.append([None, None, None, None])
akademik = wb.create_sheet("Akademik Personel")
akademik.append(["İsim", "Son Kullanma Tarihi"])
akademik.append(["Şule Çelik", datetime.date(2026, 6, 10)])
wb.create_sheet("Boş")
wb.save(sys.argv[1])
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "openpyxl could not write the workbook (scripts/test installs it):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

fn roster(file: &Path, args: &[&str]) -> Output {
    let (mut cmd, _home) = esign();
    cmd.arg("roster")
        .arg(file)
        .args(args)
        .args(["--today", TODAY])
        .output()
        .unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn an_xlsx_roster_with_a_title_row_dates_and_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let book = workbook(dir.path());
    let out = roster(&book, &["--json"]);
    assert_eq!(out.status.code(), Some(3), "an error row makes exit 3");
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 4, "rows out = rows in; empty rows ignored");
    let cells: Vec<&str> = rows.iter().map(|r| r["cell"].as_str().unwrap()).collect();
    assert_eq!(cells, ["Sayfa1!C4", "Sayfa1!C5", "Sayfa1!C6", "Sayfa1!C8"]);
    assert!(rows.iter().all(|r| r.get("line").is_none()));
    // A date cell becomes an ISO date; a text date is parsed like CSV.
    assert_eq!(rows[0]["row"]["Bitiş Tarihi"], "2026-06-20");
    assert_eq!(rows[0]["row"]["Ad Soyad"], "Ayşe Yılmaz");
    assert_eq!(rows[0]["state"], "renewal-due");
    assert_eq!(rows[0]["payer"], "institution");
    assert_eq!(rows[1]["row"]["Bitiş Tarihi"], "20.05.2026");
    assert_eq!(rows[1]["state"], "expired");
    // A bare number in the expiry column is not taken as a serial date.
    assert_eq!(rows[2]["state"], "error");
    assert!(rows[2]["error"].as_str().unwrap().contains("45809"));
    assert_eq!(
        stderr(&out).lines().next().unwrap(),
        "esign: error: Sayfa1!C6: column \"Bitiş Tarihi\" holds the number 45809, not a date: type the date (01.06.2025) or format the cell as a date"
    );
    // Booleans as the sheet shows them; date-time cells as their day.
    assert_eq!(rows[3]["row"]["Görev"], "TRUE");
    assert_eq!(rows[3]["row"]["Bitiş Tarihi"], "2027-01-01");
    assert_eq!(rows[3]["state"], "valid");
    // The header's trailing empty columns are not columns.
    assert_eq!(rows[0]["row"].as_object().unwrap().len(), 4);
}

#[test]
fn a_named_sheet_text_and_csv_output() {
    let dir = tempfile::tempdir().unwrap();
    let book = workbook(dir.path());
    let out = roster(&book, &["--sheet", "Akademik Personel", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "İsim,Son Kullanma Tarihi,state,days_left,window_opens,payer,error\nŞule Çelik,2026-06-10,renewal-due,9,2026-05-10,,\n"
    );
    let out = roster(&book, &["--sheet", "Akademik Personel", "--lang", "tr"]);
    assert!(stdout(&out).contains("Şule Çelik"), "{}", stdout(&out));
}

#[test]
fn an_empty_sheet_and_a_missing_sheet_are_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let book = workbook(dir.path());
    for (sheet, message) in [
        ("Boş", "sheet \"Boş\" is empty"),
        (
            "Yok",
            "no sheet \"Yok\" in the workbook: it has \"Sayfa1\", \"Akademik Personel\", \"Boş\"",
        ),
    ] {
        let out = roster(&book, &["--sheet", sheet]);
        assert_eq!(out.status.code(), Some(3));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(message), "{err}");
    }
}

#[test]
fn recognised_by_content_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let book = workbook(dir.path());
    // No extension, and through standard input: the bytes say it is a workbook.
    let (mut cmd, _home) = esign();
    let out = cmd
        .args([
            "roster", "-", "--today", TODAY, "--json", "--state", "expired",
        ])
        .pipe_stdin(&book)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["cell"], "Sayfa1!C5");
}

#[test]
fn a_corrupt_or_huge_workbook_is_exit_3_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bozuk.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 this is not a zip archive").unwrap();
    let out = roster(&bad, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not a readable .xlsx workbook"), "{err}");

    // Standard input is read into memory only up to 64 MiB.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("esign"))
        .args(["roster", "-", "--today", TODAY])
        .env_clear()
        .env("HOME", dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(b"PK\x03\x04");
        let chunk = vec![0u8; 1 << 20];
        for _ in 0..65 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn notify_reads_a_workbook_and_names_cells() {
    let dir = tempfile::tempdir().unwrap();
    let book = workbook(dir.path());
    let (mut cmd, _home) = esign();
    let out = cmd
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .args(["notify"])
        .arg(&book)
        .args(["--today", TODAY, "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "the number row is a failure");
    let text = stdout(&out);
    assert!(
        text.contains("Sayfa1!C4: Ayşe Yılmaz <ayse@uni.edu.tr> [renewal due]: would send"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("Sayfa1!C6: İsmail Şahin"),
        "{}",
        stderr(&out)
    );
}
