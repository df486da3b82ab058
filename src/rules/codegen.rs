//! Writes `embedded.rs`: the embedded `rules.toml`, already parsed and validated, as
//! Rust code that builds the [`Rules`] value directly.
//!
//! Why: `esign check` is run by cron and monitoring every few minutes, and parsing and
//! validating the TOML was more than a third of its start-up (callgrind: 0.50 of 1.32
//! million instructions). The test `embedded_rules_are_current` regenerates the file and
//! fails when it differs; `ESIGN_BLESS=1 cargo test --lib embedded_rules` rewrites it.
//! A stale file is never used: it carries the hash of the text it was made from, and
//! [`Rules::embedded`] parses the text when the hashes differ.

use std::fmt::Write as _;

use super::{Rules, EMBEDDED};

fn string(text: &str) -> String {
    // Debug-formatted `str` is a valid Rust string literal (quotes and escapes included).
    format!("{text:?}.to_owned()")
}

fn strings(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("vec![{}]", inner.join(", "))
}

/// The source of `embedded.rs` for `rules`, parsed from [`EMBEDDED`].
pub fn source(rules: &Rules) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "// @generated from rules.toml by src/rules/codegen.rs: do not edit."
    );
    let _ = writeln!(
        w,
        "// Regenerate with: ESIGN_BLESS=1 cargo test --lib embedded_rules"
    );
    let _ = writeln!(w, "#![allow(clippy::pedantic, clippy::all)]");
    let _ = writeln!(w, "use super::*;");
    let _ = writeln!(w, "use crate::renewal::{{Lead, LeadUnit}};\n");
    let _ = writeln!(
        w,
        "/// Hash of the `rules.toml` text this file was generated from."
    );
    let _ = writeln!(
        w,
        "pub(super) const SOURCE_HASH: u64 = {:#018x};\n",
        super::text_hash(EMBEDDED)
    );
    let _ = writeln!(w, "pub(super) fn rules() -> Rules {{");
    let _ = writeln!(w, "    Rules {{");
    let i = &rules.institution;
    let _ = writeln!(
        w,
        "        institution: Institution {{ name: {}, desk: {}, timezone: {:?}.parse().expect(\"validated when generated\") }},",
        string(&i.name),
        string(&i.desk),
        i.timezone.name()
    );
    let _ = writeln!(
        w,
        "        lead: Lead {{ count: {}, unit: LeadUnit::{:?} }},",
        rules.lead.count, rules.lead.unit
    );
    let _ = writeln!(w, "        max_attempts: {},", rules.max_attempts);
    let p = &rules.portal;
    let _ = writeln!(
        w,
        "        portal: Portal {{ name: {}, url: {}, login: {} }},",
        string(&p.name),
        string(&p.url),
        string(&p.login)
    );
    let _ = writeln!(w, "        paths: Paths {{");
    for (name, path) in [
        ("unlock", &rules.paths.unlock),
        ("suspend", &rules.paths.suspend),
        ("revoke", &rules.paths.revoke),
    ] {
        let gloss = path
            .gloss_en
            .as_ref()
            .map_or("None".to_owned(), |g| format!("Some({})", strings(g)));
        let _ = writeln!(
            w,
            "            {name}: MenuPath {{ labels: {}, gloss_en: {gloss} }},",
            strings(&path.labels)
        );
    }
    let _ = writeln!(w, "        }},");
    let _ = writeln!(w, "        duties: vec![");
    for d in &rules.duties {
        let _ = writeln!(
            w,
            "            Duty {{ id: {}, label_tr: {}, label_en: {}, notes_tr: {}, notes_en: {}, titles: {} }},",
            string(&d.id),
            string(&d.label_tr),
            string(&d.label_en),
            strings(&d.notes_tr),
            strings(&d.notes_en),
            strings(&d.titles)
        );
    }
    let _ = writeln!(w, "        ],");
    let _ = writeln!(w, "        causes: vec![");
    for c in &rules.causes {
        let requires: Vec<String> = c.requires.iter().map(|t| format!("Task::{t:?}")).collect();
        let _ = writeln!(
            w,
            "            Cause {{ id: {}, label_tr: {}, label_en: {}, requires: vec![{}] }},",
            string(&c.id),
            string(&c.label_tr),
            string(&c.label_en),
            requires.join(", ")
        );
    }
    let _ = writeln!(w, "        ],");
    let _ = writeln!(w, "        fees: vec![");
    for f in &rules.fees {
        let _ = writeln!(
            w,
            "            FeeRule {{ id: {}, duties: {}, causes: {}, payer: Payer::{:?}, source: {}, offset: {} }},",
            string(&f.id),
            strings(&f.duties),
            strings(&f.causes),
            f.payer,
            string(&f.source),
            f.offset
        );
    }
    let _ = writeln!(w, "        ],");
    let _ = writeln!(w, "        card_modules: {},", strings(&rules.card_modules));
    let _ = writeln!(w, "    }}");
    let _ = writeln!(w, "}}");
    out
}

#[cfg(test)]
mod tests {
    use super::super::{text_hash, Rules, EMBEDDED};

    /// `embedded.rs` is what the generator makes of today's `rules.toml`, and builds the
    /// same value as parsing it.
    #[test]
    fn embedded_rules_are_current() {
        let parsed = Rules::parse(EMBEDDED, "rules.toml").unwrap();
        let wanted = super::source(&parsed);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/embedded.rs");
        if std::env::var_os("ESIGN_BLESS").is_some() {
            std::fs::write(path, &wanted).unwrap();
        }
        let current = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            current == wanted,
            "src/rules/embedded.rs is stale: run `ESIGN_BLESS=1 cargo test --lib embedded_rules` and commit it"
        );
        assert_eq!(super::super::embedded::SOURCE_HASH, text_hash(EMBEDDED));
        assert_eq!(
            format!("{:?}", super::super::embedded::rules()),
            format!("{parsed:?}")
        );
    }

    #[test]
    fn the_hash_tells_rules_texts_apart() {
        // The hash tells texts apart: a one-byte change gives another hash.
        assert_ne!(
            text_hash(EMBEDDED),
            text_hash(&EMBEDDED.replacen("1 month", "2 month", 1))
        );
    }
}
