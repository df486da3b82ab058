//! Helpers shared by the end-to-end tests.

use std::path::Path;

use assert_cmd::Command;

/// The real binary with a clean environment: no locale, no rules, no config, no colour
/// surprises. `home` becomes `$HOME` so the user's config file is never read, and the
/// system-wide folders (`$XDG_CONFIG_DIRS`) point into it so `/etc/xdg` is never read.
pub fn esign_in(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("esign").expect("the esign binary is built");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CONFIG_DIRS", home.join("etc-xdg"));
    cmd
}

/// The real binary in a fresh temporary home. Keep the returned directory alive.
pub fn esign() -> (Command, tempfile::TempDir) {
    let home = tempfile::tempdir().expect("a temporary folder");
    (esign_in(home.path()), home)
}

/// The embedded rules with one piece of text replaced (it must occur).
pub fn rules_with(from: &str, to: &str) -> String {
    let text = include_str!("../../rules.toml");
    assert!(text.contains(from), "{from:?} is not in rules.toml");
    text.replacen(from, to, 1)
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// The external programs the end-to-end tests drive, with what scripts/test installs.
const TOOLS: &[(&str, &[&str], &str)] = &[
    ("openssl", &["version"], "openssl"),
    ("softhsm2-util", &["--version"], "softhsm2"),
    ("pkcs11-tool", &["--help"], "opensc"),
    ("gcc", &["--version"], "gcc"),
    ("groff", &["--version"], "groff-base"),
    ("tmux", &["-V"], "tmux"),
    (
        "python3",
        &["-c", "import icalendar"],
        "python3 and its icalendar package",
    ),
];

/// Checks once, for the whole test run, that every external tool is there, and fails
/// with one message naming all that are missing (instead of one panic per test).
pub fn tools() {
    static MISSING: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let missing = MISSING.get_or_init(|| {
        TOOLS
            .iter()
            .filter(|(program, args, _)| {
                !std::process::Command::new(program)
                    .args(*args)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success() || *program == "pkcs11-tool")
            })
            .map(|(program, _, package)| format!("{program} ({package})"))
            .collect()
    });
    assert!(
        missing.is_empty(),
        "the end-to-end tests need tools that are missing: {}. Run the tests with scripts/test, which installs them",
        missing.join(", ")
    );
}
