//! The baseline of benches/xlsx.sh: calamine alone reading a workbook's first sheet and
//! touching every cell, nothing else. `esign roster` on the same file is measured against it.
//!
//! Usage: `cargo run --release --example calamine_read -- FILE.xlsx`

use calamine::{open_workbook_auto, Data, Reader};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: calamine_read FILE.xlsx");
    let mut book = open_workbook_auto(&path).expect("a readable workbook");
    let first = book.sheet_names().first().cloned().expect("a sheet");
    let range = book.worksheet_range(&first).expect("a readable sheet");
    let mut cells = 0usize;
    for row in range.rows() {
        cells += row.iter().filter(|c| !matches!(c, Data::Empty)).count();
    }
    println!("{cells}");
}
