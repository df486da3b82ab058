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
}
