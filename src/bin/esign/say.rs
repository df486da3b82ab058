//! Lines on stderr: errors, warnings and notes, in the chosen language, with the
//! `esign: hata:` / `esign: error:` prefix, ASCII-folded with `--ascii`. The sentences
//! themselves live in the core's catalogue ([`esign::messages`]); this module only
//! finds the typed error behind an `anyhow` chain and writes the line.

use std::error::Error as StdError;
use std::io::{self, Write};

use esign::lang::Lang;
use esign::messages::{self, CardError, Level, Localize, Problem};

/// How stderr speaks: the language and whether to fold to ASCII.
#[derive(Debug, Clone, Copy)]
pub struct Voice {
    pub lang: Lang,
    pub ascii: bool,
}

impl Voice {
    /// Writes one message (each of its lines prefixed) on stderr.
    pub fn say(self, level: Level, message: &str) {
        let prefix = messages::prefix(level, self.lang);
        let mut text = String::new();
        // Control characters from input (a certificate name, a file name) are escaped, so
        // no input can forge a line or move the terminal's cursor.
        for line in message.lines() {
            text.push_str(prefix);
            text.push_str(&esign::text::escape_controls(line));
            text.push('\n');
        }
        if self.ascii {
            text = esign::text::to_ascii(&text);
        }
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }

    /// Writes an error chain: each context, then the typed error that caused it, in
    /// this voice's language.
    pub fn error(self, err: &anyhow::Error) {
        self.say(Level::Error, &render(err, self.lang));
    }
}

/// An error chain as one message: `context: context: cause`.
pub fn render(err: &anyhow::Error, lang: Lang) -> String {
    let mut parts = Vec::new();
    for cause in err.chain() {
        if let Some(text) = localized(cause, lang) {
            parts.push(text);
            // The typed error says its own causes.
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}

/// The catalogue's text for a typed error, if it is one the catalogue knows.
fn localized(cause: &(dyn StdError + 'static), lang: Lang) -> Option<String> {
    macro_rules! try_types {
        ($($ty:ty),*) => {
            $(if let Some(e) = cause.downcast_ref::<$ty>() {
                return Some(e.localize(lang));
            })*
        };
    }
    try_types!(
        Problem,
        messages::MailProblem,
        esign::notify::SentLogError,
        CardError,
        esign::date::DateError,
        esign::cert::CertError,
        esign::renewal::LeadError,
        esign::renewal::SpanError,
        esign::roster::RosterError,
        esign::roster::RowError,
        esign::fee::FeeError,
        esign::rules::RulesError
    );
    cause
        .downcast_ref::<io::Error>()
        .map(|e| messages::os_error(e, lang))
}
