//! The message catalogue: every error, warning and note `esign` prints, in Turkish and
//! English, in one place. Errors are data: the core's error types ([`DateError`],
//! [`CertError`], [`FeeError`], …) and the binary's [`Problem`]s carry only facts, and
//! are rendered here, in the language asked for. Their `Display` is the English text,
//! so logs and `{err}` in tests keep working.
//!
//! What stays the same in every language (scripts may rely on it): JSON keys, ids
//! (states, duties, causes), CSV headers and values, option names, exit statuses. The
//! words around them change with the language, so scripts read the exit status, never
//! stderr.
//!
//! Pure: values in, strings out. `std::io::ErrorKind` is a value too; the operating
//! system's own wording (English, whatever the locale) is replaced by the table in
//! [`os_error`].

pub mod help;

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::cert::{CertError, MAX_FILE_BYTES};
use crate::date::DateError;
use crate::fee::FeeError;
use crate::lang::Lang;
use crate::renewal::{LeadError, SpanError};
use crate::roster::{RosterError, RowError, WorkbookError, EXPIRY_HEADERS};

/// How serious a line on stderr is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Note,
}

/// The start of every stderr line: `esign: hata: ` / `esign: error: `.
#[must_use]
pub fn prefix(level: Level, lang: Lang) -> &'static str {
    match (level, lang) {
        (Level::Error, Lang::Tr) => "esign: hata: ",
        (Level::Error, Lang::En) => "esign: error: ",
        (Level::Warning, Lang::Tr) => "esign: uyarı: ",
        (Level::Warning, Lang::En) => "esign: warning: ",
        (Level::Note, Lang::Tr) => "esign: not: ",
        (Level::Note, Lang::En) => "esign: note: ",
    }
}

/// Something that can say itself in either language.
pub trait Localize {
    fn localize(&self, lang: Lang) -> String;
}

/// Picks the sentence for `lang` out of a pair.
fn pick(lang: Lang, tr: String, en: String) -> String {
    match lang {
        Lang::Tr => tr,
        Lang::En => en,
    }
}

/// What a failed write was writing to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteTarget {
    StandardOutput,
    /// A file, as the user named it.
    File(String),
}

/// A write that failed, naming where it went: carried inside an [`io::Error`] (which keeps
/// the cause's kind, so a closed pipe is still `BrokenPipe`) and said in either language.
#[derive(Debug)]
pub struct WriteFailed {
    pub target: WriteTarget,
    /// The operating system's error; `None` when standard output was closed at start.
    pub source: Option<io::Error>,
}

impl WriteFailed {
    /// `e` as an [`io::Error`] of the same kind that names `target`.
    #[must_use]
    pub fn wrap(target: WriteTarget, e: io::Error) -> io::Error {
        if matches!(e.get_ref(), Some(inner) if inner.is::<WriteFailed>()) {
            return e;
        }
        io::Error::new(
            e.kind(),
            WriteFailed {
                target,
                source: Some(e),
            },
        )
    }

    /// Standard output was closed when esign started (`esign check >&-`).
    #[must_use]
    pub fn stdout_closed() -> io::Error {
        io::Error::other(WriteFailed {
            target: WriteTarget::StandardOutput,
            source: None,
        })
    }
}

impl Localize for WriteFailed {
    fn localize(&self, lang: Lang) -> String {
        let cause = match &self.source {
            Some(e) => os_error(e, lang),
            None => pick(lang, "kapalı".into(), "it is closed".into()),
        };
        match (&self.target, lang) {
            (WriteTarget::StandardOutput, Lang::Tr) => {
                format!("standart çıktıya yazılamadı: {cause}")
            }
            (WriteTarget::StandardOutput, Lang::En) => {
                format!("cannot write to standard output: {cause}")
            }
            (WriteTarget::File(name), Lang::Tr) => format!("{name} yazılamadı: {cause}"),
            (WriteTarget::File(name), Lang::En) => format!("cannot write {name}: {cause}"),
        }
    }
}

impl fmt::Display for WriteFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for WriteFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// An operating-system error in words: the kinds staff meet are translated; anything
/// else keeps the system's text, with its number, in English.
#[must_use]
pub fn os_error(err: &io::Error, lang: Lang) -> String {
    use io::ErrorKind as K;
    if let Some(failed) = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<WriteFailed>())
    {
        return failed.localize(lang);
    }
    let (tr, en) = match err.kind() {
        K::NotFound => ("böyle bir dosya ya da klasör yok", "no such file or folder"),
        K::PermissionDenied => ("erişim izni yok", "permission denied"),
        K::AlreadyExists => ("bu adda bir dosya zaten var", "a file of that name exists"),
        K::IsADirectory => ("bu bir klasör, dosya değil", "it is a folder, not a file"),
        K::NotADirectory => (
            "yoldaki bir ad klasör değil",
            "a part of the path is not a folder",
        ),
        K::InvalidData => ("dosyanın içeriği okunamıyor", "the data cannot be read"),
        K::UnexpectedEof => ("dosya yarıda bitiyor", "the file ends too early"),
        K::StorageFull => ("diskte yer kalmadı", "the disk is full"),
        K::ReadOnlyFilesystem => (
            "dosya sistemi yalnızca okunabilir",
            "the file system is read-only",
        ),
        K::TimedOut => ("zaman aşımı", "timed out"),
        K::Interrupted => ("işlem yarıda kesildi", "interrupted"),
        K::BrokenPipe => (
            "çıktının alıcısı kapandı",
            "the reader of the output went away",
        ),
        _ => {
            return match (lang, err.raw_os_error()) {
                (Lang::Tr, Some(code)) => format!("işletim sistemi hatası {code}"),
                (Lang::Tr, None) => "işletim sistemi hatası".to_owned(),
                (Lang::En, _) => err.to_string(),
            }
        }
    };
    match lang {
        Lang::Tr => tr.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// The date forms every date input accepts, quoted in each date error.
#[must_use]
pub fn date_forms(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => {
            "GG.AA.YYYY (01.06.2025), GG/AA/YYYY (01/06/2025) ya da YYYY-AA-GG (2025-06-01)"
        }
        Lang::En => "DD.MM.YYYY (01.06.2025), DD/MM/YYYY (01/06/2025) or YYYY-MM-DD (2025-06-01)",
    }
}

impl Localize for DateError {
    fn localize(&self, lang: Lang) -> String {
        let forms = date_forms(lang);
        // Input quoted in a message: cut to a few dozen characters, controls escaped.
        let text = match self {
            DateError::Empty => String::new(),
            DateError::Form(t)
            | DateError::NoSuchDay(t)
            | DateError::MonthFirst(t)
            | DateError::OutOfRange(t) => crate::text::quote(t, crate::text::QUOTE_CHARS),
        };
        match self {
            DateError::Empty => pick(
                lang,
                format!("tarih boş: {forms} biçiminde yazın"),
                format!("no date given: use {forms}"),
            ),
            DateError::Form(_) => pick(
                lang,
                format!("\"{text}\" bir tarih değil: {forms} biçiminde yazın"),
                format!("\"{text}\" is not a date: use {forms}"),
            ),
            DateError::MonthFirst(_) => pick(
                lang,
                format!("\"{text}\" gün önce yazılmış bir tarih olamaz (ikinci sayı 12'den büyük): ay önce yazılmış görünüyor; tarihi GG/AA/YYYY ya da YYYY-AA-GG biçiminde yazın"),
                format!("\"{text}\" cannot be day first (its second part is above 12): it looks month first; write it as DD/MM/YYYY or YYYY-MM-DD"),
            ),
            DateError::OutOfRange(_) => pick(
                lang,
                format!("\"{text}\" esign'ın çalıştığı yılların dışında: 01.01.1900 ile 31.12.9998 arasında bir tarih yazın"),
                format!("\"{text}\" is outside the years esign works with: give a date from 01.01.1900 to 31.12.9998"),
            ),
            DateError::NoSuchDay(_) => pick(
                lang,
                format!("\"{text}\" takvimde olmayan bir gün: günü ve ayı denetleyin; geçerli biçimler: {forms}"),
                format!("\"{text}\" is not a day of the calendar: check the day and month; accepted forms: {forms}"),
            ),
        }
    }
}

impl Localize for CertError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            CertError::Empty => pick(
                lang,
                "dosya boş: X.509 sertifikası (PEM ya da DER) bekleniyordu".to_owned(),
                "it is empty: expected an X.509 certificate (PEM or DER)".to_owned(),
            ),
            CertError::TooLarge { size } => pick(
                lang,
                format!("dosya {size} bayt; bir sertifika için çok büyük (en çok {MAX_FILE_BYTES} bayt): doğru dosya mı?"),
                format!("it is {size} bytes, too large for a certificate (at most {MAX_FILE_BYTES} bytes): is it the right file?"),
            ),
            CertError::PrivateKey { label } => pick(
                lang,
                format!("bu bir özel anahtar ({label}), sertifika değil: sertifika dosyasını (.cer, .crt, .pem) verin, anahtarı asla"),
                format!("this is a private key ({label}), not a certificate: give the certificate file (.cer, .crt, .pem), never the key"),
            ),
            CertError::BrokenPem { index, label, detail } => pick(
                lang,
                format!("{index}. PEM bloğunun (\"{label}\") içi bozuk ({detail}): dosya hasarlı ya da kopyalanırken yarım kalmış"),
                format!("PEM block {index} (\"{label}\") has a broken body ({detail}): the file is damaged or was cut when copied"),
            ),
            CertError::NoCertificateInPem { labels } => pick(
                lang,
                format!("PEM dosyasında sertifika yok, yalnızca {labels} var: \"BEGIN CERTIFICATE\" blokları bekleniyordu"),
                format!("the PEM file holds no certificate, only {labels}: expected \"BEGIN CERTIFICATE\" blocks"),
            ),
            CertError::Truncated { expected, found } => pick(
                lang,
                format!("DER verisi eksik: {expected} bayt olması gerekirken {found} bayt var; sertifikayı yeniden kopyalayın"),
                format!("the DER data is truncated: it announces {expected} bytes but only {found} are there; copy the certificate again"),
            ),
            CertError::NotCertificate => pick(
                lang,
                "sertifika değil: ne PEM metni (\"-----BEGIN CERTIFICATE-----\") ne de DER (ikili X.509)".to_owned(),
                "not a certificate: neither PEM text (\"-----BEGIN CERTIFICATE-----\") nor DER (binary X.509)".to_owned(),
            ),
            CertError::Malformed(detail) => pick(
                lang,
                format!("geçerli bir X.509 sertifikası değil ({detail})"),
                format!("not a valid X.509 certificate: {detail}"),
            ),
            CertError::TrailingBytes { extra } => pick(
                lang,
                format!("sertifikanın ardından ona ait olmayan {extra} bayt var: dosya hasarlı ya da iki dosya birleştirilmiş; sertifikayı yeniden kopyalayın"),
                format!("the certificate is followed by {extra} bytes that are not part of it: the file is damaged or two files were joined; copy the certificate again"),
            ),
            CertError::MismatchedPem { index, begin, end } => pick(
                lang,
                format!("{index}. PEM bloğu \"{begin}\" ile başlıyor ama \"{end}\" ile bitiyor: dosya elle düzenlenmiş ya da hasarlı"),
                format!("PEM block {index} begins as \"{begin}\" but ends as \"{end}\": the file was edited by hand or damaged"),
            ),
            CertError::NeverValid { not_before, not_after } => pick(
                lang,
                format!("sertifika hiçbir zaman geçerli olamaz: başlangıcı ({not_before}) bitişinden ({not_after}) sonra; düzgün bir sertifika için kurumunuza başvurun"),
                format!("the certificate can never be valid: it starts ({not_before}) after it ends ({not_after}); ask the issuer for a correct one"),
            ),
            CertError::BrokenPkcs7 { detail } => pick(
                lang,
                format!("PKCS#7 paketi okunamadı ({detail}): sertifikaları openssl pkcs7 -print_certs -in DOSYA -out certs.pem ile çıkarıp certs.pem dosyasını verin"),
                format!("the PKCS#7 bundle cannot be read ({detail}): extract its certificates with `openssl pkcs7 -print_certs -in FILE -out certs.pem` and give certs.pem"),
            ),
            CertError::EmptyPkcs7 => pick(
                lang,
                "PKCS#7 paketinde sertifika yok".to_owned(),
                "the PKCS#7 bundle holds no certificate".to_owned(),
            ),
        }
    }
}

impl Localize for LeadError {
    fn localize(&self, lang: Lang) -> String {
        pick(lang, self.turkish(), self.to_string())
    }
}

impl Localize for SpanError {
    fn localize(&self, lang: Lang) -> String {
        let text = &self.0;
        pick(
            lang,
            format!(
                "\"{text}\" bir süre değil: 30d, 6w ya da 2m gibi yazın (gün, hafta, takvim ayı)"
            ),
            self.to_string(),
        )
    }
}

/// `satır 12` / `line 12`.
#[must_use]
pub fn line(n: u64, lang: Lang) -> String {
    pick(lang, format!("satır {n}"), format!("line {n}"))
}

impl Localize for RosterError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            RosterError::Empty => pick(
                lang,
                "liste boş: \"ad soyad;bitiş\" gibi bir başlık satırı bekleniyordu".to_owned(),
                "the roster is empty: expected a header row such as \"name,expiry\"".to_owned(),
            ),
            RosterError::NoExpiryColumn { found, wanted } => pick(
                lang,
                format!("başlıkta bitiş tarihi sütunu yok ({found}): sütunlardan birine şu adlardan birini verin: {wanted}; ya da sütunu --expiry-column ile seçin"),
                format!("no expiry column in the header ({found}): give one of them one of these names: {wanted}; or pick it with --expiry-column"),
            ),
            RosterError::NoSuchColumn { wanted, found } => pick(
                lang,
                format!("başlıkta \"{wanted}\" sütunu yok ({found})"),
                format!("no column \"{wanted}\" in the header ({found})"),
            ),
            RosterError::NotUtf8 { line: n } => pick(
                lang,
                format!("satır {n} UTF-8 değil: dosya Türkçe Excel'den geliyorsa --encoding windows-1254 kullanın"),
                format!("line {n} is not valid UTF-8: if the file comes from Turkish Excel, use --encoding windows-1254"),
            ),
            RosterError::Io(e) => pick(
                lang,
                format!("liste okunamadı: {}", os_error(e, lang)),
                format!("reading the roster: {}", os_error(e, lang)),
            ),
            RosterError::Csv { line: n, message } => pick(
                lang,
                format!("satır {n}: CSV okunamadı ({message})"),
                format!("line {n}: {message}"),
            ),
            RosterError::Workbook(e) => e.localize(lang),
            RosterError::NoSuchSheet { wanted, found } => pick(
                lang,
                format!("çalışma kitabında \"{wanted}\" sayfası yok; sayfaları: {found}"),
                format!("no sheet \"{wanted}\" in the workbook: it has {found}"),
            ),
            RosterError::TooLarge { limit_mib } => pick(
                lang,
                format!("çalışma kitabı {limit_mib} MiB'tan büyük: personel listesini ayrı bir dosyaya ya da CSV olarak kaydedin"),
                format!("the workbook is larger than {limit_mib} MiB: save the staff list on its own, or as CSV"),
            ),
            RosterError::LineTooLong { line: n, max } => pick(
                lang,
                format!("satır {n} {max} bayttan uzun: bu bir personel listesi değil gibi; dosyayı ve --delimiter seçeneğini denetleyin"),
                format!("line {n} is longer than {max} bytes: this does not look like a staff list; check the file and --delimiter"),
            ),
            RosterError::UnclosedQuote { line: n } => pick(
                lang,
                format!("satır {n}: açılan tırnak (\") hiç kapanmıyor; tırnağı kapatın ya da silin ve dosyayı yeniden kaydedin"),
                format!("line {n}: a quote (\") opens and is never closed; close or remove it and save the file again"),
            ),
        }
    }
}

impl Localize for WorkbookError {
    fn localize(&self, lang: Lang) -> String {
        let save_again_tr = "Excel ya da LibreOffice ile açıp yeniden kaydedin";
        let save_again_en = "open it in Excel or LibreOffice and save it again";
        match self {
            WorkbookError::SheetEmpty { sheet } => pick(
                lang,
                format!("\"{sheet}\" sayfası boş: \"Ad Soyad | Bitiş Tarihi\" gibi bir başlık satırı bekleniyordu"),
                format!("sheet \"{sheet}\" is empty: expected a header row such as \"Ad Soyad | Bitiş Tarihi\""),
            ),
            WorkbookError::NoHeader { found, rows } => {
                let names = EXPIRY_HEADERS.join(", ");
                pick(
                    lang,
                    format!("ilk {rows} satırda bitiş tarihi sütunu olan bir başlık yok ({found}): sütunlardan birinin adı şunlardan biri olsun: {names}; ya da sütunu --expiry-column ile seçin"),
                    format!("no expiry column in the header ({found}): name one of: {names} (in one of the first {rows} rows), or pick it with --expiry-column"),
                )
            }
            WorkbookError::Unreadable { kind, detail } => pick(
                lang,
                format!("dosya okunabilir bir {kind} çalışma kitabı değil: Excel ya da LibreOffice ile açıp yeniden ya da CSV olarak kaydedin"),
                format!("the file is not a readable {kind} workbook ({detail}): {save_again_en}, or save it as CSV"),
            ),
            WorkbookError::NotWorkbook => pick(
                lang,
                "dosya bir çalışma kitabı değil: .xlsx, .xlsm, .xls ya da .ods bekleniyordu".to_owned(),
                "the file is not a workbook: expected .xlsx, .xlsm, .xls or .ods".to_owned(),
            ),
            WorkbookError::Password => pick(
                lang,
                "çalışma kitabı parolayla korunuyor: parolasız bir kopyasını (Dosya > Bilgi > Çalışma Kitabını Koru) ya da CSV olarak kaydedin".to_owned(),
                "the workbook is password-protected: save a copy without a password (File > Info > Protect Workbook), or save it as CSV".to_owned(),
            ),
            WorkbookError::NoSheet => pick(
                lang,
                "çalışma kitabında hiç sayfa yok".to_owned(),
                "the workbook has no sheet".to_owned(),
            ),
            WorkbookError::SheetUnreadable { sheet, detail } => pick(
                lang,
                format!("\"{sheet}\" sayfası okunamadı: {save_again_tr}"),
                format!("sheet \"{sheet}\" cannot be read ({detail}): {save_again_en}"),
            ),
        }
    }
}

impl Localize for RowError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            RowError::FieldCount { found, expected } => pick(
                lang,
                format!("satırda {found} alan var, başlıkta {expected}"),
                format!("has {found} fields where the header has {expected}"),
            ),
            RowError::NoDate { column } => pick(
                lang,
                format!("\"{column}\" sütununda bitiş tarihi yok"),
                format!("no expiry date in column \"{column}\""),
            ),
            RowError::BadDate { column, source } => {
                let hint = match (source, lang) {
                    (DateError::MonthFirst(_), Lang::Tr) => {
                        "; dosyadaki tarihler ay önce yazılmışsa: --date-order mdy"
                    }
                    (DateError::MonthFirst(_), Lang::En) => {
                        "; if the file writes dates month first: --date-order mdy"
                    }
                    _ => "",
                };
                pick(
                    lang,
                    format!("\"{column}\" sütunu: {}{hint}", source.localize(lang)),
                    format!("column \"{column}\": {}{hint}", source.localize(lang)),
                )
            }
            RowError::NumberNotDate { column, value } => pick(
                lang,
                format!("\"{column}\" sütununda tarih değil, {value} sayısı var: tarihi yazın (01.06.2025) ya da hücreyi tarih olarak biçimlendirin"),
                format!("column \"{column}\" holds the number {value}, not a date: type the date (01.06.2025) or format the cell as a date"),
            ),
        }
    }
}

/// `"id" (label), "id" (label), …`: what an error offers instead of an unknown id. The
/// ids are quoted: they are typed as they are, whatever the language.
fn id_list(items: &[(String, String)]) -> String {
    items
        .iter()
        .map(|(id, label)| format!("\"{id}\" ({label})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fee request that named no known duty or cause, with the ids (and their labels in
/// `lang`) to choose from: `duties` and `causes` are `(id, label)` pairs.
#[must_use]
pub fn fee_error(
    err: &FeeError,
    duties: &[(String, String)],
    causes: &[(String, String)],
    lang: Lang,
) -> String {
    let (d, c) = (id_list(duties), id_list(causes));
    match err {
        FeeError::UnknownDuty { given, .. } => pick(
            lang,
            format!("\"{given}\" diye bir görev yok: --duty ile şunlardan birini verin: {d}"),
            format!("unknown duty \"{given}\": use --duty with one of {d}"),
        ),
        FeeError::UnknownTitle { given, .. } => pick(
            lang,
            format!("\"{given}\" unvanı hiçbir görevin listesinde yok: --duty ile şunlardan birini verin: {d} (ya da unvanı kurallara ekleyin)"),
            format!("no duty lists the title \"{given}\": use --duty with one of {d} (or add the title to the rules)"),
        ),
        FeeError::NoDuty { .. } => pick(
            lang,
            format!("kartın kimin olduğunu belirtin: --duty ile şunlardan biri: {d}; ya da --title"),
            format!("say whose card it is: --duty with one of {d}, or --title"),
        ),
        FeeError::UnknownCause { given, .. } => pick(
            lang,
            format!("\"{given}\" diye bir neden yok: --cause ile şunlardan birini verin: {c}"),
            format!("unknown cause \"{given}\": use --cause with one of {c}"),
        ),
        FeeError::NoCause { .. } => pick(
            lang,
            format!("kartın neden yenilendiğini belirtin: --cause ile şunlardan biri: {c}"),
            format!("say why the card is renewed: --cause with one of {c}"),
        ),
    }
}

impl Localize for FeeError {
    /// Without the rules' labels: the ids only.
    fn localize(&self, lang: Lang) -> String {
        let ids = |known: &Vec<String>| -> Vec<(String, String)> {
            known.iter().map(|k| (k.clone(), k.clone())).collect()
        };
        let (duties, causes) = match self {
            FeeError::UnknownDuty { known, .. }
            | FeeError::UnknownTitle { known, .. }
            | FeeError::NoDuty { known } => (ids(known), Vec::new()),
            FeeError::UnknownCause { known, .. } | FeeError::NoCause { known } => {
                (Vec::new(), ids(known))
            }
        };
        fee_error(self, &duties, &causes, lang)
    }
}

/// Why the binary stopped, as facts: what it was doing, with which file or option.
/// Rendered by [`Localize`]; `Display` is the English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `--now` is not an RFC 3339 instant.
    NowNotInstant { text: String },
    /// `$ESIGN_LANG` is neither tr nor en.
    LangEnv { value: String },
    /// A command asked for an output format it does not write.
    FormatNotWritten {
        command: &'static str,
        format: &'static str,
        supported: Vec<&'static str>,
    },
    /// An option the command cannot honour, such as `--ascii` on `rules show`.
    NotHonoured {
        option: &'static str,
        command: &'static str,
    },
    /// `esign check --cert` files held no certificate.
    NoCertificateInFiles,
    /// A folder where a file was wanted.
    IsFolder,
    /// Cannot read the file (the OS error follows).
    CannotRead { path: String },
    /// Cannot write the file (the OS error follows).
    CannotWrite { path: String },
    /// Cannot create the folder (the OS error follows).
    CannotCreateFolder { path: String },
    /// An output path without a file name.
    NamesNoFile { path: String },
    /// The rules file named by `$ESIGN_RULES` is broken.
    RulesFromEnv,
    /// The rules file named by `--rules` is broken.
    RulesFromFlag,
    /// The user's config file is broken.
    RulesFromConfig,
    /// The institution's system-wide rules file is broken.
    RulesFromSystem,
    /// A rules file that is not UTF-8.
    RulesNotUtf8 { path: String, offset: usize },
    /// A rules file over the size cap (`/dev/zero`, a wrong argument).
    RulesTooLarge { path: String, max: u64 },
    /// No config folder (no `$HOME`).
    NoConfigFolder,
    /// `rules init` without `--force` on an existing file.
    RulesFileExists { path: String },
    /// The roster, by its name, as context.
    Roster { origin: String },
    /// `--delimiter` is not one character.
    Delimiter { text: String },
    /// The card hides its certificates behind the PIN.
    CardNeedsPin,
    /// The card holds no certificate.
    CardEmpty,
    /// The browser could not be opened.
    Browser { why: String, url: String },
    /// `-o` with a format other than nagios or prometheus.
    OutputNotMonitoring { format: &'static str },
    /// `--sheet` given for a roster that is CSV.
    SheetOfCsv { origin: String, sheet: String },
    /// `esign guide` without a terminal to ask on.
    GuideNeedsTerminal,
}

/// How messages name standard input.
#[must_use]
pub fn standard_input(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "standart girdi",
        Lang::En => "standard input",
    }
}

/// The warning for a certificate file that also holds a private key (said with the
/// warning prefix).
#[must_use]
pub fn private_key_warning(file: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{file} also holds a private key: it contains a secret; do not send or share it, and keep the certificate in a file of its own"
        ),
        Lang::Tr => format!(
            "{file} bir özel anahtar da içeriyor: bu dosyada bir sır var; göndermeyin, paylaşmayın ve sertifikayı ayrı bir dosyada tutun"
        ),
    }
}

/// How messages name the embedded rules.
#[must_use]
pub fn embedded_rules(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "yerleşik varsayılan kurallar",
        Lang::En => "embedded default rules",
    }
}

impl Localize for Problem {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Problem::NowNotInstant { text } => pick(
                lang,
                format!("--now \"{text}\" RFC 3339 biçiminde bir zaman damgası değil: 2026-06-01T11:59:58+03:00 ya da 2026-06-01T08:59:58Z gibi yazın"),
                format!("--now \"{text}\" is not an RFC 3339 instant: write it like 2026-06-01T11:59:58+03:00 or 2026-06-01T08:59:58Z"),
            ),
            Problem::LangEnv { value } => pick(
                lang,
                format!("$ESIGN_LANG \"{value}\": tr ya da en yapın veya kaldırın"),
                format!("$ESIGN_LANG is \"{value}\": set it to tr or en, or unset it"),
            ),
            Problem::FormatNotWritten {
                command,
                format,
                supported,
            } => pick(
                lang,
                format!(
                    "esign {command} çıktısını {format} biçiminde veremez; verebildiği biçimler: {}",
                    supported.join(", ")
                ),
                format!(
                    "esign {command} does not write {format}: it writes {}",
                    supported.join(", ")
                ),
            ),
            Problem::NotHonoured { option, command } => pick(
                lang,
                format!("esign {command} {option} seçeneğini desteklemez: seçeneği kaldırın"),
                format!("esign {command} does not support {option}: leave it out"),
            ),
            Problem::NoCertificateInFiles => pick(
                lang,
                "verilen dosyalarda sertifika bulunamadı".to_owned(),
                "no certificate found in the files given".to_owned(),
            ),
            Problem::IsFolder => pick(
                lang,
                "bu bir klasör, sertifika dosyası değil".to_owned(),
                "is a folder, not a certificate file".to_owned(),
            ),
            Problem::CannotRead { path } => pick(
                lang,
                format!("{path} okunamadı"),
                format!("cannot read {path}"),
            ),
            Problem::CannotWrite { path } => pick(
                lang,
                format!("{path} yazılamadı"),
                format!("cannot write {path}"),
            ),
            Problem::CannotCreateFolder { path } => pick(
                lang,
                format!("{path} klasörü oluşturulamadı"),
                format!("cannot create folder {path}"),
            ),
            Problem::NamesNoFile { path } => pick(
                lang,
                format!("{path} bir dosya adı içermiyor"),
                format!("{path} names no file"),
            ),
            Problem::RulesFromEnv => pick(
                lang,
                "$ESIGN_RULES ile verilen kural dosyası: düzeltin ya da değişkeni kaldırın".to_owned(),
                "the file named by $ESIGN_RULES: fix or unset it".to_owned(),
            ),
            Problem::RulesFromFlag => pick(
                lang,
                "--rules ile verilen kural dosyası".to_owned(),
                "the file named by --rules".to_owned(),
            ),
            Problem::RulesFromConfig => pick(
                lang,
                "kendi kural dosyanız: düzeltin ya da esign rules init --force ile yenisiyle değiştirin".to_owned(),
                "your config file: fix it, or replace it with esign rules init --force".to_owned(),
            ),
            Problem::RulesFromSystem => pick(
                lang,
                "kurumun kural dosyası: düzeltmesi için bilgi işleme başvurun ya da --rules ile başka bir dosya verin".to_owned(),
                "the institution's rules file: ask your IT desk to fix it, or give another file with --rules".to_owned(),
            ),
            Problem::RulesNotUtf8 { path, offset } => pick(
                lang,
                format!("{path} kural dosyası UTF-8 metin değil ({offset}. baytta bozuk karakter): dosyayı UTF-8 olarak kaydedin"),
                format!("rules file {path} is not UTF-8 text (bad byte at offset {offset}): save it as UTF-8"),
            ),
            Problem::RulesTooLarge { path, max } => pick(
                lang,
                format!("{path} kural dosyası {max} bayttan büyük: doğru dosya mı?"),
                format!("rules file {path} is larger than {max} bytes: is it the right file?"),
            ),
            Problem::NoConfigFolder => pick(
                lang,
                "ayar klasörünüz bulunamadı: $HOME (ya da $XDG_CONFIG_HOME) değişkenini tanımlayın".to_owned(),
                "cannot find your config folder: set $HOME (or $XDG_CONFIG_HOME)".to_owned(),
            ),
            Problem::RulesFileExists { path } => pick(
                lang,
                format!("{path} zaten var ve olduğu gibi bırakıldı; yenisiyle değiştirmek için: esign rules init --force"),
                format!("{path} exists already: left untouched; to replace it: esign rules init --force"),
            ),
            Problem::Roster { origin } => pick(
                lang,
                format!("personel listesi {origin}"),
                format!("roster {origin}"),
            ),
            Problem::Delimiter { text } => pick(
                lang,
                format!("--delimiter \"{text}\" tek bir karakter değil: , ; tab ya da başka tek bir ASCII karakter verin"),
                format!("--delimiter \"{text}\" is not one character: use , ; tab or another single ASCII character"),
            ),
            Problem::CardNeedsPin => pick(
                lang,
                "kart, PIN girilmeden sertifika göstermiyor ve esign PIN'i hiçbir zaman sormaz: sertifikayı kartın kendi aracıyla dışa aktarın ve şunu çalıştırın: esign check --cert DOSYA".to_owned(),
                "the card shows no certificate without its PIN, and esign never asks for the PIN: export the certificate with the card's own tool and run esign check --cert FILE".to_owned(),
            ),
            Problem::CardEmpty => pick(
                lang,
                "kartta sertifika yok".to_owned(),
                "the card holds no certificate".to_owned(),
            ),
            Problem::Browser { why, url } => pick(
                lang,
                format!("{why}: {url} adresini kendiniz açın"),
                format!("{why}: open {url} yourself"),
            ),
            Problem::OutputNotMonitoring { format } => pick(
                lang,
                format!("-o yalnızca --format nagios ya da prometheus çıktısını yazar, {format} çıktısını yazmaz: standart çıktıyı yönlendirin (> DOSYA)"),
                format!("-o writes --format nagios or prometheus, not {format}: redirect standard output instead (> FILE)"),
            ),
            Problem::SheetOfCsv { origin, sheet } => pick(
                lang,
                format!("personel listesi {origin} bir CSV dosyası, çalışma kitabı değil: --sheet {sheet} yalnızca .xlsx, .xls ya da .ods dosyalarının sayfalarını seçer"),
                format!("roster {origin} is CSV, not a workbook: --sheet {sheet} names a sheet of an .xlsx, .xls or .ods file"),
            ),
            Problem::GuideNeedsTerminal => pick(
                lang,
                "esign guide soru sorar ve bir terminal ister: bir konsol penceresinde çalıştırın ya da komutları doğrudan çalıştırın (komutlar için: esign --help)".to_owned(),
                "esign guide asks questions and needs a terminal: run it in a console window, or run the commands directly (see esign --help)".to_owned(),
            ),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for Problem {}

/// Why `esign notify` stopped before or while sending, as facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailProblem {
    /// `--from` is not an address; `detail` is the parser's (English) reason (English only: left out in Turkish).
    BadFrom { address: String, detail: String },
    /// Drafts or sending without a sender address.
    NoSender,
    /// No column of the given name.
    NoEmailColumnNamed { origin: String, name: String },
    /// No column with one of the usual e-mail headers.
    NoEmailColumn { origin: String },
    /// No folder for the sent-log.
    NoStateFolder,
    /// The sent-log at `path` has a line that does not read.
    SentLog { path: String },
    /// `--send` without a server.
    NoSmtpUrl,
    /// The SMTP URL does not parse.
    SmtpNotUrl { detail: String },
    /// A password inside the SMTP URL.
    SmtpUrlPassword,
    /// The SMTP URL names no host.
    SmtpNoHost,
    /// `--smtp-ca-file` is not PEM.
    CaNotPem { path: String, detail: String },
    /// TLS could not be set up.
    Tls { host: String, detail: String },
    /// A scheme other than smtps or smtp.
    SmtpScheme { scheme: String },
    /// A user but no password.
    SmtpNoPassword { user: String },
    /// A password but no user.
    SmtpNoUser,
}

impl Localize for crate::notify::SentLogError {
    fn localize(&self, lang: Lang) -> String {
        let n = self.line;
        pick(
            lang,
            format!("satır {n} \"adres<SEKME>YYYY-AA-GG<SEKME>tür<SEKME>gönderim-anı\" biçiminde değil: satırı düzeltin ya da silin"),
            self.to_string(),
        )
    }
}

impl Localize for MailProblem {
    #[allow(clippy::too_many_lines)]
    fn localize(&self, lang: Lang) -> String {
        match self {
            MailProblem::BadFrom { address, detail } => pick(
                lang,
                format!("--from \"{address}\" bir e-posta adresi değil: e-imza@universite.edu.tr gibi yazın"),
                format!("--from \"{address}\" is not an e-mail address ({detail}): write it like e-imza@universite.edu.tr"),
            ),
            MailProblem::NoSender => pick(
                lang,
                "gönderen adresi yok: --from ADRES verin ya da kuralların [mail] bölümünde \"from\" değerini tanımlayın".to_owned(),
                "no sender address: give --from ADDRESS, or set from in the rules' [mail] section".to_owned(),
            ),
            MailProblem::NoEmailColumnNamed { origin, name } => pick(
                lang,
                format!("personel listesi {origin}: başlıkta \"{name}\" sütunu yok"),
                format!("roster {origin}: no column \"{name}\" in the header"),
            ),
            MailProblem::NoEmailColumn { origin } => {
                let names = crate::notify::EMAIL_HEADERS.join(", ");
                pick(
                    lang,
                    format!("personel listesi {origin}: başlıkta e-posta sütunu yok: sütunlardan birinin adı şunlardan biri olsun: {names}; ya da sütunu --email-column ile seçin"),
                    format!("roster {origin}: no e-mail column in the header: name one {names}, or pick it with --email-column"),
                )
            }
            MailProblem::NoStateFolder => pick(
                lang,
                "gönderim kaydı için durum klasörü bulunamadı: --state-file DOSYA verin".to_owned(),
                "no state folder found for the sent-log: give --state-file FILE".to_owned(),
            ),
            MailProblem::SentLog { path } => pick(
                lang,
                format!("gönderim kaydı {path}"),
                format!("sent-log {path}"),
            ),
            MailProblem::NoSmtpUrl => pick(
                lang,
                "--send için bir SMTP sunucusu gerekir: $ESIGN_SMTP_URL ya da --smtp-url verin, örneğin smtps://birim@posta.universite.edu.tr:465".to_owned(),
                "--send needs an SMTP server: set $ESIGN_SMTP_URL or --smtp-url, for example smtps://desk@mail.universite.edu.tr:465".to_owned(),
            ),
            MailProblem::SmtpNotUrl { detail } => pick(
                lang,
                "SMTP adresi geçerli bir URL değil: smtps://kullanıcı@sunucu:465 ya da smtp://kullanıcı@sunucu:587 gibi yazın".to_owned(),
                format!("the SMTP URL is not a URL ({detail}): write it like smtps://user@host:465 or smtp://user@host:587"),
            ),
            MailProblem::SmtpUrlPassword => pick(
                lang,
                "SMTP adresinde parola bulunmamalı: parolayı $ESIGN_SMTP_PASSWORD değişkenine ya da --smtp-password-file ile verilen dosyaya yazın".to_owned(),
                "the SMTP URL must not carry a password: put it in $ESIGN_SMTP_PASSWORD or a file named by --smtp-password-file".to_owned(),
            ),
            MailProblem::SmtpNoHost => pick(
                lang,
                "SMTP adresinde sunucu yok: smtps://kullanıcı@sunucu:465 gibi yazın".to_owned(),
                "the SMTP URL names no host: write it like smtps://user@host:465".to_owned(),
            ),
            MailProblem::CaNotPem { path, detail } => pick(
                lang,
                format!("--smtp-ca-file {path} bir PEM sertifikası değil"),
                format!("--smtp-ca-file {path} is not a PEM certificate ({detail})"),
            ),
            MailProblem::Tls { host, detail } => pick(
                lang,
                format!("{host} için TLS kurulamadı: {detail}"),
                format!("cannot set up TLS for {host}: {detail}"),
            ),
            MailProblem::SmtpScheme { scheme } => pick(
                lang,
                format!("SMTP adresinin şeması \"{scheme}\": smtps:// (TLS) ya da smtp:// (STARTTLS) kullanın"),
                format!("the SMTP URL's scheme is \"{scheme}\": use smtps:// (TLS) or smtp:// (STARTTLS)"),
            ),
            MailProblem::SmtpNoPassword { user } => pick(
                lang,
                format!("SMTP adresi \"{user}\" kullanıcısını belirtiyor ama parola verilmedi: $ESIGN_SMTP_PASSWORD ya da --smtp-password-file verin"),
                format!("the SMTP URL names the user \"{user}\" but no password is given: set $ESIGN_SMTP_PASSWORD or --smtp-password-file"),
            ),
            MailProblem::SmtpNoUser => pick(
                lang,
                "SMTP parolası verildi ama adreste kullanıcı yok: smtps://kullanıcı@sunucu:465 gibi yazın".to_owned(),
                "an SMTP password is given but the URL names no user: write it like smtps://user@host:465".to_owned(),
            ),
        }
    }
}

impl fmt::Display for MailProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for MailProblem {}

/// Why the card could not be read, one clear sentence each (the binary exits 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardError {
    /// No module at any of the usual places.
    NoModule { looked: String },
    /// Only a 32-bit AKIS driver (Windows `SysWOW64`), which a 64-bit program cannot load.
    Only32Bit { path: PathBuf },
    /// The module named (by `from`) does not exist.
    ModuleMissing { path: PathBuf, from: &'static str },
    /// A bare module name (named by `from`) the system's library search did not find.
    NotInSearchPath {
        name: String,
        from: &'static str,
        detail: String,
    },
    /// The file is not a PKCS#11 library.
    NotAModule { path: PathBuf, detail: String },
    /// `C_Initialize` failed.
    Init { path: PathBuf, detail: String },
    /// No reader.
    NoReader { path: PathBuf },
    /// A reader, but no card.
    NoCard,
    /// A blank card.
    Uninitialised,
    /// Any other failure while reading (`what` is an [`CardStep`]).
    Read { what: CardStep, detail: String },
}

/// What was being read when the card failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStep {
    Slots,
    TokenInfo,
    Session,
    Certificates,
    Certificate,
}

impl CardStep {
    fn localize(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CardStep::Slots, Lang::Tr) => "okuyucular listelenirken",
            (CardStep::Slots, Lang::En) => "listing the readers",
            (CardStep::TokenInfo, Lang::Tr) => "kart bilgisi okunurken",
            (CardStep::TokenInfo, Lang::En) => "reading the token info",
            (CardStep::Session, Lang::Tr) => "oturum açılırken",
            (CardStep::Session, Lang::En) => "opening a session",
            (CardStep::Certificates, Lang::Tr) => "sertifikalar listelenirken",
            (CardStep::Certificates, Lang::En) => "listing the certificates",
            (CardStep::Certificate, Lang::Tr) => "bir sertifika okunurken",
            (CardStep::Certificate, Lang::En) => "reading a certificate",
        }
    }
}

impl Localize for CardError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            CardError::NoModule { looked } => pick(
                lang,
                format!("PKCS#11 modülü bulunamadı (bakılan yerler: {looked}): AKİS kart sürücüsünü kurun (akiskart.bilgem.tubitak.gov.tr) ya da modülün yolunu --module veya $ESIGN_PKCS11_MODULE ile verin"),
                format!("no PKCS#11 module found (looked for {looked}): install the AKIS card driver (akiskart.bilgem.tubitak.gov.tr), or give the module's path with --module or $ESIGN_PKCS11_MODULE"),
            ),
            CardError::Only32Bit { path } => pick(
                lang,
                format!("yalnızca 32 bitlik AKİS kart sürücüsü kurulu ({}); 64 bitlik esign onu yükleyemez: 64 bitlik AKİS sürücüsünü kurun (akiskart.bilgem.tubitak.gov.tr), o akisp11.dll dosyasını System32 klasörüne koyar", path.display()),
                format!("only a 32-bit AKIS card driver is installed ({}), which 64-bit esign cannot load: install the 64-bit AKIS driver (akiskart.bilgem.tubitak.gov.tr), which puts akisp11.dll in System32", path.display()),
            ),
            CardError::ModuleMissing { path, from } => pick(
                lang,
                format!("{from} ile verilen PKCS#11 modülü {} yok: yolu denetleyin", path.display()),
                format!("the PKCS#11 module {} (from {from}) does not exist: check the path", path.display()),
            ),
            CardError::NotInSearchPath { name, from, detail } => pick(
                lang,
                format!("{from} ile verilen PKCS#11 modülü {name} sistemin kitaplık arama yolunda yok ({detail}): klasörsüz bir ad yalnızca orada aranır, geçerli klasörde asla; bir yol verin, örneğin ./{name}"),
                format!("the PKCS#11 module {name} (from {from}) is not in the system's library search path ({detail}): a name without a folder is looked up there only, never in the current folder; give a path such as ./{name}"),
            ),
            CardError::NotAModule { path, detail } => pick(
                lang,
                format!("{} bir PKCS#11 kitaplığı değil ({detail}): kart sürücüsünün modülünü verin, örneğin libakisp11.so", path.display()),
                format!("{} is not a PKCS#11 library ({detail}): give the card driver's module, such as libakisp11.so", path.display()),
            ),
            CardError::Init { path, detail } => pick(
                lang,
                format!("PKCS#11 modülü {} başlatılamadı: {detail}", path.display()),
                format!("the PKCS#11 module {} did not start: {detail}", path.display()),
            ),
            CardError::NoReader { path } => pick(
                lang,
                format!("{} kart okuyucu bulamadı: okuyucuyu takın (Linux'ta pcscd hizmeti çalışıyor olmalı); esign doctor hizmeti, okuyucuyu ve kartı adım adım denetler", path.display()),
                format!("no card reader found by {}: connect the reader (on Linux, the pcscd service must be running); esign doctor checks the service, the reader and the card layer by layer", path.display()),
            ),
            CardError::NoCard => pick(
                lang,
                "okuyucuda kart yok: e-imza kartınızı takıp yeniden deneyin; esign doctor hizmeti, okuyucuyu ve kartı adım adım denetler".to_owned(),
                "no card in the reader: insert your e-signature card and try again; esign doctor checks the service, the reader and the card layer by layer".to_owned(),
            ),
            CardError::Uninitialised => pick(
                lang,
                "okuyucudaki kart boş (hiç kullanılmamış): üzerinde sertifika yok; doğru kart mı?".to_owned(),
                "the card in the reader is not initialised: it holds no certificate (is it the right card?)".to_owned(),
            ),
            CardError::Read { what, detail } => pick(
                lang,
                format!("kart okunamadı ({}): {detail}", what.localize(lang)),
                format!("reading the card failed ({}): {detail}", what.localize(lang)),
            ),
        }
    }
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for CardError {}

/// A note or warning from reading the card, for stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardNote {
    /// A blank token was left out.
    BlankToken { slot: u64 },
    /// A certificate object could not be parsed.
    SkippedCertificate {
        label: String,
        token: String,
        why: CertError,
    },
}

impl CardNote {
    /// How serious the note is.
    #[must_use]
    pub fn level(&self) -> Level {
        match self {
            CardNote::BlankToken { .. } => Level::Note,
            CardNote::SkippedCertificate { .. } => Level::Warning,
        }
    }
}

impl Localize for CardNote {
    fn localize(&self, lang: Lang) -> String {
        match self {
            CardNote::BlankToken { slot } => pick(
                lang,
                format!("{slot}. yuvadaki boş (hiç kullanılmamış) kart gösterilmedi"),
                format!("left out the blank (uninitialised) token in slot {slot}"),
            ),
            CardNote::SkippedCertificate { label, token, why } => pick(
                lang,
                format!(
                    "\"{token}\" kartındaki \"{label}\" sertifika nesnesi atlandı: {}",
                    why.localize(lang)
                ),
                format!(
                    "skipped certificate object \"{label}\" on token \"{token}\": {}",
                    why.localize(lang)
                ),
            ),
        }
    }
}

/// The roster's warning for a duty cell that names no duty; `location` is the row's
/// `satır 12` / `line 12`, or its workbook cell.
#[must_use]
pub fn unknown_duty_cell(location: &str, value: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("{location}: \"{value}\" kurallardaki hiçbir görevin kimliği, adı ya da unvanı değil: ücreti kimin ödeyeceği boş bırakıldı"),
        format!("{location}: duty \"{value}\" is not a duty id, label or title of the rules: payer left empty"),
    )
}

/// The browser's failures, as the reason before "open … yourself".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserFailure {
    /// `$ESIGN_BROWSER` / `$BROWSER` could not start.
    CannotStart {
        from: &'static str,
        program: String,
        detail: String,
    },
    /// It started and failed.
    Failed {
        from: &'static str,
        program: String,
        status: String,
    },
    /// No system browser.
    NoBrowser { detail: String },
}

impl Localize for BrowserFailure {
    fn localize(&self, lang: Lang) -> String {
        match self {
            BrowserFailure::CannotStart {
                from,
                program,
                detail,
            } => pick(
                lang,
                format!("{from} programı \"{program}\" başlatılamadı ({detail})"),
                format!("cannot start {from} program \"{program}\": {detail}"),
            ),
            BrowserFailure::Failed {
                from,
                program,
                status,
            } => pick(
                lang,
                format!("{from} programı \"{program}\" başarısız oldu ({status})"),
                format!("{from} program \"{program}\" failed ({status})"),
            ),
            BrowserFailure::NoBrowser { detail } => pick(
                lang,
                format!("tarayıcı başlatılamadı ({detail}); $ESIGN_BROWSER değişkenine bir tarayıcı programı yazın"),
                format!("no browser could be started ({detail}); set $ESIGN_BROWSER to a browser program"),
            ),
        }
    }
}

/// Sentences of `esign rules` on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesSaid<'a> {
    /// `rules path` for the embedded rules; `looked` is the config path that was absent.
    Embedded { looked: Option<&'a str> },
    /// `rules path` for a file, and which setting chose it.
    File { path: &'a str, how: &'a str },
    /// `rules check` found nothing wrong.
    Ok { origin: &'a str },
    /// `rules init` wrote the file.
    Written { path: &'a str },
    /// `rules init` copied the institution's file.
    Copied { from: &'a str, path: &'a str },
}

impl Localize for RulesSaid<'_> {
    fn localize(&self, lang: Lang) -> String {
        match *self {
            RulesSaid::Embedded { looked: Some(p) } => pick(
                lang,
                format!("yerleşik varsayılan kurallar ({p} yok)"),
                format!("embedded default rules (no {p} found)"),
            ),
            RulesSaid::Embedded { looked: None } => embedded_rules(lang).to_owned(),
            RulesSaid::File { path, how } => pick(
                lang,
                format!("{path} (seçen: {how})"),
                format!("{path} (from {how})"),
            ),
            RulesSaid::Ok { origin } => pick(
                lang,
                format!("sorun yok: {origin}"),
                format!("ok: {origin}"),
            ),
            RulesSaid::Written { path } => pick(
                lang,
                format!("varsayılan kurallar {path} dosyasına yazıldı"),
                format!("wrote the default rules to {path}"),
            ),
            RulesSaid::Copied { from, path } => pick(
                lang,
                format!("kurumun kuralları {from} dosyasından {path} dosyasına kopyalandı"),
                format!("copied the institution's rules from {from} to {path}"),
            ),
        }
    }
}

/// A command line clap could not parse, as facts (clap's own words are English only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// An option the command does not have.
    UnknownArgument {
        arg: String,
        suggestion: Option<String>,
    },
    /// A command esign does not have.
    UnknownCommand {
        name: String,
        suggestion: Option<String>,
    },
    /// A value outside the option's choices, or one it cannot take.
    InvalidValue {
        arg: String,
        value: String,
        valid: Vec<String>,
    },
    /// Required options missing; `alternatives` when one of a group is needed.
    Missing {
        options: Vec<String>,
        alternatives: bool,
    },
    /// Two options that cannot go together.
    Conflict { arg: String, with: Option<String> },
    /// An option without its value.
    NoValue { arg: String },
    /// A value nothing asked for.
    Unexpected { value: String },
    /// A command that needs one of its subcommands.
    MissingCommand,
    /// Anything else clap refused.
    Other,
}

/// `a, b or c` / `a, b ya da c`.
fn or_list(items: &[String], lang: Lang) -> String {
    let or = match lang {
        Lang::Tr => " ya da ",
        Lang::En => " or ",
    };
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{or}{last}", rest.join(", ")),
    }
}

/// A usage error as one line: `esign check: … ; see esign check --help`. `command` is
/// the command's path (`esign check`).
#[must_use]
pub fn usage_error(err: &UsageError, command: &str, lang: Lang) -> String {
    let body = match err {
        UsageError::UnknownArgument { arg, suggestion } => {
            let tip = suggestion.as_ref().map_or(String::new(), |s| match lang {
                Lang::Tr => format!(" (bunu mu demek istediniz: {s})"),
                Lang::En => format!(" (did you mean {s}?)"),
            });
            pick(
                lang,
                format!("\"{arg}\" diye bir seçenek yok{tip}"),
                format!("unknown option \"{arg}\"{tip}"),
            )
        }
        UsageError::UnknownCommand { name, suggestion } => {
            let tip = suggestion.as_ref().map_or(String::new(), |s| match lang {
                Lang::Tr => format!(" (bunu mu demek istediniz: {s})"),
                Lang::En => format!(" (did you mean {s}?)"),
            });
            pick(
                lang,
                format!("\"{name}\" diye bir komut yok{tip}"),
                format!("unknown command \"{name}\"{tip}"),
            )
        }
        UsageError::InvalidValue { arg, value, valid } => {
            let choices = if valid.is_empty() {
                String::new()
            } else {
                match lang {
                    Lang::Tr => format!(": şunlardan birini verin: {}", or_list(valid, lang)),
                    Lang::En => format!(": use {}", or_list(valid, lang)),
                }
            };
            pick(
                lang,
                format!("{arg} için \"{value}\" geçersiz{choices}"),
                format!("\"{value}\" is not a value for {arg}{choices}"),
            )
        }
        UsageError::Missing {
            options,
            alternatives: true,
        } => pick(
            lang,
            format!("{} seçeneklerinden biri gerekli", or_list(options, lang)),
            format!("one of {} is needed", or_list(options, lang)),
        ),
        UsageError::Missing { options, .. } => pick(
            lang,
            format!("{} gerekli", options.join(", ")),
            format!("{} needed", options.join(", ")),
        ),
        UsageError::Conflict {
            arg,
            with: Some(with),
        } => pick(
            lang,
            format!("{arg} ile {with} birlikte kullanılamaz"),
            format!("{arg} cannot be used with {with}"),
        ),
        UsageError::Conflict { arg, with: None } => pick(
            lang,
            format!("{arg} burada başka bir seçenekle birlikte kullanılamaz"),
            format!("{arg} cannot be used with another option given"),
        ),
        UsageError::NoValue { arg } => pick(
            lang,
            format!("{arg} bir değer bekliyor"),
            format!("{arg} needs a value"),
        ),
        UsageError::Unexpected { value } => pick(
            lang,
            format!("\"{value}\" beklenmiyordu"),
            format!("unexpected \"{value}\""),
        ),
        UsageError::MissingCommand => pick(
            lang,
            "bir komut gerekli".to_owned(),
            "a command is needed".to_owned(),
        ),
        UsageError::Other => pick(
            lang,
            "komut satırı anlaşılamadı".to_owned(),
            "the command line could not be understood".to_owned(),
        ),
    };
    pick(
        lang,
        format!("{command}: {body}; ayrıntılar için: {command} --help"),
        format!("{command}: {body}; see {command} --help"),
    )
}

/// The institution's system-wide rules file, as `rules path` names its source.
#[must_use]
pub fn system_config_file(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "sistem ayar dosyası",
        Lang::En => "system config file",
    }
}

/// How `esign rules path` names the setting that chose the file.
#[must_use]
pub fn config_file(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "ayar dosyası",
        Lang::En => "config file",
    }
}

impl Localize for crate::rules::RulesError {
    /// Each problem on its own line: `origin:line:column: message`, in the chosen
    /// language (the loader says every problem in both).
    fn localize(&self, lang: Lang) -> String {
        self.problems
            .iter()
            .map(|p| {
                let message = match lang {
                    Lang::Tr => &p.message_tr,
                    Lang::En => &p.message,
                };
                format!("{}:{}:{}: {message}", self.origin, p.line, p.column)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(prefix(Level::Error, Lang::Tr), "esign: hata: ");
        assert_eq!(prefix(Level::Warning, Lang::Tr), "esign: uyarı: ");
        assert_eq!(prefix(Level::Error, Lang::En), "esign: error: ");
        assert_eq!(prefix(Level::Warning, Lang::En), "esign: warning: ");
    }

    #[test]
    fn os_errors_in_turkish() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(os_error(&e, Lang::Tr), "böyle bir dosya ya da klasör yok");
        let e = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(os_error(&e, Lang::Tr), "erişim izni yok");
        let e = io::Error::from_raw_os_error(9999);
        assert_eq!(os_error(&e, Lang::Tr), "işletim sistemi hatası 9999");
    }

    #[test]
    fn display_is_english() {
        assert_eq!(
            Problem::CardEmpty.to_string(),
            "the card holds no certificate"
        );
        assert_eq!(
            DateError::Form("x".into()).to_string(),
            DateError::Form("x".into()).localize(Lang::En)
        );
    }
}
