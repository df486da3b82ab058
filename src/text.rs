//! Turkish-aware text helpers: case folding for comparisons and the ASCII fallback
//! table for consoles that cannot show Turkish letters.
//!
//! Rust's `to_lowercase` is locale-blind: it turns `I` into `i` and `İ` into `i̇`.
//! Turkish pairs `I`/`ı` and `İ`/`i`, so both are mapped explicitly first.

/// `str::trim`, with a fast path for the common cell: ASCII white space (or none) at both
/// ends is trimmed byte-wise; only a cell that starts or ends with a non-ASCII character
/// pays for the Unicode check (a no-break space from a spreadsheet, say). The roster
/// trims three cells of every row.
#[must_use]
pub fn trim(text: &str) -> &str {
    let t = text.trim_ascii();
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(first), Some(last)) if !first.is_ascii() || !last.is_ascii() => t.trim(),
        _ => t,
    }
}

/// Lower-cases the Turkish way and trims, for comparing titles and header names.
#[must_use]
pub fn fold_tr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            'I' => out.push('ı'),
            'İ' => out.push('i'),
            other => out.extend(other.to_lowercase()),
        }
    }
    out
}

/// Folds for matching what people type against names: Turkish lower case, then `ı`
/// and `i` as one letter (a keyboard without Turkish letters, or a slip: "bölüm
/// başkani" finds "Bölüm Başkanı"), and runs of white space as one space.
#[must_use]
pub fn fold_loose(text: &str) -> String {
    let folded: String = fold_tr(text)
        .chars()
        .map(|c| if c == 'ı' { 'i' } else { c })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folds to plain ASCII lower case for lenient matching of header names:
/// `Bitiş Tarihi`, `BITIS TARIHI` and `bitis tarihi` all become `bitis tarihi`.
#[must_use]
pub fn fold_ascii(text: &str) -> String {
    to_ascii(&fold_tr(text)).to_ascii_lowercase()
}

/// The deliberate ASCII table: Turkish letters by hand (ı has no decomposition, so
/// strip-the-accent tricks get it wrong), common punctuation to its ASCII look-alike,
/// anything else to `?` so nothing non-ASCII leaks through.
#[must_use]
pub fn to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let mapped = match c {
            'ç' => "c",
            'Ç' => "C",
            'ğ' => "g",
            'Ğ' => "G",
            'ı' => "i",
            'İ' => "I",
            'ö' => "o",
            'Ö' => "O",
            'ş' => "s",
            'Ş' => "S",
            'ü' => "u",
            'Ü' => "U",
            'â' => "a",
            'Â' => "A",
            'î' => "i",
            'Î' => "I",
            'û' => "u",
            'Û' => "U",
            '→' => "->",
            '←' => "<-",
            '×' => "x",
            '–' | '—' | '−' => "-",
            '‘' | '’' | '´' => "'",
            '“' | '”' | '«' | '»' => "\"",
            '…' => "...",
            '•' | '·' => "*",
            '█' | '▉' | '▊' | '▋' | '▌' | '▍' | '▎' | '▏' => "#",
            '─' | '━' => "-",
            '│' => "|",
            '\u{a0}' | '\u{202f}' => " ",
            _ => "?",
        };
        out.push_str(mapped);
    }
    out
}

/// Characters that must never reach a terminal raw: C0 and C1 controls, DEL, and the
/// bidirectional formatting marks that can make text read in another order (U+202E).
#[must_use]
pub fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every hostile character ([`is_hostile`]) escaped (`\n`, `\r`, `\t`,
/// `\u{1b}`), so a name or a cell can never start a line of its own or move the cursor.
/// Borrows when there is nothing to escape.
#[must_use]
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII, the common case, needs no look at each character.
    if is_printable_ascii(text.as_bytes()) || !text.chars().any(is_hostile) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// Whether every byte is printable ASCII (0x20 to 0x7E). Branch-free, so it vectorises.
#[allow(clippy::needless_bitwise_bool)] // deliberate: no short-circuit, so it vectorises
fn is_printable_ascii(bytes: &[u8]) -> bool {
    !bytes
        .iter()
        .fold(false, |odd, &b| odd | !(0x20..=0x7e).contains(&b))
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_hostile(c) => {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// Input quoted in a message: at most `max` characters of it (then `…`), hostile
/// characters escaped. A 100 MB cell stays a short line on stderr.
#[must_use]
pub fn quote(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 2) + 4);
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c);
    }
    out
}

/// How many characters of typed input a message quotes.
pub const QUOTE_CHARS: usize = 80;

/// A name with the Turkish dative ("to") suffix, after an apostrophe as for proper
/// names: `Bilgi İşlem Daire Başkanlığı'na`, `Rektörlük'e`, `BİDB'ye`. A name ending
/// in a possessive-looking -ı/-i/-u/-ü (Başkanlığı, Müdürlüğü, Merkezi) takes the
/// buffer n, another vowel y; the vowel follows the name's last vowel. Abbreviations
/// are read letter by letter (BİDB: "be" → e).
#[must_use]
pub fn dative_tr(name: &str) -> String {
    const VOWELS: &str = "aıoueiöü";
    let trimmed = name.trim_end();
    let folded = fold_tr(trimmed);
    let last = folded.chars().last();
    let is_abbreviation = trimmed.chars().count() > 1
        && trimmed
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    let (last_vowel, buffer) = if is_abbreviation {
        // Letters are read with e (be, ce, de …, TDK's reading): a vowel is itself.
        (last.filter(|c| VOWELS.contains(*c)).unwrap_or('e'), "y")
    } else {
        let buffer = match last {
            Some('ı' | 'i' | 'u' | 'ü') => "n",
            Some(c) if VOWELS.contains(c) => "y",
            _ => "",
        };
        let vowel = folded.chars().rev().find(|c| VOWELS.contains(*c));
        (vowel.unwrap_or('e'), buffer)
    };
    let vowel = if "aıou".contains(last_vowel) {
        'a'
    } else {
        'e'
    };
    format!("{trimmed}'{buffer}{vowel}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn dative_follows_the_name() {
        use super::dative_tr;
        assert_eq!(
            dative_tr("Bilgi İşlem Daire Başkanlığı"),
            "Bilgi İşlem Daire Başkanlığı'na"
        );
        assert_eq!(dative_tr("Rektörlük"), "Rektörlük'e");
        assert_eq!(
            dative_tr("Personel Daire Başkanlığı"),
            "Personel Daire Başkanlığı'na"
        );
        assert_eq!(dative_tr("Bilgi İşlem Merkezi"), "Bilgi İşlem Merkezi'ne");
        assert_eq!(dative_tr("Kalite Ofisi"), "Kalite Ofisi'ne");
        assert_eq!(dative_tr("Genel Sekreterlik"), "Genel Sekreterlik'e");
        assert_eq!(dative_tr("BİDB"), "BİDB'ye");
        assert_eq!(dative_tr("IT desk"), "IT desk'e");
        assert_eq!(dative_tr("Büro"), "Büro'ya");
    }

    use super::*;

    #[test]
    fn trims_like_str_trim() {
        for text in [
            "",
            " ",
            "a",
            " a b ",
            "\t2025-06-01\r",
            "\u{a0}01.06.2025\u{a0}",
            "ş ",
            " ı",
            "\u{2003}x\u{3000}",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn folds_turkish_case() {
        assert_eq!(fold_tr("DEKAN"), "dekan");
        assert_eq!(fold_tr("Bölüm başkanı"), fold_tr("BÖLÜM BAŞKANI"));
        assert_eq!(fold_tr("İŞLEMLERİ"), "işlemleri");
        assert_eq!(fold_tr("ISPARTA"), "ısparta");
        assert_ne!(fold_tr("ISPARTA"), fold_tr("isparta"));
    }

    #[test]
    fn loose_folding_joins_dotted_and_dotless_i() {
        assert_eq!(fold_loose("bölüm başkani"), fold_loose("Bölüm Başkanı"));
        assert_eq!(fold_loose("BÖLÜM BAŞKANI"), fold_loose("Bölüm Başkanı"));
        assert_eq!(fold_loose("Dr.  Öğr. Üyesi"), fold_loose("dr. öğr. üyesi"));
        assert_eq!(fold_loose("İDARİ"), "idari");
    }

    #[test]
    fn ascii_table() {
        assert_eq!(
            to_ascii("Çağrı Işık İşlemleri ÖĞÜŞ âîû"),
            "Cagri Isik Islemleri OGUS aiu"
        );
        assert_eq!(
            to_ascii("NES İşlemleri → Kilit Çözme"),
            "NES Islemleri -> Kilit Cozme"
        );
        assert!(to_ascii("日本 — “x”").is_ascii());
        assert_eq!(fold_ascii("Bitiş Tarihi"), "bitis tarihi");
        assert_eq!(fold_ascii("GEÇERLİLİK BİTİŞ"), "gecerlilik bitis");
    }

    #[test]
    fn quoting_cuts_and_escapes() {
        assert_eq!(escape_controls("Ayşe"), "Ayşe");
        assert_eq!(
            escape_controls("A\nesign: error: x\u{1b}[2J\u{202e}"),
            "A\\nesign: error: x\\u{1b}[2J\\u{202e}"
        );
        let long = "x".repeat(1000);
        let q = quote(&long, QUOTE_CHARS);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
        assert_eq!(quote("a\rb", 80), "a\\rb");
    }
}
