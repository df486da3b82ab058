//! `esign roster`: a staff list in, one verdict per row out (or the monthly load chart),
//! plus calendar reminders with `--ics`. Streams: rows are read, assessed and written
//! one at a time.

use std::fs::File;
use std::io::{self, Read, Write};

use anyhow::{Context as _, Result};
use chrono::Utc;
use esign::date::DateOrder;
use esign::ics::{self, Reminder};
use esign::messages::{self, Localize, Problem};
use esign::renewal::{Span, State};
use esign::roster::{Encoding, Filter, MonthlyLoad, Options, RosterReader, StateName, Summary};

use crate::atomic::AtomicFile;
use crate::cli::{DateOrderArg, EncodingArg, RosterArgs, StateArg};
use crate::context::Context;
use crate::exit::Exit;
use crate::output;
use crate::output::OutputFormat;
use crate::render::roster::{self as view, Sink};

/// Where the calendar goes.
enum IcsOut {
    None,
    Stdout(io::BufWriter<io::Stdout>),
    File(AtomicFile),
}

impl IcsOut {
    fn writer(&mut self) -> Option<&mut dyn Write> {
        match self {
            IcsOut::None => None,
            IcsOut::Stdout(w) => Some(w),
            IcsOut::File(f) => Some(f),
        }
    }
}

pub fn run(ctx: &Context, args: &RosterArgs) -> Result<Exit> {
    let options = Options {
        delimiter: args.delimiter.as_deref().map(parse_delimiter).transpose()?,
        encoding: match args.encoding {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Windows1254 => Encoding::Windows1254,
        },
        expiry_column: args.expiry_column.clone(),
        name_column: args.name_column.clone(),
        date_order: match args.date_order {
            DateOrderArg::Dmy => DateOrder::DayFirst,
            DateOrderArg::Mdy => DateOrder::MonthFirst,
        },
    };
    let rules = ctx.rules()?;
    let moment = ctx.moment()?;
    let today = moment.today;
    let filter = Filter {
        states: (!args.state.is_empty())
            .then(|| args.state.iter().map(|s| state_name(*s)).collect()),
        due_by: args
            .due_within
            .as_deref()
            .map(|text| {
                Span::parse_short(text)
                    .map(|span| span.after(today))
                    .context("--due-within")
            })
            .transpose()?,
    };

    let is_stdin = args.file.as_os_str() == "-";
    let origin = if is_stdin {
        messages::standard_input(ctx.lang).to_owned()
    } else {
        args.file.display().to_string()
    };
    let input: Box<dyn Read> = if is_stdin {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(&args.file).with_context(|| {
            Problem::CannotRead {
                path: origin.clone(),
            }
            .localize(ctx.lang)
        })?)
    };
    let roster_named = || {
        Problem::Roster {
            origin: origin.clone(),
        }
        .localize(ctx.lang)
    };
    let mut reader = RosterReader::new(input, &options, rules, today).with_context(roster_named)?;

    let mut ics_out = match &args.ics {
        None => IcsOut::None,
        Some(p) if p.as_os_str() == "-" => IcsOut::Stdout(io::BufWriter::new(io::stdout())),
        Some(p) => IcsOut::File(AtomicFile::create(p)?),
    };
    if let Some(w) = ics_out.writer() {
        w.write_all(ics::begin(ctx.lang).as_bytes())?;
    }
    let now = moment.now.with_timezone(&Utc);
    let mut events = ics::EventWriter::new(rules, ctx.lang, now);
    let mut calendar = Vec::with_capacity(1 << 17);

    // The calendar on standard output replaces the report there.
    let quiet_report = ctx.quiet || matches!(ics_out, IcsOut::Stdout(_));
    let (mut out, colour): (Box<dyn Write>, bool) = if quiet_report {
        (Box::new(io::sink()), false)
    } else if ctx.format == OutputFormat::Text && !args.by_month {
        // The table writes colour codes only when they show.
        output::text_stdout_painted(ctx)
    } else if ctx.format == OutputFormat::Text {
        (output::text_stdout(ctx), true)
    } else {
        (output::data_stdout(ctx), false)
    };
    let width = output::terminal_width();
    let mut sink = if quiet_report {
        Sink::Quiet
    } else {
        Sink::new(
            ctx.format,
            args.by_month.then(|| MonthlyLoad::new(today)),
            reader.columns(),
            ctx.lang,
            width,
            ctx.ascii,
            colour,
        )
    };
    sink.begin(&mut out)?;

    let mut summary = Summary::default();
    while let Some(row) = reader.next_row() {
        let row = row.with_context(roster_named)?;
        summary.add(&row.outcome);
        if let Some((level, message)) = view::diagnostic(&row, ctx.lang) {
            ctx.voice().say(level, &message);
        }
        if !filter.keeps(&row.outcome) {
            continue;
        }
        sink.row(&mut out, &row)?;
        if let (Some(w), Some(r)) = (ics_out.writer(), row.outcome.renewal()) {
            // Without a name column the line number stands in for the person.
            let stand_in;
            let person = if let Some(name) = row.name {
                name
            } else {
                stand_in = line_name(row.line, ctx);
                &stand_in
            };
            let reminder = Reminder {
                person: Some(person),
                expiry: r.expiry,
                window_opens: r.window_opens,
            };
            events.write(&mut calendar, &reminder);
            if calendar.len() >= 1 << 17 {
                w.write_all(&calendar)?;
                calendar.clear();
            }
        }
    }
    sink.finish(&mut out, &summary)?;
    out.flush()?;

    match ics_out {
        IcsOut::None => {}
        IcsOut::Stdout(mut w) => {
            w.write_all(&calendar)?;
            w.write_all(ics::END.as_bytes())?;
            w.flush()?;
        }
        IcsOut::File(mut f) => {
            f.write_all(&calendar)?;
            f.write_all(ics::END.as_bytes())?;
            f.commit()?;
        }
    }

    Ok(if summary.errors > 0 {
        Exit::Error
    } else {
        summary.worst().into()
    })
}

fn line_name(line: u64, ctx: &Context) -> String {
    messages::line(line, ctx.lang)
}

fn state_name(s: StateArg) -> StateName {
    match s {
        StateArg::Valid => StateName::State(State::Valid),
        StateArg::NotYetValid => StateName::State(State::NotYetValid),
        StateArg::RenewalDue => StateName::State(State::RenewalDue),
        StateArg::Expired => StateName::State(State::Expired),
        StateArg::Error => StateName::Error,
        StateArg::Empty => StateName::Empty,
    }
}

/// `,` `;` `tab` (or `\t`) or any one printable ASCII character other than a quote.
fn parse_delimiter(text: &str) -> Result<u8> {
    match text {
        "tab" | "\\t" | "\t" | "TAB" => Ok(b'\t'),
        _ => match text.as_bytes() {
            [b] if b.is_ascii_graphic() && *b != b'"' => Ok(*b),
            _ => Err(Problem::Delimiter {
                text: text.to_owned(),
            }
            .into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(parse_delimiter(";").unwrap(), b';');
        assert_eq!(parse_delimiter("tab").unwrap(), b'\t');
        assert!(parse_delimiter(";;").is_err());
        assert!(parse_delimiter("\"").is_err());
        assert!(parse_delimiter("ş").is_err());
    }
}
