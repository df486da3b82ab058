//! `esign roster`: a staff list in, one verdict per row out (or the monthly load chart),
//! plus calendar reminders with `--ics`. Streams: rows are read, assessed and written
//! one at a time.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::{NaiveDate, Utc};
use esign::date::DateOrder;
use esign::ics::{self, Reminder};
use esign::lang::Lang;
use esign::messages::{self, Localize, Problem};
use esign::renewal::{Span, State};
use esign::roster::{
    is_workbook, Columns, Encoding, Filter, MonthlyLoad, Options, RosterError, RosterReader, Row,
    SheetReader, StateName, Summary, MAX_WORKBOOK_BYTES,
};
use esign::rules::Rules;

use crate::cli::{DateOrderArg, EncodingArg, RosterArgs, RosterInput, StateArg};
use crate::context::Context;
use crate::exit::Exit;
use crate::outfile::{Access, Input, OutFile};
use crate::output;
use crate::output::OutputFormat;
use crate::render::roster::{self as view, Sink};

/// The reading options of the arguments `roster` and `notify` share.
fn roster_options(input: &RosterInput) -> Result<Options> {
    Ok(Options {
        delimiter: input
            .delimiter
            .as_deref()
            .map(parse_delimiter)
            .transpose()?,
        encoding: match input.encoding {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Windows1254 => Encoding::Windows1254,
        },
        expiry_column: input.expiry_column.clone(),
        name_column: input.name_column.clone(),
        date_order: match input.date_order {
            DateOrderArg::Dmy => DateOrder::DayFirst,
            DateOrderArg::Mdy => DateOrder::MonthFirst,
        },
    })
}

/// A staff list: CSV text or a workbook, recognised by its first bytes.
pub enum Roster<'r> {
    Csv(Box<RosterReader<'r, Box<dyn Read>>>),
    Sheet(Box<SheetReader<'r>>),
}

impl<'r> Roster<'r> {
    pub fn columns(&self) -> &Columns {
        match self {
            Roster::Csv(r) => r.columns(),
            Roster::Sheet(r) => r.columns(),
        }
    }

    #[inline]
    pub fn next_row(&mut self) -> Option<Result<Row<'_, 'r>, RosterError>> {
        match self {
            Roster::Csv(r) => r.next_row(),
            Roster::Sheet(r) => r.next_row(),
        }
    }
}

/// Opens a roster (a file, or `-` for standard input): its name for messages, and its
/// reader. A workbook (zip or OLE container) is read whole, from standard input up to
/// [`MAX_WORKBOOK_BYTES`]; CSV streams.
pub fn open_roster<'r>(
    input: &RosterInput,
    rules: &'r Rules,
    today: NaiveDate,
    lang: Lang,
) -> Result<(String, Roster<'r>)> {
    let options = &roster_options(input)?;
    let file: &Path = &input.file;
    let sheet = input.sheet.as_deref();
    let is_stdin = file.as_os_str() == "-";
    let origin = if is_stdin {
        messages::standard_input(lang).to_owned()
    } else {
        file.display().to_string()
    };
    let cannot_read = || {
        Problem::CannotRead {
            path: origin.clone(),
        }
        .localize(lang)
    };
    let roster_named = || {
        Problem::Roster {
            origin: origin.clone(),
        }
        .localize(lang)
    };
    let mut input: Box<dyn Read> = if is_stdin {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(file).with_context(cannot_read)?)
    };
    // Peek at the first bytes, then hand them back in front of the rest.
    let mut head = Vec::with_capacity(8);
    (&mut input)
        .take(8)
        .read_to_end(&mut head)
        .with_context(cannot_read)?;
    let input: Box<dyn Read> = Box::new(io::Cursor::new(head.clone()).chain(input));
    if is_workbook(&head) {
        let mut bytes = Vec::new();
        let limit = if is_stdin {
            MAX_WORKBOOK_BYTES
        } else {
            u64::MAX - 1
        };
        input
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .with_context(cannot_read)?;
        if bytes.len() as u64 > limit {
            return Err(RosterError::TooLarge {
                limit_mib: MAX_WORKBOOK_BYTES >> 20,
            })
            .with_context(roster_named);
        }
        let reader =
            SheetReader::new(bytes, sheet, options, rules, today).with_context(roster_named)?;
        return Ok((origin, Roster::Sheet(Box::new(reader))));
    }
    if let Some(name) = sheet {
        return Err(Problem::SheetOfCsv {
            origin: origin.clone(),
            sheet: name.to_owned(),
        }
        .into());
    }
    let reader = RosterReader::new(input, options, rules, today).with_context(roster_named)?;
    Ok((origin, Roster::Csv(Box::new(reader))))
}

pub fn run(ctx: &Context, args: &RosterArgs) -> Result<Exit> {
    let output = super::monitoring_output(ctx, args.output.as_deref())?;
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

    let (origin, mut reader) = open_roster(&args.input, rules, today, ctx.lang)?;

    // What the outputs (--ics, -o) may not overwrite: the roster and the rules file.
    let mut inputs = vec![if args.input.file.as_os_str() == "-" {
        Input::Stdin { role: "roster" }
    } else {
        Input::File {
            path: &args.input.file,
            role: "roster",
        }
    }];
    if let Some(path) = ctx.source.path() {
        inputs.push(Input::File {
            path,
            role: "rules file",
        });
    }
    let mut ics_out = args
        .ics
        .as_deref()
        .map(|p| OutFile::open(p, &inputs, ctx.lang))
        .transpose()?;
    if let Some(w) = ics_out.as_mut() {
        w.write_all(ics::begin(ctx.lang).as_bytes())?;
    }
    let now = moment.now.with_timezone(&Utc);
    let mut events = ics::EventWriter::new(rules, ctx.lang, now);
    let mut calendar = Vec::with_capacity(1 << 17);

    // The calendar on standard output replaces the report there.
    let quiet_report = ctx.quiet || ics_out.as_ref().is_some_and(OutFile::is_stdout);
    let mut file = output
        .map(|p| OutFile::open_for(p, &inputs, ctx.lang, Access::ReadableByAll))
        .transpose()?;
    let (mut out, colour): (Box<dyn Write>, bool) = if let Some(f) = file.as_mut() {
        (Box::new(f), false)
    } else if quiet_report {
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
    let mut sink = if quiet_report && output.is_none() {
        Sink::Quiet
    } else {
        Sink::new(
            ctx.format,
            (args.by_month || ctx.format.is_monitoring()).then(|| MonthlyLoad::new(today)),
            reader.columns(),
            ctx.lang,
            width,
            ctx.ascii,
            args.excel_safe,
            colour,
        )
    };
    sink.begin(&mut out)?;

    let roster_named = || {
        Problem::Roster {
            origin: origin.clone(),
        }
        .localize(ctx.lang)
    };
    let mut summary = Summary::default();
    while let Some(next) = reader.next_row() {
        // Borrowed where it lies: moving a row out of its `Result` costs a copy per row.
        let row = match next {
            Ok(ref row) => row,
            Err(e) => return Err(anyhow::Error::from(e).context(roster_named())),
        };
        summary.add(&row.outcome);
        if let Some((level, message)) = view::diagnostic(row, ctx.lang) {
            ctx.voice().say(level, &message);
        }
        if !filter.keeps(&row.outcome) {
            continue;
        }
        sink.row(&mut out, row)?;
        if let (Some(w), Some(r)) = (ics_out.as_mut(), row.outcome.renewal()) {
            // Without a name column the line number stands in for the person.
            let stand_in;
            let person = if let Some(name) = row.name() {
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
    drop(out);
    if let Some(f) = file {
        f.commit()?;
    }

    if let Some(mut f) = ics_out {
        f.write_all(&calendar)?;
        f.write_all(ics::END.as_bytes())?;
        f.commit()?;
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
