//! Rules files keep working across versions. `tests/fixtures/rules/compat-v0.1.toml` is
//! the embedded rules file as esign 0.1.0 shipped it, frozen: never edit it. Every later
//! release must load it and give the same answers with it (keys added later are optional,
//! with the defaults in docs/rules.md). A new release with a new shape adds its own
//! `compat-vX.Y.toml` beside it.

use std::path::{Path, PathBuf};

use crate::common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(name)
}

#[test]
fn rules_check_accepts_the_v0_1_file() {
    let file = fixture("compat-v0.1.toml");
    let (mut cmd, _home) = esign();
    let out = cmd.args(["rules", "check"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("ok: {}\n", file.display()));
}

#[test]
fn check_runs_on_the_v0_1_file() {
    let file = fixture("compat-v0.1.toml");
    let (mut cmd, _home) = esign();
    let out = cmd
        .arg("--rules")
        .arg(&file)
        .args([
            "check",
            "--expiry",
            "2025-06-01",
            "--today",
            "2025-05-20",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["state"], "renewal-due");
    assert_eq!(v["window_opens"], "2025-05-01");
    assert_eq!(v["lead"], "1 month");
    assert_eq!(v["days_left"], 12);
}

/// The facts the 0.1 file holds still reach every command that uses them.
#[test]
fn fee_and_portal_paths_come_from_the_v0_1_file() {
    let file = fixture("compat-v0.1.toml");
    let run = |args: &[&str]| -> serde_json::Value {
        let (mut cmd, _home) = esign();
        let out = cmd
            .arg("--rules")
            .arg(&file)
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let fee = run(&["fee", "--title", "Dekan", "--cause", "lost"]);
    assert_eq!(fee["payer"], "person");
    assert_eq!(fee["rule"], "duty-person-pays");
    let unlock = run(&["unlock"]);
    assert_eq!(
        unlock["url"],
        "https://onlineislemler.kamusm.gov.tr/landing"
    );
    assert_eq!(unlock["steps"].as_array().unwrap().len(), 5);
}

/// A roster's payer comes from the routine-renewal cause of the 0.1 file (`expiry`).
#[test]
fn roster_payers_come_from_the_v0_1_file() {
    let file = fixture("compat-v0.1.toml");
    let (mut cmd, _home) = esign();
    let out = cmd
        .arg("--rules")
        .arg(&file)
        .args(["roster", "-", "--today", "2025-05-15", "--format", "csv"])
        .write_stdin("name,expiry,duty\nAyşe Yılmaz,2025-06-01,Dekan\nMehmet Öz,10.06.2025,none\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "name,expiry,duty,state,days_left,window_opens,payer,error\n\
         Ayşe Yılmaz,2025-06-01,Dekan,renewal-due,17,2025-05-01,institution,\n\
         Mehmet Öz,10.06.2025,none,renewal-due,26,2025-05-10,person,\n"
    );
}
