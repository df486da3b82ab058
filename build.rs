//! Build steps for `esign`:
//!
//! 1. The embedded rules: `rules.toml` goes through the library's own loader
//!    (`src/rules/`, compiled into this script as it is into the library: one loader, not
//!    a copy), so an invalid default fails the build with every problem located, and the
//!    validated `Rules` is written to `OUT_DIR` in postcard's compact form. The binary
//!    reads that at start-up instead of parsing TOML (`src/embedded.rs` says why).
//! 2. Linking the `esign` executable without PIE on Linux: a position-independent
//!    executable is relocated at every start; with ~30,000 relative relocations (clap's
//!    tables, chrono-tz's zone data) that is several hundred page faults, more than the
//!    command's own work. See benches/startup.sh. Libraries are untouched.
#![allow(dead_code, unused_imports)]

#[path = "src/lang.rs"]
mod lang;
#[path = "src/renewal.rs"]
mod renewal;
#[path = "src/rules/mod.rs"]
mod rules;
#[path = "src/text.rs"]
mod text;

use std::path::PathBuf;

fn main() {
    for input in [
        "rules.toml",
        "src/rules",
        "src/lang.rs",
        "src/renewal.rs",
        "src/text.rs",
        "build.rs",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let text = std::fs::read_to_string("rules.toml").expect("rules.toml is readable");
    let rules = match rules::Rules::parse(&text, "rules.toml") {
        Ok(rules) => rules,
        Err(e) => {
            eprintln!("{e}");
            panic!("rules.toml, the embedded default, is invalid (problems above)");
        }
    };
    let compact = postcard::to_allocvec(&rules).expect("rules serialise");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("embedded-rules.postcard"), compact).expect("OUT_DIR is writable");

    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
