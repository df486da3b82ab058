//! `esign card` and `esign check --card`: what the e-signature card shows without a
//! PIN. The card is read once ([`crate::pkcs11`]); the core decides what it means.

use std::path::Path;

use anyhow::Result;
use esign::cert::{self, Certificate, Report};
use esign::lang::Lang;
use esign::messages::{Localize, Problem};
use esign::pin::PinState;
use esign::portal::{self, Guide};
use esign::rules::{Rules, Task};

use crate::cli::CardArgs;
use crate::context::Context;
use crate::exit::Exit;
use crate::pkcs11::{self, CardReading};
use crate::render;

/// `esign card`: every token, its PIN state and certificates.
pub fn run(ctx: &Context, args: &CardArgs) -> Result<Exit> {
    let output = super::monitoring_output(ctx, args.output.as_deref())?;
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let reading = read(ctx, rules, args.module.as_deref())?;
    let tokens: Vec<render::card::TokenView> = reading
        .tokens
        .iter()
        .map(|t| render::card::TokenView {
            token: t,
            certificates: cert::assess_all(
                t.certificates
                    .iter()
                    .map(|c| (token_source(&t.label, ctx.lang), c.clone()))
                    .collect(),
                moment.now,
                rules.lead,
            ),
        })
        .collect();
    let report = Report::new(to_check(&reading, ctx.lang), moment.now, rules.lead);
    let pin = worst_pin(&reading);
    let pin_lines = pin_lines(rules, ctx.lang, pin);
    let state = report.state().map_or(Exit::Error, Exit::from);
    if ctx.format.is_monitoring() {
        // Every certificate on every token, not only the deciding ones.
        let all = Report::new(
            reading
                .tokens
                .iter()
                .flat_map(|t| {
                    t.certificates
                        .iter()
                        .map(|c| (token_source(&t.label, ctx.lang), c.clone()))
                })
                .collect(),
            moment.now,
            rules.lead,
        );
        let exit = state.max(Exit::from(pin));
        render::monitor::report(ctx, &all, &pin_lines, exit, output, &[])?;
        return Ok(exit);
    }
    let unlock = unlock_guide(rules, ctx.lang, pin);
    let missing = report
        .items
        .is_empty()
        .then(|| no_certificate(&reading, ctx.lang));
    render::card::card(
        ctx,
        rules,
        &render::card::CardView {
            module: &reading.module,
            tokens: &tokens,
            report: &report,
            now: moment.now,
            pin_lines: &pin_lines,
            unlock: unlock.as_ref(),
            missing: missing.as_deref(),
        },
    )?;
    Ok(state.max(Exit::from(pin)))
}

/// `esign check --card`: `check` on each token's signing certificate (else its only
/// one); the most urgent decides. PIN warnings join the actions.
pub fn check(ctx: &Context, module: Option<&Path>, output: Option<&Path>) -> Result<Exit> {
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let reading = read(ctx, rules, module)?;
    let found = to_check(&reading, ctx.lang);
    if found.is_empty() {
        return Err(no_certificate_error(&reading));
    }
    let report = Report::new(found, moment.now, rules.lead);
    let pin = worst_pin(&reading);
    let state = report.state().map_or(Exit::Error, Exit::from);
    if ctx.format.is_monitoring() {
        let exit = state.max(Exit::from(pin));
        let lines = pin_lines(rules, ctx.lang, pin);
        render::monitor::report(ctx, &report, &lines, exit, output, &[])?;
        return Ok(exit);
    }
    render::check::certificates(
        ctx,
        rules,
        &report,
        moment.now,
        &pin_lines(rules, ctx.lang, pin),
        unlock_guide(rules, ctx.lang, pin).as_ref(),
    )?;
    Ok(state.max(Exit::from(pin)))
}

fn read(ctx: &Context, rules: &Rules, flag: Option<&Path>) -> Result<CardReading> {
    let module = pkcs11::choose_module(
        flag,
        std::env::var_os("ESIGN_PKCS11_MODULE"),
        rules.card_modules(),
    )?;
    let reading = pkcs11::read(&module)?;
    if !ctx.quiet {
        for note in &reading.notes {
            ctx.voice().say(note.level(), &note.localize(ctx.lang));
        }
    }
    Ok(reading)
}

fn token_source(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Tr => format!("kart \"{label}\""),
        Lang::En => format!("token \"{label}\""),
    }
}

/// The certificates that decide: per token, the signing ones, else all it has.
fn to_check(reading: &CardReading, lang: Lang) -> Vec<(String, Certificate)> {
    reading
        .tokens
        .iter()
        .flat_map(|t| {
            cert::to_check(&t.certificates)
                .into_iter()
                .map(|i| (token_source(&t.label, lang), t.certificates[i].clone()))
        })
        .collect()
}

fn worst_pin(reading: &CardReading) -> PinState {
    PinState::worst(reading.tokens.iter().map(|t| t.pin))
}

/// The PIN warning (R5), if the PIN state needs one.
fn pin_lines(rules: &Rules, lang: Lang, pin: PinState) -> Vec<String> {
    esign::advice::pin_warning(pin, rules, lang)
        .into_iter()
        .collect()
}

/// For a locked PIN, the unlock guide: the same as `esign unlock` (R6).
fn unlock_guide(rules: &Rules, lang: Lang, pin: PinState) -> Option<Guide<'_>> {
    (pin == PinState::Locked).then(|| portal::guide(rules, Task::Unlock, lang))
}

/// Why no certificate could be checked: hidden behind the PIN, or none at all.
fn no_certificate(reading: &CardReading, lang: Lang) -> String {
    esign::advice::no_certificate(reading.tokens.iter().any(|t| t.login_required), lang)
}

/// The same as an error, for `esign check --card`.
fn no_certificate_error(reading: &CardReading) -> anyhow::Error {
    if reading.tokens.iter().any(|t| t.login_required) {
        Problem::CardNeedsPin.into()
    } else {
        Problem::CardEmpty.into()
    }
}
