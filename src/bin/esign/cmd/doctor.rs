//! `esign doctor`: gathers what each layer of the card stack shows, lets the core
//! ([`esign::doctor`]) decide, and renders the checks.
//!
//! Anything that can hang runs in a child process with a time limit and is killed
//! when its time is up: the PC/SC probe and the PKCS#11 module probe are this very
//! binary (`esign doctor-probe …`, hidden), `java -version` is Java. A call into a hung
//! module cannot be cancelled inside a process, and exiting with it stuck can deadlock
//! in library destructors; a child can always be killed. Java starts first and runs
//! beside the rest.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::Offset;
use esign::doctor::{
    self, Arch, BrowserObservation, Candidate, ClockObservation, JavaObservation,
    ModuleObservation, ModuleProbe, Observations, PcscObservation, Platform, RulesObservation,
};
use esign::rules::Rules;

use crate::cli::{DoctorArgs, ProbeTarget};
use crate::context::Context;
use crate::exit::Exit;
use crate::rules_file::RulesSource;
use crate::{clock, pcsc, pkcs11, render};

/// The PC/SC probe's limit: a hung pcscd.
const PCSC_LIMIT: Duration = Duration::from_secs(3);
/// The module probe's limit: a hung module (the whole command stays under 10 s).
const MODULE_LIMIT: Duration = Duration::from_secs(4);
/// `java -version`: started first, beside everything else.
const JAVA_LIMIT: Duration = Duration::from_secs(5);
/// Everything together, Java included.
const OVERALL: Duration = Duration::from_secs(9);

/// `esign doctor`.
pub fn run(ctx: &Context, args: &DoctorArgs) -> Result<Exit> {
    let start = Instant::now();
    let java = std::thread::spawn(java);
    let (rules_obs, rules) = match ctx.rules() {
        Ok(rules) => (
            match &ctx.source {
                RulesSource::Embedded => RulesObservation::Embedded,
                source => RulesObservation::File {
                    path: source.origin(),
                    how: source.how().to_owned(),
                },
            },
            rules.clone(),
        ),
        Err(e) => (
            RulesObservation::Broken {
                path: ctx.source.origin(),
                error: format!("{e:#}"),
            },
            Rules::embedded(),
        ),
    };
    let atrs = rules.card_atrs().to_vec();
    // --today / --now as everywhere; with broken rules, the clock in the embedded zone.
    let now = match ctx.rules() {
        Ok(_) => ctx.moment()?.now,
        Err(_) => clock::now().with_timezone(&rules.institution.timezone),
    };
    let pcsc = match probe_child(&["pcsc"], PCSC_LIMIT) {
        Ok(line) => serde_json::from_str(&line).unwrap_or_else(|e| PcscObservation::Crashed {
            detail: e.to_string(),
        }),
        Err(ChildFailure::TimedOut) => PcscObservation::TimedOut {
            seconds: PCSC_LIMIT.as_secs(),
        },
        Err(ChildFailure::Failed(detail)) => PcscObservation::Crashed { detail },
    };
    let explicit = args
        .module
        .clone()
        .map(|p| p.display().to_string())
        .or_else(|| {
            std::env::var("ESIGN_PKCS11_MODULE")
                .ok()
                .filter(|v| !v.is_empty())
        });
    let candidates: Vec<Candidate> = match &explicit {
        Some(path) => vec![candidate(path)],
        None => rules.card_modules().iter().map(|p| candidate(p)).collect(),
    };
    let arch = Arch {
        name: std::env::consts::ARCH,
        bits: if cfg!(target_pointer_width = "64") {
            64
        } else {
            32
        },
    };
    let chosen = candidates.iter().find(|c| c.exists);
    let worth = explicit.is_some() || doctor::card_in_reader(&pcsc, &atrs);
    let probe = chosen
        .filter(|c| worth && c.format.is_some_and(|f| doctor::loadable(f, arch)))
        .map(|c| {
            let limit = MODULE_LIMIT.min(OVERALL.saturating_sub(start.elapsed()));
            probe_module(Path::new(&c.path), limit)
        });
    let observations = Observations {
        platform: platform(),
        arch,
        rules: rules_obs,
        clock: clock_observation(now),
        pcsc,
        module: ModuleObservation {
            explicit,
            candidates,
            probe,
        },
        java: java.join().unwrap_or(JavaObservation::Failed {
            detail: "the check stopped".to_owned(),
        }),
        browser: browser(),
    };
    let diagnosis = doctor::diagnose(&observations, &rules, &atrs, now, ctx.lang);
    render::doctor::diagnosis(ctx, &diagnosis)?;
    Ok(match diagnosis.exit_code() {
        0 => Exit::Ok,
        1 => Exit::Warning,
        _ => Exit::Critical,
    })
}

/// `esign doctor-probe …`: one probe, its observation as one JSON line on stdout.
pub fn probe(target: &ProbeTarget) -> Result<Exit> {
    let line = match target {
        ProbeTarget::Pcsc => serde_json::to_string(&pcsc::observe())?,
        ProbeTarget::Module { path } => serde_json::to_string(&pkcs11::probe(path))?,
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(Exit::Ok)
}

fn platform() -> Platform {
    if cfg!(windows) {
        Platform::Windows
    } else if cfg!(target_os = "macos") {
        Platform::Macos
    } else if cfg!(target_os = "linux") {
        Platform::Linux
    } else {
        Platform::Other
    }
}

/// A module path: does it exist, and what its first bytes say it is.
fn candidate(path: &str) -> Candidate {
    let p = Path::new(path);
    let exists = p.is_file();
    let format = exists.then(|| {
        let mut head = Vec::with_capacity(4096);
        let _ = std::fs::File::open(p).and_then(|f| f.take(4096).read_to_end(&mut head));
        doctor::library_format(&head)
    });
    Candidate {
        path: path.to_owned(),
        exists,
        format,
    }
}

fn probe_module(path: &Path, limit: Duration) -> ModuleProbe {
    let Some(arg) = path.to_str() else {
        return ModuleProbe::LoadFailed {
            detail: "the path is not valid Unicode".to_owned(),
        };
    };
    match probe_child(&["module", arg], limit) {
        Ok(line) => serde_json::from_str(&line).unwrap_or_else(|e| ModuleProbe::Crashed {
            detail: e.to_string(),
        }),
        Err(ChildFailure::TimedOut) => ModuleProbe::TimedOut {
            seconds: limit.as_secs().max(1),
        },
        Err(ChildFailure::Failed(detail)) => ModuleProbe::Crashed { detail },
    }
}

enum ChildFailure {
    TimedOut,
    Failed(String),
}

/// Runs `esign doctor-probe ARGS` and returns its one line of JSON; kills it when the
/// line does not come within `limit`, and once it has come (a module's destructors
/// may hang at exit: the answer is already in).
fn probe_child(args: &[&str], limit: Duration) -> Result<String, ChildFailure> {
    let exe = std::env::current_exe().map_err(|e| ChildFailure::Failed(e.to_string()))?;
    let mut child = Command::new(exe)
        .arg("doctor-probe")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| ChildFailure::Failed(e.to_string()))?;
    let stdout = child.stdout.take();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        if let Some(out) = stdout {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        let _ = send.send(line);
    });
    let outcome = receive.recv_timeout(limit);
    let status = stop(&mut child);
    match outcome {
        Ok(line) if !line.trim().is_empty() => Ok(line),
        Ok(_) => Err(ChildFailure::Failed(status.map_or_else(
            || "no answer".to_owned(),
            |s| format!("ended with {s}"),
        ))),
        Err(_) => Err(ChildFailure::TimedOut),
    }
}

/// Kills the child if it still runs, and reaps it.
fn stop(child: &mut Child) -> Option<std::process::ExitStatus> {
    if let Ok(Some(status)) = child.try_wait() {
        return Some(status);
    }
    let _ = child.kill();
    child.wait().ok()
}

/// `java -version` from PATH, with a time limit. It writes to stderr.
fn java() -> JavaObservation {
    let mut child = match Command::new("java")
        .arg("-version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return JavaObservation::Missing,
        Err(e) => {
            return JavaObservation::Failed {
                detail: e.to_string(),
            }
        }
    };
    let stderr = child.stderr.take();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut err) = stderr {
            let _ = err.read_to_string(&mut text);
        }
        let _ = send.send(text);
    });
    let outcome = receive.recv_timeout(JAVA_LIMIT);
    stop(&mut child);
    match outcome {
        Ok(text) => doctor::java_from_output(&text),
        Err(_) => JavaObservation::TimedOut {
            seconds: JAVA_LIMIT.as_secs(),
        },
    }
}

/// The system's time zone (by name when it says) and offset, beside the rules'.
fn clock_observation(now: chrono::DateTime<chrono_tz::Tz>) -> ClockObservation {
    let system_zone = std::env::var("TZ")
        .ok()
        .map(|v| v.trim_start_matches(':').to_owned())
        .filter(|v| !v.is_empty() && !v.starts_with('/'))
        .or_else(|| {
            std::fs::read_link("/etc/localtime")
                .ok()
                .and_then(|target| {
                    let text = target.to_string_lossy().into_owned();
                    text.split_once("zoneinfo/")
                        .map(|(_, zone)| zone.to_owned())
                })
        });
    let local = now.with_timezone(&chrono::Local);
    ClockObservation {
        system_zone,
        system_offset_seconds: local.offset().fix().local_minus_utc(),
        rules_offset_seconds: now.offset().fix().local_minus_utc(),
    }
}

/// Which browser `esign open` would start.
fn browser() -> BrowserObservation {
    for variable in ["ESIGN_BROWSER", "BROWSER"] {
        if let Some(program) = std::env::var(variable)
            .ok()
            .filter(|v| !v.trim().is_empty())
        {
            return BrowserObservation::Variable {
                variable: format!("${variable}"),
                found: on_path(&program).is_some(),
                program,
            };
        }
    }
    if cfg!(windows) {
        return BrowserObservation::System {
            opener: "start".to_owned(),
        };
    }
    if cfg!(target_os = "macos") {
        return BrowserObservation::System {
            opener: "open".to_owned(),
        };
    }
    // What the `open` crate tries on Linux and the BSDs, in its order.
    ["xdg-open", "gio", "gnome-open", "kde-open", "wslview"]
        .iter()
        .find_map(|name| on_path(name))
        .map_or(BrowserObservation::None, |path| {
            BrowserObservation::System {
                opener: path.display().to_string(),
            }
        })
}

/// A program as the system would find it: a path as given, else the first in `PATH`.
fn on_path(program: &str) -> Option<PathBuf> {
    let p = Path::new(program);
    if p.components().count() > 1 {
        return p.is_file().then(|| p.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        let candidate = dir.join(program);
        if candidate.is_file() {
            return Some(candidate);
        }
        let exe = candidate.with_extension("exe");
        (cfg!(windows) && exe.is_file()).then_some(exe)
    })
}
