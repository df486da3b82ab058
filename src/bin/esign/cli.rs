//! The command line, declared with clap's derive. Doc comments are the help text.
//! clap types stop here: `main` turns them into plain values before any logic runs.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::output::OutputFormat;

#[derive(Debug, Parser)]
#[command(
    name = "esign",
    version,
    about = "Answers for Kamu SM qualified e-signature (NES) cards: when to renew, who pays, where to click.",
    long_about = None,
    after_help = "Examples:\n  esign check --expiry 2025-06-01\n  esign check --expiry 01.06.2025 --lang tr\n  esign rules show",
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command shares; accepted before or after the subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help = "Rules file to use (else $ESIGN_RULES, the user's config file, the embedded default)"
    )]
    pub rules: Option<PathBuf>,

    #[arg(
        long,
        global = true,
        value_name = "DATE",
        help = "Take this day as today: DD.MM.YYYY or YYYY-MM-DD (else $ESIGN_TODAY, else the date in the rules' time zone)"
    )]
    pub today: Option<String>,

    /// Take this exact instant as now, RFC 3339 (2026-06-01T11:59:58+03:00)
    #[arg(long, global = true, value_name = "RFC3339", conflicts_with = "today")]
    pub now: Option<String>,

    #[arg(
        long,
        global = true,
        value_enum,
        help = "Output language (else $ESIGN_LANG, else the locale, else English)"
    )]
    pub lang: Option<LangArg>,

    /// Output format (which ones a command writes: see its --help; CSV is for roster)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,

    /// Same as --format json
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// Print nothing; only set the exit status
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// When to colour text output
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Write plain ASCII only (for consoles that cannot show Turkish letters)
    #[arg(long, global = true)]
    pub ascii: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Türkçe: dates as DD.MM.YYYY
    Tr,
    /// English: ISO dates
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    #[value(help = "Colour on a terminal, unless NO_COLOR is set")]
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(
        about = "Questions and answers, for people who do not use terminals",
        long_about = "Questions and answers, for people who do not use terminals (also what esign alone does in a console).\n\nExit status: 0 when you quit, 3 without a terminal.",
        after_help = "Keys: arrows and Enter to choose; Esc or Ctrl-C to leave.\n\nExamples:\n  esign guide\n  esign guide --lang tr\n  esign"
    )]
    Guide,

    #[command(
        about = "Check when a certificate expires and when to renew it",
        long_about = "Check when a certificate expires and when to renew it.\n\nExit status: 0 valid, 1 renewal due or not yet valid, 2 expired, 3 error.",
        after_help = "Examples:\n  esign check --expiry 2025-06-01\n  esign check --expiry 01.06.2025 --today 20.05.2025 --lang tr\n  esign check --expiry 2025-06-01 --json\n  esign check --cert imza.cer\n  esign check --cert old.pem --cert new.pem\n  esign check --card\n  esign check --cert imza.cer --format nagios\n  esign check --cert imza.cer --format prometheus -o /var/lib/node_exporter/esign.prom"
    )]
    Check(CheckArgs),

    #[command(
        about = "Show what the e-signature card says without a PIN: PIN state and certificates",
        long_about = "Show what the e-signature card says without a PIN: tokens, PIN state and certificates.\n\nExit status: 0/1/2 as for check (at least 1 at the PIN's final try, 2 when it is locked), 3 when nothing could be read.",
        after_help = "Never logs in and never asks for the PIN: only public objects and token info are read.\n\nExamples:\n  esign card\n  esign card --module /usr/lib/libakisp11.so\n  esign card --json"
    )]
    Card(CardArgs),

    #[command(
        about = "The card does not work? Checks every layer and says what to fix",
        long_about = "The card does not work? Checks every layer, from the smart-card service to the certificate, and says what to fix.\n\nExit status: 0 all ok, 1 warnings only, 2 a problem that stops signing, 3 doctor could not run.",
        after_help = "Never logs in, never asks for the PIN, never changes the system: it names the fix.\n\nExamples:\n  esign doctor\n  esign doctor --lang tr\n  esign doctor --module /usr/lib/libakisp11.so --json"
    )]
    Doctor(DoctorArgs),

    /// Internal: one probe of esign doctor, run in a child process (JSON on stdout)
    #[command(name = "doctor-probe", hide = true)]
    DoctorProbe {
        #[command(subcommand)]
        target: ProbeTarget,
    },

    #[command(
        about = "Say who pays for a new card, and what must happen first",
        long_about = "Say who pays for a new card, and what must happen first (rules R7–R10).",
        after_help = "Examples:\n  esign fee --duty active --cause lost\n  esign fee --title \"Dekan\" --cause expiry\n  esign fee --table --lang tr"
    )]
    Fee(FeeArgs),

    #[command(
        about = "PIN locked? How to unlock the card and set a new PIN on the portal",
        long_about = "PIN locked? How to unlock the card and set a new PIN on the portal (rule R6).",
        visible_alias = "pin",
        after_help = "Examples:\n  esign unlock\n  esign unlock --open\n  esign pin --ascii --lang tr"
    )]
    Unlock(PortalArgs),

    #[command(
        about = "Card lost or stolen? How to suspend the certificate on the portal",
        long_about = "Card lost or stolen? How to suspend the certificate on the portal (rule R7).",
        visible_aliases = ["lost", "stolen"], after_help = "Examples:\n  esign suspend\n  esign lost --open")]
    Suspend(PortalArgs),

    #[command(
        about = "How to revoke the certificate on the portal, for good",
        after_help = "Examples:\n  esign revoke\n  esign revoke --json"
    )]
    Revoke(PortalArgs),

    #[command(
        about = "Open the Kamu SM portal in your browser",
        long_about = "Open the Kamu SM portal in your browser: $ESIGN_BROWSER, else $BROWSER, else the system's default browser.",
        after_help = "Examples:\n  esign open\n  ESIGN_BROWSER=firefox esign open unlock"
    )]
    Open {
        /// What you are going there for
        #[arg(value_enum, default_value_t = OpenTarget::Portal)]
        target: OpenTarget,
    },

    /// Show, check or install the rules file
    #[command(
        subcommand,
        after_help = "Examples:\n  esign rules path\n  esign rules check my-rules.toml\n  esign rules show > my-rules.toml\n  esign rules init && esign rules path"
    )]
    Rules(RulesCommand),

    #[command(
        about = "Report on a staff list (CSV or workbook): who must apply now, who has expired",
        long_about = "Report on a staff list (CSV, or an .xlsx, .xlsm, .xls or .ods workbook): who must apply now, who has expired, how many cards the months ahead bring.\n\nExit status: the worst state (0 valid, 1 renewal due, 2 expired), 3 if any row could not be read.",
        after_help = "Examples:\n  esign roster staff.csv --due-within 30d\n  esign roster personel.csv --encoding windows-1254 --lang tr\n  esign roster staff.csv --format csv --state renewal-due,expired > to-call.csv\n  esign roster staff.csv --by-month\n  esign roster staff.csv --ics renewals.ics\n  esign roster personel.xlsx --sheet Akademik\n  esign roster staff.csv --format nagios\n  esign roster staff.csv --format prometheus -o /var/lib/node_exporter/esign-roster.prom"
    )]
    Roster(RosterArgs),

    #[command(
        about = "Reminder e-mails to the people on a staff list who must act",
        long_about = "Reminder e-mails to the people on a staff list who must act: renewal due, window opening soon, expired. Dry run by default; each reminder is sent once.\n\nExit status: 0, 3 if any message failed.",
        after_help = "The SMTP password comes only from $ESIGN_SMTP_PASSWORD or --smtp-password-file.\n\nExamples:\n  esign notify staff.xlsx --lang tr\n  esign notify staff.csv --drafts taslaklar/\n  ESIGN_SMTP_URL=smtps://desk@mail.uni.edu.tr:465 ESIGN_SMTP_PASSWORD=… esign notify staff.csv --send --from e-imza@uni.edu.tr"
    )]
    Notify(NotifyArgs),

    #[command(
        about = "Write calendar reminders for a certificate's renewal (iCalendar)",
        long_about = "Write calendar reminders for a certificate's renewal (iCalendar): the day to apply, with an alarm, and the expiry day.",
        after_help = "Examples:\n  esign remind --expiry 2026-06-01 -o e-imza.ics\n  esign remind --expiry 01.06.2026 --name \"Ayşe Yılmaz\" --lang tr > ayse.ics"
    )]
    Remind(RemindArgs),

    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  esign completions bash > ~/.local/share/bash-completion/completions/esign\n  esign completions zsh > ~/.zfunc/_esign"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff)
    #[command(after_help = "Example:\n  esign man > esign.1 && man ./esign.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct RosterArgs {
    #[command(flatten)]
    pub input: RosterInput,

    /// Show only rows in these states (comma-separated); the summary still counts every row
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATE")]
    pub state: Vec<StateArg>,

    /// Show only rows that need action within this span: 30d, 6w, 2m (days, weeks, calendar months)
    #[arg(long, value_name = "SPAN")]
    pub due_within: Option<String>,

    /// Instead of rows, chart the renewal load of the 12 months from this one
    #[arg(long)]
    pub by_month: bool,

    /// With --format csv, for a file a person opens in a spreadsheet: prefix input cells that start with = + - @ tab or CR with ' so they are not run as formulas
    #[arg(long)]
    pub excel_safe: bool,

    /// Also write calendar reminders (iCalendar) for the rows shown to this file (- for standard output)
    #[arg(long, value_name = "OUT")]
    pub ics: Option<PathBuf>,

    /// Write the --format nagios or prometheus output to this file, atomically and readable by all (for the Prometheus node exporter's textfile collector)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mode").args(["dry_run", "drafts", "send"])))]
pub struct NotifyArgs {
    #[command(flatten)]
    pub input: RosterInput,

    /// Header of the e-mail column (default: e-posta, eposta, email, e-mail, mail)
    #[arg(long, value_name = "NAME")]
    pub email_column: Option<String>,

    /// Remind of windows opening within this span: 30d, 6w, 2m (default: the rules' lead time)
    #[arg(long, value_name = "SPAN")]
    pub due_within: Option<String>,

    /// List who would get what; send nothing (the default)
    #[arg(long)]
    pub dry_run: bool,

    /// Write one .eml file per message into this folder, for a mail client; send nothing
    #[arg(long, value_name = "DIR")]
    pub drafts: Option<PathBuf>,

    #[arg(long, help = "Send through SMTP ($ESIGN_SMTP_URL)")]
    pub send: bool,

    /// The desk's address, for From and Reply-To (else the rules' [mail] from)
    #[arg(long, value_name = "ADDRESS")]
    pub from: Option<String>,

    #[arg(
        long,
        help = "SMTP server: smtps://user@host:465 (TLS) or smtp://user@host:587 (STARTTLS required)",
        env = "ESIGN_SMTP_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub smtp_url: Option<String>,

    #[arg(
        long,
        value_name = "FILE",
        help = "Read the SMTP password from this file's first line (else $ESIGN_SMTP_PASSWORD)"
    )]
    pub smtp_password_file: Option<PathBuf>,

    /// Trust this certificate authority (PEM) for the SMTP server, besides the system's
    #[arg(long, value_name = "FILE")]
    pub smtp_ca_file: Option<PathBuf>,

    #[arg(
        long,
        help = "Allow SMTP without TLS to a host other than localhost, 127.0.0.1 or ::1"
    )]
    pub insecure_smtp: bool,

    #[arg(
        long,
        value_name = "FILE",
        help = "The sent-log (default: $XDG_STATE_HOME/esign/sent.tsv, %LOCALAPPDATA%\\esign\\sent.tsv on Windows)"
    )]
    pub state_file: Option<PathBuf>,

    /// Send at most this many messages in this run
    #[arg(long, value_name = "N")]
    pub max: Option<usize>,
}

/// How a staff list is read: the arguments `roster` and `notify` share.
#[derive(Debug, Args)]
pub struct RosterInput {
    /// The staff list: a CSV file or a workbook (.xlsx, .xlsm, .xls, .ods) with a header row, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The workbook's sheet to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Field delimiter: , ; tab (or any one ASCII character); default: detected from the header line
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Character encoding of the file
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf8, value_name = "ENCODING")]
    pub encoding: EncodingArg,

    #[arg(
        long,
        value_name = "NAME",
        help = "Header of the expiry-date column [default: expiry, expires, not_after, bitiş, bitiş tarihi, son kullanma tarihi, geçerlilik bitiş]"
    )]
    pub expiry_column: Option<String>,

    /// Header of the person's column [default: name, ad soyad, ad, isim, personel]
    #[arg(long, value_name = "NAME")]
    pub name_column: Option<String>,

    /// How to read slash dates such as 06/01/2025: dmy (day first, as in Turkey) or mdy (month first, as an English Excel writes them)
    #[arg(long, value_enum, default_value_t = DateOrderArg::Dmy, value_name = "ORDER")]
    pub date_order: DateOrderArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    /// Day first: 13/06/2025
    Dmy,
    /// Month first: 06/13/2025
    Mdy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8, with or without a byte-order mark
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Windows-1254, Turkish Excel's "CSV"
    #[value(name = "windows-1254", alias = "cp1254")]
    Windows1254,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    /// Before the renewal window
    Valid,
    /// Not valid yet
    NotYetValid,
    /// The renewal window is open
    RenewalDue,
    /// Past the expiry date
    Expired,
    /// Rows that could not be read
    Error,
    /// Rows of delimiters only
    Empty,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// The certificate's expiry date: DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub expiry: String,

    /// Whose certificate it is (shown in the events)
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,

    /// Write the calendar to this file (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FeeArgs {
    /// The person's administrative-duty id (see --table for the ids)
    #[arg(long, value_name = "ID", conflicts_with = "title")]
    pub duty: Option<String>,

    /// The person's job title instead of --duty ("Dekan", "Bölüm Başkanı"), matched the Turkish way
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Why the card is renewed (expiry, lost, stolen, user-damage, defect, pin-puk-block, identity-update)
    #[arg(long, value_name = "ID")]
    pub cause: Option<String>,

    /// The whole duty × cause table, for printing at the desk
    #[arg(long, conflicts_with_all = ["duty", "title", "cause"])]
    pub table: bool,
}

#[derive(Debug, Args)]
pub struct PortalArgs {
    /// Also open the portal in your browser
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OpenTarget {
    /// The portal's start page
    Portal,
    /// To unlock the card (PIN)
    Unlock,
    /// To suspend a lost or stolen card's certificate
    Suspend,
    /// To revoke the certificate
    Revoke,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("input").required(true).args(["expiry", "cert", "card"])))]
pub struct CheckArgs {
    /// The certificate's expiry date: DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub expiry: Option<String>,

    /// Read the certificate from a file, PEM or DER (.cer, .crt, .pem, .der); repeat for several
    #[arg(long, value_name = "FILE")]
    pub cert: Vec<PathBuf>,

    /// Read the signing certificate from the e-signature card (PKCS#11; never asks for the PIN)
    #[arg(long)]
    pub card: bool,

    #[arg(
        long,
        value_name = "PATH",
        conflicts_with_all = ["expiry", "cert"],
        help = "PKCS#11 module for --card (else $ESIGN_PKCS11_MODULE, else the rules' [card] modules)"
    )]
    pub module: Option<PathBuf>,

    /// Write the --format nagios or prometheus output to this file, atomically and readable by all (for the Prometheus node exporter's textfile collector)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CardArgs {
    #[arg(
        long,
        value_name = "PATH",
        help = "PKCS#11 module to load (else $ESIGN_PKCS11_MODULE, else the rules' [card] modules)"
    )]
    pub module: Option<PathBuf>,

    /// Write the --format nagios or prometheus output to this file, atomically and readable by all (for the Prometheus node exporter's textfile collector)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[arg(
        long,
        value_name = "PATH",
        help = "PKCS#11 module to check (else $ESIGN_PKCS11_MODULE, else the rules' [card] modules); a module given so is checked even when no reader works, since a software token needs none"
    )]
    pub module: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ProbeTarget {
    /// The smart-card service, its readers and their cards
    Pcsc,
    /// Load and start a PKCS#11 module, read its tokens
    Module { path: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Print which rules file is in effect
    #[command(after_help = "Example:\n  esign rules path")]
    Path,
    /// Print the rules file in effect, exactly as written
    #[command(after_help = "Example:\n  esign rules show > my-rules.toml")]
    Show,
    /// Validate a rules file (default: the one in effect); print ok or every problem
    #[command(after_help = "Examples:\n  esign rules check\n  esign rules check my-rules.toml")]
    Check {
        /// The file to check
        file: Option<PathBuf>,
    },
    /// Write the default rules to your config file, to edit
    #[command(after_help = "Example:\n  esign rules init && esign rules path")]
    Init {
        /// Replace an existing file
        #[arg(long)]
        force: bool,
    },
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
