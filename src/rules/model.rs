//! The validated rules as values: the types [`Rules`] is made of and the lookups on them.
//! Nothing here reads text; `read` builds these from a parsed TOML document.
//! Every type is serde-serialisable so the build script can hand the embedded rules,
//! validated at build time, to the binary in a compact form (see `build.rs`).

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::renewal::Lead;
use crate::text::fold_tr;

/// Validated institution rules. Construct with [`Rules::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub institution: Institution,
    pub lead: Lead,
    /// The cause id of a routine renewal at expiry (R9, R10): what a roster row's payer
    /// is decided for. `[renewal] routine_cause`, default `"expiry"`; always a known cause.
    pub routine_cause: String,
    /// R5: wrong PINs that lock the card.
    pub max_attempts: u32,
    pub portal: Portal,
    pub paths: Paths,
    /// In file order.
    pub duties: Vec<Duty>,
    /// In file order.
    pub causes: Vec<Cause>,
    pub fees: Vec<FeeRule>,
    /// PKCS#11 modules to try, in order. `None` when the file has no `[card] modules`:
    /// [`Rules::inherit_defaults`] then takes the embedded file's list.
    pub card_modules: Option<Vec<String>>,
    /// Cards by their ATR, for `esign doctor`: `[[card.atr]]`. `None` when the file has
    /// none: [`Rules::inherit_defaults`] then takes the embedded file's rows.
    pub card_atrs: Option<Vec<AtrPattern>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    pub name: String,
    /// Where staff go to apply (R1).
    pub desk: String,
    pub timezone: Tz,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portal {
    pub name: String,
    /// Always `https://…` (checked at load).
    pub url: String,
    /// The label of the portal's log-in button (R6: "Giriş").
    pub login: String,
}

/// A task on the portal whose menu path the rules give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    Unlock,
    Suspend,
    Revoke,
}

impl Task {
    pub const ALL: [Task; 3] = [Task::Unlock, Task::Suspend, Task::Revoke];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Task::Unlock => "unlock",
            Task::Suspend => "suspend",
            Task::Revoke => "revoke",
        }
    }
}

/// Menu labels from the portal's top menu down, exactly as the portal shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuPath {
    pub labels: Vec<String>,
    /// English glosses, one per label, when the rules give them.
    pub gloss_en: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paths {
    pub unlock: MenuPath,
    pub suspend: MenuPath,
    pub revoke: MenuPath,
}

impl Paths {
    #[must_use]
    pub fn get(&self, task: Task) -> &MenuPath {
        match task {
            Task::Unlock => &self.unlock,
            Task::Suspend => &self.suspend,
            Task::Revoke => &self.revoke,
        }
    }
}

/// An administrative-duty situation (R8–R11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duty {
    pub id: String,
    pub label_tr: String,
    pub label_en: String,
    pub notes_tr: Vec<String>,
    pub notes_en: Vec<String>,
    /// Job titles that mean this duty.
    pub titles: Vec<String>,
}

impl Duty {
    #[must_use]
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Tr => &self.label_tr,
            Lang::En => &self.label_en,
        }
    }

    #[must_use]
    pub fn notes(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Tr => &self.notes_tr,
            Lang::En => &self.notes_en,
        }
    }
}

/// A reason for renewing the card, with the portal steps it needs first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    pub id: String,
    pub label_tr: String,
    pub label_en: String,
    /// In order (R7 before R8).
    pub requires: Vec<Task>,
}

impl Cause {
    #[must_use]
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Tr => &self.label_tr,
            Lang::En => &self.label_en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Payer {
    Institution,
    Person,
}

impl Payer {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Payer::Institution => "institution",
            Payer::Person => "person",
        }
    }
}

/// One `[[fee]]` rule: the duties × causes it covers and who pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeRule {
    pub id: String,
    pub duties: Vec<String>,
    pub causes: Vec<String>,
    pub payer: Payer,
    /// The page's rule it encodes and a short quote.
    pub source: String,
    /// Byte offset of the rule in its file, for messages (the line is worked out only
    /// when a message needs it: counting lines for every rule at every start is waste).
    pub offset: usize,
}

impl Rules {
    /// Fills the optional lists this file leaves out from `defaults` (the embedded
    /// rules): an optional list's documented default is the embedded file's list, so a
    /// rules file written before the key existed keeps working (docs/rules.md).
    pub fn inherit_defaults(&mut self, defaults: &Rules) {
        if self.card_modules.is_none() {
            self.card_modules.clone_from(&defaults.card_modules);
        }
        if self.card_atrs.is_none() {
            self.card_atrs.clone_from(&defaults.card_atrs);
        }
    }

    /// Cards by their ATR (empty when neither file has any).
    #[must_use]
    pub fn card_atrs(&self) -> &[AtrPattern] {
        self.card_atrs.as_deref().unwrap_or_default()
    }

    /// The PKCS#11 modules to try, in order (empty when neither file lists any).
    #[must_use]
    pub fn card_modules(&self) -> &[String] {
        self.card_modules.as_deref().unwrap_or_default()
    }

    #[must_use]
    pub fn duty(&self, id: &str) -> Option<&Duty> {
        self.duties.iter().find(|d| d.id == id)
    }

    #[must_use]
    pub fn cause(&self, id: &str) -> Option<&Cause> {
        self.causes.iter().find(|c| c.id == id)
    }

    /// The cause of a routine renewal at expiry (`[renewal] routine_cause`).
    ///
    /// # Panics
    /// Never for rules built by [`Rules::parse`]: it checks that the cause exists.
    #[must_use]
    pub fn routine_cause(&self) -> &Cause {
        self.cause(&self.routine_cause)
            .expect("validated rules name a known routine cause")
    }

    /// The duty a job title means, compared the Turkish way (`DEKAN`, `dekan`, `Bölüm başkanı`).
    #[must_use]
    pub fn duty_by_title(&self, title: &str) -> Option<&Duty> {
        let wanted = fold_tr(title);
        self.duties
            .iter()
            .find(|d| d.titles.iter().any(|t| fold_tr(t) == wanted))
    }

    /// The duty a free-text value names: its id, either label, or one of its titles
    /// (as a roster's duty column may hold any of them).
    #[must_use]
    pub fn find_duty(&self, value: &str) -> Option<&Duty> {
        let wanted = fold_tr(value);
        self.duties.iter().find(|d| {
            d.id == value.trim()
                || fold_tr(&d.id) == wanted
                || fold_tr(&d.label_tr) == wanted
                || fold_tr(&d.label_en) == wanted
                || d.titles.iter().any(|t| fold_tr(t) == wanted)
        })
    }
}

/// What kind of card an ATR says (`esign doctor`, `[[card.atr]]`) is in the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardKind {
    /// An e-signature card (AKİS).
    ESignature,
    /// The Turkish national ID card: not the e-signature card.
    IdCard,
}

/// One row of the rules' ATR table: a prefix of the ATR, or bytes the historical
/// bytes contain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtrPattern {
    pub kind: CardKind,
    pub name: String,
    pub prefix: Option<Vec<u8>>,
    pub historical: Option<Vec<u8>>,
}

/// Reads hex bytes written with or without spaces or colons: `3B 9F`, `3b:9f`, `3B9F`.
///
/// # Errors
/// A sentence naming what is wrong.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .collect();
    if digits.is_empty() || digits.len() % 2 != 0 {
        return Err(format!(
            "\"{text}\" is not hex bytes: write them like \"3B 9F 97\""
        ));
    }
    (0..digits.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&digits[i..i + 2], 16)
                .map_err(|_| format!("\"{text}\" is not hex bytes: write them like \"3B 9F 97\""))
        })
        .collect()
}
