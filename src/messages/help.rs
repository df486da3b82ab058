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
    pub help_flag: &'static str,
    pub help_command: &'static str,
    pub help_command_arg: &'static str,
    pub version_flag: &'static str,
    /// Man page section names: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, SUBCOMMANDS,
    /// VERSION, EXTRA (clap_mangen's after-help section), EXIT STATUS, ENVIRONMENT, FILES,
    /// and the commands' heading.
    pub man_sections: [(&'static str, &'static str); 11],
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
            "Personel listesi (CSV) raporu: kim hemen başvurmalı, kimin süresi doldu",
            Some("Personel listesi (CSV) raporu: kim hemen başvurmalı, kimin süresi doldu, önümüzdeki aylarda kaç kart yenilenecek.\n\nÇıkış durumu: en kötü durum (0 geçerli, 1 yenileme zamanı geldi, 2 süresi doldu); okunamayan bir satır varsa 3."),
            None,
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
        ("card", "module") => "Yüklenecek PKCS#11 modülü (yoksa $ESIGN_PKCS11_MODULE, yoksa kuralların [card] modülleri)",
        ("fee", "duty") => "Kişinin idari görev kimliği (kimlikler için --table)",
        ("fee", "title") => "--duty yerine kişinin unvanı (\"Dekan\", \"Bölüm Başkanı\"); büyük-küçük harf Türkçe kurallarıyla eşleşir",
        ("fee", "cause") => "Kartın neden yenilendiği (expiry, lost, stolen, user-damage, defect, pin-puk-block, identity-update)",
        ("fee", "table") => "Tüm görev × neden tablosu, masada çıktı almak için",
        ("unlock" | "suspend" | "revoke", "open") => "Portalı tarayıcınızda da aç",
        ("open", "target") => "Portala ne için gidiyorsunuz",
        ("rules check", "file") => "Denetlenecek dosya",
        ("rules init", "force") => "Var olan dosyanın yerine yaz",
        ("roster", "file") => "Personel listesi: başlık satırı olan bir CSV dosyası, ya da standart girdi için -",
        ("roster", "delimiter") => "Alan ayracı: , ; tab (ya da tek bir ASCII karakter); varsayılan: başlık satırından anlaşılır",
        ("roster", "encoding") => "Dosyanın karakter kodlaması",
        ("roster", "expiry_column") => "Bitiş tarihi sütununun başlığı (varsayılan: expiry, expires, not_after, bitiş, bitiş tarihi, son kullanma tarihi, geçerlilik bitiş)",
        ("roster", "name_column") => "Kişinin sütununun başlığı (varsayılan: name, ad soyad, ad, isim, personel)",
        ("roster", "state") => "Yalnızca bu durumlardaki satırları göster (virgülle ayırın); özet yine bütün satırları sayar",
        ("roster", "due_within") => "Yalnızca bu süre içinde işlem gerektiren satırları göster: 30d, 6w, 2m (gün, hafta, takvim ayı)",
        ("roster", "by_month") => "Satırlar yerine bu aydan başlayarak 12 ayın yenileme yükünü göster",
        ("roster", "ics") => "Gösterilen satırlar için takvim hatırlatıcılarını (iCalendar) bu dosyaya da yaz (standart çıktı için -)",
        ("roster", "date_order") => "06/01/2025 gibi eğik çizgili tarihler nasıl okunsun: dmy (önce gün, Türkiye'deki gibi) ya da mdy (önce ay, İngilizce Excel'in yazdığı gibi)",
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
        ("target", "portal") => "Portalın giriş sayfası",
        ("target", "unlock") => "Kartın (PIN'in) kilidini çözmek için",
        ("target", "suspend") => "Kaybolan ya da çalınan kartın sertifikasını askıya almak için",
        ("target", "revoke") => "Sertifikayı iptal etmek için",
        ("date_order", "dmy") => "Önce gün: 13/06/2025",
        ("date_order", "mdy") => "Önce ay: 06/13/2025",
        _ => return None,
    })
}
