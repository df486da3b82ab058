//! Opening the portal in a browser. Only the rules' validated https URL is ever
//! passed, as a single argument, never through a shell.

use std::process::{Command, Stdio};

use esign::messages::BrowserFailure;

/// Where the browser came from, for messages.
/// A path: any bytes the system allows (not only UTF-8); empty counts as unset.
fn chosen_program() -> Option<(std::ffi::OsString, &'static str)> {
    ["ESIGN_BROWSER", "BROWSER"].iter().find_map(|name| {
        std::env::var_os(name)
            .filter(|v| !v.to_string_lossy().trim().is_empty())
            .map(|v| {
                (
                    v,
                    if *name == "ESIGN_BROWSER" {
                        "$ESIGN_BROWSER"
                    } else {
                        "$BROWSER"
                    },
                )
            })
    })
}

/// Opens `url`: `$ESIGN_BROWSER`, else `$BROWSER`, run with the URL as its only argument;
/// else the system's default browser. The error says what failed, in one line.
pub fn open(url: &str) -> Result<(), BrowserFailure> {
    if let Some((program_path, from)) = chosen_program() {
        let program = esign::text::quote(&program_path.to_string_lossy(), 200);
        let status = Command::new(&program_path)
            .arg(url)
            .stdin(Stdio::null())
            .status()
            .map_err(|e| BrowserFailure::CannotStart {
                from,
                program: program.clone(),
                detail: e.to_string(),
            })?;
        return if status.success() {
            Ok(())
        } else {
            Err(BrowserFailure::Failed {
                from,
                program,
                status: status.to_string(),
            })
        };
    }
    open::that(url).map_err(|e| {
        let why = e.to_string();
        let why = why
            .lines()
            .next()
            .unwrap_or("no browser found")
            .trim()
            .to_owned();
        BrowserFailure::NoBrowser { detail: why }
    })
}
