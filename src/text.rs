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
    if !text.chars().any(is_hostile) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
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

#[cfg(test)]
mod tests {
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
