//! `esign notify`: reminder e-mails for the people on a staff list who must act.
//! The core decides who gets which reminder and words it ([`esign::notify`]); this reads
//! the roster and the sent-log, builds RFC 5322 messages with lettre and, by mode, lists
//! them (dry run), writes `.eml` drafts, or sends them through SMTP.
//!
//! Once only: the sent-log is rewritten atomically after each message the server
//! accepts. A crash or kill mid-run therefore loses no record; at most the one message
//! in flight at that moment (accepted by the server, not yet logged) goes out twice.

use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result};
use chrono::Utc;
use esign::lang::Lang;
use esign::messages::{Level, Localize, MailProblem, Problem};
use esign::notify::{
    self, compose, report_line, Failure, Kind, Outcome, SentKey, SentLog, Tally, EMAIL_HEADERS,
};
use esign::renewal::Span;
use esign::roster::header_key;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Address, Message, SmtpTransport, Transport};
use url::{Host, Url};

use crate::cli::NotifyArgs;
use crate::cmd::roster::open_roster;
use crate::context::Context;
use crate::exit::Exit;
use crate::outfile::OutFile;
use crate::output;

enum Mode {
    DryRun,
    Drafts(PathBuf),
    Send(SmtpTransport),
}

pub fn run(ctx: &Context, args: &NotifyArgs) -> Result<Exit> {
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let today = moment.today;
    let lang = ctx.lang;
    let due_by = match &args.due_within {
        Some(text) => Span::parse_short(text)
            .context("--due-within")?
            .after(today),
        None => rules.lead.after(today),
    };
    let sender = match args.from.as_deref().or(rules.mail.from.as_deref()) {
        Some(address) => Some(
            address
                .trim()
                .parse::<Address>()
                .map(|a| Mailbox::new(Some(rules.institution.desk.clone()), a))
                .map_err(|e| MailProblem::BadFrom {
                    address: address.trim().to_owned(),
                    detail: e.to_string(),
                })?,
        ),
        None => None,
    };
    let mode = if args.send {
        Mode::Send(transport(args, lang)?)
    } else if let Some(dir) = &args.drafts {
        Mode::Drafts(dir.clone())
    } else {
        Mode::DryRun
    };
    if sender.is_none() && !matches!(mode, Mode::DryRun) {
        return Err(MailProblem::NoSender.into());
    }
    let contact = rules
        .mail
        .contact
        .clone()
        .or_else(|| sender.as_ref().map(|s| s.email.to_string()))
        .unwrap_or_else(|| rules.institution.desk.clone());

    let log_path = match &args.state_file {
        Some(p) => p.clone(),
        None => default_state_file()?,
    };
    let mut log = read_log(&log_path, lang)?;

    let (origin, mut reader) = open_roster(&args.input, rules, today, lang)?;
    let headers = reader.columns().headers.clone();
    let email_column = if let Some(name) = &args.email_column {
        let key = header_key(name);
        headers
            .iter()
            .position(|h| header_key(h) == key)
            .ok_or_else(|| MailProblem::NoEmailColumnNamed {
                origin: origin.clone(),
                name: name.clone(),
            })?
    } else {
        let keys: Vec<String> = EMAIL_HEADERS.iter().map(|h| header_key(h)).collect();
        headers
            .iter()
            .position(|h| keys.contains(&header_key(h)))
            .ok_or_else(|| MailProblem::NoEmailColumn {
                origin: origin.clone(),
            })?
    };
    let email_header = headers.get(email_column).unwrap_or("").to_owned();

    if let Mode::Drafts(dir) = &mode {
        std::fs::create_dir_all(dir).with_context(|| {
            Problem::CannotCreateFolder {
                path: dir.display().to_string(),
            }
            .localize(lang)
        })?;
    }
    let mut out = output::text_stdout(ctx);
    let mut tally = Tally::default();
    let mut sent_now = 0usize;
    let sent_at = moment.now.to_rfc3339();
    let date = std::time::SystemTime::from(moment.now.with_timezone(&Utc));

    while let Some(row) = reader.next_row() {
        let row = row.with_context(|| {
            Problem::Roster {
                origin: origin.clone(),
            }
            .localize(lang)
        })?;
        let location = row.location(lang);
        let who = row.name().unwrap_or("").to_owned();
        let address = row
            .fields
            .get(email_column)
            .map_or("", str::trim)
            .to_owned();
        let renewal = match &row.outcome {
            esign::roster::Outcome::Assessed { renewal, .. } => *renewal,
            esign::roster::Outcome::Error(e) => {
                let outcome = Outcome::Failed(Failure::BadRow(e.localize(lang)));
                tally.add(&outcome);
                ctx.voice().say(
                    Level::Error,
                    &report_line(&location, &who, None, "", &outcome, lang),
                );
                continue;
            }
            esign::roster::Outcome::Empty => continue,
        };
        let Some(kind) = Kind::for_renewal(&renewal, due_by) else {
            continue;
        };
        let display = if address.is_empty() {
            who.clone()
        } else if who.is_empty() {
            address.clone()
        } else {
            format!("{who} <{address}>")
        };
        let composed = compose(rules, kind, lang, &who, &renewal, &contact);
        let key = SentKey::new(&address, renewal.expiry, kind);
        let outcome = if address.is_empty() {
            Outcome::Failed(Failure::NoAddress {
                column: email_header.clone(),
            })
        } else if !notify::looks_like_address(&address) {
            Outcome::Failed(Failure::BadAddress {
                address: address.clone(),
            })
        } else if log.contains(&key) {
            Outcome::AlreadySent
        } else if args.max.is_some_and(|max| sent_now >= max) && !matches!(mode, Mode::DryRun) {
            Outcome::HeldBack
        } else {
            match (&mode, &sender) {
                (Mode::DryRun, _) => Outcome::WouldSend,
                (_, None) => Outcome::WouldSend,
                (Mode::Drafts(dir), Some(from)) => {
                    match message(from, &who, &address, &composed, &key, date) {
                        Ok(m) => {
                            let file = dir.join(draft_name(&location, kind, &address));
                            let mut f = OutFile::open(&file, &[], ctx.lang)?;
                            f.write_all(&m.formatted())?;
                            f.commit()?;
                            sent_now += 1;
                            Outcome::Drafted(file.display().to_string())
                        }
                        Err(f) => Outcome::Failed(f),
                    }
                }
                (Mode::Send(transport), Some(from)) => {
                    match message(from, &who, &address, &composed, &key, date) {
                        Ok(m) => match transport.send(&m) {
                            Ok(_) => {
                                log.record(key, &sent_at);
                                write_log(&log_path, &log, lang)?;
                                sent_now += 1;
                                Outcome::Sent
                            }
                            Err(e) if e.is_permanent() || e.is_transient() => {
                                Outcome::Failed(Failure::Refused(e.to_string()))
                            }
                            Err(e) => Outcome::Failed(Failure::Connection(e.to_string())),
                        },
                        Err(f) => Outcome::Failed(f),
                    }
                }
            }
        };
        tally.add(&outcome);
        let line = report_line(
            &location,
            &display,
            Some(kind),
            &composed.subject,
            &outcome,
            lang,
        );
        if matches!(outcome, Outcome::Failed(_)) {
            ctx.voice().say(Level::Error, &line);
        } else if !ctx.quiet {
            writeln!(out, "{line}")?;
        }
    }
    if !ctx.quiet {
        writeln!(out, "{}", tally.summary(lang))?;
    }
    out.flush()?;
    Ok(if tally.failed > 0 {
        Exit::Error
    } else {
        Exit::Ok
    })
}

/// The message: From and Reply-To the desk, UTF-8 headers encoded as RFC 2047 says, a
/// `Date`, and a `Message-ID` made from the reminder's key, so a message sent twice
/// after a crash carries the same id and mail clients can fold the copies.
fn message(
    from: &Mailbox,
    name: &str,
    address: &str,
    composed: &notify::Composed,
    key: &SentKey,
    date: std::time::SystemTime,
) -> Result<Message, Failure> {
    let bad = || Failure::BadAddress {
        address: address.to_owned(),
    };
    let to = Mailbox::new(
        (!name.is_empty()).then(|| name.to_owned()),
        address.parse::<Address>().map_err(|_| bad())?,
    );
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    let id = format!(
        "<esign.{:016x}.{}@{}>",
        hasher.finish(),
        key.expiry.format("%Y%m%d"),
        from.email.domain()
    );
    Message::builder()
        .from(from.clone())
        .reply_to(from.clone())
        .to(to)
        .subject(composed.subject.clone())
        .date(date)
        .message_id(Some(id))
        .header(ContentType::TEXT_PLAIN)
        .body(composed.body.clone())
        .map_err(|_| bad())
}

/// A draft's file name: its row, its kind and the address, safe on every file system.
fn draft_name(location: &str, kind: Kind, address: &str) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!("{}-{}-{}.eml", safe(location), kind.as_str(), safe(address))
}

/// `$XDG_STATE_HOME/esign/sent.tsv` (`~/.local/state/…`), `%LOCALAPPDATA%\esign\sent.tsv`.
fn default_state_file() -> Result<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("esign").join("sent.tsv"))
        .ok_or_else(|| MailProblem::NoStateFolder.into())
}

fn read_log(path: &Path, lang: Lang) -> Result<SentLog> {
    match std::fs::read_to_string(path) {
        Ok(text) => SentLog::parse(&text).map_err(|e| {
            anyhow::Error::new(e).context(
                MailProblem::SentLog {
                    path: path.display().to_string(),
                }
                .localize(lang),
            )
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(SentLog::default()),
        Err(e) => Err(anyhow::Error::new(e).context(
            Problem::CannotRead {
                path: path.display().to_string(),
            }
            .localize(lang),
        )),
    }
}

fn write_log(path: &Path, log: &SentLog, lang: Lang) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| {
            Problem::CannotCreateFolder {
                path: dir.display().to_string(),
            }
            .localize(lang)
        })?;
    }
    let mut file = OutFile::open(path, &[], lang)?;
    file.write_all(log.to_text().as_bytes())?;
    file.commit().with_context(|| {
        MailProblem::SentLog {
            path: path.display().to_string(),
        }
        .localize(lang)
    })
}

/// The SMTP transport from `--smtp-url` / `$ESIGN_SMTP_URL`: `smtps://` is TLS from the
/// start; `smtp://` requires STARTTLS, except to this machine (or with `--insecure-smtp`).
fn transport(args: &NotifyArgs, lang: Lang) -> Result<SmtpTransport> {
    let text = args.smtp_url.as_deref().ok_or(MailProblem::NoSmtpUrl)?;
    let url = Url::parse(text).map_err(|e| MailProblem::SmtpNotUrl {
        detail: e.to_string(),
    })?;
    if url.password().is_some() {
        return Err(MailProblem::SmtpUrlPassword.into());
    }
    // smtp:// is not a special scheme to the URL parser: an IPv4 host arrives as a name.
    let (host, local) = match url.host() {
        Some(Host::Domain(d)) if d.parse::<std::net::Ipv4Addr>().is_ok() => {
            (d.to_owned(), d == "127.0.0.1")
        }
        Some(Host::Domain(d)) => (d.to_owned(), d.eq_ignore_ascii_case("localhost")),
        Some(Host::Ipv4(ip)) => (ip.to_string(), ip == std::net::Ipv4Addr::LOCALHOST),
        Some(Host::Ipv6(ip)) => (ip.to_string(), ip == std::net::Ipv6Addr::LOCALHOST),
        None => return Err(MailProblem::SmtpNoHost.into()),
    };
    let mut tls = TlsParameters::builder(host.clone());
    if let Some(ca) = &args.smtp_ca_file {
        let pem = std::fs::read(ca).with_context(|| {
            Problem::CannotRead {
                path: ca.display().to_string(),
            }
            .localize(lang)
        })?;
        let cert = Certificate::from_pem(&pem).map_err(|e| MailProblem::CaNotPem {
            path: ca.display().to_string(),
            detail: e.to_string(),
        })?;
        tls = tls.add_root_certificate(cert);
    }
    let tls = tls.build().map_err(|e| MailProblem::Tls {
        host: host.clone(),
        detail: e.to_string(),
    })?;
    let (port, tls) = match url.scheme() {
        "smtps" => (465, Tls::Wrapper(tls)),
        "smtp" if local || args.insecure_smtp => (587, Tls::Opportunistic(tls)),
        "smtp" => (587, Tls::Required(tls)),
        other => {
            return Err(MailProblem::SmtpScheme {
                scheme: other.to_owned(),
            }
            .into())
        }
    };
    let mut builder = SmtpTransport::builder_dangerous(host)
        .port(url.port().unwrap_or(port))
        .tls(tls)
        .timeout(Some(Duration::from_secs(30)));
    let password = match &args.smtp_password_file {
        Some(file) => Some(
            std::fs::read_to_string(file)
                .with_context(|| {
                    Problem::CannotRead {
                        path: file.display().to_string(),
                    }
                    .localize(lang)
                })?
                .lines()
                .next()
                .unwrap_or("")
                .to_owned(),
        ),
        None => std::env::var("ESIGN_SMTP_PASSWORD").ok(),
    };
    let user = percent_decode(url.username());
    match (user.is_empty(), password) {
        (true, None) => {}
        (false, Some(password)) => {
            builder = builder.credentials(Credentials::new(user, password));
        }
        (false, None) => return Err(MailProblem::SmtpNoPassword { user }.into()),
        (true, Some(_)) => return Err(MailProblem::SmtpNoUser.into()),
    }
    Ok(builder.build())
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(b) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
