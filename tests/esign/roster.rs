//! `esign roster` end to end: real files (fixtures/roster), the real binary, a fixed day.
//! Today is 2026-01-15 throughout; the embedded rules' lead is 1 month.

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use proptest::prelude::*;
use serde_json::Value;

use crate::common::*;

const TODAY: &str = "2026-01-15";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name)
}

/// `esign roster FILE ARGS… --today 2026-01-15` in a clean environment.
fn roster(file: &Path, args: &[&str]) -> Output {
    let (mut cmd, _home) = esign();
    cmd.arg("roster")
        .arg(file)
        .args(args)
        .args(["--today", TODAY])
        .output()
        .expect("esign runs")
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn csv_records(out: &Output, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited")
}

#[test]
fn comma_file_csv_carries_every_column_through() {
    let out = roster(&fixture("comma.csv"), &["--format", "csv"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out)); // Ali Veli has expired
    let records = csv_records(&out, b',');
    assert_eq!(
        records[0],
        [
            "name",
            "expiry",
            "department",
            "notes",
            "state",
            "days_left",
            "window_opens",
            "payer",
            "error"
        ]
    );
    let row = |i: usize| records[i].iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(
        row(1),
        [
            "Ayşe Yılmaz",
            "2026-02-10",
            "Bilgi İşlem, Ağ",
            "two\nlines",
            "renewal-due",
            "26",
            "2026-01-10",
            "",
            ""
        ]
    );
    // The Turkish date form stays as written; computed dates are ISO.
    assert_eq!(
        row(2),
        [
            "Mehmet Öz",
            "15.01.2026",
            "Hukuk",
            "says \"hi\"",
            "renewal-due",
            "0",
            "2025-12-15",
            "",
            ""
        ]
    );
    assert_eq!(row(3)[4..7], ["valid", "166", "2026-05-30"]);
    assert_eq!(row(4)[4..7], ["expired", "-15", "2025-11-30"]);
    assert_eq!(records.len(), 5);
}

#[test]
fn json_lines_keep_input_columns_under_row_with_line_numbers() {
    let out = roster(&fixture("comma.csv"), &["--json"]);
    assert_eq!(code(&out), 2);
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 4);
    // The first record spans lines 2 and 3 (a newline inside quotes).
    let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [2, 4, 5, 6]);
    assert_eq!(rows[0]["row"]["department"], "Bilgi İşlem, Ağ");
    assert_eq!(rows[0]["row"]["notes"], "two\nlines");
    assert_eq!(rows[0]["state"], "renewal-due");
    assert_eq!(rows[0]["days_left"], 26);
    assert_eq!(rows[0]["window_opens"], "2026-01-10");
    assert_eq!(rows[0]["payer"], Value::Null);
    assert_eq!(rows[3]["state"], "expired");
    // Input columns keep their order.
    assert!(
        stdout(&out).contains(
            r#""row":{"name":"Mehmet Öz","expiry":"15.01.2026","department":"Hukuk","notes":"#
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn turkish_excel_semicolons_bom_headers_and_duties() {
    let out = roster(&fixture("semicolon-bom.csv"), &["--json"]);
    // İsmail Ünal expired on 31.12.2025; an unknown duty is not an error.
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 5);
    // The byte-order mark is not part of the first header.
    assert_eq!(rows[0]["row"]["Ad Soyad"], "Ayşe Yılmaz");
    assert_eq!(rows[1]["row"]["Birim"], "Hukuk; Müşavirliği");
    let payers: Vec<Value> = rows.iter().map(|r| r["payer"].clone()).collect();
    // Dekan (a title), none (an id), a Turkish label, an upper-case title, an unknown value.
    assert_eq!(
        payers,
        [
            Value::from("institution"),
            Value::from("person"),
            Value::from("person"),
            Value::from("institution"),
            Value::Null
        ]
    );
    let err = stderr(&out);
    assert!(
        err.contains("line 6: duty \"Müdür\"") && err.contains("payer left empty"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn turkish_text_table_and_summary() {
    let out = roster(&fixture("semicolon-bom.csv"), &["--lang", "tr"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Satır  Ad Soyad"), "{text}");
    assert!(
        lines[1].contains("Ayşe Yılmaz")
            && lines[1].contains("10.02.2026")
            && lines[1].contains("yenileme zamanı")
            && lines[1].contains("kurum"),
        "{text}"
    );
    // Aligned: every table line puts the state column at the same character offset.
    let at = |l: &str, word: &str| l.find(word).map(|b| l[..b].chars().count());
    assert_eq!(at(lines[1], "yenileme"), at(lines[0], "Durum"));
    assert_eq!(at(lines[4], "süresi dolmuş"), at(lines[0], "Durum"));
    assert!(
        text.contains("5 satır: 3 geçerli, 1 yenileme zamanı, 1 süresi dolmuş, 0 hatalı"),
        "{text}"
    );
}

#[test]
fn text_table_fits_the_terminal_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.csv");
    let long = "Prof. Dr. Gülşen Çağlayan-Öztürkoğlu İşbilir Şahinkaya Ilıcaoğlu Ümmühan Özdemir";
    std::fs::write(
        &file,
        format!("name,expiry\n{long},2026-06-30\nAli,2026-06-30\n"),
    )
    .unwrap();
    let (mut cmd, _home) = esign();
    let out = cmd
        .env("COLUMNS", "60")
        .args(["roster", "--today", TODAY])
        .arg(&file)
        .output()
        .unwrap();
    let text = stdout(&out);
    for line in text.lines().take(3) {
        assert!(line.chars().count() <= 60, "{line}");
    }
    assert!(text.contains('…'), "{text}");
}

#[test]
fn tab_delimiter_detected_and_explicit() {
    for args in [&[][..], &["--delimiter", "tab"][..]] {
        let out = roster(&fixture("tab.tsv"), &[&["--format", "csv"], args].concat());
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        let records = csv_records(&out, b'\t');
        assert_eq!(records[0][..3], ["personel", "not_after", "extra"]);
        assert_eq!(records[1][2], "a, b; c");
        assert_eq!(records[1][3], "renewal-due");
    }
    // A wrong explicit delimiter: one column, no expiry header.
    let out = roster(&fixture("tab.tsv"), &["--delimiter", ";"]);
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("no expiry column"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn windows_1254_file_with_turkish_headers() {
    let out = roster(
        &fixture("windows-1254.csv"),
        &["--encoding", "windows-1254", "--json"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["row"]["İsim"], "Şükrü Çağlar Işıkoğlu");
    assert_eq!(rows[0]["row"]["GEÇERLİLİK BİTİŞ"], "10.02.2026");
    assert_eq!(rows[0]["row"]["Açıklama"], "Öğretim üyesi");
    assert_eq!(rows[0]["payer"], "institution");
    assert_eq!(rows[1]["row"]["Açıklama"], "Şube; Müdürlüğü");
    // "yok" is another name of duty none (issue 10 §4): the person pays (R10).
    assert_eq!(rows[1]["payer"], "person");

    // Read as UTF-8 (the default) it is refused, naming the line and the fix.
    let out = roster(&fixture("windows-1254.csv"), &["--json"]);
    assert_eq!(code(&out), 3);
    let err = stderr(&out);
    assert!(
        err.contains("line 1 is not valid UTF-8") && err.contains("--encoding windows-1254"),
        "{err}"
    );
}

#[test]
fn explicit_expiry_and_name_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two-dates.csv");
    std::fs::write(
        &file,
        "Kişi,Başlangıç,Son Gün\nAyşe,2023-02-10,2026-02-10\n",
    )
    .unwrap();
    let out = roster(&file, &["--json"]);
    assert_eq!(code(&out), 3);
    let err = stderr(&out);
    assert!(
        err.contains("no expiry column")
            && err.contains("\"Kişi\", \"Başlangıç\", \"Son Gün\"")
            && err.contains("--expiry-column"),
        "{err}"
    );
    // Matched the Turkish way: SON GÜN finds "Son Gün".
    let out = roster(
        &file,
        &["--expiry-column", "SON GÜN", "--name-column", "kişi"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).contains("Ayşe"), "{}", stdout(&out));
    let out = roster(&file, &["--expiry-column", "Bitiş"]);
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("no column \"Bitiş\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_bad_row_kind_is_reported_with_its_line_and_kept() {
    let out = roster(&fixture("bad-rows.csv"), &["--json"]);
    assert_eq!(code(&out), 3);
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 7, "rows out = rows in");
    let states: Vec<(u64, &str)> = rows
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            (2, "valid"),
            (3, "error"),
            (4, "error"),
            (5, "error"),
            (6, "error"),
            (7, "error"),
            (8, "renewal-due")
        ]
    );
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(
        lines[0].contains("line 3: no expiry date in column \"expiry\""),
        "{err}"
    );
    assert!(
        lines[1].contains("line 4: ") && lines[1].contains("\"12/31/2026\" cannot be day first"),
        "{err}"
    );
    assert!(
        lines[2].contains("line 5: ") && lines[2].contains("\"2026-02-30\" is not a day"),
        "{err}"
    );
    assert!(
        lines[3].contains("line 6: has 2 fields where the header has 3"),
        "{err}"
    );
    assert!(
        lines[4].contains("line 7: has 4 fields where the header has 3"),
        "{err}"
    );
    assert!(rows[3]["error"].as_str().unwrap().contains("2026-02-30"));
    assert_eq!(rows[5]["row"]["column_4"], "extra");

    // CSV keeps them too, with state error and the reason.
    let out = roster(&fixture("bad-rows.csv"), &["--format", "csv"]);
    let records = csv_records(&out, b',');
    assert_eq!(records.len(), 8);
    assert_eq!(records[5][..5], ["Too Few", "2026-06-30", "", "error", ""]);
    assert!(records[5][7].contains("has 2 fields"));
    // The text summary counts them.
    let out = roster(&fixture("bad-rows.csv"), &[]);
    assert!(
        stdout(&out).contains("7 rows: 1 valid, 1 renewal due, 0 expired, 5 with errors"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn filters_drop_rows_from_the_output_only() {
    let out = roster(
        &fixture("comma.csv"),
        &["--state", "renewal-due,expired", "--json"],
    );
    let names: Vec<String> = json_lines(&out)
        .iter()
        .map(|r| r["row"]["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Ayşe Yılmaz", "Mehmet Öz", "Ali Veli"]);
    assert_eq!(code(&out), 2);

    let out = roster(&fixture("comma.csv"), &["--state", "valid"]);
    let text = stdout(&out);
    assert!(text.contains("Zeynep") && !text.contains("Ayşe"), "{text}");
    assert!(
        text.contains("4 rows: 1 valid, 2 renewal due, 1 expired, 0 with errors (1 shown)"),
        "{text}"
    );
    // The exit status still reflects every row.
    assert_eq!(code(&out), 2);

    // Zeynep's window opens on 2026-05-30: 135 days from today.
    let due = |span: &str| -> usize {
        json_lines(&roster(
            &fixture("comma.csv"),
            &["--due-within", span, "--json"],
        ))
        .len()
    };
    assert_eq!(due("30d"), 3);
    assert_eq!(due("134d"), 3);
    assert_eq!(due("135d"), 4);
    assert_eq!(due("5m"), 4);

    let out = roster(&fixture("bad-rows.csv"), &["--state", "error", "--json"]);
    assert_eq!(json_lines(&out).len(), 5);

    let out = roster(&fixture("comma.csv"), &["--due-within", "soon"]);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("30d"), "{}", stderr(&out));
    let out = roster(&fixture("comma.csv"), &["--state", "late"]);
    assert_eq!(code(&out), 3);
}

#[test]
fn exit_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let cases = [
        ("valid.csv", "expiry\n2027-01-01\n", 0),
        ("due.csv", "expiry\n2027-01-01\n2026-02-01\n", 1),
        (
            "expired.csv",
            "expiry\n2026-02-01\n2026-01-14\n2027-01-01\n",
            2,
        ),
        ("error.csv", "expiry\n2027-01-01\nnope\n", 3),
        ("empty.csv", "", 3),
        ("header-only.csv", "expiry\n", 0),
    ];
    for (name, text, want) in cases {
        let out = roster(&write(name, text), &["--quiet"]);
        assert_eq!(code(&out), want, "{name}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{name}: --quiet prints nothing");
    }
    let out = roster(&dir.path().join("missing.csv"), &[]);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
}

#[test]
fn standard_input() {
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["roster", "-", "--json", "--today", TODAY])
        .write_stdin("name;expiry\nAyşe;10.02.2026\n")
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert_eq!(json_lines(&out)[0]["row"]["name"], "Ayşe");
}

#[test]
fn by_month_against_a_hand_computed_chart() {
    // Today 2026-01-15, lead 1 month. by-month.csv, expiry → window:
    //   A 2026-01-20 → 2025-12-20 (window before the chart)   B 2026-02-10 → 2026-01-10
    //   C 2026-02-28 → 2026-01-28   D 2026-03-31 → 2026-02-28 (clamped)   E 2026-03-01 → 2026-02-01
    //   F 2026-12-31 → 2026-11-30   G 2027-01-15 → 2026-12-15 (expiry after the chart)
    //   H 2025-11-30 and I 2027-06-01: outside the chart entirely.
    let expected = [
        ("2026-01", 2, 1), // windows B C; expiring A
        ("2026-02", 2, 2), // windows D E; expiring B C
        ("2026-03", 0, 2), // expiring D E
        ("2026-04", 0, 0),
        ("2026-05", 0, 0),
        ("2026-06", 0, 0),
        ("2026-07", 0, 0),
        ("2026-08", 0, 0),
        ("2026-09", 0, 0),
        ("2026-10", 0, 0),
        ("2026-11", 1, 0), // window F
        ("2026-12", 1, 1), // window G; expiring F
    ];
    let out = roster(&fixture("by-month.csv"), &["--by-month", "--json"]);
    assert_eq!(code(&out), 2, "H has expired");
    let chart: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, u64, u64)> = chart
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_owned(),
                m["windows_open"].as_u64().unwrap(),
                m["expiring"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64, u64)> = expected
        .iter()
        .map(|(m, w, e)| ((*m).to_owned(), *w, *e))
        .collect();
    assert_eq!(got, want);

    let out = roster(&fixture("by-month.csv"), &["--by-month", "--lang", "tr"]);
    let text = stdout(&out);
    assert!(
        text.contains("Ocak 2026") && text.contains("Aralık 2026"),
        "{text}"
    );
    let feb = text.lines().find(|l| l.starts_with("Şubat 2026")).unwrap();
    assert!(
        feb.contains(" 2 █") && feb.trim_end().ends_with('█'),
        "{text}"
    );
    let apr = text.lines().find(|l| l.starts_with("Nisan 2026")).unwrap();
    assert!(!apr.contains('█'), "{apr}");
    let out = roster(
        &fixture("by-month.csv"),
        &["--by-month", "--lang", "en", "--ascii"],
    );
    assert!(stdout(&out).contains("February 2026") && stdout(&out).is_ascii());
}

#[test]
fn csv_format_is_refused_elsewhere() {
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["check", "--expiry", "2026-06-01", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert_eq!(
        stderr(&out),
        "esign: error: esign check does not write csv: it writes text, json, nagios, prometheus\n"
    );
    // One table decides: commands that print a file or a calendar write text only.
    for args in [
        &["rules", "show", "--json"][..],
        &["remind", "--expiry", "2026-06-01", "--format", "json"],
        &["man", "--json"],
    ] {
        let (mut cmd, _home) = esign();
        let out = cmd.args(args).output().unwrap();
        assert_eq!(code(&out), 3, "{args:?}");
        assert!(
            stderr(&out).contains("does not write json: it writes text"),
            "{args:?}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn help_shows_real_examples() {
    for command in ["roster", "remind"] {
        let (mut cmd, _home) = esign();
        let out = cmd.args([command, "--help"]).output().unwrap();
        assert_eq!(code(&out), 0);
        assert!(
            stdout(&out).contains(&format!("Examples:\n  esign {command} ")),
            "{}",
            stdout(&out)
        );
    }
}

/// Output into a pipe whose reader has gone ends quietly with status 0.
#[test]
fn closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.csv");
    let mut text = String::from("name,expiry\n");
    for i in 0..200_000 {
        writeln!(text, "Person {i},2027-01-01").unwrap();
    }
    std::fs::write(&file, text).unwrap();
    for format in ["text", "csv", "json"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("esign"))
            .env_clear()
            .env("HOME", dir.path())
            .args(["roster", "--today", TODAY, "--format", format])
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The pipe's read end is dropped here.
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert!(out.stderr.is_empty(), "{format}: {}", stderr(&out));
    }
}

/// One random roster: a header of `name,expiry,note` and records of 1–5 fields holding
/// delimiters, quotes, newlines, Turkish letters and dates good and bad.
fn roster_strategy() -> impl Strategy<Value = Vec<Vec<String>>> {
    let text = prop_oneof![Just(String::new()), "[a-zA-ZçğıöşüÇĞİÖŞÜ ,;\t\"\n]{0,12}",];
    let date = prop_oneof![
        Just("2026-02-10".to_owned()),
        Just("10.02.2026".to_owned()),
        Just("1.2.2027".to_owned()),
        Just("2026-02-30".to_owned()),
        Just(String::new()),
        "[0-9./-]{0,10}",
    ];
    let record = (
        text.clone(),
        date,
        text.clone(),
        prop::collection::vec(text, 0..3),
        0usize..5,
    )
        .prop_map(|(name, date, note, extra, cut)| {
            let mut fields = vec![name, date, note];
            fields.extend(extra);
            // cut = 0..2 drops fields: too few; extra fields: too many.
            if cut < 2 {
                fields.truncate(cut + 1);
            }
            fields
        });
    prop::collection::vec(record, 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// rows out = rows in, in input order, whatever the rows hold.
    #[test]
    fn rows_out_equal_rows_in(records in roster_strategy(), semicolon in any::<bool>()) {
        let delimiter = if semicolon { b';' } else { b',' };
        let mut w = csv::WriterBuilder::new().flexible(true).delimiter(delimiter).from_writer(Vec::new());
        w.write_record(["name", "expiry", "note"]).unwrap();
        for r in &records {
            w.write_record(r).unwrap();
        }
        let input = w.into_inner().unwrap();
        for format in ["json", "csv"] {
            let (mut cmd, _home) = esign();
            let out = cmd
                .args(["roster", "-", "--today", TODAY, "--format", format])
                .write_stdin(input.clone())
                .output()
                .unwrap();
            prop_assert!(matches!(code(&out), 0..=3), "{}", stderr(&out));
            if format == "json" {
                let rows = json_lines(&out);
                prop_assert_eq!(rows.len(), records.len());
                for (row, record) in rows.iter().zip(&records) {
                    let object = row["row"].as_object().unwrap();
                    prop_assert_eq!(object.len(), record.len());
                    for (i, field) in record.iter().enumerate() {
                        let key = ["name", "expiry", "note"].get(i).map_or_else(|| format!("column_{}", i + 1), |k| (*k).to_owned());
                        prop_assert_eq!(object[&key].as_str(), Some(field.as_str()));
                    }
                }
                let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
                prop_assert!(lines.windows(2).all(|p| p[0] < p[1]));
            } else {
                prop_assert_eq!(csv_records(&out, delimiter).len(), records.len() + 1);
            }
        }
    }
}

#[test]
fn stderr_and_stdout_stay_apart() {
    // Diagnostics go to stderr only: a CSV consumer never sees them.
    let out = roster(&fixture("bad-rows.csv"), &["--format", "csv"]);
    assert!(!stdout(&out).contains("esign:"));
    assert!(stderr(&out).contains("esign: error: line 3"));
}

/// Issue 10 §4: a row of delimiters only (`;;;;`, a spreadsheet's blank row) is state
/// `empty`, not an error: it keeps its place in CSV and JSON (rows out = rows in), does
/// not count towards the exit status, and the summary counts it.
#[test]
fn delimiter_only_rows_are_empty_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blank-rows.csv");
    std::fs::write(
        &file,
        "ad;bitiş\nAyşe;2026-06-30\n;\n;;;;\nCan;2026-06-30\n",
    )
    .unwrap();
    let out = roster(&file, &["--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let states: Vec<String> = json_lines(&out)
        .iter()
        .map(|r| r["state"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(states, ["valid", "empty", "empty", "valid"]);
    let out = roster(&file, &["--format", "csv"]);
    assert_eq!(csv_records(&out, b';').len(), 5, "header and four rows");
    let out = roster(&file, &["--lang", "tr"]);
    assert!(
        stdout(&out)
            .contains("4 satır: 2 geçerli, 0 yenileme zamanı, 0 süresi dolmuş, 0 hatalı, 2 boş"),
        "{}",
        stdout(&out)
    );
}
