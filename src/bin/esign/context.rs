//! What every command needs, resolved once from the global options and the
//! environment: the rules, the language, the output format, and "now".

use std::cell::OnceCell;

use anyhow::{Context as _, Result};
use chrono::{DateTime, NaiveDate, TimeZone};
use chrono_tz::Tz;
use esign::date::parse_date;
use esign::lang::Lang;
use esign::messages::Problem;
use esign::rules::Rules;
use esign::setting;

use crate::cli::{ColorArg, GlobalArgs, LangArg};
use crate::clock;
use crate::output::OutputFormat;
use crate::rules_file::{self, RulesSource};
use crate::say::Voice;

/// The instant and the calendar day the command works with, in the rules' time zone.
#[derive(Debug, Clone, Copy)]
pub struct Moment {
    pub now: DateTime<Tz>,
    pub today: NaiveDate,
}

pub struct Context {
    pub source: RulesSource,
    pub lang: Lang,
    pub format: OutputFormat,
    pub quiet: bool,
    pub ascii: bool,
    pub color: ColorArg,
    today_arg: Option<(String, &'static str)>,
    now_arg: Option<String>,
    text: OnceCell<String>,
    rules: OnceCell<Rules>,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        // A bad $ESIGN_LANG is an error even when --lang overrides it: a cron job's
        // typo should not hide until the day --lang is dropped.
        let env_lang = setting::text("ESIGN_LANG", std::env::var_os("ESIGN_LANG"), "tr or en")
            .and_then(|v| v.as_deref().map(setting::lang).transpose());
        let lang = match global.lang {
            Some(LangArg::Tr) => Lang::Tr,
            Some(LangArg::En) => Lang::En,
            None => env_lang.clone().ok().flatten().unwrap_or_else(locale_lang),
        };
        env_lang.map_err(|e| anyhow::anyhow!(e.message(lang)))?;
        let format = if global.json {
            OutputFormat::Json
        } else {
            global.format.unwrap_or(OutputFormat::Text)
        };
        let today_arg = match &global.today {
            Some(t) => Some((t.clone(), "--today")),
            None => setting::text(
                "ESIGN_TODAY",
                std::env::var_os("ESIGN_TODAY"),
                "a date such as 2025-06-01 or 01.06.2025",
            )
            .map_err(|e| anyhow::anyhow!(e.message(lang)))?
            .map(|t| (t, "$ESIGN_TODAY")),
        };
        Ok(Context {
            source: rules_file::locate(global.rules.as_deref()),
            lang,
            format,
            quiet: global.quiet,
            ascii: global.ascii,
            color: global.color,
            today_arg,
            now_arg: global.now.clone(),
            text: OnceCell::new(),
            rules: OnceCell::new(),
        })
    }

    /// How stderr speaks for this command.
    pub fn voice(&self) -> Voice {
        Voice {
            lang: self.lang,
            ascii: self.ascii,
        }
    }

    /// The text of the rules file in effect, read once.
    pub fn rules_text(&self) -> Result<&str> {
        if let Some(text) = self.text.get() {
            return Ok(text);
        }
        let text = rules_file::read(&self.source, self.lang)?;
        Ok(self.text.get_or_init(|| text))
    }

    /// The validated rules in effect, parsed once.
    pub fn rules(&self) -> Result<&Rules> {
        if let Some(rules) = self.rules.get() {
            return Ok(rules);
        }
        // The embedded default is validated when it is built (see `Rules::embedded`).
        let rules = if matches!(self.source, RulesSource::Embedded) {
            Rules::embedded()
        } else {
            let mut rules = Rules::parse(self.rules_text()?, &self.source.origin_in(self.lang))?;
            rules.inherit_defaults(&Rules::embedded());
            rules
        };
        Ok(self.rules.get_or_init(|| rules))
    }

    /// Now and today in the rules' time zone: `--now`, else `--today` / `$ESIGN_TODAY`
    /// (that day's first instant), else the clock. A cron job on a UTC server at 22:30
    /// sees Istanbul's date.
    pub fn moment(&self) -> Result<Moment> {
        let tz = self.rules()?.institution.timezone;
        if let Some(text) = &self.now_arg {
            let now = DateTime::parse_from_rfc3339(text.trim())
                .map_err(|_| Problem::NowNotInstant { text: text.clone() })?
                .with_timezone(&tz);
            return Ok(Moment {
                now,
                today: now.date_naive(),
            });
        }
        if let Some((text, from)) = &self.today_arg {
            let today = parse_date(text).with_context(|| (*from).to_owned())?;
            return Ok(Moment {
                now: start_of_day(tz, today),
                today,
            });
        }
        let now = clock::now().with_timezone(&tz);
        Ok(Moment {
            now,
            today: now.date_naive(),
        })
    }
}

/// The first instant of `day` in `tz` (midnight, or the first instant after a DST gap).
pub fn start_of_day(tz: Tz, day: NaiveDate) -> DateTime<Tz> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&midnight)
        .earliest()
        .or_else(|| {
            (1..=24).find_map(|h| {
                tz.from_local_datetime(&(midnight + chrono::Duration::hours(h)))
                    .earliest()
            })
        })
        .unwrap_or_else(|| tz.from_utc_datetime(&midnight))
}

/// The language for messages before (or without) the options: `--lang` as given, else
/// the environment; a bad `$ESIGN_LANG` falls back to the locale (its error says why).
pub fn voice_lang(flag: Option<LangArg>) -> Lang {
    match flag {
        Some(LangArg::Tr) => Lang::Tr,
        Some(LangArg::En) => Lang::En,
        None => lang_from_env().unwrap_or_else(|_| locale_lang()),
    }
}

fn locale_lang() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
    locale
        .and_then(|v| Lang::from_locale(&v))
        .unwrap_or(Lang::En)
}

/// `$ESIGN_LANG` (tr or en), else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first set).
fn lang_from_env() -> Result<Lang> {
    if let Some(value) = std::env::var("ESIGN_LANG").ok().filter(|v| !v.is_empty()) {
        return match value.trim().to_ascii_lowercase().as_str() {
            "tr" => Ok(Lang::Tr),
            "en" => Ok(Lang::En),
            _ => Err(Problem::LangEnv { value }.into()),
        };
    }
    Ok(locale_lang())
}
