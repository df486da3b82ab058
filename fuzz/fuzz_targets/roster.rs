//! The roster reader on any bytes: never a panic, and line numbers rise and stay within
//! the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

/// Built once: building the embedded rules per input cost most of each run.
static RULES: std::sync::OnceLock<esign::rules::Rules> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let rules = RULES.get_or_init(esign::rules::Rules::embedded);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let lines = 1 + data.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
    for encoding in [esign::roster::Encoding::Utf8, esign::roster::Encoding::Windows1254] {
        let options = esign::roster::Options {
            encoding,
            ..Default::default()
        };
        let Ok(mut reader) = esign::roster::RosterReader::new(data, &options, rules, today) else {
            continue;
        };
        let mut last = 1;
        while let Some(row) = reader.next_row() {
            let Ok(row) = row else { break };
            assert!(row.line > last, "line {} after {last}", row.line);
            assert!(row.line <= lines, "line {} of {lines}", row.line);
            last = row.line;
        }
    }
});
