//! `esign guide` (and `esign` alone in a console): questions for people who don't use
//! terminals. Every answer is the matching command's own screen, made by that
//! command's own code, followed by the command that gives it directly next time.
//!
//! The words are in the core ([`esign::guide`]); this file asks and listens. Menus are
//! dialoguer's `Select` (its only own text, a page counter, shows only when a menu is
//! taller than the terminal; ours are eight lines at most plus the rules' duties). Typed
//! answers use a small reader on the same terminal layer, because dialoguer's `Input`
//! ignores Esc.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, Result};
use dialoguer::console::{Key, Term};
use dialoguer::theme::Theme;
use dialoguer::Select;
use esign::date::parse_date;
use esign::guide::{self, Answer, DutyChoice, ExpirySource, MenuItem, Need};
use esign::messages::Problem;
use esign::rules::Task;

use crate::cli::{CheckArgs, DoctorArgs, FeeArgs, OpenTarget};
use crate::context::Context;
use crate::exit::Exit;
use crate::output;
use crate::pkcs11;

pub fn run(mut ctx: Context) -> Result<Exit> {
    // Formats other than text are refused before this (`cmd::formats`).
    // --quiet is refused before this (`cmd::honours`): a conversation cannot be quiet.
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return Err(Problem::GuideNeedsTerminal.into());
    }
    let term = Term::stderr();
    leave_on_interrupt()?;
    // Shows the cursor again however the guide ends, even on an error.
    let _cursor = CursorGuard(term.clone());
    let resolved = ctx.lang;
    let mut first = true;
    loop {
        let items = guide::menu();
        let labels: Vec<String> = {
            let rules = ctx.rules()?;
            items
                .iter()
                .map(|&item| guide::item_label(item, rules, ctx.lang))
                .collect()
        };
        let Some(i) = choose(&term, &ctx, guide::menu_prompt(ctx.lang, first), &labels)? else {
            return Ok(leave(&term));
        };
        let need = match items[i] {
            MenuItem::Quit => return Ok(Exit::Ok),
            MenuItem::SwitchLanguage => {
                ctx.lang = guide::other_language(ctx.lang);
                continue;
            }
            MenuItem::Need(need) => need,
        };
        let Some(mut answer) = ask(&term, &ctx, need)? else {
            return Ok(leave(&term));
        };
        blank_line()?;
        if let Err(err) = show(&ctx, &answer) {
            ctx.voice().error(&err);
            // A card that cannot be read still leaves the typed date (issue 14: option 1).
            if answer == Answer::CardExpiry {
                say(&term, &ctx, guide::card_fallback(ctx.lang))?;
                let Some(typed) = ask_date(&term, &ctx)? else {
                    return Ok(leave(&term));
                };
                answer = typed;
                blank_line()?;
                if let Err(err) = show(&ctx, &answer) {
                    ctx.voice().error(&err);
                }
            }
        }
        let command = guide::command_line(&answer, ctx.lang, ctx.lang != resolved);
        let mut out = output::text_stdout(&ctx);
        writeln!(out, "\n{}\n", guide::next_time(&command, ctx.lang))?;
        out.flush()?;
        first = false;
    }
}

/// The answer: the matching command, called through its own code with the arguments
/// the next-time line names, so the screen is the one that command prints.
fn show(ctx: &Context, answer: &Answer) -> Result<Exit> {
    match answer {
        Answer::Expiry(date) => super::check::run(
            ctx,
            &CheckArgs {
                expiry: Some(date.format("%Y-%m-%d").to_string()),
                cert: Vec::new(),
                card: false,
                module: None,
                output: None,
            },
        ),
        Answer::CardExpiry => super::check::run(
            ctx,
            &CheckArgs {
                expiry: None,
                cert: Vec::new(),
                card: true,
                module: None,
                output: None,
            },
        ),
        Answer::Unlock => super::portal::run(ctx, Task::Unlock, false),
        Answer::Suspend => super::portal::run(ctx, Task::Suspend, false),
        Answer::Fee { duty, title, cause } => super::fee::run(
            ctx,
            &FeeArgs {
                duty: title.is_none().then(|| duty.clone()),
                title: title.clone(),
                cause: Some(cause.clone()),
                table: false,
            },
        ),
        Answer::Doctor => super::doctor::run(ctx, &DoctorArgs { module: None }),
        Answer::Portal => super::portal::open(ctx, OpenTarget::Portal),
    }
}

/// The questions after the first, for one need; `None` when the person leaves.
fn ask(term: &Term, ctx: &Context, need: Need) -> Result<Option<Answer>> {
    Ok(Some(match need {
        Need::Renewal => return ask_expiry(term, ctx),
        Need::PinLocked => Answer::Unlock,
        Need::LostOrStolen => Answer::Suspend,
        Need::Fee => return ask_fee(term, ctx),
        Need::CardNotSeen => Answer::Doctor,
        Need::Portal => Answer::Portal,
    }))
}

/// The expiry date: offered from the card when a card module is installed, else typed.
fn ask_expiry(term: &Term, ctx: &Context) -> Result<Option<Answer>> {
    let rules = ctx.rules()?;
    let module = pkcs11::choose_module(
        None,
        std::env::var_os("ESIGN_PKCS11_MODULE"),
        rules.card_modules(),
    );
    if module.is_ok() {
        let labels = ExpirySource::ALL.map(|s| guide::expiry_source_label(s, ctx.lang).to_owned());
        match choose(term, ctx, guide::expiry_source_prompt(ctx.lang), &labels)? {
            None => return Ok(None),
            Some(i) if ExpirySource::ALL[i] == ExpirySource::Card => {
                return Ok(Some(Answer::CardExpiry))
            }
            Some(_) => {}
        }
    }
    ask_date(term, ctx)
}

/// A typed date, in every form `esign check --expiry` takes; asked again until it is one.
fn ask_date(term: &Term, ctx: &Context) -> Result<Option<Answer>> {
    loop {
        let Some(text) = read_line(term, ctx, guide::expiry_prompt(ctx.lang))? else {
            return Ok(None);
        };
        match parse_date(&text) {
            Ok(date) => return Ok(Some(Answer::Expiry(date))),
            Err(err) => say(term, ctx, &guide::date_problem(&err, ctx.lang))?,
        }
    }
}

/// Whose card (a duty from the rules, or a typed title) and why it is renewed.
fn ask_fee(term: &Term, ctx: &Context) -> Result<Option<Answer>> {
    let rules = ctx.rules()?;
    let choices = guide::duty_choices(rules);
    let labels: Vec<String> = choices
        .iter()
        .map(|&c| guide::duty_label(c, rules, ctx.lang))
        .collect();
    let (duty, title) = loop {
        let Some(i) = choose(term, ctx, guide::duty_prompt(ctx.lang), &labels)? else {
            return Ok(None);
        };
        match choices[i] {
            DutyChoice::Duty(d) => break (rules.duties[d].id.clone(), None),
            DutyChoice::TypeTitle => match ask_title(term, ctx)? {
                TitleAnswer::Leave => return Ok(None),
                TitleAnswer::Back => {}
                TitleAnswer::Found { duty, title } => break (duty, Some(title)),
            },
        }
    };
    let causes: Vec<String> = rules
        .causes
        .iter()
        .map(|c| c.label(ctx.lang).to_owned())
        .collect();
    let Some(i) = choose(term, ctx, guide::cause_prompt(ctx.lang), &causes)? else {
        return Ok(None);
    };
    Ok(Some(Answer::Fee {
        duty,
        title,
        cause: rules.causes[i].id.clone(),
    }))
}

enum TitleAnswer {
    Leave,
    /// An empty answer: back to the list of duties.
    Back,
    Found {
        duty: String,
        title: String,
    },
}

/// A job title, matched the Turkish way like `esign fee --title`; asked again until a
/// duty lists it.
fn ask_title(term: &Term, ctx: &Context) -> Result<TitleAnswer> {
    let rules = ctx.rules()?;
    loop {
        let Some(text) = read_line(term, ctx, &guide::title_prompt(rules, ctx.lang))? else {
            return Ok(TitleAnswer::Leave);
        };
        let title = text.trim();
        if title.is_empty() {
            return Ok(TitleAnswer::Back);
        }
        match rules.duty_by_title(title) {
            Some(duty) => {
                return Ok(TitleAnswer::Found {
                    duty: duty.id.clone(),
                    title: title.to_owned(),
                })
            }
            None => say(term, ctx, &guide::unknown_title(title, ctx.lang))?,
        }
    }
}

/// One choice from a menu; `None` on Esc, `q` or Ctrl-C.
fn choose(term: &Term, ctx: &Context, prompt: &str, items: &[String]) -> Result<Option<usize>> {
    let chosen = Select::with_theme(&GuideTheme)
        .with_prompt(fold(ctx, prompt))
        .items(items.iter().map(|item| fold(ctx, item)))
        .default(0)
        .report(true)
        .interact_on_opt(term);
    match chosen {
        Ok(choice) => Ok(choice),
        // console raises SIGINT for Ctrl-C and then returns this; the handler is leaving.
        Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
        Err(e) => Err(e).context("reading the answer from the terminal"),
    }
}

/// One typed line under its question; `None` on Esc, Ctrl-C or Ctrl-D.
fn read_line(term: &Term, ctx: &Context, prompt: &str) -> Result<Option<String>> {
    term.write_line(&fold(ctx, prompt))?;
    let mut text = String::new();
    loop {
        term.clear_line()?;
        term.write_str(&format!("> {}", fold(ctx, &text)))?;
        term.flush()?;
        match term.read_key_raw()? {
            Key::Enter => {
                term.write_line("")?;
                return Ok(Some(text));
            }
            Key::Escape | Key::CtrlC | Key::Char('\u{4}') => {
                term.write_line("")?;
                return Ok(None);
            }
            Key::Backspace => {
                text.pop();
            }
            Key::Char(c) if !c.is_control() => text.push(c),
            _ => {}
        }
    }
}

/// A bad answer explained, before the question is asked again.
fn say(term: &Term, ctx: &Context, line: &str) -> Result<()> {
    term.write_line(&fold(ctx, line))?;
    Ok(())
}

fn blank_line() -> Result<()> {
    writeln!(io::stdout())?;
    Ok(())
}

fn fold(ctx: &Context, text: &str) -> String {
    if ctx.ascii {
        esign::text::to_ascii(text)
    } else {
        text.to_owned()
    }
}

static LEFT: AtomicBool = AtomicBool::new(false);

/// Leaving by Esc or Ctrl-C: the cursor back and the prompt line ended, once, whether
/// the signal handler or the guide gets here first. Exit 0: the guide is a conversation.
fn leave(term: &Term) -> Exit {
    if !LEFT.swap(true, Ordering::SeqCst) {
        let _ = term.show_cursor();
        let _ = term.write_line("");
    }
    Exit::Ok
}

/// Ctrl-C while a menu is open or an answer is printing: dialoguer hides the cursor
/// during a menu and does not show it again when the signal ends the process, so the
/// handler does (the `ctrlc` crate: one handler for SIGINT and Windows' console events).
fn leave_on_interrupt() -> Result<()> {
    ctrlc::set_handler(|| {
        let _ = leave(&Term::stderr());
        std::process::exit(0);
    })
    .context("setting up Ctrl-C")
}

struct CursorGuard(Term);

impl Drop for CursorGuard {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
    }
}

/// Plain menus: `> ` marks the chosen line; no colon after a question, no English.
struct GuideTheme;

impl Theme for GuideTheme {
    fn format_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        write!(f, "{prompt}")
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> std::fmt::Result {
        write!(f, "{prompt} {sel}")
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn std::fmt::Write,
        text: &str,
        active: bool,
    ) -> std::fmt::Result {
        write!(f, "{} {text}", if active { ">" } else { " " })
    }
}
