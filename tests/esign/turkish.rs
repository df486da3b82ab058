//! Issue 10: under `--lang tr`, every command and every error path speaks Turkish.
//! Each run's stdout and stderr are searched for English words from a kept list; exempt
//! are quoted input, option and variable names, paths, ids in brackets and example
//! command lines. Help has no stray backticks in either language.

use std::path::Path;

use crate::common::*;

/// English words that must not appear in Turkish output (whole words, any case).
const ENGLISH: &[&str] = &[
    "error",
    "warning",
    "note",
    "line",
    "column",
    "expected",
    "the",
    "file",
    "not",
    "is",
    "cannot",
    "found",
    "usage",
    "options",
    "option",
    "help",
    "print",
    "default",
    "values",
    "see",
    "use",
    "must",
    "invalid",
    "unknown",
    "missing",
    "required",
    "argument",
    "and",
    "or",
    "of",
    "to",
    "from",
    "with",
    "read",
    "write",
    "wrote",
    "token",
    "such",
    "no",
    "folder",
    "permission",
    "denied",
    "commands",
    "command",
    "examples",
    "example",
    "possible",
    "apply",
    "renewal",
    "expires",
    "expired",
    "left",
    "days",
    "ago",
    "today",
    "who",
    "pays",
    "person",
    "institution",
    "window",
    "opens",
    "lead",
    "card",
    "certificate",
    "roster",
    "rules",
    "embedded",
    "unlock",
    "suspend",
    "revoke",
    "a",
    "an",
    "for",
    "in",
    "on",
    "at",
];

/// What is left of `text` once the exempt parts are removed.
fn words_to_check(text: &str) -> Vec<String> {
    let mut kept = Vec::new();
    // Value lists in brackets may wrap over lines.
    let mut bracket = 0u32;
    for line in text.lines() {
        let trimmed = line.trim_start();
        // A value's description in long help: "  not-yet-valid: Henüz geçerli değil".
        let line = match trimmed.split_once(": ") {
            Some((id, rest))
                if line.starts_with("  ")
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') =>
            {
                rest
            }
            _ => line,
        };
        // Example command lines in help, and the roff of the manual page's macros.
        if trimmed.starts_with("esign ")
            || trimmed.starts_with("ESIGN_")
            || trimmed.starts_with('.')
        {
            continue;
        }
        let mut rest = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                '[' => bracket += 1,
                ']' => bracket = bracket.saturating_sub(1),
                _ if quoted || bracket > 0 => {}
                _ => rest.push(c),
            }
        }
        for token in rest.split_whitespace() {
            // Options, variables, paths, URLs and commands named after "esign".
            if token.starts_with('-')
                || token.contains('$')
                || token.contains('/')
                || token.contains('\\')
                || token.contains('_')
                || token.contains("://")
                || token.contains('.') && !token.ends_with('.')
            {
                continue;
            }
            for word in token.split(|c: char| !c.is_alphanumeric() && c != '\'') {
                let word = word.trim_matches('\'');
                if !word.is_empty() {
                    kept.push(word.to_lowercase());
                }
            }
        }
    }
    kept
}

/// Words after `esign` in commands shown in sentences (`esign check --cert DOSYA`) are
/// command names: exempt them too.
fn command_names(text: &str) -> Vec<String> {
    // esign's commands are ids, like option names.
    let mut names: Vec<String> = [
        "check",
        "card",
        "fee",
        "unlock",
        "pin",
        "suspend",
        "lost",
        "stolen",
        "revoke",
        "open",
        "rules",
        "path",
        "show",
        "init",
        "roster",
        "remind",
        "completions",
        "man",
        "help",
        "guide",
        "doctor",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let mut tokens = text.split_whitespace().peekable();
    while let Some(t) = tokens.next() {
        if t == "esign" {
            while let Some(next) = tokens.peek() {
                let next = next.trim_end_matches(['.', ',', ';', ':', ')']);
                if next.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    names.push(next.to_owned());
                    tokens.next();
                } else {
                    break;
                }
            }
        }
    }
    names
}

fn assert_turkish(what: &str, out: &std::process::Output) {
    for (stream, text) in [("stdout", stdout(out)), ("stderr", stderr(out))] {
        let commands = command_names(&text);
        let english: Vec<String> = words_to_check(&text)
            .into_iter()
            .filter(|w| ENGLISH.contains(&w.as_str()) && !commands.contains(w))
            .collect();
        assert!(
            english.is_empty(),
            "{what}: English words {english:?} on {stream}:\n{text}"
        );
    }
}

fn run_tr(home: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = esign_in(home);
    cmd.env("LANG", "tr_TR.UTF-8")
        .env("ESIGN_BROWSER", "false")
        .args(args)
        .args(["--today", "2025-05-20"]);
    cmd.output().expect("esign runs")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn every_command_and_error_path_speaks_turkish() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let bad_rules = dir.join("bad.toml");
    std::fs::write(&bad_rules, "[institution]\nname = 1\nfoo = \"\"\n").unwrap();
    let not_cert = dir.join("not-a-cert.pem");
    std::fs::write(&not_cert, "hello").unwrap();
    // Every kind of bad row, with Turkish names (names are input, not checked words).
    let roster_file = dir.join("hatali.csv");
    std::fs::write(
        &roster_file,
        "ad soyad,bitiş,görev\nAli Veli,2026-06-30,Dekan\nAyşe Kaya,,\nCan Er,12/31/2026,\nDeniz Ak,2026-02-30,\nEce Su,2026-06-30\nFatma Gül,2026-06-30,Kral,fazla\nGül Ay,2026-06-30,Kral\n",
    )
    .unwrap();
    let roster_file = roster_file.to_str().unwrap().to_owned();
    let comma = fixture("comma.csv");
    let ics = dir.join("r.ics");
    let ics = ics.to_str().unwrap();
    let missing = dir.join("missing.csv");
    let missing = missing.to_str().unwrap();
    let bad_rules = bad_rules.to_str().unwrap();
    let not_cert = not_cert.to_str().unwrap();
    let runs: &[&[&str]] = &[
        &["check", "--expiry", "2025-09-01"],
        &["check", "--expiry", "2025-06-01"],
        &["check", "--expiry", "2025-05-01"],
        &["check", "--expiry", "2025-05-20"],
        &["check", "--expiry", "32.13.2025"],
        &["check", "--expiry", "6/13/2025"],
        &["check", "--expiry", ""],
        &["check"],
        &["check", "--cert", missing],
        &["check", "--cert", not_cert],
        &["check", "--cert", "/"],
        &["check", "--expiry", "2025-06-01", "--format", "csv"],
        &["check", "--expiry", "2025-06-01", "--now", "soon"],
        &["check", "--bogus"],
        &["chek"],
        &["fee", "--duty", "active", "--cause", "lost"],
        &["fee", "--duty", "left", "--cause", "expiry"],
        &["fee", "--title", "Dekan", "--cause", "expiry"],
        &["fee", "--table"],
        &["fee", "--duty", "x", "--cause", "expiry"],
        &["fee", "--duty", "active"],
        &["fee", "--cause", "lost"],
        &["fee", "--title", "Kral", "--cause", "lost"],
        &["fee", "--table", "--duty", "active"],
        &["unlock"],
        &["suspend"],
        &["revoke"],
        &["open"],
        &["rules", "path"],
        &["rules", "check"],
        &["rules", "check", missing],
        &["rules", "check", bad_rules],
        &["rules", "show", "--ascii"],
        &["rules", "init"],
        &["rules", "init"],
        &["roster", &roster_file],
        &["roster", &comma],
        &["roster", &comma, "--by-month"],
        &["roster", missing],
        &["roster", &comma, "--due-within", "soon"],
        &["roster", &comma, "--delimiter", ";;"],
        &["roster", &comma, "--ics", ics],
        &["remind", "--expiry", "2026-06-01", "-o", ics],
        &["remind", "--expiry", "yarın"],
        &["card", "--module", missing],
        &["check", "--card", "--module", missing],
        &["--lang", "xx", "check"],
        &["completions"],
        &["help", "nope"],
    ];
    for args in runs {
        let out = run_tr(dir, args);
        assert_turkish(&format!("esign {}", args.join(" ")), &out);
    }
}

#[test]
fn help_is_turkish_under_turkish_and_has_no_backticks() {
    let home = tempfile::tempdir().unwrap();
    let commands: &[&[&str]] = &[
        &[],
        &["check"],
        &["card"],
        &["fee"],
        &["unlock"],
        &["suspend"],
        &["revoke"],
        &["open"],
        &["rules"],
        &["rules", "path"],
        &["rules", "show"],
        &["rules", "check"],
        &["rules", "init"],
        &["roster"],
        &["remind"],
        &["completions"],
        &["man"],
        &["guide"],
        &["doctor"],
    ];
    for path in commands {
        for flag in ["-h", "--help"] {
            for lang in ["tr", "en"] {
                let mut cmd = esign_in(home.path());
                let out = cmd
                    .args(*path)
                    .args([flag, "--lang", lang])
                    .output()
                    .unwrap();
                let what = format!("esign {} {flag} --lang {lang}", path.join(" "));
                assert_eq!(out.status.code(), Some(0), "{what}");
                let text = stdout(&out);
                assert!(!text.contains('`'), "{what}: backtick in\n{text}");
                if lang == "tr" {
                    assert!(text.contains("Kullanım: esign"), "{what}:\n{text}");
                    assert_turkish(&what, &out);
                } else {
                    assert!(text.contains("Usage: esign"), "{what}:\n{text}");
                }
            }
        }
        // `esign help COMMAND` says the same as `COMMAND --help`.
        let mut cmd = esign_in(home.path());
        let out = cmd
            .arg("help")
            .args(*path)
            .args(["--lang", "tr"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_turkish(&format!("esign help {}", path.join(" ")), &out);
    }
    // A command's own options come before the global ones.
    let mut cmd = esign_in(home.path());
    let text = stdout(&cmd.args(["check", "--help"]).output().unwrap());
    let own = text.find("--expiry").unwrap();
    let global = text.find("--rules").unwrap();
    assert!(own < global, "{text}");
}

#[test]
fn man_page_is_turkish_under_turkish() {
    let home = tempfile::tempdir().unwrap();
    let out = esign_in(home.path())
        .args(["man", "--lang", "tr"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let roff = stdout(&out);
    for heading in [
        ".SH AD",
        ".SH KULLANIM",
        ".SH AÇIKLAMA",
        ".SH SEÇENEKLER",
        ".SH KOMUTLAR",
    ] {
        assert!(roff.contains(heading), "{heading} in\n{roff}");
    }
    assert!(!roff.contains('`'));
    assert!(!roff.contains(".SH NAME") && !roff.contains(".SH OPTIONS"));
}

/// Issue 10 §5: the missing input keeps its list, and names the command.
#[test]
fn missing_input_names_the_choices() {
    let home = tempfile::tempdir().unwrap();
    let out = esign_in(home.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "esign: error: esign check: one of --expiry, --cert or --card is needed; see esign check --help\n"
    );
    let out = esign_in(home.path())
        .args(["check", "--lang", "tr"])
        .output()
        .unwrap();
    assert_eq!(
        stderr(&out),
        "esign: hata: esign check: --expiry, --cert ya da --card seçeneklerinden biri gerekli; ayrıntılar için: esign check --help\n"
    );
}

/// Issue 10 §1: `--ascii` applies to stderr too.
#[test]
fn ascii_applies_to_stderr() {
    let home = tempfile::tempdir().unwrap();
    let out = esign_in(home.path())
        .args(["check", "--expiry", "yarın", "--lang", "tr", "--ascii"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.is_ascii(), "{err}");
    assert!(err.starts_with("esign: hata: --expiry: "), "{err}");
}

/// Issue 10 §5: `rules show` prints the file as it is, never an ASCII transliteration
/// someone could save as rules.
#[test]
fn rules_show_refuses_ascii() {
    let home = tempfile::tempdir().unwrap();
    let out = esign_in(home.path())
        .args(["rules", "show", "--ascii"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
}
