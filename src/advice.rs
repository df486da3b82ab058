//! What to tell the person, in Turkish or English: the words around a [`Renewal`].
//!
//! Facts (the desk, the attempt count, the lead) come from the rules; the sentences
//! are the mechanism and live here, so every renderer (text, JSON, calendar) says the
//! same thing. Turkish text is written already cased; dates follow the language.

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use crate::cert::Report;
use crate::lang::Lang;
use crate::pin::PinState;
use crate::renewal::{Lead, LeadUnit, Renewal, State};
use crate::rules::{Payer, Rules};

/// The sentences for one renewal picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    /// One line: where the person stands.
    pub headline: String,
    /// What to do now, in order.
    pub actions: Vec<String>,
    /// What not to do (R3–R5), shown once renewal is near.
    pub reminders: Vec<String>,
}

/// The state's name for people.
#[must_use]
pub fn state_label(state: State, lang: Lang) -> &'static str {
    match (lang, state) {
        (Lang::En, State::Valid) => "valid",
        (Lang::En, State::NotYetValid) => "not yet valid",
        (Lang::En, State::RenewalDue) => "renewal due",
        (Lang::En, State::Expired) => "expired",
        (Lang::Tr, State::Valid) => "geçerli",
        (Lang::Tr, State::NotYetValid) => "henüz geçerli değil",
        (Lang::Tr, State::RenewalDue) => "yenileme zamanı",
        (Lang::Tr, State::Expired) => "süresi dolmuş",
    }
}

/// A lead time in words: "1 month" / "1 ay", "10 days" / "10 gün".
#[must_use]
pub fn lead_phrase(lead: Lead, lang: Lang) -> String {
    match lang {
        Lang::En => lead.to_string(),
        Lang::Tr => {
            let unit = match lead.unit {
                LeadUnit::Day => "gün",
                LeadUnit::Week => "hafta",
                LeadUnit::Month => "ay",
            };
            format!("{} {unit}", lead.count)
        }
    }
}

/// Days until (or since) the expiry: "10 days left", "expires today", "3 days ago".
/// Turkish keeps the noun singular after a number: "30 gün kaldı".
#[must_use]
pub fn days_phrase(days_left: i64, lang: Lang) -> String {
    let n = days_left.unsigned_abs();
    let s = if n == 1 { "" } else { "s" };
    match (lang, days_left.signum()) {
        (Lang::En, 1) => format!("{n} day{s} left"),
        (Lang::En, 0) => "expires today".to_owned(),
        (Lang::En, _) => format!("{n} day{s} ago"),
        (Lang::Tr, 1) => format!("{n} gün kaldı"),
        (Lang::Tr, 0) => "bugün sona eriyor".to_owned(),
        (Lang::Tr, _) => format!("{n} gün önce"),
    }
}

/// Like [`days_phrase`], for a certificate known to have expired: "3 days ago", and
/// "today" rather than "expires today" (it already has).
#[must_use]
pub fn since_phrase(days_left: i64, lang: Lang) -> String {
    match (lang, days_left) {
        (Lang::En, 0) => "today".to_owned(),
        (Lang::Tr, 0) => "bugün sona erdi".to_owned(),
        _ => days_phrase(days_left, lang),
    }
}

/// Days until a future day: "in 14 days" / "14 gün sonra"; "today" / "bugün".
#[must_use]
pub fn until_phrase(days: i64, lang: Lang) -> String {
    let s = if days == 1 { "" } else { "s" };
    match (lang, days.signum()) {
        (Lang::En, 1) => format!("in {days} day{s}"),
        (Lang::En, 0) => "today".to_owned(),
        (Lang::En, _) => format!("{} day{} ago", -days, if days == -1 { "" } else { "s" }),
        (Lang::Tr, 1) => format!("{days} gün sonra"),
        (Lang::Tr, 0) => "bugün".to_owned(),
        (Lang::Tr, _) => format!("{} gün önce", -days),
    }
}

/// Who pays, as a word in text output (`esign fee`, the roster's payer column).
#[must_use]
pub fn payer_word(payer: Payer, lang: Lang) -> &'static str {
    match (lang, payer) {
        (Lang::En, Payer::Institution) => "the institution",
        (Lang::En, Payer::Person) => "the staff member",
        (Lang::Tr, Payer::Institution) => "kurum",
        (Lang::Tr, Payer::Person) => "personelin kendisi",
    }
}

/// R3: the new e-signature waits for the old one's term to end.
#[must_use]
pub fn reminder_r3(lang: Lang) -> String {
    match lang {
        Lang::En => "Do not use the new e-signature before the old one's term is over (R3).",
        Lang::Tr => "Eski e-imzanızın süresi dolmadan yenisini kullanmayın (R3).",
    }
    .to_owned()
}

/// R4: the new card has its own PIN.
#[must_use]
pub fn reminder_r4(lang: Lang) -> String {
    match lang {
        Lang::En => "Do not try the old PIN on the new card: the new card has its own PIN (R4).",
        Lang::Tr => {
            "Yeni kartta eski kartın PIN'ini denemeyin: yeni kartın kendi PIN'i vardır (R4)."
        }
    }
    .to_owned()
}

/// R5: wrong PINs lock the card, with the attempt count from the rules, and where to
/// unlock it.
#[must_use]
pub fn reminder_r5(rules: &Rules, lang: Lang) -> String {
    let max = rules.max_attempts;
    let stop = max.saturating_sub(1);
    match lang {
        Lang::En => format!(
            "{max} wrong PIN entries lock the card (R5): after {stop} wrong entries, stop; to unlock: esign unlock."
        ),
        Lang::Tr => format!(
            "PIN {max} kez yanlış girilirse kart kilitlenir (R5): {stop} yanlış denemeden sonra tekrar denemeyin; kilidi çözmek için: esign unlock."
        ),
    }
}

/// R5 as `esign unlock` itself says it: without pointing at itself.
#[must_use]
pub fn reminder_r5_plain(rules: &Rules, lang: Lang) -> String {
    let max = rules.max_attempts;
    match lang {
        Lang::En => format!("{max} wrong PIN entries lock the card (R5)."),
        Lang::Tr => format!("PIN {max} kez yanlış girilirse kart kilitlenir (R5)."),
    }
}

/// The reminders of R3, R4 and R5, with the attempt count from the rules.
#[must_use]
pub fn reminders(rules: &Rules, lang: Lang) -> Vec<String> {
    vec![
        reminder_r3(lang),
        reminder_r4(lang),
        reminder_r5(rules, lang),
    ]
}

/// Why a card showed no certificate: hidden behind the PIN, or none at all.
#[must_use]
pub fn no_certificate(hidden_behind_pin: bool, lang: Lang) -> String {
    match (lang, hidden_behind_pin) {
        (Lang::En, true) => "The card shows no certificate without its PIN, and esign never asks for the PIN: export the certificate with the card's own tool and run: esign check --cert FILE",
        (Lang::En, false) => "The card holds no certificate.",
        (Lang::Tr, true) => "Kart, PIN girilmeden hiçbir sertifika göstermiyor ve esign PIN'i hiçbir zaman sormaz: sertifikayı kartın kendi aracıyla dışa aktarın ve şunu çalıştırın: esign check --cert DOSYA",
        (Lang::Tr, false) => "Kartta sertifika yok.",
    }
    .to_owned()
}

/// What `esign remind -o FILE` says once the calendar is written.
#[must_use]
pub fn calendar_written(path: &str, opens: NaiveDate, expiry: NaiveDate, lang: Lang) -> String {
    let (opens, ends) = (lang.date(opens), lang.date(expiry));
    match lang {
        Lang::En => format!("wrote {path}: apply from {opens} (alarm at 09:00), expiry {ends}"),
        Lang::Tr => format!(
            "{path} dosyası oluşturuldu: başvuru {opens} tarihinden itibaren (saat 09.00'da alarm), bitiş {ends}"
        ),
    }
}

/// How to reach the desk, from the rules' optional contact fields; `None` when the
/// rules give none (empty fields are simply not shown).
#[must_use]
pub fn desk_contact(rules: &Rules, lang: Lang) -> Option<String> {
    let c = &rules.institution.desk_contact;
    let words = match lang {
        Lang::Tr => ["telefon", "e-posta", "oda", "web", "çalışma saatleri"],
        Lang::En => ["phone", "e-mail", "room", "web", "opening hours"],
    };
    let parts: Vec<String> = [&c.phone, &c.email, &c.room, &c.web, &c.hours]
        .iter()
        .zip(words)
        .filter(|(value, _)| !value.is_empty())
        .map(|(value, word)| format!("{word} {value}"))
        .collect();
    (!parts.is_empty()).then(|| format!("{}: {}", rules.institution.desk, parts.join(", ")))
}

/// The advice for a renewal picture.
#[must_use]
pub fn for_renewal(r: &Renewal, rules: &Rules, lang: Lang) -> Advice {
    let desk = &rules.institution.desk;
    let expiry = lang.date(r.expiry);
    let opens = lang.date(r.window_opens);
    let until_window = (r.window_opens - r.today).num_days();
    let days = days_phrase(r.days_left, lang);
    let (headline, actions) = match (lang, r.state) {
        (Lang::En, State::Valid) => (
            format!("Your certificate is valid until {expiry} ({days})."),
            vec![format!(
                "Nothing to do yet. The renewal window opens on {opens} ({}): apply then at {desk} (R1).",
                until_phrase(until_window, lang)
            )],
        ),
        (Lang::Tr, State::Valid) => (
            format!("Sertifikanız {expiry} tarihine kadar geçerli ({days})."),
            vec![format!(
                "Şimdilik yapılacak bir şey yok. Başvuru dönemi {opens} tarihinde ({}) başlıyor; o zaman {} başvurun (R1).",
                until_phrase(until_window, lang),
                crate::text::dative_tr(desk)
            )],
        ),
        (Lang::En, State::NotYetValid) => (
            format!("This certificate is not valid yet; it expires on {expiry}."),
            vec!["Keep using your old e-signature until this one becomes usable (R3).".to_owned()],
        ),
        (Lang::Tr, State::NotYetValid) => (
            format!("Bu sertifika henüz geçerli değil; bitiş tarihi {expiry}."),
            vec!["Bu sertifika kullanılabilir olana kadar eski e-imzanızı kullanın (R3).".to_owned()],
        ),
        (Lang::En, State::RenewalDue) => (
            format!("Renewal is due: your certificate expires on {expiry} ({days})."),
            vec![
                format!("Apply now at {desk} (R1): the renewal window opened on {opens}."),
                "Your certificate still works, so you can sign the application electronically.".to_owned(),
            ],
        ),
        (Lang::Tr, State::RenewalDue) => (
            format!("Yenileme zamanı: sertifikanızın bitiş tarihi {expiry} ({days})."),
            vec![
                format!(
                    "Başvuru dönemi {opens} tarihinde başladı; vakit kaybetmeden {} başvurun (R1).",
                    crate::text::dative_tr(desk)
                ),
                "Sertifikanız hâlâ geçerli olduğu için başvurunuzu e-imzayla imzalayabilirsiniz.".to_owned(),
            ],
        ),
        (Lang::En, State::Expired) => (
            format!("Your certificate expired on {expiry} ({}).", since_phrase(r.days_left, lang)),
            vec![format!(
                "Print the application form, sign it by hand (wet signature, ıslak imza) and hand it in at {desk} (R2)."
            )],
        ),
        (Lang::Tr, State::Expired) => (
            format!("Sertifikanızın süresi {expiry} tarihinde doldu ({}).", since_phrase(r.days_left, lang)),
            vec![format!(
                "Başvuru formunun çıktısını alın, ıslak imzayla imzalayın ve {} teslim edin (R2).",
                crate::text::dative_tr(desk)
            )],
        ),
    };
    let mut actions = actions;
    // Every state but "not yet valid" sends the reader to the desk.
    if r.state != State::NotYetValid {
        actions.extend(desk_contact(rules, lang));
    }
    let reminders = match r.state {
        State::RenewalDue => reminders(rules, lang),
        // R3 (wait for the old one's term to end) means nothing once it has ended.
        State::Expired => vec![reminder_r4(lang), reminder_r5(rules, lang)],
        State::Valid | State::NotYetValid => Vec::new(),
    };
    Advice {
        headline,
        actions,
        reminders,
    }
}

/// The advice for a certificate read from a file or a card: as [`for_renewal`], with
/// the exact start of one that is not valid yet (R3, R4) and the exact end of one that
/// expired today. `not_before` and `not_after` come written as [`Lang::instant`] writes them.
#[must_use]
pub fn for_certificate(
    r: &Renewal,
    not_before: &str,
    not_after: &str,
    rules: &Rules,
    lang: Lang,
) -> Advice {
    let mut advice = for_renewal(r, rules, lang);
    match (r.state, lang) {
        (State::NotYetValid, Lang::En) => {
            advice.headline = format!(
                "This is your new certificate: it becomes usable at {not_before}; keep using the old one until then (R3)."
            );
            advice.actions = vec![
                format!("Keep signing with your old e-signature until {not_before} (R3)."),
                "The new card has its own PIN: do not try the old PIN on it (R4).".to_owned(),
            ];
        }
        (State::NotYetValid, Lang::Tr) => {
            advice.headline = format!(
                "Bu sizin yeni sertifikanız: {not_before} itibarıyla kullanılabilir; o zamana kadar eskisini kullanın (R3)."
            );
            advice.actions = vec![
                format!("{not_before} tarihine kadar eski e-imzanızla imzalamaya devam edin (R3)."),
                "Yeni kartın kendi PIN'i vardır: eski PIN'i yeni kartta denemeyin (R4).".to_owned(),
            ];
        }
        (State::Valid, Lang::En) if r.no_expiry => {
            "This certificate has no expiry date: there is nothing to renew."
                .clone_into(&mut advice.headline);
            advice.actions = vec![
                "Nothing to do for this certificate. Qualified e-signature certificates always have an expiry date: if this should be one, check that you gave the right file.".to_owned(),
            ];
        }
        (State::Valid, Lang::Tr) if r.no_expiry => {
            "Bu sertifikanın bitiş tarihi yok: yenilenecek bir şey yok."
                .clone_into(&mut advice.headline);
            advice.actions = vec![
                "Bu sertifika için yapılacak bir şey yok. Nitelikli e-imza sertifikalarının her zaman bir bitiş tarihi vardır: bu öyle bir sertifika olmalıysa doğru dosyayı verdiğinizi denetleyin.".to_owned(),
            ];
        }
        (State::Expired, Lang::En) if r.days_left == 0 => {
            advice.headline = format!("Your certificate expired today, at {not_after}.");
        }
        (State::Expired, Lang::Tr) if r.days_left == 0 => {
            advice.headline = format!("Sertifikanızın süresi bugün, {not_after} itibarıyla doldu.");
        }
        _ => {}
    }
    advice
}

/// A valid certificate's renewal action when there are other things to do (a PIN
/// warning): when the window opens, without "nothing to do yet".
fn no_renewal_yet(r: &Renewal, rules: &Rules, lang: Lang) -> String {
    let desk = &rules.institution.desk;
    let opens = lang.date(r.window_opens);
    let until = until_phrase((r.window_opens - r.today).num_days(), lang);
    match lang {
        Lang::En => format!(
            "No renewal is due yet: the renewal window opens on {opens} ({until}); apply then at {desk} (R1)."
        ),
        Lang::Tr => format!(
            "Henüz yenileme zamanı değil: başvuru dönemi {opens} tarihinde ({until}) başlıyor; o zaman {} başvurun (R1).",
            crate::text::dative_tr(desk)
        ),
    }
}

/// The advice for a certificate whose successor is already issued (R3, R4): the
/// renewal is done, so what is left is the switch. `switch_at` is written as
/// [`Lang::instant`] writes it.
#[must_use]
pub fn for_succession(r: &Renewal, switch_at: &str, rules: &Rules, lang: Lang) -> Advice {
    let expiry = lang.date(r.expiry);
    let days = days_phrase(r.days_left, lang);
    let (headline, actions) = match lang {
        Lang::En => (
            format!("Your certificate expires on {expiry} ({days}); its successor is ready."),
            vec![
                format!("Switch to the new certificate at {switch_at}, not before: the old one's term must be over first (R3)."),
                "The new card has its own PIN: do not try the old PIN on it (R4).".to_owned(),
            ],
        ),
        Lang::Tr => (
            format!("Sertifikanızın bitiş tarihi {expiry} ({days}); yenisi hazır."),
            vec![
                format!("{switch_at} itibarıyla yeni sertifikaya geçin, daha önce değil: önce eskisinin süresi dolmalı (R3)."),
                "Yeni kartın kendi PIN'i vardır: eski PIN'i yeni kartta denemeyin (R4).".to_owned(),
            ],
        ),
    };
    // R3 and R4 are the actions here already: once is enough.
    Advice {
        headline,
        actions,
        reminders: vec![reminder_r5(rules, lang)],
    }
}

/// The PIN state's name for people.
#[must_use]
pub fn pin_label(state: PinState, lang: Lang) -> &'static str {
    match (lang, state) {
        (Lang::En, PinState::Ok) => "ok",
        (Lang::En, PinState::CountLow) => "a wrong PIN was entered",
        (Lang::En, PinState::FinalTry) => "final try: one more wrong PIN locks the card",
        (Lang::En, PinState::Locked) => "locked",
        (Lang::Tr, PinState::Ok) => "sorun yok",
        (Lang::Tr, PinState::CountLow) => "yanlış PIN girilmiş",
        (Lang::Tr, PinState::FinalTry) => {
            "son deneme hakkı: bir kez daha yanlış PIN girilirse kart kilitlenir"
        }
        (Lang::Tr, PinState::Locked) => "kilitli",
    }
}

/// The warning for a PIN state (R5, R6), if it needs one. The unlock path itself is
/// shown by the caller, from the rules.
#[must_use]
pub fn pin_warning(state: PinState, rules: &Rules, lang: Lang) -> Option<String> {
    let max = rules.max_attempts;
    match (lang, state) {
        (_, PinState::Ok) => None,
        (Lang::En, PinState::CountLow) => Some(format!(
            "A wrong PIN was entered on this card. {max} wrong PIN entries lock it (R5): if you are not sure of the PIN, stop trying."
        )),
        (Lang::Tr, PinState::CountLow) => Some(format!(
            "Bu karta yanlış PIN girilmiş. PIN {max} kez yanlış girilirse kart kilitlenir (R5): PIN'den emin değilseniz denemeyi bırakın."
        )),
        (Lang::En, PinState::FinalTry) => Some(format!(
            "Warning: you have one try left: one more wrong PIN locks the card ({max} wrong entries lock it, R5). Do not guess; if you do not know the PIN, to unlock: esign unlock."
        )),
        (Lang::Tr, PinState::FinalTry) => Some(format!(
            "Uyarı: son deneme hakkınız kaldı; bir kez daha yanlış PIN girerseniz kart kilitlenir (PIN {max} kez yanlış girilirse kart kilitlenir, R5). Tahmin etmeyin; PIN'i bilmiyorsanız kilidi çözmek için: esign unlock."
        )),
        (Lang::En, PinState::Locked) => Some(
            "The card's PIN is locked (R5): you cannot sign with this card until you create a new PIN on the portal (R6).".to_owned(),
        ),
        (Lang::Tr, PinState::Locked) => Some(
            "Kartın PIN'i kilitlendi (R5): portalda yeni PIN oluşturana kadar bu kartla imza atamazsınız (R6).".to_owned(),
        ),
    }
}

/// The advice for the certificate that decides a report: [`for_certificate`],
/// or [`for_succession`] when it is an old certificate whose successor starts
/// later (R3, R4); `extra` (PIN warnings from a card) comes first.
#[must_use]
pub fn for_report(
    report: &Report,
    now: DateTime<Tz>,
    rules: &Rules,
    lang: Lang,
    extra: &[String],
) -> Option<Advice> {
    let decisive = report.decisive()?;
    let tz = now.timezone();
    let c = &decisive.certificate;
    let pending_switch = report
        .successions
        .iter()
        .find(|s| Some(s.old) == report.governing && s.switch_at > now.to_utc())
        .filter(|_| decisive.renewal.state != State::Expired);
    let mut advice = match pending_switch {
        Some(s) => for_succession(
            &decisive.renewal,
            &lang.instant(&s.switch_at.with_timezone(&tz)),
            rules,
            lang,
        ),
        None => for_certificate(
            &decisive.renewal,
            &lang.instant(&c.not_before.with_timezone(&tz)),
            &lang.instant(&c.not_after.with_timezone(&tz)),
            rules,
            lang,
        ),
    };
    let r = &decisive.renewal;
    if !extra.is_empty() && pending_switch.is_none() && r.state == State::Valid && !r.no_expiry {
        // Beside a PIN warning, "nothing to do yet" would contradict it: say only that no
        // renewal is due yet.
        if let Some(first) = advice.actions.first_mut() {
            *first = no_renewal_yet(r, rules, lang);
        }
    }
    // A PIN at its final try or locked matters before anything else on the list.
    let actions = std::mem::replace(&mut advice.actions, extra.to_vec());
    advice.actions.extend(actions);
    Some(advice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;
    use crate::renewal::assess;

    #[test]
    fn turkish_count_stays_singular() {
        assert_eq!(days_phrase(30, Lang::Tr), "30 gün kaldı");
        assert_eq!(days_phrase(-3, Lang::Tr), "3 gün önce");
        assert_eq!(days_phrase(1, Lang::En), "1 day left");
        assert_eq!(days_phrase(-1, Lang::En), "1 day ago");
        assert_eq!(since_phrase(0, Lang::Tr), "bugün sona erdi");
        assert_eq!(since_phrase(0, Lang::En), "today");
        assert_eq!(days_phrase(0, Lang::En), "expires today");
    }

    #[test]
    fn reminders_use_the_attempt_count() {
        let mut rules = Rules::embedded();
        rules.max_attempts = 5;
        let en = reminders(&rules, Lang::En);
        assert!(en[2].starts_with("5 wrong PIN entries") && en[2].contains("after 4 wrong"));
        let tr = reminders(&rules, Lang::Tr);
        assert!(tr[2].contains("PIN 5 kez"));
    }

    #[test]
    fn advice_per_state() {
        let rules = Rules::embedded();
        let expiry = parse_date("2025-06-01").unwrap();
        let at = |today: &str| assess(expiry, parse_date(today).unwrap(), rules.lead);
        let valid = for_renewal(&at("2025-04-01"), &rules, Lang::En);
        assert!(valid.actions[0].contains("2025-05-01") && valid.reminders.is_empty());
        let due = for_renewal(&at("2025-05-20"), &rules, Lang::Tr);
        assert!(due.headline.contains("01.06.2025") && due.reminders.len() == 3);
        let expired = for_renewal(&at("2025-06-02"), &rules, Lang::En);
        assert!(expired.actions[0].contains("wet signature") && expired.reminders.len() == 2);
        // Issue 10 §3: R3 (wait for the old term to end) means nothing after expiry.
        assert!(!expired.reminders.iter().any(|r| r.contains("(R3)")));
    }

    #[test]
    fn certificate_advice_names_the_instants() {
        let rules = Rules::embedded();
        let expiry = parse_date("2027-06-01").unwrap();
        let early = assess(expiry, parse_date("2025-05-01").unwrap(), rules.lead);
        let early = Renewal {
            state: State::NotYetValid,
            ..early
        };
        let tr = for_certificate(
            &early,
            "01.06.2025 14:32:10 (UTC+03)",
            "x",
            &rules,
            Lang::Tr,
        );
        assert!(tr
            .headline
            .contains("01.06.2025 14:32:10 (UTC+03) itibarıyla"));
        assert!(tr.actions[1].contains("R4"));
        let today = Renewal {
            state: State::Expired,
            ..assess(expiry, expiry, rules.lead)
        };
        let en = for_certificate(
            &today,
            "x",
            "2027-06-01 14:32:10 (UTC+03)",
            &rules,
            Lang::En,
        );
        assert_eq!(
            en.headline,
            "Your certificate expired today, at 2027-06-01 14:32:10 (UTC+03)."
        );
    }

    #[test]
    fn pin_warnings_follow_the_rules() {
        let rules = Rules::embedded();
        assert_eq!(pin_warning(PinState::Ok, &rules, Lang::En), None);
        assert!(pin_warning(PinState::FinalTry, &rules, Lang::En)
            .unwrap()
            .contains("R5"));
        assert!(pin_warning(PinState::Locked, &rules, Lang::Tr)
            .unwrap()
            .contains("kilitlendi"));
    }

    #[test]
    fn succession_advice_is_the_switch() {
        let rules = Rules::embedded();
        let expiry = parse_date("2027-06-01").unwrap();
        let r = assess(expiry, parse_date("2027-05-20").unwrap(), rules.lead);
        let en = for_succession(&r, "2027-06-01 14:32:10 (UTC+03)", &rules, Lang::En);
        assert_eq!(
            en.headline,
            "Your certificate expires on 2027-06-01 (12 days left); its successor is ready."
        );
        assert!(en.actions[0].contains("at 2027-06-01 14:32:10 (UTC+03), not before"));
        assert!(en.actions[1].contains("(R4)") && en.reminders.len() == 1);
    }
}
