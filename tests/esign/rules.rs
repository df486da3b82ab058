//! `esign rules`: which file is in effect, showing, checking and installing it.

use std::fs;
use std::path::Path;

use crate::common::*;

const EMBEDDED: &str = include_str!("../../rules.toml");

fn config_file(home: &Path) -> std::path::PathBuf {
    home.join(".config").join("esign").join("rules.toml")
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Each source carries a different lead so the window tells which one was used.
#[test]
fn discovery_order_flag_env_config_embedded() {
    let home = tempfile::tempdir().unwrap();
    let flag = home.path().join("flag.toml");
    let env = home.path().join("env.toml");
    write(
        &flag,
        &rules_with("lead = \"1 month\"", "lead = \"10 days\""),
    );
    write(
        &env,
        &rules_with("lead = \"1 month\"", "lead = \"2 weeks\""),
    );
    write(
        &config_file(home.path()),
        &rules_with("lead = \"1 month\"", "lead = \"3 months\""),
    );
    let lead = |flag_arg: bool, env_var: bool| -> String {
        let mut cmd = esign_in(home.path());
        if flag_arg {
            cmd.arg("--rules").arg(&flag);
        }
        if env_var {
            cmd.env("ESIGN_RULES", &env);
        }
        let out = cmd
            .args([
                "check",
                "--expiry",
                "2025-06-01",
                "--today",
                "2025-01-01",
                "--json",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["lead"].as_str().unwrap().to_owned()
    };
    assert_eq!(lead(true, true), "10 days", "flag over env");
    assert_eq!(lead(false, true), "2 weeks", "env over config");
    assert_eq!(lead(false, false), "3 months", "config over embedded");
    fs::remove_file(config_file(home.path())).unwrap();
    assert_eq!(lead(false, false), "1 month", "embedded last");
}

#[test]
fn path_names_the_source() {
    let (mut cmd, home) = esign();
    let out = stdout(&cmd.args(["rules", "path"]).output().unwrap());
    assert!(out.starts_with("embedded default rules"), "{out}");
    let file = home.path().join("mine.toml");
    write(&file, EMBEDDED);
    let mut cmd = esign_in(home.path());
    let out = stdout(
        &cmd.env("ESIGN_RULES", &file)
            .args(["rules", "path"])
            .output()
            .unwrap(),
    );
    assert!(
        out.contains(file.to_str().unwrap()) && out.contains("$ESIGN_RULES"),
        "{out}"
    );
    let mut cmd = esign_in(home.path());
    let out = cmd
        .args(["rules", "path", "--rules", file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["source"].as_str(), v["path"].as_str()),
        (Some("--rules"), file.to_str())
    );
}

#[test]
fn show_prints_the_file_exactly() {
    let (mut cmd, home) = esign();
    let out = cmd.args(["rules", "show"]).output().unwrap();
    assert_eq!(stdout(&out), EMBEDDED, "comments included");
    let file = home.path().join("x.toml");
    let custom = rules_with("lead = \"1 month\"", "lead = \"10 days\" # ours");
    write(&file, &custom);
    let mut cmd = esign_in(home.path());
    assert_eq!(
        stdout(
            &cmd.args(["rules", "show", "--rules"])
                .arg(&file)
                .output()
                .unwrap()
        ),
        custom
    );
}

#[test]
fn check_says_ok_or_every_problem_with_line_and_column() {
    let (mut cmd, home) = esign();
    let out = cmd.args(["rules", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("ok"));

    let bad = home.path().join("bad.toml");
    let text = rules_with("lead = \"1 month\"", "lead = \"1 fortnight\"")
        .replacen(
            "timezone = \"Europe/Istanbul\"",
            "timezone = \"Mars/Olympus\"",
            1,
        )
        .replacen("url = \"https://", "url = \"http://", 1);
    write(&bad, &text);
    let mut cmd = esign_in(home.path());
    let out = cmd.args(["rules", "check"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 3, "{err}");
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let name = bad.display().to_string();
    assert!(
        err.contains(&format!(
            "{name}:{}:8: \"1 fortnight\" is not a lead time",
            line("fortnight")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}:{}:12: \"Mars/Olympus\" is not a known time zone",
            line("Mars")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}:{}:7: \"url\" in [portal] must start with https://",
            line("http://")
        )),
        "{err}"
    );
}

#[test]
fn every_rules_file_error_kind_is_located() {
    let cases = [
        (
            "[pin]\n",
            "[pin]\nextra = true\n",
            "extra",
            "unknown key \"extra\" in [pin]",
        ),
        (
            "max_attempts = 3",
            "max_attempts = \"three\"",
            "three",
            "must be an integer, not a string",
        ),
        (
            "lead = \"1 month\"",
            "lead = \"monthly\"",
            "monthly",
            "not a lead time",
        ),
        (
            "timezone = \"Europe/Istanbul\"",
            "timezone = \"Istanbul\"",
            "\"Istanbul\"",
            "not a known time zone",
        ),
        (
            "url = \"https://",
            "url = \"ftp://",
            "ftp://",
            "must start with https://",
        ),
        (
            "revoke = [\"NES İşlemleri\", \"Bireysel İşlemler\", \"Sertifikamı İptal Et\"]\n",
            "revoke = []\n",
            "revoke = []",
            "must not be empty",
        ),
        ("[pin]", "[pin", "[pin", "TOML syntax"),
    ];
    for (from, to, at, words) in cases {
        let (mut cmd, home) = esign();
        let text = rules_with(from, to);
        let file = home.path().join("r.toml");
        write(&file, &text);
        let out = cmd
            .args(["check", "--expiry", "2025-06-01", "--rules"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{to}");
        let err = stderr(&out);
        let line = text.lines().position(|l| l.contains(at)).unwrap() + 1;
        assert!(err.contains(&format!("r.toml:{line}:")), "{to}: {err}");
        assert!(err.contains(words), "{to}: {err}");
    }
}

#[test]
fn missing_or_unreadable_rules_files_are_errors_not_fallbacks() {
    let (mut cmd, home) = esign();
    let out = cmd
        .env("ESIGN_RULES", home.path().join("nope.toml"))
        .args(["check", "--expiry", "2025-06-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("nope.toml") && err.contains("$ESIGN_RULES"),
        "{err}"
    );
    let file = home.path().join("latin.toml");
    fs::write(&file, b"[institution]\nname = \"\xdcniversite\"\n").unwrap();
    let mut cmd = esign_in(home.path());
    let out = cmd.args(["rules", "check"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
}

#[test]
fn init_writes_the_default_and_refuses_to_overwrite() {
    let (mut cmd, home) = esign();
    let out = cmd.args(["rules", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = config_file(home.path());
    assert_eq!(fs::read_to_string(&path).unwrap(), EMBEDDED);

    fs::write(&path, "# mine\n").unwrap();
    let mut cmd = esign_in(home.path());
    let out = cmd.args(["rules", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&path).unwrap(), "# mine\n", "untouched");

    let mut cmd = esign_in(home.path());
    assert_eq!(
        cmd.args(["rules", "init", "--force"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(0)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), EMBEDDED);
    let mut cmd = esign_in(home.path());
    let out = stdout(&cmd.args(["rules", "path"]).output().unwrap());
    assert!(
        out.contains(path.to_str().unwrap()) && out.contains("config file"),
        "{out}"
    );
}

#[test]
fn a_broken_config_file_is_reported_not_ignored() {
    let (mut cmd, home) = esign();
    write(&config_file(home.path()), "[institution\n");
    let out = cmd
        .args(["check", "--expiry", "2025-06-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("esign/rules.toml:1:"),
        "{}",
        stderr(&out)
    );
}

/// The institution's file (`esign/rules.toml` under `$XDG_CONFIG_DIRS`, first folder that
/// has one wins) sits between the user's config file and the embedded default.
#[test]
fn system_file_comes_after_the_users_file_and_before_the_embedded_one() {
    let home = tempfile::tempdir().unwrap();
    let first = home.path().join("first");
    let second = home.path().join("second");
    let system_first = first.join("esign").join("rules.toml");
    let system_second = second.join("esign").join("rules.toml");
    write(
        &system_second,
        &rules_with("lead = \"1 month\"", "lead = \"6 weeks\""),
    );
    write(
        &config_file(home.path()),
        &rules_with("lead = \"1 month\"", "lead = \"3 months\""),
    );
    // A relative entry is ignored, as the XDG convention says; a missing folder is skipped.
    let dirs = format!("relative/dir:{}:{}", first.display(), second.display());
    let run = |args: &[&str]| {
        let mut cmd = esign_in(home.path());
        cmd.env("XDG_CONFIG_DIRS", &dirs)
            .args(args)
            .output()
            .unwrap()
    };
    let lead = || {
        let out = run(&[
            "check",
            "--expiry",
            "2025-06-01",
            "--today",
            "2025-01-01",
            "--json",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["lead"].as_str().unwrap().to_owned()
    };
    assert_eq!(lead(), "3 months", "the user's file over the system file");
    fs::remove_file(config_file(home.path())).unwrap();
    assert_eq!(lead(), "6 weeks", "the system file over the embedded one");
    let path = stdout(&run(&["rules", "path"]));
    assert_eq!(
        path,
        format!("{} (from system config file)\n", system_second.display())
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["rules", "path", "--json"]).stdout).unwrap();
    assert_eq!(json["source"], "system config file");
    write(
        &system_first,
        &rules_with("lead = \"1 month\"", "lead = \"2 weeks\""),
    );
    assert_eq!(
        lead(),
        "2 weeks",
        "the first folder of $XDG_CONFIG_DIRS wins"
    );
    fs::remove_file(&system_first).unwrap();
    fs::remove_file(&system_second).unwrap();
    assert_eq!(lead(), "1 month", "embedded last");
    let path = stdout(&run(&["rules", "path"]));
    assert!(path.starts_with("embedded default rules (no "), "{path}");
    assert!(path.contains(&system_first.display().to_string()), "{path}");
}

#[test]
fn a_broken_system_file_is_reported_not_ignored() {
    let (mut cmd, home) = esign();
    let system = home.path().join("etc-xdg").join("esign").join("rules.toml");
    write(&system, "[renewal]\nlead = 3\n");
    let out = cmd.args(["rules", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "show prints it as written");
    let mut cmd = esign_in(home.path());
    let out = cmd
        .args(["check", "--expiry", "2025-06-01", "--today", "2025-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:2:8:", system.display())), "{err}");
}

#[test]
fn init_copies_the_institutions_file_when_there_is_one() {
    let (mut cmd, home) = esign();
    let system = home.path().join("etc-xdg").join("esign").join("rules.toml");
    let institution = rules_with("lead = \"1 month\"", "lead = \"6 weeks\"");
    write(&system, &institution);
    let out = cmd.args(["rules", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("copied the institution's rules from "),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        fs::read_to_string(config_file(home.path())).unwrap(),
        institution
    );
    let mut cmd = esign_in(home.path());
    let out = stdout(&cmd.args(["rules", "path"]).output().unwrap());
    assert!(out.ends_with("(from config file)\n"), "{out}");
}
