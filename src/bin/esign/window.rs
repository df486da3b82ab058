//! A console window of its own: `esign.exe` double-clicked in Explorer gets a console
//! that closes the moment the process ends, before the person has read the answer.

/// Waits for Enter before exit when no other process shares this console (a
/// double-click); end of input counts as Enter, so a run without input never hangs.
#[cfg(windows)]
pub fn hold_if_alone() {
    use std::io::{BufRead, Write};

    if !alone_in_console() {
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\n{} ", esign::guide::press_enter_to_close());
    let _ = err.flush();
    let _ = std::io::stdin().lock().read_line(&mut String::new());
}

#[cfg(not(windows))]
pub fn hold_if_alone() {}

/// `GetConsoleProcessList` counts the processes attached to our console: 1 means it
/// was made for us (no cmd.exe or PowerShell behind it); 0 means there is none.
#[cfg(windows)]
#[allow(unsafe_code)]
fn alone_in_console() -> bool {
    let mut ids = [0u32; 2];
    // SAFETY: the pointer and the count describe `ids`, a live buffer of two u32s; the
    // call writes at most that many and returns the total count.
    let count =
        unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), 2) };
    count == 1
}
