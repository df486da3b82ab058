//! `esign doctor`: why doesn't the card work? What the binary observed about each layer
//! of the card stack in, one check per layer out: a status, one line of finding and one
//! line of fix, in Turkish or English.
//!
//! Pure: the binary gathers the [`Observations`] (files, the PC/SC service, a child
//! process probing the PKCS#11 module, `java -version`); this module decides what they
//! mean, which layers are worth checking given the ones below, and says it. Findings are
//! data ([`Finding`]) with a stable `code`, rendered per [`Lang`] by [`Finding::text`], so
//! a message catalogue can take the sentences over later.

use std::fmt::Write as _;

use chrono::DateTime;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::advice;
use crate::cert::{self, Certificate, Report};
use crate::lang::Lang;
use crate::pin::PinState;
use crate::portal;
use crate::renewal::State;
pub use crate::rules::{parse_hex, AtrPattern, CardKind};
use crate::rules::{Rules, Task};

/// The checks, in the order they run and are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckId {
    Rules,
    Clock,
    Service,
    Readers,
    Card,
    Module,
    Token,
    Certificate,
    Java,
    Browser,
}

impl CheckId {
    /// The check's name for people.
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, CheckId::Rules) => "Rules",
            (Lang::En, CheckId::Clock) => "Clock",
            (Lang::En, CheckId::Service) => "Smart-card service",
            (Lang::En, CheckId::Readers) => "Readers",
            (Lang::En, CheckId::Card) => "Card",
            (Lang::En, CheckId::Module) => "PKCS#11 module",
            (Lang::En, CheckId::Token) => "Token and PIN",
            (Lang::En, CheckId::Certificate) => "Certificate",
            (Lang::En, CheckId::Java) => "Java",
            (Lang::En, CheckId::Browser) => "Browser",
            (Lang::Tr, CheckId::Rules) => "Kurallar",
            (Lang::Tr, CheckId::Clock) => "Saat",
            (Lang::Tr, CheckId::Service) => "Akıllı kart hizmeti",
            (Lang::Tr, CheckId::Readers) => "Kart okuyucular",
            (Lang::Tr, CheckId::Card) => "Kart",
            (Lang::Tr, CheckId::Module) => "PKCS#11 modülü",
            (Lang::Tr, CheckId::Token) => "Kart ve PIN",
            (Lang::Tr, CheckId::Certificate) => "Sertifika",
            (Lang::Tr, CheckId::Java) => "Java",
            (Lang::Tr, CheckId::Browser) => "Tarayıcı",
        }
    }
}

/// How one check came out. `Info` is a finding that changes nothing (a time-zone
/// difference; reader findings when an explicit module needs no reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Skipped,
    Ok,
    Info,
    Warning,
    Problem,
}

// ---------------------------------------------------------------------------------
// Observations: what the binary saw. Serialisable both ways, since the PC/SC and the
// PKCS#11 probes run in a child process and send them back as JSON.

/// Where the rules came from and whether they loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesObservation {
    Embedded,
    File {
        path: String,
        how: String,
    },
    /// The file did not load; the other checks use the embedded rules.
    Broken {
        path: String,
        error: String,
    },
}

/// The system's time zone beside the rules' one, as UTC offsets now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockObservation {
    /// The zone's name when the system says it (`TZ`, `/etc/localtime`).
    pub system_zone: Option<String>,
    pub system_offset_seconds: i32,
    pub rules_offset_seconds: i32,
}

/// The operating system family, for the fixes that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Linux,
    Windows,
    Macos,
    Other,
}

/// One reader and its card's answer to reset (ATR), if a card is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderObservation {
    pub name: String,
    /// Hex bytes, `3B 9F …`; `None` when the reader is empty.
    pub atr: Option<String>,
}

/// What the smart-card service (PC/SC) said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum PcscObservation {
    /// The PC/SC library could not be loaded.
    LibraryMissing {
        library: String,
        detail: String,
    },
    /// Linux: the pcscd socket is absent or refuses connections.
    NotRunning {
        socket: String,
    },
    /// Establishing a context: no service (Windows: `SCardSvr` stopped).
    NoService,
    /// Establishing a context was refused (polkit).
    AccessDenied {
        code: String,
    },
    /// Another PC/SC error, with the call and its code.
    Failed {
        call: String,
        code: String,
    },
    /// The probe did not answer in time (a hung pcscd), or died.
    TimedOut {
        seconds: u64,
    },
    Crashed {
        detail: String,
    },
    /// The service answered: the readers (possibly none).
    Readers {
        readers: Vec<ReaderObservation>,
    },
}

/// A library file's format, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "format", rename_all = "kebab-case")]
pub enum LibraryFormat {
    /// ELF: class 32/64, machine (`e_machine`), and whether it is a shared object.
    Elf {
        bits: u8,
        machine: u16,
        shared: bool,
    },
    /// PE (Windows DLL or EXE): the COFF `Machine`.
    Pe { machine: u16 },
    /// Mach-O (macOS): bits and CPU type; `fat` for universal files.
    MachO { bits: u8, cpu: u32, fat: bool },
    /// Anything else: not a shared library.
    Unknown,
}

/// Reads a library's format from its first bytes (64 or more give every answer).
#[must_use]
pub fn library_format(head: &[u8]) -> LibraryFormat {
    let u16le = |at: usize| {
        head.get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let u32le = |at: usize| {
        head.get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    if head.starts_with(b"\x7fELF") && head.len() >= 20 {
        let bits = match head[4] {
            1 => 32,
            2 => 64,
            _ => return LibraryFormat::Unknown,
        };
        let (e_type, machine) = if head[5] == 2 {
            (
                u16::from_be_bytes([head[16], head[17]]),
                u16::from_be_bytes([head[18], head[19]]),
            )
        } else {
            (u16le(16).unwrap_or(0), u16le(18).unwrap_or(0))
        };
        return LibraryFormat::Elf {
            bits,
            machine,
            shared: e_type == 3,
        };
    }
    if head.starts_with(b"MZ") {
        if let Some(offset) = u32le(0x3c) {
            let at = offset as usize;
            if head.get(at..at + 4) == Some(b"PE\0\0") {
                if let Some(machine) = u16le(at + 4) {
                    return LibraryFormat::Pe { machine };
                }
            }
        }
        return LibraryFormat::Unknown;
    }
    match u32le(0) {
        Some(0xfeed_face) => LibraryFormat::MachO {
            bits: 32,
            cpu: u32le(4).unwrap_or(0),
            fat: false,
        },
        Some(0xfeed_facf) => LibraryFormat::MachO {
            bits: 64,
            cpu: u32le(4).unwrap_or(0),
            fat: false,
        },
        // Universal binaries are big-endian: 0xcafebabe; the loader picks the slice.
        Some(0xbeba_feca) => LibraryFormat::MachO {
            bits: 64,
            cpu: 0,
            fat: true,
        },
        _ => LibraryFormat::Unknown,
    }
}

/// The architecture esign itself was built for, to compare a module with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arch {
    /// `std::env::consts::ARCH`: `x86_64`, `x86`, `aarch64`, `arm`.
    pub name: &'static str,
    pub bits: u8,
}

impl Arch {
    /// The ELF `e_machine`, PE `Machine` and Mach-O CPU type of this architecture.
    fn codes(self) -> (u16, u16, u32) {
        match self.name {
            "x86_64" => (62, 0x8664, 0x0100_0007),
            "x86" => (3, 0x14c, 7),
            "aarch64" => (183, 0xaa64, 0x0100_000c),
            "arm" => (40, 0x1c0, 12),
            _ => (0, 0, 0),
        }
    }
}

/// A library's architecture in words: `64-bit x86_64`, `32-bit x86`.
#[must_use]
pub fn format_name(format: LibraryFormat) -> String {
    let machine = |elf: u16, pe: u16, cpu: u32| match (elf, pe, cpu) {
        (62, _, _) | (_, 0x8664, _) | (_, _, 0x0100_0007) => "x86_64",
        (3, _, _) | (_, 0x14c, _) | (_, _, 7) => "x86",
        (183, _, _) | (_, 0xaa64, _) | (_, _, 0x0100_000c) => "aarch64",
        (40, _, _) | (_, 0x1c0, _) | (_, _, 12) => "arm",
        _ => "unknown machine",
    };
    match format {
        LibraryFormat::Elf {
            bits, machine: m, ..
        } => {
            format!("ELF {bits}-bit {}", machine(m, 0, 0))
        }
        LibraryFormat::Pe { machine: m } => {
            let bits = if matches!(m, 0x14c | 0x1c0) { 32 } else { 64 };
            format!("PE {bits}-bit {}", machine(0, m, 0))
        }
        LibraryFormat::MachO { fat: true, .. } => "Mach-O universal".to_owned(),
        LibraryFormat::MachO { bits, cpu, .. } => {
            format!("Mach-O {bits}-bit {}", machine(0, 0, cpu))
        }
        LibraryFormat::Unknown => "not a shared library".to_owned(),
    }
}

/// Whether esign (`arch`) can load a library of this format.
#[must_use]
pub fn loadable(format: LibraryFormat, arch: Arch) -> bool {
    let (elf, pe, macho) = arch.codes();
    match format {
        LibraryFormat::Elf {
            bits,
            machine,
            shared,
        } => shared && bits == arch.bits && machine == elf,
        LibraryFormat::Pe { machine } => machine == pe,
        LibraryFormat::MachO { fat: true, .. } => true,
        LibraryFormat::MachO { cpu, .. } => cpu == macho,
        LibraryFormat::Unknown => false,
    }
}

/// One token as the module showed it without a login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenObservation {
    pub label: String,
    pub serial: String,
    pub pin: PinState,
    pub login_required: bool,
    pub certificates: Vec<Certificate>,
}

/// What loading and starting the module (in a child process) gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum ModuleProbe {
    /// The loader refused the file.
    LoadFailed {
        detail: String,
    },
    /// No `C_GetFunctionList`, or it failed.
    NoFunctionList {
        detail: String,
    },
    /// `C_Initialize` failed (NULL arguments first, as `card` does).
    InitFailed {
        detail: String,
    },
    /// The module lists no slot: it sees no reader.
    NoReader,
    /// Slots, but no token present: no card.
    NoCard,
    /// Only blank (uninitialised) tokens.
    Blank,
    /// Listing or reading failed after a good start.
    ReadFailed {
        detail: String,
    },
    /// The tokens read.
    Tokens {
        tokens: Vec<TokenObservation>,
        notes: Vec<String>,
    },
    TimedOut {
        seconds: u64,
    },
    Crashed {
        detail: String,
    },
}

/// One module candidate on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub path: String,
    pub exists: bool,
    /// Read when it exists.
    pub format: Option<LibraryFormat>,
}

/// The PKCS#11 module: which one `card` would use, and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleObservation {
    /// `--module` or `$ESIGN_PKCS11_MODULE` when one was given (then it is the only
    /// candidate), else `None` and the rules' list.
    pub explicit: Option<String>,
    pub candidates: Vec<Candidate>,
    /// The probe of the chosen module, when it was run.
    pub probe: Option<ModuleProbe>,
}

/// `java -version` from `PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JavaObservation {
    Missing,
    /// Its first line, and the word size when it says (`64-Bit Server VM`).
    Found {
        version: String,
        bits: Option<u8>,
    },
    Failed {
        detail: String,
    },
    TimedOut {
        seconds: u64,
    },
}

/// Reads `java -version`'s output (it writes to stderr).
#[must_use]
pub fn java_from_output(text: &str) -> JavaObservation {
    let version = text
        .lines()
        .map(str::trim)
        .find(|l| l.contains("version"))
        .or_else(|| text.lines().map(str::trim).find(|l| !l.is_empty()));
    let Some(version) = version else {
        return JavaObservation::Failed {
            detail: "no output".to_owned(),
        };
    };
    let bits = if text.contains("64-Bit") {
        Some(64)
    } else if text.contains("32-Bit") || text.contains("Client VM") {
        Some(32)
    } else {
        None
    };
    JavaObservation::Found {
        version: version.to_owned(),
        bits,
    }
}

/// Which browser `esign open` would use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserObservation {
    /// `$ESIGN_BROWSER` or `$BROWSER`, and whether the program was found.
    Variable {
        variable: String,
        program: String,
        found: bool,
    },
    /// The system's opener (`xdg-open`, `open`, `start`).
    System {
        opener: String,
    },
    None,
}

/// Everything the binary observed.
#[derive(Debug, Clone)]
pub struct Observations {
    pub platform: Platform,
    pub arch: Arch,
    pub rules: RulesObservation,
    pub clock: ClockObservation,
    pub pcsc: PcscObservation,
    pub module: ModuleObservation,
    pub java: JavaObservation,
    pub browser: BrowserObservation,
}

// ---------------------------------------------------------------------------------
// ATRs

/// Hex bytes as `3B 9F 97`.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{b:02X}");
    }
    out
}

/// The historical bytes of an ATR (ISO 7816-3): after T0 and the interface bytes
/// its Y nibbles announce; K of them, K the low nibble of T0.
#[must_use]
pub fn historical_bytes(atr: &[u8]) -> &[u8] {
    let Some(&t0) = atr.get(1) else {
        return &[];
    };
    let k = usize::from(t0 & 0x0f);
    let mut y = t0 >> 4;
    let mut at = 2;
    loop {
        let present = (y & 1) + ((y >> 1) & 1) + ((y >> 2) & 1);
        at += usize::from(present);
        if y & 0x8 == 0 {
            break;
        }
        // TDi is the last of the announced bytes; its high nibble announces the next ones.
        let Some(&td) = atr.get(at) else {
            return &[];
        };
        at += 1;
        y = td >> 4;
    }
    atr.get(at..(at + k).min(atr.len())).unwrap_or(&[])
}

/// The first row of `table` that matches `atr`.
#[must_use]
pub fn identify<'t>(atr: &[u8], table: &'t [AtrPattern]) -> Option<&'t AtrPattern> {
    table.iter().find(|p| {
        p.prefix.as_ref().is_none_or(|pre| atr.starts_with(pre))
            && p.historical.as_ref().is_none_or(|h| {
                !h.is_empty() && historical_bytes(atr).windows(h.len()).any(|w| w == h)
            })
    })
}

// ---------------------------------------------------------------------------------
// Findings

/// One finding: what a check found, as data. [`Finding::text`] says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    RulesEmbedded,
    RulesFile {
        path: String,
        how: String,
    },
    RulesBroken {
        path: String,
    },
    ClockSame {
        zone: String,
    },
    ClockDiffers {
        system: String,
        rules: String,
    },
    ServiceOk,
    LibraryMissing {
        library: String,
        platform: Platform,
    },
    NotRunning {
        socket: String,
    },
    NoService {
        platform: Platform,
    },
    AccessDenied,
    PcscFailed {
        call: String,
        code: String,
    },
    PcscTimedOut {
        seconds: u64,
    },
    PcscCrashed {
        detail: String,
    },
    BelowFailed,
    ReadersFound {
        names: Vec<String>,
    },
    NoReader {
        platform: Platform,
    },
    ESignatureCard {
        reader: String,
        name: String,
    },
    IdCard {
        reader: String,
    },
    UnknownCard {
        reader: String,
        atr: String,
    },
    NoCard,
    NoModule {
        looked: Vec<String>,
    },
    ModuleMissing {
        path: String,
    },
    WrongArch {
        path: String,
        found: String,
        expected: String,
        other: Option<String>,
    },
    NotALibrary {
        path: String,
    },
    ModuleFound {
        path: String,
    },
    ModuleStarted {
        path: String,
    },
    LoadFailed {
        path: String,
        detail: String,
    },
    NoFunctionList {
        path: String,
        detail: String,
    },
    InitFailed {
        path: String,
        detail: String,
    },
    ModuleTimedOut {
        path: String,
        seconds: u64,
    },
    ModuleCrashed {
        path: String,
        detail: String,
    },
    ModuleNotStarted,
    ModuleSeesNoReader,
    ModuleSeesNoCard,
    BlankToken,
    TokenReadFailed {
        detail: String,
    },
    Token {
        label: String,
        pin: PinState,
        max_attempts: u32,
    },
    TokenLocked {
        label: String,
        unlock: String,
    },
    CertificateState {
        headline: String,
        action: Option<String>,
    },
    CertificateHidden,
    NoCertificate,
    NoToken,
    JavaFound {
        version: String,
        bits: Option<u8>,
    },
    JavaMissing,
    JavaFailed {
        detail: String,
    },
    JavaTimedOut {
        seconds: u64,
    },
    BrowserVariable {
        variable: String,
        program: String,
    },
    BrowserNotFound {
        variable: String,
        program: String,
    },
    BrowserSystem {
        opener: String,
    },
    NoBrowser,
}

impl Finding {
    /// A stable name for scripts: `service-not-running`, `card-id-card`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Finding::RulesEmbedded => "rules-embedded",
            Finding::RulesFile { .. } => "rules-file",
            Finding::RulesBroken { .. } => "rules-broken",
            Finding::ClockSame { .. } => "clock-same-zone",
            Finding::ClockDiffers { .. } => "clock-other-zone",
            Finding::ServiceOk => "service-ok",
            Finding::LibraryMissing { .. } => "service-library-missing",
            Finding::NotRunning { .. } => "service-not-running",
            Finding::NoService { .. } => "service-no-service",
            Finding::AccessDenied => "service-access-denied",
            Finding::PcscFailed { .. } => "service-error",
            Finding::PcscTimedOut { .. } => "service-timed-out",
            Finding::PcscCrashed { .. } => "service-probe-failed",
            Finding::BelowFailed => "skipped-below",
            Finding::ReadersFound { .. } => "readers-found",
            Finding::NoReader { .. } => "no-reader",
            Finding::ESignatureCard { .. } => "card-e-signature",
            Finding::IdCard { .. } => "card-id-card",
            Finding::UnknownCard { .. } => "card-unknown",
            Finding::NoCard => "no-card",
            Finding::NoModule { .. } => "module-none",
            Finding::ModuleMissing { .. } => "module-missing",
            Finding::WrongArch { .. } => "module-wrong-architecture",
            Finding::NotALibrary { .. } => "module-not-a-library",
            Finding::ModuleFound { .. } => "module-found",
            Finding::ModuleStarted { .. } => "module-ok",
            Finding::LoadFailed { .. } => "module-load-failed",
            Finding::NoFunctionList { .. } => "module-no-function-list",
            Finding::InitFailed { .. } => "module-initialize-failed",
            Finding::ModuleTimedOut { .. } => "module-timed-out",
            Finding::ModuleCrashed { .. } => "module-crashed",
            Finding::ModuleNotStarted => "skipped-module",
            Finding::ModuleSeesNoReader => "token-no-reader",
            Finding::ModuleSeesNoCard => "token-no-card",
            Finding::BlankToken => "token-blank",
            Finding::TokenReadFailed { .. } => "token-read-failed",
            Finding::Token { .. } => "token-ok",
            Finding::TokenLocked { .. } => "token-pin-locked",
            Finding::CertificateState { .. } => "certificate-state",
            Finding::CertificateHidden => "certificate-hidden",
            Finding::NoCertificate => "certificate-none",
            Finding::NoToken => "skipped-token",
            Finding::JavaFound { .. } => "java-found",
            Finding::JavaMissing => "java-missing",
            Finding::JavaFailed { .. } => "java-failed",
            Finding::JavaTimedOut { .. } => "java-timed-out",
            Finding::BrowserVariable { .. } => "browser-variable",
            Finding::BrowserNotFound { .. } => "browser-not-found",
            Finding::BrowserSystem { .. } => "browser-system",
            Finding::NoBrowser => "browser-none",
        }
    }

    /// One line of finding and, when there is something to do, one line of fix.
    #[must_use]
    pub fn text(&self, lang: Lang) -> (String, Option<String>) {
        let en = lang == Lang::En;
        let pick = |e: String, t: String| if en { e } else { t };
        let some = |e: &str, t: &str| Some(if en { e.to_owned() } else { t.to_owned() });
        match self {
            Finding::RulesEmbedded => (pick("the embedded default rules".into(), "yerleşik varsayılan kurallar".into()), None),
            Finding::RulesFile { path, how } => {
                // `how` is the option or variable that chose the file, or "config file"
                // (the user's own file in the config folder): words only for that one.
                let tr = if how == "config file" {
                    format!("{path} (kendi kural dosyanız), geçerli")
                } else {
                    format!("{path} ({how} ile seçildi), geçerli")
                };
                (pick(format!("{path} (from {how}), valid"), tr), None)
            }
            Finding::RulesBroken { path } => (
                pick(format!("the rules file {path} does not load; the other checks use the embedded rules"), format!("{path} kural dosyası yüklenemiyor; diğer denetimler yerleşik kuralları kullanıyor")),
                Some(pick(format!("run `esign rules check {path}` to see every problem, and fix them"), format!("tüm sorunları görmek için `esign rules check {path}` komutunu çalıştırıp düzeltin"))),
            ),
            Finding::ClockSame { zone } => (pick(format!("the system uses the rules' time zone ({zone})"), format!("sistem, kuralların saat dilimini ({zone}) kullanıyor")), None),
            Finding::ClockDiffers { system, rules } => (
                pick(format!("the system's time zone ({system}) differs from the rules' ({rules}); renewal dates use the rules' zone"), format!("sistemin saat dilimi ({system}) kurallarınkinden ({rules}) farklı; yenileme tarihleri kuralların saat dilimine göre hesaplanır")),
                None,
            ),
            Finding::ServiceOk => (pick("the smart-card service answers".into(), "akıllı kart hizmeti yanıt veriyor".into()), None),
            Finding::LibraryMissing { library, platform } => (
                pick(format!("the PC/SC library {library} is missing"), format!("PC/SC kitaplığı {library} eksik")),
                match platform {
                    Platform::Linux | Platform::Other => some(
                        "install it: libpcsclite1 (Debian, Ubuntu), pcsc-lite-libs (Fedora) or pcsclite (Arch)",
                        "kurun: libpcsclite1 (Debian, Ubuntu), pcsc-lite-libs (Fedora) ya da pcsclite (Arch)",
                    ),
                    Platform::Windows => some("winscard.dll is part of Windows: repair the system files (sfc /scannow)", "winscard.dll Windows'un parçasıdır: sistem dosyalarını onarın (sfc /scannow)"),
                    Platform::Macos => some("the PCSC framework is part of macOS: update or repair macOS", "PCSC çerçevesi macOS'un parçasıdır: macOS'u güncelleyin ya da onarın"),
                },
            ),
            Finding::NotRunning { socket } => (
                pick(format!("the smart-card service (pcscd) is not running (no socket at {socket})"), format!("akıllı kart hizmeti (pcscd) çalışmıyor ({socket} soketi yok)")),
                some("start it: sudo systemctl start pcscd.socket (install the pcscd package if it is missing)", "başlatın: sudo systemctl start pcscd.socket (pcscd paketi kurulu değilse kurun)"),
            ),
            Finding::NoService { platform } => match platform {
                Platform::Windows => (
                    some("the smart-card service (SCardSvr) is stopped: Windows stops it when no reader is attached", "akıllı kart hizmeti (SCardSvr) durmuş: Windows, takılı okuyucu yokken onu durdurur").unwrap_or_default(),
                    some("connect the reader; if it is connected, start the service: sc start SCardSvr", "okuyucuyu takın; takılıysa hizmeti başlatın: sc start SCardSvr"),
                ),
                _ => (
                    some("the smart-card service (pcscd) does not answer", "akıllı kart hizmeti (pcscd) yanıt vermiyor").unwrap_or_default(),
                    some("start it: sudo systemctl start pcscd.socket (install the pcscd package if it is missing)", "başlatın: sudo systemctl start pcscd.socket (pcscd paketi kurulu değilse kurun)"),
                ),
            },
            Finding::AccessDenied => (
                pick("the smart-card service refuses this user (polkit)".into(), "akıllı kart hizmeti bu kullanıcıyı reddediyor (polkit)".into()),
                some("ask the administrator for a polkit rule in /etc/polkit-1/rules.d/ that grants org.debian.pcsc-lite.access_pcsc and org.debian.pcsc-lite.access_card to your user", "yöneticinizden /etc/polkit-1/rules.d/ altında, kullanıcınıza org.debian.pcsc-lite.access_pcsc ve org.debian.pcsc-lite.access_card izinlerini veren bir polkit kuralı isteyin"),
            ),
            Finding::PcscFailed { call, code } => (
                pick(format!("the smart-card service answered {call} with error {code}"), format!("akıllı kart hizmeti {call} çağrısına {code} hatasıyla yanıt verdi")),
                some("restart the smart-card service (sudo systemctl restart pcscd) and try again", "akıllı kart hizmetini yeniden başlatıp (sudo systemctl restart pcscd) tekrar deneyin"),
            ),
            Finding::PcscTimedOut { seconds } => (
                pick(format!("the smart-card service did not answer within {seconds} s"), format!("akıllı kart hizmeti {seconds} saniye içinde yanıt vermedi")),
                some("restart the smart-card service (sudo systemctl restart pcscd) and try again", "akıllı kart hizmetini yeniden başlatıp (sudo systemctl restart pcscd) tekrar deneyin"),
            ),
            Finding::PcscCrashed { detail } => (
                pick(format!("the smart-card service check failed ({detail})"), format!("akıllı kart hizmeti denetimi başarısız oldu ({detail})")),
                some("restart the smart-card service and try again", "akıllı kart hizmetini yeniden başlatıp tekrar deneyin"),
            ),
            Finding::BelowFailed => (pick("not checked: a layer below failed".into(), "denetlenmedi: alttaki bir katman başarısız".into()), None),
            Finding::ReadersFound { names } => (pick(format!("{}: {}", plural(names.len(), "reader", "readers"), names.join(", ")), format!("{} okuyucu: {}", names.len(), names.join(", "))), None),
            Finding::NoReader { platform } => (
                pick("no card reader".into(), "kart okuyucu yok".into()),
                match platform {
                    Platform::Windows => some("connect the reader; if it is connected, install its driver (Device Manager shows it under Smart card readers)", "okuyucuyu takın; takılıysa sürücüsünü kurun (Aygıt Yöneticisi'nde Akıllı kart okuyucular altında görünmeli)"),
                    _ => some("connect the reader; if it is connected, install its driver (most readers: the libccid package) and restart pcscd", "okuyucuyu takın; takılıysa sürücüsünü kurun (çoğu okuyucu için libccid paketi) ve pcscd'yi yeniden başlatın"),
                },
            ),
            Finding::ESignatureCard { reader, name } => (pick(format!("{name} in \"{reader}\""), format!("\"{reader}\" içinde {name}")), None),
            Finding::IdCard { reader } => (
                pick(format!("this is your ID card (kimlik kartı), not the e-signature card (in \"{reader}\")"), format!("bu sizin kimlik kartınız, e-imza kartı değil (\"{reader}\" içinde)")),
                some("take the ID card out and insert the e-signature card", "kimlik kartını çıkarıp e-imza kartını takın"),
            ),
            Finding::UnknownCard { reader, atr } => (
                pick(format!("a card esign does not know in \"{reader}\" (ATR {atr})"), format!("\"{reader}\" içinde esign'ın tanımadığı bir kart (ATR {atr})")),
                some("check that it is the e-signature card; if it is, add its ATR to the rules ([[card.atr]])", "bunun e-imza kartı olduğundan emin olun; öyleyse ATR'sini kurallara ekleyin ([[card.atr]])"),
            ),
            Finding::NoCard => (
                pick("no card in the reader".into(), "okuyucuda kart yok".into()),
                some("insert the e-signature card, chip first and facing up", "e-imza kartını, çipi önde ve yukarı bakacak şekilde takın"),
            ),
            Finding::NoModule { looked } => (
                pick(format!("no PKCS#11 module found (looked for {})", looked.join(", ")), format!("PKCS#11 modülü bulunamadı (aranan: {})", looked.join(", "))),
                some("install the AKİS card driver (akiskart.bilgem.tubitak.gov.tr), or give its path with --module", "AKİS kart sürücüsünü kurun (akiskart.bilgem.tubitak.gov.tr) ya da yolunu --module ile verin"),
            ),
            Finding::ModuleMissing { path } => (
                pick(format!("the module {path} does not exist"), format!("{path} modülü yok")),
                some("check the path given with --module or $ESIGN_PKCS11_MODULE", "--module ya da $ESIGN_PKCS11_MODULE ile verilen yolu denetleyin"),
            ),
            Finding::WrongArch { path, found, expected, other } => (
                pick(format!("{path} is {found}, but esign is {expected}: it cannot be loaded"), format!("{path} {found}, esign ise {expected}: yüklenemez")),
                match other {
                    Some(o) => Some(pick(format!("use {o} instead (--module {o})"), format!("onun yerine {o} modülünü kullanın (--module {o})"))),
                    None => Some(pick(format!("install the {expected} AKİS card driver"), format!("{expected} AKİS kart sürücüsünü kurun"))),
                },
            ),
            Finding::NotALibrary { path } => (
                pick(format!("{path} is not a shared library"), format!("{path} bir paylaşılan kitaplık değil")),
                some("reinstall the AKİS card driver, or give the module's path with --module", "AKİS kart sürücüsünü yeniden kurun ya da modülün yolunu --module ile verin"),
            ),
            Finding::ModuleFound { path } => (pick(format!("{path} (not started: a layer below failed)"), format!("{path} (başlatılmadı: alttaki bir katman başarısız)")), None),
            Finding::ModuleStarted { path } => (pick(format!("{path} loads and starts"), format!("{path} yükleniyor ve başlıyor")), None),
            Finding::LoadFailed { path, detail } => (
                pick(format!("{path} does not load ({detail})"), format!("{path} yüklenemiyor ({detail})")),
                some("reinstall the AKİS card driver; on Linux it also needs libpcsclite1", "AKİS kart sürücüsünü yeniden kurun; Linux'ta libpcsclite1 paketi de gerekir"),
            ),
            Finding::NoFunctionList { path, detail } => (
                pick(format!("{path} is not a PKCS#11 module ({detail})"), format!("{path} bir PKCS#11 modülü değil ({detail})")),
                some("give the card driver's module, such as libakisp11.so", "kart sürücüsünün modülünü verin, örneğin libakisp11.so"),
            ),
            Finding::InitFailed { path, detail } => (
                pick(format!("{path} did not start: {detail}"), format!("{path} başlamadı: {detail}")),
                some("reinstall the AKİS card driver, then unplug and plug in the reader", "AKİS kart sürücüsünü yeniden kurun, sonra okuyucuyu çıkarıp takın"),
            ),
            Finding::ModuleTimedOut { path, seconds } => (
                pick(format!("{path} did not answer within {seconds} s"), format!("{path} {seconds} saniye içinde yanıt vermedi")),
                some("unplug and plug in the reader, restart the smart-card service, then reinstall the card driver if it still hangs", "okuyucuyu çıkarıp takın, akıllı kart hizmetini yeniden başlatın; hâlâ takılıyorsa kart sürücüsünü yeniden kurun"),
            ),
            Finding::ModuleCrashed { path, detail } => (
                pick(format!("{path} crashed while starting ({detail})"), format!("{path} başlarken çöktü ({detail})")),
                some("reinstall the AKİS card driver", "AKİS kart sürücüsünü yeniden kurun"),
            ),
            Finding::ModuleNotStarted => (pick("not checked: the module did not start".into(), "denetlenmedi: modül başlamadı".into()), None),
            Finding::ModuleSeesNoReader => (
                pick("the module sees no card reader".into(), "modül hiç kart okuyucu görmüyor".into()),
                some("connect the reader and check the readers above", "okuyucuyu takın ve yukarıdaki okuyucu denetimine bakın"),
            ),
            Finding::ModuleSeesNoCard => (
                pick("the module sees no card in the reader".into(), "modül okuyucuda kart görmüyor".into()),
                some("insert the e-signature card", "e-imza kartını takın"),
            ),
            Finding::BlankToken => (
                pick("the card is not initialised: it holds no certificate".into(), "kart hiç kullanıma hazırlanmamış: sertifika içermiyor".into()),
                some("check that it is the e-signature card", "bunun e-imza kartı olduğundan emin olun"),
            ),
            Finding::TokenReadFailed { detail } => (
                pick(format!("reading the card failed: {detail}"), format!("kart okunamadı: {detail}")),
                some("take the card out, insert it again and retry", "kartı çıkarıp yeniden takın ve tekrar deneyin"),
            ),
            Finding::Token { label, pin, max_attempts } => {
                let finding = pick(format!("\"{label}\", PIN: {}", advice::pin_label(*pin, lang)), format!("\"{label}\", PIN: {}", advice::pin_label(*pin, lang)));
                let fix = match pin {
                    PinState::Ok => None,
                    PinState::CountLow => Some(pick(format!("{max_attempts} wrong PINs lock the card (R5): if you are not sure of the PIN, stop trying"), format!("PIN {max_attempts} kez yanlış girilirse kart kilitlenir (R5): PIN'den emin değilseniz denemeyi bırakın"))),
                    PinState::FinalTry | PinState::Locked => some("do not guess the PIN: if you do not know it, see `esign unlock`", "PIN'i tahmin etmeyin: bilmiyorsanız `esign unlock` komutuna bakın"),
                };
                (finding, fix)
            }
            Finding::TokenLocked { label, unlock } => (
                pick(format!("\"{label}\": the PIN is locked (R5)"), format!("\"{label}\": PIN kilitli (R5)")),
                Some(unlock.clone()),
            ),
            Finding::CertificateState { headline, action } => (headline.clone(), action.clone()),
            Finding::CertificateHidden => (
                pick("the card shows no certificate without its PIN, and esign never asks for the PIN".into(), "kart PIN girilmeden sertifika göstermiyor ve esign PIN sormaz".into()),
                some("export the certificate with the card's own tool and run `esign check --cert FILE`", "sertifikayı kartın kendi aracıyla dışa aktarıp `esign check --cert DOSYA` komutunu çalıştırın"),
            ),
            Finding::NoCertificate => (
                pick("the card holds no certificate".into(), "kartta sertifika yok".into()),
                some("take the card to the desk: it cannot sign", "kartı birime götürün: bu kartla imza atılamaz"),
            ),
            Finding::NoToken => (pick("not checked: no card was read".into(), "denetlenmedi: kart okunamadı".into()), None),
            Finding::JavaFound { version, bits } => (
                match bits {
                    Some(b) => pick(format!("{version} ({b}-bit)"), format!("{version} ({b} bit)")),
                    None => version.clone(),
                },
                None,
            ),
            Finding::JavaMissing => (
                pick("no java on PATH: Kamu SM's signing and unlock applications need it".into(), "PATH üzerinde java yok: Kamu SM'nin imza ve kilit çözme uygulamaları Java ister".into()),
                some("install Java (for example OpenJDK 11 or newer)", "Java kurun (örneğin OpenJDK 11 ya da daha yenisi)"),
            ),
            Finding::JavaFailed { detail } => (
                pick(format!("java did not run ({detail})"), format!("java çalışmadı ({detail})")),
                some("reinstall Java", "Java'yı yeniden kurun"),
            ),
            Finding::JavaTimedOut { seconds } => (
                pick(format!("java -version did not finish within {seconds} s"), format!("java -version {seconds} saniye içinde bitmedi")),
                some("check the Java installation", "Java kurulumunu denetleyin"),
            ),
            Finding::BrowserVariable { variable, program } => (pick(format!("{program} (from {variable})"), format!("{program} ({variable} ile seçildi)")), None),
            Finding::BrowserNotFound { variable, program } => (
                pick(format!("{variable} names \"{program}\", which is not found"), format!("{variable} \"{program}\" programını gösteriyor, ama program bulunamadı")),
                Some(pick(format!("fix or unset {variable}"), format!("{variable} değişkenini düzeltin ya da kaldırın"))),
            ),
            Finding::BrowserSystem { opener } => (pick(format!("the system's default browser ({opener})"), format!("sistemin varsayılan tarayıcısı ({opener})")), None),
            Finding::NoBrowser => (
                pick("no browser found for `esign open`".into(), "`esign open` için tarayıcı bulunamadı".into()),
                some("install xdg-utils, or set $ESIGN_BROWSER to a browser program", "xdg-utils paketini kurun ya da $ESIGN_BROWSER değişkenine bir tarayıcı programı yazın"),
            ),
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    pub finding: Finding,
    /// Facts for scripts: paths, ATRs, reader names.
    pub details: Value,
}

impl Check {
    fn new(id: CheckId, status: Status, finding: Finding) -> Check {
        Check {
            id,
            status,
            finding,
            details: Value::Null,
        }
    }

    fn with(mut self, details: Value) -> Check {
        self.details = details;
        self
    }
}

/// Every check, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub checks: Vec<Check>,
}

impl Diagnosis {
    /// The worst status that counts: problems, then warnings.
    #[must_use]
    pub fn worst(&self) -> Status {
        self.checks
            .iter()
            .map(|c| c.status)
            .max()
            .unwrap_or(Status::Ok)
    }

    /// 0 all ok, 1 warnings only, 2 a problem that stops signing.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self.worst() {
            Status::Problem => 2,
            Status::Warning => 1,
            _ => 0,
        }
    }

    /// The whole diagnosis as text per check, for the renderers.
    #[must_use]
    pub fn view(&self, lang: Lang) -> DiagnosisView {
        DiagnosisView {
            status: match self.worst() {
                Status::Problem => "problem",
                Status::Warning => "warning",
                _ => "ok",
            },
            checks: self
                .checks
                .iter()
                .map(|c| {
                    let (finding, fix) = c.finding.text(lang);
                    CheckView {
                        id: c.id,
                        label: c.id.label(lang),
                        status: c.status,
                        code: c.finding.code(),
                        finding,
                        fix,
                        details: c.details.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// A check as written out (JSON keys: `id`, `status`, `code`, `finding`, `fix`, `details`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckView {
    pub id: CheckId,
    #[serde(skip)]
    pub label: &'static str,
    pub status: Status,
    pub code: &'static str,
    pub finding: String,
    pub fix: Option<String>,
    pub details: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiagnosisView {
    pub status: &'static str,
    pub checks: Vec<CheckView>,
}

/// The text at the top of a doctor screen.
#[must_use]
pub fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "esign doctor: checking the card stack, layer by layer",
        Lang::Tr => "esign doctor: e-imza kart altyapısı katman katman denetleniyor",
    }
}

/// The closing line for a diagnosis.
#[must_use]
pub fn summary(worst: Status, lang: Lang) -> &'static str {
    match (lang, worst) {
        (Lang::En, Status::Problem) => "Result: a problem stops signing; fix the first one above, then run esign doctor again.",
        (Lang::En, Status::Warning) => "Result: signing should work; see the warnings.",
        (Lang::En, _) => "Result: everything checked is in order.",
        (Lang::Tr, Status::Problem) => "Sonuç: imza atmayı engelleyen bir sorun var; yukarıdaki ilk sorunu giderip esign doctor komutunu yeniden çalıştırın.",
        (Lang::Tr, Status::Warning) => "Sonuç: imza atılabilmeli; uyarılara bakın.",
        (Lang::Tr, _) => "Sonuç: denetlenen her şey yolunda.",
    }
}

/// Decides every check from the observations, in order. `rules` are the rules in
/// effect (the embedded ones when the file is broken); `atrs` their ATR table.
#[must_use]
pub fn diagnose(
    obs: &Observations,
    rules: &Rules,
    atrs: &[AtrPattern],
    now: DateTime<Tz>,
    lang: Lang,
) -> Diagnosis {
    let mut checks = vec![rules_check(&obs.rules), clock_check(&obs.clock, rules)];
    let explicit = obs.module.explicit.is_some();
    let (mut pcsc, card_ok) = pcsc_checks(&obs.pcsc, obs.platform, atrs);
    if explicit {
        // A software token needs no reader: what PC/SC says is only information.
        for c in &mut pcsc {
            if matches!(c.status, Status::Warning | Status::Problem) {
                c.status = Status::Info;
            }
        }
    }
    checks.extend(pcsc);
    let run_module = card_ok || explicit;
    checks.extend(module_checks(obs, rules, run_module, now, lang));
    checks.push(java_check(&obs.java));
    checks.push(browser_check(&obs.browser));
    Diagnosis { checks }
}

fn rules_check(rules: &RulesObservation) -> Check {
    match rules {
        RulesObservation::Embedded => {
            Check::new(CheckId::Rules, Status::Ok, Finding::RulesEmbedded)
        }
        RulesObservation::File { path, how } => Check::new(
            CheckId::Rules,
            Status::Ok,
            Finding::RulesFile {
                path: path.clone(),
                how: how.clone(),
            },
        )
        .with(json!({ "path": path })),
        RulesObservation::Broken { path, error } => Check::new(
            CheckId::Rules,
            Status::Problem,
            Finding::RulesBroken { path: path.clone() },
        )
        .with(json!({ "path": path, "error": error })),
    }
}

fn offset_name(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    if s.is_multiple_of(3600) {
        format!("UTC{sign}{:02}", s / 3600)
    } else {
        format!("UTC{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
    }
}

fn clock_check(clock: &ClockObservation, rules: &Rules) -> Check {
    let zone = rules.institution.timezone.name().to_owned();
    let system = match &clock.system_zone {
        Some(z) => format!("{z}, {}", offset_name(clock.system_offset_seconds)),
        None => offset_name(clock.system_offset_seconds),
    };
    let same_name = clock.system_zone.as_deref() == Some(zone.as_str());
    let details = json!({
        "system_zone": clock.system_zone,
        "system_offset": offset_name(clock.system_offset_seconds),
        "rules_zone": zone,
        "rules_offset": offset_name(clock.rules_offset_seconds),
    });
    if same_name
        || (clock.system_zone.is_none()
            && clock.system_offset_seconds == clock.rules_offset_seconds)
    {
        Check::new(CheckId::Clock, Status::Ok, Finding::ClockSame { zone }).with(details)
    } else {
        Check::new(
            CheckId::Clock,
            Status::Info,
            Finding::ClockDiffers {
                system,
                rules: format!("{zone}, {}", offset_name(clock.rules_offset_seconds)),
            },
        )
        .with(details)
    }
}

/// Whether the card layers leave something worth probing with the module: a card
/// that is an e-signature card, or one esign does not know. (The binary asks before it
/// starts the module, so a dead reader layer costs no module time.)
#[must_use]
pub fn card_in_reader(pcsc: &PcscObservation, atrs: &[AtrPattern]) -> bool {
    pcsc_checks(pcsc, Platform::Other, atrs).1
}

/// The service, readers and card checks, and whether a card worth probing is in.
fn pcsc_checks(
    pcsc: &PcscObservation,
    platform: Platform,
    atrs: &[AtrPattern],
) -> (Vec<Check>, bool) {
    let skipped = |id| Check::new(id, Status::Skipped, Finding::BelowFailed);
    let failed = |finding: Finding, details: Value| {
        (
            vec![
                Check::new(CheckId::Service, Status::Problem, finding).with(details),
                skipped(CheckId::Readers),
                skipped(CheckId::Card),
            ],
            false,
        )
    };
    let readers = match pcsc {
        PcscObservation::LibraryMissing { library, detail } => {
            return failed(
                Finding::LibraryMissing {
                    library: library.clone(),
                    platform,
                },
                json!({ "library": library, "error": detail }),
            )
        }
        PcscObservation::NotRunning { socket } => {
            return failed(
                Finding::NotRunning {
                    socket: socket.clone(),
                },
                json!({ "socket": socket }),
            )
        }
        PcscObservation::NoService => return failed(Finding::NoService { platform }, Value::Null),
        PcscObservation::AccessDenied { code } => {
            return failed(Finding::AccessDenied, json!({ "code": code }))
        }
        PcscObservation::Failed { call, code } => {
            return failed(
                Finding::PcscFailed {
                    call: call.clone(),
                    code: code.clone(),
                },
                json!({ "call": call, "code": code }),
            )
        }
        PcscObservation::TimedOut { seconds } => {
            return failed(Finding::PcscTimedOut { seconds: *seconds }, Value::Null)
        }
        PcscObservation::Crashed { detail } => {
            return failed(
                Finding::PcscCrashed {
                    detail: detail.clone(),
                },
                Value::Null,
            )
        }
        PcscObservation::Readers { readers } => readers,
    };
    let mut checks = vec![Check::new(CheckId::Service, Status::Ok, Finding::ServiceOk)];
    let names: Vec<String> = readers.iter().map(|r| r.name.clone()).collect();
    if readers.is_empty() {
        checks.push(Check::new(
            CheckId::Readers,
            Status::Problem,
            Finding::NoReader { platform },
        ));
        checks.push(skipped(CheckId::Card));
        return (checks, false);
    }
    checks.push(
        Check::new(
            CheckId::Readers,
            Status::Ok,
            Finding::ReadersFound { names },
        )
        .with(json!({ "readers": readers.iter().map(|r| &r.name).collect::<Vec<_>>() })),
    );
    // Every reader's card, identified; the best one decides.
    let mut seen = Vec::new();
    let mut best: Option<(u8, Status, Finding)> = None;
    for reader in readers {
        let Some(atr_text) = &reader.atr else {
            seen.push(json!({ "reader": reader.name, "card": false }));
            continue;
        };
        let atr = parse_hex(atr_text).unwrap_or_default();
        let kind = identify(&atr, atrs);
        seen.push(json!({
            "reader": reader.name,
            "card": true,
            "atr": hex(&atr),
            "kind": kind.map(|k| k.kind),
            "name": kind.map(|k| k.name.as_str()),
        }));
        let candidate = match kind {
            Some(AtrPattern {
                kind: CardKind::ESignature,
                name,
                ..
            }) => (
                3,
                Status::Ok,
                Finding::ESignatureCard {
                    reader: reader.name.clone(),
                    name: name.clone(),
                },
            ),
            None => (
                2,
                Status::Warning,
                Finding::UnknownCard {
                    reader: reader.name.clone(),
                    atr: hex(&atr),
                },
            ),
            Some(_) => (
                1,
                Status::Problem,
                Finding::IdCard {
                    reader: reader.name.clone(),
                },
            ),
        };
        if best.as_ref().is_none_or(|b| candidate.0 > b.0) {
            best = Some(candidate);
        }
    }
    let details = json!({ "readers": seen });
    let (rank, status, finding) = best.unwrap_or((0, Status::Problem, Finding::NoCard));
    checks.push(Check::new(CheckId::Card, status, finding).with(details));
    (checks, rank >= 2)
}

fn module_checks(
    obs: &Observations,
    rules: &Rules,
    run: bool,
    now: DateTime<Tz>,
    lang: Lang,
) -> Vec<Check> {
    let m = &obs.module;
    let skipped_below = |id| Check::new(id, Status::Skipped, Finding::NoToken);
    let details = json!({ "explicit": m.explicit, "candidates": m.candidates });
    let Some(chosen) = m.candidates.iter().find(|c| c.exists) else {
        let finding = match &m.explicit {
            Some(path) => Finding::ModuleMissing { path: path.clone() },
            None => Finding::NoModule {
                looked: m.candidates.iter().map(|c| c.path.clone()).collect(),
            },
        };
        return vec![
            Check::new(CheckId::Module, Status::Problem, finding).with(details),
            skipped_below(CheckId::Token),
            skipped_below(CheckId::Certificate),
        ];
    };
    let path = chosen.path.clone();
    let format = chosen.format.unwrap_or(LibraryFormat::Unknown);
    if !loadable(format, obs.arch) {
        let finding = if format == LibraryFormat::Unknown
            || matches!(format, LibraryFormat::Elf { shared: false, .. })
        {
            Finding::NotALibrary { path }
        } else {
            let other = m
                .candidates
                .iter()
                .find(|c| c.exists && c.format.is_some_and(|f| loadable(f, obs.arch)))
                .map(|c| c.path.clone());
            Finding::WrongArch {
                path,
                found: format_name(format),
                expected: format!("{}-bit {}", obs.arch.bits, obs.arch.name),
                other,
            }
        };
        return vec![
            Check::new(CheckId::Module, Status::Problem, finding).with(details),
            skipped_below(CheckId::Token),
            skipped_below(CheckId::Certificate),
        ];
    }
    let (Some(probe), true) = (&m.probe, run) else {
        return vec![
            Check::new(
                CheckId::Module,
                Status::Skipped,
                Finding::ModuleFound { path },
            )
            .with(details),
            Check::new(CheckId::Token, Status::Skipped, Finding::BelowFailed),
            Check::new(CheckId::Certificate, Status::Skipped, Finding::BelowFailed),
        ];
    };
    let module_failed = |finding| {
        vec![
            Check::new(CheckId::Module, Status::Problem, finding).with(details.clone()),
            Check::new(CheckId::Token, Status::Skipped, Finding::ModuleNotStarted),
            Check::new(
                CheckId::Certificate,
                Status::Skipped,
                Finding::ModuleNotStarted,
            ),
        ]
    };
    let p = path.clone();
    let token_failed = |finding| {
        vec![
            Check::new(
                CheckId::Module,
                Status::Ok,
                Finding::ModuleStarted { path: p.clone() },
            )
            .with(details.clone()),
            Check::new(CheckId::Token, Status::Problem, finding),
            Check::new(CheckId::Certificate, Status::Skipped, Finding::NoToken),
        ]
    };
    let (tokens, notes) = match probe {
        ModuleProbe::LoadFailed { detail } => {
            return module_failed(Finding::LoadFailed {
                path,
                detail: detail.clone(),
            })
        }
        ModuleProbe::NoFunctionList { detail } => {
            return module_failed(Finding::NoFunctionList {
                path,
                detail: detail.clone(),
            })
        }
        ModuleProbe::InitFailed { detail } => {
            return module_failed(Finding::InitFailed {
                path,
                detail: detail.clone(),
            })
        }
        ModuleProbe::TimedOut { seconds } => {
            return module_failed(Finding::ModuleTimedOut {
                path,
                seconds: *seconds,
            })
        }
        ModuleProbe::Crashed { detail } => {
            return module_failed(Finding::ModuleCrashed {
                path,
                detail: detail.clone(),
            })
        }
        ModuleProbe::NoReader => return token_failed(Finding::ModuleSeesNoReader),
        ModuleProbe::NoCard => return token_failed(Finding::ModuleSeesNoCard),
        ModuleProbe::Blank => return token_failed(Finding::BlankToken),
        ModuleProbe::ReadFailed { detail } => {
            return token_failed(Finding::TokenReadFailed {
                detail: detail.clone(),
            })
        }
        ModuleProbe::Tokens { tokens, notes } => (tokens, notes),
    };
    let mut checks = vec![
        Check::new(CheckId::Module, Status::Ok, Finding::ModuleStarted { path }).with(details),
    ];
    // The token whose PIN is worst speaks for the card (as `card` does).
    let worst = tokens.iter().max_by_key(|t| t.pin);
    let token_details = json!({
        "tokens": tokens.iter().map(|t| json!({
            "label": t.label, "serial": t.serial, "pin_state": t.pin, "login_required": t.login_required,
            "certificates": t.certificates.len(),
        })).collect::<Vec<_>>(),
        "notes": notes,
    });
    checks.push(
        match worst {
            Some(t) if t.pin == PinState::Locked => {
                let guide = portal::guide(rules, Task::Unlock, lang);
                let steps: Vec<&str> = guide.steps.iter().map(|s| s.label).collect();
                let unlock = format!(
                    "{}: {} → {} → {}",
                    guide.title,
                    guide.url,
                    guide.login,
                    steps.join(" → ")
                );
                Check::new(
                    CheckId::Token,
                    Status::Problem,
                    Finding::TokenLocked {
                        label: t.label.clone(),
                        unlock,
                    },
                )
            }
            Some(t) => Check::new(
                CheckId::Token,
                if t.pin == PinState::Ok {
                    Status::Ok
                } else {
                    Status::Warning
                },
                Finding::Token {
                    label: t.label.clone(),
                    pin: t.pin,
                    max_attempts: rules.max_attempts,
                },
            ),
            None => Check::new(CheckId::Token, Status::Problem, Finding::BlankToken),
        }
        .with(token_details),
    );
    checks.push(certificate_check(tokens, rules, now, lang));
    checks
}

/// The certificate check, exactly as `check --card` decides: the signing certificate
/// of each token (else its only ones), the most urgent first.
fn certificate_check(
    tokens: &[TokenObservation],
    rules: &Rules,
    now: DateTime<Tz>,
    lang: Lang,
) -> Check {
    let found: Vec<(String, Certificate)> = tokens
        .iter()
        .flat_map(|t| {
            cert::to_check(&t.certificates)
                .into_iter()
                .map(|i| (format!("token \"{}\"", t.label), t.certificates[i].clone()))
        })
        .collect();
    if found.is_empty() {
        let hidden = tokens.iter().any(|t| t.login_required);
        return if hidden {
            Check::new(
                CheckId::Certificate,
                Status::Warning,
                Finding::CertificateHidden,
            )
        } else {
            Check::new(
                CheckId::Certificate,
                Status::Problem,
                Finding::NoCertificate,
            )
        };
    }
    let report = Report::new(found, now, rules.lead);
    let state = report.state();
    let status = match state {
        Some(State::Valid) => Status::Ok,
        Some(State::NotYetValid | State::RenewalDue) => Status::Warning,
        Some(State::Expired) | None => Status::Problem,
    };
    let advice = advice::for_report(&report, now, rules, lang, &[]);
    let (headline, action) = advice.map_or_else(
        || (String::new(), None),
        |a| (a.headline, a.actions.into_iter().next()),
    );
    let action = if status == Status::Ok { None } else { action };
    let decisive = report.decisive();
    Check::new(
        CheckId::Certificate,
        status,
        Finding::CertificateState { headline, action },
    )
    .with(json!({
        "state": state,
        "subject": decisive.map(|d| d.certificate.name.as_str()),
        "not_after": decisive.map(|d| d.certificate.not_after.with_timezone(&now.timezone()).to_rfc3339()),
    }))
}

fn java_check(java: &JavaObservation) -> Check {
    match java {
        JavaObservation::Found { version, bits } => Check::new(
            CheckId::Java,
            Status::Ok,
            Finding::JavaFound {
                version: version.clone(),
                bits: *bits,
            },
        )
        .with(json!({ "version": version, "bits": bits })),
        JavaObservation::Missing => {
            Check::new(CheckId::Java, Status::Warning, Finding::JavaMissing)
        }
        JavaObservation::Failed { detail } => Check::new(
            CheckId::Java,
            Status::Warning,
            Finding::JavaFailed {
                detail: detail.clone(),
            },
        ),
        JavaObservation::TimedOut { seconds } => Check::new(
            CheckId::Java,
            Status::Warning,
            Finding::JavaTimedOut { seconds: *seconds },
        ),
    }
}

fn browser_check(browser: &BrowserObservation) -> Check {
    match browser {
        BrowserObservation::Variable {
            variable,
            program,
            found,
        } => {
            let (status, finding) = if *found {
                (
                    Status::Ok,
                    Finding::BrowserVariable {
                        variable: variable.clone(),
                        program: program.clone(),
                    },
                )
            } else {
                (
                    Status::Warning,
                    Finding::BrowserNotFound {
                        variable: variable.clone(),
                        program: program.clone(),
                    },
                )
            };
            Check::new(CheckId::Browser, status, finding)
                .with(json!({ "variable": variable, "program": program }))
        }
        BrowserObservation::System { opener } => Check::new(
            CheckId::Browser,
            Status::Ok,
            Finding::BrowserSystem {
                opener: opener.clone(),
            },
        ),
        BrowserObservation::None => {
            Check::new(CheckId::Browser, Status::Warning, Finding::NoBrowser)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AKIS_13: &str = "3B 9F 96 81 31 FE 45 80 67 55 45 4B 41 45 12 93 31 80 73 B3 A1 80 6B";
    const AKIS_10: &str = "3B BA 11 00 81 31 FE 4D 55 45 4B 41 45 20 56 31 2E 30 AE";
    const ID_CARD: &str = "3B 9F 97 81 31 FE 45 80 65 54 43 4B 49 44 12 34 56 78 90 AB CD";

    #[test]
    fn atrs_identify_the_card() {
        let table = crate::rules::Rules::embedded().card_atrs().to_vec();
        let kind = |atr: &str| identify(&parse_hex(atr).unwrap(), &table).map(|p| p.kind);
        assert_eq!(kind(AKIS_13), Some(CardKind::ESignature));
        assert_eq!(kind(AKIS_10), Some(CardKind::ESignature));
        assert_eq!(kind(ID_CARD), Some(CardKind::IdCard));
        assert_eq!(kind("3B 8F 80 01 80 4F 0C A0 00 00 03 06"), None);
        // "UEKAE" outside the historical bytes does not count.
        assert_eq!(kind("3B 00 55 45 4B 41 45"), None);
    }

    #[test]
    fn historical_bytes_skip_the_interface_bytes() {
        let atr = parse_hex(AKIS_10).unwrap();
        assert_eq!(&historical_bytes(&atr)[..5], b"UEKAE");
        assert_eq!(historical_bytes(&atr).len(), 10);
        assert_eq!(historical_bytes(&[0x3B]), b"");
        assert_eq!(historical_bytes(&[0x3B, 0x82]), b"");
    }

    #[test]
    fn hex_round_trip_and_errors() {
        assert_eq!(parse_hex("3b:9f 97").unwrap(), vec![0x3B, 0x9F, 0x97]);
        assert_eq!(hex(&[0x3B, 0x0A]), "3B 0A");
        assert!(parse_hex("3B 9").is_err());
        assert!(parse_hex("zz").is_err());
        assert!(parse_hex("").is_err());
    }

    #[test]
    fn library_formats() {
        let x64 = Arch {
            name: "x86_64",
            bits: 64,
        };
        let mut elf64 = b"\x7fELF\x02\x01\x01".to_vec();
        elf64.resize(64, 0);
        elf64[16] = 3;
        elf64[18] = 62;
        assert!(loadable(library_format(&elf64), x64));
        let mut elf32 = b"\x7fELF\x01\x01\x01".to_vec();
        elf32.resize(52, 0);
        elf32[16] = 3;
        elf32[18] = 3;
        let f = library_format(&elf32);
        assert!(!loadable(f, x64));
        assert_eq!(format_name(f), "ELF 32-bit x86");
        let mut pe = b"MZ".to_vec();
        pe.resize(0x80, 0);
        pe[0x3c] = 0x40;
        pe[0x40..0x44].copy_from_slice(b"PE\0\0");
        pe[0x44..0x46].copy_from_slice(&0x14c_u16.to_le_bytes());
        assert_eq!(format_name(library_format(&pe)), "PE 32-bit x86");
        assert!(!loadable(library_format(&pe), x64));
        assert_eq!(library_format(b"hello"), LibraryFormat::Unknown);
        assert_eq!(library_format(b""), LibraryFormat::Unknown);
        assert_eq!(library_format(b"MZ"), LibraryFormat::Unknown);
    }

    #[test]
    fn java_versions() {
        let out = "openjdk version \"17.0.9\" 2023-10-17\nOpenJDK Runtime Environment (build 17.0.9+9)\nOpenJDK 64-Bit Server VM (build 17.0.9+9, mixed mode)\n";
        assert_eq!(
            java_from_output(out),
            JavaObservation::Found {
                version: "openjdk version \"17.0.9\" 2023-10-17".into(),
                bits: Some(64)
            }
        );
        assert!(matches!(
            java_from_output(""),
            JavaObservation::Failed { .. }
        ));
    }

    #[test]
    fn every_finding_speaks_both_languages() {
        let f = Finding::IdCard { reader: "R".into() };
        let (en, _) = f.text(Lang::En);
        let (tr, fix) = f.text(Lang::Tr);
        assert!(en.contains("ID card (kimlik kartı)"));
        assert!(tr.contains("kimlik kartınız"));
        assert_eq!(fix.unwrap(), "kimlik kartını çıkarıp e-imza kartını takın");
    }

    #[test]
    fn rules_files_without_an_atr_table_get_the_embedded_one() {
        use crate::rules::{Rules, EMBEDDED};
        let start = EMBEDDED.find("[[card.atr]]").unwrap();
        let mut old = Rules::parse(&EMBEDDED[..start], "old.toml").unwrap();
        assert_eq!(old.card_atrs, None);
        old.inherit_defaults(&Rules::embedded());
        assert_eq!(old.card_atrs(), Rules::embedded().card_atrs());
        assert_eq!(old.card_atrs().len(), 2);
        let bad = format!(
            "{}[[card.atr]]\nkind = \"bank\"\nname = \"x\"\nprefix = \"3B 9\"\n",
            &EMBEDDED[..start]
        );
        let e = Rules::parse(&bad, "bad.toml").unwrap_err().to_string();
        assert!(e.contains("\"bank\" is not a card kind"), "{e}");
        assert!(e.contains("is not hex bytes"), "{e}");
        let none = format!(
            "{}[[card.atr]]\nkind = \"id-card\"\nname = \"x\"\n",
            &EMBEDDED[..start]
        );
        let e = Rules::parse(&none, "none.toml").unwrap_err().to_string();
        assert!(e.contains("needs \"prefix\" or \"historical\""), "{e}");
    }
}
