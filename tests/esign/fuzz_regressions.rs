//! Every crash input the fuzzers found (`tests/fixtures/fuzz/TARGET/`), run through the
//! real binary: a clean exit status (0–3), never a panic or a signal.

use std::path::Path;

use crate::common::*;

fn inputs(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn assert_clean(out: &std::process::Output, what: &str) {
    let code = out.status.code();
    assert!(
        matches!(code, Some(0..=3)),
        "{what}: exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{what}"
    );
}

#[test]
fn fuzz_crash_inputs_stay_fixed() {
    for (target, args) in [
        ("cert", &["check", "--today", "2026-06-01", "--cert"][..]),
        ("roster", &["roster", "--today", "2026-06-01"]),
        ("rules", &["rules", "check"]),
    ] {
        for file in inputs(target) {
            let (mut cmd, _home) = esign();
            let out = cmd.args(args).arg(&file).output().unwrap();
            assert_clean(&out, &file.display().to_string());
        }
    }
    for file in inputs("date") {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        let (mut cmd, _home) = esign();
        let out = cmd.args(["check", "--expiry", &text]).output().unwrap();
        assert_clean(&out, &file.display().to_string());
    }
    // The calendar target's inputs: the names after the first two bytes, `|`-separated,
    // as roster rows; the calendar written must hold no control character but its CRLFs.
    for file in inputs("calendar") {
        let bytes = std::fs::read(&file).unwrap();
        let names = String::from_utf8_lossy(bytes.get(2..).unwrap_or_default()).into_owned();
        let mut roster = String::from("name,expiry\n");
        for name in names.split('|') {
            roster.push('"');
            roster.push_str(&name.replace('"', "\"\""));
            roster.push_str("\",2027-06-30\n");
        }
        let (mut cmd, home) = esign();
        let list = home.path().join("staff.csv");
        std::fs::write(&list, roster).unwrap();
        let out = cmd
            .args(["roster", "--today", "2027-01-01", "--ics", "-"])
            .arg(&list)
            .output()
            .unwrap();
        assert_clean(&out, &file.display().to_string());
        let text = String::from_utf8_lossy(&out.stdout);
        for line in text.split_terminator("\r\n") {
            assert!(
                !line.chars().any(|c| c.is_control() && c != '\t'),
                "{}: {line:?}",
                file.display()
            );
        }
    }
}
