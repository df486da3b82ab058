//! `Rules::parse` on any text: never a panic, and an error always says something.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = esign::rules::Rules::parse(text, "fuzz.toml") {
        assert!(!e.to_string().is_empty());
    }
});
