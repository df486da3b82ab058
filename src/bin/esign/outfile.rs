//! Where a command's file output goes (`remind -o`, `roster --ics`, `rules init`), and
//! the one way files are replaced: a temporary file in the target's own folder
//! (`tempfile`), written, synced and renamed over the target. An interrupted run (an
//! error, Ctrl-C, a full disk) leaves the old file as it was and nothing half-written.
//!
//! Before anything is created:
//! - `-` is standard output;
//! - a symbolic link is followed: the file it points to is replaced, the link stays;
//! - a character device or FIFO (`/dev/null`, a pipe; `NUL` or `CON` on Windows) is
//!   written directly, since renaming a file over it would destroy it;
//! - a folder, a missing parent folder, or the same file as one of the inputs is an
//!   error naming the file, and nothing is written.
//!
//! A replaced file keeps its mode, and its owner and group when esign runs as root; a new
//! file gets the usual mode (0666 minus the umask), not `tempfile`'s private 0600.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use esign::file_error::{shown, FileError};
use esign::lang::Lang;
use esign::messages::{WriteFailed, WriteTarget};
use tempfile::NamedTempFile;

use crate::output::StdoutSink;

/// An input of the command, so the output can refuse to be the same file.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    File { path: &'a Path, role: &'static str },
    Stdin { role: &'static str },
}

/// Who may read a file esign creates (a replaced file always keeps its old mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The usual mode: 0666 minus the umask.
    Usual,
    /// 0644 whatever the umask: for monitoring files another user's agent reads (the
    /// Prometheus node exporter, an Icinga check).
    ReadableByAll,
}

/// A file being written. [`OutFile::commit`] finishes it; dropping it without a commit
/// leaves the target as it was (for a replaced file).
pub struct OutFile {
    sink: Sink,
    /// The name messages use: the path as given, or "standard output".
    name: String,
}

enum Sink {
    Stdout(BufWriter<StdoutSink>),
    Direct(BufWriter<File>),
    Replace {
        file: Option<BufWriter<NamedTempFile>>,
        target: PathBuf,
    },
}

/// How many links are followed before giving up (Linux's own limit is 40).
const MAX_LINKS: usize = 40;

impl OutFile {
    pub fn stdout() -> OutFile {
        OutFile {
            sink: Sink::Stdout(BufWriter::with_capacity(1 << 16, StdoutSink::new())),
            name: "standard output".to_owned(),
        }
    }

    /// Opens `path` for writing as the module text says. `inputs` are the command's
    /// inputs (the rules file in use, the roster).
    pub fn open(path: &Path, inputs: &[Input<'_>], lang: Lang) -> Result<OutFile> {
        OutFile::open_for(path, inputs, lang, Access::Usual)
    }

    /// [`OutFile::open`], with the access a new file gets.
    pub fn open_for(
        path: &Path,
        inputs: &[Input<'_>],
        lang: Lang,
        access: Access,
    ) -> Result<OutFile> {
        if path.as_os_str() == "-" {
            return Ok(OutFile::stdout());
        }
        let name = shown(path);
        let fail = |e: FileError| anyhow!(e.message(lang));
        if is_windows_device(path) {
            return direct(path, name);
        }
        let example = "renewals.ics".to_owned();
        if ends_with_separator(path) {
            return Err(fail(if path.is_dir() {
                FileError::IsFolder {
                    path: name.trim_end_matches(['/', '\\']).to_owned(),
                    example,
                }
            } else {
                FileError::EndsWithSeparator {
                    path: name,
                    example,
                }
            }));
        }
        let target = resolve_links(path).map_err(|e| match e {
            LinkError::Loop(e) => fail(e),
            LinkError::Read(e) => failed(&name, e).into(),
        })?;
        let meta = match fs::metadata(&target) {
            Ok(meta) => Some(meta),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                None
            }
            Err(e) => return Err(failed(&name, e).into()),
        };
        let Some(meta) = meta else {
            check_parent(&target, &name).map_err(fail)?;
            return replace(target, None, name, access);
        };
        if meta.is_dir() {
            return Err(fail(FileError::IsFolder {
                path: name,
                example,
            }));
        }
        check_inputs(&target, &name, inputs).map_err(fail)?;
        if meta.is_file() {
            replace(target, Some(&meta), name, access)
        } else {
            // A device or a FIFO: renaming over it would replace it with a regular file.
            direct(&target, name)
        }
    }

    /// Finishes the output: flushes (and for a replaced file syncs and renames it).
    pub fn commit(self) -> Result<()> {
        let name = self.name;
        let named = |e: io::Error| anyhow::Error::from(failed(&name, e));
        match self.sink {
            // The sink's errors already name standard output and keep their kind.
            Sink::Stdout(mut w) => w.flush().map_err(anyhow::Error::from),
            Sink::Direct(mut w) => w.flush().map_err(named),
            Sink::Replace { mut file, target } => {
                let Some(w) = file.take() else {
                    return Ok(());
                };
                let tmp = w.into_inner().map_err(|e| named(e.into_error()))?;
                tmp.as_file().sync_all().map_err(named)?;
                tmp.persist(&target).map_err(|e| named(e.error))?;
                Ok(())
            }
        }
    }

    pub fn is_stdout(&self) -> bool {
        matches!(self.sink, Sink::Stdout(_))
    }
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = match &mut self.sink {
            Sink::Stdout(w) => return w.write(buf),
            Sink::Direct(w) => w.write(buf),
            Sink::Replace { file: Some(w), .. } => w.write(buf),
            Sink::Replace { file: None, .. } => Err(io::Error::other("already committed")),
        };
        result.map_err(|e| failed(&self.name, e))
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = match &mut self.sink {
            Sink::Stdout(w) => return w.flush(),
            Sink::Direct(w) => w.flush(),
            Sink::Replace { file: Some(w), .. } => w.flush(),
            Sink::Replace { file: None, .. } => Ok(()),
        };
        result.map_err(|e| failed(&self.name, e))
    }
}

/// `e` naming the file being written, in the catalogue's words.
fn failed(name: &str, e: io::Error) -> io::Error {
    WriteFailed::wrap(WriteTarget::File(name.to_owned()), e)
}

fn direct(path: &Path, name: String) -> Result<OutFile> {
    let file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| failed(&name, e))?;
    Ok(OutFile {
        sink: Sink::Direct(BufWriter::new(file)),
        name,
    })
}

/// Starts replacing `target` (or creating it): a temporary file beside it, with the
/// old file's mode and owner, or the usual mode for a new file.
fn replace(
    target: PathBuf,
    old: Option<&fs::Metadata>,
    name: String,
    access: Access,
) -> Result<OutFile> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".esign-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created as 0666 minus the umask, like any new file; the old mode is set below.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(&dir).map_err(|e| failed(&name, e))?;
    if let Some(old) = old {
        keep_access(tmp.as_file(), old).map_err(|e| failed(&name, e))?;
    } else if access == Access::ReadableByAll {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // fchmod, unlike creation, ignores the umask.
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o644))
                .map_err(|e| failed(&name, e))?;
        }
    }
    Ok(OutFile {
        sink: Sink::Replace {
            file: Some(BufWriter::new(tmp)),
            target,
        },
        name,
    })
}

/// Gives the new file the old one's permissions, and on Unix its owner and group. Only
/// root may give a file away; for anyone else a refused change of owner is no error
/// (the file is theirs, as a file they write always was).
fn keep_access(file: &File, old: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                // Not root: keep at least the group where the user belongs to it.
                let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
            }
            Err(e) => return Err(e),
        }
    }
    file.set_permissions(old.permissions())
}

/// Follows symbolic links to the file that would really be written.
fn resolve_links(path: &Path) -> Result<PathBuf, LinkError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current).map_err(LinkError::Read)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(LinkError::Loop(FileError::LinkLoop { path: shown(path) }))
}

/// Why a symbolic link could not be followed.
enum LinkError {
    Loop(FileError),
    Read(io::Error),
}

fn check_parent(target: &Path, name: &str) -> Result<(), FileError> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => return Ok(()),
    };
    match fs::metadata(parent) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(FileError::ParentNotFolder {
            path: name.to_owned(),
            parent: shown(parent),
        }),
        Err(_) => {
            // A file standing in for one of the folders on the way is named as such.
            for ancestor in parent.ancestors().skip(1) {
                if ancestor.as_os_str().is_empty() {
                    break;
                }
                match fs::metadata(ancestor) {
                    Ok(meta) if meta.is_dir() => break,
                    Ok(_) => {
                        return Err(FileError::ParentNotFolder {
                            path: name.to_owned(),
                            parent: shown(ancestor),
                        })
                    }
                    Err(_) => {}
                }
            }
            Err(FileError::NoParent {
                path: name.to_owned(),
                parent: shown(parent),
            })
        }
    }
}

/// Refuses an output that is one of the inputs: same device and inode (same file index
/// on Windows), which also catches hard links and other spellings of one path. Nothing
/// is opened on Unix (opening a FIFO to compare it would wait for a writer).
fn check_inputs(target: &Path, name: &str, inputs: &[Input<'_>]) -> Result<(), FileError> {
    let Some(out) = FileId::of_path(target) else {
        return Ok(());
    };
    for input in inputs {
        let (id, role, input_name) = match *input {
            Input::File { path, role } => (FileId::of_path(path), role, shown(path)),
            Input::Stdin { role } => (FileId::of_stdin(), role, "(standard input)".to_owned()),
        };
        if id.is_some_and(|id| id == out) {
            return Err(FileError::SameAsInput {
                path: name.to_owned(),
                role,
                input: input_name,
            });
        }
    }
    Ok(())
}

/// What makes a file the same file: device and inode on Unix; elsewhere the file index
/// (`same-file`), else the canonical path.
#[cfg(unix)]
#[derive(PartialEq, Eq)]
struct FileId(u64, u64);

#[cfg(unix)]
impl FileId {
    fn of_path(path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| FileId(m.dev(), m.ino()))
    }

    fn of_stdin() -> Option<FileId> {
        let handle = same_file::Handle::stdin().ok()?;
        Some(FileId(handle.dev(), handle.ino()))
    }
}

#[cfg(not(unix))]
#[derive(PartialEq, Eq)]
enum FileId {
    Handle(same_file::Handle),
    Path(PathBuf),
}

#[cfg(not(unix))]
impl FileId {
    fn of_path(path: &Path) -> Option<FileId> {
        same_file::Handle::from_path(path)
            .map(FileId::Handle)
            .ok()
            .or_else(|| fs::canonicalize(path).ok().map(FileId::Path))
    }

    fn of_stdin() -> Option<FileId> {
        same_file::Handle::stdin().ok().map(FileId::Handle)
    }
}

fn ends_with_separator(path: &Path) -> bool {
    let text = path.as_os_str().to_string_lossy();
    text.ends_with('/') || (cfg!(windows) && text.ends_with('\\'))
}

/// `NUL`, `CON`, `COM1` …: Windows device names, in any folder and with any extension.
fn is_windows_device(path: &Path) -> bool {
    if !cfg!(windows) {
        return false;
    }
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let stem = stem.trim_end_matches([' ', '.']).to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "NUL" | "CON" | "PRN" | "AUX" | "CONIN$" | "CONOUT$"
    ) || ((stem.starts_with("COM") || stem.starts_with("LPT"))
        && stem.len() == 4
        && stem.as_bytes()[3].is_ascii_digit()
        && stem.as_bytes()[3] != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_only_on_windows() {
        assert_eq!(is_windows_device(Path::new("NUL")), cfg!(windows));
        assert_eq!(is_windows_device(Path::new("c/com1.txt")), cfg!(windows));
        assert!(!is_windows_device(Path::new("COM0")));
        assert!(!is_windows_device(Path::new("nullable.ics")));
    }
}
