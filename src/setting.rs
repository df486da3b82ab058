//! Settings read from the environment (`ESIGN_TODAY`, `ESIGN_LANG` …), as data: which
//! text is valid, and what to say when it is not. The binary reads the variables.
//!
//! Textual variables must be valid UTF-8 and hold a valid value; an empty variable
//! counts as unset. Variables holding paths (`ESIGN_RULES`, `ESIGN_BROWSER`,
//! `ESIGN_PKCS11_MODULE`) take any bytes the system allows and are not checked here.
//! A variable marked secret never has its value repeated in a message.

use thiserror::Error;

use crate::lang::Lang;
use crate::text::{quote, QUOTE_CHARS};

/// Why a textual environment variable cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EnvError {
    #[error("${name} is not valid UTF-8 text: set it to {expected}, or unset it")]
    NotUtf8 { name: String, expected: String },
    #[error(
        "${name} is \"{}\": set it to {expected}, or unset it",
        quote(value, QUOTE_CHARS)
    )]
    Invalid {
        name: String,
        value: String,
        expected: String,
    },
    #[error("${name} is not valid: set it to {expected}, or unset it")]
    InvalidSecret { name: String, expected: String },
}

impl EnvError {
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, _) => self.to_string(),
            (Lang::Tr, EnvError::NotUtf8 { name, expected }) => format!(
                "${name} geçerli bir UTF-8 metin değil: {expected} olarak ayarlayın ya da kaldırın"
            ),
            (
                Lang::Tr,
                EnvError::Invalid {
                    name,
                    value,
                    expected,
                },
            ) => format!(
                "${name} değeri \"{}\": {expected} olarak ayarlayın ya da kaldırın",
                quote(value, QUOTE_CHARS)
            ),
            (Lang::Tr, EnvError::InvalidSecret { name, expected }) => {
                format!("${name} geçerli değil: {expected} olarak ayarlayın ya da kaldırın")
            }
        }
    }
}

/// A textual variable's raw value in, its text out: `None` when unset or empty.
///
/// # Errors
/// [`EnvError::NotUtf8`] when the bytes are not UTF-8.
pub fn text(
    name: &str,
    raw: Option<std::ffi::OsString>,
    expected: &str,
) -> Result<Option<String>, EnvError> {
    match raw {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => v.into_string().map(Some).map_err(|_| EnvError::NotUtf8 {
            name: name.to_owned(),
            expected: expected.to_owned(),
        }),
    }
}

/// `ESIGN_LANG`'s value: `tr` or `en`, any case, surrounding space ignored.
///
/// # Errors
/// [`EnvError::Invalid`] for any other text.
pub fn lang(value: &str) -> Result<Lang, EnvError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "tr" => Ok(Lang::Tr),
        "en" => Ok(Lang::En),
        _ => Err(EnvError::Invalid {
            name: "ESIGN_LANG".to_owned(),
            value: value.to_owned(),
            expected: "tr or en".to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_unset_and_bad_text_is_named() {
        assert_eq!(text("ESIGN_LANG", None, "tr or en"), Ok(None));
        assert_eq!(text("ESIGN_LANG", Some("".into()), "tr or en"), Ok(None));
        assert_eq!(
            text("ESIGN_LANG", Some("tr".into()), "tr or en"),
            Ok(Some("tr".to_owned()))
        );
        assert_eq!(lang(" TR "), Ok(Lang::Tr));
        let err = lang("de\u{1b}[2J").unwrap_err();
        assert!(
            err.to_string().contains("$ESIGN_LANG is \"de\\u{1b}[2J\""),
            "{err}"
        );
        assert!(err.message(Lang::Tr).starts_with("$ESIGN_LANG değeri"));
    }
}
