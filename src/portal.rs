//! Where to click on the Kamu SM portal (R6, R7): a task in, a guide out — the
//! portal, the menu path exactly as the rules give it, and what to know around it.

use serde::Serialize;

use crate::advice;
use crate::lang::Lang;
use crate::rules::{Rules, Task};

/// One menu label, with its English gloss when the rules give one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuStep<'r> {
    pub label: &'r str,
    pub gloss: Option<&'r str>,
}

/// Everything a person needs to do one task on the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide<'r> {
    pub task: Task,
    pub title: String,
    pub portal: &'r str,
    pub url: &'r str,
    /// The portal's log-in button, to click first.
    pub login: &'r str,
    /// From the top menu down, labels exactly as in the rules.
    pub steps: Vec<MenuStep<'r>>,
    pub notes: Vec<String>,
}

/// The guide for `task`, in `lang`. Glosses are attached in English only: Turkish
/// readers see the labels as the portal shows them.
#[must_use]
pub fn guide(rules: &Rules, task: Task, lang: Lang) -> Guide<'_> {
    let path = rules.paths.get(task);
    let steps = path
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| MenuStep {
            label,
            gloss: match lang {
                Lang::En => path
                    .gloss_en
                    .as_ref()
                    .and_then(|g| g.get(i))
                    .map(String::as_str),
                Lang::Tr => None,
            },
        })
        .collect();
    let desk = &rules.institution.desk;
    let (title, notes) = match (lang, task) {
        (Lang::En, Task::Unlock) => (
            "Unlock the card and create a new PIN (R6)".to_owned(),
            vec![
                format!(
                    "This is for a PIN locked by wrong entries: {} Blocked PIN and PUK (PIN-PUK block) is another case: the card must be renewed (R8); who pays: esign fee --cause pin-puk-block",
                    advice::reminder_r5_plain(rules, lang)
                ),
                advice::reminder_r4(lang),
            ],
        ),
        (Lang::Tr, Task::Unlock) => (
            "Kartın kilidini çözün ve yeni PIN oluşturun (R6)".to_owned(),
            vec![
                format!(
                    "Bu yol, yanlış girişle kilitlenen PIN içindir: {} PIN ile PUK birlikte bloke olduysa (PIN-PUK blokesi) durum farklıdır: kart yenilenir (R8); ücreti kimin ödeyeceği: esign fee --cause pin-puk-block",
                    advice::reminder_r5_plain(rules, lang)
                ),
                advice::reminder_r4(lang),
            ],
        ),
        (Lang::En, Task::Suspend) => (
            "Lost or stolen card: suspend the certificate first (R7)".to_owned(),
            vec![
                "Do this first, as soon as you notice the loss or theft: suspension takes the certificate out of use.".to_owned(),
                format!("Next: revoke the certificate (esign revoke), then apply for a new card at {desk}."),
                "Who pays for the new card: esign fee --cause lost (or --cause stolen) with your --duty or --title.".to_owned(),
            ],
        ),
        (Lang::Tr, Task::Suspend) => (
            "Kayıp/çalıntı kart: önce sertifikanızı askıya alın (R7)".to_owned(),
            vec![
                "Kaybı veya hırsızlığı fark eder etmez ilk bunu yapın: askıya alma sertifikayı kullanıma kapatır.".to_owned(),
                format!("Sonra sertifikayı iptal edin (esign revoke) ve yeni kart için {} başvurun.", crate::text::dative_tr(desk)),
                "Yeni kartın ücretini kimin ödeyeceği: esign fee --cause lost (ya da --cause stolen), --duty veya --title ile.".to_owned(),
            ],
        ),
        (Lang::En, Task::Revoke) => (
            "Revoke the certificate (permanent)".to_owned(),
            vec![
                "Revocation is permanent: a revoked certificate can never be used again.".to_owned(),
                "If the card was lost or stolen, suspend the certificate first: esign suspend".to_owned(),
            ],
        ),
        (Lang::Tr, Task::Revoke) => (
            "Sertifikayı iptal edin (kalıcı)".to_owned(),
            vec![
                "İptal kalıcıdır: iptal edilen sertifika bir daha kullanılamaz.".to_owned(),
                "Kart kaybolduysa veya çalındıysa önce sertifikayı askıya alın: esign suspend".to_owned(),
            ],
        ),
    };
    let mut notes = notes;
    if task == Task::Suspend {
        notes.extend(advice::desk_contact(rules, lang));
    }
    Guide {
        task,
        title,
        portal: &rules.portal.name,
        url: &rules.portal.url,
        login: &rules.portal.login,
        steps,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_label_by_label_as_the_page_gives_them() {
        let rules = Rules::embedded();
        let labels = |task| -> Vec<&str> {
            guide(&rules, task, Lang::En)
                .steps
                .iter()
                .map(|s| s.label)
                .collect()
        };
        // R6 and R7 of the institution's page, with the damaged letters corrected.
        assert_eq!(
            labels(Task::Unlock),
            [
                "NES İşlemleri",
                "Bireysel İşlemler",
                "Başvuru İşlemleri",
                "PIN Oluşturma",
                "Kilit Çözme"
            ]
        );
        assert_eq!(
            labels(Task::Suspend),
            [
                "NES İşlemleri",
                "Bireysel İşlemler",
                "Sertifikamı İptal Et",
                "Askıya Alma"
            ]
        );
        assert_eq!(
            labels(Task::Revoke),
            ["NES İşlemleri", "Bireysel İşlemler", "Sertifikamı İptal Et"]
        );
    }

    #[test]
    fn glosses_in_english_only() {
        let rules = Rules::embedded();
        assert_eq!(
            guide(&rules, Task::Unlock, Lang::En).steps[4].gloss,
            Some("Unlock")
        );
        assert!(guide(&rules, Task::Unlock, Lang::Tr)
            .steps
            .iter()
            .all(|s| s.gloss.is_none()));
    }

    #[test]
    fn unlock_states_the_attempt_count() {
        let mut rules = Rules::embedded();
        rules.max_attempts = 4;
        let notes = guide(&rules, Task::Unlock, Lang::En).notes;
        assert!(notes[0].contains("4 wrong PIN entries"), "{notes:?}");
    }

    /// Issue 10 §3: unlock (R5 → R6) and the PIN-PUK block (R8) point at each other,
    /// and unlock never sends the reader to itself.
    #[test]
    fn unlock_names_its_case_and_the_other_one() {
        let rules = Rules::embedded();
        for lang in [Lang::En, Lang::Tr] {
            let notes = guide(&rules, Task::Unlock, lang).notes.join("\n");
            assert!(notes.contains("esign fee --cause pin-puk-block"), "{notes}");
            assert!(notes.contains("(R8)"), "{notes}");
            assert!(!notes.contains("esign unlock"), "{notes}");
        }
    }
}
