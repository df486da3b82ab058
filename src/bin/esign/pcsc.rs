//! A small PC/SC client for `esign doctor`: is the smart-card service there, which
//! readers does it see, and what does each card answer to reset (ATR)?
//!
//! The PC/SC library is loaded at run time (`libloading`), never linked: `esign check
//! --expiry` must keep starting on a machine without `libpcsclite.so.1`. That is why
//! this is our own FFI and not the `pcsc` crate, which links the library at start.
//!
//! Types differ per platform: pcsc-lite on Linux uses `unsigned long`/`long` for
//! `DWORD`/`LONG` (64-bit on 64-bit Linux); Windows' winscard and macOS' PCSC framework
//! use 32-bit ones, macOS packs `SCARD_READERSTATE`, and the ATR buffer is 33 bytes in
//! pcsc-lite and macOS, 36 in Windows. Only Linux can be tested against a reader here,
//! so the other paths are kept small.

use std::ffi::{c_char, c_void, CStr};

use esign::doctor::{hex, PcscObservation, ReaderObservation};

#[cfg(all(unix, not(target_os = "macos")))]
mod sys {
    pub type Dword = std::ffi::c_ulong;
    pub type Long = std::ffi::c_long;
    pub type Context = std::ffi::c_long;
    pub const ATR_SIZE: usize = 33;
    pub const LIBRARY: &str = "libpcsclite.so.1";
    pub const LIST_READERS: &[u8] = b"SCardListReaders\0";
    pub const GET_STATUS_CHANGE: &[u8] = b"SCardGetStatusChange\0";

    #[repr(C)]
    pub struct ReaderState {
        pub reader: *const std::ffi::c_char,
        pub user_data: *mut std::ffi::c_void,
        pub current_state: Dword,
        pub event_state: Dword,
        pub atr_len: Dword,
        pub atr: [u8; ATR_SIZE],
    }
}

#[cfg(target_os = "macos")]
mod sys {
    pub type Dword = u32;
    pub type Long = i32;
    pub type Context = i32;
    pub const ATR_SIZE: usize = 33;
    pub const LIBRARY: &str = "/System/Library/Frameworks/PCSC.framework/PCSC";
    pub const LIST_READERS: &[u8] = b"SCardListReaders\0";
    pub const GET_STATUS_CHANGE: &[u8] = b"SCardGetStatusChange\0";

    #[repr(C, packed)]
    pub struct ReaderState {
        pub reader: *const std::ffi::c_char,
        pub user_data: *mut std::ffi::c_void,
        pub current_state: Dword,
        pub event_state: Dword,
        pub atr_len: Dword,
        pub atr: [u8; ATR_SIZE],
    }
}

#[cfg(windows)]
mod sys {
    pub type Dword = u32;
    pub type Long = i32;
    pub type Context = usize;
    pub const ATR_SIZE: usize = 36;
    pub const LIBRARY: &str = "winscard.dll";
    pub const LIST_READERS: &[u8] = b"SCardListReadersA\0";
    pub const GET_STATUS_CHANGE: &[u8] = b"SCardGetStatusChangeA\0";

    #[repr(C)]
    pub struct ReaderState {
        pub reader: *const std::ffi::c_char,
        pub user_data: *mut std::ffi::c_void,
        pub current_state: Dword,
        pub event_state: Dword,
        pub atr_len: Dword,
        pub atr: [u8; ATR_SIZE],
    }
}

use sys::{Context, Dword, Long, ReaderState};

type EstablishContext =
    unsafe extern "system" fn(Dword, *const c_void, *const c_void, *mut Context) -> Long;
type ReleaseContext = unsafe extern "system" fn(Context) -> Long;
type ListReaders =
    unsafe extern "system" fn(Context, *const c_char, *mut c_char, *mut Dword) -> Long;
type GetStatusChange = unsafe extern "system" fn(Context, Dword, *mut ReaderState, Dword) -> Long;

const SCARD_SCOPE_SYSTEM: Dword = 2;
const SCARD_STATE_PRESENT: Dword = 0x20;
// PC/SC return codes are 32-bit patterns; `LONG` may be wider, so compare as u32.
const SCARD_E_NO_SERVICE: u32 = 0x8010_001D;
const SCARD_E_SERVICE_STOPPED: u32 = 0x8010_001E;
const SCARD_E_NO_READERS_AVAILABLE: u32 = 0x8010_002E;
const SCARD_E_NO_ACCESS: u32 = 0x8010_0027;
const SCARD_W_SECURITY_VIOLATION: u32 = 0x8010_006A;
const SCARD_E_TIMEOUT: u32 = 0x8010_000A;

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn code(rv: Long) -> u32 {
    rv as u32
}

fn code_text(rv: u32) -> String {
    format!("0x{rv:08X}")
}

/// Where pcsc-lite's client looks for pcscd's socket.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn socket_path() -> String {
    std::env::var("PCSCLITE_CSOCK_NAME")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/run/pcscd/pcscd.comm".to_owned())
}

/// Linux: is anything listening on pcscd's socket? (With systemd's socket activation
/// the socket answers and starts pcscd.)
#[cfg(all(unix, not(target_os = "macos")))]
fn service_socket() -> Option<PcscObservation> {
    let socket = socket_path();
    match std::os::unix::net::UnixStream::connect(&socket) {
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Some(PcscObservation::AccessDenied {
                code: "socket permission denied".to_owned(),
            })
        }
        Err(_) => Some(PcscObservation::NotRunning { socket }),
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn service_socket() -> Option<PcscObservation> {
    None
}

/// Asks the smart-card service for its readers and their cards. Runs in the doctor's
/// child process: a hung service blocks only the child, which the parent kills.
pub fn observe() -> PcscObservation {
    // SAFETY: loading the platform's PC/SC library runs its initialisers, which is what
    // every PC/SC client does; it is not unloaded while its functions are used.
    #[allow(unsafe_code)]
    let library = match unsafe { libloading::Library::new(sys::LIBRARY) } {
        Ok(library) => library,
        Err(e) => {
            return PcscObservation::LibraryMissing {
                library: sys::LIBRARY.to_owned(),
                detail: e.to_string(),
            }
        }
    };
    if let Some(down) = service_socket() {
        return down;
    }
    match query(&library) {
        Ok(observation) | Err(observation) => observation,
    }
}

#[allow(unsafe_code)]
fn query(library: &libloading::Library) -> Result<PcscObservation, PcscObservation> {
    let missing = |name: &str| PcscObservation::Failed {
        call: name.trim_end_matches('\0').to_owned(),
        code: "missing function".to_owned(),
    };
    // SAFETY: the symbols are the PC/SC API, declared above with the platform's types
    // (the `sys` module); `library` outlives every call below.
    let (establish, release, list, status) = unsafe {
        (
            *library
                .get::<EstablishContext>(b"SCardEstablishContext\0")
                .map_err(|_| missing("SCardEstablishContext"))?,
            *library
                .get::<ReleaseContext>(b"SCardReleaseContext\0")
                .map_err(|_| missing("SCardReleaseContext"))?,
            *library
                .get::<ListReaders>(sys::LIST_READERS)
                .map_err(|_| missing("SCardListReaders"))?,
            *library
                .get::<GetStatusChange>(sys::GET_STATUS_CHANGE)
                .map_err(|_| missing("SCardGetStatusChange"))?,
        )
    };
    let mut context: Context = 0;
    // SAFETY: the out-pointer is a valid local; the reserved arguments are null as the API says.
    let rv = code(unsafe {
        establish(
            SCARD_SCOPE_SYSTEM,
            std::ptr::null(),
            std::ptr::null(),
            &raw mut context,
        )
    });
    match rv {
        0 => {}
        SCARD_E_NO_SERVICE | SCARD_E_SERVICE_STOPPED => return Err(PcscObservation::NoService),
        SCARD_E_NO_ACCESS | SCARD_W_SECURITY_VIOLATION => {
            return Err(PcscObservation::AccessDenied {
                code: code_text(rv),
            })
        }
        other => {
            return Err(PcscObservation::Failed {
                call: "SCardEstablishContext".to_owned(),
                code: code_text(other),
            })
        }
    }
    let result = readers(context, list, status);
    // SAFETY: `context` was established above and is released once.
    unsafe { release(context) };
    result
}

#[allow(unsafe_code)]
fn readers(
    context: Context,
    list: ListReaders,
    status: GetStatusChange,
) -> Result<PcscObservation, PcscObservation> {
    let no_readers = || PcscObservation::Readers {
        readers: Vec::new(),
    };
    let mut len: Dword = 0;
    // SAFETY: a null buffer asks for the length, written to a valid local.
    let rv = code(unsafe {
        list(
            context,
            std::ptr::null(),
            std::ptr::null_mut(),
            &raw mut len,
        )
    });
    match rv {
        0 => {}
        SCARD_E_NO_READERS_AVAILABLE => return Ok(no_readers()),
        other => {
            return Err(PcscObservation::Failed {
                call: "SCardListReaders".to_owned(),
                code: code_text(other),
            })
        }
    }
    let capacity = usize::try_from(len).unwrap_or(0).max(2);
    let mut buffer = vec![0u8; capacity];
    let mut len = Dword::try_from(capacity).unwrap_or(0);
    // SAFETY: `buffer` holds `len` bytes; the service writes at most that many.
    let rv = code(unsafe {
        list(
            context,
            std::ptr::null(),
            buffer.as_mut_ptr().cast(),
            &raw mut len,
        )
    });
    match rv {
        0 => {}
        SCARD_E_NO_READERS_AVAILABLE => return Ok(no_readers()),
        other => {
            return Err(PcscObservation::Failed {
                call: "SCardListReaders".to_owned(),
                code: code_text(other),
            })
        }
    }
    // A multi-string: names ended by NUL, the list by an empty name.
    let names: Vec<&CStr> = buffer
        .split_inclusive(|&b| b == 0)
        .take_while(|s| s.len() > 1)
        .filter_map(|s| CStr::from_bytes_with_nul(s).ok())
        .collect();
    if names.is_empty() {
        return Ok(no_readers());
    }
    let mut reader_states: Vec<ReaderState> = names
        .iter()
        .map(|name| ReaderState {
            reader: name.as_ptr(),
            user_data: std::ptr::null_mut(),
            current_state: 0,
            event_state: 0,
            atr_len: 0,
            atr: [0; sys::ATR_SIZE],
        })
        .collect();
    let count = Dword::try_from(reader_states.len()).unwrap_or(0);
    // SAFETY: `reader_states` holds `count` initialised entries whose reader names live in
    // `buffer`, alive for the call. Timeout 0 with "unaware" current states returns the
    // present state at once.
    let rv = code(unsafe { status(context, 0, reader_states.as_mut_ptr(), count) });
    if rv != 0 && rv != SCARD_E_TIMEOUT {
        return Err(PcscObservation::Failed {
            call: "SCardGetStatusChange".to_owned(),
            code: code_text(rv),
        });
    }
    let readers = names
        .iter()
        .zip(&reader_states)
        .map(|(name, state)| {
            let event = state.event_state;
            let atr_len = usize::try_from(state.atr_len)
                .unwrap_or(0)
                .min(sys::ATR_SIZE);
            let atr = state.atr;
            ReaderObservation {
                name: name.to_string_lossy().into_owned(),
                atr: (event & SCARD_STATE_PRESENT != 0).then(|| hex(&atr[..atr_len])),
            }
        })
        .collect();
    Ok(PcscObservation::Readers { readers })
}
