//! The words of `--help`, `esign help` and `esign man` in Turkish, and the words clap
//! would otherwise print in English ("Usage:", "Options:", "[default: …]"). The English
//! help is the doc comments of the binary's `cli.rs`; this table gives each of them its
//! Turkish. The binary reads it only when help is actually shown, so start-up pays
//! nothing for it.
//!
//! Keys: a command's path (`""` for `esign` itself, `"check"`, `"rules check"`) and an
//! option's id (the field name: `expiry`, `due_within`).

use crate::lang::Lang;

/// The fixed words around help.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub usage: &'static str,
    pub commands: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    pub global_options: &'static str,
    pub examples: &'static str,
    pub example: &'static str,
    pub values: &'static str,
    pub default: &'static str,
    pub alias: &'static str,
    pub aliases: &'static str,
    pub help_flag: &'static str,
    pub help_command: &'static str,
    pub help_command_arg: &'static str,
    pub version_flag: &'static str,
    /// Man page section names: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, SUBCOMMANDS,
    /// VERSION, EXTRA (`clap_mangen`'s after-help section), EXIT STATUS, ENVIRONMENT, FILES,
    /// the commands' heading, and the root's options (global ones, but its own).
    pub man_sections: [(&'static str, &'static str); 12],
}

/// The fixed words of help in `lang`.
#[must_use]
pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::Tr => Words {
            usage: "Kullanım:",
            commands: "Komutlar:",
            arguments: "Argümanlar:",
            options: "Seçenekler:",
            global_options: "Genel seçenekler:",
            examples: "Örnekler:",
            example: "Örnek:",
            values: "değerler",
            default: "varsayılan",
            alias: "diğer adı",
            aliases: "diğer adları",
            help_flag: "Yardımı gösterir (-h kısa, --help ayrıntılı)",
            help_command: "esign ya da bir komutu için yardımı gösterir",
            help_command_arg: "Yardımı gösterilecek komut",
            version_flag: "Sürümü gösterir",
            man_sections: [
                ("NAME", "AD"),
                ("SYNOPSIS", "KULLANIM"),
                ("DESCRIPTION", "AÇIKLAMA"),
                ("OPTIONS", "SEÇENEKLER"),
                ("SUBCOMMANDS", "KOMUTLAR"),
                ("VERSION", "SÜRÜM"),
                ("EXTRA", "ÖRNEKLER"),
                ("EXIT STATUS", "ÇIKIŞ DURUMU"),
                ("ENVIRONMENT", "ORTAM DEĞİŞKENLERİ"),
                ("FILES", "DOSYALAR"),
                ("Komutlar", "KOMUTLAR"),
                ("\"GENEL SEÇENEKLER\"", "SEÇENEKLER"),
            ],
        },
        Lang::En => Words {
            usage: "Usage:",
            commands: "Commands:",
            arguments: "Arguments:",
            options: "Options:",
            global_options: "Global options:",
            examples: "Examples:",
            example: "Example:",
            values: "values",
            default: "default",
            alias: "alias",
            aliases: "aliases",
            help_flag: "Print help (-h short, --help in full)",
            help_command: "Print help for esign or one of its commands",
            help_command_arg: "The command to show help for",
            version_flag: "Print the version",
            man_sections: [
                ("NAME", "NAME"),
                ("SYNOPSIS", "SYNOPSIS"),
                ("DESCRIPTION", "DESCRIPTION"),
                ("OPTIONS", "OPTIONS"),
                ("SUBCOMMANDS", "SUBCOMMANDS"),
                ("VERSION", "VERSION"),
                ("EXTRA", "EXAMPLES"),
                ("EXIT STATUS", "EXIT STATUS"),
                ("ENVIRONMENT", "ENVIRONMENT"),
                ("FILES", "FILES"),
                ("Commands", "COMMANDS"),
                ("\"GLOBAL OPTIONS\"", "OPTIONS"),
            ],
        },
    }
}

/// A command's Turkish texts: the one-line summary, the long description (if any), and
/// what follows the options (without the examples, which are commands, not words).
#[derive(Debug, Clone, Copy)]
pub struct CommandText {
    pub about: &'static str,
    pub long_about: Option<&'static str>,
    pub note: Option<&'static str>,
}

/// The Turkish texts of the command at `path`.
#[must_use]
pub fn command_tr(path: &str) -> Option<CommandText> {
    let (about, long_about, note) = match path {
        "" => (
            "Kamu SM nitelikli elektronik imza (NES) kartları için yanıtlar: ne zaman yenilenir, ücreti kim öder, portalda nereye tıklanır.",
            None,
            None,
        ),
        "check" => (
            "Sertifikanın ne zaman bittiğini ve ne zaman yenilenmesi gerektiğini gösterir",
            Some("Sertifikanın ne zaman bittiğini ve ne zaman yenilenmesi gerektiğini gösterir.\n\nÇıkış durumu: 0 geçerli, 1 yenileme zamanı geldi ya da henüz geçerli değil, 2 süresi doldu, 3 hata."),
            None,
        ),
        "card" => (
            "E-imza kartının PIN sorulmadan gösterdiklerini listeler: PIN durumu ve sertifikalar",
            Some("E-imza kartının PIN sorulmadan gösterdiklerini listeler: kartlar, PIN durumu ve sertifikalar.\n\nÇıkış durumu: check gibi 0/1/2 (PIN'in son deneme hakkında en az 1, PIN kilitliyse 2); hiçbir şey okunamazsa 3."),
            Some("Kartta oturum açmaz ve PIN'i hiçbir zaman sormaz: yalnızca herkese açık nesneler ve kart bilgisi okunur."),
        ),
        "guide" => (
            "Terminal kullanmayanlar için soru-cevap",
            Some("Terminal kullanmayanlar için soru-cevap (bir konsolda yalnızca esign yazmak da bunu açar).\n\nÇıkış durumu: çıktığınızda 0, terminal yoksa 3."),
            Some("Tuşlar: seçmek için oklar ve Enter; çıkmak için Esc ya da Ctrl-C."),
        ),
        "doctor" => (
            "Kart çalışmıyor mu? Her katmanı denetler ve neyin düzeltileceğini söyler",
            Some("Kart çalışmıyor mu? Akıllı kart hizmetinden sertifikaya kadar her katmanı denetler ve neyin düzeltileceğini söyler.\n\nÇıkış durumu: 0 her şey yolunda, 1 yalnızca uyarılar, 2 imzayı engelleyen bir sorun, 3 denetim yapılamadı."),
            Some("Kartta oturum açmaz, PIN'i hiçbir zaman sormaz, sistemde hiçbir şeyi değiştirmez: yalnızca çözümü söyler."),
        ),
        "fee" => (
            "Yeni kartın ücretini kimin ödeyeceğini ve önce ne yapılması gerektiğini söyler",
            Some("Yeni kartın ücretini kimin ödeyeceğini ve önce ne yapılması gerektiğini söyler (kurallar R7–R10)."),
            None,
        ),
        "unlock" => (
            "PIN kilitlendiyse: kilidi portalda nasıl çözeceğinizi ve yeni PIN'i nasıl oluşturacağınızı gösterir",
            Some("PIN kilitlendiyse: kilidi portalda nasıl çözeceğinizi ve yeni PIN'i nasıl oluşturacağınızı gösterir (kural R6)."),
            None,
        ),
        "suspend" => (
            "Kart kaybolduysa ya da çalındıysa: sertifikayı portalda nasıl askıya alacağınızı gösterir",
            Some("Kart kaybolduysa ya da çalındıysa: sertifikayı portalda nasıl askıya alacağınızı gösterir (kural R7)."),
            None,
        ),
        "revoke" => (
            "Sertifikayı portalda kalıcı olarak nasıl iptal edeceğinizi gösterir",
            None,
            None,
        ),
        "open" => (
            "Kamu SM portalını tarayıcınızda açar",
            Some("Kamu SM portalını tarayıcınızda açar: $ESIGN_BROWSER, yoksa $BROWSER, yoksa sistemin varsayılan tarayıcısı."),
            None,
        ),
        "rules" => ("Kural dosyasını gösterir, denetler ya da kurar", None, None),
        "rules path" => ("Hangi kural dosyasının kullanıldığını yazar", None, None),
        "rules show" => (
            "Kullanılan kural dosyasını olduğu gibi yazar",
            None,
            None,
        ),
        "rules check" => (
            "Bir kural dosyasını denetler (varsayılan: kullanılan dosya); sorun yoksa bunu, varsa her sorunu yazar",
            None,
            None,
        ),
        "rules init" => (
            "Varsayılan kuralları düzenlemeniz için ayar dosyanıza yazar",
            None,
            None,
        ),
        "roster" => (
            "Personel listesi (CSV ya da çalışma kitabı) raporu: kim hemen başvurmalı, kimin süresi doldu",
            Some("Personel listesi (CSV ya da .xlsx, .xlsm, .xls, .ods çalışma kitabı) raporu: kim hemen başvurmalı, kimin süresi doldu, önümüzdeki aylarda kaç kart yenilenecek.\n\nÇıkış durumu: en kötü durum (0 geçerli, 1 yenileme zamanı geldi, 2 süresi doldu); okunamayan bir satır varsa 3."),
            None,
        ),
        "notify" => (
            "Personel listesinde işlem yapması gerekenlere hatırlatma e-postaları",
            Some("Personel listesinde işlem yapması gerekenlere hatırlatma e-postaları: yenileme zamanı gelenler, başvuru dönemi yakında açılacaklar, süresi dolanlar. Varsayılan olarak yalnızca deneme yapılır; her hatırlatma bir kez gönderilir.\n\nÇıkış durumu: 0; gönderilemeyen bir ileti varsa 3."),
            Some("SMTP parolası yalnızca $ESIGN_SMTP_PASSWORD ya da --smtp-password-file ile verilir."),
        ),
        "remind" => (
            "Sertifikanın yenilenmesi için takvim hatırlatıcıları (iCalendar) yazar",
            Some("Sertifikanın yenilenmesi için takvim hatırlatıcıları (iCalendar) yazar: başvuru günü (uyarılı) ve bitiş günü."),
            None,
        ),
        "completions" => ("Kabuk için tamamlama betiğini yazar", None, None),
        "man" => ("Kullanım kılavuzunu (man sayfası, roff) yazar", None, None),
        "help" => ("esign ya da bir komutu için yardımı gösterir", None, None),
        _ => return None,
    };
    Some(CommandText {
        about,
        long_about,
        note,
    })
}

/// The Turkish help of the option (or argument) `id` of the command at `path`.
#[must_use]
pub fn arg_tr(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        (_, "rules") => "Kullanılacak kural dosyası (yoksa $ESIGN_RULES, kendi ayar dosyanız, yerleşik varsayılan)",
        (_, "today") => "Bu günü bugün say: GG.AA.YYYY ya da YYYY-AA-GG (yoksa $ESIGN_TODAY, yoksa kuralların saat dilimindeki tarih)",
        (_, "now") => "Bu anı şimdi say, RFC 3339 biçiminde (2026-06-01T11:59:58+03:00)",
        (_, "lang") => "Çıktı dili (yoksa $ESIGN_LANG, yoksa yerel ayar, yoksa İngilizce)",
        (_, "format") => "Çıktı biçimi",
        (_, "json") => "--format json ile aynı",
        (_, "quiet") => "Hiçbir şey yazma; yalnızca çıkış durumunu ver",
        (_, "color") => "Metin çıktısı ne zaman renkli olsun",
        (_, "ascii") => "Yalnızca düz ASCII yaz (Türkçe harfleri gösteremeyen konsollar için)",
        ("check" | "remind", "expiry") => "Sertifikanın bitiş tarihi: GG.AA.YYYY, GG/AA/YYYY ya da YYYY-AA-GG",
        ("check", "cert") => "Sertifikayı dosyadan oku, PEM ya da DER (.cer, .crt, .pem, .der); birden çok dosya için tekrarlayın",
        ("check", "card") => "İmza sertifikasını e-imza kartından oku (PKCS#11; PIN'i hiçbir zaman sormaz)",
        ("check", "module") => "--card için PKCS#11 modülü (yoksa $ESIGN_PKCS11_MODULE, yoksa kuralların [card] modülleri)",
        ("doctor", "module") => "Denetlenecek PKCS#11 modülü (yoksa $ESIGN_PKCS11_MODULE, yoksa kuralların [card] modülleri); böyle verilen modül, hiçbir okuyucu çalışmasa da denetlenir, çünkü yazılım tabanlı bir kartın okuyucuya ihtiyacı yoktur",
        ("card", "module") => "Yüklenecek PKCS#11 modülü (yoksa $ESIGN_PKCS11_MODULE, yoksa kuralların [card] modülleri)",
        ("fee", "duty") => "Kişinin idari görev kimliği (kimlikler için --table)",
        ("fee", "title") => "--duty yerine kişinin unvanı (\"Dekan\", \"Bölüm Başkanı\"); büyük-küçük harf Türkçe kurallarıyla eşleşir",
        ("fee", "cause") => "Kartın neden yenilendiği (expiry, lost, stolen, user-damage, defect, pin-puk-block, identity-update)",
        ("fee", "table") => "Tüm görev × neden tablosu, masada çıktı almak için",
        ("unlock" | "suspend" | "revoke", "open") => "Portalı tarayıcınızda da aç",
        ("open", "target") => "Portala ne için gidiyorsunuz",
        ("rules check", "file") => "Denetlenecek dosya",
        ("rules init", "force") => "Var olan dosyanın yerine yaz",
        ("roster" | "notify", "file") => "Personel listesi: başlık satırı olan bir CSV dosyası ya da çalışma kitabı (.xlsx, .xlsm, .xls, .ods), ya da standart girdi için -",
        ("roster" | "notify", "sheet") => "Okunacak çalışma kitabı sayfası (varsayılan: ilk sayfa)",
        ("check" | "card" | "roster", "output") => "--format nagios ya da prometheus çıktısını bu dosyaya, tek seferde ve herkesin okuyabileceği biçimde yaz (Prometheus node exporter'ın textfile toplayıcısı için)",
        ("notify", "email_column") => "E-posta sütununun başlığı (varsayılan: e-posta, eposta, email, e-mail, mail)",
        ("notify", "due_within") => "Bu süre içinde açılacak başvuru dönemlerini de hatırlat: 30d, 6w, 2m (varsayılan: kuralların başvuru süresi)",
        ("notify", "dry_run") => "Kime ne gideceğini listele; hiçbir şey gönderme (varsayılan)",
        ("notify", "drafts") => "Her ileti için bu klasöre bir .eml dosyası yaz, e-posta programı için; hiçbir şey gönderme",
        ("notify", "send") => "SMTP ile gönder ($ESIGN_SMTP_URL)",
        ("notify", "from") => "Başvuru biriminin adresi, iletilerin \"From\" ve \"Reply-To\" başlıkları için (yoksa kuralların [mail] bölümündeki \"from\" değeri)",
        ("notify", "smtp_url") => "SMTP sunucusu: smtps://kullanıcı@sunucu:465 (TLS) ya da smtp://kullanıcı@sunucu:587 (STARTTLS zorunlu)",
        ("notify", "smtp_password_file") => "SMTP parolasını bu dosyanın ilk satırından oku (yoksa $ESIGN_SMTP_PASSWORD)",
        ("notify", "smtp_ca_file") => "SMTP sunucusu için sistemin sertifika otoritelerine ek olarak bu otoriteye (PEM) de güven",
        ("notify", "insecure_smtp") => "localhost, 127.0.0.1 ya da ::1 dışındaki bir sunucuya TLS'siz SMTP'ye izin ver",
        ("notify", "state_file") => "Gönderim kaydı (varsayılan: $XDG_STATE_HOME/esign/sent.tsv, Windows'ta %LOCALAPPDATA%\\esign\\sent.tsv)",
        ("notify", "max") => "Bu çalıştırmada en çok bu kadar ileti gönder",
        ("roster" | "notify", "delimiter") => "Alan ayracı: , ; tab (ya da tek bir ASCII karakter); varsayılan: başlık satırından anlaşılır",
        ("roster" | "notify", "encoding") => "Dosyanın karakter kodlaması",
        ("roster" | "notify", "expiry_column") => "Bitiş tarihi sütununun başlığı [varsayılan: expiry, expires, not_after, bitiş, bitiş tarihi, son kullanma tarihi, geçerlilik bitiş]",
        ("roster" | "notify", "name_column") => "Kişinin sütununun başlığı [varsayılan: name, ad soyad, ad, isim, personel]",
        ("roster", "state") => "Yalnızca bu durumlardaki satırları göster (virgülle ayırın); özet yine bütün satırları sayar",
        ("roster", "due_within") => "Yalnızca bu süre içinde işlem gerektiren satırları göster: 30d, 6w, 2m (gün, hafta, takvim ayı)",
        ("roster", "by_month") => "Satırlar yerine bu aydan başlayarak 12 ayın yenileme yükünü göster",
        ("roster", "excel_safe") => "--format csv ile, elektronik tabloda açılacak bir dosya için: = + - @, sekme ya da CR ile başlayan girdi hücrelerinin önüne ' koy; böylece formül olarak çalıştırılmazlar",
        ("roster", "ics") => "Gösterilen satırlar için takvim hatırlatıcılarını (iCalendar) bu dosyaya da yaz (standart çıktı için -)",
        ("roster" | "notify", "date_order") => "06/01/2025 gibi eğik çizgili tarihler nasıl okunsun: dmy (önce gün, Türkiye'deki gibi) ya da mdy (önce ay, İngilizce Excel'in yazdığı gibi)",
        ("remind", "name") => "Sertifikanın sahibi (etkinliklerde gösterilir)",
        ("remind", "output") => "Takvimi standart çıktı yerine bu dosyaya yaz (tek seferde, yarım dosya bırakmadan)",
        ("completions", "shell") => "Kabuk",
        _ => return None,
    })
}

/// The Turkish description of a possible value of the option `id`.
#[must_use]
pub fn value_tr(id: &str, value: &str) -> Option<&'static str> {
    Some(match (id, value) {
        ("lang", "tr") => "Türkçe: tarihler GG.AA.YYYY",
        ("lang", "en") => "İngilizce: tarihler ISO biçiminde",
        ("format", "text") => "Okunacak metin",
        ("format", "json") => "JSON, betikler için",
        ("format", "csv") => "CSV, tablolar için",
        ("format", "nagios") => "Nagios/Icinga eklentisi için tek satır, performans verileriyle",
        ("format", "prometheus") => {
            "Prometheus metin biçimi, node exporter'ın textfile toplayıcısı için"
        }
        ("color", "auto") => "Terminalde renkli, NO_COLOR tanımlı değilse",
        ("color", "always") => "Her zaman renkli",
        ("color", "never") => "Hiçbir zaman renkli değil",
        ("encoding", "utf-8") => "UTF-8, bayt sırası işaretiyle ya da işaretsiz",
        ("encoding", "windows-1254") => "Windows-1254, Türkçe Excel'in \"CSV\" biçimi",
        ("state", "valid") => "Yenileme döneminden önce",
        ("state", "not-yet-valid") => "Henüz geçerli değil",
        ("state", "renewal-due") => "Yenileme dönemi başladı",
        ("state", "expired") => "Bitiş tarihi geçti",
        ("state", "error") => "Okunamayan satırlar",
        ("state", "empty") => "Yalnızca ayraçtan oluşan boş satırlar",
        ("target", "portal") => "Portalın giriş sayfası",
        ("target", "unlock") => "Kartın (PIN'in) kilidini çözmek için",
        ("target", "suspend") => "Kaybolan ya da çalınan kartın sertifikasını askıya almak için",
        ("target", "revoke") => "Sertifikayı iptal etmek için",
        ("date_order", "dmy") => "Önce gün: 13/06/2025",
        ("date_order", "mdy") => "Önce ay: 06/13/2025",
        _ => return None,
    })
}
/// What each exit status means; the same table as the README's.
const EXIT_STATUS_EN: &[(&str, &str)] = &[
    (
        "0",
        "Valid: nothing to do. Also every command that succeeded, --help and --version.",
    ),
    (
        "1",
        "Renewal due (apply now), a certificate not yet valid (a new one), or a PIN at its final try.",
    ),
    (
        "2",
        "Expired (apply with a printed, hand-signed form), or a locked PIN.",
    ),
    (
        "3",
        "An error: bad arguments, dates or rules file, an unreadable certificate file or staff list \
         row, no card or PKCS#11 module, or no browser for --open. One line on standard error \
         names the input and what would fix it.",
    ),
];

/// Every environment variable esign reads, in the order a reader looks for them.
const ENVIRONMENT_EN: &[(&str, &str)] = &[
    (
        "ESIGN_RULES",
        "The rules file to use when --rules is not given (see FILES). An empty value counts as unset.",
    ),
    (
        "ESIGN_TODAY",
        "The day taken as today when neither --today nor --now is given: YYYY-MM-DD or DD.MM.YYYY. \
         Without it, today is the current date in the rules' time zone.",
    ),
    (
        "ESIGN_LANG",
        "The output language when --lang is not given: tr or en. Without it, the locale decides.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The locale, the first one set: a value starting with tr gives Turkish, anything else English.",
    ),
    (
        "ESIGN_PKCS11_MODULE",
        "The PKCS#11 module (card driver) for esign card and esign check --card when --module is \
         not given. Without it, the first existing path of the rules' [card] modules is used.",
    ),
    (
        "ESIGN_BROWSER",
        "The program that opens the portal for esign open and --open, run with the URL as its \
         only argument, never through a shell.",
    ),
    (
        "BROWSER",
        "Used as ESIGN_BROWSER when that is not set. Without either, the system's default browser.",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colour with --color auto (the default). CLICOLOR=0 does the same; \
         CLICOLOR_FORCE forces colour.",
    ),
    (
        "COLUMNS",
        "The width of text tables (esign roster) when standard output is not a terminal; default 100.",
    ),
    (
        "XDG_CONFIG_HOME, HOME, XDG_CONFIG_DIRS",
        "Where the user's and the institution's rules files are looked for on Linux (see FILES).",
    ),
    (
        "ESIGN_SMTP_URL",
        "The SMTP server for esign notify --send when --smtp-url is not given: \
         smtps://user@host:465 (TLS) or smtp://user@host:587 (STARTTLS required).",
    ),
    (
        "ESIGN_SMTP_PASSWORD",
        "The SMTP password for esign notify --send when --smtp-password-file is not given. \
         Never an argument, never printed.",
    ),
    (
        "XDG_STATE_HOME",
        "Where esign notify keeps its sent-log on Linux: $XDG_STATE_HOME/esign/sent.tsv, else \
         ~/.local/state/esign/sent.tsv (%LOCALAPPDATA%\\esign\\sent.tsv on Windows), unless \
         --state-file is given.",
    ),
];

/// The rules file in effect: the first found wins.
const FILES_EN: &[(&str, &str)] = &[
    ("1. --rules PATH", "The file named on the command line."),
    ("2. $ESIGN_RULES", "The file named by the environment."),
    (
        "3. The user's config file",
        "$XDG_CONFIG_HOME/esign/rules.toml, else ~/.config/esign/rules.toml on Linux; \
         ~/Library/Application Support/esign/rules.toml on macOS; %APPDATA%\\esign\\rules.toml \
         on Windows. esign rules init writes the institution's file there, else the default.",
    ),
    (
        "4. The institution's file",
        "Installed once for every user by the IT desk: esign/rules.toml under each folder of \
         $XDG_CONFIG_DIRS (default /etc/xdg) on Linux, the first found; \
         %ProgramData%\\esign\\rules.toml on Windows.",
    ),
    (
        "5. The embedded default",
        "The rules.toml esign was built with (esign rules show prints it).",
    ),
];

const DESCRIPTION_EN: &[&str] = &[
    "esign answers the questions around the qualified e-signature (NES) cards that Turkish \
     public staff get from Kamu SM: when to apply for renewal, who pays for it, what must happen \
     first, and where to click on the Kamu SM portal. It reads the expiry date from the command \
     line, a certificate file or the card itself (never asking for the PIN), and whole staff \
     lists from CSV files or workbooks (.xlsx, .xls, .ods).",
    "Everything institution-specific (lead time, desk, portal address and menu labels, who \
     pays, PIN attempts) comes from a rules file: see FILES. Output is in Turkish or English, \
     as text or JSON (CSV for staff lists); scripts read the exit status.",
];

const EXIT_STATUS_TR: &[(&str, &str)] = &[
    (
        "0",
        "Geçerli: yapılacak bir şey yok. Başarıyla biten her komut, --help ve --version da 0 verir.",
    ),
    (
        "1",
        "Yenileme zamanı geldi (hemen başvurun), sertifika henüz geçerli değil (yeni bir sertifika) ya da PIN'in son deneme hakkı kaldı.",
    ),
    (
        "2",
        "Süresi doldu (basılı, elle imzalanmış formla başvurun) ya da PIN kilitli.",
    ),
    (
        "3",
        "Hata: yanlış argümanlar, tarihler ya da kural dosyası, okunamayan bir sertifika dosyası ya da personel listesi satırı, kart ya da PKCS#11 modülü yok, ya da --open için tarayıcı yok. Standart hatadaki tek satır, girdiyi ve neyin düzelteceğini söyler.",
    ),
];

const ENVIRONMENT_TR: &[(&str, &str)] = &[
    (
        "ESIGN_RULES",
        "--rules verilmediğinde kullanılacak kural dosyası (bkz. DOSYALAR). Boş değer tanımsız sayılır.",
    ),
    (
        "ESIGN_TODAY",
        "Ne --today ne --now verildiğinde bugün sayılacak gün: GG.AA.YYYY ya da YYYY-AA-GG. Tanımlı değilse bugün, kuralların saat dilimindeki tarihtir.",
    ),
    (
        "ESIGN_LANG",
        "--lang verilmediğinde çıktı dili: tr ya da en. Tanımlı değilse yerel ayar belirler.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "Yerel ayar, tanımlı olan ilki: tr ile başlayan bir değer Türkçe, başka her şey İngilizce verir.",
    ),
    (
        "ESIGN_PKCS11_MODULE",
        "--module verilmediğinde esign card ve esign check --card için PKCS#11 modülü (kart sürücüsü). Tanımlı değilse kuralların [card] modüllerinden var olan ilk yol kullanılır.",
    ),
    (
        "ESIGN_BROWSER",
        "esign open ve --open için portalı açan program; adresle tek argüman olarak, hiçbir zaman kabuk üzerinden değil, çalıştırılır.",
    ),
    (
        "BROWSER",
        "ESIGN_BROWSER tanımlı değilse onun yerine kullanılır. İkisi de yoksa sistemin varsayılan tarayıcısı.",
    ),
    (
        "NO_COLOR",
        "Tanımlı ve boş değilse --color auto (varsayılan) ile renk yok. CLICOLOR=0 da aynısını yapar; CLICOLOR_FORCE rengi zorlar.",
    ),
    (
        "COLUMNS",
        "Standart çıktı bir terminal değilken metin tablolarının (esign roster) genişliği; varsayılan 100.",
    ),
    (
        "XDG_CONFIG_HOME, HOME, XDG_CONFIG_DIRS",
        "Linux'ta kullanıcının ve kurumun kural dosyalarının arandığı yerler (bkz. DOSYALAR).",
    ),
    (
        "ESIGN_SMTP_URL",
        "--smtp-url verilmediğinde esign notify --send için SMTP sunucusu: smtps://kullanıcı@sunucu:465 (TLS) ya da smtp://kullanıcı@sunucu:587 (STARTTLS zorunlu).",
    ),
    (
        "ESIGN_SMTP_PASSWORD",
        "--smtp-password-file verilmediğinde esign notify --send için SMTP parolası. Hiçbir zaman argüman olarak verilmez, hiçbir zaman yazdırılmaz.",
    ),
    (
        "XDG_STATE_HOME",
        "--state-file verilmediğinde esign notify'ın gönderim kaydını tuttuğu yer (Linux): $XDG_STATE_HOME/esign/sent.tsv, yoksa ~/.local/state/esign/sent.tsv (Windows'ta %LOCALAPPDATA%\\esign\\sent.tsv).",
    ),
];

const FILES_TR: &[(&str, &str)] = &[
    ("1. --rules YOL", "Komut satırında verilen dosya."),
    ("2. $ESIGN_RULES", "Ortam değişkeninin gösterdiği dosya."),
    (
        "3. Kullanıcının ayar dosyası",
        "Linux'ta $XDG_CONFIG_HOME/esign/rules.toml, yoksa ~/.config/esign/rules.toml; macOS'ta ~/Library/Application Support/esign/rules.toml; Windows'ta %APPDATA%\\esign\\rules.toml. esign rules init oraya kurumun dosyasını, o yoksa varsayılan kuralları yazar.",
    ),
    (
        "4. Kurumun dosyası",
        "Bilgi işlemin makinedeki bütün kullanıcılar için bir kez kurduğu dosya: Linux'ta $XDG_CONFIG_DIRS klasörlerinin her birinin altındaki esign/rules.toml, ilk bulunan (varsayılan /etc/xdg); Windows'ta %ProgramData%\\esign\\rules.toml.",
    ),
    (
        "5. Yerleşik varsayılan",
        "esign'ın derlendiği rules.toml (esign rules show onu yazar).",
    ),
];

const DESCRIPTION_TR: &[&str] = &[
    "esign, kamu personelinin Kamu SM'den aldığı nitelikli elektronik imza (NES) kartlarıyla ilgili sorulara yanıt verir: yenileme için ne zaman başvurulur, ücreti kim öder, önce ne yapılmalıdır, Kamu SM portalında nereye tıklanır. Bitiş tarihini komut satırından, bir sertifika dosyasından ya da kartın kendisinden (PIN'i hiç sormadan), bütün personel listelerini de CSV dosyalarından ya da çalışma kitaplarından (.xlsx, .xls, .ods) okur.",
    "Kuruma özgü her şey (başvuru süresi, başvuru yeri, portal adresi ve menü adları, ücreti kimin ödediği, PIN deneme hakkı) bir kural dosyasından gelir: bkz. DOSYALAR. Çıktı Türkçe ya da İngilizcedir; metin ya da JSON (personel listeleri için CSV de) olarak yazılır; betikler çıkış durumunu okur.",
];

/// The words of the manual page that clap cannot know.
#[derive(Debug, Clone, Copy)]
pub struct Manual {
    pub description: &'static [&'static str],
    pub exit_status: &'static [(&'static str, &'static str)],
    pub environment: &'static [(&'static str, &'static str)],
    pub files: &'static [(&'static str, &'static str)],
    /// The section headings, in page order: commands, examples, exit status,
    /// environment, files, description.
    pub commands: &'static str,
    pub examples: &'static str,
    pub exit_heading: &'static str,
    pub environment_heading: &'static str,
    pub files_heading: &'static str,
    pub description_heading: &'static str,
    /// `(also pin)`: the word before a command's aliases.
    pub also: &'static str,
    /// "Every command takes the options above; ", then `esign command --help`, then the rest.
    pub every_command: (&'static str, &'static str, &'static str),
    pub after_exit: &'static str,
    pub after_files: &'static str,
}

/// The manual page's own texts in `lang`.
#[must_use]
pub fn manual(lang: Lang) -> Manual {
    match lang {
        Lang::Tr => Manual {
            description: DESCRIPTION_TR,
            exit_status: EXIT_STATUS_TR,
            environment: ENVIRONMENT_TR,
            files: FILES_TR,
            commands: "KOMUTLAR",
            examples: "ÖRNEKLER",
            exit_heading: "ÇIKIŞ DURUMU",
            environment_heading: "ORTAM DEĞİŞKENLERİ",
            files_heading: "DOSYALAR",
            description_heading: "AÇIKLAMA",
            also: "diğer adları",
            every_command: (
                "Her komut yukarıdaki seçenekleri alır; ",
                "komut",
                " kendi seçeneklerini ve örneklerini gösterir.",
            ),
            after_exit: "esign card, esign check ve esign roster buldukları en acil durumu bildirir; kapanan bir çıktı borusu sessizce 0 durumuyla biter.",
            after_files: "1–3 ile gösterilen dosya okunamıyor ya da geçerli değilse bu bir hatadır; hiçbir zaman sessizce varsayılana dönülmez. esign rules path hangi dosyanın neden kullanıldığını söyler; esign rules check bir dosyayı denetler ve her sorunu satırı ve sütunuyla bildirir.",
        },
        Lang::En => Manual {
            description: DESCRIPTION_EN,
            exit_status: EXIT_STATUS_EN,
            environment: ENVIRONMENT_EN,
            files: FILES_EN,
            commands: "COMMANDS",
            examples: "EXAMPLES",
            exit_heading: "EXIT STATUS",
            environment_heading: "ENVIRONMENT",
            files_heading: "FILES",
            description_heading: "DESCRIPTION",
            also: "also",
            every_command: (
                "Every command takes the options above; ",
                "command",
                " shows its own options and examples.",
            ),
            after_exit: "esign card, esign check and esign roster report the most urgent state they found; a closed output pipe ends quietly with status 0.",
            after_files: "A file named by 1 to 3 that cannot be read or is not valid is an error, never a silent fall-back to the default. esign rules path says which file is in effect and why; esign rules check validates one and reports every problem with its line and column.",
        },
    }
}
