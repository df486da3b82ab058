//! The command line, declared with clap's derive. Doc comments are the help text.
//! clap types stop here: `main` turns them into plain values before any logic runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "esign",
    version,
    about = "Answers for Kamu SM qualified e-signature (NES) cards: when to renew, who pays, where to click.",
    long_about = None,
    after_help = "Examples:\n  esign check --expiry 2025-06-01\n  esign check --expiry 01.06.2025 --lang tr\n  esign rules show",
    propagate_version = true
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
    /// Rules file to use (else $ESIGN_RULES, the user's config file, the embedded default)
    #[arg(long, global = true, value_name = "PATH")]
    pub rules: Option<PathBuf>,

    /// Take this day as today: YYYY-MM-DD or DD.MM.YYYY (else $ESIGN_TODAY, else the rules' time zone's date)
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,

    /// Take this exact instant as now, RFC 3339 (2026-06-01T11:59:58+03:00)
    #[arg(long, global = true, value_name = "RFC3339", conflicts_with = "today")]
    pub now: Option<String>,

    /// Output language (else $ESIGN_LANG, else the locale, else English)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    /// Output format
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

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
pub enum FormatArg {
    /// Human-readable text
    Text,
    /// JSON, for scripts
    Json,
    /// CSV, for spreadsheets (esign roster only)
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour on a terminal, unless NO_COLOR is set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Where do I stand with my certificate? Exit 0 valid, 1 renewal due, 2 expired, 3 error
    #[command(
        after_help = "Examples:\n  esign check --expiry 2025-06-01\n  esign check --expiry 01.06.2025 --today 20.05.2025 --lang tr\n  esign check --expiry 2025-06-01 --json"
    )]
    Check(CheckArgs),

    /// Show, check or install the rules file
    #[command(subcommand)]
    Rules(RulesCommand),

    /// Report over a staff list (CSV): who must apply now, who has expired, how busy the months ahead are.
    /// Exit: the worst state (0 valid, 1 renewal due, 2 expired), 3 if any row had an error
    #[command(
        after_help = "Examples:\n  esign roster staff.csv --due-within 30d\n  esign roster personel.csv --encoding windows-1254 --lang tr\n  esign roster staff.csv --format csv --state renewal-due,expired > to-call.csv\n  esign roster staff.csv --by-month\n  esign roster staff.csv --ics renewals.ics"
    )]
    Roster(RosterArgs),

    /// Write calendar reminders (iCalendar): the day to apply, with an alarm, and the expiry day
    #[command(
        after_help = "Examples:\n  esign remind --expiry 2026-06-01 -o e-imza.ics\n  esign remind --expiry 01.06.2026 --name \"Ayşe Yılmaz\" --lang tr > ayse.ics"
    )]
    Remind(RemindArgs),
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

    /// Header of the expiry-date column (default: expiry, expires, not_after, bitiş, bitiş tarihi, son kullanma tarihi, geçerlilik bitiş)
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
pub struct CheckArgs {
    /// The certificate's expiry date: YYYY-MM-DD or DD.MM.YYYY
    #[arg(long, value_name = "DATE")]
    pub expiry: String,
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
