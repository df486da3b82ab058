//! `esign doctor` on real parts: a real `pcscd` (started here in the foreground, stopped
//! by its process id) with Debian's `vsmartcard-vpcd` virtual reader and a virtual card
//! (`tests/shim/vicc.py`, python3-virtualsmartcard) answering with a chosen ATR; real
//! `SoftHSM2` tokens and the flag shim for the PKCS#11 layers.
//!
//! pcscd's socket is the system's (`/run/pcscd`), so the tests that touch it take
//! [`PCSC`] and run one at a time; they need root, as CI has, and no other pcscd.

use std::fs;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::card::{ayse_card, code, json, shim, Token, SOFTHSM};
use crate::common::*;
use crate::pki::run;

const AKIS: &str = "3B 9F 96 81 31 FE 45 80 67 55 45 4B 41 45 12 93 31 80 73 B3 A1 80 6B";
const ID_CARD: &str = "3B 9F 97 81 31 FE 45 80 65 54 43 4B 49 44 30 31 32 33 34 35 36 37 38";
const UNKNOWN: &str = "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A";
const SOCKET: &str = "/run/pcscd/pcscd.comm";
/// vpcd's TCP port for the first reader (the second listens on the next one).
const VPCD_PORT: u16 = 35_990;

/// pcscd is one per machine: the tests that start or stop it take turns.
static PCSC: Mutex<()> = Mutex::new(());

pub(crate) fn pcsc_turn() -> MutexGuard<'static, ()> {
    PCSC.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn installed(path: &str, package: &str) {
    assert!(
        Path::new(path).exists(),
        "{path} is missing: run scripts/test, which installs {package}"
    );
}

/// Waits until `ready` holds, up to 10 s.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn alive(pid: &str) -> bool {
    Path::new("/proc").join(pid.trim()).exists()
}

/// A `pcscd -f` of our own with a reader configuration of our own, stopped by pid.
struct Pcscd {
    child: Child,
    _conf: tempfile::TempDir,
}

impl Pcscd {
    /// `readers`: whether the vpcd virtual reader is configured.
    fn start(readers: bool) -> Pcscd {
        installed("/usr/sbin/pcscd", "pcscd");
        if let Ok(pid) = fs::read_to_string("/run/pcscd/pcscd.pid") {
            assert!(
                !alive(&pid),
                "a pcscd is already running (pid {}): stop it; the doctor tests start their own",
                pid.trim()
            );
        }
        let conf = tempfile::tempdir().unwrap();
        if readers {
            installed(
                "/usr/lib/pcsc/drivers/serial/libifdvpcd.so",
                "vsmartcard-vpcd",
            );
            fs::write(
                conf.path().join("vpcd"),
                format!(
                    "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x{VPCD_PORT:X}\nLIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID 0x{VPCD_PORT:X}\n"
                ),
            )
            .unwrap();
        }
        let child = Command::new("pcscd")
            .args(["-f", "-c"])
            .arg(conf.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pcscd starts (as root)");
        let pcscd = Pcscd { child, _conf: conf };
        wait_for("pcscd's socket", || {
            std::os::unix::net::UnixStream::connect(SOCKET).is_ok()
        });
        if readers {
            wait_for("vpcd's port", || {
                TcpStream::connect(("127.0.0.1", VPCD_PORT)).is_ok()
            });
        }
        pcscd
    }
}

impl Drop for Pcscd {
    fn drop(&mut self) {
        // SIGTERM lets pcscd remove its socket and pid file; SIGKILL only if it lingers.
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A virtual card in vpcd's first reader, answering with `atr`.
struct Vicc(Child);

impl Vicc {
    fn insert(atr: &str) -> Vicc {
        installed(
            "/usr/lib/python3/site-packages/virtualsmartcard",
            "python3-virtualsmartcard",
        );
        // Debian's python3, where the Debian packages are (not a pyenv one on PATH).
        let python = if Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3"
        } else {
            "python3"
        };
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shim/vicc.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(VPCD_PORT.to_string())
            .arg(atr)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("python3 runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        if line.trim() != "connected" {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the virtual card did not connect: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let vicc = Vicc(child);
        // pcscd polls the reader: wait until it shows the card.
        wait_for("the card in the reader", || {
            let (mut cmd, _home) = esign();
            let out = cmd.args(["doctor-probe", "pcsc"]).output().unwrap();
            stdout(&out).contains("\"atr\":\"")
        });
        vicc
    }
}

impl Drop for Vicc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A folder with a `java` that answers `-version` like `OpenJDK`, first on `PATH`, so
/// the Java check does not depend on the machine.
fn java_bin() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let java = dir.path().join("java");
    fs::write(
        &java,
        "#!/bin/sh\necho 'openjdk version \"17.0.9\" 2023-10-17' >&2\necho 'OpenJDK 64-Bit Server VM (build 17.0.9+9, mixed mode)' >&2\n",
    )
    .unwrap();
    run("chmod", &["+x", java.to_str().unwrap()], dir.path());
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (dir, path)
}

/// `esign doctor ARGS --json` with `token`'s folder, a known Java and browser.
fn doctor(token: &Token, args: &[&str], env: &[(&str, &str)]) -> (Output, Value) {
    let (_java, path) = java_bin();
    let mut all = vec![("PATH", path.as_str()), ("ESIGN_BROWSER", "/bin/true")];
    all.extend_from_slice(env);
    let out = token.esign(&[&["doctor", "--json"], args].concat(), &all);
    let v = json(&out);
    (out, v)
}

/// The check with this id.
fn check<'v>(v: &'v Value, id: &str) -> &'v Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}: {v}"))
}

/// `(status, code)` of the check with this id.
fn state<'v>(v: &'v Value, id: &str) -> (&'v str, &'v str) {
    let c = check(v, id);
    (c["status"].as_str().unwrap(), c["code"].as_str().unwrap())
}

/// A rules file whose only module is `module`.
fn rules_with_module(token: &Token, module: &str) -> PathBuf {
    let text = include_str!("../../rules.toml");
    let start = text.find("modules = [").unwrap();
    let end = start + text[start..].find(']').unwrap() + 1;
    let rules = token.dir.path().join("rules.toml");
    fs::write(
        &rules,
        format!("{}modules = [\"{module}\"]{}", &text[..start], &text[end..]),
    )
    .unwrap();
    rules
}

#[test]
fn json_shape_and_order() {
    let _turn = pcsc_turn();
    let (token, _pki) = ayse_card();
    let (out, v) = doctor(&token, &["--today", "2026-01-01"], &[]);
    assert_eq!(code(&out), 2, "pcscd is not running: {v}");
    let ids: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "rules",
            "clock",
            "service",
            "readers",
            "card",
            "module",
            "token",
            "certificate",
            "java",
            "browser"
        ]
    );
    for c in v["checks"].as_array().unwrap() {
        for key in ["id", "status", "code", "finding", "fix", "details"] {
            assert!(c.get(key).is_some(), "{key} missing in {c}");
        }
        assert!(["ok", "info", "warning", "problem", "skipped"]
            .contains(&c["status"].as_str().unwrap()));
    }
    assert_eq!(v["status"], "problem");
    assert_eq!(state(&v, "rules"), ("ok", "rules-embedded"));
    assert_eq!(state(&v, "java").0, "ok");
    assert_eq!(check(&v, "java")["details"]["bits"], 64);
    assert_eq!(state(&v, "browser"), ("ok", "browser-variable"));
}

#[test]
fn pcscd_not_running() {
    let _turn = pcsc_turn();
    let (token, _pki) = ayse_card();
    let (out, v) = doctor(&token, &[], &[]);
    assert_eq!(code(&out), 2);
    assert_eq!(state(&v, "service"), ("problem", "service-not-running"));
    assert!(check(&v, "service")["fix"]
        .as_str()
        .unwrap()
        .contains("systemctl start pcscd.socket"));
    // The layers above are not guessed at.
    for id in ["readers", "card", "token", "certificate"] {
        assert_eq!(state(&v, id).0, "skipped", "{id}: {v}");
    }
    // An explicit module (a software token needs no reader): PC/SC is only information.
    let (out, v) = doctor(&token, &["--module", SOFTHSM, "--today", "2026-01-01"], &[]);
    assert_eq!(code(&out), 0, "{v}");
    assert_eq!(state(&v, "service"), ("info", "service-not-running"));
    assert_eq!(state(&v, "module"), ("ok", "module-ok"));
    assert_eq!(state(&v, "token"), ("ok", "token-ok"));
    assert_eq!(state(&v, "certificate"), ("ok", "certificate-state"));
    // In Turkish text.
    let (_java, path) = java_bin();
    let out = token.esign(&["doctor", "--lang", "tr"], &[("PATH", &path)]);
    let text = stdout(&out);
    assert!(text.contains("✗ Akıllı kart hizmeti"), "{text}");
    assert!(
        text.contains("akıllı kart hizmeti (pcscd) çalışmıyor"),
        "{text}"
    );
    assert!(
        text.contains("→ çözüm: başlatın: sudo systemctl start pcscd.socket"),
        "{text}"
    );
}

#[test]
fn no_reader_configured() {
    let _turn = pcsc_turn();
    let _pcscd = Pcscd::start(false);
    let (token, _pki) = ayse_card();
    let (out, v) = doctor(&token, &[], &[]);
    assert_eq!(code(&out), 2, "{v}");
    assert_eq!(state(&v, "service"), ("ok", "service-ok"));
    assert_eq!(state(&v, "readers"), ("problem", "no-reader"));
    assert!(check(&v, "readers")["fix"]
        .as_str()
        .unwrap()
        .contains("libccid"));
    assert_eq!(state(&v, "card").0, "skipped");
}

#[test]
fn reader_without_a_card() {
    let _turn = pcsc_turn();
    let _pcscd = Pcscd::start(true);
    let (token, _pki) = ayse_card();
    let (out, v) = doctor(&token, &[], &[]);
    assert_eq!(code(&out), 2, "{v}");
    assert_eq!(state(&v, "readers").0, "ok");
    assert!(check(&v, "readers")["finding"]
        .as_str()
        .unwrap()
        .contains("Virtual PCD 00 00"));
    assert_eq!(state(&v, "card"), ("problem", "no-card"));
    assert_eq!(state(&v, "token").0, "skipped");
}

#[test]
fn akis_card_goes_on_to_the_module() {
    let _turn = pcsc_turn();
    let _pcscd = Pcscd::start(true);
    let _card = Vicc::insert(AKIS);
    let (token, _pki) = ayse_card();
    // The rules name the module (SoftHSM stands in for the AKİS driver).
    let rules = rules_with_module(&token, SOFTHSM);
    let (out, v) = doctor(
        &token,
        &["--rules", rules.to_str().unwrap(), "--today", "2026-01-01"],
        &[],
    );
    assert_eq!(code(&out), 0, "{v}");
    assert_eq!(v["status"], "ok");
    assert_eq!(state(&v, "card"), ("ok", "card-e-signature"));
    let readers = &check(&v, "card")["details"]["readers"];
    assert_eq!(readers[0]["atr"], AKIS);
    assert_eq!(readers[0]["kind"], "e-signature");
    assert_eq!(state(&v, "module"), ("ok", "module-ok"));
    assert_eq!(state(&v, "certificate"), ("ok", "certificate-state"));
    // Renewal due: a warning, exactly as `check --card` says it.
    let (out, v) = doctor(
        &token,
        &["--rules", rules.to_str().unwrap(), "--today", "2027-05-20"],
        &[],
    );
    assert_eq!(code(&out), 1, "{v}");
    assert_eq!(state(&v, "certificate").0, "warning");
    assert!(check(&v, "certificate")["finding"]
        .as_str()
        .unwrap()
        .contains("12 days left"));
    // The text screen, both languages.
    let (_java, path) = java_bin();
    let env = [("PATH", path.as_str()), ("ESIGN_BROWSER", "/bin/true")];
    let args = [
        "doctor",
        "--rules",
        rules.to_str().unwrap(),
        "--today",
        "2026-01-01",
    ];
    let text = stdout(&token.esign(&args, &env));
    assert!(text.contains("✓ Card"), "{text}");
    assert!(text.contains("AKİS in \"Virtual PCD 00 00\""), "{text}");
    let text = stdout(&token.esign(&[&args[..], &["--lang", "tr", "--ascii"]].concat(), &env));
    assert!(text.contains("[ok] Kart "), "{text}");
    assert!(text.contains("\"Virtual PCD 00 00\" icinde AKIS"), "{text}");
    assert!(text.is_ascii());
}

#[test]
fn id_card_is_named_and_stops_the_layers_above() {
    let _turn = pcsc_turn();
    let _pcscd = Pcscd::start(true);
    let _card = Vicc::insert(ID_CARD);
    let (token, _pki) = ayse_card();
    let rules = rules_with_module(&token, SOFTHSM);
    let (out, v) = doctor(&token, &["--rules", rules.to_str().unwrap()], &[]);
    assert_eq!(code(&out), 2, "{v}");
    assert_eq!(state(&v, "card"), ("problem", "card-id-card"));
    assert!(check(&v, "card")["finding"]
        .as_str()
        .unwrap()
        .contains("this is your ID card (kimlik kartı), not the e-signature card"));
    assert_eq!(
        check(&v, "card")["details"]["readers"][0]["kind"],
        "id-card"
    );
    assert_eq!(state(&v, "module").0, "skipped");
    assert_eq!(state(&v, "token").0, "skipped");
    let (_java, path) = java_bin();
    let out = token.esign(
        &["doctor", "--lang", "tr", "--rules", rules.to_str().unwrap()],
        &[("PATH", &path)],
    );
    assert!(
        stdout(&out).contains("bu sizin kimlik kartınız, e-imza kartı değil"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unknown_card_shows_its_atr_and_is_still_probed() {
    let _turn = pcsc_turn();
    let _pcscd = Pcscd::start(true);
    let _card = Vicc::insert(UNKNOWN);
    let (token, _pki) = ayse_card();
    let rules = rules_with_module(&token, SOFTHSM);
    let (out, v) = doctor(
        &token,
        &["--rules", rules.to_str().unwrap(), "--today", "2026-01-01"],
        &[],
    );
    assert_eq!(code(&out), 1, "a warning only: {v}");
    assert_eq!(state(&v, "card"), ("warning", "card-unknown"));
    assert!(check(&v, "card")["finding"]
        .as_str()
        .unwrap()
        .contains(UNKNOWN));
    assert_eq!(state(&v, "module"), ("ok", "module-ok"));
}

#[test]
fn pin_states_and_module_failures_through_the_shim() {
    let (token, _pki) = ayse_card();
    let shim = shim().to_str().unwrap().to_owned();
    let module = ["--module", shim.as_str(), "--today", "2026-01-01"];
    let (out, v) = doctor(&token, &module, &[("P11SHIM_OR_FLAGS", "40000")]);
    assert_eq!(code(&out), 2, "{v}");
    assert_eq!(state(&v, "token"), ("problem", "token-pin-locked"));
    let fix = check(&v, "token")["fix"].as_str().unwrap();
    assert!(
        fix.contains("https://onlineislemler.kamusm.gov.tr/landing"),
        "{fix}"
    );
    assert!(fix.contains("PIN Oluşturma → Kilit Çözme"), "{fix}");
    let (out, v) = doctor(&token, &module, &[("P11SHIM_OR_FLAGS", "20000")]);
    assert_eq!(code(&out), 1, "{v}");
    assert_eq!(state(&v, "token"), ("warning", "token-ok"));
    assert_eq!(
        check(&v, "token")["details"]["tokens"][0]["pin_state"],
        "final-try"
    );
    let (_, v) = doctor(&token, &module, &[("P11SHIM_NO_SLOTS", "1")]);
    assert_eq!(state(&v, "token"), ("problem", "token-no-reader"));
    let (_, v) = doctor(&token, &module, &[("P11SHIM_NO_TOKEN", "1")]);
    assert_eq!(state(&v, "token"), ("problem", "token-no-card"));
    // A module that wants arguments still starts (the NULL rule, then arguments).
    let (_, v) = doctor(&token, &module, &[("P11SHIM_REJECT_NULL_INIT", "1")]);
    assert_eq!(state(&v, "module"), ("ok", "module-ok"));
    // SoftHSM2 alone: a token holding nothing readable.
    let blank = Token::blank();
    let (_, v) = doctor(&blank, &["--module", SOFTHSM], &[]);
    assert_eq!(state(&v, "token"), ("problem", "token-blank"));
}

#[test]
fn a_hung_module_is_killed_at_its_time_limit() {
    let (token, _pki) = ayse_card();
    let shim = shim().to_str().unwrap().to_owned();
    let (out, v) = doctor(&token, &["--module", &shim], &[("P11SHIM_HANG_INIT", "1")]);
    assert_eq!(code(&out), 2, "{v}");
    assert_eq!(state(&v, "module"), ("problem", "module-timed-out"));
    assert_eq!(state(&v, "token").0, "skipped");
}

#[test]
fn architecture_and_file_checks() {
    let (token, _pki) = ayse_card();
    let dir = token.dir.path();
    // A hand-made 32-bit x86 shared object header.
    let mut elf32 = b"\x7fELF\x01\x01\x01".to_vec();
    elf32.resize(52, 0);
    elf32[16] = 3; // ET_DYN
    elf32[18] = 3; // EM_386
    let lib32 = dir.join("libakisp11-32.so");
    fs::write(&lib32, &elf32).unwrap();
    let (out, v) = doctor(&token, &["--module", lib32.to_str().unwrap()], &[]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        state(&v, "module"),
        ("problem", "module-wrong-architecture")
    );
    let finding = check(&v, "module")["finding"].as_str().unwrap();
    assert!(
        finding.contains("is ELF 32-bit x86, but esign is 64-bit"),
        "{finding}"
    );
    // A file that is no library at all.
    let (_, v) = doctor(&token, &["--module", token.conf.to_str().unwrap()], &[]);
    assert_eq!(state(&v, "module"), ("problem", "module-not-a-library"));
    // A library that is not PKCS#11.
    if let Some(libz) = [
        "/lib/x86_64-linux-gnu/libz.so.1",
        "/usr/lib/x86_64-linux-gnu/libz.so.1",
    ]
    .iter()
    .find(|p| Path::new(p).exists())
    {
        let (_, v) = doctor(&token, &["--module", libz], &[]);
        assert_eq!(state(&v, "module"), ("problem", "module-no-function-list"));
    }
    // A module path that does not exist, from the environment.
    let (_, v) = doctor(
        &token,
        &[],
        &[("ESIGN_PKCS11_MODULE", "/nowhere/libakisp11.so")],
    );
    assert_eq!(state(&v, "module"), ("problem", "module-missing"));
}

#[test]
fn java_and_browser_missing_are_warnings() {
    let (token, _pki) = ayse_card();
    let empty = tempfile::tempdir().unwrap();
    let out = token.esign(
        &[
            "doctor",
            "--json",
            "--module",
            SOFTHSM,
            "--today",
            "2026-01-01",
        ],
        &[("PATH", empty.path().to_str().unwrap())],
    );
    let v = json(&out);
    assert_eq!(state(&v, "java"), ("warning", "java-missing"));
    assert_eq!(state(&v, "browser"), ("warning", "browser-none"));
    assert_eq!(state(&v, "module").0, "ok");
    assert_eq!(code(&out), 1, "warnings only: {v}");
}

#[test]
fn a_broken_rules_file_is_a_problem_and_the_rest_still_runs() {
    let (token, _pki) = ayse_card();
    let rules = token.dir.path().join("broken.toml");
    fs::write(&rules, "[institution]\nname = 1\n").unwrap();
    let (out, v) = doctor(
        &token,
        &["--rules", rules.to_str().unwrap(), "--module", SOFTHSM],
        &[],
    );
    assert_eq!(code(&out), 2);
    assert_eq!(state(&v, "rules"), ("problem", "rules-broken"));
    assert!(check(&v, "rules")["fix"]
        .as_str()
        .unwrap()
        .contains("esign rules check"));
    assert_eq!(state(&v, "module").0, "ok");
}

#[test]
fn card_commands_point_to_doctor() {
    let (token, _pki) = ayse_card();
    let shim = shim().to_str().unwrap().to_owned();
    for (flag, words) in [
        ("P11SHIM_NO_SLOTS", "no card reader found"),
        ("P11SHIM_NO_TOKEN", "no card in the reader"),
    ] {
        let out = token.esign(&["check", "--card", "--module", &shim], &[(flag, "1")]);
        assert_eq!(code(&out), 3);
        let err = stderr(&out);
        assert!(
            err.contains(words) && err.contains("; esign doctor checks"),
            "{err}"
        );
    }
}

#[test]
fn check_expiry_does_not_need_libpcsclite() {
    // The binary must not list libpcsclite among the libraries it needs at start.
    let exe = env!("CARGO_BIN_EXE_esign");
    let out = Command::new("readelf")
        .args(["-d", exe])
        .output()
        .expect("readelf runs (binutils)");
    let dynamic = String::from_utf8_lossy(&out.stdout);
    assert!(dynamic.contains("(NEEDED)"), "{dynamic}");
    assert!(!dynamic.contains("pcsclite"), "{dynamic}");
    let (mut cmd, _home) = esign();
    let out = cmd
        .args(["check", "--expiry", "2030-01-01", "--today", "2026-01-01"])
        .env("LD_LIBRARY_PATH", "/nowhere")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
