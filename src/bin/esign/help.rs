//! Help, usage errors and the manual page in the chosen language. clap has no
//! localisation: its help flag, `help` subcommand, headings and `[default: …]` are
//! English. So when help or a usage error is to be shown (and only then: start-up
//! parses with the plain command), the command tree is rebuilt here with the texts of
//! [`esign::messages::help`], our own help flag and subcommand, and a help template;
//! usage errors are rendered from clap's error facts by the core catalogue.

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, ValueEnum};
use esign::lang::Lang;
use esign::messages::help::{self as words, Words};
use esign::messages::{self, Level, UsageError};

use crate::cli::{Cli, LangArg};
use crate::context;
use crate::exit::Exit;
use crate::output::OutputFormat;
use crate::say::Voice;

/// The command tree with every text in `lang`.
pub fn command(lang: Lang) -> Command {
    let w = words::words(lang);
    let root = localize(Cli::command(), "", lang, &w)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(w.version_flag)
                .help_heading(heading(w.global_options)),
        )
        .subcommand(
            Command::new("help")
                .about(w.help_command)
                .arg(
                    Arg::new("command")
                        .num_args(0..)
                        .value_name(value_name("COMMAND", lang))
                        .help(w.help_command_arg)
                        .help_heading(heading(w.arguments)),
                )
                .disable_help_flag(true)
                .help_template(template(&w)),
        );
    let root = offer_only_honoured(root, lang, Offer::Help);
    if lang == Lang::Tr {
        let mut root = root;
        root.build();
        usages(root)
    } else {
        root
    }
}

/// In each command's help (and completions), only the global options it honours and
/// only the formats it writes (issue 10 §5): [`crate::cmd::honours`] refuses the others,
/// so offering them would be a trap. `root` is not built yet: each command gets its own
/// copy of the global options before clap copies them in at build time (it skips those a
/// command has), so they can differ per command.
pub fn offer_only_honoured(root: Command, lang: Lang, offer: Offer) -> Command {
    let shared: Vec<Arg> = root
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    let root = match offer {
        Offer::Help => root,
        // clap_complete lists hidden options too: the root keeps them for itself only,
        // and each command gets just the ones it honours.
        Offer::Completions => root.mut_args(|a| a.global(false)),
    };
    offer_in(root, "", &shared, lang, offer)
}

/// What the per-command options are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Help: options a command does not honour are hidden.
    Help,
    /// Completion scripts: they are left out.
    Completions,
}

fn offer_in(mut cmd: Command, path: &str, shared: &[Arg], lang: Lang, offer: Offer) -> Command {
    if !path.is_empty() && !cmd.has_subcommands() {
        let honours = crate::cmd::honours(path);
        let formats = crate::cmd::formats(path);
        let hidden = |id: &str| match id {
            "rules" => !honours.rules,
            "today" | "now" => !honours.clock,
            "quiet" => !honours.quiet,
            "color" => !honours.color,
            "format" => formats.len() < 2,
            "json" => !formats.contains(&OutputFormat::Json),
            _ => false,
        };
        // Help lists by display order: the shared options after the command's own, in
        // the root's order, and the help flag last.
        for (i, arg) in (1000..).zip(shared) {
            let id = arg.get_id().as_str();
            if hidden(id) && offer == Offer::Completions {
                continue;
            }
            let arg = arg.clone().display_order(i);
            cmd = cmd.arg(if hidden(id) {
                arg.hide(true)
            } else if id == "format" && offer == Offer::Completions {
                // Completed from this list (the tree is never used to parse).
                let names: Vec<&'static str> = formats.iter().map(|f| f.as_str()).collect();
                arg.value_parser(names)
            } else if id == "format" {
                format_arg(arg, formats, lang)
            } else {
                arg
            });
        }
        if cmd.get_arguments().any(|a| a.get_id() == "help") {
            cmd = cmd.mut_arg("help", |a| a.display_order(2000));
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name.as_str(), |s| {
            offer_in(s, &sub_path, shared, lang, offer)
        });
    }
    cmd
}

/// `--format` in one command's help: the formats that command writes, no others.
fn format_arg(arg: Arg, formats: &[OutputFormat], lang: Lang) -> Arg {
    let w = words::words(lang);
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    // The shared help's first words: "Output format (which ones …)" -> "Output format".
    let base = help
        .split(" (")
        .next()
        .unwrap_or_default()
        .split(" [")
        .next()
        .unwrap_or_default();
    let names: Vec<&str> = formats.iter().map(|f| f.as_str()).collect();
    let described: Vec<String> = formats
        .iter()
        .filter_map(|f| {
            let text = match lang {
                Lang::Tr => words::value_tr("format", f.as_str()).map(str::to_owned),
                Lang::En => f
                    .to_possible_value()
                    .and_then(|v| v.get_help().map(ToString::to_string)),
            }?;
            Some(format!("  {}: {text}", f.as_str()))
        })
        .collect();
    let short = format!("{base} [{}: {}]", w.values, names.join(", "));
    let full = format!("{base}\n\n{}", described.join("\n"));
    arg.help(short).long_help(full)
}

/// A heading as clap wants it: without the colon it adds itself.
fn heading(word: &'static str) -> &'static str {
    word.trim_end_matches(':')
}

fn template(w: &Words) -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        w.usage
    )
}

/// Turkish names for the placeholders of options' values (`None`: keep the name).
fn value_name_tr(name: &str) -> Option<&'static str> {
    Some(match name {
        "DATE" => "TARİH",
        "FILE" => "DOSYA",
        "PATH" => "YOL",
        "ID" => "KİMLİK",
        "TITLE" => "UNVAN",
        "NAME" => "AD",
        "CHAR" => "KARAKTER",
        "ENCODING" => "KODLAMA",
        "STATE" => "DURUM",
        "SPAN" => "SÜRE",
        "OUT" => "ÇIKTI",
        "TEXT" => "METİN",
        "FORMAT" => "BİÇİM",
        "WHEN" => "NE-ZAMAN",
        "LANG" => "DİL",
        "ORDER" => "SIRA",
        "TARGET" => "HEDEF",
        "SHELL" => "KABUK",
        "COMMAND" => "KOMUT",
        "ADDRESS" => "ADRES",
        "DIR" => "KLASÖR",
        "URL" => "ADRES",
        _ => return None,
    })
}

/// A placeholder's name in `lang`, for names this file itself uses.
fn value_name(name: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => value_name_tr(name).unwrap_or(name),
        Lang::En => name,
    }
}

fn localize(mut cmd: Command, path: &str, lang: Lang, w: &Words) -> Command {
    if lang == Lang::Tr {
        if let Some(text) = words::command_tr(path) {
            cmd = cmd.about(text.about).long_about(text.long_about);
        }
    }
    let note = (lang == Lang::Tr)
        .then(|| words::command_tr(path).and_then(|t| t.note))
        .flatten();
    if let Some(after) = cmd.get_after_help().map(ToString::to_string) {
        cmd = cmd.after_help(after_help(&after, note, lang, w));
    }
    cmd = cmd
        .disable_help_flag(true)
        .subcommand_help_heading(heading(w.commands))
        .subcommand_value_name(value_name("COMMAND", lang))
        .help_template(template(w));
    // `mut_arg` moves an argument to the end: the command's own ones first, then the
    // global ones, so that the command's own options come first in its help.
    let mut ids: Vec<(bool, String)> = cmd
        .get_arguments()
        .map(|a| (a.is_global_set(), a.get_id().to_string()))
        .collect();
    ids.sort_by_key(|(global, _)| *global);
    for (_, id) in ids {
        cmd = cmd.mut_arg(id.as_str(), |arg| localize_arg(arg, path, lang, w));
    }
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(w.help_flag)
            .help_heading(heading(w.global_options)),
    );
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name.as_str(), |s| localize(s, &sub_path, lang, w));
    }
    cmd
}

/// The text after the options: a note (Turkish, where the English has one) and the
/// examples under their heading in `lang`.
fn after_help(english: &str, note: Option<&str>, lang: Lang, w: &Words) -> String {
    let (before, examples) = match english
        .find("Examples:\n")
        .or_else(|| english.find("Example:\n"))
    {
        Some(i) => (&english[..i], &english[i..]),
        None => (english, ""),
    };
    let before = match (lang, note) {
        (Lang::Tr, Some(note)) => format!("{note}\n\n"),
        (Lang::Tr, None) => String::new(),
        (Lang::En, _) => before.to_owned(),
    };
    let examples = examples
        .replacen("Examples:", w.examples, 1)
        .replacen("Example:", w.example, 1);
    format!("{before}{examples}")
}

fn localize_arg(mut arg: Arg, path: &str, lang: Lang, w: &Words) -> Arg {
    let id = arg.get_id().to_string();
    let positional = arg.is_positional();
    let global = arg.is_global_set();
    arg = arg.help_heading(heading(if positional {
        w.arguments
    } else if global {
        w.global_options
    } else {
        w.options
    }));
    let mut help = match lang {
        Lang::Tr => words::arg_tr(path, &id).map(str::to_owned),
        Lang::En => None,
    }
    .or_else(|| arg.get_help().map(ToString::to_string))
    .unwrap_or_default();
    if lang == Lang::Tr && arg.get_action().takes_values() {
        let names: Vec<clap::builder::Str> = match arg.get_value_names() {
            Some(names) => names
                .iter()
                .map(|n| value_name_tr(n.as_str()).map_or_else(|| n.clone(), Into::into))
                .collect(),
            None => value_name_tr(&id.to_uppercase())
                .map(Into::into)
                .into_iter()
                .collect(),
        };
        if !names.is_empty() {
            arg = arg.value_names(names);
        }
    }
    let mut long_help = None;
    if arg.get_action().takes_values() {
        let values: Vec<_> = arg
            .get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect();
        if !values.is_empty() {
            let names: Vec<&str> = values
                .iter()
                .map(clap::builder::PossibleValue::get_name)
                .collect();
            let described: Vec<String> = values
                .iter()
                .filter_map(|v| {
                    let text = match lang {
                        Lang::Tr => words::value_tr(&id, v.get_name()).map(str::to_owned),
                        Lang::En => v.get_help().map(|h| h.to_string().replace('`', "")),
                    }?;
                    Some(format!("  {}: {text}", v.get_name()))
                })
                .collect();
            let list = format!(" [{}: {}]", w.values, names.join(", "));
            if !described.is_empty() {
                long_help = Some(format!("{help}\n\n{}", described.join("\n")));
            }
            help.push_str(&list);
            arg = arg.hide_possible_values(true);
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            let text = format!(" [{}: {}]", w.default, defaults.join(", "));
            help.push_str(&text);
            if let Some(long) = &mut long_help {
                long.push('\n');
                long.push_str(text.trim_start());
            }
            arg = arg.hide_default_value(true);
        }
    }
    arg = arg.help(help);
    if let Some(long) = long_help {
        arg = arg.long_help(long);
    }
    arg
}

/// Turkish usage lines: clap writes `[OPTIONS]` and `<COMMAND>` itself.
fn usages(mut cmd: Command) -> Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[SEÇENEKLER]");
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    // `esign` and `esign rules` list their usage per line; keep only the first.
    let usage = usage.lines().next().unwrap_or_default().trim().to_owned();
    cmd = cmd.override_usage(usage);
    for name in names {
        cmd = cmd.mut_subcommand(name.as_str(), usages);
    }
    cmd
}

/// The language and `--ascii` from the raw command line (clap could not parse it),
/// else from the environment.
pub fn voice_of(args: &[OsString]) -> Voice {
    let mut lang = None;
    let mut ascii = false;
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        match arg.as_ref() {
            "--" => break,
            "--ascii" => ascii = true,
            "--lang" => lang = iter.next().map(std::borrow::Cow::into_owned),
            other => {
                if let Some(v) = other.strip_prefix("--lang=") {
                    lang = Some(v.to_owned());
                }
            }
        }
    }
    let flag = match lang.as_deref() {
        Some("tr") => Some(LangArg::Tr),
        Some("en") => Some(LangArg::En),
        _ => None,
    };
    Voice {
        lang: context::voice_lang(flag),
        ascii,
    }
}

/// What to do when clap refused the command line with `err` (help and version are
/// "errors" too): show help in the chosen language, or one usage-error line.
pub fn refused(err: &clap::Error, args: &[OsString]) -> ExitCode {
    if err.kind() == ErrorKind::DisplayVersion {
        let _ = err.print();
        return Exit::Ok.into();
    }
    let voice = voice_of(args);
    let mut command = command(voice.lang);
    let result = command.try_get_matches_from_mut(args.iter());
    let exit = match result {
        Ok(matches) => {
            if let Some(("help", sub)) = matches.subcommand() {
                let path: Vec<String> = sub
                    .get_many::<String>("command")
                    .map(|v| v.cloned().collect())
                    .unwrap_or_default();
                help_for(&mut command, &path, voice)
            } else {
                voice.say(
                    Level::Error,
                    &messages::usage_error(&UsageError::Other, "esign", voice.lang),
                );
                Exit::Error
            }
        }
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp => {
                stdout_exit(print(&e.render().to_string(), voice, false), voice)
            }
            ErrorKind::DisplayVersion => {
                let _ = e.print();
                Exit::Ok
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = print(&e.render().to_string(), voice, true);
                Exit::Error
            }
            _ => {
                let (fact, path) = usage_facts(&e);
                voice.say(
                    Level::Error,
                    &messages::usage_error(&fact, &path, voice.lang),
                );
                Exit::Error
            }
        },
    };
    std::mem::forget(command);
    exit.into()
}

/// `esign help [COMMAND…]`: the long help of that command.
fn help_for(root: &mut Command, path: &[String], voice: Voice) -> Exit {
    let mut cmd = &mut *root;
    let mut shown = vec!["esign".to_owned()];
    for name in path {
        let found = cmd
            .get_subcommands()
            .find(|s| s.get_name() == name || s.get_all_aliases().any(|a| a == name))
            .map(|s| s.get_name().to_owned());
        let Some(found) = found else {
            let fact = UsageError::UnknownCommand {
                name: name.clone(),
                suggestion: None,
            };
            voice.say(
                Level::Error,
                &messages::usage_error(&fact, &shown.join(" "), voice.lang),
            );
            return Exit::Error;
        };
        shown.push(found.clone());
        cmd = cmd
            .find_subcommand_mut(&found)
            .expect("the subcommand was just found");
    }
    stdout_exit(
        print(&cmd.render_long_help().to_string(), voice, false),
        voice,
    )
}

/// Help written: exit 0; a write error on standard output (`--help > /dev/full`) is
/// exit 3 naming it, while a closed pipe stays quiet.
fn stdout_exit(written: io::Result<()>, voice: Voice) -> Exit {
    match written {
        Ok(()) => Exit::Ok,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            voice.error(&e.into());
            Exit::Error
        }
    }
}

fn print(text: &str, voice: Voice, to_stderr: bool) -> io::Result<()> {
    // clap writes the aliases' words itself.
    let w = words::words(voice.lang);
    let text = text
        .replace("[alias: ", &format!("[{}: ", w.alias))
        .replace("[aliases: ", &format!("[{}: ", w.aliases));
    let text = if voice.ascii {
        esign::text::to_ascii(&text)
    } else {
        text
    };
    if to_stderr {
        io::stderr().lock().write_all(text.as_bytes())
    } else {
        crate::output::write_stdout(text.as_bytes())
    }
}

fn context_strings(err: &clap::Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

fn context_string(err: &clap::Error, kind: ContextKind) -> Option<String> {
    context_strings(err, kind).into_iter().next()
}

/// The option's name alone: `--expiry <DATE>` → `--expiry`.
fn option_name(text: &str) -> String {
    text.split_whitespace().next().unwrap_or(text).to_owned()
}

/// The facts of a clap error, and the command's path (`esign check`) from its usage.
fn usage_facts(err: &clap::Error) -> (UsageError, String) {
    let path = context_string(err, ContextKind::Usage)
        .map(|usage| {
            let start = usage.find("esign").unwrap_or(0);
            usage[start..]
                .split_whitespace()
                .take_while(|t| !t.starts_with(['[', '<', '-']))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "esign".to_owned());
    let arg = || context_string(err, ContextKind::InvalidArg).unwrap_or_default();
    let fact = match err.kind() {
        ErrorKind::UnknownArgument => {
            let given = arg();
            if given.starts_with('-') {
                UsageError::UnknownArgument {
                    arg: given,
                    suggestion: context_string(err, ContextKind::SuggestedArg),
                }
            } else {
                UsageError::Unexpected { value: given }
            }
        }
        ErrorKind::InvalidSubcommand => UsageError::UnknownCommand {
            name: context_string(err, ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggestion: context_string(err, ContextKind::SuggestedSubcommand),
        },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => UsageError::InvalidValue {
            arg: option_name(&arg()),
            value: context_string(err, ContextKind::InvalidValue).unwrap_or_default(),
            valid: context_strings(err, ContextKind::ValidValue),
        },
        ErrorKind::MissingRequiredArgument => {
            let missing = context_strings(err, ContextKind::InvalidArg);
            let alternatives = missing.len() == 1 && missing[0].contains('|');
            let options = if alternatives {
                missing[0]
                    .trim_matches(['<', '>'])
                    .split('|')
                    .map(option_name)
                    .collect()
            } else {
                missing.iter().map(|m| option_name(m)).collect()
            };
            UsageError::Missing {
                options,
                alternatives,
            }
        }
        ErrorKind::ArgumentConflict => UsageError::Conflict {
            arg: option_name(&arg()),
            with: context_string(err, ContextKind::PriorArg).map(|p| option_name(&p)),
        },
        ErrorKind::TooManyValues => UsageError::Unexpected {
            value: context_string(err, ContextKind::InvalidValue).unwrap_or_default(),
        },
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            UsageError::NoValue {
                arg: option_name(&arg()),
            }
        }
        ErrorKind::MissingSubcommand => UsageError::MissingCommand,
        _ => UsageError::Other,
    };
    (fact, path)
}
