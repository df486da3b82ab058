use std::io::{self, Read};

use chrono::NaiveDate;

use super::*;
use crate::date::parse_date;
use crate::renewal::{assess, Renewal};
use crate::rules::{Payer, Rules};

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn read_all(input: &[u8], options: &Options, today: &str) -> Vec<(u64, String, Option<Payer>)> {
    let rules = Rules::embedded();
    let mut reader = RosterReader::new(input, options, &rules, d(today)).unwrap();
    let mut out = Vec::new();
    while let Some(row) = reader.next_row() {
        let row = row.unwrap();
        out.push((
            row.line,
            row.outcome.state_name().to_owned(),
            row.outcome.payer(),
        ));
    }
    out
}

#[test]
fn delimiters_are_detected() {
    assert_eq!(detect_delimiter(b"name,expiry\n"), b',');
    assert_eq!(detect_delimiter(b"ad soyad;bitis;\"a,b,c\"\n"), b';');
    assert_eq!(detect_delimiter(b"name\texpiry\n"), b'\t');
    assert_eq!(detect_delimiter(b"expiry\n"), b',');
}

#[test]
fn header_keys_fold_turkish_and_separators() {
    assert_eq!(header_key(" BİTİŞ  TARİHİ "), "bitis tarihi");
    assert_eq!(header_key("Not_After"), "not after");
    assert_eq!(header_key("GEÇERLİLİK-BİTİŞ"), "gecerlilik bitis");
}

/// Every header name of the issue, as written and in Turkish capitals, finds its column.
#[test]
fn every_header_name_is_recognised() {
    let rules = Rules::embedded();
    let today = d("2025-01-01");
    let capitals = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                'i' => 'İ',
                'ı' => 'I',
                other => other.to_uppercase().next().unwrap_or(other),
            })
            .collect()
    };
    for expiry in EXPIRY_HEADERS {
        for name in NAME_HEADERS {
            for duty in DUTY_HEADERS {
                for (e, n, g) in [
                    ((*expiry).to_owned(), (*name).to_owned(), (*duty).to_owned()),
                    (capitals(expiry), capitals(name), capitals(duty)),
                ] {
                    let input = format!("x;{g};{n};{e}\n1;Dekan;Ayşe;2030-01-01\n");
                    let r = RosterReader::new(input.as_bytes(), &Options::default(), &rules, today)
                        .unwrap_or_else(|err| panic!("{e} / {n}: {err}"));
                    let c = r.columns();
                    assert_eq!(
                        (c.expiry, c.name, c.duty),
                        (3, Some(2), Some(1)),
                        "{e} / {n} / {g}"
                    );
                }
            }
        }
    }
}

#[test]
fn rows_get_state_and_payer() {
    let input = "Ad Soyad;Bitiş Tarihi;Görev\nA;01.06.2025;Dekan\nB;2025-06-10;none\nC;2025-04-01;\nD;soon;x\nE;2025-06-01\n";
    let rows = read_all(input.as_bytes(), &Options::default(), "2025-05-15");
    assert_eq!(
        rows,
        vec![
            (2, "renewal-due".into(), Some(Payer::Institution)),
            (3, "renewal-due".into(), Some(Payer::Person)),
            (4, "expired".into(), None),
            (5, "error".into(), None),
            (6, "error".into(), None),
        ]
    );
}

#[test]
#[allow(clippy::items_after_statements)] // the reader type sits beside its one use
fn line_numbers_with_crlf_blank_lines_and_quoted_newlines() {
    let input = "name,expiry\r\nA,2030-01-01\r\n\r\n\r\nB,\"x\r\ny\"\r\nC,2030-01-01\nD,2030-01-01\n\nE,2030-01-01";
    let lines: Vec<u64> = read_all(input.as_bytes(), &Options::default(), "2025-01-01")
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(lines, [2, 5, 7, 8, 10]);
    let old_mac = "name,expiry\rA,2030-01-01\rB,\"x\ry\"\r\rC,2030-01-01\r\nD,1";
    let lines: Vec<u64> = read_all(old_mac.as_bytes(), &Options::default(), "2025-01-01")
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(lines, [2, 3, 6, 7]);

    // The same bytes one at a time: a CRLF split across reads still counts once.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(slot)) => {
                    *slot = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }
    let rules = Rules::embedded();
    let mut reader = RosterReader::new(
        Trickle(input.as_bytes()),
        &Options::default(),
        &rules,
        d("2025-01-01"),
    )
    .unwrap();
    let mut trickled = Vec::new();
    while let Some(row) = reader.next_row() {
        trickled.push(row.unwrap().line);
    }
    assert_eq!(trickled, [2, 5, 7, 8, 10]);
}

#[test]
fn windows_1254_and_bom() {
    let (bytes, _, _) =
        encoding_rs::WINDOWS_1254.encode("İsim,Geçerlilik Bitiş\nŞükrü Işık,2030-01-01\n");
    let options = Options {
        encoding: Encoding::Windows1254,
        ..Options::default()
    };
    let rules = Rules::embedded();
    let mut r = RosterReader::new(&bytes[..], &options, &rules, d("2025-01-01")).unwrap();
    assert_eq!(r.columns().expiry, 1);
    let row = r.next_row().unwrap().unwrap();
    assert_eq!(row.name(), Some("Şükrü Işık"));
    let bom = b"\xEF\xBB\xBFexpiry\n2030-01-01\n";
    assert_eq!(read_all(bom, &Options::default(), "2025-01-01").len(), 1);
}

#[test]
fn monthly_load_counts_by_calendar_month() {
    let lead = "1 month".parse().unwrap();
    let today = d("2025-11-20");
    let renewals: Vec<Renewal> = [
        "2025-12-15",
        "2025-12-31",
        "2026-11-30",
        "2026-12-01",
        "2025-10-01",
    ]
    .iter()
    .map(|e| assess(d(e), today, lead))
    .collect();
    let mut monthly = MonthlyLoad::new(today);
    for r in &renewals {
        monthly.add(r);
    }
    let months = monthly.months();
    assert_eq!(months[0].month, d("2025-11-01"));
    assert_eq!((months[0].windows_open, months[0].expiring), (2, 0)); // 15.11, 30.11
    assert_eq!((months[1].windows_open, months[1].expiring), (0, 2));
    // 2026-11-30's window opens on 2026-10-30 (the 12th month); its expiry is past the chart.
    assert_eq!(months[11].month, d("2026-10-01"));
    assert_eq!((months[11].windows_open, months[11].expiring), (1, 0));
    let total: u64 = months.iter().map(|m| m.windows_open + m.expiring).sum();
    assert_eq!(total, 5);
}

proptest::proptest! {
    /// Any bytes at all, in either encoding: rows or a typed error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
        header in proptest::sample::select(vec!["expiry\n", "ad;bitiş;görev\r\n", "name\texpires\n", ""]),
        windows in proptest::prelude::any::<bool>(),
    ) {
        let rules = Rules::embedded();
        let mut input = header.as_bytes().to_vec();
        input.extend_from_slice(&bytes);
        let options = Options {
            encoding: if windows { Encoding::Windows1254 } else { Encoding::Utf8 },
            ..Options::default()
        };
        if let Ok(mut reader) = RosterReader::new(&input[..], &options, &rules, d("2026-01-15")) {
            let mut last = 0;
            while let Some(row) = reader.next_row() {
                let Ok(row) = row else { break };
                proptest::prop_assert!(row.line > last);
                last = row.line;
            }
        }
    }
}

#[test]
fn iso_dates_without_allocation() {
    assert_eq!(&iso_date(d("2025-06-01")), b"2025-06-01");
    assert_eq!(
        &iso_date(NaiveDate::from_ymd_opt(999, 12, 31).unwrap()),
        b"0999-12-31"
    );
}

/// What a reader makes of an input: per row its line, fields and verdict, then how it
/// ended (`None`: at the end of the input; `Some`: the error that stopped it).
type Reading = (
    Vec<(u64, Vec<String>, String, Option<Payer>)>,
    Option<String>,
);

fn reading(input: &[u8], options: &Options, general_only: bool) -> Option<Reading> {
    let rules = Rules::embedded();
    let mut reader =
        RosterReader::with_paths(input, options, &rules, d("2026-01-15"), general_only).ok()?;
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row() {
        match row {
            Ok(row) => rows.push((
                row.line,
                row.fields.iter().map(str::to_owned).collect(),
                match &row.outcome {
                    Outcome::Error(e) => format!("error: {e}"),
                    Outcome::Assessed { renewal, .. } => format!("{renewal:?}"),
                    Outcome::Empty => "empty".to_owned(),
                },
                row.outcome.payer(),
            )),
            Err(e) => return Some((rows, Some(e.to_string()))),
        }
    }
    Some((rows, None))
}

/// Rosters made of the pieces that matter to a CSV reader: delimiters, quotes, every
/// kind of line end, blank lines, dates in both forms and broken ones, Turkish letters.
fn roster_bytes() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b" ".to_vec()),
        Just(b"2025-06-01".to_vec()),
        Just(b"29.02.2024".to_vec()),
        Just(b"2025-02-30".to_vec()),
        Just(b"1.6.2025".to_vec()),
        Just(b"Dekan".to_vec()),
        Just("Şükrü Işık".as_bytes().to_vec()),
        Just(b"\xC5".to_vec()),
        "[a-z0-9.-]{1,6}".prop_map(String::into_bytes),
        any::<u8>().prop_map(|b| vec![b]),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

/// Like [`proptest::prelude::Read`] one byte at a time: buffer ends fall everywhere.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// The fast path reads every input exactly as the general path (csv_core alone)
    /// does: the same rows, lines, fields and verdicts, and the same end.
    #[test]
    fn fast_path_reads_as_the_general_path(
        body in roster_bytes(),
        header in proptest::sample::select(vec!["name,expiry\n", "ad;bitiş;görev\r\n", "expiry\r", "\"name\",\"expiry\",duty\n"]),
        windows in proptest::prelude::any::<bool>(),
        chunk in 1usize..8,
    ) {
        let mut input = header.as_bytes().to_vec();
        input.extend_from_slice(&body);
        let options = Options {
            encoding: if windows { Encoding::Windows1254 } else { Encoding::Utf8 },
            ..Options::default()
        };
        let general = reading(&input, &options, true);
        proptest::prop_assert_eq!(&reading(&input, &options, false), &general);
        // The same, with the input arriving a few bytes at a time.
        let rules = Rules::embedded();
        if let Ok(mut reader) = RosterReader::new(Trickle(&input, chunk), &options, &rules, d("2026-01-15")) {
            let mut lines = Vec::new();
            while let Some(Ok(row)) = reader.next_row() {
                lines.push(row.line);
            }
            let expected: Vec<u64> = general.map(|g| g.0.iter().map(|r| r.0).collect()).unwrap_or_default();
            proptest::prop_assert_eq!(lines, expected);
        }
    }

    /// The fields are the csv crate's, record for record (its reader with the same
    /// settings is the reference), on valid UTF-8.
    #[test]
    fn fields_are_the_csv_crates(body in roster_bytes()) {
        let mut input = b"name,expiry\n".to_vec();
        input.extend_from_slice(&body);
        let Ok(text) = std::str::from_utf8(&input) else { return Ok(()) };
        let expected: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .skip(1)
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        let (rows, end) = reading(&input, &Options::default(), false).unwrap();
        let fields: Vec<Vec<String>> = rows.into_iter().map(|r| r.1).collect();
        match end {
            None => proptest::prop_assert_eq!(fields, expected),
            // The csv crate takes a quote left open as running to the end of the input;
            // esign refuses that last record and keeps every one before it.
            Some(e) => {
                proptest::prop_assert!(e.contains("is never closed"), "{}", e);
                proptest::prop_assert_eq!(&fields[..], &expected[..expected.len() - 1]);
            }
        }
    }
}
