//! Output languages and their date conventions: `DD.MM.YYYY` in Turkish, ISO in English.

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Tr,
    En,
}

impl Lang {
    /// The language a locale value (`LC_ALL`, `LANG` …) means: Turkish for `tr…`, else none.
    #[must_use]
    pub fn from_locale(value: &str) -> Option<Lang> {
        let v = value.trim();
        if v.is_empty() {
            return None;
        }
        Some(
            if v.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("tr")) {
                Lang::Tr
            } else {
                Lang::En
            },
        )
    }

    /// A date as this language writes it.
    #[must_use]
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::Tr => format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year()),
            Lang::En => date.format("%Y-%m-%d").to_string(),
        }
    }

    /// An instant as this language writes it, with its UTC offset:
    /// `01.06.2025 14:32:10 (UTC+03)` / `2025-06-01 14:32:10 (UTC+03)`.
    #[must_use]
    pub fn instant<T: TimeZone>(self, at: &DateTime<T>) -> String {
        let local = at.naive_local();
        let seconds = at.offset().fix().local_minus_utc();
        let sign = if seconds < 0 { '-' } else { '+' };
        let (h, m) = (
            seconds.unsigned_abs() / 3600,
            seconds.unsigned_abs() % 3600 / 60,
        );
        let offset = if m == 0 {
            format!("UTC{sign}{h:02}")
        } else {
            format!("UTC{sign}{h:02}:{m:02}")
        };
        format!(
            "{} {} ({offset})",
            self.date(local.date()),
            local.format("%H:%M:%S")
        )
    }

    /// The month's name (1-based month).
    #[must_use]
    pub fn month_name(self, month: u32) -> &'static str {
        const TR: [&str; 12] = [
            "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
            "Ekim", "Kasım", "Aralık",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let i = (month.clamp(1, 12) - 1) as usize;
        match self {
            Lang::Tr => TR[i],
            Lang::En => EN[i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        assert_eq!(Lang::Tr.date(d), "01.06.2025");
        assert_eq!(Lang::En.date(d), "2025-06-01");
    }

    #[test]
    fn instants_per_language() {
        let utc = DateTime::parse_from_rfc3339("2025-06-01T11:32:10Z").unwrap();
        let ist = utc.with_timezone(&chrono_tz::Europe::Istanbul);
        assert_eq!(Lang::Tr.instant(&ist), "01.06.2025 14:32:10 (UTC+03)");
        assert_eq!(Lang::En.instant(&ist), "2025-06-01 14:32:10 (UTC+03)");
        let india = utc.with_timezone(&chrono::FixedOffset::east_opt(19800).unwrap());
        assert_eq!(Lang::En.instant(&india), "2025-06-01 17:02:10 (UTC+05:30)");
        let west = utc.with_timezone(&chrono::FixedOffset::west_opt(3600).unwrap());
        assert_eq!(Lang::En.instant(&west), "2025-06-01 10:32:10 (UTC-01)");
    }

    #[test]
    fn locale_values() {
        assert_eq!(Lang::from_locale("tr_TR.UTF-8"), Some(Lang::Tr));
        assert_eq!(Lang::from_locale("TR"), Some(Lang::Tr));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), Some(Lang::En));
        assert_eq!(Lang::from_locale(""), None);
    }
}
