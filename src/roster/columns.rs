//! The header row: which column holds what, matched the Turkish way, and which
//! delimiter the file uses.

use csv::StringRecord;

use crate::text::fold_ascii;

/// Header names that mean the certificate's expiry date (compared after [`header_key`]).
pub const EXPIRY_HEADERS: &[&str] = &[
    "expiry",
    "expires",
    "not_after",
    "bitis",
    "bitiş",
    "bitiş tarihi",
    "son kullanma tarihi",
    "geçerlilik bitiş",
];

/// Header names that mean the person.
pub const NAME_HEADERS: &[&str] = &["name", "ad soyad", "ad", "isim", "personel"];

/// Header names that mean the person's administrative duty.
pub const DUTY_HEADERS: &[&str] = &["duty", "görev", "idari görev"];

/// The columns found in the header.
#[derive(Debug, Clone)]
pub struct Columns {
    pub headers: StringRecord,
    pub delimiter: u8,
    pub expiry: usize,
    pub name: Option<usize>,
    pub duty: Option<usize>,
}

/// A header name reduced for comparison: Turkish-aware lower case, ASCII letters,
/// `_` and `-` as spaces, runs of white space as one (`Not_After`, `BİTİŞ  TARİHİ`).
#[must_use]
pub fn header_key(name: &str) -> String {
    let folded = fold_ascii(name).replace(['_', '-'], " ");
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The delimiter a header line uses: the most frequent of `,` `;` tab outside quotes
/// (a comma on a tie, and for a one-column file).
#[must_use]
pub fn detect_delimiter(header_line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in header_line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

pub(super) fn find_column(headers: &StringRecord, wanted: &[&str]) -> Option<usize> {
    let keys: Vec<String> = wanted.iter().map(|w| header_key(w)).collect();
    headers.iter().position(|h| keys.contains(&header_key(h)))
}

pub(super) fn header_list(headers: &StringRecord) -> String {
    let names: Vec<String> = headers.iter().map(|h| format!("\"{h}\"")).collect();
    format!("found {}", names.join(", "))
}
