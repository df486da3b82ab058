//! [`Specials`]: where the bytes the reader's fast path stops at (the delimiter, `"`,
//! `\r`, `\n`) are in a block of 8 bytes, found a word at a time.
//!
//! A byte at a time took a table lookup and a branch per byte; one 64-bit word holds
//! eight bytes, compared with all four at once in a few arithmetic steps (no branch, no
//! `unsafe`, the same on every architecture). A line of a roster takes three or four
//! words. Tested against the byte-at-a-time answer.

/// Bytes per block.
pub const BLOCK: usize = 8;

/// `0x01` in every byte.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// `0x7f` in every byte.
const LOW7: u64 = u64::from_le_bytes([0x7f; 8]);

/// The four bytes the fast path stops at.
#[derive(Clone, Copy)]
pub struct Specials {
    delimiter: u8,
}

impl Specials {
    #[must_use]
    pub fn new(delimiter: u8) -> Specials {
        Specials { delimiter }
    }

    /// Whether `b` is one of the four.
    #[inline]
    #[must_use]
    pub fn is_special(self, b: u8) -> bool {
        b == self.delimiter || b == b'"' || b == b'\r' || b == b'\n'
    }

    /// The special bytes of `block`: bit 7 of byte `i` of the result (`0x80 << 8 * i`)
    /// set where `block[i]` is special, every other bit clear. The first special byte is
    /// at `mask.trailing_zeros() / 8`.
    #[inline]
    #[must_use]
    pub fn mask(self, block: [u8; BLOCK]) -> u64 {
        let word = u64::from_le_bytes(block);
        // For a byte `x` of `v`: `((x & 0x7f) + 0x7f) | x` has bit 7 set unless `x` is 0.
        // Exact per byte (no carry crosses into the next byte: at most 0x7f + 0x7f).
        let nonzero = |b: u8| {
            let v = word ^ (ONES * u64::from(b));
            ((v & LOW7) + LOW7) | v
        };
        !(nonzero(self.delimiter) & nonzero(b'"') & nonzero(b'\r') & nonzero(b'\n') | LOW7)
    }

    /// The same mask a byte at a time: the reference.
    #[cfg(test)]
    #[must_use]
    pub fn mask_bytes(self, block: [u8; BLOCK]) -> u64 {
        block.iter().enumerate().fold(0, |m, (i, &b)| {
            m | (u64::from(self.is_special(b)) << (8 * i + 7))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_mask_is_the_bytes_mask(
            block in proptest::array::uniform8(prop_oneof![
                Just(b','), Just(b';'), Just(b'\t'), Just(b'"'), Just(b'\r'), Just(b'\n'),
                Just(b'-'), Just(b'#'), Just(0x0b_u8), Just(0_u8), Just(0x80_u8),
                Just(0xff_u8), any::<u8>(),
            ]),
            delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t'), Just(b'|'), any::<u8>()],
        ) {
            let s = Specials::new(delimiter);
            prop_assert_eq!(s.mask(block), s.mask_bytes(block));
        }
    }

    #[test]
    fn the_mask_marks_each_special_byte() {
        let s = Specials::new(b';');
        for block in [*b"a;b\"c\rd\n", *b"e,f\t;;-#", *b";\r\n\"\x80\xff\x00\x0b"] {
            let found: Vec<usize> = (0..BLOCK)
                .filter(|&i| s.mask(block) & (0x80 << (8 * i)) != 0)
                .collect();
            let want: Vec<usize> = (0..BLOCK).filter(|&i| s.is_special(block[i])).collect();
            assert_eq!(found, want);
        }
        assert_eq!(s.mask(*b"a;b\"c\rd\n"), 0x8000_8000_8000_8000);
        assert_eq!(s.mask(*b"e,f\t;;-#"), 0x0000_8080_0000_0000);
    }
}
