// @generated from rules.toml by src/rules/codegen.rs: do not edit.
// Regenerate with: ESIGN_BLESS=1 cargo test --lib embedded_rules
#![allow(clippy::pedantic, clippy::all)]
use super::*;
use crate::renewal::{Lead, LeadUnit};

/// Hash of the `rules.toml` text this file was generated from.
pub(super) const SOURCE_HASH: u64 = 0x9156943b290363b8;

pub(super) fn rules() -> Rules {
    Rules {
        institution: Institution { name: "Üniversite".to_owned(), desk: "Bilgi İşlem Daire Başkanlığı".to_owned(), timezone: "Europe/Istanbul".parse().expect("validated when generated") },
        lead: Lead { count: 1, unit: LeadUnit::Month },
        max_attempts: 3,
        portal: Portal { name: "KAMU SM Online İşlemler".to_owned(), url: "https://onlineislemler.kamusm.gov.tr/landing".to_owned(), login: "Giriş".to_owned() },
        paths: Paths {
            unlock: MenuPath { labels: vec!["NES İşlemleri".to_owned(), "Bireysel İşlemler".to_owned(), "Başvuru İşlemleri".to_owned(), "PIN Oluşturma".to_owned(), "Kilit Çözme".to_owned()], gloss_en: Some(vec!["QES transactions".to_owned(), "Individual transactions".to_owned(), "Application transactions".to_owned(), "Create PIN".to_owned(), "Unlock".to_owned()]) },
            suspend: MenuPath { labels: vec!["NES İşlemleri".to_owned(), "Bireysel İşlemler".to_owned(), "Sertifikamı İptal Et".to_owned(), "Askıya Alma".to_owned()], gloss_en: Some(vec!["QES transactions".to_owned(), "Individual transactions".to_owned(), "Revoke my certificate".to_owned(), "Suspend".to_owned()]) },
            revoke: MenuPath { labels: vec!["NES İşlemleri".to_owned(), "Bireysel İşlemler".to_owned(), "Sertifikamı İptal Et".to_owned()], gloss_en: Some(vec!["QES transactions".to_owned(), "Individual transactions".to_owned(), "Revoke my certificate".to_owned()]) },
        },
        duties: vec![
            Duty { id: "active".to_owned(), label_tr: "İdari görevi var".to_owned(), label_en: "Has an administrative duty".to_owned(), notes_tr: vec![], notes_en: vec![], titles: vec!["Rektör".to_owned(), "Rektör Yardımcısı".to_owned(), "Dekan".to_owned(), "Dekan Yardımcısı".to_owned(), "Enstitü Müdürü".to_owned(), "Yüksekokul Müdürü".to_owned(), "Meslek Yüksekokulu Müdürü".to_owned(), "Bölüm Başkanı".to_owned(), "Bölüm Başkan Yardımcısı".to_owned(), "Anabilim Dalı Başkanı".to_owned(), "Genel Sekreter".to_owned(), "Genel Sekreter Yardımcısı".to_owned(), "Daire Başkanı".to_owned(), "Fakülte Sekreteri".to_owned(), "Enstitü Sekreteri".to_owned(), "Yüksekokul Sekreteri".to_owned(), "Şube Müdürü".to_owned()] },
            Duty { id: "ended".to_owned(), label_tr: "İdari görevi sona ermiş".to_owned(), label_en: "Administrative duty has ended".to_owned(), notes_tr: vec!["Mevcut e-imzanız süresi bitene kadar tüm resmi veya özel işlerinizde kullanılabilir (R11).".to_owned()], notes_en: vec!["The current e-signature stays usable for all official or private work until it expires (R11).".to_owned()], titles: vec![] },
            Duty { id: "none".to_owned(), label_tr: "İdari görevi yok".to_owned(), label_en: "Has never had an administrative duty".to_owned(), notes_tr: vec![], notes_en: vec![], titles: vec![] },
            Duty { id: "left".to_owned(), label_tr: "Kurumdan ayrılmış".to_owned(), label_en: "Has left the institution".to_owned(), notes_tr: vec!["Mevcut e-imzanız süresi bitene kadar tüm resmi veya özel işlerinizde kullanılabilir (R11).".to_owned(), "Kurum, ayrılan personelin e-imzasını yenilemez.".to_owned()], notes_en: vec!["The current e-signature stays usable for all official or private work until it expires (R11).".to_owned(), "The institution no longer renews the e-signature of staff who have left.".to_owned()], titles: vec![] },
        ],
        causes: vec![
            Cause { id: "expiry".to_owned(), label_tr: "Süre bitimi (olağan yenileme)".to_owned(), label_en: "Expiry (routine renewal)".to_owned(), requires: vec![] },
            Cause { id: "lost".to_owned(), label_tr: "Kayıp kart".to_owned(), label_en: "Lost card".to_owned(), requires: vec![Task::Suspend, Task::Revoke] },
            Cause { id: "stolen".to_owned(), label_tr: "Çalıntı kart".to_owned(), label_en: "Stolen card".to_owned(), requires: vec![Task::Suspend, Task::Revoke] },
            Cause { id: "user-damage".to_owned(), label_tr: "Kullanıcı kaynaklı kart arızası".to_owned(), label_en: "Card fault caused by the user".to_owned(), requires: vec![Task::Revoke] },
            Cause { id: "defect".to_owned(), label_tr: "Kullanıcı kaynaklı olmayan kart arızası".to_owned(), label_en: "Card fault not caused by the user".to_owned(), requires: vec![] },
            Cause { id: "pin-puk-block".to_owned(), label_tr: "PIN-PUK blokesi".to_owned(), label_en: "PIN-PUK block".to_owned(), requires: vec![Task::Revoke] },
            Cause { id: "identity-update".to_owned(), label_tr: "Kimlik bilgisi güncellemesi".to_owned(), label_en: "Identity details update".to_owned(), requires: vec![Task::Revoke] },
        ],
        fees: vec![
            FeeRule { id: "duty-person-pays".to_owned(), duties: vec!["active".to_owned()], causes: vec!["lost".to_owned(), "stolen".to_owned(), "user-damage".to_owned(), "pin-puk-block".to_owned(), "identity-update".to_owned()], payer: Payer::Person, source: "R8: kayıp kart, kullanıcı kaynaklı arıza, PIN-PUK blokesi, kimlik güncellemesi: ücreti tarafınızdan ödenmek üzere (stolen is not named on the page: treated like lost)".to_owned(), offset: 4164 },
            FeeRule { id: "duty-institution-pays".to_owned(), duties: vec!["active".to_owned()], causes: vec!["expiry".to_owned(), "defect".to_owned()], payer: Payer::Institution, source: "R9: idari görevi olan personelin başvuru ücreti kurum tarafından karşılanmaktadır".to_owned(), offset: 4502 },
            FeeRule { id: "no-duty-person-pays".to_owned(), duties: vec!["ended".to_owned(), "none".to_owned(), "left".to_owned()], causes: vec!["expiry".to_owned(), "lost".to_owned(), "stolen".to_owned(), "user-damage".to_owned(), "defect".to_owned(), "pin-puk-block".to_owned(), "identity-update".to_owned()], payer: Payer::Person, source: "R10: idari görevi biten veya idari görevi olmayan personelin yenileme ücreti kişi tarafından karşılanır".to_owned(), offset: 4712 },
        ],
        card_modules: vec!["/usr/lib/libakisp11.so".to_owned(), "/opt/Akia/libakisp11.so".to_owned(), "/usr/local/lib/libakisp11.dylib".to_owned(), "C:\\Windows\\System32\\akisp11.dll".to_owned(), "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so".to_owned(), "/usr/lib/opensc-pkcs11.so".to_owned(), "/usr/local/lib/opensc-pkcs11.so".to_owned(), "C:\\Windows\\System32\\opensc-pkcs11.dll".to_owned()],
    }
}
