//! `--format nagios` and `--format prometheus` for rosters: aggregate counts only, never
//! a name or an ID number (KVKK). Counts per state cover every row (as the summary
//! does); the months and the fewest days left cover the rows that pass the filters.

use std::io::{self, Write};

use esign::lang::Lang;
use esign::monitoring::{self, Exposition, Status};
use esign::renewal::Renewal;
use esign::roster::{MonthlyLoad, Row, Summary};

use crate::output::OutputFormat;

pub struct MonitorSink {
    format: OutputFormat,
    lang: Lang,
    ascii: bool,
    load: MonthlyLoad,
    /// The row with the fewest days left, for the Nagios threshold.
    decisive: Option<Renewal>,
}

impl MonitorSink {
    pub fn new(format: OutputFormat, load: MonthlyLoad, lang: Lang, ascii: bool) -> MonitorSink {
        MonitorSink {
            format,
            lang,
            ascii,
            load,
            decisive: None,
        }
    }

    pub fn row(&mut self, row: &Row<'_, '_>) {
        if let Some(r) = row.outcome.renewal() {
            self.load.add(r);
            if self.decisive.is_none_or(|d| r.days_left < d.days_left) {
                self.decisive = Some(*r);
            }
        }
    }

    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let text = if self.format == OutputFormat::Prometheus {
            let mut e = Exposition::new();
            e.states("esign_roster_rows", summary, true, self.lang);
            e.months(self.load.months(), self.lang);
            e.finish()
        } else {
            let status = if summary.errors > 0 {
                Status::Unknown
            } else {
                Status::from_code(summary.worst().exit_code())
            };
            let line = monitoring::nagios_line(
                status,
                summary,
                self.decisive.as_ref(),
                false,
                &[],
                self.lang,
            );
            let line = if self.ascii {
                esign::text::to_ascii(&line)
            } else {
                line
            };
            line + "\n"
        };
        out.write_all(text.as_bytes())
    }
}
