//! Monitoring output: the Nagios/Icinga plugin line and the Prometheus text exposition
//! format (for `node_exporter`'s textfile collector). Values in, text out; the caller
//! says what was counted and what time zone the rules use.
//!
//! No personal data goes into a label: no names, no T.C. Kimlik No (KVKK). A salted
//! hash would be no protection while the salt sits in a readable rules file, so
//! rosters give only aggregate counts; a certificate is labelled by its serial number.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::lang::Lang;
use crate::renewal::{Renewal, State};
use crate::roster::{MonthLoad, Summary};

/// Status words of the monitoring-plugins guidelines, by exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}

impl Status {
    /// The status for an exit code (0, 1, 2; 3 and above are UNKNOWN).
    #[must_use]
    pub fn from_code(code: u8) -> Status {
        match code {
            0 => Status::Ok,
            1 => Status::Warning,
            2 => Status::Critical,
            _ => Status::Unknown,
        }
    }

    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Warning => "WARNING",
            Status::Critical => "CRITICAL",
            Status::Unknown => "UNKNOWN",
        }
    }
}

/// The Nagios thresholds on days left, from the rules' lead time as it applies to the
/// certificate that decides: WARNING below `warn` (the window opens when the days left
/// equal the lead in days, so `warn` is that number plus one), CRITICAL below 0 (the
/// day after the expiry day).
#[must_use]
pub fn days_left_thresholds(r: &Renewal) -> (i64, i64) {
    ((r.expiry - r.window_opens).num_days() + 1, 0)
}

/// One plugin line: `ESIGN STATUS - text | perfdata`. `counts` counts certificates
/// (or roster rows); `decisive` is the one with the fewest days left, if any;
/// `single` words the text for one certificate (check) rather than a list (roster);
/// `extra` phrases (a PIN warning) join the text.
#[must_use]
pub fn nagios_line(
    status: Status,
    counts: &Summary,
    decisive: Option<&Renewal>,
    single: bool,
    extra: &[String],
    lang: Lang,
) -> String {
    let mut text = match (single, decisive) {
        (true, Some(r)) => single_text(r, lang),
        _ => counts_text(counts, lang),
    };
    for phrase in extra {
        text.push_str("; ");
        text.push_str(phrase.lines().next().unwrap_or(""));
    }
    // `|` starts the performance data: keep it out of the text.
    let text = text.replace('|', "/");
    let mut perf = String::new();
    if !single {
        let _ = write!(
            perf,
            "expired={};;0;0 renewal_due={};0;;0 not_yet_valid={};;;0 valid={};;;0",
            counts.expired, counts.renewal_due, counts.not_yet_valid, counts.valid
        );
        let _ = write!(perf, " errors={};;0;0", counts.errors);
    }
    if let Some(r) = decisive.filter(|r| !r.no_expiry) {
        let (warn, crit) = days_left_thresholds(r);
        let label = if single { "days_left" } else { "days_left_min" };
        if !perf.is_empty() {
            perf.push(' ');
        }
        let _ = write!(perf, "{label}={};{warn}:;{crit}:", r.days_left);
    }
    if perf.is_empty() {
        format!("ESIGN {} - {text}", status.word())
    } else {
        format!("ESIGN {} - {text} | {perf}", status.word())
    }
}

fn single_text(r: &Renewal, lang: Lang) -> String {
    let state = match (r.state, lang) {
        (State::Valid, Lang::En) => "valid",
        (State::Valid, Lang::Tr) => "geçerli",
        (State::NotYetValid, Lang::En) => "not valid yet",
        (State::NotYetValid, Lang::Tr) => "henüz geçerli değil",
        (State::RenewalDue, Lang::En) => "renewal due",
        (State::RenewalDue, Lang::Tr) => "yenileme zamanı",
        (State::Expired, Lang::En) => "expired",
        (State::Expired, Lang::Tr) => "süresi dolmuş",
    };
    let days = r.days_left;
    match lang {
        Lang::En if r.no_expiry => format!("{state}, no expiry date"),
        Lang::Tr if r.no_expiry => format!("{state}, bitiş tarihi yok"),
        Lang::En if days >= 0 => format!(
            "{state}, {days} days left (expires {}, window opens {})",
            r.expiry, r.window_opens
        ),
        Lang::En => format!("{state}, {} days ago (expired {})", -days, r.expiry),
        Lang::Tr if days >= 0 => format!(
            "{state}, {days} gün kaldı (bitiş {}, başvuru dönemi {})",
            Lang::Tr.date(r.expiry),
            Lang::Tr.date(r.window_opens)
        ),
        Lang::Tr => format!(
            "{state}, {} gün önce (bitiş {})",
            -days,
            Lang::Tr.date(r.expiry)
        ),
    }
}

fn counts_text(c: &Summary, lang: Lang) -> String {
    let parts: [(u64, &str, &str); 5] = match lang {
        Lang::En => [
            (c.expired, "expired", "expired"),
            (c.renewal_due, "renewal due", "renewals due"),
            (c.not_yet_valid, "not valid yet", "not valid yet"),
            (c.valid, "valid", "valid"),
            (c.errors, "unreadable row", "unreadable rows"),
        ],
        Lang::Tr => [
            (c.expired, "süresi dolmuş", "süresi dolmuş"),
            (
                c.renewal_due,
                "yenileme zamanı gelmiş",
                "yenileme zamanı gelmiş",
            ),
            (
                c.not_yet_valid,
                "henüz geçerli değil",
                "henüz geçerli değil",
            ),
            (c.valid, "geçerli", "geçerli"),
            (c.errors, "okunamayan satır", "okunamayan satır"),
        ],
    };
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    if words.is_empty() {
        match lang {
            Lang::En => "no certificates".to_owned(),
            Lang::Tr => "sertifika yok".to_owned(),
        }
    } else {
        words.join(", ")
    }
}

/// Prometheus text exposition, built metric family by metric family.
#[derive(Debug, Default)]
pub struct Exposition {
    text: String,
}

/// One certificate as Prometheus sees it: no name, no ID number.
#[derive(Debug, Clone, Copy)]
pub struct CertMetric<'a> {
    /// The serial number, in hex as `esign check` shows it.
    pub serial: &'a str,
    pub signing: bool,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    pub state: State,
}

/// Reads one value of a certificate for a metric family.
type CertValue = fn(&CertMetric<'_>) -> i64;

impl Exposition {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn family(&mut self, name: &str, help: &str) {
        let _ = writeln!(self.text, "# HELP {name} {}", escape_help(help));
        let _ = writeln!(self.text, "# TYPE {name} gauge");
    }

    fn sample(&mut self, name: &str, labels: &[(&str, &str)], value: impl std::fmt::Display) {
        self.text.push_str(name);
        if !labels.is_empty() {
            self.text.push('{');
            for (i, (key, v)) in labels.iter().enumerate() {
                if i > 0 {
                    self.text.push(',');
                }
                let _ = write!(self.text, "{key}=\"{}\"", escape_label(v));
            }
            self.text.push('}');
        }
        let _ = writeln!(self.text, " {value}");
    }

    /// `esign check --expiry`: the expiry is a day, not an instant, so the metric is the
    /// first instant of that day in the rules' time zone, named for what it is.
    pub fn expiry_day(&mut self, r: &Renewal, tz: Tz, lang: Lang) {
        let (expiry, window) = match lang {
            Lang::En => (
                "Start of the certificate's expiry day (the last day it is usable) in the rules' time zone, in seconds since the epoch.",
                "Start of the day the renewal window opens, in the rules' time zone, in seconds since the epoch.",
            ),
            Lang::Tr => (
                "Sertifikanın bitiş gününün (kullanılabildiği son günün) kuralların saat dilimindeki başlangıcı, epoch'tan bu yana saniye.",
                "Başvuru döneminin açıldığı günün kuralların saat dilimindeki başlangıcı, epoch'tan bu yana saniye.",
            ),
        };
        self.family("esign_expiry_day_start_timestamp_seconds", expiry);
        self.sample(
            "esign_expiry_day_start_timestamp_seconds",
            &[],
            day_start(tz, r.expiry),
        );
        self.family(
            "esign_renewal_window_opens_day_start_timestamp_seconds",
            window,
        );
        self.sample(
            "esign_renewal_window_opens_day_start_timestamp_seconds",
            &[],
            day_start(tz, r.window_opens),
        );
    }

    /// Certificates read from files or the card: validity instants per serial number,
    /// as the x509 certificate exporters name them.
    pub fn certificates(&mut self, certs: &[CertMetric<'_>], lang: Lang) {
        let (after, before, expired) = match lang {
            Lang::En => (
                "The certificate's notAfter, in seconds since the epoch.",
                "The certificate's notBefore, in seconds since the epoch.",
                "1 if the certificate has expired, else 0.",
            ),
            Lang::Tr => (
                "Sertifikanın notAfter anı, epoch'tan bu yana saniye.",
                "Sertifikanın notBefore anı, epoch'tan bu yana saniye.",
                "Sertifikanın süresi dolmuşsa 1, değilse 0.",
            ),
        };
        let labels = |c: &CertMetric<'_>| {
            [
                ("serial", c.serial.to_owned()),
                ("signing", c.signing.to_string()),
            ]
        };
        let families: [(&str, &str, CertValue); 3] = [
            ("esign_cert_not_after", after, |c| c.not_after.timestamp()),
            ("esign_cert_not_before", before, |c| {
                c.not_before.timestamp()
            }),
            ("esign_cert_expired", expired, |c| {
                i64::from(c.state == State::Expired)
            }),
        ];
        for (name, help, value) in families {
            self.family(name, help);
            for c in certs {
                let l = labels(c);
                self.sample(
                    name,
                    &[(l[0].0, l[0].1.as_str()), (l[1].0, l[1].1.as_str())],
                    value(c),
                );
            }
        }
    }

    /// Counts per state (and of unreadable rows, for rosters). `what` names the metric:
    /// `esign_certificates` or `esign_roster_rows`.
    pub fn states(&mut self, what: &str, counts: &Summary, with_errors: bool, lang: Lang) {
        let help = match (what, lang) {
            ("esign_roster_rows", Lang::En) => {
                "Roster rows by renewal state (error: rows that could not be read)."
            }
            ("esign_roster_rows", Lang::Tr) => {
                "Listedeki satırlar, yenileme durumuna göre (error: okunamayan satırlar)."
            }
            (_, Lang::En) => "Certificates by renewal state.",
            (_, Lang::Tr) => "Sertifikalar, yenileme durumuna göre.",
        };
        self.family(what, help);
        let mut states = vec![
            (State::Valid.as_str(), counts.valid),
            (State::NotYetValid.as_str(), counts.not_yet_valid),
            (State::RenewalDue.as_str(), counts.renewal_due),
            (State::Expired.as_str(), counts.expired),
        ];
        if with_errors {
            states.push(("error", counts.errors));
        }
        for (state, n) in states {
            self.sample(what, &[("state", state)], n);
        }
    }

    /// A roster's renewal load per calendar month (`YYYY-MM`): windows opening and
    /// certificates expiring.
    pub fn months(&mut self, months: &[MonthLoad], lang: Lang) {
        let (opening, expiring) = match lang {
            Lang::En => (
                "Roster renewal windows opening in the month.",
                "Roster certificates expiring in the month.",
            ),
            Lang::Tr => (
                "Listede, o ay başvuru dönemi açılan sertifikalar.",
                "Listede, o ay süresi dolan sertifikalar.",
            ),
        };
        let label = |m: &MonthLoad| {
            format!(
                "{:04}-{:02}",
                chrono::Datelike::year(&m.month),
                chrono::Datelike::month(&m.month)
            )
        };
        self.family("esign_roster_windows_opening", opening);
        for m in months {
            self.sample(
                "esign_roster_windows_opening",
                &[("month", &label(m))],
                m.windows_open,
            );
        }
        self.family("esign_roster_expiring", expiring);
        for m in months {
            self.sample("esign_roster_expiring", &[("month", &label(m))], m.expiring);
        }
    }

    #[must_use]
    pub fn finish(self) -> String {
        self.text
    }
}

/// The first instant of `day` in `tz`, in seconds since the epoch.
#[must_use]
pub fn day_start(tz: Tz, day: NaiveDate) -> i64 {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&midnight)
        .earliest()
        .or_else(|| {
            (1..=24).find_map(|h| {
                tz.from_local_datetime(&(midnight + chrono::Duration::hours(h)))
                    .earliest()
            })
        })
        .map_or_else(|| midnight.and_utc().timestamp(), |t| t.timestamp())
}

fn escape_help(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

fn escape_label(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::renewal::{assess, Span, SpanUnit};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn thresholds_match_the_states() {
        let lead = Span::new(30, SpanUnit::Day).unwrap();
        let expiry = d("2026-06-30");
        for (today, state) in [
            ("2026-05-30", State::Valid),
            ("2026-05-31", State::RenewalDue),
            ("2026-06-30", State::RenewalDue),
            ("2026-07-01", State::Expired),
        ] {
            let r = assess(expiry, d(today), lead);
            assert_eq!(r.state, state, "{today}");
            let (warn, crit) = days_left_thresholds(&r);
            assert_eq!(r.days_left < warn, state != State::Valid, "{today}");
            assert_eq!(r.days_left < crit, state == State::Expired, "{today}");
        }
    }

    #[test]
    fn a_roster_line() {
        let counts = Summary {
            rows: 5,
            valid: 2,
            renewal_due: 2,
            expired: 1,
            ..Summary::default()
        };
        let r = assess(
            d("2026-05-28"),
            d("2026-06-01"),
            Span::new(30, SpanUnit::Day).unwrap(),
        );
        assert_eq!(
            nagios_line(Status::Critical, &counts, Some(&r), false, &[], Lang::En),
            "ESIGN CRITICAL - 1 expired, 2 renewals due, 2 valid | expired=1;;0;0 renewal_due=2;0;;0 not_yet_valid=0;;;0 valid=2;;;0 errors=0;;0;0 days_left_min=-4;31:;0:"
        );
    }

    #[test]
    fn the_start_of_the_expiry_day_in_istanbul() {
        assert_eq!(
            day_start(chrono_tz::Europe::Istanbul, d("2025-06-01")),
            1_748_725_200
        );
    }
}
