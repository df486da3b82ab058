//! `esign notify` end to end: a real SMTP server (Python's aiosmtpd on a loopback address,
//! started and stopped by process id) storing into a Maildir, read back with Python's
//! `email` package; STARTTLS with a test authority made by openssl.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

use crate::common::*;
use crate::pki::run;

const TODAY: &str = "2026-06-01";

/// Three people who must act (renewal due, expired, window opening) and one who need not.
const ROSTER: &str = "\
ad soyad,e-posta,bitiş tarihi
Ayşe Yılmaz,ayse@uni.edu.tr,20.06.2026
Çağrı Öztürk,cagri@uni.edu.tr,2026-05-20
İsmail Şahin,ismail@uni.edu.tr,15.07.2026
Veli Kaya,veli@uni.edu.tr,2027-01-01
";

const SERVER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/smtp/server.py");

/// aiosmtpd in its own process; killed by its pid when dropped.
struct Smtp {
    child: Child,
    port: u16,
}

impl Smtp {
    fn start(maildir: &Path, extra: &[&str]) -> Smtp {
        let mut child = Command::new("python3")
            .arg(SERVER)
            .arg(maildir)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs the test SMTP server (scripts/test installs aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().unwrap_or_else(|_| {
            let _ = child.kill();
            panic!(
                "the SMTP server did not start (is aiosmtpd installed? run scripts/test): {line:?}"
            )
        });
        Smtp { child, port }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const READ_BACK: &str = r#"
import email, email.policy, json, mailbox, sys
out = []
paths = sys.argv[1:]
if len(paths) == 1 and not paths[0].endswith(".eml"):
    raw = [m.as_bytes() for m in mailbox.Maildir(paths[0], create=False)]
else:
    raw = [open(p, "rb").read() for p in paths]
for data in raw:
    m = email.message_from_bytes(data, policy=email.policy.default)
    out.append({"from": str(m["From"]), "reply_to": str(m["Reply-To"]), "to": str(m["To"]),
                "to_name": m["To"].addresses[0].display_name, "to_addr": m["To"].addresses[0].addr_spec,
                "subject": str(m["Subject"]), "date": str(m["Date"]), "message_id": str(m["Message-ID"]),
                "body": m.get_content(), "defects": len(m.defects)})
out.sort(key=lambda m: m["to_addr"])
print(json.dumps(out))
"#;

/// The messages in a Maildir (or these .eml files), parsed by Python's `email`.
fn read_back(paths: &[PathBuf]) -> Vec<Value> {
    let out = Command::new("python3")
        .args(["-c", READ_BACK])
        .args(paths)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new(roster: &str) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("staff.csv"), roster).unwrap();
        std::fs::create_dir(dir.path().join("home")).unwrap();
        Desk { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.path("state/esign/sent.tsv")).unwrap_or_default()
    }

    /// `esign notify staff.csv ARGS` with the sent-log in the default state folder.
    fn notify(&self, args: &[&str], envs: &[(&str, &str)]) -> Output {
        let mut cmd = esign_in(&self.path("home"));
        cmd.env("XDG_STATE_HOME", self.path("state"))
            .arg("notify")
            .arg(self.path("staff.csv"))
            .args(["--today", TODAY])
            .args(args);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn send(&self, smtp: &Smtp, extra: &[&str]) -> Output {
        let url = format!("smtp://127.0.0.1:{}", smtp.port);
        let mut args = vec!["--send", "--from", "e-imza@uni.edu.tr"];
        args.extend_from_slice(extra);
        self.notify(&args, &[("ESIGN_SMTP_URL", &url)])
    }
}

fn log_records(log: &str) -> usize {
    log.lines().filter(|l| !l.starts_with('#')).count()
}

#[test]
fn sends_once_with_turkish_headers_and_the_second_run_sends_nothing() {
    let desk = Desk::new(ROSTER);
    let maildir = desk.path("Maildir");
    let smtp = Smtp::start(&maildir, &[]);
    let out = desk.send(&smtp, &["--lang", "tr"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Özet: gönderilen 3, atlanan (daha önce gönderilmiş) 0, başarısız 0"),
        "{}",
        stdout(&out)
    );
    let mails = read_back(std::slice::from_ref(&maildir));
    assert_eq!(mails.len(), 3);
    let ayse = &mails[0];
    assert_eq!(ayse["to_name"], "Ayşe Yılmaz");
    assert_eq!(
        ayse["subject"],
        "E-imzanızı yenileme zamanı: son gün 20.06.2026"
    );
    assert!(ayse["from"]
        .as_str()
        .unwrap()
        .starts_with("Bilgi İşlem Daire Başkanlığı <e-imza@uni.edu.tr>"));
    assert_eq!(ayse["reply_to"], ayse["from"]);
    assert!(ayse["message_id"]
        .as_str()
        .unwrap()
        .ends_with("@uni.edu.tr>"));
    assert!(!ayse["date"].as_str().unwrap().is_empty());
    assert_eq!(ayse["defects"], 0);
    assert!(ayse["body"]
        .as_str()
        .unwrap()
        .starts_with("Sayın Ayşe Yılmaz,"));
    let cagri = &mails[1];
    assert_eq!(cagri["to_name"], "Çağrı Öztürk");
    assert!(
        cagri["body"].as_str().unwrap().contains("ıslak imza"),
        "R2 for the expired certificate"
    );
    assert_eq!(mails[2]["to_name"], "İsmail Şahin");
    assert_eq!(log_records(&desk.log()), 3);

    // The next day's cron run: nothing new to send.
    let out = desk.send(&smtp, &["--lang", "tr"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("gönderilen 0, atlanan (daha önce gönderilmiş) 3, başarısız 0"),
        "{}",
        stdout(&out)
    );
    assert_eq!(read_back(&[maildir]).len(), 3);
}

#[test]
fn a_refused_recipient_is_reported_and_retried_next_run() {
    let desk = Desk::new(ROSTER);
    let maildir = desk.path("Maildir");
    let refuse = desk.path("refuse.txt");
    std::fs::write(&refuse, "cagri@uni.edu.tr\n").unwrap();
    let smtp = Smtp::start(&maildir, &["--refuse", refuse.to_str().unwrap()]);
    let out = desk.send(&smtp, &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains(
            "line 3: Çağrı Öztürk <cagri@uni.edu.tr> [expired]: FAILED: the mail server refused it"
        ),
        "{err}"
    );
    assert!(stdout(&out).contains("sent 2, skipped (already sent) 0, failed 1"));
    assert_eq!(log_records(&desk.log()), 2);
    assert!(!desk.log().contains("cagri@"));

    std::fs::write(&refuse, "").unwrap();
    let out = desk.send(&smtp, &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("sent 1, skipped (already sent) 2, failed 0"));
    let mails = read_back(&[maildir]);
    assert_eq!(mails.len(), 3, "each person once");
}

#[test]
fn a_server_dropping_mid_run_loses_no_record() {
    let desk = Desk::new(ROSTER);
    let maildir = desk.path("Maildir");
    {
        let smtp = Smtp::start(&maildir, &["--die-after", "1"]);
        let out = desk.send(&smtp, &["--lang", "en"]);
        assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
        assert!(stdout(&out).contains("sent 1, skipped (already sent) 0, failed 2"));
    }
    assert_eq!(read_back(std::slice::from_ref(&maildir)).len(), 1);
    assert_eq!(
        log_records(&desk.log()),
        1,
        "the accepted message is recorded"
    );

    let smtp = Smtp::start(&maildir, &[]);
    let out = desk.send(&smtp, &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("sent 2, skipped (already sent) 1, failed 0"));
    let mails = read_back(&[maildir]);
    let mut to: Vec<&str> = mails
        .iter()
        .map(|m| m["to_addr"].as_str().unwrap())
        .collect();
    to.dedup();
    assert_eq!(to.len(), 3, "nobody twice: {to:?}");
}

#[test]
fn max_caps_a_run() {
    let desk = Desk::new(ROSTER);
    let smtp = Smtp::start(&desk.path("Maildir"), &[]);
    let out = desk.send(&smtp, &["--lang", "en", "--max", "2"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("sent 2, skipped (already sent) 0, held back by --max 1, failed 0")
    );
    let out = desk.send(&smtp, &["--lang", "en", "--max", "2"]);
    assert!(stdout(&out).contains("sent 1, skipped (already sent) 2, failed 0"));
}

#[test]
fn starttls_with_a_private_authority() {
    let desk = Desk::new(ROSTER);
    let dir = desk.dir.path();
    std::fs::write(
        dir.join("srv.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    for args in [
        "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=Test-SMTP-CA -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign",
        "req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out srv.csr -subj /CN=127.0.0.1",
        "x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 2 -extfile srv.ext",
    ] {
        run("openssl", &args.split(' ').collect::<Vec<_>>(), dir);
    }
    let maildir = desk.path("Maildir");
    let smtp = Smtp::start(
        &maildir,
        &[
            "--tls",
            dir.join("srv.pem").to_str().unwrap(),
            dir.join("srv.key").to_str().unwrap(),
        ],
    );
    // Not trusted: the handshake fails, nothing is sent or recorded.
    let out = desk.send(&smtp, &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).contains("sent 0"), "{}", stdout(&out));
    assert_eq!(log_records(&desk.log()), 0);

    let ca = dir.join("ca.pem");
    let out = desk.send(
        &smtp,
        &["--lang", "en", "--smtp-ca-file", ca.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read_back(&[maildir]).len(), 3);
}

#[test]
fn plain_text_smtp_is_refused_beyond_this_machine() {
    let desk = Desk::new(ROSTER);
    let maildir = desk.path("Maildir");
    // 127.0.0.2 is loopback but not one of localhost, 127.0.0.1, ::1: STARTTLS is required,
    // and this server offers none.
    let smtp = Smtp::start(&maildir, &["--host", "127.0.0.2"]);
    let url = format!("smtp://127.0.0.2:{}", smtp.port);
    let args = ["--send", "--from", "e-imza@uni.edu.tr", "--lang", "en"];
    let out = desk.notify(&args, &[("ESIGN_SMTP_URL", &url)]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).contains("sent 0"), "{}", stdout(&out));
    let mut insecure = args.to_vec();
    insecure.push("--insecure-smtp");
    let out = desk.notify(&insecure, &[("ESIGN_SMTP_URL", &url)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read_back(&[maildir]).len(), 3);
}

#[test]
fn the_password_is_never_an_argument_nor_printed() {
    let desk = Desk::new(ROSTER);
    let out = desk.notify(
        &["--send", "--from", "e-imza@uni.edu.tr"],
        &[("ESIGN_SMTP_URL", "smtps://desk:s3cret@mail.uni.edu.tr")],
    );
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains("must not carry a password"), "{err}");
    assert!(!err.contains("s3cret") && !stdout(&out).contains("s3cret"));
    assert_eq!(err.lines().count(), 1);
    // A user without a password is refused before connecting.
    let out = desk.notify(
        &["--send", "--from", "e-imza@uni.edu.tr"],
        &[("ESIGN_SMTP_URL", "smtps://desk@mail.uni.edu.tr")],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("ESIGN_SMTP_PASSWORD"));
}

#[test]
fn dry_run_is_the_default_and_sending_needs_a_sender() {
    let desk = Desk::new(ROSTER);
    let out = desk.notify(&[], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("line 2: Ayşe Yılmaz <ayse@uni.edu.tr> [renewal due]: would send"),
        "{text}"
    );
    assert!(
        text.contains("would send 3 (dry run: nothing sent)"),
        "{text}"
    );
    assert!(!text.contains("veli@"));
    assert!(desk.log().is_empty());

    let out = desk.notify(&["--drafts", "d"], &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("no sender address"));
}

#[test]
fn drafts_are_mail_files_a_client_opens() {
    let desk = Desk::new(ROSTER);
    let drafts = desk.path("taslak");
    let out = desk.notify(
        &[
            "--drafts",
            drafts.to_str().unwrap(),
            "--from",
            "e-imza@uni.edu.tr",
            "--lang",
            "tr",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&drafts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    assert!(files
        .iter()
        .all(|f| f.extension().is_some_and(|e| e == "eml")));
    let mails = read_back(&files);
    assert_eq!(mails[1]["to_name"], "Çağrı Öztürk");
    assert_eq!(mails[1]["subject"], "E-imzanızın süresi doldu (20.05.2026)");
    assert!(mails.iter().all(|m| m["defects"] == 0));
    assert!(desk.log().is_empty(), "drafts are not sent");
}
