//! Where the rules come from: `--rules PATH`, else `$ESIGN_RULES`, else the user's
//! config file, else the institution's system-wide file (installed once by the IT desk
//! for every user), else the embedded default. An explicit choice that cannot be read
//! is an error, never a silent fall-back to the default.

use std::fmt;
use std::path::{Path, PathBuf};

use std::io::Read as _;

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
    /// The system-wide file the IT desk installed for every user of the machine.
    System(PathBuf),
    Embedded,
}

impl RulesSource {
    pub fn path(&self) -> Option<&Path> {
        match self {
            RulesSource::Flag(p)
            | RulesSource::Env(p)
            | RulesSource::Config(p)
            | RulesSource::System(p) => Some(p),
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
            RulesSource::System(_) => "system config file",
            RulesSource::Embedded => "embedded",
        }
    }

    /// [`RulesSource::how`] for a sentence in `lang`: the option names stay, the words change.
    pub fn how_in(&self, lang: Lang) -> &'static str {
        match self {
            RulesSource::Config(_) => messages::config_file(lang),
            RulesSource::System(_) => messages::system_config_file(lang),
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

/// Where the institution's system-wide rules file may be, most important first.
///
/// Linux and other Unix systems follow the XDG base-directory convention:
/// `esign/rules.toml` under each folder of `$XDG_CONFIG_DIRS` (default `/etc/xdg`);
/// relative entries are ignored, as the convention says.
#[cfg(not(windows))]
pub fn system_paths() -> Vec<PathBuf> {
    let dirs = std::env::var_os("XDG_CONFIG_DIRS").filter(|v| !v.is_empty());
    let dirs: Vec<PathBuf> = match dirs {
        Some(list) => std::env::split_paths(&list)
            .filter(|p| p.is_absolute())
            .collect(),
        None => vec![PathBuf::from("/etc/xdg")],
    };
    dirs.into_iter()
        .map(|dir| dir.join("esign").join("rules.toml"))
        .collect()
}

/// Where the institution's system-wide rules file may be: `%ProgramData%\esign\rules.toml`.
#[cfg(windows)]
pub fn system_paths() -> Vec<PathBuf> {
    let data = std::env::var_os("ProgramData")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(r"C:\ProgramData"), PathBuf::from);
    vec![data.join("esign").join("rules.toml")]
}

/// The institution's system-wide rules file, if one is installed.
pub fn system_file() -> Option<PathBuf> {
    system_paths().into_iter().find(|p| p.is_file())
}

/// Picks the rules file in effect.
pub fn locate(flag: Option<&Path>) -> RulesSource {
    if let Some(path) = flag {
        return RulesSource::Flag(path.to_owned());
    }
    if let Some(path) = std::env::var_os("ESIGN_RULES").filter(|v| !v.is_empty()) {
        return RulesSource::Env(PathBuf::from(path));
    }
    if let Some(path) = config_path().filter(|p| p.is_file()) {
        return RulesSource::Config(path);
    }
    system_file().map_or(RulesSource::Embedded, RulesSource::System)
}

/// The text of the rules file in effect.
pub fn read(source: &RulesSource, lang: Lang) -> Result<String> {
    match source.path() {
        None => Ok(EMBEDDED.to_owned()),
        Some(path) => read_file(path, lang).with_context(|| {
            match source {
                RulesSource::Env(_) => Problem::RulesFromEnv,
                RulesSource::Flag(_) => Problem::RulesFromFlag,
                RulesSource::System(_) => Problem::RulesFromSystem,
                _ => Problem::RulesFromConfig,
            }
            .localize(lang)
        }),
    }
}

/// Largest rules file read. The embedded rules are a few kilobytes; a bigger file is
/// something else (`/dev/zero`, a wrong argument), and reading stops there.
pub const MAX_RULES_BYTES: u64 = 1024 * 1024;

/// Reads a rules file as UTF-8, with a message that names it. Pipes and FIFOs are fine
/// (`--rules <(…)`): at most [`MAX_RULES_BYTES`] + 1 bytes are ever read.
pub fn read_file(path: &Path, lang: Lang) -> Result<String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_RULES_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| {
            Problem::CannotRead {
                path: path.display().to_string(),
            }
            .localize(lang)
        })?;
    if bytes.len() as u64 > MAX_RULES_BYTES {
        return Err(Problem::RulesTooLarge {
            path: path.display().to_string(),
            max: MAX_RULES_BYTES,
        }
        .into());
    }
    String::from_utf8(bytes).map_err(|e| {
        Problem::RulesNotUtf8 {
            path: path.display().to_string(),
            offset: e.utf8_error().valid_up_to(),
        }
        .into()
    })
}
