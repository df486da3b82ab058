//! Certificates as input: the bytes of a certificate file (PEM, one or several blocks,
//! or DER, whatever the extension) or of a card's certificate object in, the facts
//! `esign` needs out: who, issued by whom, the signing flag (nonRepudiation) and the
//! validity instants. Then the renewal state at an exact instant, which certificate
//! of several matters, and when to switch from an old card to its successor (R3, R4).
//!
//! Pure: bytes and instants in, values out. Reading files and cards is the binary's job.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use x509_parser::oid_registry::OID_X509_SERIALNUMBER;
use x509_parser::pem::Pem;
use x509_parser::prelude::{AttributeTypeAndValue, FromDer, X509Certificate};

use crate::renewal::{self, Lead, Renewal, State};

/// Largest certificate file read. A bundle of a whole CA store is far below this; a
/// bigger file is something else, and refusing it up front keeps a wrong argument fast.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// How far apart an old certificate's end and its successor's start may be for the
/// two to count as a pair (renewals are issued a few days to weeks ahead).
const SUCCESSION_GAP_DAYS: i64 = 92;

/// Why bytes did not yield a certificate. Each message says what was found and what
/// was expected; the binary adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertError {
    Empty,
    TooLarge {
        size: usize,
    },
    PrivateKey {
        label: String,
    },
    BrokenPem {
        index: usize,
        label: String,
        detail: String,
    },
    NoCertificateInPem {
        labels: String,
    },
    Truncated {
        expected: usize,
        found: usize,
    },
    NotCertificate,
    Malformed(String),
    TrailingBytes {
        extra: usize,
    },
    MismatchedPem {
        index: usize,
        begin: String,
        end: String,
    },
    NeverValid {
        not_before: String,
        not_after: String,
    },
    BrokenPkcs7 {
        detail: String,
    },
    EmptyPkcs7,
}

impl std::fmt::Display for CertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::messages::Localize::localize(
            self,
            crate::lang::Lang::En,
        ))
    }
}

impl std::error::Error for CertError {}

/// The facts of one certificate that `esign` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// The subject's common name (the person), else the whole subject.
    pub name: String,
    /// The whole subject, OpenSSL order: `C=TR, O=…, serialNumber=…, CN=…`.
    pub subject: String,
    /// The subject's serialNumber attribute (the Turkish ID number on NES certificates).
    pub subject_serial: Option<String>,
    pub issuer: String,
    /// The certificate's serial number, hex bytes joined by `:`.
    pub serial: String,
    /// Key usage includes nonRepudiation: the qualified signing certificate.
    pub signing: bool,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
}

/// Reads every certificate in `bytes`: a PEM file with one or more certificate blocks
/// (other blocks are ignored), one DER certificate, or a PKCS#7 bundle (`.p7b`, `.p7c`;
/// DER or PEM). A UTF-8 byte-order mark (Windows Notepad writes one) is skipped.
///
/// # Errors
/// A [`CertError`] naming what the bytes are instead.
pub fn parse_certificates(bytes: &[u8]) -> Result<Vec<Certificate>, CertError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CertError::TooLarge { size: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Err(CertError::Empty);
    };
    if bytes[start] == 0x30 {
        let der = &bytes[start..];
        if is_pkcs7(der) {
            return parse_pkcs7(der);
        }
        let (cert, used) = parse_der_prefix(der)?;
        let extra = der[used..]
            .iter()
            .filter(|b| !b.is_ascii_whitespace())
            .count();
        if extra > 0 {
            return Err(CertError::TrailingBytes {
                extra: der.len() - used,
            });
        }
        return Ok(vec![cert]);
    }
    let labels = pem_labels(bytes);
    if labels.is_empty() {
        return Err(CertError::NotCertificate);
    }
    check_pem_ends(bytes)?;
    if let Some(i) = labels.iter().position(|l| is_pkcs7_label(l)) {
        if !labels.iter().any(|l| is_certificate_label(l)) {
            let pem = Pem::iter_from_buffer(bytes)
                .nth(i)
                .and_then(Result::ok)
                .ok_or_else(|| CertError::BrokenPkcs7 {
                    detail: "its PEM body is damaged".to_owned(),
                })?;
            return parse_pkcs7(&pem.contents);
        }
    }
    if !labels.iter().any(|l| is_certificate_label(l)) {
        if let Some(key) = labels.iter().find(|l| l.contains("PRIVATE KEY")) {
            return Err(CertError::PrivateKey { label: key.clone() });
        }
        return Err(CertError::NoCertificateInPem {
            labels: labels.join(", "),
        });
    }
    let mut certificates = Vec::new();
    for (i, block) in Pem::iter_from_buffer(bytes).enumerate() {
        let index = i + 1;
        let label = labels.get(i).cloned().unwrap_or_default();
        let pem = block.map_err(|e| CertError::BrokenPem {
            index,
            label: label.clone(),
            detail: e.to_string(),
        })?;
        if !is_certificate_label(&pem.label) {
            continue;
        }
        let broken = |detail: String| CertError::BrokenPem {
            index,
            label: pem.label.clone(),
            detail,
        };
        if pem.contents.is_empty() {
            return Err(broken("no data between BEGIN and END".to_owned()));
        }
        match parse_der(&pem.contents) {
            Ok(cert) => certificates.push(cert),
            Err(CertError::Truncated { expected, found }) => {
                return Err(broken(format!(
                    "the certificate announces {expected} bytes but the block holds {found}"
                )))
            }
            Err(CertError::Malformed(detail)) => return Err(broken(detail)),
            Err(e @ (CertError::NeverValid { .. } | CertError::TrailingBytes { .. })) => {
                return Err(e)
            }
            Err(_) => return Err(broken("the decoded data is not a certificate".to_owned())),
        }
    }
    Ok(certificates)
}

fn is_pkcs7_label(label: &str) -> bool {
    matches!(label, "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS")
}

/// Whether the file holds a private key beside its certificates (PEM): it then holds a
/// secret, and should not be passed around. The binary warns with [`crate::messages::private_key_warning`].
#[must_use]
pub fn holds_private_key(bytes: &[u8]) -> bool {
    pem_labels(bytes).iter().any(|l| l.contains("PRIVATE KEY"))
}

/// Every `-----END X-----` names the label its `-----BEGIN X-----` opened.
fn check_pem_ends(bytes: &[u8]) -> Result<(), CertError> {
    let label_of = |rest: &[u8]| {
        let end = rest
            .windows(5)
            .position(|w| w == b"-----")
            .unwrap_or(rest.len());
        String::from_utf8_lossy(&rest[..end]).trim().to_owned()
    };
    let mut open: Option<String> = None;
    let mut index = 0;
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.trim_ascii();
        if let Some(rest) = line.strip_prefix(b"-----BEGIN ") {
            index += 1;
            open = Some(label_of(rest));
        } else if let Some(rest) = line.strip_prefix(b"-----END ") {
            let end = label_of(rest);
            if let Some(begin) = open.take() {
                if begin != end {
                    return Err(CertError::MismatchedPem { index, begin, end });
                }
            }
        }
    }
    Ok(())
}

/// A DER `ContentInfo` (PKCS#7 / CMS) opens with an OBJECT IDENTIFIER inside its
/// SEQUENCE, where a certificate opens with another SEQUENCE.
fn is_pkcs7(der: &[u8]) -> bool {
    der_sequence_len(der).is_some_and(|(header, _)| der.get(header) == Some(&0x06))
}

/// The certificates of a PKCS#7 / CMS `SignedData` bundle, read with the `RustCrypto` `cms` crate.
fn parse_pkcs7(der: &[u8]) -> Result<Vec<Certificate>, CertError> {
    use cms::cert::CertificateChoices;
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    use der::{Decode, Encode};
    let broken = |e: der::Error| CertError::BrokenPkcs7 {
        detail: e.to_string(),
    };
    let total = der_sequence_len(der).map_or(der.len(), |(_, total)| total.min(der.len()));
    let rest = &der[total..];
    if rest.iter().any(|b| !b.is_ascii_whitespace()) {
        return Err(CertError::TrailingBytes { extra: rest.len() });
    }
    let info = ContentInfo::from_der(&der[..total]).map_err(broken)?;
    if info.content_type != const_oid::db::rfc5911::ID_SIGNED_DATA {
        return Err(CertError::BrokenPkcs7 {
            detail: format!("its content is {}, not signed data", info.content_type),
        });
    }
    let signed: SignedData = info.content.decode_as().map_err(broken)?;
    let mut certificates = Vec::new();
    for choice in signed.certificates.iter().flat_map(|set| set.0.iter()) {
        if let CertificateChoices::Certificate(cert) = choice {
            let bytes = cert.to_der().map_err(broken)?;
            certificates.push(parse_der(&bytes)?);
        }
    }
    if certificates.is_empty() {
        return Err(CertError::EmptyPkcs7);
    }
    Ok(certificates)
}

fn is_certificate_label(label: &str) -> bool {
    matches!(
        label,
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"
    )
}

/// The labels of the `-----BEGIN …-----` lines, in order.
fn pem_labels(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| line.strip_prefix(b"-----BEGIN "))
        .map(|rest| {
            let end = rest
                .windows(5)
                .position(|w| w == b"-----")
                .unwrap_or(rest.len());
            String::from_utf8_lossy(&rest[..end]).trim().to_owned()
        })
        .collect()
}

/// The length a DER SEQUENCE header announces (header included), if it is one.
fn der_sequence_len(bytes: &[u8]) -> Option<(usize, usize)> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
    let first = *bytes.get(1)?;
    if first < 0x80 {
        return Some((2, 2 + usize::from(first)));
    }
    let n = usize::from(first & 0x7f);
    if n == 0 || n > 4 {
        return None;
    }
    let len = bytes
        .get(2..2 + n)?
        .iter()
        .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
    Some((2 + n, 2 + n + len))
}

/// One DER certificate, with no bytes after it.
fn parse_der(bytes: &[u8]) -> Result<Certificate, CertError> {
    let (cert, used) = parse_der_prefix(bytes)?;
    if used < bytes.len() {
        return Err(CertError::TrailingBytes {
            extra: bytes.len() - used,
        });
    }
    Ok(cert)
}

/// The DER certificate at the start of `bytes`, and how many bytes it took.
fn parse_der_prefix(bytes: &[u8]) -> Result<(Certificate, usize), CertError> {
    let Some((header, total)) = der_sequence_len(bytes) else {
        return Err(CertError::NotCertificate);
    };
    if total > bytes.len() {
        return Err(CertError::Truncated {
            expected: total,
            found: bytes.len(),
        });
    }
    // A certificate opens with a SEQUENCE (tbsCertificate); PKCS#8, PKCS#1 and SEC1
    // private keys open with a small INTEGER (their version).
    if let [0x02, 0x01, version, ..] = bytes[header..total] {
        if version <= 1 {
            return Err(CertError::PrivateKey {
                label: "DER".to_owned(),
            });
        }
    }
    let (_, cert) = X509Certificate::from_der(&bytes[..total])
        .map_err(|e| CertError::Malformed(e.to_string()))?;
    facts(&cert).map(|c| (c, total))
}

/// The first value of a name attribute that reads as text.
fn first_text<'a, 'b>(
    mut values: impl Iterator<Item = &'b AttributeTypeAndValue<'a>>,
) -> Option<String>
where
    'a: 'b,
{
    values
        .next()
        .and_then(|a| a.as_str().ok())
        .map(str::to_owned)
}

fn instant(seconds: i64) -> Result<DateTime<Utc>, CertError> {
    Utc.timestamp_opt(seconds, 0)
        .single()
        .ok_or_else(|| CertError::Malformed("a validity date is out of range".to_owned()))
}

fn facts(cert: &X509Certificate<'_>) -> Result<Certificate, CertError> {
    let subject = cert.subject().to_string();
    let validity = cert.validity();
    let signing = cert
        .key_usage()
        .ok()
        .flatten()
        .is_some_and(|ku| ku.value.non_repudiation());
    let not_before = instant(validity.not_before.timestamp())?;
    let not_after = instant(validity.not_after.timestamp())?;
    if not_before > not_after {
        return Err(CertError::NeverValid {
            not_before: not_before.to_rfc3339(),
            not_after: not_after.to_rfc3339(),
        });
    }
    Ok(Certificate {
        name: first_text(cert.subject().iter_common_name()).unwrap_or_else(|| subject.clone()),
        subject_serial: first_text(cert.subject().iter_by_oid(&OID_X509_SERIALNUMBER)),
        subject,
        issuer: cert.issuer().to_string(),
        serial: cert.raw_serial_as_string(),
        signing,
        not_before,
        not_after,
    })
}

/// The last day there is: a notAfter on it (RFC 5280's `99991231235959Z` for "no
/// well-defined expiration date") means the certificate has no expiry date.
pub const NO_EXPIRY_DAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => panic!("9999-12-31 is a date"),
};

impl Certificate {
    /// Whether the certificate has no expiry date: its notAfter falls on 9999-12-31
    /// (UTC), as RFC 5280's `99991231235959Z` does.
    #[must_use]
    pub fn has_no_expiry(&self) -> bool {
        self.not_after.date_naive() == NO_EXPIRY_DAY
    }

    /// Certificates with the same key belong to one person's line of succession: the
    /// subject's serialNumber (ID number) when present, else the whole subject.
    #[must_use]
    pub fn subject_key(&self) -> &str {
        self.subject_serial.as_deref().unwrap_or(&self.subject)
    }

    /// Whether the certificate can be used at `now` (both ends inclusive).
    #[must_use]
    pub fn valid_at(&self, now: DateTime<Utc>) -> bool {
        self.not_before <= now && now <= self.not_after
    }
}

/// The state of a certificate at the instant `now`. The window and `days_left` are in
/// calendar days of `now`'s time zone (the expiry date is `not_after`'s date there), as
/// for a typed expiry date; expired and not-yet-valid are decided at the exact instant.
#[must_use]
pub fn assess(cert: &Certificate, now: DateTime<Tz>, lead: Lead) -> Renewal {
    if cert.has_no_expiry() {
        // Not shifted into the time zone: east of UTC that would be year 10000.
        let mut renewal = renewal::assess(NO_EXPIRY_DAY, now.date_naive(), lead);
        renewal.no_expiry = true;
        renewal.state = if now.with_timezone(&Utc) < cert.not_before {
            State::NotYetValid
        } else {
            State::Valid
        };
        return renewal;
    }
    let tz = now.timezone();
    let expiry = cert.not_after.with_timezone(&tz).date_naive();
    let mut renewal = renewal::assess(expiry, now.date_naive(), lead);
    let now = now.with_timezone(&Utc);
    renewal.state = if now < cert.not_before {
        State::NotYetValid
    } else if now > cert.not_after {
        State::Expired
    } else {
        // Still valid at this instant: on the expiry day that is renewal-due, never expired.
        match renewal.state {
            State::Expired => State::RenewalDue,
            other => other,
        }
    };
    renewal
}

/// A certificate with where it came from and its state at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessed {
    /// Where it was read: a file name, a token label.
    pub source: String,
    pub certificate: Certificate,
    pub renewal: Renewal,
}

/// Assesses each certificate at `now`.
#[must_use]
pub fn assess_all(
    found: Vec<(String, Certificate)>,
    now: DateTime<Tz>,
    lead: Lead,
) -> Vec<Assessed> {
    found
        .into_iter()
        .map(|(source, certificate)| {
            let renewal = assess(&certificate, now, lead);
            Assessed {
                source,
                certificate,
                renewal,
            }
        })
        .collect()
}

/// The certificates to check on one card: the signing ones (nonRepudiation), else all
/// there are (usually the only one).
#[must_use]
pub fn to_check(certificates: &[Certificate]) -> Vec<usize> {
    let signing: Vec<usize> = (0..certificates.len())
        .filter(|&i| certificates[i].signing)
        .collect();
    if signing.is_empty() {
        (0..certificates.len()).collect()
    } else {
        signing
    }
}

/// Several certificates seen at one instant: each one's state, the one that decides,
/// and the old/new pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub items: Vec<Assessed>,
    /// Index of the certificate that decides the overall state ([`governing`]).
    pub governing: Option<usize>,
    pub successions: Vec<Succession>,
}

impl Report {
    #[must_use]
    pub fn new(found: Vec<(String, Certificate)>, now: DateTime<Tz>, lead: Lead) -> Report {
        let items = assess_all(found, now, lead);
        let governing = governing(&items, now.with_timezone(&Utc));
        let certs: Vec<&Certificate> = items.iter().map(|a| &a.certificate).collect();
        let successions = successions(&certs);
        Report {
            items,
            governing,
            successions,
        }
    }

    /// The certificate that decides the overall state.
    #[must_use]
    pub fn decisive(&self) -> Option<&Assessed> {
        self.governing.and_then(|i| self.items.get(i))
    }

    /// The overall state, if there is any certificate.
    #[must_use]
    pub fn state(&self) -> Option<State> {
        self.decisive().map(|a| a.renewal.state)
    }
}

/// The certificate that decides the overall state, as an index into `items`.
///
/// Certificates of one subject form a line of succession: the one that matters is the
/// newest that is valid at `now`, else the current one (the latest already begun, else
/// the first to begin). Across subjects the most urgent wins: expired > renewal-due >
/// not-yet-valid > valid; on a tie, the one that ends first.
#[must_use]
pub fn governing(items: &[Assessed], now: DateTime<Utc>) -> Option<usize> {
    let mut heads: Vec<usize> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for item in items {
        let key = item.certificate.subject_key();
        if keys.contains(&key) {
            continue;
        }
        keys.push(key);
        let line: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].certificate.subject_key() == key)
            .collect();
        let cert = |i: usize| &items[i].certificate;
        let head = line
            .iter()
            .copied()
            .filter(|&i| cert(i).valid_at(now))
            .max_by_key(|&i| (cert(i).not_before, cert(i).not_after))
            .or_else(|| {
                line.iter()
                    .copied()
                    .filter(|&i| cert(i).not_before <= now)
                    .max_by_key(|&i| cert(i).not_before)
            })
            .or_else(|| line.iter().copied().min_by_key(|&i| cert(i).not_before));
        heads.extend(head);
    }
    heads.into_iter().max_by(|&a, &b| {
        let (ra, rb) = (&items[a].renewal, &items[b].renewal);
        ra.state.cmp(&rb.state).then_with(|| {
            items[b]
                .certificate
                .not_after
                .cmp(&items[a].certificate.not_after)
        })
    })
}

/// An old certificate and its successor: same subject, the new one beginning near the
/// old one's end. Switch cards at `switch_at` (R3); the new card has its own PIN (R4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Succession {
    /// Index of the old certificate.
    pub old: usize,
    /// Index of its successor.
    pub new: usize,
    /// The later of the old one's end and the new one's start: never use the new
    /// certificate before the old one's term is over (R3).
    pub switch_at: DateTime<Utc>,
}

/// Every old/new pair among the certificates, in order of the old one's start.
#[must_use]
pub fn successions(certificates: &[&Certificate]) -> Vec<Succession> {
    let mut order: Vec<usize> = (0..certificates.len()).collect();
    order.sort_by_key(|&i| (certificates[i].not_before, certificates[i].not_after));
    let mut pairs = Vec::new();
    for (pos, &old) in order.iter().enumerate() {
        let o = certificates[old];
        let next = order[pos + 1..].iter().copied().find(|&i| {
            let n = certificates[i];
            n.subject_key() == o.subject_key()
                && n.not_before > o.not_before
                && n.not_after > o.not_after
        });
        let Some(new) = next else { continue };
        let n = certificates[new];
        if (n.not_before - o.not_after).num_days().abs() <= SUCCESSION_GAP_DAYS {
            pairs.push(Succession {
                old,
                new,
                switch_at: n.not_before.max(o.not_after),
            });
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn cert(key: &str, from: &str, to: &str) -> Certificate {
        Certificate {
            name: "Ayşe Yılmaz".to_owned(),
            subject: format!("C=TR, serialNumber={key}, CN=Ayşe Yılmaz"),
            subject_serial: Some(key.to_owned()),
            issuer: "CN=Test".to_owned(),
            serial: "01".to_owned(),
            signing: true,
            not_before: at(from),
            not_after: at(to),
        }
    }

    fn found(certs: Vec<Certificate>) -> Vec<(String, Certificate)> {
        certs.into_iter().map(|c| ("test".to_owned(), c)).collect()
    }

    #[test]
    fn signing_certificates_are_checked_else_all() {
        let mut auth = cert("1", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
        auth.signing = false;
        let sign = cert("1", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
        assert_eq!(to_check(&[auth.clone(), sign]), vec![1]);
        assert_eq!(to_check(&[auth.clone(), auth]), vec![0, 1]);
        assert!(to_check(&[]).is_empty());
    }

    fn istanbul(s: &str) -> DateTime<Tz> {
        at(s).with_timezone(&chrono_tz::Europe::Istanbul)
    }

    #[test]
    fn state_is_decided_at_the_instant() {
        let lead: Lead = "1 month".parse().unwrap();
        // Ends 2027-06-01 14:32:10 in Istanbul.
        let c = cert("1", "2025-06-01T11:32:10Z", "2027-06-01T11:32:10Z");
        let before = assess(&c, istanbul("2027-06-01T11:32:09Z"), lead);
        assert_eq!((before.state, before.days_left), (State::RenewalDue, 0));
        assert_eq!(before.expiry, parse_date("2027-06-01").unwrap());
        let after = assess(&c, istanbul("2027-06-01T11:32:11Z"), lead);
        assert_eq!((after.state, after.days_left), (State::Expired, 0));
        let early = assess(&c, istanbul("2025-06-01T11:32:09Z"), lead);
        assert_eq!(early.state, State::NotYetValid);
        let valid = assess(&c, istanbul("2026-01-01T00:00:00Z"), lead);
        assert_eq!(valid.state, State::Valid);
    }

    #[test]
    fn expiry_date_is_taken_in_the_rules_time_zone() {
        let lead: Lead = "1 month".parse().unwrap();
        // 22:30 UTC on 31 May is already 1 June in Istanbul.
        let c = cert("1", "2025-06-01T00:00:00Z", "2027-05-31T22:30:00Z");
        let r = assess(&c, istanbul("2027-05-01T12:00:00Z"), lead);
        assert_eq!(r.expiry, parse_date("2027-06-01").unwrap());
        assert_eq!(r.state, State::RenewalDue);
    }

    #[test]
    fn newest_valid_certificate_of_a_subject_matters() {
        let lead: Lead = "1 month".parse().unwrap();
        let now = istanbul("2027-05-20T12:00:00Z");
        let old = cert("1", "2025-06-01T00:00:00Z", "2027-06-01T00:00:00Z");
        let new = cert("1", "2027-06-01T00:00:00Z", "2030-06-01T00:00:00Z");
        let items = assess_all(found(vec![new.clone(), old.clone()]), now, lead);
        // Old is valid and due; new is not yet valid: the old one governs.
        assert_eq!(governing(&items, now.to_utc()), Some(1));
        // After the switch, the new one is the newest valid one.
        let later = istanbul("2027-06-02T12:00:00Z");
        let items = assess_all(found(vec![old, new]), later, lead);
        assert_eq!(governing(&items, later.to_utc()), Some(1));
        assert_eq!(items[1].renewal.state, State::Valid);
    }

    #[test]
    fn most_urgent_subject_wins() {
        let lead: Lead = "1 month".parse().unwrap();
        let now = istanbul("2027-05-20T12:00:00Z");
        let items = assess_all(
            found(vec![
                cert("1", "2025-01-01T00:00:00Z", "2029-01-01T00:00:00Z"),
                cert("2", "2025-01-01T00:00:00Z", "2027-05-01T00:00:00Z"),
                cert("3", "2027-06-01T00:00:00Z", "2029-01-01T00:00:00Z"),
            ]),
            now,
            lead,
        );
        assert_eq!(governing(&items, now.to_utc()), Some(1));
        assert_eq!(governing(&[], now.to_utc()), None);
        // Only a not-yet-valid certificate and a valid one: not-yet-valid is more urgent.
        assert_eq!(
            governing(&[items[0].clone(), items[2].clone()], now.to_utc()),
            Some(1)
        );
    }

    #[test]
    fn successor_pairs() {
        let old = cert("1", "2025-06-01T00:00:00Z", "2027-06-01T00:00:00Z");
        let new = cert("1", "2027-05-25T00:00:00Z", "2030-05-25T00:00:00Z");
        let other = cert("2", "2027-06-01T00:00:00Z", "2030-06-01T00:00:00Z");
        let far = cert("1", "2031-06-01T00:00:00Z", "2033-06-01T00:00:00Z");
        let pairs = successions(&[&new, &other, &old]);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].old, pairs[0].new), (2, 0));
        // Overlap: switch when the old one's term is over (R3).
        assert_eq!(pairs[0].switch_at, at("2027-06-01T00:00:00Z"));
        assert!(successions(&[&old, &far]).is_empty());
    }

    #[test]
    fn bad_bytes_get_their_own_errors() {
        assert_eq!(parse_certificates(b""), Err(CertError::Empty));
        assert_eq!(parse_certificates(b" \n\t"), Err(CertError::Empty));
        assert_eq!(
            parse_certificates(b"hello, world"),
            Err(CertError::NotCertificate)
        );
        assert_eq!(
            parse_certificates(&[0x30, 0x82, 0x02, 0x00, 0x30, 0x01]),
            Err(CertError::Truncated {
                expected: 516,
                found: 6
            })
        );
        assert!(matches!(
            parse_certificates(&[0x30, 0x03, 0x02, 0x01, 0x00]),
            Err(CertError::PrivateKey { .. })
        ));
        assert!(matches!(
            parse_certificates(&[0x30, 0x03, 0x04, 0x01, 0x00]),
            Err(CertError::Malformed(_))
        ));
        assert!(matches!(
            parse_certificates(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
            Err(CertError::PrivateKey { .. })
        ));
        assert!(matches!(
            parse_certificates(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
            Err(CertError::NoCertificateInPem { .. })
        ));
        assert!(matches!(
            parse_certificates(
                b"-----BEGIN CERTIFICATE-----\n!!notbase64!!\n-----END CERTIFICATE-----\n"
            ),
            Err(CertError::BrokenPem { index: 1, .. })
        ));
        assert!(matches!(
            parse_certificates(b"-----BEGIN CERTIFICATE-----\nMIIB\n"),
            Err(CertError::BrokenPem { .. })
        ));
        assert!(matches!(
            parse_certificates(&vec![0u8; MAX_FILE_BYTES + 1]),
            Err(CertError::TooLarge { .. })
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Noise is refused, never a panic: raw bytes, bytes that start like DER (a
        /// SEQUENCE with a long length), and noise inside PEM armour.
        #[test]
        fn random_bytes_never_panic(
            body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..3000),
            start in 0u8..3,
            armoured in "[A-Za-z0-9+/]{0,2000}={0,2}",
        ) {
            let bytes = match start {
                0 => body,
                1 => [&[0x30, 0x82][..], &body].concat(),
                _ => format!("-----BEGIN CERTIFICATE-----\n{armoured}\n-----END CERTIFICATE-----\n")
                    .into_bytes(),
            };
            proptest::prop_assert!(parse_certificates(&bytes).is_err());
        }
    }
}
