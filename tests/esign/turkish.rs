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
        let mut escaped = false;
        for c in line.chars() {
            if std::mem::take(&mut escaped) {
                continue;
            }
            match c {
                // `\"` inside a quote (the TOML parser's detail, quoted) does not end it.
                '\\' if quoted => escaped = true,
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
        .env("ESIGN_TODAY", "2025-05-20")
        .args(args);
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
    // Every cross-field check of the rules loader, and TOML's own syntax errors.
    let embedded =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules.toml")).unwrap();
    let broken = |name: &str, changes: &[(&str, &str)]| {
        let mut text = embedded.clone();
        for (from, to) in changes {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        let file = dir.join(name);
        std::fs::write(&file, text).unwrap();
        file.display().to_string()
    };
    let cross = broken(
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
            ("max_attempts = 3", "max_attempts = 300"),
            (
                "\"Rektör\", \"Rektör Yardımcısı\"",
                "\"Rektör\", \"rektör\"",
            ),
            (
                "[causes.lost]",
                "[causes.Lost]\nlabel_tr = \"x\"\nlabel_en = \"x\"\n[causes.lost]",
            ),
        ],
    );
    let fees = broken(
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
    let fee_rows = broken(
        "fee-rows.toml",
        &[
            ("payer = \"institution\"", "payer = \"kurum\""),
            ("duties = [\"active\"]", "duties = [\"aktif\"]"),
            ("id = \"no-duty-person-pays\"", "id = \"duty-person-pays\""),
            (
                "requires = [\"revoke\"]",
                "requires = [\"revoke\", \"revoke\", \"burn\"]",
            ),
        ],
    );
    let syntax: Vec<String> = [
        "[institution\n",
        "a = \"x\n",
        "a = 1\na = 2\n",
        "a = [1 2]\n",
        "a = tru\n",
        "= 1\n",
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| {
        let file = dir.join(format!("syntax{i}.toml"));
        std::fs::write(&file, text).unwrap();
        file.display().to_string()
    })
    .collect();
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
    // desk: workbooks, notify and monitoring output.
    let broken_book = dir.join("bozuk.xlsx");
    std::fs::write(&broken_book, b"PK\x03\x04bozuk").unwrap();
    let broken_book = broken_book.to_str().unwrap().to_owned();
    let mail_roster = dir.join("eposta.csv");
    std::fs::write(
        &mail_roster,
        "ad soyad,bitiş,e-posta\nAli Veli,2025-06-10,ali@uni.edu.tr\nAyşe Kaya,2025-05-01,\nCan Er,2025-06-12,can-adres\nDeniz Ak,31.02.2025,deniz@uni.edu.tr\n",
    )
    .unwrap();
    let mail_roster = mail_roster.to_str().unwrap().to_owned();
    let state = dir.join("sent.tsv");
    let state = state.to_str().unwrap().to_owned();
    let drafts = dir.join("taslaklar");
    let drafts = drafts.to_str().unwrap().to_owned();
    let prom = dir.join("esign.prom");
    let prom = prom.to_str().unwrap().to_owned();
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
        &["roster", &broken_book],
        &["roster", &comma, "--sheet", "Sayfa1"],
        &["roster", &comma, "-o", &prom],
        &["notify", &comma, "--state-file", &state],
        &[
            "notify",
            &mail_roster,
            "--email-column",
            "posta",
            "--state-file",
            &state,
        ],
        &["notify", &mail_roster, "--state-file", &state],
        &[
            "notify",
            &mail_roster,
            "--state-file",
            &state,
            "--drafts",
            &drafts,
        ],
        &[
            "notify",
            &mail_roster,
            "--state-file",
            &state,
            "--drafts",
            &drafts,
            "--from",
            "kim",
        ],
        &[
            "notify",
            &mail_roster,
            "--state-file",
            &state,
            "--send",
            "--from",
            "e-imza@uni.edu.tr",
        ],
        &[
            "notify",
            &mail_roster,
            "--state-file",
            &state,
            "--send",
            "--from",
            "e-imza@uni.edu.tr",
            "--smtp-url",
            "ftp://posta",
        ],
        &[
            "notify",
            &mail_roster,
            "--state-file",
            &state,
            "--send",
            "--from",
            "e-imza@uni.edu.tr",
            "--smtp-url",
            "smtps://birim@posta.uni.edu.tr:465",
        ],
        &["completions"],
        &["help", "nope"],
        // Not a terminal here: the guide's refusal, and its refusal of --quiet.
        &["guide"],
        &["guide", "--quiet"],
    ];
    let rules_runs = [&cross, &fees, &fee_rows].into_iter().chain(&syntax);
    let rules_runs: Vec<Vec<&str>> = rules_runs
        .map(|f| vec!["rules", "check", f.as_str()])
        .collect();
    for args in runs
        .iter()
        .copied()
        .chain(rules_runs.iter().map(Vec::as_slice))
    {
        let out = run_tr(dir, args);
        assert_turkish(&format!("esign {}", args.join(" ")), &out);
    }
    // The doctor reads the machine's one pcscd: it takes its turn with the tests that
    // start and stop it, and speaks Turkish whatever it finds.
    let _pcsc = crate::doctor::pcsc_turn();
    for args in [
        &["doctor"][..],
        &["doctor", "--module", missing],
        &["doctor", "--module", not_cert],
    ] {
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
        &["notify"],
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

/// Issue 10 §5: a global option a command cannot honour is not offered in its help and
/// is refused (exit 3) when given; `--format` lists only the command's own formats.
#[test]
fn options_are_offered_only_where_they_mean_something() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| esign_in(home.path()).args(args).output().unwrap();
    for (args, option, command) in [
        (
            &["completions", "bash", "--today", "2025-01-01"][..],
            "--today",
            "completions",
        ),
        (&["man", "--rules", "x.toml"], "--rules", "man"),
        (&["man", "--quiet"], "--quiet", "man"),
        (
            &["fee", "--table", "--now", "2025-01-01T00:00:00Z"],
            "--now",
            "fee",
        ),
        (&["unlock", "--today", "2025-01-01"], "--today", "unlock"),
        (
            &["rules", "path", "--today", "2025-01-01"],
            "--today",
            "rules path",
        ),
        (
            &["rules", "init", "--rules", "x.toml"],
            "--rules",
            "rules init",
        ),
        (
            &["remind", "--expiry", "2026-06-01", "--color", "always"],
            "--color",
            "remind",
        ),
        (&["guide", "--quiet"], "--quiet", "guide"),
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!("esign: error: esign {command} does not support {option}: leave it out\n"),
            "{args:?}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = run(&["unlock", "--today", "2025-01-01", "--lang", "tr"]);
    assert_eq!(
        stderr(&out),
        "esign: hata: esign unlock --today seçeneğini desteklemez: seçeneği kaldırın\n"
    );
    // Completion scripts offer each command only its own: bash's line for `completions`.
    let bash = stdout(&run(&["completions", "bash"]));
    let (_, after) = bash.split_once("esign__subcmd__completions)").unwrap();
    let opts = after.lines().find(|l| l.contains("opts=")).unwrap();
    assert!(
        !opts.contains("--today") && opts.contains("--lang"),
        "{opts}"
    );
    let (_, after) = bash.split_once("esign__subcmd__roster)").unwrap();
    let opts = after.lines().find(|l| l.contains("opts=")).unwrap();
    assert!(
        opts.contains("--today") && opts.contains("--format"),
        "{opts}"
    );
    // Where they mean something, they are offered and taken.
    let out = run(&[
        "check",
        "--expiry",
        "2025-06-01",
        "--today",
        "2025-05-20",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(1));
    for lang in ["en", "tr"] {
        let help = |args: &[&str]| stdout(&run(&[args, &["-h", "--lang", lang]].concat()));
        let text = help(&["completions"]);
        for option in [
            "--today", "--now", "--rules", "--format", "--json", "--quiet", "--color",
        ] {
            assert!(
                !text.contains(option),
                "completions --help offers {option}:\n{text}"
            );
        }
        assert!(
            text.contains("--lang") && text.contains("--ascii"),
            "{text}"
        );
        let text = help(&["unlock"]);
        assert!(!text.contains("--today") && !text.contains("csv"), "{text}");
        assert!(
            text.contains("--format") && text.contains("text, json]"),
            "{text}"
        );
        let text = help(&["roster"]);
        assert!(
            text.contains("text, json, csv, nagios, prometheus]") && text.contains("--today"),
            "{text}"
        );
        let text = help(&["check"]);
        assert!(text.contains("--today") && !text.contains("csv"), "{text}");
        let text = help(&["rules", "show"]);
        assert!(
            !text.contains("--format") && text.contains("--rules"),
            "{text}"
        );
    }
}
