//! Reminder e-mails (`esign notify`): who gets which reminder, the message text from the
//! rules' templates, and the sent-log that makes each reminder go out once.
//!
//! Pure: the caller reads the roster, the log file and the clock, and does the sending.
//! A reminder is identified by a stable key (address, expiry, kind): a daily cron job
//! mails each person once per kind, and a new certificate (a new expiry) starts afresh.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use thiserror::Error;

use crate::lang::Lang;
use crate::renewal::{Renewal, State};
use crate::rules::{template_parts, MailTemplate, Rules, TemplatePart};

/// Header names that mean the person's e-mail address (compared after
/// [`crate::roster::header_key`]).
pub const EMAIL_HEADERS: &[&str] = &["e-posta", "eposta", "email", "e-mail", "mail"];

/// Which reminder a person gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The renewal window opens within `--due-within` (default: the lead time).
    WindowOpening,
    /// The window is open (R1).
    RenewalDue,
    /// Past the expiry: the application needs the hand-signed form (R2).
    Expired,
}

impl Kind {
    /// The kind's name in the sent-log, JSON and the rules (`[mail.renewal_due]`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::WindowOpening => "window_opening",
            Kind::RenewalDue => "renewal_due",
            Kind::Expired => "expired",
        }
    }

    fn from_name(name: &str) -> Option<Kind> {
        [Kind::WindowOpening, Kind::RenewalDue, Kind::Expired]
            .into_iter()
            .find(|k| k.as_str() == name)
    }

    /// The reminder a certificate needs, if any, when windows opening by `due_by` count.
    #[must_use]
    pub fn for_renewal(r: &Renewal, due_by: NaiveDate) -> Option<Kind> {
        match r.state {
            State::Expired => Some(Kind::Expired),
            State::RenewalDue => Some(Kind::RenewalDue),
            State::Valid if r.window_opens <= due_by => Some(Kind::WindowOpening),
            State::Valid | State::NotYetValid => None,
        }
    }

    fn template(self, rules: &Rules) -> Option<&MailTemplate> {
        match self {
            Kind::WindowOpening => rules.mail.window_opening.as_ref(),
            Kind::RenewalDue => rules.mail.renewal_due.as_ref(),
            Kind::Expired => rules.mail.expired.as_ref(),
        }
    }

    /// How the report names the kind.
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::WindowOpening, Lang::En) => "window opening",
            (Kind::WindowOpening, Lang::Tr) => "başvuru dönemi yaklaşıyor",
            (Kind::RenewalDue, Lang::En) => "renewal due",
            (Kind::RenewalDue, Lang::Tr) => "yenileme zamanı",
            (Kind::Expired, Lang::En) => "expired",
            (Kind::Expired, Lang::Tr) => "süresi dolmuş",
        }
    }
}

/// The identity of one reminder: the same person, certificate and kind is sent once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SentKey {
    /// The address, trimmed and in lower case (addresses differ in case only by accident).
    pub address: String,
    pub expiry: NaiveDate,
    pub kind: Kind,
}

impl SentKey {
    #[must_use]
    pub fn new(address: &str, expiry: NaiveDate, kind: Kind) -> SentKey {
        SentKey {
            address: address.trim().to_lowercase(),
            expiry,
            kind,
        }
    }
}

impl fmt::Display for SentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\t{}\t{}",
            self.address,
            self.expiry.format("%Y-%m-%d"),
            self.kind.as_str()
        )
    }
}

/// A sent-log line that does not read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "line {line} is not \"address<TAB>YYYY-MM-DD<TAB>kind<TAB>sent-at\": fix or delete the line"
)]
pub struct SentLogError {
    pub line: usize,
}

/// The reminders sent so far: one line per message the server accepted,
/// `address TAB expiry TAB kind TAB sent-at (RFC 3339)`, after a `#` comment line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentLog {
    keys: BTreeSet<SentKey>,
    lines: Vec<String>,
}

const SENT_LOG_HEADER: &str =
    "# esign notify sent-log: address, expiry, reminder kind, sent at. One line per message the mail server accepted.";

impl SentLog {
    /// Reads a sent-log's text (an empty text is an empty log).
    ///
    /// # Errors
    /// [`SentLogError`] naming the first line that does not read.
    pub fn parse(text: &str) -> Result<SentLog, SentLogError> {
        let mut log = SentLog::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = || SentLogError { line: i + 1 };
            let mut fields = line.split('\t');
            let (Some(address), Some(expiry), Some(kind), Some(_at), None) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                return Err(err());
            };
            let expiry = NaiveDate::parse_from_str(expiry, "%Y-%m-%d").map_err(|_| err())?;
            let kind = Kind::from_name(kind).ok_or_else(err)?;
            if address.trim().is_empty() {
                return Err(err());
            }
            log.keys.insert(SentKey::new(address, expiry, kind));
            log.lines.push(line.to_owned());
        }
        Ok(log)
    }

    #[must_use]
    pub fn contains(&self, key: &SentKey) -> bool {
        self.keys.contains(key)
    }

    /// Records a message the server accepted at `sent_at` (RFC 3339 text).
    pub fn record(&mut self, key: SentKey, sent_at: &str) {
        self.lines.push(format!("{key}\t{sent_at}"));
        self.keys.insert(key);
    }

    /// The whole log as text, to write back (atomically) after each accepted message.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut text = String::with_capacity(64 * (self.lines.len() + 1));
        text.push_str(SENT_LOG_HEADER);
        text.push('\n');
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// A reminder's subject and body, filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub body: String,
}

/// Fills the rules' template for `kind` for one person, in `lang`. `contact` is how to
/// reach the desk (`[mail] contact`, else the sender's address).
#[must_use]
pub fn compose(
    rules: &Rules,
    kind: Kind,
    lang: Lang,
    name: &str,
    renewal: &Renewal,
    contact: &str,
) -> Composed {
    let Some(template) = kind.template(rules) else {
        return Composed {
            subject: String::new(),
            body: String::new(),
        };
    };
    let bring = match lang {
        Lang::Tr => rules.mail.bring_tr.as_deref(),
        Lang::En => rules.mail.bring_en.as_deref(),
    }
    .unwrap_or("");
    let form = if kind == Kind::Expired {
        r2_form(lang)
    } else {
        ""
    };
    let value = |placeholder: &str| -> String {
        match placeholder {
            "name" => name.to_owned(),
            "expiry" => lang.date(renewal.expiry),
            "window_opens" => lang.date(renewal.window_opens),
            "days_left" => renewal.days_left.to_string(),
            "desk" => rules.institution.desk.clone(),
            "institution" => rules.institution.name.clone(),
            "contact" => contact.to_owned(),
            "bring" => bring.to_owned(),
            "form" => form.to_owned(),
            _ => String::new(),
        }
    };
    let fill = |text: &str| -> String {
        // The rules were validated when they loaded: every placeholder is known.
        template_parts(text)
            .unwrap_or_default()
            .into_iter()
            .map(|part| match part {
                TemplatePart::Text(t) => t,
                TemplatePart::Placeholder(p) => value(p),
            })
            .collect()
    };
    let subject = fill(template.subject(lang))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut body = fill(template.body(lang)).trim().to_owned();
    body.push('\n');
    Composed { subject, body }
}

/// R2, for an expired certificate: the printed, hand-signed application form.
fn r2_form(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Because the certificate has expired, print the application form, sign it by hand (wet signature, ıslak imza) and bring it with you (R2).",
        Lang::Tr => "Sertifikanızın süresi dolduğu için başvuru formunun çıktısını alıp ıslak imzayla imzalayarak yanınızda getirmeniz gerekir (R2).",
    }
}

/// A cheap check that a cell looks like one e-mail address (the mail library does the
/// strict check when the message is built).
#[must_use]
pub fn looks_like_address(text: &str) -> bool {
    let text = text.trim();
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::renewal::assess;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn kinds() {
        let rules = Rules::embedded();
        let today = d("2026-06-01");
        let due_by = rules.lead.after(today);
        let kind = |expiry: &str| Kind::for_renewal(&assess(d(expiry), today, rules.lead), due_by);
        assert_eq!(kind("2026-05-31"), Some(Kind::Expired));
        assert_eq!(kind("2026-06-20"), Some(Kind::RenewalDue));
        assert_eq!(kind("2026-07-20"), Some(Kind::WindowOpening));
        assert_eq!(kind("2026-09-20"), None);
    }

    #[test]
    fn the_log_round_trips_and_names_a_bad_line() {
        let mut log = SentLog::default();
        log.record(
            SentKey::new(" Ayse@Uni.edu.tr ", d("2026-06-20"), Kind::RenewalDue),
            "2026-06-01T09:00:00+03:00",
        );
        let again = SentLog::parse(&log.to_text()).unwrap();
        assert!(again.contains(&SentKey::new(
            "ayse@uni.edu.tr",
            d("2026-06-20"),
            Kind::RenewalDue
        )));
        assert!(!again.contains(&SentKey::new(
            "ayse@uni.edu.tr",
            d("2026-06-20"),
            Kind::Expired
        )));
        assert_eq!(
            SentLog::parse("# c\na\t2026-01-01\texpired\n").unwrap_err(),
            SentLogError { line: 2 }
        );
    }

    #[test]
    fn the_embedded_templates_fill_in_turkish() {
        let rules = Rules::embedded();
        let r = assess(d("2026-06-20"), d("2026-06-01"), rules.lead);
        let c = compose(
            &rules,
            Kind::RenewalDue,
            Lang::Tr,
            "Ayşe Yılmaz",
            &r,
            "e-imza@uni.edu.tr",
        );
        assert_eq!(c.subject, "E-imzanızı yenileme zamanı: son gün 20.06.2026");
        assert!(c.body.starts_with("Sayın Ayşe Yılmaz,"), "{}", c.body);
        assert!(c.body.contains("(19 gün kaldı)"), "{}", c.body);
        let expired = compose(
            &rules,
            Kind::Expired,
            Lang::En,
            "Ayşe",
            &assess(d("2026-05-20"), d("2026-06-01"), rules.lead),
            "x",
        );
        assert!(expired.body.contains("wet signature"), "{}", expired.body);
    }

    #[test]
    fn addresses() {
        assert!(looks_like_address("ayse@uni.edu.tr"));
        assert!(!looks_like_address("ayse"));
        assert!(!looks_like_address("ayse@uni"));
        assert!(!looks_like_address("a b@uni.edu.tr"));
    }
}

/// What happened to one reminder, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `--dry-run`: would be sent.
    WouldSend,
    /// `--drafts`: written to this file.
    Drafted(String),
    /// Accepted by the mail server.
    Sent,
    /// In the sent-log already.
    AlreadySent,
    /// Not sent this run: `--max` reached.
    HeldBack,
    /// Not sent; tried again next run.
    Failed(Failure),
}

/// Why a reminder could not go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    NoAddress {
        column: String,
    },
    BadAddress {
        address: String,
    },
    /// The server refused the message or recipient (its reply).
    Refused(String),
    /// The server could not be reached or dropped the connection.
    Connection(String),
    /// The row itself could not be read (no date, a bad date, wrong field count).
    BadRow(String),
}

impl Failure {
    #[must_use]
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Failure::NoAddress { column }, Lang::En) => {
                format!("no e-mail address in column \"{column}\"")
            }
            (Failure::NoAddress { column }, Lang::Tr) => {
                format!("\"{column}\" sütununda e-posta adresi yok")
            }
            (Failure::BadAddress { address }, Lang::En) => {
                format!("\"{address}\" is not an e-mail address")
            }
            (Failure::BadAddress { address }, Lang::Tr) => {
                format!("\"{address}\" bir e-posta adresi değil")
            }
            (Failure::Refused(reply), Lang::En) => format!("the mail server refused it: {reply}"),
            (Failure::Refused(reply), Lang::Tr) => format!("posta sunucusu kabul etmedi: {reply}"),
            (Failure::Connection(e), Lang::En) => format!("could not send: {e}"),
            (Failure::Connection(e), Lang::Tr) => format!("gönderilemedi: {e}"),
            (Failure::BadRow(e), Lang::En) => format!("the row could not be read: {e}"),
            (Failure::BadRow(e), Lang::Tr) => format!("satır okunamadı: {e}"),
        }
    }
}

/// One report line: where the row is, who, which reminder, and what happened.
#[must_use]
pub fn report_line(
    location: &str,
    who: &str,
    kind: Option<Kind>,
    subject: &str,
    outcome: &Outcome,
    lang: Lang,
) -> String {
    let kind = kind.map_or(String::new(), |k| format!(" [{}]", k.label(lang)));
    let what = match (outcome, lang) {
        (Outcome::WouldSend, Lang::En) => format!("would send \"{subject}\""),
        (Outcome::WouldSend, Lang::Tr) => format!("gönderilecek: \"{subject}\""),
        (Outcome::Drafted(file), Lang::En) => format!("draft written: {file}"),
        (Outcome::Drafted(file), Lang::Tr) => format!("taslak yazıldı: {file}"),
        (Outcome::Sent, Lang::En) => format!("sent \"{subject}\""),
        (Outcome::Sent, Lang::Tr) => format!("gönderildi: \"{subject}\""),
        (Outcome::AlreadySent, Lang::En) => "skipped: already sent".to_owned(),
        (Outcome::AlreadySent, Lang::Tr) => "atlandı: daha önce gönderilmiş".to_owned(),
        (Outcome::HeldBack, Lang::En) => "not sent: --max reached, next run".to_owned(),
        (Outcome::HeldBack, Lang::Tr) => {
            "gönderilmedi: --max sınırına ulaşıldı, sonraki çalıştırmada".to_owned()
        }
        (Outcome::Failed(f), Lang::En) => format!("FAILED: {}", f.describe(lang)),
        (Outcome::Failed(f), Lang::Tr) => format!("BAŞARISIZ: {}", f.describe(lang)),
    };
    format!("{location}: {who}{kind}: {what}")
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub would_send: u64,
    pub drafted: u64,
    pub sent: u64,
    pub skipped: u64,
    pub held_back: u64,
    pub failed: u64,
}

impl Tally {
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::WouldSend => self.would_send += 1,
            Outcome::Drafted(_) => self.drafted += 1,
            Outcome::Sent => self.sent += 1,
            Outcome::AlreadySent => self.skipped += 1,
            Outcome::HeldBack => self.held_back += 1,
            Outcome::Failed(_) => self.failed += 1,
        }
    }

    /// The summary line: sent / skipped (already sent) / failed, and the mode's counts.
    #[must_use]
    pub fn summary(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        match lang {
            Lang::En => {
                if self.would_send > 0 {
                    parts.push(format!(
                        "would send {} (dry run: nothing sent)",
                        self.would_send
                    ));
                }
                if self.drafted > 0 {
                    parts.push(format!("drafts written {}", self.drafted));
                }
                parts.push(format!("sent {}", self.sent));
                parts.push(format!("skipped (already sent) {}", self.skipped));
                if self.held_back > 0 {
                    parts.push(format!("held back by --max {}", self.held_back));
                }
                parts.push(format!("failed {}", self.failed));
                format!("Summary: {}", parts.join(", "))
            }
            Lang::Tr => {
                if self.would_send > 0 {
                    parts.push(format!(
                        "gönderilecek {} (deneme: hiçbir şey gönderilmedi)",
                        self.would_send
                    ));
                }
                if self.drafted > 0 {
                    parts.push(format!("yazılan taslak {}", self.drafted));
                }
                parts.push(format!("gönderilen {}", self.sent));
                parts.push(format!("atlanan (daha önce gönderilmiş) {}", self.skipped));
                if self.held_back > 0 {
                    parts.push(format!("--max ile bekletilen {}", self.held_back));
                }
                parts.push(format!("başarısız {}", self.failed));
                format!("Özet: {}", parts.join(", "))
            }
        }
    }
}
