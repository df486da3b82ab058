//! The manual page (`esign man`). `clap_mangen` renders what the command line declares
//! (name, synopsis, global options); this module adds what clap cannot know: one list of
//! the commands (`clap_mangen` would point at `esign-check(1)` and similar pages, which do
//! not exist), the examples gathered from every command's help, and the EXIT STATUS,
//! ENVIRONMENT and FILES sections. In the language of `--help`; the texts are in
//! [`esign::messages::help`], and `clap_mangen`'s own section names are replaced.

use std::io::{self, Write};

use esign::lang::Lang;
use esign::messages::help::{self as texts, Manual};
use roff::{bold, italic, roman, Inline, Roff};

use crate::help;

/// Writes the whole page as roff.
pub fn render(w: &mut dyn Write, lang: Lang) -> io::Result<()> {
    let cli = help::command(lang);
    let text = texts::manual(lang);
    let sections = texts::words(lang).man_sections;
    let man = clap_mangen::Man::new(cli.clone());
    // The title carries roff's apostrophe preamble; every later part is written without it.
    man.render_title(w)?;
    let body = |w: &mut dyn Write, part: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| {
        let mut buf = Vec::new();
        part(&mut buf)?;
        let preamble = Roff::new().render();
        let mut part =
            String::from_utf8_lossy(buf.strip_prefix(preamble.as_bytes()).unwrap_or(&buf))
                .into_owned();
        for (english, local) in sections {
            part = part.replace(&format!(".SH {english}\n"), &format!(".SH {local}\n"));
        }
        w.write_all(part.as_bytes())
    };
    body(w, &|b| man.render_name_section(b))?;
    body(w, &|b| man.render_synopsis_section(b))?;
    body(w, &|b| sections_before_options(&text).to_writer(b))?;
    body(w, &|b| man.render_options_section(b))?;
    body(w, &|b| sections_after_options(&cli, &text).to_writer(b))?;
    body(w, &|b| man.render_version_section(b))
}

fn sections_before_options(text: &Manual) -> Roff {
    let mut page = Roff::new();
    // No hyphenation: paths and variable names must stay whole to be copied.
    page.control("nh", []);
    page.control("SH", [text.description_heading]);
    for (i, paragraph) in text.description.iter().enumerate() {
        if i > 0 {
            page.control("PP", []);
        }
        page.text([roman(*paragraph)]);
    }
    page
}

fn sections_after_options(cli: &clap::Command, text: &Manual) -> Roff {
    let mut page = Roff::new();

    page.control("SH", [text.commands]);
    for sub in visible(cli) {
        if sub.has_subcommands() {
            for inner in visible(sub) {
                command_entry(&mut page, &[sub.get_name(), inner.get_name()], inner, text);
            }
        } else {
            command_entry(&mut page, &[sub.get_name()], sub, text);
        }
    }
    page.control("PP", []);
    page.text([
        roman(text.every_command.0),
        bold("esign"),
        roman(" "),
        italic(text.every_command.1),
        roman(" "),
        bold("--help"),
        roman(text.every_command.2),
    ]);

    page.control("SH", [text.examples]);
    page.control("nf", []);
    page.control("RS", ["4"]);
    for line in examples(cli) {
        page.text([roman(line)]);
    }
    page.control("RE", []);
    page.control("fi", []);

    definitions(&mut page, text.exit_heading, text.exit_status);
    page.control("PP", []);
    page.text([roman(text.after_exit)]);
    definitions(&mut page, text.environment_heading, text.environment);
    definitions(&mut page, text.files_heading, text.files);
    page.control("PP", []);
    page.text([roman(text.after_files)]);
    page
}

/// The subcommands a reader can type (clap's own `help` left out).
fn visible(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

fn command_entry(page: &mut Roff, words: &[&str], cmd: &clap::Command, text: &Manual) {
    let mut head: Vec<Inline> = vec![bold(format!("esign {}", words.join(" ")))];
    let aliases: Vec<&str> = cmd.get_visible_aliases().collect();
    if !aliases.is_empty() {
        head.push(roman(format!(" ({} {})", text.also, aliases.join(", "))));
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
