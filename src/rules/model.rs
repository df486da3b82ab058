//! The validated rules as values: the types [`Rules`] is made of and the lookups on them.
//! Nothing here reads text; `read` builds these from a parsed TOML document.
//! Every type is serde-serialisable so the build script can hand the embedded rules,
//! validated at build time, to the binary in a compact form (see `build.rs`).

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::renewal::Lead;
use crate::text::fold_loose;

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
    /// `[mail]`, for `esign notify`: optional, every key with a default.
    pub mail: Mail,
}

/// `[mail]`: the desk's address and the reminder templates (`esign notify`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Mail {
    /// The desk's address: `From` and `Reply-To` of reminders, unless `--from` says.
    pub from: Option<String>,
    /// How to reach the desk (`{contact}`); default: the `from` address.
    pub contact: Option<String>,
    /// What to bring when applying (`{bring}`), Turkish and English.
    pub bring_tr: Option<String>,
    pub bring_en: Option<String>,
    /// Templates per reminder kind; a kind the file leaves out takes the embedded one
    /// ([`Rules::inherit_defaults`]).
    pub window_opening: Option<MailTemplate>,
    pub renewal_due: Option<MailTemplate>,
    pub expired: Option<MailTemplate>,
}

/// One reminder's subject and body, in Turkish and English, with `{placeholders}`
/// ([`PLACEHOLDERS`]), checked when the rules load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTemplate {
    pub subject_tr: String,
    pub subject_en: String,
    pub body_tr: String,
    pub body_en: String,
}

impl MailTemplate {
    #[must_use]
    pub fn subject(&self, lang: Lang) -> &str {
        match lang {
            Lang::Tr => &self.subject_tr,
            Lang::En => &self.subject_en,
        }
    }

    #[must_use]
    pub fn body(&self, lang: Lang) -> &str {
        match lang {
            Lang::Tr => &self.body_tr,
            Lang::En => &self.body_en,
        }
    }
}

/// The placeholders a mail template may use: `{name}` and so on; `{{` and `}}` are braces.
pub const PLACEHOLDERS: &[&str] = &[
    "name",
    "expiry",
    "window_opens",
    "days_left",
    "desk",
    "institution",
    "contact",
    "bring",
    "form",
];

/// Splits a template into literal text and placeholders. `Err` carries the byte offset
/// of the first bad brace or unknown placeholder, and what is wrong.
///
/// # Errors
/// An unknown placeholder, or a `{` or `}` that is neither a placeholder nor doubled.
/// The error carries the byte offset, then the message in English and in Turkish.
pub fn template_parts(template: &str) -> Result<Vec<TemplatePart<'_>>, (usize, String, String)> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                literal.push('{');
                i += 2;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                literal.push('}');
                i += 2;
            }
            b'{' => {
                let Some(len) = template[i + 1..].find('}') else {
                    return Err((
                        i,
                        "a \"{\" without its \"}\": write {{ for a brace".to_owned(),
                        "\"{\" kapanmamış (\"}\" yok): süslü parantezin kendisi için {{ yazın"
                            .to_owned(),
                    ));
                };
                let name = &template[i + 1..i + 1 + len];
                if !PLACEHOLDERS.contains(&name) {
                    let known = PLACEHOLDERS
                        .iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err((
                        i,
                        format!("unknown placeholder {{{name}}}: use one of {known}"),
                        format!(
                            "bilinmeyen yer tutucu {{{name}}}: şunlardan birini kullanın: {known}"
                        ),
                    ));
                }
                if !literal.is_empty() {
                    parts.push(TemplatePart::Text(std::mem::take(&mut literal)));
                }
                parts.push(TemplatePart::Placeholder(name));
                i += len + 2;
            }
            b'}' => {
                return Err((
                    i,
                    "a \"}\" without its \"{\": write }} for a brace".to_owned(),
                    "\"}\" açılmamış (\"{\" yok): süslü parantezin kendisi için }} yazın"
                        .to_owned(),
                ));
            }
            _ => {
                let next = template[i..]
                    .find(['{', '}'])
                    .map_or(template.len(), |n| i + n);
                literal.push_str(&template[i..next]);
                i = next;
            }
        }
    }
    if !literal.is_empty() {
        parts.push(TemplatePart::Text(literal));
    }
    Ok(parts)
}

/// A piece of a mail template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart<'a> {
    Text(String),
    Placeholder(&'a str),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    pub name: String,
    /// Where staff go to apply (R1).
    pub desk: String,
    pub timezone: Tz,
    /// How to reach the desk, shown wherever a screen says "apply at the desk".
    pub desk_contact: DeskContact,
}

/// The desk's contact details (`desk_phone`, `desk_email`, `desk_room`, `desk_web`,
/// `desk_hours` in `[institution]`). An empty field is simply not shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskContact {
    pub phone: String,
    pub email: String,
    pub room: String,
    pub web: String,
    pub hours: String,
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
    /// Other words for this duty in a title or duty cell: "yok", "none", "-" for `none`.
    pub names: Vec<String>,
    /// The file left `titles` out: [`Rules::inherit_defaults`] takes the embedded list.
    pub titles_inherited: bool,
    /// The file left `names` out: [`Rules::inherit_defaults`] takes the embedded list.
    pub names_inherited: bool,
}

impl FeeRule {
    /// The source note in `lang`: the Turkish one when no English one is given.
    #[must_use]
    pub fn source(&self, lang: Lang) -> &str {
        match (lang, &self.source_en) {
            (Lang::En, Some(en)) => en,
            _ => &self.source,
        }
    }
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
    /// The page's rule it encodes and a short quote, in Turkish as the page says it.
    pub source: String,
    /// The same note in English (`source_en`, optional since 0.2): absent, English
    /// output shows the Turkish one.
    pub source_en: Option<String>,
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
        let (mail, default) = (&mut self.mail, &defaults.mail);
        for (mine, theirs) in [
            (&mut mail.window_opening, &default.window_opening),
            (&mut mail.renewal_due, &default.renewal_due),
            (&mut mail.expired, &default.expired),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        if mail.bring_tr.is_none() && mail.bring_en.is_none() {
            mail.bring_tr.clone_from(&default.bring_tr);
            mail.bring_en.clone_from(&default.bring_en);
        }
        if self.card_atrs.is_none() {
            self.card_atrs.clone_from(&defaults.card_atrs);
        }
        // A duty without titles or names takes those of the embedded duty with its id
        // (titles for `none`, added in 0.2, reach files written for 0.1), leaving out
        // any word another duty already claims: a word means one duty.
        let claimed: Vec<(String, String)> = self
            .duties
            .iter()
            .flat_map(|d| {
                d.titles
                    .iter()
                    .chain(&d.names)
                    .map(|t| (fold_loose(t), d.id.clone()))
            })
            .collect();
        for duty in &mut self.duties {
            let Some(default) = defaults.duty(&duty.id) else {
                continue;
            };
            let free = |word: &&String| {
                let folded = fold_loose(word);
                !claimed.iter().any(|(w, id)| *w == folded && *id != duty.id)
            };
            if duty.titles_inherited {
                duty.titles = default.titles.iter().filter(free).cloned().collect();
            }
            if duty.names_inherited {
                duty.names = default.names.iter().filter(free).cloned().collect();
            }
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

    /// The duty a job title means, compared the Turkish way (`DEKAN`, `dekan`, `Bölüm
    /// başkani`), or one of the duty's other names (`yok`, `-` for `none`).
    #[must_use]
    pub fn duty_by_title(&self, title: &str) -> Option<&Duty> {
        let wanted = fold_loose(title);
        self.duties.iter().find(|d| {
            d.titles
                .iter()
                .chain(&d.names)
                .any(|t| fold_loose(t) == wanted)
        })
    }

    /// The duty a free-text value names: its id, either label, or one of its titles
    /// (as a roster's duty column may hold any of them).
    #[must_use]
    pub fn find_duty(&self, value: &str) -> Option<&Duty> {
        let wanted = fold_loose(value);
        self.duties.iter().find(|d| {
            d.id == value.trim()
                || fold_loose(&d.id) == wanted
                || fold_loose(&d.label_tr) == wanted
                || fold_loose(&d.label_en) == wanted
                || d.titles
                    .iter()
                    .chain(&d.names)
                    .any(|t| fold_loose(t) == wanted)
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
    if digits.is_empty() || !digits.len().is_multiple_of(2) {
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
