//! The embedded default rules, as `build.rs` validated them.
//!
//! Why not parse `rules.toml` at every start: `esign check` is run by cron and monitoring
//! every few minutes, and parsing and validating the TOML was about 40% of its start-up
//! (callgrind: 1.23 M instructions with parsing, 0.7 M without; docs/performance.md).
//! The build script runs the same loader (`rules::Rules::parse`) on the same text, so
//! there is one path for every rules file; this only skips doing it again at run time.

use crate::rules::{Rules, EMBEDDED, EMBEDDED_ORIGIN};

/// `Rules` for [`EMBEDDED`], serialised with postcard by `build.rs`.
const COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/embedded-rules.postcard"));

impl Rules {
    /// The embedded default rules.
    ///
    /// # Panics
    /// Never in a released build: the build script refuses an invalid `rules.toml`, and a
    /// test checks that the compact form equals a fresh parse.
    #[must_use]
    pub fn embedded() -> Rules {
        postcard::from_bytes(COMPACT).unwrap_or_else(|_| {
            Rules::parse(EMBEDDED, EMBEDDED_ORIGIN).expect("the embedded rules.toml is valid")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_form_is_the_parsed_text() {
        let parsed = Rules::parse(EMBEDDED, EMBEDDED_ORIGIN).unwrap();
        let compact: Rules = postcard::from_bytes(COMPACT).unwrap();
        assert_eq!(compact, parsed);
    }
}
