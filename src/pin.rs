//! The card's PIN state, decoded from the PKCS#11 token flags (R5, R6).
//!
//! Pure: the binary reads the flags from the token; this module only says what they
//! mean. A token may leave every flag unset (the PKCS#11 standard allows it), so
//! `ok` means "no warning from the card", never "all attempts left".

use std::fmt;

use serde::{Deserialize, Serialize};

/// `CKF_USER_PIN_COUNT_LOW`: a wrong user PIN was entered since the last good one.
pub const CKF_USER_PIN_COUNT_LOW: u64 = 0x0001_0000;
/// `CKF_USER_PIN_FINAL_TRY`: one more wrong user PIN locks the card.
pub const CKF_USER_PIN_FINAL_TRY: u64 = 0x0002_0000;
/// `CKF_USER_PIN_LOCKED`: the user PIN is locked.
pub const CKF_USER_PIN_LOCKED: u64 = 0x0004_0000;

/// What the token says about its user PIN, most severe flag first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinState {
    /// No warning flag set.
    Ok,
    /// A wrong PIN was entered (the count of tries left is low).
    CountLow,
    /// One more wrong PIN locks the card (R5).
    FinalTry,
    /// Locked: unlock it on the portal (R6).
    Locked,
}

impl PinState {
    /// Decodes the user-PIN bits of `CK_TOKEN_INFO.flags`; the most severe one wins.
    #[must_use]
    pub fn from_flags(flags: u64) -> PinState {
        Self::from_bits(
            flags & CKF_USER_PIN_COUNT_LOW != 0,
            flags & CKF_USER_PIN_FINAL_TRY != 0,
            flags & CKF_USER_PIN_LOCKED != 0,
        )
    }

    /// The same decision from the three flags read one by one.
    #[must_use]
    pub fn from_bits(count_low: bool, final_try: bool, locked: bool) -> PinState {
        if locked {
            PinState::Locked
        } else if final_try {
            PinState::FinalTry
        } else if count_low {
            PinState::CountLow
        } else {
            PinState::Ok
        }
    }

    /// Exit status, beside [`crate::renewal::State::exit_code`]: the final try is a
    /// warning (1, R5), a locked PIN is critical (2, R6), anything else is 0.
    #[must_use]
    pub fn exit_code(self) -> u8 {
        match self {
            PinState::Ok | PinState::CountLow => 0,
            PinState::FinalTry => 1,
            PinState::Locked => 2,
        }
    }

    /// The most severe of several tokens' states; [`PinState::Ok`] when there are none.
    #[must_use]
    pub fn worst(states: impl IntoIterator<Item = PinState>) -> PinState {
        states.into_iter().max().unwrap_or(PinState::Ok)
    }

    /// The name in JSON and text output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PinState::Ok => "ok",
            PinState::CountLow => "count-low",
            PinState::FinalTry => "final-try",
            PinState::Locked => "locked",
        }
    }
}

impl fmt::Display for PinState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_and_the_worst_token() {
        assert_eq!(PinState::Ok.exit_code(), 0);
        assert_eq!(PinState::CountLow.exit_code(), 0);
        assert_eq!(PinState::FinalTry.exit_code(), 1);
        assert_eq!(PinState::Locked.exit_code(), 2);
        assert_eq!(PinState::worst([]), PinState::Ok);
        assert_eq!(
            PinState::worst([PinState::CountLow, PinState::Locked, PinState::FinalTry]),
            PinState::Locked
        );
    }

    #[test]
    fn flags_decode_to_the_most_severe_state() {
        let cases = [
            (0, PinState::Ok),
            (CKF_USER_PIN_COUNT_LOW, PinState::CountLow),
            (CKF_USER_PIN_FINAL_TRY, PinState::FinalTry),
            (
                CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY,
                PinState::FinalTry,
            ),
            (CKF_USER_PIN_LOCKED, PinState::Locked),
            (0x0007_0000, PinState::Locked),
            // Other flags (initialised, login required, SO PIN flags, to-be-changed) are not the user PIN's tries.
            (0x0000_040d, PinState::Ok),
            (
                0x0010_0000 | 0x0020_0000 | 0x0040_0000 | 0x0008_0000,
                PinState::Ok,
            ),
            (0x0000_040d | CKF_USER_PIN_COUNT_LOW, PinState::CountLow),
        ];
        for (flags, state) in cases {
            assert_eq!(PinState::from_flags(flags), state, "{flags:#x}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(PinState::FinalTry.to_string(), "final-try");
        assert_eq!(
            serde_json::to_string(&PinState::CountLow).unwrap(),
            "\"count-low\""
        );
        assert!(PinState::Locked > PinState::FinalTry && PinState::FinalTry > PinState::CountLow);
    }
}
