//! Typed dates: never a panic; an accepted date formats back to a 4-digit year.
#![no_main]
use chrono::Datelike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(date) = esign::date::parse_date(text) {
        assert!((1..=9999).contains(&date.year()), "{date}");
        let iso = esign::lang::Lang::En.date(date);
        assert_eq!(esign::date::parse_date(&iso), Ok(date));
        let tr = esign::lang::Lang::Tr.date(date);
        assert_eq!(esign::date::parse_date(&tr), Ok(date));
    }
});
