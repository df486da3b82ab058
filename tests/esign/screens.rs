//! Snapshots of every screen, in Turkish, English and `--ascii`: exit status, stdout and
//! stderr of the real binary on a fixed day. The files are in `tests/esign/snapshots/`;
//! a change shows as a diff. To accept one: `INSTA_UPDATE=always cargo test --test esign
//! screens` (or `cargo insta review`), then read the `.snap` files before committing.
//! CI never writes them (insta does not update snapshots when `CI` is set).

use std::path::Path;

use crate::common::*;

const TODAY: &str = "2025-05-20";

/// One run, as a screen: the exit status, then stdout and stderr. Temporary paths and
/// the repository's path are replaced, so the snapshot is the same on every machine.
fn screen(home: &Path, args: &[&str]) -> String {
    let out = esign_in(home)
        .env("ESIGN_BROWSER", "false")
        // The day through the environment: `--today` is refused by commands that do not
        // depend on it (issue 10 §5).
        .env("ESIGN_TODAY", TODAY)
        .args(args)
        .output()
        .expect("esign runs");
    shown(args, &out, &[(&home.display().to_string(), "[HOME]")])
}

/// A run as a screen: the command, exit status, stdout and stderr, with each `(from, to)`
/// replaced and the repository's path shown as `[REPO]`. Other test files snapshot
/// their own runs (a card, a certificate pair) with it.
pub(crate) fn shown(args: &[&str], out: &std::process::Output, replace: &[(&str, &str)]) -> String {
    let repo = env!("CARGO_MANIFEST_DIR");
    let tidy = |s: String| {
        let mut s = s.replace(repo, "[REPO]");
        for (from, to) in replace {
            s = s.replace(from, to);
        }
        s
    };
    format!(
        "$ esign {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        tidy(args.join(" ")),
        out.status.code().unwrap_or(-1),
        tidy(stdout(out)),
        tidy(stderr(out)),
    )
}

/// The same run in Turkish, English and Turkish with `--ascii`, as one snapshot.
fn three_ways(home: &Path, args: &[&str]) -> String {
    let mut all = String::new();
    for extra in [
        &["--lang", "tr"][..],
        &["--lang", "en"],
        &["--lang", "tr", "--ascii"],
    ] {
        let args: Vec<&str> = args.iter().chain(extra).copied().collect();
        all.push_str(&screen(home, &args));
        all.push('\n');
    }
    all
}

macro_rules! screens {
    ($($name:ident: [$($arg:expr),*];)*) => {
        $(
            #[test]
            fn $name() {
                let home = tempfile::tempdir().unwrap();
                let args: &[&str] = &[$($arg),*];
                insta::assert_snapshot!(stringify!($name), three_ways(home.path(), args));
            }
        )*
    };
}

screens! {
    check_valid: ["check", "--expiry", "2025-09-01"];
    check_renewal_due: ["check", "--expiry", "2025-06-01"];
    check_renewal_due_last_day: ["check", "--expiry", "2025-05-20"];
    check_expired: ["check", "--expiry", "2025-05-19"];
    check_expired_long_ago: ["check", "--expiry", "01.03.2025"];
    check_slash_date_month_first: ["check", "--expiry", "6/13/2025"];
    check_bad_date: ["check", "--expiry", "32.13.2025"];
    check_missing_input: ["check"];
    check_missing_file: ["check", "--cert", "/nonexistent/imza.cer"];
    check_json: ["check", "--expiry", "2025-06-01", "--json"];
    fee_single: ["fee", "--duty", "active", "--cause", "lost"];
    fee_routine: ["fee", "--title", "Dekan", "--cause", "expiry"];
    fee_left: ["fee", "--duty", "left", "--cause", "expiry"];
    fee_pin_puk: ["fee", "--duty", "active", "--cause", "pin-puk-block"];
    fee_table: ["fee", "--table"];
    fee_unknown_title: ["fee", "--title", "Kral", "--cause", "lost"];
    unlock: ["unlock"];
    suspend: ["suspend"];
    revoke: ["revoke"];
    card_no_module: ["card", "--module", "/nonexistent/libakisp11.so"];
    rules_path: ["rules", "path"];
    rules_check_ok: ["rules", "check"];
    rules_show_ascii_refused: ["rules", "show", "--ascii"];
    remind_bad_date: ["remind", "--expiry", "yarın"];
    usage_unknown_option: ["check", "--expiry", "2025-06-01", "--bogus"];
    usage_unknown_command: ["chek"];
    format_not_written: ["unlock", "--format", "csv"];
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn roster_text() {
    let home = tempfile::tempdir().unwrap();
    let file = fixture("comma.csv");
    insta::assert_snapshot!("roster_text", three_ways(home.path(), &["roster", &file]));
}

#[test]
fn roster_by_month() {
    let home = tempfile::tempdir().unwrap();
    let file = fixture("by-month.csv");
    insta::assert_snapshot!(
        "roster_by_month",
        three_ways(home.path(), &["roster", &file, "--by-month"])
    );
}

#[test]
fn roster_bad_rows() {
    let home = tempfile::tempdir().unwrap();
    let file = fixture("bad-rows.csv");
    insta::assert_snapshot!(
        "roster_bad_rows",
        three_ways(home.path(), &["roster", &file])
    );
}

#[test]
fn rules_check_errors() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.toml");
    std::fs::write(&file, "[institution]\nname = 1\n").unwrap();
    let file = file.display().to_string();
    insta::assert_snapshot!(
        "rules_check_errors",
        three_ways(home.path(), &["rules", "check", &file])
    );
}

/// The repository's rules with the given replacements, written to `home/name`.
fn broken_rules(home: &Path, name: &str, changes: &[(&str, &str)]) -> String {
    let mut text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules.toml")).unwrap();
    for (from, to) in changes {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let file = home.join(name);
    std::fs::write(&file, text).unwrap();
    file.display().to_string()
}

/// The cross-field checks (issue 10: Turkish under Turkish): time zone, URL, lead,
/// card rows, routine cause.
#[test]
fn rules_check_cross_field() {
    let home = tempfile::tempdir().unwrap();
    let file = broken_rules(
        home.path(),
        "cross.toml",
        &[
            ("timezone = \"Europe/Istanbul\"", "timezone = \"Mars/Base\""),
            ("url = \"https://", "url = \"http://"),
            (
                "lead = \"1 month\"",
                "lead = \"1 moon\"\nroutine_cause = \"yenileme\"",
            ),
            ("kind = \"id-card\"", "kind = \"usb\""),
            (
                "prefix = \"3B 9F 97 81 31 FE 45 80 65 54 43\"",
                "prefix = \"3B 9\"",
            ),
            ("historical = \"55 45 4B 41 45\"", "name2 = \"x\""),
        ],
    );
    insta::assert_snapshot!(
        "rules_check_cross_field",
        three_ways(home.path(), &["rules", "check", &file])
    );
}

/// Fee coverage: a pair no rule covers and a pair two rules cover.
#[test]
fn rules_check_fee_coverage() {
    let home = tempfile::tempdir().unwrap();
    let file = broken_rules(
        home.path(),
        "fees.toml",
        &[
            (
                "duties = [\"ended\", \"none\", \"left\"]",
                "duties = [\"ended\", \"none\"]",
            ),
            (
                "causes = [\"expiry\", \"defect\"]",
                "causes = [\"expiry\", \"defect\", \"lost\"]",
            ),
        ],
    );
    insta::assert_snapshot!(
        "rules_check_fee_coverage",
        three_ways(home.path(), &["rules", "check", &file])
    );
}

/// TOML's own syntax errors: our Turkish sentence, the parser's words quoted.
#[test]
fn rules_check_syntax() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("syntax.toml");
    std::fs::write(&file, "[institution\nname = \"x\"\n").unwrap();
    let file = file.display().to_string();
    insta::assert_snapshot!(
        "rules_check_syntax",
        three_ways(home.path(), &["rules", "check", &file])
    );
}

#[test]
fn remind_to_a_file() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("r.ics").display().to_string();
    insta::assert_snapshot!(
        "remind_to_a_file",
        three_ways(
            home.path(),
            &["remind", "--expiry", "2026-06-01", "-o", &file]
        )
    );
}

#[test]
fn help_check() {
    let home = tempfile::tempdir().unwrap();
    insta::assert_snapshot!("help_check", three_ways(home.path(), &["check", "--help"]));
}

/// `roster` and `notify` share their reading arguments (one `RosterInput`): the same
/// words in both, in both languages.
#[test]
fn help_roster_and_notify() {
    let home = tempfile::tempdir().unwrap();
    insta::assert_snapshot!(
        "help_roster",
        three_ways(home.path(), &["roster", "--help"])
    );
    insta::assert_snapshot!(
        "help_notify",
        three_ways(home.path(), &["notify", "--help"])
    );
}
