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
    /// Rules file to use (else $`ESIGN_RULES`, the user's config file, the embedded default)
    #[arg(long, global = true, value_name = "PATH")]
    pub rules: Option<PathBuf>,

    /// Take this day as today: YYYY-MM-DD or DD.MM.YYYY (else $`ESIGN_TODAY`, else the rules' time zone's date)
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,

    /// Take this exact instant as now, RFC 3339 (2026-06-01T11:59:58+03:00)
    #[arg(long, global = true, value_name = "RFC3339", conflicts_with = "today")]
    pub now: Option<String>,

    /// Output language (else $`ESIGN_LANG`, else the locale, else English)
    #[arg(long, global = true, value_enum)]
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
    /// Colour on a terminal, unless `NO_COLOR` is set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Questions and answers, for people who don't use terminals (also what `esign` alone does in a console).
    /// Exit 0 when you quit, 3 without a terminal
    #[command(
        after_help = "Keys: arrows and Enter to choose; Esc or Ctrl-C to leave.\n\nExamples:\n  esign guide\n  esign guide --lang tr\n  esign"
    )]
    Guide,

    /// Where do I stand with my certificate? Exit 0 valid, 1 renewal due or not yet valid, 2 expired, 3 error
    #[command(
        after_help = "Examples:\n  esign check --expiry 2025-06-01\n  esign check --expiry 01.06.2025 --today 20.05.2025 --lang tr\n  esign check --expiry 2025-06-01 --json\n  esign check --cert imza.cer\n  esign check --cert old.pem --cert new.pem\n  esign check --card"
    )]
    Check(CheckArgs),

    /// What the e-signature card shows without a PIN: tokens, PIN state, certificates.
    /// Exit 0/1/2 as check (at least 1 at the PIN's final try, 2 when locked), 3 when nothing could be read
    #[command(
        after_help = "Never logs in and never asks for the PIN: only public objects and token info are read.\n\nExamples:\n  esign card\n  esign card --module /usr/lib/libakisp11.so\n  esign card --json"
    )]
    Card(CardArgs),

    /// The card doesn't work? Checks every layer, from the smart-card service to the certificate, and says what to fix.
    /// Exit 0 all ok, 1 warnings only, 2 a problem that stops signing, 3 doctor could not run
    #[command(
        after_help = "Never logs in, never asks for the PIN, never changes the system: it names the fix.\n\nExamples:\n  esign doctor\n  esign doctor --lang tr\n  esign doctor --module /usr/lib/libakisp11.so --json"
    )]
    Doctor(DoctorArgs),

    /// Internal: one probe of `esign doctor`, run in a child process (JSON on stdout)
    #[command(name = "doctor-probe", hide = true)]
    DoctorProbe {
        #[command(subcommand)]
        target: ProbeTarget,
    },

    /// Who pays for a renewal, and what must happen first (R7–R10)
    #[command(
        after_help = "Examples:\n  esign fee --duty active --cause lost\n  esign fee --title \"Dekan\" --cause expiry\n  esign fee --table --lang tr"
    )]
    Fee(FeeArgs),

    /// PIN locked? The portal path to unlock the card and create a new PIN (R6)
    #[command(
        visible_alias = "pin",
        after_help = "Examples:\n  esign unlock\n  esign unlock --open\n  esign pin --ascii --lang tr"
    )]
    Unlock(PortalArgs),

    /// Card lost or stolen? Suspend the certificate first: the portal path (R7)
    #[command(visible_aliases = ["lost", "stolen"], after_help = "Examples:\n  esign suspend\n  esign lost --open")]
    Suspend(PortalArgs),

    /// The portal path to revoke the certificate, permanently
    #[command(after_help = "Examples:\n  esign revoke\n  esign revoke --json")]
    Revoke(PortalArgs),

    /// Open the Kamu SM portal in your browser ($`ESIGN_BROWSER`, else $BROWSER, else the system's)
    #[command(after_help = "Examples:\n  esign open\n  ESIGN_BROWSER=firefox esign open unlock")]
    Open {
        /// What you are going there for
        #[arg(value_enum, default_value_t = OpenTarget::Portal)]
        target: OpenTarget,
    },

    /// Show, check or install the rules file
    #[command(subcommand)]
    Rules(RulesCommand),

    /// Staff list (CSV) report: who must apply now, who has expired, the months ahead. Exit: the
    /// worst state (0 valid, 1 renewal due, 2 expired), 3 if any row had an error
    #[command(
        after_help = "Examples:\n  esign roster staff.csv --due-within 30d\n  esign roster personel.csv --encoding windows-1254 --lang tr\n  esign roster staff.csv --format csv --state renewal-due,expired > to-call.csv\n  esign roster staff.csv --by-month\n  esign roster staff.csv --ics renewals.ics"
    )]
    Roster(RosterArgs),

    /// Write calendar reminders (iCalendar): the day to apply, with an alarm, and the expiry day
    #[command(
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
    /// The staff list: a CSV file with a header row, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Field delimiter: , ; tab (or any one ASCII character); default: detected from the header line
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Character encoding of the file
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf8, value_name = "ENCODING")]
    pub encoding: EncodingArg,

    /// Header of the expiry-date column (default: expiry, expires, `not_after`, bitiş, bitiş tarihi, son kullanma tarihi, geçerlilik bitiş)
    #[arg(long, value_name = "NAME")]
    pub expiry_column: Option<String>,

    /// Header of the person's column (default: name, ad soyad, ad, isim, personel)
    #[arg(long, value_name = "NAME")]
    pub name_column: Option<String>,

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
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// The certificate's expiry date: YYYY-MM-DD or DD.MM.YYYY
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
    /// The certificate's expiry date: YYYY-MM-DD or DD.MM.YYYY
    #[arg(long, value_name = "DATE")]
    pub expiry: Option<String>,

    /// Read the certificate from a file, PEM or DER (.cer, .crt, .pem, .der); repeat for several
    #[arg(long, value_name = "FILE")]
    pub cert: Vec<PathBuf>,

    /// Read the signing certificate from the e-signature card (PKCS#11; never asks for the PIN)
    #[arg(long)]
    pub card: bool,

    /// PKCS#11 module for --card (else $`ESIGN_PKCS11_MODULE`, else the rules' [card] modules)
    #[arg(long, value_name = "PATH", conflicts_with_all = ["expiry", "cert"])]
    pub module: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CardArgs {
    /// PKCS#11 module to load (else $`ESIGN_PKCS11_MODULE`, else the rules' [card] modules)
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// PKCS#11 module to check (else $`ESIGN_PKCS11_MODULE`, else the rules' [card] modules); a
    /// module given so is checked even when no reader works, since a software token needs none
    #[arg(long, value_name = "PATH")]
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
