//! [`Fields`]: one record's fields, borrowed from wherever the source keeps them.
//!
//! The reader's fast path hands out a line as it is in the input (fields separated by
//! the delimiter, nothing quoted), so a writer can copy the line whole; the general
//! path (quoted fields) and other sources hand out the fields unquoted, end to end.

use csv::StringRecord;

/// The fields of one record: `len`, `get` and `iter` as on a `csv::StringRecord`.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    /// The record's text: the line as read (`gap == 1`) or the fields end to end (`gap == 0`).
    text: &'a str,
    /// Where each field ends in `text`.
    ends: &'a [usize],
    /// Bytes between two fields: 1 (the delimiter) for a line as read, else 0.
    gap: usize,
}

impl<'a> Fields<'a> {
    /// A line as read: its fields are the pieces between delimiters, none of them
    /// quoted. `ends` holds each field's end (the delimiters' offsets, then the length).
    #[must_use]
    pub fn line(text: &'a str, ends: &'a [usize]) -> Fields<'a> {
        Fields { text, ends, gap: 1 }
    }

    /// Fields written end to end in `text`, field `i` ending at `ends[i]`.
    #[must_use]
    pub fn joined(text: &'a str, ends: &'a [usize]) -> Fields<'a> {
        Fields { text, ends, gap: 0 }
    }

    /// The fields of a `csv::StringRecord` (for sources that build one).
    #[must_use]
    pub fn of_record(record: &'a StringRecord, ends: &'a mut Vec<usize>) -> Fields<'a> {
        ends.clear();
        let mut end = 0;
        for field in record {
            end += field.len();
            ends.push(end);
        }
        Fields::joined(record.as_slice(), ends)
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, as read (decoded, unquoted, not trimmed).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The fields as bytes, for writers: the same pieces as [`Fields::iter`], without
    /// the character-boundary checks of slicing a `str` (every end is a delimiter's or
    /// the text's end, so they are boundaries anyway).
    pub fn iter_bytes(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let text = self.text.as_bytes();
        let gap = self.gap;
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let field = text.get(start..end).unwrap_or_default();
            start = end + gap;
            field
        })
    }

    /// The record exactly as it stands in the input, when that is its fields joined by
    /// the delimiter with nothing quoted (no field holds a delimiter, quote or line end):
    /// a CSV writer can then copy it whole.
    #[must_use]
    pub fn as_line(&self) -> Option<&'a str> {
        (self.gap == 1).then_some(self.text)
    }

    /// The fields as a `csv::StringRecord` (allocates: for the header, not for rows).
    #[must_use]
    pub fn to_record(&self) -> StringRecord {
        self.iter().collect()
    }
}
