//! Guided mode's words and choices: the questions `esign` asks a person who does not
//! use terminals, in Turkish and English, and the command that answers them directly
//! next time. Pure: the binary (`cmd/guide.rs`) asks, reads the keys and shows the
//! answer through the matching command's own code.
//!
//! Facts (the portal's name, duties, causes, an example title) come from the rules;
//! only the sentences live here.

use chrono::NaiveDate;

use crate::date::DateError;
use crate::lang::Lang;
use crate::rules::Rules;

/// What the person needs: the first question's answers, in the order shown (issue 14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// When must I renew my e-signature? (`esign check`)
    Renewal,
    /// My PIN is locked. (`esign unlock`)
    PinLocked,
    /// My card is lost or stolen. (`esign suspend`)
    LostOrStolen,
    /// Who pays for my new card? (`esign fee`)
    Fee,
    /// The computer doesn't see my card. (`esign doctor`)
    CardNotSeen,
    /// Open the portal. (`esign open`)
    Portal,
}

impl Need {
    pub const ALL: [Need; 6] = [
        Need::Renewal,
        Need::PinLocked,
        Need::LostOrStolen,
        Need::Fee,
        Need::CardNotSeen,
        Need::Portal,
    ];
}

/// One line of the first question's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Need(Need),
    /// Switch between Türkçe and English.
    SwitchLanguage,
    Quit,
}

/// The first question's menu, in order: the six needs, the other language, quit.
#[must_use]
pub fn menu() -> Vec<MenuItem> {
    Need::ALL
        .into_iter()
        .map(MenuItem::Need)
        .chain([MenuItem::SwitchLanguage, MenuItem::Quit])
        .collect()
}

/// The other of the two languages.
#[must_use]
pub fn other_language(lang: Lang) -> Lang {
    match lang {
        Lang::Tr => Lang::En,
        Lang::En => Lang::Tr,
    }
}

/// A menu line as the person reads it. The language switch is written in the language
/// it switches to, so someone who cannot read the current one still finds it.
#[must_use]
pub fn item_label(item: MenuItem, rules: &Rules, lang: Lang) -> String {
    let need = match item {
        MenuItem::Need(need) => need,
        MenuItem::SwitchLanguage => {
            return match lang {
                Lang::Tr => "English",
                Lang::En => "Türkçe",
            }
            .to_owned()
        }
        MenuItem::Quit => {
            return match lang {
                Lang::Tr => "Çıkış",
                Lang::En => "Quit",
            }
            .to_owned()
        }
    };
    let portal = &rules.portal.name;
    match (lang, need) {
        (Lang::Tr, Need::Renewal) => "E-imzamı ne zaman yenilemeliyim?".to_owned(),
        (Lang::Tr, Need::PinLocked) => "PIN'im kilitlendi (bloke oldu).".to_owned(),
        (Lang::Tr, Need::LostOrStolen) => "Kartım kayboldu ya da çalındı.".to_owned(),
        (Lang::Tr, Need::Fee) => "Yeni kartımın ücretini kim öder?".to_owned(),
        (Lang::Tr, Need::CardNotSeen) => "Bilgisayar kartımı görmüyor.".to_owned(),
        (Lang::Tr, Need::Portal) => format!("{portal} portalını aç."),
        (Lang::En, Need::Renewal) => "When must I renew my e-signature?".to_owned(),
        (Lang::En, Need::PinLocked) => "My PIN is locked.".to_owned(),
        (Lang::En, Need::LostOrStolen) => "My card is lost or stolen.".to_owned(),
        (Lang::En, Need::Fee) => "Who pays for my new card?".to_owned(),
        (Lang::En, Need::CardNotSeen) => "The computer doesn't see my card.".to_owned(),
        (Lang::En, Need::Portal) => format!("Open the {portal} portal."),
    }
}

/// The first question, or the one asked after each answer.
#[must_use]
pub fn menu_prompt(lang: Lang, first: bool) -> &'static str {
    match (lang, first) {
        (Lang::Tr, true) => "Size nasıl yardımcı olabilirim?",
        (Lang::Tr, false) => "Başka bir konuda yardımcı olabilir miyim?",
        (Lang::En, true) => "What do you need?",
        (Lang::En, false) => "Anything else?",
    }
}

/// Where the expiry date comes from, when a card module is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpirySource {
    Typed,
    Card,
}

impl ExpirySource {
    pub const ALL: [ExpirySource; 2] = [ExpirySource::Typed, ExpirySource::Card];
}

#[must_use]
pub fn expiry_source_prompt(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "Sertifikanızın son geçerlilik tarihini nereden alalım?",
        Lang::En => "Where should the certificate's expiry date come from?",
    }
}

#[must_use]
pub fn expiry_source_label(source: ExpirySource, lang: Lang) -> &'static str {
    match (lang, source) {
        (Lang::Tr, ExpirySource::Typed) => "Tarihi kendim yazacağım",
        (Lang::Tr, ExpirySource::Card) => "Karttan okunsun (PIN sorulmaz)",
        (Lang::En, ExpirySource::Typed) => "I'll type it",
        (Lang::En, ExpirySource::Card) => "Read it from the card (no PIN asked)",
    }
}

/// The question for a typed expiry date; the example follows the language.
#[must_use]
pub fn expiry_prompt(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "Sertifikanızın son geçerlilik tarihi (GG.AA.YYYY, örneğin 01.06.2025)",
        Lang::En => "Your certificate's expiry date (YYYY-MM-DD, for example 2025-06-01)",
    }
}

/// Why a typed date was refused, and how to write it; the question is then asked again.
#[must_use]
pub fn date_problem(err: &DateError, lang: Lang) -> String {
    match (lang, err) {
        (Lang::Tr, DateError::Empty) => {
            "Bir tarih yazın: GG.AA.YYYY (01.06.2025) ya da YYYY-AA-GG (2025-06-01).".to_owned()
        }
        (Lang::Tr, DateError::Form(given)) => format!(
            "\"{}\" bir tarih değil: GG.AA.YYYY (01.06.2025) ya da YYYY-AA-GG (2025-06-01) biçiminde yazın.", crate::text::quote(given, crate::text::QUOTE_CHARS)
        ),
        (Lang::Tr, DateError::NoSuchDay(given)) => {
            format!("\"{}\" takvimde olmayan bir gün: günü ve ayı kontrol edin.", crate::text::quote(given, crate::text::QUOTE_CHARS))
        }
        (Lang::En, DateError::Empty) => {
            "Type a date: YYYY-MM-DD (2025-06-01) or DD.MM.YYYY (01.06.2025).".to_owned()
        }
        (Lang::En, DateError::Form(given)) => format!(
            "\"{}\" is not a date: write it as YYYY-MM-DD (2025-06-01) or DD.MM.YYYY (01.06.2025).", crate::text::quote(given, crate::text::QUOTE_CHARS)
        ),
        (Lang::En, DateError::NoSuchDay(given)) => {
            format!("\"{}\" is not a day of the calendar: check the day and the month.", crate::text::quote(given, crate::text::QUOTE_CHARS))
        }
        (Lang::Tr, DateError::OutOfRange(given)) => format!(
            "\"{}\" esign'ın çalıştığı yılların dışında: 01.01.1900 ile 31.12.9998 arasında bir tarih yazın.",
            crate::text::quote(given, crate::text::QUOTE_CHARS)
        ),
        (Lang::En, DateError::OutOfRange(given)) => format!(
            "\"{}\" is outside the years esign works with: give a date from 1900-01-01 to 9998-12-31.",
            crate::text::quote(given, crate::text::QUOTE_CHARS)
        ),
        (_, DateError::MonthFirst(_)) => {
            format!("{}.", crate::messages::Localize::localize(err, lang))
        }
    }
}

/// What the card could not give, before the date is asked for instead.
#[must_use]
pub fn card_fallback(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "Kart okunamadı; tarihi siz yazın.",
        Lang::En => "The card could not be read; type the date instead.",
    }
}

/// A line of the duty question: one of the rules' duties, or typing a job title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutyChoice {
    /// Index into the rules' duties.
    Duty(usize),
    TypeTitle,
}

/// The duty question's lines: every duty in the rules, then "let me type my title".
#[must_use]
pub fn duty_choices(rules: &Rules) -> Vec<DutyChoice> {
    (0..rules.duties.len())
        .map(DutyChoice::Duty)
        .chain([DutyChoice::TypeTitle])
        .collect()
}

#[must_use]
pub fn duty_prompt(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "Kart sahibinin idari görevi hangisi?",
        Lang::En => "Which is the card holder's administrative duty?",
    }
}

#[must_use]
pub fn duty_label(choice: DutyChoice, rules: &Rules, lang: Lang) -> String {
    match choice {
        DutyChoice::Duty(i) => rules
            .duties
            .get(i)
            .map(|d| d.label(lang).to_owned())
            .unwrap_or_default(),
        DutyChoice::TypeTitle => match lang {
            Lang::Tr => "Unvanımı yazayım",
            Lang::En => "Let me type my job title",
        }
        .to_owned(),
    }
}

/// The title question, with an example taken from the rules' titles.
#[must_use]
pub fn title_prompt(rules: &Rules, lang: Lang) -> String {
    let example = rules.duties.iter().find_map(|d| d.titles.first());
    match (lang, example) {
        (Lang::Tr, Some(t)) => format!("Unvanınız (örneğin {t}; listeye dönmek için boş bırakın)"),
        (Lang::Tr, None) => "Unvanınız (listeye dönmek için boş bırakın)".to_owned(),
        (Lang::En, Some(t)) => {
            format!("Your job title (for example {t}; leave it empty to go back to the list)")
        }
        (Lang::En, None) => "Your job title (leave it empty to go back to the list)".to_owned(),
    }
}

/// A typed title no duty lists; the question is then asked again.
#[must_use]
pub fn unknown_title(given: &str, lang: Lang) -> String {
    match lang {
        Lang::Tr => format!(
            "\"{given}\" unvanı kurallarda yok: başka bir yazımla deneyin ya da boş bırakıp listeden seçin."
        ),
        Lang::En => format!(
            "No duty lists the title \"{given}\": try another spelling, or leave it empty and choose from the list."
        ),
    }
}

#[must_use]
pub fn cause_prompt(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "Kart neden yenileniyor?",
        Lang::En => "Why is the card being renewed?",
    }
}

/// The question whose answer was chosen, for the command that gives it directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Expiry(NaiveDate),
    CardExpiry,
    Unlock,
    Suspend,
    Fee {
        duty: String,
        /// The title as typed, when the person typed one.
        title: Option<String>,
        cause: String,
    },
    Doctor,
    Portal,
}

/// The command that gives the same screen directly, with `--lang` when the person
/// switched away from the language `esign` would choose by itself.
#[must_use]
pub fn command_line(answer: &Answer, lang: Lang, switched: bool) -> String {
    let mut words: Vec<String> = vec!["esign".to_owned()];
    match answer {
        Answer::Expiry(date) => {
            words.extend(["check".to_owned(), "--expiry".to_owned(), lang.date(*date)]);
        }
        Answer::CardExpiry => words.extend(["check", "--card"].map(str::to_owned)),
        Answer::Unlock => words.push("unlock".to_owned()),
        Answer::Suspend => words.push("suspend".to_owned()),
        Answer::Fee { duty, title, cause } => {
            words.push("fee".to_owned());
            match title.as_deref().and_then(quoted) {
                Some(title) => words.extend(["--title".to_owned(), title]),
                None => words.extend(["--duty".to_owned(), duty.clone()]),
            }
            words.extend(["--cause".to_owned(), cause.clone()]);
        }
        Answer::Doctor => words.push("doctor".to_owned()),
        Answer::Portal => words.push("open".to_owned()),
    }
    if switched {
        words.push("--lang".to_owned());
        words.push(
            match lang {
                Lang::Tr => "tr",
                Lang::En => "en",
            }
            .to_owned(),
        );
    }
    words.join(" ")
}

/// A title as one shell word that reads the same in cmd.exe, PowerShell and POSIX
/// shells: bare when it is letters and digits, else in double quotes; `None` when it
/// holds a character some shell would expand or end the quotes at.
fn quoted(title: &str) -> Option<String> {
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    if title
        .chars()
        .all(|c| c.is_alphanumeric() || "-_.".contains(c))
    {
        return Some(title.to_owned());
    }
    if title
        .chars()
        .any(|c| c.is_control() || "\"$`\\!%^&|<>*?'".contains(c))
    {
        return None;
    }
    Some(format!("\"{title}\""))
}

/// The line after every answer: the command that gives it directly next time.
#[must_use]
pub fn next_time(command: &str, lang: Lang) -> String {
    match lang {
        Lang::Tr => format!("Bir dahaki sefere: {command}"),
        Lang::En => format!("Next time: {command}"),
    }
}

/// Asked before the console window of a double-clicked `esign.exe` closes. The
/// language may not be known yet (the command line may be wrong), so both are shown.
#[must_use]
pub fn press_enter_to_close() -> String {
    [Lang::Tr, Lang::En]
        .map(|lang| match lang {
            Lang::Tr => "Pencereyi kapatmak için Enter'a basın.",
            Lang::En => "Press Enter to close this window.",
        })
        .join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_menu_has_six_needs_then_language_then_quit() {
        let items = menu();
        assert_eq!(items.len(), 8);
        assert_eq!(items[0], MenuItem::Need(Need::Renewal));
        assert_eq!(items[5], MenuItem::Need(Need::Portal));
        assert_eq!(items[6], MenuItem::SwitchLanguage);
        assert_eq!(items[7], MenuItem::Quit);
    }

    #[test]
    fn the_next_command_writes_dates_as_the_language_does() {
        let answer = Answer::Expiry(ymd(2025, 6, 1));
        assert_eq!(
            next_time(&command_line(&answer, Lang::Tr, false), Lang::Tr),
            "Bir dahaki sefere: esign check --expiry 01.06.2025"
        );
        assert_eq!(
            next_time(&command_line(&answer, Lang::En, false), Lang::En),
            "Next time: esign check --expiry 2025-06-01"
        );
        assert_eq!(
            command_line(&answer, Lang::En, true),
            "esign check --expiry 2025-06-01 --lang en"
        );
    }

    #[test]
    fn the_fee_command_quotes_titles_or_falls_back_to_the_duty() {
        let fee = |title: Option<&str>| Answer::Fee {
            duty: "active".to_owned(),
            title: title.map(str::to_owned),
            cause: "lost".to_owned(),
        };
        assert_eq!(
            command_line(&fee(None), Lang::Tr, false),
            "esign fee --duty active --cause lost"
        );
        assert_eq!(
            command_line(&fee(Some("Dekan")), Lang::Tr, false),
            "esign fee --title Dekan --cause lost"
        );
        assert_eq!(
            command_line(&fee(Some("Bölüm Başkanı")), Lang::Tr, false),
            "esign fee --title \"Bölüm Başkanı\" --cause lost"
        );
        assert_eq!(
            command_line(&fee(Some("a$b c")), Lang::Tr, false),
            "esign fee --duty active --cause lost"
        );
    }

    #[test]
    fn date_problems_quote_the_input_in_both_languages() {
        let err = DateError::Form("32/13".to_owned());
        assert!(date_problem(&err, Lang::Tr).contains("\"32/13\" bir tarih değil"));
        assert!(date_problem(&err, Lang::En).contains("\"32/13\" is not a date"));
    }
}
