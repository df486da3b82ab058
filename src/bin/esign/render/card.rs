//! `esign card` output: each token with its PIN state and certificates, and the check
//! of the certificate that decides. Text for people, JSON for scripts.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use esign::advice;
use esign::cert::{Assessed, Report};
use esign::lang::Lang;
use esign::pin::PinState;
use esign::portal::Guide;
use esign::renewal::State;
use esign::rules::Rules;
use serde::Serialize;

use super::check::{
    certificate_json, unlock_json, write_certificate, write_text, write_unlock, CertificateJson,
    UnlockJson,
};
use crate::context::Context;
use crate::output::OutputFormat;
use crate::pkcs11::TokenReading;

/// One token with its certificates assessed.
pub struct TokenView<'a> {
    pub token: &'a TokenReading,
    pub certificates: Vec<Assessed>,
}

/// Everything `esign card` shows.
pub struct CardView<'a> {
    pub module: &'a Path,
    pub tokens: &'a [TokenView<'a>],
    /// The certificates that decide (signing ones), across tokens.
    pub report: &'a Report,
    pub now: DateTime<Tz>,
    /// PIN warning and unlock path, if the PIN needs them.
    pub pin_lines: &'a [String],
    /// With a locked PIN: the unlock guide, as `esign unlock` gives it (R6).
    pub unlock: Option<&'a Guide<'a>>,
    /// Why there is no certificate to check, if there is none.
    pub missing: Option<&'a str>,
}

#[derive(Serialize)]
struct CardJson<'a> {
    module: String,
    now: DateTime<FixedOffset>,
    /// The overall certificate state; null when no certificate could be read.
    state: Option<State>,
    /// The deciding certificate's expiry date and days left, as `check` gives them.
    expiry: Option<NaiveDate>,
    days_left: Option<i64>,
    headline: Option<&'a str>,
    actions: Vec<String>,
    reminders: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    unlock: Option<UnlockJson<'a>>,
    tokens: Vec<TokenJson<'a>>,
}

#[derive(Serialize)]
struct TokenJson<'a> {
    label: &'a str,
    serial: &'a str,
    pin_state: PinState,
    certificates: Vec<CertificateJson<'a>>,
}

pub fn card(ctx: &Context, rules: &Rules, view: &CardView<'_>) -> Result<()> {
    let tz = view.now.timezone();
    let lang = ctx.lang;
    let advice = advice::for_report(view.report, view.now, rules, lang, view.pin_lines);
    match ctx.format {
        OutputFormat::Json => super::json(
            ctx,
            &CardJson {
                module: view.module.display().to_string(),
                now: view.now.fixed_offset(),
                state: view.report.state(),
                expiry: view.report.decisive().map(|d| d.renewal.expiry),
                days_left: view
                    .report
                    .decisive()
                    .filter(|d| !d.renewal.no_expiry)
                    .map(|d| d.renewal.days_left),
                headline: advice
                    .as_ref()
                    .map(|a| a.headline.as_str())
                    .or(view.missing),
                actions: advice
                    .as_ref()
                    .map_or_else(|| view.pin_lines.to_vec(), |a| a.actions.clone()),
                reminders: advice.as_ref().map_or(&[], |a| a.reminders.as_slice()),
                unlock: view.unlock.map(unlock_json),
                tokens: view
                    .tokens
                    .iter()
                    .map(|t| TokenJson {
                        label: &t.token.label,
                        serial: &t.token.serial,
                        pin_state: t.token.pin,
                        certificates: t
                            .certificates
                            .iter()
                            .map(|a| certificate_json(a, tz))
                            .collect(),
                    })
                    .collect(),
            },
        ),
        _ => super::text(ctx, |out| {
            if let (Some(d), Some(advice)) = (view.report.decisive(), &advice) {
                write_text(out, lang, &d.renewal, advice)?;
            } else {
                if let Some(missing) = view.missing {
                    writeln!(out, "{missing}")?;
                }
                for line in view.pin_lines {
                    writeln!(out, "  • {line}")?;
                }
            }
            if let Some(g) = view.unlock {
                write_unlock(out, lang, g)?;
            }
            for t in view.tokens {
                writeln!(out)?;
                write_token(out, lang, tz, t)?;
            }
            Ok(())
        }),
    }
}

fn write_token(out: &mut dyn Write, lang: Lang, tz: Tz, t: &TokenView<'_>) -> std::io::Result<()> {
    let (token, serial, pin, none) = match lang {
        Lang::En => (
            "Token",
            "serial",
            "PIN",
            "no certificate visible without the PIN",
        ),
        Lang::Tr => (
            "Kart",
            "seri no",
            "PIN",
            "PIN girilmeden görünen sertifika yok",
        ),
    };
    writeln!(
        out,
        "{token} \"{}\" ({serial} {})",
        t.token.label, t.token.serial
    )?;
    let style = pin_style(t.token.pin);
    writeln!(
        out,
        "  {pin}: {style}{}{style:#}",
        advice::pin_label(t.token.pin, lang)
    )?;
    if t.certificates.is_empty() {
        writeln!(out, "  {none}")?;
    }
    for a in &t.certificates {
        write_certificate(out, lang, tz, a, "  ", false)?;
    }
    Ok(())
}

fn pin_style(pin: PinState) -> anstyle::Style {
    let state = match pin {
        PinState::Ok => State::Valid,
        PinState::CountLow | PinState::FinalTry => State::RenewalDue,
        PinState::Locked => State::Expired,
    };
    super::check::state_style(state)
}
