//! Reading the e-signature card through its PKCS#11 module: token info, PIN flags and
//! the public certificate objects. Never logs in, never asks for, reads or logs a PIN.
//!
//! The module's state is process-wide: one [`read`] per process, finalised before it
//! returns. What the bytes mean is the core's business ([`esign::cert`], [`esign::pin`]).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as P11Error, Rv, RvError};
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass};
use cryptoki::session::Session;
use cryptoki::slot::Slot;
use esign::cert::{self, Certificate};
use esign::messages::{CardError, CardNote, CardStep, Localize};
use esign::pin::PinState;

/// One token (card) as read without logging in.
#[derive(Debug, Clone)]
pub struct TokenReading {
    pub label: String,
    pub serial: String,
    pub pin: PinState,
    /// The token wants a login for private objects: a missing certificate may be hidden.
    pub login_required: bool,
    pub certificates: Vec<Certificate>,
}

/// Everything one read of the module gave.
#[derive(Debug, Clone)]
pub struct CardReading {
    pub module: PathBuf,
    pub tokens: Vec<TokenReading>,
    /// Notes and warnings for stderr: skipped blank tokens, unreadable certificate objects.
    pub notes: Vec<CardNote>,
}

/// A module to load, and which setting named it.
#[derive(Debug, Clone)]
pub struct Module {
    /// An absolute path, or a bare file name for the system's library search.
    pub path: PathBuf,
    pub from: &'static str,
}

impl Module {
    /// A bare name (`opensc-pkcs11.so`): the system's library search finds it.
    pub fn is_bare(&self) -> bool {
        is_bare_name(&self.path)
    }
}

/// A name without any folder part. The dynamic loader looks such a name up in the
/// system's library paths only, never in the current folder.
fn is_bare_name(path: &Path) -> bool {
    let mut components = path.components();
    matches!(
        (components.next(), components.next()),
        (Some(std::path::Component::Normal(_)), None)
    ) && !path.as_os_str().to_string_lossy().contains(['/', '\\'])
}

/// Which module to load: `--module`, else `$ESIGN_PKCS11_MODULE`, else the first
/// existing path in the rules' `[card] modules`.
///
/// A name with a folder part (`./x.so`, `lib/x.so`) means that file, made absolute
/// before loading. A bare name keeps the system's library search, as `dlopen` does:
/// it is not looked for in the current folder, so a library planted there (in
/// Downloads, say) is never picked up by accident.
pub fn choose_module(
    flag: Option<&Path>,
    env: Option<OsString>,
    candidates: &[String],
) -> Result<Module, CardError> {
    let chosen = match (flag, env.filter(|v| !v.is_empty())) {
        (Some(path), _) => Some((path.to_path_buf(), "--module")),
        (None, Some(value)) => Some((PathBuf::from(value), "$ESIGN_PKCS11_MODULE")),
        (None, None) => None,
    };
    if let Some((path, from)) = chosen {
        if is_bare_name(&path) {
            return Ok(Module { path, from });
        }
        let path = std::path::absolute(&path).unwrap_or(path);
        return if path.exists() {
            Ok(Module { path, from })
        } else {
            Err(CardError::ModuleMissing { path, from })
        };
    }
    if let Some(path) = candidates.iter().map(PathBuf::from).find(|p| p.is_file()) {
        return Ok(Module {
            path,
            from: "rules",
        });
    }
    if let Some(path) = only_32_bit_driver() {
        return Err(CardError::Only32Bit { path });
    }
    Err(CardError::NoModule {
        looked: candidates.join(", "),
    })
}

/// On 64-bit Windows a 32-bit AKIS driver sits in `SysWOW64`; loading it from a 64-bit
/// program fails with Windows error 193, so name it instead of "not found".
#[cfg(windows)]
fn only_32_bit_driver() -> Option<PathBuf> {
    let root = std::env::var_os("SystemRoot")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from);
    Some(root.join("SysWOW64").join("akisp11.dll")).filter(|p| p.is_file())
}

#[cfg(not(windows))]
fn only_32_bit_driver() -> Option<PathBuf> {
    None
}

/// Loads `module`, reads every present, initialised token, and finalises the module.
pub fn read(choice: &Module) -> Result<CardReading, CardError> {
    let module = choice.path.as_path();
    // Before cryptoki touches it: cryptoki reads the function list's version at once,
    // and a module that answers OK with no list would crash esign. The probe's handle is
    // kept until the end: closing it would unload the module and everything it loaded
    // (libcrypto, libstdc++ for SoftHSM2), only for cryptoki to load them all again
    // (about 10 ms, half of `esign card`).
    let _probe = probe_function_list(module).map_err(|e| match e {
        Probe::Load(err) if choice.is_bare() => CardError::NotInSearchPath {
            name: module.display().to_string(),
            from: choice.from,
            detail: first_line(&err.to_string()),
        },
        Probe::Load(err) => CardError::NotAModule {
            path: module.to_path_buf(),
            detail: first_line(&err.to_string()),
        },
        Probe::Bad(detail) => CardError::NotAModule {
            path: module.to_path_buf(),
            detail: detail.to_owned(),
        },
    })?;
    let pkcs11 = Pkcs11::new(module).map_err(|e| load_error(module, &e))?;
    // The file the loader actually took, for every message from here on.
    let loaded = if choice.is_bare() {
        loaded_path(module).unwrap_or_else(|| module.to_path_buf())
    } else {
        module.to_path_buf()
    };
    initialize(&pkcs11, &loaded)?;
    let result = read_tokens(&pkcs11, &loaded);
    // cryptoki does not finalise on drop; the module's state is the process's.
    let _ = pkcs11.finalize();
    result
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().trim().to_owned()
}

/// Where a library loaded by bare name came from: the mapping in `/proc/self/maps` with
/// that file name (Linux); elsewhere the name as given.
fn loaded_path(name: &Path) -> Option<PathBuf> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let file_name = name.file_name()?;
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    maps.lines()
        .filter_map(|line| line.find('/').map(|i| Path::new(line[i..].trim())))
        .find(|path| path.file_name() == Some(file_name))
        .map(Path::to_path_buf)
}

enum Probe {
    Load(libloading::Error),
    Bad(&'static str),
}

/// Loads the module and checks that `C_GetFunctionList` gives a function list; the
/// module stays loaded while the handle lives.
#[allow(unsafe_code)]
fn probe_function_list(module: &Path) -> Result<libloading::Library, Probe> {
    // SAFETY: loading a library runs its initialisers, as `Pkcs11::new` would do next
    // anyway. `C_GetFunctionList` has the PKCS#11 C ABI that `cryptoki_sys` declares;
    // its out-pointer is a valid local, initialised to null so a module that writes
    // nothing leaves null. The list is only compared with null here, never read.
    unsafe {
        let library = libloading::Library::new(module).map_err(Probe::Load)?;
        let get: libloading::Symbol<cryptoki_sys::CK_C_GetFunctionList> = library
            .get(b"C_GetFunctionList\0")
            .map_err(|_| Probe::Bad("it has no C_GetFunctionList"))?;
        let Some(get) = *get else {
            return Err(Probe::Bad("its C_GetFunctionList is null"));
        };
        let mut list: cryptoki_sys::CK_FUNCTION_LIST_PTR = std::ptr::null_mut();
        let rv = get(&raw mut list);
        if rv != cryptoki_sys::CKR_OK {
            return Err(Probe::Bad("its C_GetFunctionList failed"));
        }
        if list.is_null() {
            return Err(Probe::Bad(
                "its C_GetFunctionList returned no function list",
            ));
        }
        Ok(library)
    }
}

fn load_error(module: &Path, err: &P11Error) -> CardError {
    let detail = match err {
        P11Error::LibraryLoading(e) => e.to_string(),
        P11Error::MissingSymbol(name) => format!("it has no {name}"),
        other => other.to_string(),
    };
    CardError::NotAModule {
        path: module.to_path_buf(),
        detail,
    }
}

/// `C_Initialize(NULL)` first: the AKIS module refuses any `CK_C_INITIALIZE_ARGS`, even
/// an empty one, and cryptoki always passes one. Modules that want arguments get them
/// on `CKR_ARGUMENTS_BAD`; already initialised counts as success.
fn initialize(pkcs11: &Pkcs11, module: &Path) -> Result<(), CardError> {
    let init_error = |detail: String| CardError::Init {
        path: module.to_path_buf(),
        detail,
    };
    let rv = initialize_with_null(module).map_err(|e| init_error(e.to_string()))?;
    match Rv::from(rv) {
        Rv::Ok | Rv::Error(RvError::CryptokiAlreadyInitialized) => Ok(()),
        Rv::Error(RvError::ArgumentsBad) => {
            match pkcs11.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
                Ok(()) | Err(P11Error::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => Ok(()),
                Err(e) => Err(init_error(short(&e))),
            }
        }
        Rv::Error(e) => Err(init_error(format!("C_Initialize returned {e:?}"))),
    }
}

/// Calls the module's `C_Initialize` with a null argument, through a second handle on
/// the library cryptoki has already loaded (the same image, so the same state).
#[allow(unsafe_code)]
fn initialize_with_null(module: &Path) -> Result<cryptoki_sys::CK_RV, libloading::Error> {
    // SAFETY: `module` was loaded by `Pkcs11::new` just before, which proved it exports
    // `C_GetFunctionList`; loading it again only bumps the loader's reference count and
    // runs no new initialisers. `C_GetFunctionList` and `C_Initialize` follow the
    // PKCS#11 C ABI that `cryptoki_sys` declares, the out-pointer is a valid local, the
    // returned list is checked for null before use, and `C_Initialize(NULL)` is the
    // standard's documented form. `library` outlives every call through the pointers.
    unsafe {
        let library = libloading::Library::new(module)?;
        let get: libloading::Symbol<cryptoki_sys::CK_C_GetFunctionList> =
            library.get(b"C_GetFunctionList\0")?;
        let Some(get) = *get else {
            return Ok(cryptoki_sys::CKR_FUNCTION_NOT_SUPPORTED);
        };
        let mut list: cryptoki_sys::CK_FUNCTION_LIST_PTR = std::ptr::null_mut();
        let rv = get(&raw mut list);
        if rv != cryptoki_sys::CKR_OK {
            return Ok(rv);
        }
        if list.is_null() {
            return Ok(cryptoki_sys::CKR_GENERAL_ERROR);
        }
        match (*list).C_Initialize {
            Some(init) => Ok(init(std::ptr::null_mut())),
            None => Ok(cryptoki_sys::CKR_FUNCTION_NOT_SUPPORTED),
        }
    }
}

/// A cryptoki error in a few words: `GeneralError in C_OpenSession`.
fn short(err: &P11Error) -> String {
    match err {
        P11Error::Pkcs11(rv, function) => format!("{rv:?} in {function:?}"),
        other => other.to_string(),
    }
}

fn read_error(what: CardStep) -> impl Fn(P11Error) -> CardError {
    move |e| CardError::Read {
        what,
        detail: short(&e),
    }
}

fn read_tokens(pkcs11: &Pkcs11, module: &Path) -> Result<CardReading, CardError> {
    // All slots, filtered here: some modules (AKIS, reportedly) answer an empty list
    // to "slots with a token" while a card is in.
    let slots = pkcs11
        .get_all_slots()
        .map_err(read_error(CardStep::Slots))?;
    if slots.is_empty() {
        return Err(CardError::NoReader {
            path: module.to_path_buf(),
        });
    }
    let present: Vec<Slot> = slots
        .into_iter()
        .filter(|&slot| {
            pkcs11
                .get_slot_info(slot)
                .is_ok_and(|info| info.token_present())
        })
        .collect();
    if present.is_empty() {
        return Err(CardError::NoCard);
    }
    let mut reading = CardReading {
        module: module.to_path_buf(),
        tokens: Vec::new(),
        notes: Vec::new(),
    };
    for slot in present {
        let info = pkcs11
            .get_token_info(slot)
            .map_err(read_error(CardStep::TokenInfo))?;
        if !info.token_initialized() {
            reading.notes.push(CardNote::BlankToken { slot: slot.id() });
            continue;
        }
        let label = info.label().trim().to_owned();
        let session = pkcs11
            .open_ro_session(slot)
            .map_err(read_error(CardStep::Session))?;
        let certificates = read_certificates(&session, &label, &mut reading.notes)?;
        reading.tokens.push(TokenReading {
            serial: info.serial_number().trim().to_owned(),
            pin: PinState::from_bits(
                info.user_pin_count_low(),
                info.user_pin_final_try(),
                info.user_pin_locked(),
            ),
            login_required: info.login_required(),
            certificates,
            label,
        });
    }
    if reading.tokens.is_empty() {
        return Err(CardError::Uninitialised);
    }
    Ok(reading)
}

/// The public X.509 certificate objects; one that does not parse is skipped with a note.
fn read_certificates(
    session: &Session,
    token: &str,
    notes: &mut Vec<CardNote>,
) -> Result<Vec<Certificate>, CardError> {
    let handles = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
        ])
        .map_err(read_error(CardStep::Certificates))?;
    let mut certificates = Vec::new();
    for handle in handles {
        let attributes = session
            .get_attributes(handle, &[AttributeType::Label, AttributeType::Value])
            .map_err(read_error(CardStep::Certificate))?;
        let mut label = String::new();
        let mut value = Vec::new();
        for attribute in attributes {
            match attribute {
                Attribute::Label(bytes) => label = String::from_utf8_lossy(&bytes).into_owned(),
                Attribute::Value(bytes) => value = bytes,
                _ => {}
            }
        }
        match cert::parse_certificates(&value) {
            Ok(found) => certificates.extend(found),
            Err(why) => notes.push(CardNote::SkippedCertificate {
                label,
                token: token.to_owned(),
                why,
            }),
        }
    }
    Ok(certificates)
}

/// `esign doctor`'s probe of one module, step by step: load, `C_GetFunctionList`,
/// `C_Initialize` (NULL first, as [`read`]), then the tokens. Runs in a child process,
/// so a module that hangs or crashes takes only the child with it.
pub fn probe(module: &Path) -> esign::doctor::ModuleProbe {
    use esign::doctor::{ModuleProbe, TokenObservation};
    let pkcs11 = match Pkcs11::new(module) {
        Ok(pkcs11) => pkcs11,
        Err(P11Error::LibraryLoading(e)) => {
            return ModuleProbe::LoadFailed {
                detail: e.to_string(),
            }
        }
        Err(e) => {
            return ModuleProbe::NoFunctionList {
                detail: match load_error(module, &e) {
                    CardError::NotAModule { detail, .. } => detail,
                    other => other.to_string(),
                },
            }
        }
    };
    if let Err(e) = initialize(&pkcs11, module) {
        return ModuleProbe::InitFailed {
            detail: match e {
                CardError::Init { detail, .. } => detail,
                other => other.to_string(),
            },
        };
    }
    let result = read_tokens(&pkcs11, module);
    let _ = pkcs11.finalize();
    match result {
        Ok(reading) => ModuleProbe::Tokens {
            tokens: reading
                .tokens
                .into_iter()
                .map(|t| TokenObservation {
                    label: t.label,
                    serial: t.serial,
                    pin: t.pin,
                    login_required: t.login_required,
                    certificates: t.certificates,
                })
                .collect(),
            // The probe's report is read by the parent process: English, as its logs.
            notes: reading
                .notes
                .iter()
                .map(|n| n.localize(esign::lang::Lang::En))
                .collect(),
        },
        Err(CardError::NoReader { .. }) => ModuleProbe::NoReader,
        Err(CardError::NoCard) => ModuleProbe::NoCard,
        Err(CardError::Uninitialised) => ModuleProbe::Blank,
        Err(e) => ModuleProbe::ReadFailed {
            detail: e.to_string(),
        },
    }
}
