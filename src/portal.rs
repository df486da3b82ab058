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
            vec![advice::reminder_r5(rules, lang), advice::reminder_r4(lang)],
        ),
        (Lang::Tr, Task::Unlock) => (
            "Kartın kilidini çözün ve yeni PIN oluşturun (R6)".to_owned(),
            vec![advice::reminder_r5(rules, lang), advice::reminder_r4(lang)],
        ),
        (Lang::En, Task::Suspend) => (
            "Lost or stolen card: suspend the certificate first (R7)".to_owned(),
            vec![
                "Do this first, as soon as you notice the loss or theft: suspension takes the certificate out of use.".to_owned(),
                format!("Next: revoke the certificate (`esign revoke`), then apply for a new card at {desk}."),
                "Who pays for the new card: `esign fee --cause lost` (or --cause stolen) with your --duty or --title.".to_owned(),
            ],
        ),
        (Lang::Tr, Task::Suspend) => (
            "Kayıp/çalıntı kart: önce sertifikanızı askıya alın (R7)".to_owned(),
            vec![
                "Kaybı veya hırsızlığı fark eder etmez ilk bunu yapın: askıya alma sertifikayı kullanıma kapatır.".to_owned(),
                format!("Sonra: sertifikayı iptal edin (`esign revoke`), ardından yeni kart için başvurun; başvuru yeri: {desk}."),
                "Yeni kartın ücretini kimin ödeyeceği: `esign fee --cause lost` (veya --cause stolen), --duty ya da --title ile.".to_owned(),
            ],
        ),
        (Lang::En, Task::Revoke) => (
            "Revoke the certificate (permanent)".to_owned(),
            vec![
                "Revocation is permanent: a revoked certificate can never be used again.".to_owned(),
                "For a lost or stolen card, suspend it first (`esign suspend`).".to_owned(),
            ],
        ),
        (Lang::Tr, Task::Revoke) => (
            "Sertifikayı iptal edin (kalıcı)".to_owned(),
            vec![
                "İptal kalıcıdır: iptal edilen sertifika bir daha kullanılamaz.".to_owned(),
                "Kayıp veya çalıntı kartta önce askıya alın (`esign suspend`).".to_owned(),
            ],
        ),
    };
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
        assert!(guide(&rules, Task::Unlock, Lang::En).notes[0].starts_with("4 wrong PIN entries"));
    }
}
