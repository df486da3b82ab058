//! Where the rules come from: `--rules PATH`, else `$ESIGN_RULES`, else the user's
//! config file, else the embedded default. An explicit choice that cannot be read
//! is an error, never a silent fall-back to the default.

use std::fmt;
use std::path::{Path, PathBuf};

use std::io::Read as _;

use anyhow::{bail, Context as _, Result};
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
        self.path().map_or_else(
            || "embedded default rules".to_owned(),
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
pub fn read(source: &RulesSource) -> Result<String> {
    match source.path() {
        None => Ok(EMBEDDED.to_owned()),
        Some(path) => read_file(path).with_context(|| match source {
            RulesSource::Env(_) => "the file named by $ESIGN_RULES: fix or unset it".to_owned(),
            RulesSource::Flag(_) => "the file named by --rules".to_owned(),
            _ => {
                "your config file: fix it, or replace it with `esign rules init --force`".to_owned()
            }
        }),
    }
}

/// Largest rules file read. The embedded rules are a few kilobytes; a bigger file is
/// something else (`/dev/zero`, a wrong argument), and reading stops there.
pub const MAX_RULES_BYTES: u64 = 1024 * 1024;

/// Reads a rules file as UTF-8, with a message that names it. Pipes and FIFOs are fine
/// (`--rules <(…)`): at most [`MAX_RULES_BYTES`] + 1 bytes are ever read.
pub fn read_file(path: &Path) -> Result<String> {
    let name = esign::file_error::shown(path);
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_RULES_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read rules file {name}"))?;
    if bytes.len() as u64 > MAX_RULES_BYTES {
        bail!("rules file {name} is larger than {MAX_RULES_BYTES} bytes: is it the right file?");
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "rules file {name} is not UTF-8 text (bad byte at offset {}): save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}
