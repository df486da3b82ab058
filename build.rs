//! Links the `esign` executable without PIE on Linux.
//!
//! Why: a position-independent executable is relocated at every start; with ~30,000
//! relative relocations (clap's tables, chrono-tz's zone data) that is several hundred
//! page faults, more than the command's own work. `esign check` is meant to be cheap
//! enough for a cron job or a monitoring plugin run every minute: see
//! benches/startup.sh. Libraries are untouched (this applies to the binaries only).
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
