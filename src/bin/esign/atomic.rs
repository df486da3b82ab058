//! Files written whole or not at all: a temporary file beside the target, renamed over
//! it once everything is written and synced. An interrupted run (an error, Ctrl-C, a
//! full disk) leaves the old file as it was and no half-written calendar behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

pub struct AtomicFile {
    dest: PathBuf,
    tmp: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `dest`: creates a temporary file in the same folder (so the final
    /// rename stays on one file system and is atomic).
    pub fn create(dest: &Path) -> Result<AtomicFile> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .with_context(|| format!("{} names no file", dest.display()))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.tmp", std::process::id()));
        let tmp = dir.join(tmp_name);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .with_context(|| format!("cannot write {}", dest.display()))?;
        Ok(AtomicFile {
            dest: dest.to_owned(),
            tmp,
            file: Some(BufWriter::new(file)),
        })
    }

    /// Makes the file readable by everyone (0644 on Unix), whatever the umask: for
    /// files other users' services read, such as the node exporter's textfile collector.
    pub fn readable_by_all(self) -> Result<AtomicFile> {
        #[cfg(unix)]
        if let Some(file) = &self.file {
            use std::os::unix::fs::PermissionsExt;
            file.get_ref()
                .set_permissions(fs::Permissions::from_mode(0o644))
                .with_context(|| format!("cannot write {}", self.dest.display()))?;
        }
        Ok(self)
    }

    /// Flushes, syncs and renames the temporary file over the target.
    pub fn commit(mut self) -> Result<()> {
        let mut write = || -> io::Result<()> {
            if let Some(file) = self.file.take() {
                let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.sync_all()?;
            }
            fs::rename(&self.tmp, &self.dest)
        };
        write().with_context(|| format!("cannot write {}", self.dest.display()))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    /// Not committed (an error on the way) or failed to rename: remove the temporary file.
    fn drop(&mut self) {
        self.file.take();
        if self.tmp.exists() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}
