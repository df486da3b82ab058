//! `esign fee`: every cell of the default matrix, titles, unknown ids, the table.

use crate::common::*;

fn fee_json(args: &[&str]) -> (i32, serde_json::Value, String) {
    let (mut cmd, _home) = esign();
    let out = cmd.arg("fee").args(args).arg("--json").output().unwrap();
    let value = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap(), value, stderr(&out))
}

const DUTIES: [&str; 4] = ["active", "ended", "none", "left"];
const CAUSES: [&str; 7] = [
    "expiry",
    "lost",
    "stolen",
    "user-damage",
    "defect",
    "pin-puk-block",
    "identity-update",
];

/// R8: duty + lost/stolen/user fault/PIN-PUK/identity → person, revoke first (suspend before for loss, R7).
/// R9: duty otherwise → institution. R10: no duty (ended, none, left) → person.
fn expected(duty: &str, cause: &str) -> (&'static str, Vec<&'static str>, &'static str) {
    let requires = match cause {
        "lost" | "stolen" => vec!["suspend", "revoke"],
        "user-damage" | "pin-puk-block" | "identity-update" => vec!["revoke"],
        _ => vec![],
    };
    match (duty, cause) {
        ("active", "expiry" | "defect") => ("institution", requires, "R9"),
        ("active", _) => ("person", requires, "R8"),
        _ => ("person", requires, "R10"),
    }
}

#[test]
fn every_cell_of_the_default_matrix() {
    for duty in DUTIES {
        for cause in CAUSES {
            let (code, v, err) = fee_json(&["--duty", duty, "--cause", cause]);
            assert_eq!(code, 0, "{duty} × {cause}: {err}");
            let (payer, requires, source) = expected(duty, cause);
            assert_eq!(v["duty"], duty);
            assert_eq!(v["cause"], cause);
            assert_eq!(v["payer"], payer, "{duty} × {cause}");
            assert_eq!(
                v["requires"],
                serde_json::json!(requires),
                "{duty} × {cause}"
            );
            assert!(
                v["source"].as_str().unwrap().starts_with(source),
                "{duty} × {cause}: {}",
                v["source"]
            );
            assert!(v["rule"].is_string() && v["notes"].is_array());
        }
    }
}

#[test]
fn table_json_has_every_pair_once() {
    let (code, v, _) = fee_json(&["--table"]);
    assert_eq!(code, 0);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 28);
    for row in rows {
        let (payer, requires, _) = expected(
            row["duty"].as_str().unwrap(),
            row["cause"].as_str().unwrap(),
        );
        assert_eq!(row["payer"], payer);
        assert_eq!(row["requires"], serde_json::json!(requires));
    }
}

#[test]
fn notes_for_ended_and_left_duties() {
    let (_, v, _) = fee_json(&["--duty", "ended", "--cause", "expiry"]);
    assert!(v["notes"][0].as_str().unwrap().contains("(R11)"));
    let (_, v, _) = fee_json(&["--duty", "left", "--cause", "expiry", "--lang", "tr"]);
    let notes: Vec<&str> = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    // R11 says only that the e-signature stays usable: nothing about the institution
    // refusing to renew it (issue 10 §3).
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("(R11)"), "{notes:?}");
    assert!(!notes.iter().any(|n| n.contains("yenilemez")), "{notes:?}");
}

#[test]
fn titles_match_the_turkish_way() {
    for title in [
        "DEKAN",
        "dekan",
        "Dekan",
        "Bölüm başkanı",
        "BÖLÜM BAŞKANI",
        "genel sekreter",
    ] {
        let (code, v, err) = fee_json(&["--title", title, "--cause", "expiry"]);
        assert_eq!(code, 0, "{title}: {err}");
        assert_eq!(v["duty"], "active", "{title}");
        assert_eq!(v["payer"], "institution");
    }
}

#[test]
fn unknown_duty_cause_and_title_list_the_valid_ids() {
    let (code, _, err) = fee_json(&["--duty", "boss", "--cause", "lost"]);
    assert_eq!(code, 3);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("\"boss\"")
            && err.contains("\"active\" (Has an administrative duty)")
            && err.contains("\"left\" ("),
        "{err}"
    );
    let (code, _, err) = fee_json(&["--duty", "active", "--cause", "flood"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("\"flood\"") && err.contains("\"pin-puk-block\" (PIN-PUK block)"),
        "{err}"
    );
    let (code, _, err) = fee_json(&["--title", "Kahraman", "--cause", "lost"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("\"Kahraman\"") && err.contains("--duty"),
        "{err}"
    );
    let (code, _, err) = fee_json(&["--duty", "active"]);
    assert_eq!(code, 3);
    assert!(err.contains("--cause"), "{err}");
    let (code, _, err) = fee_json(&["--duty", "active", "--title", "Dekan", "--cause", "lost"]);
    assert_eq!(code, 3, "{err}");
}

#[test]
fn text_table_in_both_languages_and_into_a_closed_pipe() {
    let (mut cmd, _home) = esign();
    let out = stdout(&cmd.args(["fee", "--table"]).output().unwrap());
    assert_eq!(
        out.lines().filter(|l| l.contains(" rule R")).count(),
        28,
        "{out}"
    );
    let (mut cmd, _home) = esign();
    let out = stdout(
        &cmd.args(["fee", "--table", "--lang", "tr"])
            .output()
            .unwrap(),
    );
    assert!(
        out.contains("Kayıp kart") && out.contains("önce: askıya alma, iptal"),
        "{out}"
    );

    // `esign fee --table | head -1`: no error when the reader goes away.
    let home = tempfile::tempdir().unwrap();
    let script = format!(
        "'{}' fee --table | head -1",
        assert_cmd::cargo::cargo_bin("esign").display()
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var_os("PATH").unwrap())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

fn rules_file(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("fees.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_gap_in_custom_rules_names_the_pairs() {
    let (mut cmd, home) = esign();
    let text = rules_with("causes = [\"expiry\", \"defect\"]", "causes = [\"expiry\"]");
    let path = rules_file(home.path(), &text);
    let out = cmd.args(["rules", "check"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    let line = text.lines().position(|l| l == "[[fee]]").unwrap() + 1;
    assert!(err.contains(&format!("fees.toml:{line}:")), "{err}");
    assert!(err.contains("no fee rule covers active × defect"), "{err}");
}

#[test]
fn an_overlap_in_custom_rules_names_both_rules_and_the_line() {
    let (mut cmd, home) = esign();
    let text = rules_with(
        "duties = [\"ended\", \"none\", \"left\"]",
        "duties = [\"ended\", \"none\", \"left\", \"active\"]",
    );
    let path = rules_file(home.path(), &text);
    let out = cmd
        .args(["fee", "--duty", "none", "--cause", "lost", "--rules"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    let third = text
        .match_indices("[[fee]]")
        .nth(2)
        .map(|(i, _)| text[..i].lines().count() + 1)
        .unwrap();
    assert!(err.contains(&format!("fees.toml:{third}:")), "{err}");
    assert!(
        err.contains("\"duty-person-pays\"") && err.contains("\"no-duty-person-pays\""),
        "{err}"
    );
    assert!(
        err.contains("active × lost") && err.contains("active × expiry"),
        "{err}"
    );
}

#[test]
fn unknown_ids_in_fee_rules_are_errors() {
    let (mut cmd, home) = esign();
    let text = rules_with(
        "causes = [\"expiry\", \"defect\"]",
        "causes = [\"expiry\", \"defect\", \"flood\"]",
    );
    let path = rules_file(home.path(), &text);
    let out = cmd.args(["rules", "check"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    let line = text.lines().position(|l| l.contains("\"flood\"")).unwrap() + 1;
    assert!(
        err.contains(&format!("fees.toml:{line}:")) && err.contains("unknown cause \"flood\""),
        "{err}"
    );
}

/// Issue 10 §4: titles without an administrative duty map to `none` (a list in the
/// rules, R10), "yok", "none" and "-" are other names of `none`, matching folds i/ı/İ/I
/// together, and a title in no list stays unknown (exit 3).
#[test]
fn titles_as_turkish_staff_type_them() {
    for (title, duty) in [
        ("Prof. Dr.", "none"),
        ("doç. dr.", "none"),
        ("Dr. Öğr. Üyesi", "none"),
        ("ARAŞTIRMA GÖREVLİSİ", "none"),
        ("Şef", "none"),
        ("yok", "none"),
        ("none", "none"),
        ("-", "none"),
        ("bölüm başkani", "active"),
        ("BOLUM BASKANI", "active"),
    ] {
        let (code, v, err) = fee_json(&["--title", title, "--cause", "expiry"]);
        if title == "BOLUM BASKANI" {
            // Without Turkish letters at all it is another word: unknown, not guessed.
            assert_eq!(code, 3, "{title}: {err}");
            continue;
        }
        assert_eq!(code, 0, "{title}: {err}");
        assert_eq!(v["duty"], duty, "{title}");
    }
    let (code, _, err) = fee_json(&["--title", "Kral", "--cause", "expiry"]);
    assert_eq!(code, 3);
    assert!(err.contains("\"Kral\""), "{err}");
}

/// A rules file written for 0.1 (no titles for `none`) takes the embedded list.
#[test]
fn titles_of_none_reach_old_rules_files() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules/compat-v0.1.toml");
    let (code, v, err) = fee_json(&[
        "--title",
        "Arş. Gör.",
        "--cause",
        "expiry",
        "--rules",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["duty"], "none");
}

/// Issue 10 §3: for a lost or stolen card, R11's "usable until it expires" is not
/// shown straight after "suspend and revoke it now".
#[test]
fn no_r11_note_after_suspend_and_revoke() {
    for duty in ["ended", "left"] {
        let (code, v, _) = fee_json(&["--duty", duty, "--cause", "lost"]);
        assert_eq!(code, 0);
        assert_eq!(v["notes"].as_array().map(Vec::len), Some(0), "{duty}: {v}");
        let (mut cmd, _home) = esign();
        let out = stdout(
            &cmd.args(["fee", "--duty", duty, "--cause", "stolen", "--lang", "tr"])
                .output()
                .unwrap(),
        );
        assert!(!out.contains("(R11)"), "{out}");
    }
    let (_, v, _) = fee_json(&["--duty", "left", "--cause", "expiry"]);
    assert!(v["notes"][0].as_str().unwrap().contains("(R11)"));
}
