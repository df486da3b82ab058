//! `esign unlock|suspend|revoke`, `--open`, `esign open`, completions and the man page.

use std::path::{Path, PathBuf};

use crate::common::*;

const URL: &str = "https://onlineislemler.kamusm.gov.tr/landing";

fn run(args: &[&str]) -> (i32, String, String) {
    let (mut cmd, _home) = esign();
    let out = cmd.args(args).output().unwrap();
    (out.status.code().unwrap(), stdout(&out), stderr(&out))
}

/// The paths of R6 and R7 on the institution's page, damaged letters corrected.
const UNLOCK: [&str; 5] = [
    "NES İşlemleri",
    "Bireysel İşlemler",
    "Başvuru İşlemleri",
    "PIN Oluşturma",
    "Kilit Çözme",
];
const SUSPEND: [&str; 4] = [
    "NES İşlemleri",
    "Bireysel İşlemler",
    "Sertifikamı İptal Et",
    "Askıya Alma",
];
const REVOKE: [&str; 3] = ["NES İşlemleri", "Bireysel İşlemler", "Sertifikamı İptal Et"];

#[test]
fn json_paths_label_by_label_in_both_languages() {
    for lang in ["en", "tr"] {
        for (command, labels) in [
            ("unlock", &UNLOCK[..]),
            ("pin", &UNLOCK[..]),
            ("suspend", &SUSPEND[..]),
            ("lost", &SUSPEND[..]),
            ("stolen", &SUSPEND[..]),
            ("revoke", &REVOKE[..]),
        ] {
            let (code, out, err) = run(&[command, "--json", "--lang", lang]);
            assert_eq!((code, err.as_str()), (0, ""), "{command}");
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(v["steps"], serde_json::json!(labels), "{command} {lang}");
            assert_eq!(v["url"], URL);
            assert_eq!(v["portal"], "KAMU SM Online İşlemler");
            let action = match command {
                "pin" => "unlock",
                "lost" | "stolen" => "suspend",
                other => other,
            };
            assert_eq!(v["action"], action);
        }
    }
}

#[test]
fn ascii_makes_everything_ascii() {
    for lang in ["en", "tr"] {
        for command in ["unlock", "suspend", "revoke"] {
            let (_, out, _) = run(&[command, "--ascii", "--lang", lang]);
            assert!(out.is_ascii(), "{command} {lang}: {out}");
            let path = if lang == "tr" {
                "NES Islemleri -> Bireysel Islemler"
            } else {
                "NES Islemleri (QES transactions) -> Bireysel Islemler"
            };
            assert!(out.contains(path), "{out}");
        }
    }
    let (_, out, _) = run(&["suspend", "--ascii", "--json"]);
    assert!(out.is_ascii());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["steps"],
        serde_json::json!(SUSPEND),
        "JSON labels stay unchanged"
    );
}

#[test]
fn paths_come_from_the_rules() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("r.toml");
    let text = rules_with("\"Kilit Çözme\"] # R6", "\"Kilidi Aç\"] # R6")
        .replacen("login = \"Giriş\"", "login = \"Oturum Aç\"", 1)
        .replacen(
            "\"Create PIN\", \"Unlock\"]",
            "\"Create PIN\", \"Open the lock\"]",
            1,
        );
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = run(&["unlock", "--rules", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("PIN Oluşturma (Create PIN) → Kilidi Aç (Open the lock)"),
        "{out}"
    );
}

/// A fake browser: a script that records each argument on its own line.
#[cfg(unix)]
fn fake_browser(dir: &Path) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let log = dir.join("opened.txt");
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\" >> '{}'; done\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, log)
}

#[cfg(unix)]
#[test]
fn open_runs_the_chosen_browser_with_the_url_only() {
    for (var, args) in [
        ("ESIGN_BROWSER", vec!["unlock", "--open"]),
        ("BROWSER", vec!["suspend", "--open"]),
        ("ESIGN_BROWSER", vec!["revoke", "--open"]),
        ("ESIGN_BROWSER", vec!["open"]),
        ("BROWSER", vec!["open", "unlock"]),
    ] {
        let (mut cmd, home) = esign();
        let (script, log) = fake_browser(home.path());
        let out = cmd.env(var, &script).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            format!("{URL}\n"),
            "{var} {args:?}"
        );
    }
    // $ESIGN_BROWSER wins over $BROWSER.
    let (mut cmd, home) = esign();
    let (script, log) = fake_browser(home.path());
    let out = cmd
        .env("ESIGN_BROWSER", &script)
        .env("BROWSER", "/nonexistent/browser")
        .arg("open")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(log.exists());
}

#[test]
fn no_browser_prints_the_url_and_exits_3() {
    let (mut cmd, home) = esign();
    // An empty PATH: no xdg-open, no browser of any kind.
    let out = cmd
        .env("PATH", home.path())
        .args(["unlock", "--open"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out).ends_with(&format!("{URL}\n")),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("esign: error:") && err.contains("ESIGN_BROWSER"),
        "{err}"
    );

    let (mut cmd, home) = esign();
    let missing = home.path().join("no-such-browser");
    let out = cmd
        .env("ESIGN_BROWSER", &missing)
        .arg("open")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(stdout(&out), format!("{URL}\n"));
    assert!(stderr(&out).contains("no-such-browser"), "{}", stderr(&out));
}

#[test]
fn bash_completions_parse() {
    let (code, out, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(out.contains("esign") && out.contains("unlock"));
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("esign.bash");
    std::fs::write(&file, &out).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success(), "bash -n rejects the completion script");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(out.contains("esign"), "{shell}");
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 3, "{err}");
}

#[test]
fn man_page_is_roff() {
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie") || out.contains(".TH esign"),
        "{}",
        &out[..200.min(out.len())]
    );
    assert!(out.contains("unlock") && out.contains("fee"));
}

#[test]
fn every_help_shows_an_example() {
    for command in [
        "check",
        "fee",
        "unlock",
        "suspend",
        "revoke",
        "open",
        "completions",
        "man",
    ] {
        let (code, out, _) = run(&[command, "--help"]);
        assert_eq!(code, 0, "{command}");
        assert!(
            out.contains(&format!("esign {command}"))
                || out.contains("esign pin")
                || out.contains("esign lost"),
            "{command}: {out}"
        );
    }
    for sub in ["path", "show", "check", "init"] {
        let (_, out, _) = run(&["rules", sub, "--help"]);
        assert!(out.contains("esign rules"), "rules {sub}: {out}");
    }
}
