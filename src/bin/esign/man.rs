//! The manual page (`esign man`). `clap_mangen` renders what the command line declares
//! (name, synopsis, global options); this module adds what clap cannot know: one list of
//! the commands (`clap_mangen` would point at `esign-check(1)` and similar pages, which do
//! not exist), the examples gathered from every command's help, and the EXIT STATUS,
//! ENVIRONMENT and FILES sections. English, like `--help`.

use std::io::{self, Write};

use clap::CommandFactory;
use roff::{bold, italic, roman, Inline, Roff};

use crate::cli::Cli;

/// What each exit status means; the same table as the README's.
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Valid: nothing to do. Also every command that succeeded, --help and --version.",
    ),
    (
        "1",
        "Renewal due (apply now), a certificate not yet valid (a new one), or a PIN at its final try.",
    ),
    (
        "2",
        "Expired (apply with a printed, hand-signed form), or a locked PIN.",
    ),
    (
        "3",
        "An error: bad arguments, dates or rules file, an unreadable certificate file or staff list \
         row, no card or PKCS#11 module, or no browser for --open. One line on standard error \
         names the input and what would fix it.",
    ),
];

/// Every environment variable esign reads, in the order a reader looks for them.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "ESIGN_RULES",
        "The rules file to use when --rules is not given (see FILES). An empty value counts as unset.",
    ),
    (
        "ESIGN_TODAY",
        "The day taken as today when neither --today nor --now is given: YYYY-MM-DD or DD.MM.YYYY. \
         Without it, today is the current date in the rules' time zone.",
    ),
    (
        "ESIGN_LANG",
        "The output language when --lang is not given: tr or en. Without it, the locale decides.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The locale, the first one set: a value starting with tr gives Turkish, anything else English.",
    ),
    (
        "ESIGN_PKCS11_MODULE",
        "The PKCS#11 module (card driver) for esign card and esign check --card when --module is \
         not given. Without it, the first existing path of the rules' [card] modules is used.",
    ),
    (
        "ESIGN_BROWSER",
        "The program that opens the portal for esign open and --open, run with the URL as its \
         only argument, never through a shell.",
    ),
    (
        "BROWSER",
        "Used as ESIGN_BROWSER when that is not set. Without either, the system's default browser.",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colour with --color auto (the default). CLICOLOR=0 does the same; \
         CLICOLOR_FORCE forces colour.",
    ),
    (
        "COLUMNS",
        "The width of text tables (esign roster) when standard output is not a terminal; default 100.",
    ),
    (
        "XDG_CONFIG_HOME, HOME",
        "Where the user's rules file is looked for on Linux (see FILES).",
    ),
];

/// The rules file in effect: the first found wins.
const FILES: &[(&str, &str)] = &[
    ("1. --rules PATH", "The file named on the command line."),
    ("2. $ESIGN_RULES", "The file named by the environment."),
    (
        "3. The user's config file",
        "$XDG_CONFIG_HOME/esign/rules.toml, else ~/.config/esign/rules.toml on Linux; \
         ~/Library/Application Support/esign/rules.toml on macOS; %APPDATA%\\esign\\rules.toml \
         on Windows. esign rules init writes the default there.",
    ),
    (
        "4. The embedded default",
        "The rules.toml esign was built with (esign rules show prints it).",
    ),
];

const DESCRIPTION: &[&str] = &[
    "esign answers the questions around the qualified e-signature (NES) cards that Turkish \
     public staff get from Kamu SM: when to apply for renewal, who pays for it, what must happen \
     first, and where to click on the Kamu SM portal. It reads the expiry date from the command \
     line, a certificate file or the card itself (never asking for the PIN), and whole staff \
     lists from CSV files.",
    "Everything institution-specific (lead time, desk, portal address and menu labels, who \
     pays, PIN attempts) comes from a rules file: see FILES. Output is in Turkish or English, \
     as text or JSON (CSV for staff lists); scripts read the exit status.",
];

/// Writes the whole page as roff.
pub fn render(w: &mut dyn Write) -> io::Result<()> {
    let man = clap_mangen::Man::new(Cli::command());
    // The title carries roff's apostrophe preamble; every later part is written without it.
    man.render_title(w)?;
    let body = |w: &mut dyn Write, part: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| {
        let mut buf = Vec::new();
        part(&mut buf)?;
        let preamble = Roff::new().render();
        w.write_all(buf.strip_prefix(preamble.as_bytes()).unwrap_or(&buf))
    };
    body(w, &|b| man.render_name_section(b))?;
    body(w, &|b| man.render_synopsis_section(b))?;
    body(w, &|b| sections_before_options().to_writer(b))?;
    body(w, &|b| man.render_options_section(b))?;
    body(w, &|b| sections_after_options().to_writer(b))?;
    body(w, &|b| man.render_version_section(b))
}

fn sections_before_options() -> Roff {
    let mut page = Roff::new();
    // No hyphenation: paths and variable names must stay whole to be copied.
    page.control("nh", []);
    page.control("SH", ["DESCRIPTION"]);
    for (i, paragraph) in DESCRIPTION.iter().enumerate() {
        if i > 0 {
            page.control("PP", []);
        }
        page.text([roman(*paragraph)]);
    }
    page
}

fn sections_after_options() -> Roff {
    let cli = Cli::command();
    let mut page = Roff::new();

    page.control("SH", ["COMMANDS"]);
    for sub in visible(&cli) {
        if sub.has_subcommands() {
            for inner in visible(sub) {
                command_entry(&mut page, &[sub.get_name(), inner.get_name()], inner);
            }
        } else {
            command_entry(&mut page, &[sub.get_name()], sub);
        }
    }
    page.control("PP", []);
    page.text([
        roman("Every command takes the options above; "),
        bold("esign"),
        roman(" "),
        italic("command"),
        roman(" "),
        bold("--help"),
        roman(" shows its own options and examples."),
    ]);

    page.control("SH", ["EXAMPLES"]);
    page.control("nf", []);
    page.control("RS", ["4"]);
    for line in examples(&cli) {
        page.text([roman(line)]);
    }
    page.control("RE", []);
    page.control("fi", []);

    definitions(&mut page, "EXIT STATUS", EXIT_STATUS);
    page.control("PP", []);
    page.text([roman(
        "esign card, esign check and esign roster report the most urgent state they found; a \
         closed output pipe ends quietly with status 0.",
    )]);
    definitions(&mut page, "ENVIRONMENT", ENVIRONMENT);
    definitions(&mut page, "FILES", FILES);
    page.control("PP", []);
    page.text([roman(
        "A file named by 1 to 3 that cannot be read or is not valid is an error, never a silent \
         fall-back to the default. esign rules path says which file is in effect and why; \
         esign rules check validates one and reports every problem with its line and column.",
    )]);
    page
}

/// The subcommands a reader can type (clap's own `help` left out).
fn visible(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

fn command_entry(page: &mut Roff, words: &[&str], cmd: &clap::Command) {
    let mut head: Vec<Inline> = vec![bold(format!("esign {}", words.join(" ")))];
    let aliases: Vec<&str> = cmd.get_visible_aliases().collect();
    if !aliases.is_empty() {
        head.push(roman(format!(" (also {})", aliases.join(", "))));
    }
    page.control("TP", []);
    page.text(head);
    let about = cmd
        .get_about()
        .or_else(|| cmd.get_long_about())
        .map(ToString::to_string)
        .unwrap_or_default();
    page.text([roman(about.replace('\n', " "))]);
}

/// The example lines of every command's help, in command order, without repeats.
fn examples(cli: &clap::Command) -> Vec<String> {
    let mut helps = vec![cli.get_after_help()];
    for sub in visible(cli) {
        helps.push(sub.get_after_help());
        helps.extend(visible(sub).map(clap::Command::get_after_help));
    }
    let mut lines: Vec<String> = Vec::new();
    for help in helps.into_iter().flatten() {
        for line in help.to_string().lines() {
            let line = line.trim();
            let is_example = line.starts_with("esign ") || line.starts_with("ESIGN_");
            if is_example && !lines.iter().any(|l| l == line) {
                lines.push(line.to_owned());
            }
        }
    }
    lines
}

fn definitions(page: &mut Roff, heading: &str, entries: &[(&str, &str)]) {
    page.control("SH", [heading]);
    for (term, text) in entries {
        page.control("TP", []);
        page.text([bold(*term)]);
        page.text([roman(*text)]);
    }
}
