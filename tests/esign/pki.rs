//! Test certificates made with the real `openssl` command: a test CA issuing NES-like
//! certificates (Turkish subject, nonRepudiation) with validity windows to the second.

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs a tool the tests need; a missing tool fails the test with what to install.
pub fn run(program: &str, args: &[&str], dir: &Path) {
    crate::common::tools();
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {program} ({e}): run scripts/test, which installs the test tools (softhsm2, opensc, openssl, libp11-kit-dev, gcc)")
        });
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The Turkish test subject; `-utf8` keeps its letters intact.
pub const AYSE: &str = "/C=TR/O=Test Kamu Kurumu/serialNumber=12345678901/CN=Ayşe Yılmaz";

const CA_CONFIG: &str = "\
[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
utf8 = yes
string_mask = utf8only
copy_extensions = none
[any]
countryName = optional
organizationName = optional
serialNumber = optional
commonName = supplied
[signing]
keyUsage = critical,nonRepudiation,digitalSignature
basicConstraints = critical,CA:FALSE
[auth]
keyUsage = critical,digitalSignature,keyEncipherment
basicConstraints = critical,CA:FALSE
";

/// A throwaway CA in its own temporary folder.
pub struct Pki {
    dir: tempfile::TempDir,
    count: Cell<u32>,
}

impl Pki {
    pub fn new() -> Pki {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let d = dir.path();
        fs::write(d.join("ca.cnf"), CA_CONFIG).unwrap();
        fs::write(d.join("index.txt"), "").unwrap();
        fs::write(d.join("serial"), "1001\n").unwrap();
        run(
            "openssl",
            &[
                "req",
                "-x509",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "7300",
                "-utf8",
                "-subj",
                "/C=TR/O=Test Kamu SM/CN=Test Nitelikli Elektronik Sertifika Hizmet Sağlayıcısı",
            ],
            d,
        );
        Pki {
            dir,
            count: Cell::new(0),
        }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Issues a certificate valid from `start` to `end` (`YYYYMMDDHHMMSSZ`, UTC) for
    /// `subject`; `signing` adds nonRepudiation. Returns the PEM file.
    pub fn issue(&self, subject: &str, start: &str, end: &str, signing: bool) -> PathBuf {
        let n = self.count.get() + 1;
        self.count.set(n);
        let (key, csr, pem) = (
            format!("k{n}.pem"),
            format!("r{n}.csr"),
            format!("c{n}.pem"),
        );
        run(
            "openssl",
            &[
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                &key,
                "-out",
                &csr,
                "-utf8",
                "-subj",
                subject,
            ],
            self.dir(),
        );
        run(
            "openssl",
            &[
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-cert",
                "ca.pem",
                "-keyfile",
                "ca.key",
                "-in",
                &csr,
                "-out",
                &pem,
                "-notext",
                "-startdate",
                start,
                "-enddate",
                end,
                "-extensions",
                if signing { "signing" } else { "auth" },
            ],
            self.dir(),
        );
        self.dir().join(pem)
    }

    /// Ayşe Yılmaz's signing certificate for the window.
    pub fn ayse(&self, start: &str, end: &str) -> PathBuf {
        self.issue(AYSE, start, end, true)
    }

    /// The same certificate in DER, under `name`.
    pub fn der(&self, pem: &Path, name: &str) -> PathBuf {
        let out = self.dir().join(name);
        run(
            "openssl",
            &[
                "x509",
                "-in",
                pem.to_str().unwrap(),
                "-outform",
                "DER",
                "-out",
                out.to_str().unwrap(),
            ],
            self.dir(),
        );
        out
    }

    /// The private key of the n-th certificate issued (PEM).
    pub fn key(&self, n: u32) -> PathBuf {
        self.dir().join(format!("k{n}.pem"))
    }
}
