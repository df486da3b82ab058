//! `esign card` and `esign check --card`: what the e-signature card shows without a
//! PIN. The card is read once ([`crate::pkcs11`]); the core decides what it means.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, Result};
use esign::cert::{self, Certificate, Report};
use esign::lang::Lang;
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
                    .map(|c| (token_source(&t.label), c.clone()))
                    .collect(),
                moment.now,
                rules.lead,
            ),
        })
        .collect();
    let report = Report::new(to_check(&reading), moment.now, rules.lead);
    let pin = worst_pin(&reading);
    let pin_lines = pin_lines(rules, ctx.lang, pin);
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
    let state = report.state().map_or(Exit::Error, Exit::from);
    Ok(state.max(Exit::from(pin)))
}

/// `esign check --card`: `check` on each token's signing certificate (else its only
/// one); the most urgent decides. PIN warnings join the actions.
pub fn check(ctx: &Context, module: Option<&Path>) -> Result<Exit> {
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let reading = read(ctx, rules, module)?;
    let found = to_check(&reading);
    if found.is_empty() {
        return Err(no_certificate_error(&reading));
    }
    let report = Report::new(found, moment.now, rules.lead);
    let pin = worst_pin(&reading);
    render::check::certificates(
        ctx,
        rules,
        &report,
        moment.now,
        &pin_lines(rules, ctx.lang, pin),
        unlock_guide(rules, ctx.lang, pin).as_ref(),
    )?;
    let state = report.state().map_or(Exit::Error, Exit::from);
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
        let mut stderr = std::io::stderr().lock();
        for note in &reading.notes {
            let _ = writeln!(stderr, "esign: {note}");
        }
    }
    Ok(reading)
}

fn token_source(label: &str) -> String {
    format!("token \"{label}\"")
}

/// The certificates that decide: per token, the signing ones, else all it has.
fn to_check(reading: &CardReading) -> Vec<(String, Certificate)> {
    reading
        .tokens
        .iter()
        .flat_map(|t| {
            cert::to_check(&t.certificates)
                .into_iter()
                .map(|i| (token_source(&t.label), t.certificates[i].clone()))
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

/// The same as an error line, for `esign check --card` (error lines are English).
fn no_certificate_error(reading: &CardReading) -> anyhow::Error {
    if reading.tokens.iter().any(|t| t.login_required) {
        anyhow!("the card shows no certificate without its PIN, and esign never asks for the PIN: export the certificate with the card's own tool and run `esign check --cert FILE`")
    } else {
        anyhow!("the card holds no certificate")
    }
}
