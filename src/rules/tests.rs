use super::read::https_url_problem;
use super::*;
use crate::lang::Lang;

fn replace(from: &str, to: &str) -> String {
    assert!(
        EMBEDDED.contains(from),
        "fixture text {from:?} not in rules.toml"
    );
    EMBEDDED.replacen(from, to, 1)
}

fn problems(text: &str) -> Vec<Problem> {
    Rules::parse(text, "test.toml").unwrap_err().problems
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn embedded_defaults_match_the_page() {
    let r = Rules::embedded();
    assert_eq!(r.lead.to_string(), "1 month");
    assert_eq!(r.max_attempts, 3);
    assert_eq!(r.institution.timezone, chrono_tz::Europe::Istanbul);
    assert_eq!(r.institution.desk, "Bilgi İşlem Daire Başkanlığı");
    assert_eq!(r.portal.name, "KAMU SM Online İşlemler");
    assert_eq!(r.portal.url, "https://onlineislemler.kamusm.gov.tr/landing");
    assert_eq!(r.portal.login, "Giriş");
    assert_eq!(
        r.paths.unlock.labels,
        [
            "NES İşlemleri",
            "Bireysel İşlemler",
            "Başvuru İşlemleri",
            "PIN Oluşturma",
            "Kilit Çözme"
        ]
    );
    assert_eq!(
        r.paths.suspend.labels,
        [
            "NES İşlemleri",
            "Bireysel İşlemler",
            "Sertifikamı İptal Et",
            "Askıya Alma"
        ]
    );
    assert_eq!(
        r.paths.revoke.labels,
        ["NES İşlemleri", "Bireysel İşlemler", "Sertifikamı İptal Et"]
    );
    let ids = |v: Vec<&str>| v.join(",");
    assert_eq!(
        ids(r.duties.iter().map(|d| d.id.as_str()).collect()),
        "active,ended,none,left"
    );
    assert_eq!(
        ids(r.causes.iter().map(|c| c.id.as_str()).collect()),
        "expiry,lost,stolen,user-damage,defect,pin-puk-block,identity-update"
    );
}

#[test]
fn custom_leads() {
    for (lead, shown) in [
        ("10 days", "10 days"),
        ("2 weeks", "2 weeks"),
        ("3 months", "3 months"),
    ] {
        let r = Rules::parse(
            &replace("lead = \"1 month\"", &format!("lead = \"{lead}\"")),
            "x",
        )
        .unwrap();
        assert_eq!(r.lead.to_string(), shown);
    }
}

#[test]
fn bad_values_are_located() {
    let cases = [
        (
            "lead = \"1 month\"",
            "lead = \"1 fortnight\"",
            "lead = ",
            "not a lead time",
        ),
        (
            "timezone = \"Europe/Istanbul\"",
            "timezone = \"Europe/Ankara\"",
            "timezone",
            "not a known time zone",
        ),
        (
            "url = \"https://onlineislemler.kamusm.gov.tr/landing\"",
            "url = \"http://onlineislemler.kamusm.gov.tr/landing\"",
            "url = ",
            "https://",
        ),
        (
            "max_attempts = 3",
            "max_attempts = \"3\"",
            "max_attempts",
            "must be an integer, not a string",
        ),
        (
            "max_attempts = 3",
            "max_attempts = 0",
            "max_attempts",
            "from 1 to 99",
        ),
        (
            "revoke = [\"NES",
            "revoke = [] #",
            "revoke = []",
            "must not be empty",
        ),
        (
            "[pin]\n",
            "[pin]\ncolour = \"red\"\n",
            "colour",
            "unknown key \"colour\" in [pin]",
        ),
    ];
    for (from, to, at, words) in cases {
        let text = replace(from, to);
        let p = problems(&text);
        assert_eq!(p.len(), 1, "{to}: {p:?}");
        assert_eq!(p[0].line, line_of(&text, at), "{to}");
        assert!(p[0].column >= 1);
        assert!(p[0].message.contains(words), "{to}: {}", p[0].message);
    }
}

#[test]
fn column_points_at_the_value() {
    let text = replace("lead = \"1 month\"", "lead = \"soon\"");
    let p = &problems(&text)[0];
    assert_eq!(p.column, 8, "{p:?}");
}

#[test]
fn all_problems_reported_at_once() {
    let text = replace("lead = \"1 month\"", "lead = \"soon\"")
        .replacen("max_attempts = 3", "max_attempts = -2", 1)
        .replacen("https://onlineislemler", "ftp://onlineislemler", 1)
        .replacen("[institution]\n", "[institution]\nmotto = 1\n", 1);
    let p = problems(&text);
    assert_eq!(p.len(), 4, "{p:?}");
    let err = Rules::parse(&text, "my.toml").unwrap_err().to_string();
    assert_eq!(err.lines().count(), 4);
    assert!(err.lines().all(|l| l.starts_with("my.toml:")));
}

#[test]
fn missing_section_and_key() {
    let text = EMBEDDED.replacen(
        "[pin]\n# R5: this many wrong PINs lock the card.\nmax_attempts = 3\n",
        "",
        1,
    );
    assert_ne!(text, EMBEDDED);
    assert!(problems(&text)[0]
        .message
        .contains("missing the key \"pin\""));
    let text = replace("desk = \"Bilgi İşlem Daire Başkanlığı\"\n", "");
    assert!(problems(&text)[0]
        .message
        .contains("[institution] is missing the key \"desk\""));
}

#[test]
fn syntax_errors_are_located() {
    let text = replace("[pin]", "[pin");
    let p = problems(&text);
    assert!(!p.is_empty());
    assert_eq!(p[0].line, line_of(&text, "[pin"));
    assert!(p[0].message.starts_with("TOML syntax"));
}

#[test]
fn fee_gap_names_the_pairs() {
    let text = replace("causes = [\"expiry\", \"defect\"]", "causes = [\"expiry\"]");
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].message.contains("active × defect"), "{}", p[0].message);
}

#[test]
fn fee_overlap_names_both_rules_and_lines() {
    let text = replace(
        "causes = [\"expiry\", \"defect\"]",
        "causes = [\"expiry\", \"defect\", \"lost\"]",
    );
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    let first = line_of(&text, "id = \"duty-person-pays\"") - 1;
    let second = line_of(&text, "id = \"duty-institution-pays\"") - 1;
    assert!(
        p[0].message
            .contains(&format!("\"duty-person-pays\" (line {first})")),
        "{}",
        p[0].message
    );
    assert!(p[0]
        .message
        .contains(&format!("\"duty-institution-pays\" (line {second})")));
    assert!(p[0].message.contains("active × lost"));
    assert_eq!(p[0].line, second);
}

#[test]
fn fee_unknown_ids() {
    let text = replace(
        "duties = [\"ended\", \"none\", \"left\"]",
        "duties = [\"ended\", \"nobody\", \"left\"]",
    );
    let p = problems(&text);
    assert!(
        p.iter()
            .any(|p| p.message.contains("unknown duty \"nobody\"")),
        "{p:?}"
    );
    let text = replace(
        "[\"suspend\", \"revoke\"] # R7",
        "[\"suspend\", \"burn\"] # R7",
    );
    assert!(problems(&text)[0].message.contains("unknown step \"burn\""));
}

#[test]
fn title_lookup_is_turkish_case_insensitive() {
    let r = Rules::embedded();
    for title in [
        "DEKAN",
        "dekan",
        "Bölüm başkanı",
        "BÖLÜM BAŞKANI",
        "rektör yardımcısı",
    ] {
        assert_eq!(
            r.duty_by_title(title).map(|d| d.id.as_str()),
            Some("active"),
            "{title}"
        );
    }
    assert!(r.duty_by_title("Kahraman").is_none());
    assert_eq!(r.find_duty("left").map(|d| d.id.as_str()), Some("left"));
    assert_eq!(
        r.find_duty("Kurumdan ayrılmış").map(|d| d.id.as_str()),
        Some("left")
    );
    assert_eq!(
        r.find_duty("Has never had an administrative duty")
            .map(|d| d.id.as_str()),
        Some("none")
    );
}

#[test]
fn https_urls_only() {
    assert!(https_url_problem("https://a.example/x?y=1").is_none());
    assert!(https_url_problem("https://a.example:8443/").is_none());
    for bad in [
        "http://a",
        "https://",
        "https:///x",
        "https://a b",
        "javascript:alert(1)",
        "https://a\"b",
        "https://a;rm/",
    ] {
        assert!(https_url_problem(bad).is_some(), "{bad}");
    }
}

mod coverage {
    use super::super::Rules;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    /// A rules file with `duties` × `causes` and fee rules covering the given index sets.
    fn rules_text(duties: usize, causes: usize, fees: &[(Vec<usize>, Vec<usize>)]) -> String {
        let mut text = super::EMBEDDED[..super::EMBEDDED.find("[duties.active]").unwrap()]
            .replacen(
                "lead = \"1 month\"",
                "lead = \"1 month\"\nroutine_cause = \"c0\"",
                1,
            );
        for d in 0..duties {
            writeln!(
                text,
                "[duties.d{d}]\nlabel_tr = \"g{d}\"\nlabel_en = \"d{d}\""
            )
            .unwrap();
        }
        for c in 0..causes {
            writeln!(
                text,
                "[causes.c{c}]\nlabel_tr = \"n{c}\"\nlabel_en = \"c{c}\""
            )
            .unwrap();
        }
        for (i, (ds, cs)) in fees.iter().enumerate() {
            let list = |p: &str, v: &Vec<usize>| {
                v.iter()
                    .map(|x| format!("\"{p}{x}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            writeln!(
                text,
                "[[fee]]\nid = \"f{i}\"\nduties = [{}]\ncauses = [{}]\npayer = \"person\"\nsource = \"test\"",
                list("d", ds),
                list("c", cs)
            )
            .unwrap();
        }
        text
    }

    /// Duty count, cause count, and each fee rule's duty and cause indices.
    type FeeSets = (usize, usize, Vec<(Vec<usize>, Vec<usize>)>);

    fn fee_sets() -> impl Strategy<Value = FeeSets> {
        (1usize..4, 1usize..4).prop_flat_map(|(nd, nc)| {
            let rule = (
                proptest::sample::subsequence((0..nd).collect::<Vec<_>>(), 1..=nd),
                proptest::sample::subsequence((0..nc).collect::<Vec<_>>(), 1..=nc),
            );
            (Just(nd), Just(nc), proptest::collection::vec(rule, 1..5))
        })
    }

    proptest! {
        /// The rules load exactly when every duty × cause pair has one rule, and then
        /// every pair gets exactly the payer rule that covers it.
        #[test]
        fn every_pair_gets_exactly_one_rule((nd, nc, fees) in fee_sets()) {
            let text = rules_text(nd, nc, &fees);
            let covering = |d: usize, c: usize| -> Vec<usize> {
                fees.iter().enumerate().filter(|(_, (ds, cs))| ds.contains(&d) && cs.contains(&c)).map(|(i, _)| i).collect()
            };
            let exact = (0..nd).all(|d| (0..nc).all(|c| covering(d, c).len() == 1));
            match Rules::parse(&text, "prop.toml") {
                Ok(rules) => {
                    prop_assert!(exact);
                    for d in 0..nd {
                        for c in 0..nc {
                            let decision = crate::fee::decide(&rules, &format!("d{d}"), &format!("c{c}")).unwrap();
                            prop_assert_eq!(&decision.rule.id, &format!("f{}", covering(d, c)[0]));
                        }
                    }
                }
                Err(e) => {
                    prop_assert!(!exact, "{}", e);
                    prop_assert!(e.problems.iter().all(|p| p.message.contains("no fee rule covers") || p.message.contains("both cover")), "{}", e);
                }
            }
        }
    }
}

#[test]
fn a_renamed_routine_cause_is_a_load_error_not_silence() {
    let renamed = EMBEDDED
        .replacen("[causes.expiry]", "[causes.routine]", 1)
        .replacen(
            "causes = [\"expiry\", \"defect\"]",
            "causes = [\"routine\", \"defect\"]",
            1,
        );
    let found = problems(&renamed);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0]
        .message
        .contains("routine-renewal cause \"expiry\""));
    // Without the key, the problem points at [renewal], where the key would go.
    assert_eq!(found[0].line, line_of(&renamed, "[renewal]"));

    let named = renamed.replacen(
        "lead = \"1 month\"",
        "lead = \"1 month\"\nroutine_cause = \"routine\"",
        1,
    );
    let rules = Rules::parse(&named, "test.toml").unwrap();
    assert_eq!(rules.routine_cause().id, "routine");

    let wrong = replace(
        "lead = \"1 month\"",
        "lead = \"1 month\"\nroutine_cause = \"typo\"",
    );
    let found = problems(&wrong);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].line, found[0].column),
        (line_of(&wrong, "routine_cause"), 17)
    );
    assert_eq!(Rules::embedded().routine_cause, "expiry");
}

#[test]
fn an_optional_list_left_out_inherits_the_embedded_one() {
    let start = EMBEDDED.find("[card]").unwrap();
    let without = &EMBEDDED[..start];
    let mut rules = Rules::parse(without, "old.toml").unwrap();
    assert_eq!(rules.card_modules, None);
    assert!(rules.card_modules().is_empty());
    rules.inherit_defaults(&Rules::embedded());
    assert!(!rules.card_modules().is_empty());
    assert_eq!(rules.card_modules(), Rules::embedded().card_modules());

    let empty = format!("{without}[card]\nmodules = []\n");
    let mut rules = Rules::parse(&empty, "empty.toml").unwrap();
    rules.inherit_defaults(&Rules::embedded());
    assert!(
        rules.card_modules().is_empty(),
        "an explicit empty list stays empty"
    );
}

#[test]
fn an_unknown_mail_placeholder_is_a_load_error_at_its_place() {
    let text = format!(
        "{}\n[mail.window_opening]\nsubject_tr = \"Merhaba {{name}}\"\nsubject_en = \"Hello {{nmae}}\"\nbody_tr = \"x\"\nbody_en = \"y\"\n",
        EMBEDDED.replace("[mail.window_opening]", "[mail.window_opening_old]").split("[mail.window_opening_old]").next().unwrap()
    );
    let err = Rules::parse(&text, "r.toml").unwrap_err();
    let line = text.lines().position(|l| l.contains("nmae")).unwrap() + 1;
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].line, line, "{err}");
    assert_eq!(err.problems[0].column, 21, "{err}");
    assert!(
        err.problems[0]
            .message
            .contains("unknown placeholder {nmae}"),
        "{err}"
    );
}

#[test]
fn a_rules_file_without_mail_takes_the_embedded_templates() {
    let text = EMBEDDED.split("\n[mail]").next().unwrap();
    let mut rules = Rules::parse(text, "old.toml").unwrap();
    assert!(rules.mail.renewal_due.is_none());
    rules.inherit_defaults(&Rules::embedded());
    assert_eq!(rules.mail.renewal_due, Rules::embedded().mail.renewal_due);
    assert!(rules.mail.from.is_none());
}

/// Issue 10: the parser's syntax errors have a Turkish sentence of our own, the parser's
/// words quoted (a `"` in them escaped, so the quote stays one quote).
#[test]
fn syntax_errors_in_turkish_keep_the_detail_quoted() {
    let p = problems("a = \"x\n");
    assert_eq!(
        p[0].message_tr,
        "TOML sözdizimi hatası: tırnak içindeki metin hatalı ya da kapanmamış (ayrıştırıcının iletisi: \"invalid basic string, expected `\\\"`\")"
    );
    let p = problems("a = 1\na = 2\n");
    assert!(p[0]
        .message_tr
        .starts_with("TOML sözdizimi hatası: aynı anahtar iki kez yazılmış ("));
}

/// Fee rules' source notes: English when given (`source_en`), else the Turkish one.
#[test]
fn fee_source_in_both_languages() {
    let rules = Rules::parse(EMBEDDED, "test.toml").unwrap();
    for rule in &rules.fees {
        assert!(rule.source(Lang::Tr).starts_with('R'));
        let en = rule.source(Lang::En);
        assert_ne!(en, rule.source(Lang::Tr), "{}", rule.id);
        assert_eq!(en.split(':').next(), rule.source.split(':').next());
    }
    // A file written for an earlier esign, without source_en, still loads and shows
    // the Turkish note in English too.
    let old = EMBEDDED
        .lines()
        .filter(|l| !l.starts_with("source_en"))
        .collect::<Vec<_>>()
        .join("\n");
    let rules = Rules::parse(&old, "old.toml").unwrap();
    assert!(rules
        .fees
        .iter()
        .all(|r| r.source_en.is_none() && r.source(Lang::En) == r.source));
    let p = problems(&replace("source_en = \"R9", "source_en = 9 #"));
    assert_eq!(
        p[0].message,
        "\"source_en\" in [[fee]] must be a string, not an integer"
    );
}
