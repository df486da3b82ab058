//! What can go wrong with a file the user named, as data: the binary finds the facts
//! (by looking at the file system), this module says them in Turkish and English.
//! Every message names the file. Pure: no file is touched here.

use thiserror::Error;

use crate::lang::Lang;
use crate::text::quote;

/// What a file the user named turned out to be, for the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    Fifo,
    Device,
    Socket,
    Other,
}

/// Why a file named on the command line (or in the environment) cannot be used.
/// `Display` is the English text; [`FileError::message`] gives either language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FileError {
    #[error("{path} is a folder: give a file name inside it, such as {path}/{example}")]
    IsFolder { path: String, example: String },
    #[error("{path} ends with a path separator, so it names a folder: give a file name, such as {path}{example}")]
    EndsWithSeparator { path: String, example: String },
    #[error("cannot write {path}: the folder {parent} does not exist; create it first or choose another folder")]
    NoParent { path: String, parent: String },
    #[error("cannot write {path}: {parent} is not a folder")]
    ParentNotFolder { path: String, parent: String },
    #[error("{path} is the same file as the {role} {input}: choose another output file; nothing was written")]
    SameAsInput {
        path: String,
        role: &'static str,
        input: String,
    },
    #[error("{path} is {}, not a regular file: give a certificate file, or - for standard input", kind_en(*kind))]
    NotRegular { path: String, kind: FileKind },
    #[error("{path} is larger than {max} bytes: is it the right file?")]
    TooLarge { path: String, max: usize },
    #[error("{path}: too many symbolic links (a loop?)")]
    LinkLoop { path: String },
}

fn kind_en(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Folder => "a folder",
        FileKind::Fifo => "a named pipe (FIFO)",
        FileKind::Device => "a device",
        FileKind::Socket => "a socket",
        FileKind::Other => "a special file",
    }
}

fn kind_tr(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Folder => "bir klasör",
        FileKind::Fifo => "adlandırılmış bir boru (FIFO)",
        FileKind::Device => "bir aygıt",
        FileKind::Socket => "bir soket",
        FileKind::Other => "özel bir dosya",
    }
}

fn role_tr(role: &str) -> &'static str {
    match role {
        "rules file" => "kurallar dosyası",
        "roster" => "personel listesi",
        "certificate" => "sertifika",
        _ => "girdi",
    }
}

impl FileError {
    /// The message in `lang`. File names are quoted as given, with control characters
    /// escaped so a name cannot forge a line of output.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            FileError::IsFolder { path, example } => format!(
                "{path} bir klasör: içinde bir dosya adı verin, örneğin {path}/{example}"
            ),
            FileError::EndsWithSeparator { path, example } => format!(
                "{path} bir yol ayracıyla bitiyor, yani bir klasörü gösteriyor: bir dosya adı verin, örneğin {path}{example}"
            ),
            FileError::NoParent { path, parent } => format!(
                "{path} yazılamıyor: {parent} klasörü yok; önce oluşturun ya da başka bir klasör seçin"
            ),
            FileError::ParentNotFolder { path, parent } => {
                format!("{path} yazılamıyor: {parent} bir klasör değil")
            }
            FileError::SameAsInput { path, role, input } => format!(
                "{path}, {} {input} ile aynı dosya: başka bir çıktı dosyası seçin; hiçbir şey yazılmadı",
                role_tr(role)
            ),
            FileError::NotRegular { path, kind } => format!(
                "{path} {}, normal bir dosya değil: bir sertifika dosyası ya da standart girdi için - verin",
                kind_tr(*kind)
            ),
            FileError::TooLarge { path, max } => {
                format!("{path} {max} bayttan büyük: doğru dosya mı?")
            }
            FileError::LinkLoop { path } => {
                format!("{path}: çok fazla sembolik bağlantı (bir döngü mü?)")
            }
        }
    }
}

/// A path as messages show it: control characters escaped, very long names cut.
#[must_use]
pub fn shown(path: &std::path::Path) -> String {
    quote(&path.to_string_lossy(), 200)
}
