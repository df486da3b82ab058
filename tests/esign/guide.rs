//! Guided mode: the real binary in a real terminal (tmux), keys sent as a person types
//! them, the screen read back. Each test has its own tmux server (`-L`), and they run
//! one at a time: two servers redrawing at once on two cores make the waits flaky.

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::common::*;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const TODAY: &str = "2025-05-20";
const URL: &str = "https://onlineislemler.kamusm.gov.tr/landing";

/// A temporary home with the files a guide session uses: rules whose card modules do
/// not exist (so the date is typed, whatever this machine has installed) and a fake
/// browser that records the address it is given.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let rules = include_str!("../../rules.toml");
        let start = rules
            .find("modules = [")
            .expect("rules.toml lists card modules");
        let end = start + rules[start..].find(']').unwrap() + 1;
        let rules = format!(
            "{}modules = [\"/nonexistent/libakisp11.so\"]{}",
            &rules[..start],
            &rules[end..]
        );
        std::fs::write(dir.path().join("rules.toml"), rules).unwrap();
        let browser = dir.path().join("browser.sh");
        std::fs::write(
            &browser,
            format!(
                "#!/bin/sh\necho \"$1\" >> '{}'\n",
                dir.path().join("opened.txt").display()
            ),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Home { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The environment both the guide and the direct commands get.
    fn env(&self, lang: &str) -> Vec<(String, String)> {
        let p = |name: &str| self.path().join(name).display().to_string();
        [
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("HOME", p("")),
            ("XDG_CONFIG_HOME", p(".config")),
            ("ESIGN_RULES", p("rules.toml")),
            ("ESIGN_BROWSER", p("browser.sh")),
            ("ESIGN_TODAY", TODAY.to_owned()),
            ("ESIGN_LANG", lang.to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// The addresses the fake browser was given.
    fn opened(&self) -> String {
        std::fs::read_to_string(self.path().join("opened.txt")).unwrap_or_default()
    }

    /// What `esign ARGS` prints, stdout then stderr, run directly with the same setup.
    fn direct(&self, lang: &str, args: &[&str]) -> String {
        let mut cmd = esign_in(self.path());
        for (k, v) in self.env(lang) {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().unwrap();
        stdout(&out) + &stderr(&out)
    }
}

fn sh_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// `esign` in a 100×30 tmux pane. The shell around it prints `EXIT=<status>` and then
/// keeps the pane alive, so the exit status and the terminal's state can be read.
struct Screen {
    socket: String,
    _lock: std::sync::MutexGuard<'static, ()>,
    /// Option 5 runs `esign doctor`, which reads the machine's one pcscd: the doctor
    /// tests start and stop it, so the guide waits its turn like they do.
    _pcsc: std::sync::MutexGuard<'static, ()>,
}

impl Screen {
    fn start(name: &str, home: &Home, lang: &str, args: &[&str]) -> Screen {
        let lock = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        crate::common::tools();
        let socket = format!("esign-guide-{name}-{}", std::process::id());
        let mut words: Vec<String> = vec!["env".into(), "-i".into(), "TERM=screen".into()];
        words.extend(home.env(lang).into_iter().map(|(k, v)| format!("{k}={v}")));
        words.push(esign_binary().display().to_string());
        words.extend(args.iter().map(|a| (*a).to_owned()));
        let line = words
            .iter()
            .map(|w| sh_quote(w))
            .collect::<Vec<_>>()
            .join(" ");
        let shell = format!("{line}; echo \"EXIT=$?\"; exec sleep 600");
        let screen = Screen {
            socket,
            _lock: lock,
            _pcsc: crate::doctor::pcsc_turn(),
        };
        screen.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "sh",
            "-c",
            &shell,
        ]);
        screen
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Process::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux runs (scripts/test installs it)");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Everything the pane has shown, wrapped lines joined.
    fn text(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-J", "-S", "-"])
    }

    /// Waits until `text` has appeared `times` times; returns the whole screen.
    fn wait_for(&self, text: &str, times: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.text();
            if screen.matches(text).count() >= times {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {times}× {text:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", key]);
        }
    }

    /// Types `text` literally, then Enter.
    fn answer(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
        self.keys(&["Enter"]);
    }

    /// Moves `down` lines in the menu on screen and chooses.
    fn pick(&self, down: usize) {
        for _ in 0..down {
            self.keys(&["Down"]);
        }
        self.keys(&["Enter"]);
    }

    fn exit_status(&self) -> i32 {
        let screen = self.wait_for("EXIT=", 1);
        let at = screen.find("EXIT=").unwrap() + "EXIT=".len();
        screen[at..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }

    fn cursor_visible(&self) -> bool {
        self.tmux(&["display-message", "-p", "#{cursor_flag}"])
            .trim()
            == "1"
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = Process::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn esign_binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("esign")
}

/// Every line `esign ARGS` prints is on the guide's screen: the same screen.
fn assert_same_screen(screen: &str, home: &Home, lang: &str, args: &[&str]) {
    let direct = home.direct(lang, args);
    assert!(!direct.trim().is_empty(), "esign {args:?} printed nothing");
    for line in direct.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
        assert!(
            screen.contains(line),
            "esign {args:?} prints {line:?}, the guide did not; the screen:\n{screen}"
        );
    }
}

#[test]
fn every_need_in_turkish() {
    let home = Home::new();
    let s = Screen::start("tr", &home, "tr", &[]);
    let again = "Başka bir konuda yardımcı olabilir miyim?";
    s.wait_for("Size nasıl yardımcı olabilirim?", 1);
    for label in [
        "E-imzamı ne zaman yenilemeliyim?",
        "PIN'im kilitlendi",
        "Kartım kayboldu ya da çalındı.",
        "Yeni kartımın ücretini kim öder?",
        "Bilgisayar kartımı görmüyor.",
        "KAMU SM Online İşlemler portalını aç.",
        "English",
        "Çıkış",
    ] {
        s.wait_for(label, 1);
    }

    // 1: the date typed the Turkish short way, as `check` takes it.
    s.pick(0);
    s.wait_for("Sertifikanızın son geçerlilik tarihi", 1);
    s.answer("1.6.2025");
    let screen = s.wait_for("Bir dahaki sefere: esign check --expiry 01.06.2025", 1);
    assert_same_screen(&screen, &home, "tr", &["check", "--expiry", "01.06.2025"]);

    // 2: PIN locked.
    s.wait_for(again, 1);
    s.pick(1);
    let screen = s.wait_for("Bir dahaki sefere: esign unlock", 1);
    assert_same_screen(&screen, &home, "tr", &["unlock"]);

    // 3: lost or stolen.
    s.wait_for(again, 2);
    s.pick(2);
    let screen = s.wait_for("Bir dahaki sefere: esign suspend", 1);
    assert_same_screen(&screen, &home, "tr", &["suspend"]);

    // 4: who pays: a title typed (a wrong one first, asked again), then the cause.
    s.wait_for(again, 3);
    s.pick(3);
    s.wait_for("Kart sahibinin idari görevi hangisi?", 1);
    s.wait_for("Unvanımı yazayım", 1);
    s.pick(4);
    s.wait_for("Unvanınız (örneğin Rektör", 1);
    s.answer("Dekanlık");
    s.wait_for("\"Dekanlık\" unvanı kurallarda yok", 1);
    s.wait_for("Unvanınız (örneğin Rektör", 2);
    s.answer("dekan");
    s.wait_for("Kart neden yenileniyor?", 1);
    s.wait_for("Kayıp kart", 1);
    s.pick(1);
    let screen = s.wait_for("Bir dahaki sefere: esign fee --title dekan --cause lost", 1);
    assert_same_screen(
        &screen,
        &home,
        "tr",
        &["fee", "--title", "dekan", "--cause", "lost"],
    );

    // 5: the card is not seen.
    s.wait_for(again, 4);
    s.pick(4);
    let screen = s.wait_for("Bir dahaki sefere: esign doctor", 1);
    assert_same_screen(&screen, &home, "tr", &["doctor"]);

    // 6: the portal, in the browser.
    s.wait_for(again, 5);
    s.pick(5);
    s.wait_for("Bir dahaki sefere: esign open", 1);
    assert_eq!(home.opened(), format!("{URL}\n"));

    // Quit.
    s.wait_for(again, 6);
    s.pick(7);
    assert_eq!(s.exit_status(), 0);
    assert!(s.cursor_visible());
}

#[test]
fn every_need_in_english_after_switching_language() {
    let home = Home::new();
    // Turkish by the environment; the first screen offers English.
    let s = Screen::start("en", &home, "tr", &["guide"]);
    s.wait_for("Size nasıl yardımcı olabilirim?", 1);
    s.pick(6);
    s.wait_for("What do you need?", 1);
    for label in [
        "When must I renew my e-signature?",
        "My PIN is locked.",
        "My card is lost or stolen.",
        "Who pays for my new card?",
        "The computer doesn't see my card.",
        "Open the KAMU SM Online İşlemler portal.",
        "Türkçe",
        "Quit",
    ] {
        s.wait_for(label, 1);
    }
    let again = "Anything else?";

    // 1: a date that does not exist and one that is no date, each explained and asked
    // again; then ISO.
    s.pick(0);
    s.wait_for("Your certificate's expiry date", 1);
    s.answer("31.02.2025");
    s.wait_for("\"31.02.2025\" is not a day of the calendar", 1);
    s.wait_for("Your certificate's expiry date", 2);
    s.answer("tomorrow");
    s.wait_for("\"tomorrow\" is not a date", 1);
    s.wait_for("Your certificate's expiry date", 3);
    s.answer("2025-06-01");
    let screen = s.wait_for("Next time: esign check --expiry 2025-06-01 --lang en", 1);
    assert_same_screen(&screen, &home, "en", &["check", "--expiry", "2025-06-01"]);

    s.wait_for(again, 1);
    s.pick(1);
    let screen = s.wait_for("Next time: esign unlock --lang en", 1);
    assert_same_screen(&screen, &home, "en", &["unlock"]);

    s.wait_for(again, 2);
    s.pick(2);
    let screen = s.wait_for("Next time: esign suspend --lang en", 1);
    assert_same_screen(&screen, &home, "en", &["suspend"]);

    // 4: a duty chosen from the rules' list, then the cause.
    s.wait_for(again, 3);
    s.pick(3);
    s.wait_for("Which is the card holder's administrative duty?", 1);
    s.wait_for("Has an administrative duty", 1);
    s.pick(0);
    s.wait_for("Why is the card being renewed?", 1);
    s.wait_for("Expiry (routine renewal)", 1);
    s.pick(0);
    let screen = s.wait_for(
        "Next time: esign fee --duty active --cause expiry --lang en",
        1,
    );
    assert_same_screen(
        &screen,
        &home,
        "en",
        &["fee", "--duty", "active", "--cause", "expiry"],
    );

    s.wait_for(again, 4);
    s.pick(4);
    let screen = s.wait_for("Next time: esign doctor --lang en", 1);
    assert_same_screen(&screen, &home, "en", &["doctor"]);

    s.wait_for(again, 5);
    s.pick(5);
    s.wait_for("Next time: esign open --lang en", 1);
    assert_eq!(home.opened(), format!("{URL}\n"));

    s.wait_for(again, 6);
    s.pick(7);
    assert_eq!(s.exit_status(), 0);
}

#[test]
fn ctrl_c_in_a_menu_leaves_with_exit_0_and_the_cursor_shown() {
    let home = Home::new();
    let s = Screen::start("ctrl-c", &home, "en", &[]);
    s.wait_for("What do you need?", 1);
    s.keys(&["Down"]);
    s.wait_for("> My PIN is locked.", 1);
    // The menu hides the cursor while it is open.
    assert!(!s.cursor_visible());
    s.keys(&["C-c"]);
    assert_eq!(s.exit_status(), 0);
    assert!(s.cursor_visible(), "Ctrl-C left the cursor hidden");
}

#[test]
fn ctrl_c_and_esc_while_typing_leave_with_exit_0() {
    for key in ["C-c", "Escape"] {
        let home = Home::new();
        let s = Screen::start("typing", &home, "tr", &[]);
        s.wait_for("Size nasıl yardımcı olabilirim?", 1);
        s.pick(0);
        s.wait_for("Sertifikanızın son geçerlilik tarihi", 1);
        s.tmux(&["send-keys", "-l", "01.06"]);
        s.wait_for("> 01.06", 1);
        s.keys(&[key]);
        assert_eq!(s.exit_status(), 0, "{key}");
        assert!(s.cursor_visible(), "{key}");
        drop(s);
    }
}

#[test]
fn esc_in_a_menu_leaves_with_exit_0() {
    let home = Home::new();
    let s = Screen::start("esc", &home, "en", &["guide"]);
    s.wait_for("What do you need?", 1);
    s.keys(&["Escape"]);
    assert_eq!(s.exit_status(), 0);
    assert!(s.cursor_visible());
}

#[test]
fn a_card_that_cannot_be_read_leaves_the_typed_date() {
    let home = Home::new();
    // A module path that exists, so the card is offered, but is no PKCS#11 library.
    let fake = home.path().join("libfake.so");
    std::fs::write(&fake, "not a library").unwrap();
    let rules = std::fs::read_to_string(home.path().join("rules.toml")).unwrap();
    std::fs::write(
        home.path().join("rules.toml"),
        rules.replace("/nonexistent/libakisp11.so", &fake.display().to_string()),
    )
    .unwrap();
    let s = Screen::start("card", &home, "en", &["guide"]);
    s.wait_for("What do you need?", 1);
    s.pick(0);
    s.wait_for("Where should the certificate's expiry date come from?", 1);
    s.wait_for("Read it from the card (no PIN asked)", 1);
    s.pick(1);
    s.wait_for("is not a PKCS#11 library", 1);
    s.wait_for("The card could not be read; type the date instead.", 1);
    s.wait_for("Your certificate's expiry date", 1);
    s.answer("01.06.2025");
    let screen = s.wait_for("Next time: esign check --expiry 2025-06-01", 1);
    assert_same_screen(&screen, &home, "en", &["check", "--expiry", "2025-06-01"]);
}

#[test]
fn without_a_terminal_it_never_waits() {
    // `esign` alone on pipes: today's usage on stderr, exit 3.
    let (mut cmd, _home) = esign();
    let out = cmd
        .timeout(Duration::from_secs(20))
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("Usage: esign"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    // `esign guide` on pipes: one line saying what to do, exit 3.
    let (mut cmd, _home) = esign();
    let out = cmd
        .arg("guide")
        .timeout(Duration::from_secs(20))
        .write_stdin("1\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("esign: error: esign guide asks questions and needs a terminal"),
        "{err}"
    );
}

#[test]
fn guide_refuses_machine_formats() {
    let (mut cmd, _home) = esign();
    let out = cmd.args(["guide", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("esign guide does not write json"),
        "{}",
        stderr(&out)
    );
    let (mut cmd, _home) = esign();
    let out = cmd.args(["guide", "--quiet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("esign guide does not support --quiet"),
        "{}",
        stderr(&out)
    );
}
