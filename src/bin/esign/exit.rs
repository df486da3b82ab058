//! Exit statuses, as monitoring plugins (Nagios, Icinga) read them.

use std::process::ExitCode;

use esign::pin::PinState;
use esign::renewal::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: nothing to do.
    Ok = 0,
    /// 1: act soon (renewal due, not yet valid, PIN at its final try).
    Warning = 1,
    /// 2: act now (expired, PIN locked).
    Critical = 2,
    /// 3: bad input or nothing could be read.
    Error = 3,
}

impl Exit {
    /// The status for a core exit code (0, 1, 2; anything higher is critical).
    fn from_code(code: u8) -> Exit {
        match code {
            0 => Exit::Ok,
            1 => Exit::Warning,
            _ => Exit::Critical,
        }
    }
}

impl From<State> for Exit {
    fn from(state: State) -> Self {
        Exit::from_code(state.exit_code())
    }
}

impl From<PinState> for Exit {
    fn from(pin: PinState) -> Self {
        Exit::from_code(pin.exit_code())
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}
