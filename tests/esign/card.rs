//! `esign card` and `esign check --card` against real `SoftHSM2` tokens, each test with
//! its own token folder (`SOFTHSM2_CONF`) and each run its own `esign` process, since
//! PKCS#11 state is process-wide. What `SoftHSM2` never does (final-try and locked PIN
//! flags, AKIS's initialisation quirks, no reader, no card) comes from a small test
//! module that wraps `SoftHSM2`: `tests/shim/flagshim.c`, compiled once per test run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::common::*;
use crate::pki::{run, Pki};

pub(crate) const SOFTHSM: &str = "/usr/lib/softhsm/libsofthsm2.so";
const USER_PIN: &str = "1234";

/// Istanbul 01.06.2025 14:32:10 → 01.06.2027 14:32:10.
const FROM: &str = "20250601113210Z";
const UNTIL: &str = "20270601113210Z";

fn softhsm() -> &'static str {
    assert!(
        Path::new(SOFTHSM).exists(),
        "SoftHSM2 is not installed ({SOFTHSM} is missing): run scripts/test, which installs softhsm2, opensc, openssl, libp11-kit-dev and gcc"
    );
    SOFTHSM
}

/// Compiles a C file from `tests/shim/` once per test run, into Cargo's test tmp dir.
fn build(source: &str, output: &str, shared: bool) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("esign-shim");
    fs::create_dir_all(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/shim")
        .join(source);
    let out = dir.join(output);
    // Build under a private name, then rename: a half-written file is never loaded.
    let tmp = dir.join(format!("{output}.{}", std::process::id()));
    let mut args = vec!["-O2", "-Wall", "-I/usr/include/p11-kit-1", "-o"];
    args.push(tmp.to_str().unwrap());
    if shared {
        args.extend(["-shared", "-fPIC"]);
    }
    args.extend([src.to_str().unwrap(), "-ldl"]);
    run("cc", &args, &dir);
    fs::rename(&tmp, &out).unwrap();
    out
}

/// The flag shim (a PKCS#11 module wrapping `SoftHSM2`).
pub(crate) fn shim() -> &'static Path {
    static SHIM: OnceLock<PathBuf> = OnceLock::new();
    SHIM.get_or_init(|| {
        softhsm();
        build("flagshim.c", "libflagshim.so", true)
    })
}

/// The fixture writer for objects pkcs11-tool cannot make (private, unparsable).
fn p11put() -> &'static Path {
    static PUT: OnceLock<PathBuf> = OnceLock::new();
    PUT.get_or_init(|| build("p11put.c", "p11put", false))
}

/// A `SoftHSM2` token folder of its own, with its config file.
pub(crate) struct Token {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) conf: PathBuf,
    pub(crate) home: tempfile::TempDir,
}

impl Token {
    /// A folder with no initialised token: `SoftHSM2` shows only its blank spare slot.
    pub(crate) fn blank() -> Token {
        softhsm();
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("tokens")).unwrap();
        let conf = dir.path().join("softhsm2.conf");
        fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
                dir.path().join("tokens").display()
            ),
        )
        .unwrap();
        Token {
            dir,
            conf,
            home: tempfile::tempdir().unwrap(),
        }
    }

    /// One initialised token labelled `label`.
    fn new(label: &str) -> Token {
        let token = Token::blank();
        token.init(label);
        token
    }

    fn init(&self, label: &str) {
        self.tool(
            "softhsm2-util",
            &[
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                "12345678",
                "--pin",
                USER_PIN,
            ],
        );
    }

    fn tool(&self, program: &str, args: &[&str]) {
        crate::common::tools();
        let out = Command::new(program)
            .args(args)
            .env("SOFTHSM2_CONF", &self.conf)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program} ({e}): run scripts/test, which installs softhsm2 and opensc"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Writes a certificate (PEM file) to the token as a public object, as the card
    /// driver's own tools do.
    fn put(&self, label: &str, pki: &Pki, pem: &Path, object: &str) {
        let der = pki.der(
            pem,
            &format!("{}.der", pem.file_stem().unwrap().to_str().unwrap()),
        );
        self.tool(
            "pkcs11-tool",
            &[
                "--module",
                SOFTHSM,
                "--token-label",
                label,
                "--login",
                "--pin",
                USER_PIN,
                "--write-object",
                der.to_str().unwrap(),
                "--type",
                "cert",
                "--id",
                "01",
                "--label",
                object,
            ],
        );
    }

    /// Writes a certificate object with exactly this value, private or public.
    fn put_raw(&self, label: &str, value: &Path, object: &str, private: bool) {
        let put = p11put().to_str().unwrap().to_owned();
        self.tool(
            &put,
            &[
                SOFTHSM,
                label,
                USER_PIN,
                object,
                value.to_str().unwrap(),
                if private { "1" } else { "0" },
            ],
        );
    }

    /// `esign ARGS` with this token folder, in a clean environment; `env` adds variables.
    pub(crate) fn esign(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = esign_in(self.home.path());
        cmd.env("SOFTHSM2_CONF", &self.conf);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.args(args).output().unwrap()
    }

    /// `esign ARGS --module SOFTHSM`.
    fn card(&self, args: &[&str]) -> Output {
        self.esign(&[args, &["--module", SOFTHSM]].concat(), &[])
    }

    /// `esign ARGS --module SHIM`, the shim set up by `env`.
    fn shimmed(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let shim = shim().to_str().unwrap().to_owned();
        self.esign(&[args, &["--module", &shim]].concat(), env)
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("shim.log")
    }
}

pub(crate) fn code(out: &Output) -> i32 {
    out.status.code().expect("esign exited (no signal)")
}

pub(crate) fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out))
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(out), stderr(out)))
}

/// A token "AKIS-TEST" holding Ayşe Yılmaz's signing certificate for FROM..UNTIL.
pub(crate) fn ayse_card() -> (Token, Pki) {
    let token = Token::new("AKIS-TEST");
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    token.put("AKIS-TEST", &pki, &pem, "Ayşe Yılmaz imza");
    (token, pki)
}

#[test]
fn card_json_has_tokens() {
    let (token, _pki) = ayse_card();
    let out = token.card(&["card", "--json", "--today", "2027-05-20"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["state"], "renewal-due");
    let tokens = v["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 1, "the blank spare token is left out: {v}");
    let t = &tokens[0];
    assert_eq!(t["label"], "AKIS-TEST");
    assert!(!t["serial"].as_str().unwrap().is_empty());
    assert_eq!(t["pin_state"], "ok");
    let c = &t["certificates"][0];
    assert_eq!(c["subject"], "Ayşe Yılmaz");
    assert_eq!(c["signing"], true);
    assert_eq!(c["not_after"], "2027-06-01T14:32:10+03:00");
    assert_eq!(c["state"], "renewal-due");
    assert_eq!(c["days_left"], 12);
}

#[test]
fn check_card_every_state() {
    let (token, _pki) = ayse_card();
    for (now, state, exit) in [
        ("2025-06-01T14:32:09+03:00", "not-yet-valid", 1),
        ("2026-01-01T00:00:00+03:00", "valid", 0),
        ("2027-06-01T14:32:10+03:00", "renewal-due", 1),
        ("2027-06-01T14:32:11+03:00", "expired", 2),
    ] {
        let out = token.card(&["check", "--card", "--json", "--now", now]);
        assert_eq!(code(&out), exit, "{now}: {}", stderr(&out));
        let v = json(&out);
        assert_eq!(v["state"], state, "{now}");
        assert_eq!(v["certificates"][0]["source"], "token \"AKIS-TEST\"");
    }
    let out = token.card(&["check", "--card", "--today", "2027-05-20", "--lang", "tr"]);
    assert!(
        stdout(&out)
            .starts_with("Yenileme zamanı: sertifikanızın bitiş tarihi 01.06.2027 (12 gün kaldı)."),
        "{}",
        stdout(&out)
    );
}

#[test]
fn certificates_with_chosen_windows_one_card_each() {
    let pki = Pki::new();
    let now = "2026-06-01T12:00:00+03:00";
    let cases = [
        ("20240101000000Z", "20260501000000Z", "expired", 2),
        ("20240610000000Z", "20260620000000Z", "renewal-due", 1),
        ("20250101000000Z", "20280101000000Z", "valid", 0),
        ("20260701000000Z", "20290701000000Z", "not-yet-valid", 1),
    ];
    let all = Token::blank();
    for (i, (start, end, state, exit)) in cases.into_iter().enumerate() {
        let pem = pki.ayse(start, end);
        let token = Token::new("AKIS-TEST");
        token.put("AKIS-TEST", &pki, &pem, "imza");
        let out = token.card(&["check", "--card", "--json", "--now", now]);
        assert_eq!(code(&out), exit, "{state}: {}", stderr(&out));
        assert_eq!(json(&out)["state"], state);
        // The same certificates, one per token, in one folder.
        let label = format!("KART-{i}");
        all.init(&label);
        all.put(&label, &pki, &pem, "imza");
    }
    // Each token listed with its own state. All four are Ayşe's: one line of
    // succession, so the newest certificate valid now decides, not the most urgent.
    let out = all.card(&["card", "--json", "--now", now]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(
        (v["state"].as_str(), v["expiry"].as_str()),
        (Some("valid"), Some("2028-01-01"))
    );
    let mut states: Vec<&str> = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["certificates"][0]["state"].as_str().unwrap())
        .collect();
    states.sort_unstable();
    assert_eq!(states, ["expired", "not-yet-valid", "renewal-due", "valid"]);
}

#[test]
fn check_card_uses_the_signing_certificate() {
    let token = Token::new("AKIS-TEST");
    let pki = Pki::new();
    // An expired authentication certificate beside a valid signing one.
    let auth = pki.issue(
        crate::pki::AYSE,
        "20230101000000Z",
        "20250101000000Z",
        false,
    );
    let sign = pki.ayse(FROM, UNTIL);
    token.put("AKIS-TEST", &pki, &auth, "kimlik doğrulama");
    token.put("AKIS-TEST", &pki, &sign, "imza");
    let out = token.card(&["check", "--card", "--json", "--today", "2026-01-01"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["certificates"].as_array().unwrap().len(), 1);
    assert_eq!(v["certificates"][0]["signing"], true);
    // `esign card` lists both, and its state is the signing certificate's.
    let out = token.card(&["card", "--json", "--today", "2026-01-01"]);
    assert_eq!(code(&out), 0);
    let v = json(&out);
    assert_eq!(v["tokens"][0]["certificates"].as_array().unwrap().len(), 2);
}

#[test]
fn several_tokens_most_urgent_wins() {
    let token = Token::new("AKIS-A");
    token.init("AKIS-B");
    let pki = Pki::new();
    let valid = pki.ayse(FROM, UNTIL);
    let expired = pki.issue(
        "/C=TR/serialNumber=98765432109/CN=Mehmet Öztürk",
        "20230101000000Z",
        "20251201000000Z",
        true,
    );
    token.put("AKIS-A", &pki, &valid, "imza");
    token.put("AKIS-B", &pki, &expired, "imza");
    let out = token.card(&["check", "--card", "--json", "--today", "2026-01-01"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["certificates"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["headline"],
        "Your certificate expired on 2025-12-01 (31 days ago)."
    );
    let out = token.card(&["card", "--json", "--today", "2026-01-01"]);
    assert_eq!(code(&out), 2);
    assert_eq!(json(&out)["tokens"].as_array().unwrap().len(), 2);
}

#[test]
fn never_logs_in_and_finalises() {
    let (token, _pki) = ayse_card();
    let log = token.log();
    let out = token.shimmed(
        &["card", "--today", "2026-01-01"],
        &[("P11SHIM_LOG", log.to_str().unwrap())],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let calls = fs::read_to_string(&log).unwrap();
    assert_eq!(
        calls, "C_Initialize(NULL) 0\nC_Finalize 0\n",
        "NULL initialisation first, no login, finalised"
    );
}

/// The module is loaded once: the check of its function list keeps it loaded for the
/// rest, where closing it had unloaded it (and libcrypto with it, for `SoftHSM2`) only to
/// load it all again, half of `esign card`'s time.
#[test]
fn the_module_is_loaded_once() {
    let (token, _pki) = ayse_card();
    let log = token.log();
    let out = token.shimmed(
        &["card", "--today", "2026-01-01"],
        &[("P11SHIM_LOAD_LOG", log.to_str().unwrap())],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&log).unwrap(), "loaded\nunloaded\n");
}

#[test]
fn akis_quirks_initialisation_arguments_and_slot_list() {
    let (token, _pki) = ayse_card();
    // AKIS refuses any CK_C_INITIALIZE_ARGS and answers "no slot" to "slots with a token".
    let out = token.shimmed(
        &["check", "--card", "--today", "2026-01-01"],
        &[
            ("P11SHIM_REJECT_INIT_ARGS", "1"),
            ("P11SHIM_EMPTY_PRESENT", "1"),
        ],
    );
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("Ayşe Yılmaz (signing certificate)"));
}

#[test]
fn modules_that_want_initialisation_arguments_get_them() {
    let (token, _pki) = ayse_card();
    let log = token.log();
    let out = token.shimmed(
        &["card", "--today", "2026-01-01"],
        &[
            ("P11SHIM_REJECT_NULL_INIT", "1"),
            ("P11SHIM_LOG", log.to_str().unwrap()),
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&log).unwrap(),
        "C_Initialize(NULL) 7\nC_Initialize(args) 0\nC_Finalize 0\n"
    );
}

#[test]
fn pin_count_low_from_a_real_wrong_pin() {
    let (token, _pki) = ayse_card();
    // One wrong PIN through pkcs11-tool: SoftHSM2 sets and keeps CKF_USER_PIN_COUNT_LOW.
    let out = Command::new("pkcs11-tool")
        .args([
            "--module",
            SOFTHSM,
            "--token-label",
            "AKIS-TEST",
            "--login",
            "--pin",
            "0000",
            "-O",
        ])
        .env("SOFTHSM2_CONF", &token.conf)
        .output()
        .unwrap();
    assert!(!out.status.success(), "the wrong PIN is refused");
    let out = token.card(&["card", "--json", "--today", "2026-01-01"]);
    assert_eq!(code(&out), 0, "count-low alone changes no exit status");
    let v = json(&out);
    assert_eq!(v["tokens"][0]["pin_state"], "count-low");
    assert!(
        v["actions"][0]
            .as_str()
            .unwrap()
            .contains("A wrong PIN was entered"),
        "{v}"
    );
}

#[test]
fn pin_flags_from_the_shim() {
    let (token, _pki) = ayse_card();
    let cases = [
        ("10000", "count-low", 0, "A wrong PIN was entered"),
        ("20000", "final-try", 1, "one more wrong PIN locks the card"),
        ("30000", "final-try", 1, "R5"),
        ("40000", "locked", 2, "PIN is locked"),
        ("70000", "locked", 2, "(R6)"),
    ];
    for (flags, state, exit, words) in cases {
        let out = token.shimmed(
            &["card", "--json", "--today", "2026-01-01"],
            &[("P11SHIM_OR_FLAGS", flags)],
        );
        assert_eq!(code(&out), exit, "{flags}: {}", stderr(&out));
        let v = json(&out);
        assert_eq!(v["tokens"][0]["pin_state"], state, "{flags}");
        assert!(v["actions"].to_string().contains(words), "{flags}: {v}");
    }
    // Final try with a certificate due: still 1; with an expired one: 2.
    let out = token.shimmed(
        &["check", "--card", "--today", "2027-06-02"],
        &[("P11SHIM_OR_FLAGS", "20000")],
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn locked_pin_prints_the_unlock_path() {
    let (token, _pki) = ayse_card();
    for args in [&["card"][..], &["check", "--card"][..]] {
        let out = token.shimmed(
            &[args, &["--today", "2026-01-01", "--lang", "tr"]].concat(),
            &[("P11SHIM_OR_FLAGS", "40000")],
        );
        assert_eq!(code(&out), 2, "{args:?}");
        let text = stdout(&out);
        assert!(
            text.contains("Kartın kilidini çözün ve yeni PIN oluşturun (R6):"),
            "{text}"
        );
        assert!(
            text.contains("https://onlineislemler.kamusm.gov.tr/landing"),
            "{text}"
        );
        assert!(text.contains("Giriş"), "{text}");
        assert!(
            text.contains("NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri → PIN Oluşturma → Kilit Çözme"),
            "{text}"
        );
    }
    // The path comes from the rules: edit them, and the card says the new path.
    let rules = token.dir.path().join("rules.toml");
    fs::write(
        &rules,
        rules_with("\"Kilit Çözme\"]", "\"Kilit Kaldırma\"]"),
    )
    .unwrap();
    let out = token.shimmed(
        &[
            "card",
            "--json",
            "--today",
            "2026-01-01",
            "--rules",
            rules.to_str().unwrap(),
        ],
        &[("P11SHIM_OR_FLAGS", "40000")],
    );
    let v = json(&out);
    assert_eq!(v["unlock"]["steps"][4], "Kilit Kaldırma");
    assert_eq!(
        v["unlock"]["url"],
        "https://onlineislemler.kamusm.gov.tr/landing"
    );
}

#[test]
fn no_reader_no_card_blank_card() {
    let (token, _pki) = ayse_card();
    let one_line = |out: &Output, words: &str| {
        assert_eq!(code(out), 3, "{}", stdout(out));
        let err = stderr(out);
        assert!(stdout(out).is_empty(), "{}", stdout(out));
        assert!(
            err.starts_with("esign: error: ") && err.contains(words),
            "{err}"
        );
    };
    one_line(
        &token.shimmed(&["card"], &[("P11SHIM_NO_SLOTS", "1")]),
        "no card reader found",
    );
    one_line(
        &token.shimmed(&["check", "--card"], &[("P11SHIM_NO_TOKEN", "1")]),
        "no card in the reader",
    );
    let blank = Token::blank();
    let out = blank.card(&["card"]);
    one_line(&out, "not initialised");
}

#[test]
fn module_lookup_and_bad_modules() {
    let (token, _pki) = ayse_card();
    let err = |out: &Output| {
        assert_eq!(code(out), 3, "{}", stdout(out));
        let e = stderr(out);
        assert_eq!(e.lines().count(), 1, "{e}");
        e
    };
    // --module that does not exist.
    let out = token.esign(&["card", "--module", "/nowhere/libakisp11.so"], &[]);
    assert!(err(&out).contains("/nowhere/libakisp11.so (from --module) does not exist"));
    // $ESIGN_PKCS11_MODULE is used when there is no --module.
    let out = token.esign(
        &["card", "--today", "2026-01-01"],
        &[("ESIGN_PKCS11_MODULE", SOFTHSM)],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = token.esign(&["card"], &[("ESIGN_PKCS11_MODULE", "/nowhere/x.so")]);
    assert!(err(&out).contains("(from $ESIGN_PKCS11_MODULE) does not exist"));
    // The rules' [card] modules: the first that exists.
    let rules = token.dir.path().join("rules.toml");
    fs::write(
        &rules,
        rules_with(
            "\"/usr/lib/libakisp11.so\",",
            &format!("\"/nowhere/libakisp11.so\", \"{SOFTHSM}\","),
        ),
    )
    .unwrap();
    let out = token.esign(
        &[
            "card",
            "--today",
            "2026-01-01",
            "--rules",
            rules.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // None of them exists.
    let none = "modules = [\"/nowhere/a.so\", \"/nowhere/b.so\"]\n";
    let text = include_str!("../../rules.toml");
    let start = text.find("modules = [").unwrap();
    fs::write(&rules, format!("{}{none}", &text[..start])).unwrap();
    let out = token.esign(&["card", "--rules", rules.to_str().unwrap()], &[]);
    let e = err(&out);
    assert!(
        e.contains("no PKCS#11 module found (looked for /nowhere/a.so, /nowhere/b.so)"),
        "{e}"
    );
    assert!(e.contains("--module"), "{e}");
    // A file that is not a library, and a library that is not PKCS#11.
    let text_file = token.dir.path().join("softhsm2.conf");
    let out = token.esign(&["card", "--module", text_file.to_str().unwrap()], &[]);
    assert!(err(&out).contains("is not a PKCS#11 library"));
    if let Some(libz) = [
        "/lib/x86_64-linux-gnu/libz.so.1",
        "/usr/lib/x86_64-linux-gnu/libz.so.1",
        "/lib/aarch64-linux-gnu/libz.so.1",
    ]
    .iter()
    .find(|p| Path::new(p).exists())
    {
        let out = token.esign(&["check", "--card", "--module", libz], &[]);
        assert!(err(&out).contains("is not a PKCS#11 library (it has no C_GetFunctionList)"));
    }
}

/// A module whose `C_GetFunctionList` says OK and gives a NULL list: exit 3 naming it,
/// never a crash. A relative `--module` path means that file; a bare name is only looked
/// up by the system, never in the current folder.
#[test]
fn broken_and_relative_modules() {
    let (token, _pki) = ayse_card();
    let null = build("nulllist.c", "libnulllist.so", true);
    let one_line = |out: &Output, words: &str| {
        let e = stderr(out);
        assert_eq!(code(out), 3, "{e}");
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(e.contains(words), "{words:?} not in {e}");
    };
    for args in [&["card"][..], &["check", "--card"]] {
        let out = token.esign(&[args, &["--module", null.to_str().unwrap()]].concat(), &[]);
        assert_eq!(code(&out), 3, "{}", stderr(&out));
        one_line(
            &out,
            &format!(
                "{} is not a PKCS#11 library (its C_GetFunctionList returned no function list)",
                null.display()
            ),
        );
    }
    // A relative path with a folder part is that file, named absolutely.
    let folder = token.dir.path().join("mods");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(&null, folder.join("libakisp11.so")).unwrap();
    let run_in = |dir: &Path, module: &str| {
        let mut cmd = esign_in(token.dir.path());
        cmd.current_dir(dir)
            .args(["card", "--module", module])
            .env("SOFTHSM2_CONF", token.dir.path().join("softhsm2.conf"))
            .output()
            .unwrap()
    };
    let out = run_in(token.dir.path(), "mods/libakisp11.so");
    one_line(
        &out,
        &format!(
            "{} is not a PKCS#11 library",
            folder.join("libakisp11.so").display()
        ),
    );
    let out = run_in(&folder, "./libakisp11.so");
    one_line(
        &out,
        &format!(
            "{} is not a PKCS#11 library",
            folder.join("libakisp11.so").display()
        ),
    );
    // A bare name is never taken from the current folder, even though the file is there.
    let out = run_in(&folder, "libakisp11.so");
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    one_line(
        &out,
        "libakisp11.so (from --module) is not in the system's library search path",
    );
}

#[test]
fn an_unparsable_certificate_object_is_skipped() {
    let (token, _pki) = ayse_card();
    let junk = token.dir.path().join("junk.der");
    fs::write(&junk, [0x30, 0x82, 0x01, 0x00, 0x01, 0x02, 0x03]).unwrap();
    token.put_raw("AKIS-TEST", &junk, "bozuk", false);
    let out = token.card(&["card", "--json", "--today", "2026-01-01"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("esign: warning: skipped certificate object \"bozuk\" on token \"AKIS-TEST\": the DER data is truncated"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        json(&out)["tokens"][0]["certificates"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_certificate_hidden_until_login_gets_a_clear_message() {
    let token = Token::new("AKIS-TEST");
    let pki = Pki::new();
    let pem = pki.ayse(FROM, UNTIL);
    let der = pki.der(&pem, "imza.der");
    token.put_raw("AKIS-TEST", &der, "imza", true);
    let out = token.card(&["check", "--card"]);
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("esign: error: the card shows no certificate without its PIN, and esign never asks for the PIN"),
        "{}",
        stderr(&out)
    );
    let out = token.card(&["card", "--today", "2026-01-01"]);
    assert_eq!(code(&out), 3, "nothing to check");
    let text = stdout(&out);
    assert!(
        text.contains("no certificate visible without the PIN"),
        "{text}"
    );
    assert!(
        text.contains("PIN: ok"),
        "the token is still listed: {text}"
    );
    let out = token.card(&["card", "--json", "--today", "2026-01-01"]);
    let v = json(&out);
    assert!(v["state"].is_null());
    assert_eq!(v["tokens"][0]["certificates"].as_array().unwrap().len(), 0);
}

#[test]
fn quiet_card_sets_only_the_exit_status() {
    let (token, _pki) = ayse_card();
    let out = token.card(&["card", "--quiet", "--today", "2027-06-02"]);
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out).is_empty() && stderr(&out).is_empty(),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// Variables for one run (the shim's flags).
type Env<'a> = &'a [(&'a str, &'a str)];

/// Issue 10 follow-up: the card screens as snapshots, in both languages, from a real
/// `SoftHSM2` token: valid, renewal due (`check --card`), and the PIN's last try and lock
/// (the shim's token flags). The token's random serial is replaced.
#[test]
fn card_screens() {
    let (token, _pki) = ayse_card();
    let serial = json(&token.card(&["card", "--json", "--today", "2026-01-01"]))["tokens"][0]
        ["serial"]
        .as_str()
        .unwrap()
        .to_owned();
    let runs: [(&str, &[&str], Env); 4] = [
        ("valid", &["card", "--today", "2026-01-01"], &[]),
        ("due", &["check", "--card", "--today", "2027-05-20"], &[]),
        (
            "final_try",
            &["card", "--today", "2026-01-01"],
            &[("P11SHIM_OR_FLAGS", "20000")],
        ),
        (
            "locked",
            &["card", "--today", "2026-01-01"],
            &[("P11SHIM_OR_FLAGS", "70000")],
        ),
    ];
    for (name, args, env) in runs {
        let mut all = String::new();
        for lang in ["tr", "en"] {
            let args = [args, &["--lang", lang]].concat();
            let out = if env.is_empty() {
                token.card(&args)
            } else {
                token.shimmed(&args, env)
            };
            let shown = crate::screens::shown(&args, &out, &[(serial.as_str(), "[SERIAL]")])
                .replace(shim().to_str().unwrap(), "[MODULE]");
            all.push_str(&shown);
            all.push('\n');
        }
        insta::assert_snapshot!(format!("card_{name}"), all);
    }
}
