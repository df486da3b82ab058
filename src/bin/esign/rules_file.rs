//! Where the rules come from: `--rules PATH`, else `$ESIGN_RULES`, else the user's
//! config file, else the embedded default. An explicit choice that cannot be read
//! is an error, never a silent fall-back to the default.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use esign::lang::Lang;
use esign::messages::{self, Localize, Problem};
use esign::rules::EMBEDDED;

/// How the rules file in effect was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesSource {
    Flag(PathBuf),
    Env(PathBuf),
    Config(PathBuf),
    Embedded,
}

impl RulesSource {
    pub fn path(&self) -> Option<&Path> {
        match self {
            RulesSource::Flag(p) | RulesSource::Env(p) | RulesSource::Config(p) => Some(p),
            RulesSource::Embedded => None,
        }
    }

    /// A name for messages: the path, or "embedded default rules".
    pub fn origin(&self) -> String {
        self.origin_in(Lang::En)
    }

    /// A name for messages in `lang`: the path, or the embedded rules' name.
    pub fn origin_in(&self, lang: Lang) -> String {
        self.path().map_or_else(
            || messages::embedded_rules(lang).to_owned(),
            |p| p.display().to_string(),
        )
    }

    /// Which setting chose this source, for `esign rules path`.
    pub fn how(&self) -> &'static str {
        match self {
            RulesSource::Flag(_) => "--rules",
            RulesSource::Env(_) => "$ESIGN_RULES",
            RulesSource::Config(_) => "config file",
            RulesSource::Embedded => "embedded",
        }
    }

    /// [`RulesSource::how`] for a sentence in `lang`: the option names stay, the words change.
    pub fn how_in(&self, lang: Lang) -> &'static str {
        match self {
            RulesSource::Config(_) => messages::config_file(lang),
            RulesSource::Embedded => messages::embedded_rules(lang),
            _ => self.how(),
        }
    }
}

impl fmt::Display for RulesSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin())
    }
}

/// The user's rules file: `$XDG_CONFIG_HOME/esign/rules.toml` or `~/.config/esign/rules.toml`
/// on Linux, the platform's config folder elsewhere.
pub fn config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("esign").join("rules.toml"))
}

/// Picks the rules file in effect.
pub fn locate(flag: Option<&Path>) -> RulesSource {
    if let Some(path) = flag {
        return RulesSource::Flag(path.to_owned());
    }
    if let Some(path) = std::env::var_os("ESIGN_RULES").filter(|v| !v.is_empty()) {
        return RulesSource::Env(PathBuf::from(path));
    }
    match config_path() {
        Some(path) if path.is_file() => RulesSource::Config(path),
        _ => RulesSource::Embedded,
    }
}

/// The text of the rules file in effect.
pub fn read(source: &RulesSource, lang: Lang) -> Result<String> {
    match source.path() {
        None => Ok(EMBEDDED.to_owned()),
        Some(path) => read_file(path, lang).with_context(|| {
            match source {
                RulesSource::Env(_) => Problem::RulesFromEnv,
                RulesSource::Flag(_) => Problem::RulesFromFlag,
                _ => Problem::RulesFromConfig,
            }
            .localize(lang)
        }),
    }
}

/// Reads a rules file as UTF-8, with a message that names it.
pub fn read_file(path: &Path, lang: Lang) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| {
        Problem::CannotRead {
            path: path.display().to_string(),
        }
        .localize(lang)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        Problem::RulesNotUtf8 {
            path: path.display().to_string(),
            offset: e.utf8_error().valid_up_to(),
        }
        .into()
    })
}
