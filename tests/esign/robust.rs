//! Robustness (issue 9): output files that are devices, pipes, links, folders or inputs;
//! write errors on stdout; hostile environment values; one line per error.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::*;

/// The binary as a plain `std::process::Command` (to set up stdout, umask and shells),
/// with the same clean environment as `esign_in`.
fn bin(home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("esign"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"));
    cmd
}

/// Runs `esign ARGS` through `sh -c`, with `shell` as the redirections or umask.
fn sh(home: &Path, prefix: &str, args: &str, redirect: &str) -> Output {
    let exe = assert_cmd::cargo::cargo_bin("esign");
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{prefix} exec '{}' {args} {redirect}",
            exe.display()
        ))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .output()
        .unwrap()
}

fn remind_to(home: &Path, target: &Path) -> Output {
    bin(home)
        .args([
            "remind",
            "--expiry",
            "2027-06-01",
            "--today",
            "2027-01-01",
            "-o",
        ])
        .arg(target)
        .output()
        .unwrap()
}

fn one_error_line(out: &Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("esign: error: "), "{err}");
    err
}

#[test]
fn dash_is_standard_output() {
    let home = tempfile::tempdir().unwrap();
    let out = remind_to(home.path(), Path::new("-"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(!home.path().join("-").exists());
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_written_directly() {
    use std::os::unix::fs::FileTypeExt;
    let home = tempfile::tempdir().unwrap();
    // /dev/null stays a device (as root, a rename over it would replace it).
    let out = remind_to(home.path(), Path::new("/dev/null"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    let fifo = home.path().join("cal.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    let out = remind_to(home.path(), &fifo);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = reader.join().unwrap();
    assert!(got.starts_with(b"BEGIN:VCALENDAR\r\n"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[cfg(unix)]
#[test]
fn a_symlink_is_followed_and_stays() {
    let home = tempfile::tempdir().unwrap();
    let real_dir = home.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("cal.ics");
    fs::write(&target, "OLD\n").unwrap();
    let link = home.path().join("link.ics");
    std::os::unix::fs::symlink("real/cal.ics", &link).unwrap();
    let out = remind_to(home.path(), &link);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&target)
        .unwrap()
        .starts_with("BEGIN:VCALENDAR"));
    // Nothing else left in either folder.
    assert_eq!(fs::read_dir(&real_dir).unwrap().count(), 1);

    // A dangling link: the file it names is created.
    let dangling = home.path().join("dangling.ics");
    std::os::unix::fs::symlink("real/new.ics", &dangling).unwrap();
    let out = remind_to(home.path(), &dangling);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(real_dir.join("new.ics").is_file());
    assert!(fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn folders_and_missing_folders_are_named() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("cals");
    fs::create_dir(&dir).unwrap();
    let shown = dir.display().to_string();

    let err = one_error_line(&remind_to(home.path(), &dir));
    assert!(err.contains(&format!("{shown} is a folder")), "{err}");

    // `-o somedir/` (item 21): says it names a folder, not "Not a directory".
    let err = one_error_line(&remind_to(home.path(), Path::new(&format!("{shown}/"))));
    assert!(err.contains("is a folder"), "{err}");
    let err = one_error_line(&remind_to(home.path(), &home.path().join("nothing-here/")));
    assert!(err.contains("ends with a path separator"), "{err}");

    let missing = home.path().join("no/such/x.ics");
    let err = one_error_line(&remind_to(home.path(), &missing));
    assert!(
        err.contains(&format!(
            "the folder {} does not exist",
            home.path().join("no/such").display()
        )),
        "{err}"
    );
    let file = home.path().join("plain");
    fs::write(&file, "x").unwrap();
    let err = one_error_line(&remind_to(home.path(), &file.join("x.ics")));
    assert!(
        err.contains(&format!("{} is not a folder", file.display())),
        "{err}"
    );
    // Nothing was created anywhere.
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn modes_new_and_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let home = tempfile::tempdir().unwrap();
    let exe_args = "remind --expiry 2027-06-01 --today 2027-01-01 -o";
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;

    let new = home.path().join("new.ics");
    let out = sh(
        home.path(),
        "umask 022;",
        &format!("{exe_args} '{}'", new.display()),
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        mode(&new),
        0o644,
        "0666 minus the umask, not tempfile's 0600"
    );
    let narrow = home.path().join("narrow.ics");
    let out = sh(
        home.path(),
        "umask 027;",
        &format!("{exe_args} '{}'", narrow.display()),
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&narrow), 0o640);

    // A private file stays private.
    let private = home.path().join("private.ics");
    fs::write(&private, "OLD").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    let out = remind_to(home.path(), &private);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&private), 0o600);

    // As root, someone else's file keeps its owner and group.
    let me = fs::metadata(home.path()).unwrap().uid();
    if me == 0 {
        let theirs = home.path().join("theirs.ics");
        fs::write(&theirs, "OLD").unwrap();
        std::os::unix::fs::chown(&theirs, Some(4321), Some(4322)).unwrap();
        fs::set_permissions(&theirs, fs::Permissions::from_mode(0o640)).unwrap();
        let out = remind_to(home.path(), &theirs);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let meta = fs::metadata(&theirs).unwrap();
        assert_eq!((meta.uid(), meta.gid(), mode(&theirs)), (4321, 4322, 0o640));
        assert!(fs::read_to_string(&theirs).unwrap().starts_with("BEGIN:"));
    }
}

fn staff(dir: &Path) -> PathBuf {
    let path = dir.join("staff.csv");
    fs::write(&path, "name,expiry\nAli Veli,2027-06-30\n").unwrap();
    path
}

#[test]
fn output_onto_an_input_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let list = staff(home.path());
    let before = fs::read(&list).unwrap();
    let roster_ics = |ics: &Path, extra: &[&str]| {
        bin(home.path())
            .args(["roster", "--today", "2027-01-01"])
            .args(extra)
            .arg("--ics")
            .arg(ics)
            .arg(&list)
            .output()
            .unwrap()
    };
    let err = one_error_line(&roster_ics(&list, &[]));
    assert!(err.contains("is the same file as the roster"), "{err}");
    assert_eq!(fs::read(&list).unwrap(), before);

    // Another spelling of the same file.
    let other = home.path().join(".").join("staff.csv");
    let err = one_error_line(&roster_ics(&other, &[]));
    assert!(err.contains("same file"), "{err}");

    // The rules file in use.
    let rules = home.path().join("rules.toml");
    fs::write(&rules, include_str!("../../rules.toml")).unwrap();
    let rules_before = fs::read(&rules).unwrap();
    let r = rules.to_str().unwrap().to_owned();
    let err = one_error_line(&roster_ics(&rules, &["--rules", &r]));
    assert!(err.contains("same file as the rules file"), "{err}");
    let out = bin(home.path())
        .args(["remind", "--expiry", "2027-06-01", "-o"])
        .arg(&rules)
        .env("ESIGN_RULES", &rules)
        .output()
        .unwrap();
    let err = one_error_line(&out);
    assert!(err.contains("same file as the rules file"), "{err}");
    assert_eq!(fs::read(&rules).unwrap(), rules_before);

    // A hard link to the roster, and the roster on standard input.
    #[cfg(unix)]
    {
        let hard = home.path().join("hard.ics");
        fs::hard_link(&list, &hard).unwrap();
        let err = one_error_line(&roster_ics(&hard, &[]));
        assert!(err.contains("same file"), "{err}");
        let out = bin(home.path())
            .args(["roster", "--today", "2027-01-01", "--ics"])
            .arg(&hard)
            .arg("-")
            .stdin(fs::File::open(&list).unwrap())
            .output()
            .unwrap();
        let err = one_error_line(&out);
        assert!(err.contains("standard input"), "{err}");
        assert_eq!(fs::read(&list).unwrap(), before);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn stdout_write_errors_name_stdout() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        "completions bash",
        "--help",
        "check --expiry 2027-06-01 --today 2027-01-01",
        "check --expiry 2027-06-01 --today 2027-01-01 --json",
        "remind --expiry 2027-06-01",
        "man",
    ] {
        let out = sh(home.path(), "", args, "> /dev/full");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{args}: {err}");
        assert!(err.contains("standard output"), "{args}: {err}");
        assert_eq!(err.lines().count(), 1, "{args}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // A closed stdout is an error, not silence.
    let out = sh(
        home.path(),
        "",
        "check --expiry 2027-06-01 --today 2027-01-01",
        ">&-",
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("standard output"));
    // `> /dev/null` is fine.
    let out = sh(
        home.path(),
        "",
        "check --expiry 2027-06-01 --today 2027-01-01",
        "> /dev/null",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_quiet() {
    let home = tempfile::tempdir().unwrap();
    for args in ["completions bash", "completions zsh", "--help"] {
        let mut child = bin(home.path())
            .args(args.split(' '))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end at once.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args}");
    }
}

#[test]
fn a_folder_as_roster_is_one_line() {
    let home = tempfile::tempdir().unwrap();
    let out = bin(home.path())
        .args(["roster", "--today", "2027-01-01"])
        .arg(home.path())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&home.path().display().to_string()), "{err}");
    assert_eq!(
        err.matches("directory").count() + err.matches("folder").count(),
        1,
        "{err}"
    );
}

mod certificates {
    use super::*;
    use crate::pki::Pki;

    const FROM: &str = "20250601113210Z";
    const UNTIL: &str = "20270601113210Z";

    fn check(home: &Path, files: &[&Path]) -> Output {
        let mut cmd = bin(home);
        cmd.args(["check", "--today", "2026-01-01"]);
        for f in files {
            cmd.arg("--cert").arg(f);
        }
        cmd.output().unwrap()
    }

    fn openssl(pki: &Pki, args: &[&str]) {
        crate::pki::run("openssl", args, pki.dir());
    }

    #[test]
    fn bom_pkcs7_and_stdin_are_read() {
        let pki = Pki::new();
        let pem = pki.ayse(FROM, UNTIL);
        let home = pki.dir();
        // Notepad's UTF-8 byte-order mark.
        let bom = home.join("bom.pem");
        fs::write(
            &bom,
            [b"\xEF\xBB\xBF".as_slice(), &fs::read(&pem).unwrap()].concat(),
        )
        .unwrap();
        let out = check(home, &[&bom]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        // PKCS#7 bundles, PEM and DER, with the CA certificate too.
        let p7 = pem.to_str().unwrap();
        openssl(
            &pki,
            &[
                "crl2pkcs7",
                "-nocrl",
                "-certfile",
                p7,
                "-certfile",
                "ca.pem",
                "-out",
                "b.p7b",
            ],
        );
        openssl(
            &pki,
            &[
                "crl2pkcs7",
                "-nocrl",
                "-certfile",
                p7,
                "-outform",
                "DER",
                "-out",
                "b.p7c",
            ],
        );
        for bundle in ["b.p7b", "b.p7c"] {
            let out = bin(home)
                .args(["check", "--today", "2026-01-01", "--json", "--cert"])
                .arg(home.join(bundle))
                .output()
                .unwrap();
            // The CA certificate may not be valid yet on the fixed day: any state, no error.
            assert_ne!(out.status.code(), Some(3), "{bundle}: {}", stderr(&out));
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let names: Vec<&str> = v["certificates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["subject"].as_str().unwrap())
                .collect();
            assert!(names.contains(&"Ayşe Yılmaz"), "{bundle}: {v}");
        }
        // Standard input.
        let out = bin(home)
            .args(["check", "--today", "2026-01-01", "--cert", "-"])
            .stdin(fs::File::open(&pem).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }

    #[test]
    fn damaged_files_are_refused_naming_the_file() {
        let pki = Pki::new();
        let pem = pki.ayse(FROM, UNTIL);
        let home = pki.dir();
        let der = pki.der(&pem, "a.cer");
        let garbage = home.join("garbage.cer");
        fs::write(
            &garbage,
            [fs::read(&der).unwrap(), b"JUNKJUNK".to_vec()].concat(),
        )
        .unwrap();
        let out = check(home, &[&garbage]);
        let err = one_error_line(&out);
        assert!(
            err.contains("garbage.cer") && err.contains("followed by 8 bytes"),
            "{err}"
        );

        let text = fs::read_to_string(&pem).unwrap();
        let mislabelled = home.join("mislabelled.pem");
        fs::write(
            &mislabelled,
            text.replace("END CERTIFICATE", "END PRIVATE KEY"),
        )
        .unwrap();
        let err = one_error_line(&check(home, &[&mislabelled]));
        assert!(
            err.contains("mislabelled.pem")
                && err.contains("begins as \"CERTIFICATE\" but ends as \"PRIVATE KEY\""),
            "{err}"
        );

        // A certificate with its key: read, with a warning about the secret.
        let with_key = home.join("with-key.pem");
        let key = fs::read_to_string(pki.key(1)).unwrap();
        fs::write(&with_key, format!("{text}{key}")).unwrap();
        let out = check(home, &[&with_key]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("with-key.pem also holds a private key"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }

    #[test]
    fn a_certificate_that_can_never_be_valid() {
        let pki = Pki::new();
        let backwards = pki.ayse(UNTIL, FROM);
        let err = one_error_line(&check(pki.dir(), &[&backwards]));
        assert!(err.contains("can never be valid"), "{err}");
    }

    /// Item 14: notAfter `99991231235959Z` (RFC 5280: no well-defined expiry) is "no
    /// expiry date": valid, no window, JSON `no_expiry` with null days; no output holds a
    /// year past 9999.
    #[test]
    fn a_certificate_without_expiry() {
        let pki = Pki::new();
        let forever = pki.ayse(FROM, "99991231235959Z");
        let run = |args: &[&str], lang: &str| {
            let out = bin(pki.dir())
                .args(["check", "--today", "2026-01-01", "--cert"])
                .arg(&forever)
                .args(args)
                .env("ESIGN_LANG", lang)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
            let text = stdout(&out);
            assert!(!text.contains("10000"), "{args:?}: {text}");
            text
        };
        let json: serde_json::Value = serde_json::from_str(&run(&["--json"], "en")).unwrap();
        assert_eq!(json["state"], "valid");
        assert_eq!(json["no_expiry"], true);
        assert!(json["days_left"].is_null(), "{json}");
        assert!(json["window_opens"].is_null(), "{json}");
        let cert = &json["certificates"][0];
        assert_eq!(cert["not_after"], "9999-12-31T23:59:59Z");
        assert_eq!(cert["no_expiry"], true);
        assert!(cert["days_left"].is_null(), "{cert}");

        let en = run(&[], "en");
        assert!(
            en.starts_with("This certificate has no expiry date: there is nothing to renew.\n"),
            "{en}"
        );
        assert!(
            en.contains("Expiry:     none (the certificate has no expiry date)\n"),
            "{en}"
        );
        assert!(
            en.contains("Valid until: none (the certificate has no expiry date)\n"),
            "{en}"
        );
        assert!(!en.contains("Apply from"), "{en}");
        let tr = run(&[], "tr");
        assert!(
            tr.starts_with("Bu sertifikanın bitiş tarihi yok: yenilenecek bir şey yok.\n"),
            "{tr}"
        );
        assert!(!tr.contains("Başvuru başlangıcı"), "{tr}");

        let nagios = run(&["--format", "nagios"], "en");
        assert!(nagios.starts_with("ESIGN OK - "), "{nagios}");
        assert!(!nagios.contains("days_left"), "{nagios}");
        let prom = run(&["--format", "prometheus"], "en");
        assert!(prom.contains(" 253402300799"), "{prom}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_a_certificate_file() {
        let home = tempfile::tempdir().unwrap();
        let fifo = home.path().join("cert.fifo");
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let err = one_error_line(&check(home.path(), &[&fifo]));
        assert!(
            err.contains("is a named pipe (FIFO), not a regular file"),
            "{err}"
        );
        assert!(err.contains("cert.fifo"), "{err}");
    }
}

#[test]
fn environment_values_are_checked() {
    let home = tempfile::tempdir().unwrap();
    let run = |name: &str, value: &std::ffi::OsStr, extra: &[&str]| {
        bin(home.path())
            .args(["check", "--expiry", "2027-06-01"])
            .args(extra)
            .env(name, value)
            .output()
            .unwrap()
    };
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bad = std::ffi::OsStr::from_bytes(b"2026-01-\xff1");
        for (name, extra) in [
            ("ESIGN_TODAY", &[][..]),
            ("ESIGN_LANG", &["--today", "2026-01-01"][..]),
        ] {
            let err = one_error_line(&run(name, bad, extra));
            assert!(
                err.contains(&format!("${name} is not valid UTF-8")),
                "{err}"
            );
        }
        // Paths may hold any bytes: a non-UTF-8 $ESIGN_RULES names a file that is missing.
        let out = run(
            "ESIGN_RULES",
            std::ffi::OsStr::from_bytes(b"/nowhere/r\xffules.toml"),
            &["--today", "2026-01-01"],
        );
        let err = one_error_line(&out);
        assert!(
            err.contains("ESIGN_RULES") && !err.contains("UTF-8"),
            "{err}"
        );
    }
    let err = one_error_line(&run(
        "ESIGN_LANG",
        "de\u{1b}[2J".as_ref(),
        &["--today", "2026-01-01"],
    ));
    assert!(err.contains("$ESIGN_LANG is \"de\\u{1b}[2J\""), "{err}");
    // Even with --lang given.
    let err = one_error_line(&run(
        "ESIGN_LANG",
        "de".as_ref(),
        &["--today", "2026-01-01", "--lang", "en"],
    ));
    assert!(err.contains("$ESIGN_LANG"), "{err}");
    let err = one_error_line(&run("ESIGN_TODAY", "yesterday".as_ref(), &[]));
    assert!(err.contains("$ESIGN_TODAY"), "{err}");
    // Empty counts as unset.
    for name in [
        "ESIGN_TODAY",
        "ESIGN_LANG",
        "ESIGN_RULES",
        "ESIGN_PKCS11_MODULE",
    ] {
        let out = run(name, "".as_ref(), &["--today", "2026-01-01"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    }
}

#[test]
fn rules_files_have_a_size_cap() {
    let home = tempfile::tempdir().unwrap();
    let big = home.path().join("big.toml");
    fs::write(&big, format!("# {}\n", "x".repeat(2 * 1024 * 1024))).unwrap();
    for args in [
        &["rules", "check"][..],
        &["check", "--expiry", "2027-06-01", "--rules"],
    ] {
        let mut cmd = bin(home.path());
        cmd.args(args).arg(&big);
        let err = one_error_line(&cmd.output().unwrap());
        assert!(
            err.contains("big.toml is larger than 1048576 bytes"),
            "{err}"
        );
    }
    #[cfg(target_os = "linux")]
    {
        let err = one_error_line(
            &bin(home.path())
                .args(["rules", "check", "/dev/zero"])
                .output()
                .unwrap(),
        );
        assert!(err.contains("/dev/zero is larger than"), "{err}");
    }
}

#[test]
fn hostile_text_is_escaped_and_cut() {
    let home = tempfile::tempdir().unwrap();
    let long = "9".repeat(100_000);
    let out = bin(home.path())
        .args([
            "check",
            "--expiry",
            &format!("{long}\nesign: error: fake\u{1b}[2J"),
        ])
        .output()
        .unwrap();
    let err = one_error_line(&out);
    assert!(err.len() < 400, "{} bytes", err.len());
    assert!(!err.contains('\u{1b}'), "{err}");
}

/// Item 16, found by the calendar fuzz target: C1 control characters (U+0080 to U+009F,
/// U+009B is a terminal's CSI) in a name never reach a calendar, from a roster or from
/// `remind --name`; every line keeps the RFC's limits.
#[test]
fn c1_controls_never_reach_a_calendar() {
    let home = tempfile::tempdir().unwrap();
    let list = home.path().join("staff.csv");
    fs::write(
        &list,
        "name,expiry\nAli\u{85}Veli\u{9b}2J Şık,2027-06-30\nÇ\u{80},2027-07-01\n",
    )
    .unwrap();
    let roster = bin(home.path())
        .args(["roster", "--today", "2027-01-01", "--ics", "-"])
        .arg(&list)
        .output()
        .unwrap();
    let remind = bin(home.path())
        .args([
            "remind",
            "--expiry",
            "2027-06-30",
            "--name",
            "Ali\u{85}Veli\u{9b}2J",
        ])
        .output()
        .unwrap();
    for out in [roster, remind] {
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("BEGIN:VCALENDAR"), "{text}");
        assert!(
            !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "{text:?}"
        );
        assert!(text.contains("AliVeli2J"), "{text}");
        for line in text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
    }
}

/// A certificate name holding a newline and an escape code prints as one escaped line.
#[test]
fn certificate_text_is_escaped() {
    let home = tempfile::tempdir().unwrap();
    crate::pki::run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "k.pem",
            "-out",
            "c.pem",
            "-days",
            "30",
            "-utf8",
            "-subj",
            "/CN=Ali\nesign: error: fake\u{1b}[2J",
        ],
        home.path(),
    );
    let out = bin(home.path())
        .args(["check", "--cert"])
        .arg(home.path().join("c.pem"))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(
        !text.lines().any(|l| l.starts_with("esign: error")),
        "{text}"
    );
    assert!(
        text.contains("Ali\\nesign: error: fake\\u{1b}[2J"),
        "{text}"
    );
}

/// Roster cells with control characters are escaped in the text table and in messages;
/// a huge cell is cut in the message.
#[test]
fn roster_text_is_escaped() {
    let home = tempfile::tempdir().unwrap();
    let list = home.path().join("staff.csv");
    let huge = "x".repeat(100_000);
    fs::write(
        &list,
        format!(
            "name,expiry,duty\n\"Ali\resign: error: fake\u{1b}[2J\",2027-06-30,none\nVeli,2027-06-30,{huge}\u{7}\n"
        ),
    )
    .unwrap();
    let out = bin(home.path())
        .args(["roster", "--today", "2027-01-01"])
        .arg(&list)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text}");
    assert!(
        text.contains("Ali\\resign: error: fake\\u{1b}[2J"),
        "{text}"
    );
    let err = stderr(&out);
    assert!(err.len() < 400, "{} bytes of stderr", err.len());
    assert!(!err.contains('\u{7}'), "{err}");

    // Far down a long roster, after the table's widths are fixed from the first rows.
    let mut long = String::from("name,expiry\n");
    for i in 0..1000 {
        use std::fmt::Write as _;
        let _ = writeln!(long, "Person number {i:04} of the list,2027-06-30");
    }
    long.push_str("E\u{1b}[2J\u{9b}x,2027-06-30\nF\u{1b}[2J,bad\n");
    fs::write(&list, long).unwrap();
    let out = bin(home.path())
        .args(["roster", "--today", "2027-01-01"])
        .arg(&list)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{9b}'),
        "{}",
        &text[text.len() - 400..]
    );
    assert!(
        text.contains("E\\u{1b}[2J\\u{9b}x "),
        "{}",
        &text[text.len() - 400..]
    );
    assert!(
        text.contains("F\\u{1b}[2J "),
        "{}",
        &text[text.len() - 400..]
    );
}

/// Item 4: a header or line past 1 MiB stops the reading with its line number (memory
/// stays bounded: /dev/zero ends at once). Item 15: empty lines before the header are
/// skipped, and line numbers still count them.
#[test]
fn roster_lines_are_capped_and_blank_lines_skipped() {
    let home = tempfile::tempdir().unwrap();
    let roster = |path: &Path| {
        bin(home.path())
            .args(["roster", "--today", "2026-12-01", "--format", "csv"])
            .arg(path)
            .output()
            .unwrap()
    };
    #[cfg(target_os = "linux")]
    {
        let err = one_error_line(&roster(Path::new("/dev/zero")));
        assert!(err.contains("line 1 is longer than 1048576 bytes"), "{err}");
    }
    let long = home.path().join("long.csv");
    fs::write(
        &long,
        format!("name,expiry\nA,2027-01-01\nB,{}\n", "x".repeat(2 << 20)),
    )
    .unwrap();
    let err = one_error_line(&roster(&long));
    assert!(err.contains("long.csv: line 3 is longer than"), "{err}");

    let blank = home.path().join("blank.csv");
    fs::write(&blank, "\n\r\nname,expiry\nAli,2027-01-01\nVeli,xx\n").unwrap();
    let out = roster(&blank);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Ali,2027-01-01,renewal-due"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("line 5: "), "{}", stderr(&out));
}

/// Item 15: a quote that never closes is an error naming the line it opened on, in the
/// middle of a file (it would swallow the rows after it) and at its end; a quoted value
/// over several lines stays legal.
#[test]
fn unclosed_quotes_are_reported_where_they_open() {
    let home = tempfile::tempdir().unwrap();
    let run = |name: &str, text: &str, lang: &str| {
        let path = home.path().join(name);
        fs::write(&path, text).unwrap();
        bin(home.path())
            .args(["roster", "--today", "2026-12-01", "--format", "csv"])
            .arg(&path)
            .env("ESIGN_LANG", lang)
            .output()
            .unwrap()
    };
    let middle =
        "\nname,expiry\nAli,2027-01-01\n\"Veli,2027-02-01\nCan,2027-03-01\nDeniz,2027-04-01\n";
    let err = one_error_line(&run("middle.csv", middle, "en"));
    assert!(
        err.ends_with("middle.csv: line 4: a quote (\") opens and is never closed; close or remove it and save the file again\n"),
        "{err}"
    );
    let out = run("middle.csv", middle, "tr");
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        format!(
            "esign: hata: personel listesi {}: satır 4: açılan tırnak (\") hiç kapanmıyor; tırnağı kapatın ya da silin ve dosyayı yeniden kaydedin\n",
            home.path().join("middle.csv").display()
        )
    );
    let err = one_error_line(&run(
        "end.csv",
        "name,expiry\r\nAli,2027-01-01\r\nVeli,\"2027-02-01\r\n",
        "en",
    ));
    assert!(err.contains("end.csv: line 3: a quote"), "{err}");
    let out = run(
        "legal.csv",
        "name,expiry\n\"Ali\nVeli\",2028-01-01\n\"Can \"\"C\"\"\",2028-02-01\n",
        "en",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 4, "{}", stdout(&out));
}

/// Item 2 for the monitoring outputs: `-o` may not be the roster, the rules file or a
/// certificate read; a new file is readable by the collector's user whatever the umask.
#[cfg(unix)]
#[test]
fn monitoring_output_refuses_inputs_and_is_readable() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let list = staff(home.path());
    let before = fs::read(&list).unwrap();
    let out = bin(home.path())
        .args([
            "roster",
            "--today",
            "2027-01-01",
            "--format",
            "prometheus",
            "-o",
        ])
        .arg(&list)
        .arg(&list)
        .output()
        .unwrap();
    let err = one_error_line(&out);
    assert!(err.contains("is the same file as the roster"), "{err}");
    assert_eq!(fs::read(&list).unwrap(), before);

    let pki = crate::pki::Pki::new();
    let cert = pki.ayse("20250601000000Z", "20270601000000Z");
    let cert_before = fs::read(&cert).unwrap();
    let out = bin(home.path())
        .args(["check", "--format", "nagios", "--cert"])
        .arg(&cert)
        .arg("-o")
        .arg(&cert)
        .output()
        .unwrap();
    let err = one_error_line(&out);
    assert!(err.contains("is the same file as the certificate"), "{err}");
    assert_eq!(fs::read(&cert).unwrap(), cert_before);

    let prom = home.path().join("esign.prom");
    let out = sh(
        home.path(),
        "umask 077;",
        &format!(
            "roster --today 2027-01-01 --format prometheus -o '{}' '{}'",
            prom.display(),
            list.display()
        ),
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mode = fs::metadata(&prom).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

/// Write errors are said in the user's language, naming what was being written.
#[cfg(target_os = "linux")]
#[test]
fn write_errors_in_turkish() {
    let home = tempfile::tempdir().unwrap();
    let out = sh(
        home.path(),
        "ESIGN_LANG=tr",
        "check --expiry 2027-06-01 --today 2027-01-01",
        "> /dev/full",
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "esign: hata: standart çıktıya yazılamadı: diskte yer kalmadı\n"
    );
    let out = sh(
        home.path(),
        "ESIGN_LANG=tr",
        "remind --expiry 2027-06-01 --today 2027-01-01 -o /dev/full",
        "",
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "esign: hata: /dev/full yazılamadı: diskte yer kalmadı\n"
    );
}

/// Item 18: rules URLs are parsed (https, a valid host, a port in range, no control or
/// bidi characters), and labels that reach the output hold no control or bidi marks.
#[test]
fn rules_urls_and_labels_are_checked() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("rules.toml");
    let good = "url = \"https://onlineislemler.kamusm.gov.tr/landing\"";
    let check = |from: &str, to: &str| {
        fs::write(&file, rules_with(from, to)).unwrap();
        bin(home.path())
            .args(["rules", "check"])
            .arg(&file)
            .output()
            .unwrap()
    };
    for (url, words) in [
        ("https://.", "must name a host"),
        ("https://--help", "must name a host"),
        ("https://a..b/x", "must name a host"),
        (
            "https://kamusm.gov.tr:99999999999999999999/",
            "port out of range",
        ),
        ("https://kamusm.gov.tr:0/", "port out of range"),
        ("https://kamusm.gov.tr/\u{202e}gnp.exe", "bidirectional"),
        ("http://kamusm.gov.tr/", "must start with https://"),
        ("https://user:pw@kamusm.gov.tr/", "must name a host"),
    ] {
        let out = check(good, &format!("url = \"{url}\""));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{url}: {err}");
        assert!(err.contains(words), "{url}: {err}");
    }
    let out = check(
        good,
        "url = \"https://onlineislemler.kamusm.gov.tr:8443/landing?x=1\"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = check("name = \"Üniversite\"", "name = \"Üniversite\\u202e\"");
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("bidirectional mark"),
        "{}",
        stderr(&out)
    );
    let out = check(
        "desk = \"Bilgi İşlem Daire Başkanlığı\"",
        "desk = \"Bilgi\\nesign: error: x\"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("control character"),
        "{}",
        stderr(&out)
    );
}

/// Item 15: `--excel-safe` prefixes input cells (and headers) that a spreadsheet would run
/// as formulas with `'`; computed values and plain CSV output stay as they are.
#[test]
fn excel_safe_csv() {
    let home = tempfile::tempdir().unwrap();
    let list = home.path().join("staff.csv");
    fs::write(
        &list,
        "name,expiry,=note\n=HYPERLINK(\"x\"),2027-06-30,+1\nAli,2027-06-30,@x\nVeli,2027-06-30,ok\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let out = bin(home.path())
            .args(["roster", "--today", "2027-01-01", "--format", "csv"])
            .args(extra)
            .arg(&list)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let plain = run(&[]);
    assert!(plain.starts_with("name,expiry,=note,"), "{plain}");
    assert!(
        plain.contains("\"=HYPERLINK(\"\"x\"\")\",2027-06-30,+1,"),
        "{plain}"
    );
    let safe = run(&["--excel-safe"]);
    assert!(safe.starts_with("name,expiry,'=note,state,"), "{safe}");
    assert!(
        safe.contains("\"'=HYPERLINK(\"\"x\"\")\",2027-06-30,'+1,valid,"),
        "{safe}"
    );
    assert!(safe.contains("Ali,2027-06-30,'@x,valid,"), "{safe}");
    assert!(safe.contains("Veli,2027-06-30,ok,valid,"), "{safe}");
    // Negative numbers esign computes (days left after expiry) are not touched.
    assert!(!safe.contains(",'-"), "{safe}");
    // Rows out = rows in, protected or not.
    assert_eq!(safe.lines().count(), 4, "{safe}");
    assert_eq!(plain.lines().count(), 4, "{plain}");
}
