//! `esign check --cert FILE`: certificates made by openssl, PEM, DER and bundles, the
//! state at an exact instant, old/new pairs, and every kind of bad file.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;
use crate::pki::{Pki, AYSE};

/// Istanbul 01.06.2025 14:32:10 → 01.06.2027 14:32:10.
const FROM: &str = "20250601113210Z";
const UNTIL: &str = "20270601113210Z";

fn check(files: &[&Path], extra: &[&str]) -> (i32, String, String) {
    let (mut cmd, _home) = esign();
    cmd.arg("check");
    for f in files {
        cmd.arg("--cert").arg(f);
    }
    let out = cmd.args(extra).output().unwrap();
    (out.status.code().unwrap(), stdout(&out), stderr(&out))
}

fn check_json(files: &[&Path], extra: &[&str]) -> (i32, serde_json::Value) {
    let (code, out, err) = check(files, &[&["--json"], extra].concat());
    assert!(err.is_empty(), "{err}");
    (code, serde_json::from_str(&out).expect("JSON on stdout"))
}

#[test]
fn turkish_subject_in_both_languages() {
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    // The Turkish and English screens ("T.C. Kimlik No", "Düzenleyen": issue 10 §2) are
    // the cert_pair_before_switch snapshot (not_yet_valid_screens below).
    // --ascii folds the Turkish letters, nothing else.
    let (_, out, _) = check(&[&pem], &["--today", "2027-05-20", "--ascii"]);
    assert!(
        out.is_ascii() && out.contains("Ayse Yilmaz (signing certificate)"),
        "{out}"
    );
}

#[test]
fn every_state_and_its_exit_status() {
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    for (today, state, exit) in [
        ("2025-05-31", "not-yet-valid", 1),
        ("2026-01-01", "valid", 0),
        ("2027-05-01", "renewal-due", 1),
        ("2027-06-02", "expired", 2),
    ] {
        let (code, v) = check_json(&[&pem], &["--today", today]);
        assert_eq!(
            (code, v["state"].as_str().unwrap()),
            (exit, state),
            "{today}"
        );
        assert_eq!(v["certificates"][0]["state"], state, "{today}");
    }
}

#[test]
fn json_has_the_certificate_keys() {
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    let (code, v) = check_json(&[&pem], &["--today", "2027-05-20"]);
    assert_eq!(code, 1);
    // The keys of plain `check` stay.
    for key in [
        "state",
        "expiry",
        "today",
        "days_left",
        "window_opens",
        "lead",
        "headline",
        "actions",
        "reminders",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
    assert_eq!(v["expiry"], "2027-06-01");
    let c = &v["certificates"][0];
    assert_eq!(c["subject"], "Ayşe Yılmaz");
    assert_eq!(c["subject_serial"], "12345678901");
    assert_eq!(c["serial"], "10:01");
    assert_eq!(c["not_before"], "2025-06-01T14:32:10+03:00");
    assert_eq!(c["not_after"], "2027-06-01T14:32:10+03:00");
    assert_eq!(c["signing"], true);
    assert_eq!(c["state"], "renewal-due");
    assert_eq!(c["days_left"], 12);
    assert!(c["issuer"].as_str().unwrap().contains("Hizmet Sağlayıcısı"));
}

#[test]
fn the_exact_instant_decides_expired() {
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    let (code, v) = check_json(&[&pem], &["--now", "2027-06-01T14:32:09+03:00"]);
    assert_eq!(
        (code, v["state"].as_str().unwrap(), v["days_left"].as_i64()),
        (1, "renewal-due", Some(0))
    );
    let (code, v) = check_json(&[&pem], &["--now", "2027-06-01T11:32:11Z"]);
    assert_eq!(
        (code, v["state"].as_str().unwrap(), v["days_left"].as_i64()),
        (2, "expired", Some(0))
    );
    let (_, out, _) = check(
        &[&pem],
        &["--now", "2027-06-01T14:32:11+03:00", "--lang", "tr"],
    );
    assert!(
        out.starts_with(
            "Sertifikanızın süresi bugün, 01.06.2027 14:32:10 (UTC+03) itibarıyla doldu."
        ),
        "{out}"
    );
    // And at the start: one second early is not yet valid.
    let (code, v) = check_json(&[&pem], &["--now", "2025-06-01T14:32:09+03:00"]);
    assert_eq!((code, v["state"].as_str().unwrap()), (1, "not-yet-valid"));
    let (code, v) = check_json(&[&pem], &["--now", "2025-06-01T14:32:10+03:00"]);
    assert_eq!((code, v["state"].as_str().unwrap()), (0, "valid"));
}

#[test]
fn der_with_any_extension() {
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    for name in ["imza.cer", "imza.der", "imza.crt", "imza"] {
        let der = pki.der(&pem, name);
        let (code, v) = check_json(&[&der], &["--today", "2026-01-01"]);
        assert_eq!(
            (code, v["certificates"][0]["subject"].as_str()),
            (0, Some("Ayşe Yılmaz")),
            "{name}"
        );
    }
    // PEM under a .cer name works as well.
    let renamed = pki.dir().join("pem.cer");
    fs::copy(&pem, &renamed).unwrap();
    assert_eq!(check_json(&[&renamed], &["--today", "2026-01-01"]).0, 0);
}

#[test]
fn pem_bundle_most_urgent_subject_wins() {
    let pki = Pki::new();
    let ayse = pki.ayse(FROM, UNTIL);
    let mehmet = pki.issue(
        "/C=TR/serialNumber=98765432109/CN=Mehmet Öztürk",
        "20250101000000Z",
        "20270515000000Z",
        true,
    );
    let bundle = pki.dir().join("bundle.pem");
    let text = format!(
        "comment before\n{}\n{}",
        fs::read_to_string(&ayse).unwrap(),
        fs::read_to_string(&mehmet).unwrap()
    );
    fs::write(&bundle, text).unwrap();
    let (code, v) = check_json(&[&bundle], &["--today", "2027-05-20"]);
    assert_eq!(code, 2, "Mehmet's expired certificate decides: {v}");
    assert_eq!(v["certificates"].as_array().unwrap().len(), 2);
    assert_eq!(v["certificates"][1]["subject"], "Mehmet Öztürk");
    assert_eq!(v["state"], "expired");
    // Two files give the same answer as one bundle.
    assert_eq!(
        check_json(&[&ayse, &mehmet], &["--today", "2027-05-20"]).0,
        2
    );
}

#[test]
fn old_and_new_certificate_say_when_to_switch() {
    let pki = Pki::new();
    let old = pki.ayse(FROM, UNTIL);
    let new = pki.ayse("20270601113210Z", "20300601113210Z");
    // Before the switch: the old one is valid and due, it decides; the new one waits.
    let (code, v) = check_json(&[&new, &old], &["--today", "2027-05-20"]);
    assert_eq!((code, v["state"].as_str().unwrap()), (1, "renewal-due"));
    assert_eq!(v["certificates"][0]["state"], "not-yet-valid");
    assert_eq!(v["switches"][0]["switch_at"], "2027-06-01T14:32:10+03:00");
    assert_eq!(
        v["switches"][0]["old_serial"],
        v["certificates"][1]["serial"]
    );
    let actions = v["actions"].to_string();
    assert!(
        actions.contains("2027-06-01 14:32:10 (UTC+03)")
            && actions.contains("(R3)")
            && actions.contains("(R4)"),
        "{actions}"
    );
    let (_, out, _) = check(&[&old, &new], &["--today", "2027-05-20", "--lang", "tr"]);
    assert!(
        out.contains("01.06.2027 14:32:10 (UTC+03) itibarıyla yeni sertifikaya geçin"),
        "{out}"
    );
    assert!(
        out.starts_with("Sertifikanızın bitiş tarihi 01.06.2027 (12 gün kaldı); yenisi hazır."),
        "{out}"
    );
    assert!(
        out.contains("eski PIN'i yeni kartta denemeyin (R4)"),
        "{out}"
    );
    // Issue 10 §3: R3 and R4 are said once for an old + new pair, not twice.
    assert_eq!(out.matches("(R3)").count(), 1, "{out}");
    assert_eq!(out.matches("(R4)").count(), 1, "{out}");
    assert!(
        !out.contains("Başvuru dönemi"),
        "the renewal is done: {out}"
    );
    // After it: the new one is the newest valid, the expired old one no longer matters.
    let (code, v) = check_json(&[&old, &new], &["--today", "2027-06-10"]);
    assert_eq!((code, v["state"].as_str().unwrap()), (0, "valid"));
    assert_eq!(v["expiry"], "2030-06-01");
}

#[test]
fn today_still_works_with_certificates() {
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    let (code, v) = check_json(&[&pem], &["--today", "01.06.2027"]);
    // That day's first instant, Istanbul time: still before 14:32:10.
    assert_eq!(
        (
            code,
            v["state"].as_str().unwrap(),
            v["now"].as_str().unwrap()
        ),
        (1, "renewal-due", "2027-06-01T00:00:00+03:00")
    );
}

/// Runs check on one bad file and returns the one stderr line.
fn bad(path: &Path) -> String {
    let start = Instant::now();
    let (code, out, err) = check(&[path], &["--today", "2026-01-01"]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "too slow: {:?}",
        start.elapsed()
    );
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("esign: error: "), "{err}");
    assert!(
        err.contains(&path.display().to_string()),
        "names the file: {err}"
    );
    err
}

#[test]
fn every_bad_file_gets_its_own_message() {
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    let der = fs::read(pki.der(&pem, "good.der")).unwrap();
    let d = pki.dir();
    let write = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        fs::write(&p, bytes).unwrap();
        p
    };

    assert!(bad(&d.join("missing.pem")).contains("no such file"));
    assert!(bad(d).contains("is a folder"));
    assert!(bad(&write("empty.cer", b"")).contains("it is empty"));
    assert!(bad(&write(
        "text.cer",
        "Merhaba, bu bir sertifika değil.\n".as_bytes()
    ))
    .contains("not a certificate"));
    assert!(bad(&write("cut.der", &der[..der.len() / 2])).contains("truncated"));

    let text = fs::read_to_string(&pem).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[3] = "!!!! this line is not base64 !!!!".to_owned();
    assert!(bad(&write("broken.pem", lines.join("\n").as_bytes())).contains("broken body"));
    // A PEM cut in the middle of its body (no END line).
    let half: String = text.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(bad(&write("half.pem", half.as_bytes())).contains("broken body"));

    assert!(bad(&pki.key(1)).contains("private key"));
    let key_der = d.join("key.der");
    crate::pki::run(
        "openssl",
        &[
            "pkey", "-in", "k1.pem", "-outform", "DER", "-out", "key.der",
        ],
        d,
    );
    assert!(bad(&key_der).contains("private key"));

    // 50 MB of noise: refused fast, never read whole.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let noise: Vec<u8> = (0..50 * 1024 * 1024 / 8)
        .flat_map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()
        })
        .collect();
    assert!(bad(&write("noise.bin", &noise)).contains("too large"));
    // A smaller random file is parsed and refused too.
    assert!(bad(&write("noise.cer", &noise[..100_000])).contains("not"));
}

#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    fs::set_permissions(&pem, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&pem).is_ok() {
        // Running as root: permissions do not stop reading; the folder case covers "cannot read".
        assert!(bad(pki.dir()).contains("is a folder"));
        return;
    }
    assert!(bad(&pem).contains("permission denied"));
}

#[test]
fn exactly_one_input_is_required() {
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    let (mut cmd, _home) = esign();
    let out = cmd.args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["check", "--expiry", "2027-06-01", "--cert"])
        .arg(&pem)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["check", "--module", "/x.so", "--expiry", "2027-06-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "--module needs --card");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    let bin = assert_cmd::cargo::cargo_bin("esign");
    let mut child = std::process::Command::new(bin)
        .args(["check", "--today", "2027-05-20", "--cert"])
        .arg(&pem)
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code().is_some(), "not killed by a signal");
    let _ = AYSE;
}

/// Issue 10 follow-up: the not-yet-valid state as screens, in both languages: a new
/// certificate alone before its start, and an old + new pair before the switch (R3/R4
/// said once).
#[test]
fn not_yet_valid_screens() {
    let pki = Pki::new();
    let old = pki.ayse(FROM, UNTIL);
    let new = pki.ayse("20270601113210Z", "20300601113210Z");
    let dir = pki.dir().display().to_string();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let runs: [(&str, Vec<&str>); 2] = [
        (
            "cert_not_yet_valid",
            vec!["check", "--cert", new, "--now", "2027-05-30T09:00:00+03:00"],
        ),
        (
            "cert_pair_before_switch",
            vec![
                "check",
                "--cert",
                old,
                "--cert",
                new,
                "--today",
                "2027-05-20",
            ],
        ),
    ];
    for (name, args) in runs {
        let mut all = String::new();
        for lang in ["tr", "en"] {
            let args = [&args[..], &["--lang", lang]].concat();
            let (mut cmd, _home) = esign();
            let out = cmd.args(&args).output().unwrap();
            all.push_str(&crate::screens::shown(&args, &out, &[(&dir, "[PKI]")]));
            all.push('\n');
        }
        insta::assert_snapshot!(name, all);
    }
}
