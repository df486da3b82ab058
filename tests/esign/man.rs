//! `esign man`: the page has EXIT STATUS, ENVIRONMENT and FILES, names every variable the
//! binary reads, points at no page that does not exist, and renders cleanly with groff.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::*;

fn man_page() -> String {
    let (mut cmd, _home) = esign();
    let out = cmd.arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

/// The page as a reader sees it: groff with its UTF-8 preprocessor, as man(1) runs it.
fn rendered(page: &str) -> String {
    crate::common::tools();
    let child = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww", "-P-cbou"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.unwrap_or_else(|e| {
        panic!("groff is needed to render the man page ({e}): run scripts/test, which installs groff-base")
    });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "groff failed: {}", stderr(&out));
    assert_eq!(stderr(&out), "", "groff warns about the page");
    stdout(&out)
}

/// Whether a rendered line is a section heading (flush left, upper case).
fn is_heading(line: &str) -> bool {
    line.starts_with(|c: char| c.is_ascii_uppercase())
        && line.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
}

/// The sections in order: heading, and the body with its whitespace collapsed (lines
/// wrap wherever the width puts them).
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if is_heading(line) {
            out.push((line.to_owned(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push(' ');
            body.push_str(line);
        }
    }
    for (_, body) in &mut out {
        *body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

fn section(text: &str, name: &str) -> String {
    sections(text)
        .into_iter()
        .find(|(heading, _)| heading == name)
        .unwrap_or_else(|| panic!("no {name} section in:\n{text}"))
        .1
}

#[test]
fn has_exit_status_environment_and_files() {
    let text = rendered(&man_page());
    let headings: Vec<String> = sections(&text).into_iter().map(|(h, _)| h).collect();
    assert_eq!(
        headings,
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "EXAMPLES",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "VERSION"
        ],
        "{text}"
    );
    let exit = section(&text, "EXIT STATUS");
    for status in ["0 Valid", "1 Renewal due", "2 Expired", "3 An error"] {
        assert!(
            exit.contains(status),
            "exit status {status} is not explained: {exit}"
        );
    }
    let files = section(&text, "FILES");
    let places = [
        "--rules PATH",
        "$ESIGN_RULES",
        "$XDG_CONFIG_HOME/esign/rules.toml",
        "~/.config/esign/rules.toml",
        "~/Library/Application Support/esign/rules.toml",
        "%APPDATA%\\esign\\rules.toml",
        "embedded default",
    ];
    let at: Vec<usize> = places
        .iter()
        .map(|p| {
            files
                .find(p)
                .unwrap_or_else(|| panic!("FILES does not name {p}: {files}"))
        })
        .collect();
    assert!(at.is_sorted(), "FILES gives the discovery order: {files}");
}

/// Every `ESIGN_*` variable the binary reads (a string literal in `src/bin/`, the only
/// code that may read the environment), and `BROWSER` and `NO_COLOR`, is in ENVIRONMENT.
#[test]
fn environment_names_every_variable_the_binary_reads() {
    let environment = section(&rendered(&man_page()), "ENVIRONMENT");
    let mut read = BTreeSet::new();
    collect_env_literals(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin"),
        &mut read,
    );
    assert!(read.contains("ESIGN_RULES"), "the scan found {read:?}");
    read.extend(["BROWSER".to_owned(), "NO_COLOR".to_owned()]);
    for name in &read {
        assert!(
            environment.split([' ', ',']).any(|w| w == name),
            "ENVIRONMENT does not explain {name}: {environment}"
        );
    }
}

fn collect_env_literals(dir: &Path, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_env_literals(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            for piece in source.split("\"ESIGN_").skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if !name.is_empty() && piece[name.len()..].starts_with('"') {
                    found.insert(format!("ESIGN_{name}"));
                }
            }
        }
    }
}

/// `clap_mangen` lists subcommands as `esign-check(1)` and so on; no such pages exist.
#[test]
fn refers_to_no_missing_pages() {
    let page = man_page();
    let text = rendered(&page);
    let references: Vec<&str> = text
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches([',', '.', ';']);
            w.len() > 3
                && w.ends_with(')')
                && w[..w.len() - 1].ends_with(|c: char| c.is_ascii_digit())
                && w[..w.len() - 2].ends_with('(')
        })
        .collect();
    // The page's own footer and header name esign(1) itself.
    assert!(
        references.iter().all(|r| *r == "esign(1)"),
        "the page points at {references:?}"
    );
    assert!(!page.contains("esign\\-check"), "{page}");
    for command in [
        "check",
        "card",
        "fee",
        "unlock",
        "roster",
        "remind",
        "rules path",
    ] {
        assert!(
            text.contains(&format!("esign {command}\n")),
            "COMMANDS does not list esign {command}:\n{text}"
        );
    }
}
