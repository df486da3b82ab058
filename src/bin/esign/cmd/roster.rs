//! `esign roster`: a staff list in, one verdict per row out (or the monthly load chart),
//! plus calendar reminders with `--ics`. Streams: rows are read, assessed and written
//! one at a time.

use std::fs::File;
use std::io::{self, Read, Write};

use anyhow::{anyhow, bail, Context as _, Result};
use chrono::Utc;
use esign::ics::{self, Reminder};
use esign::renewal::{Span, State};
use esign::roster::{Encoding, Filter, MonthlyLoad, Options, RosterReader, StateName, Summary};

use crate::cli::{EncodingArg, RosterArgs, StateArg};
use crate::context::Context;
use crate::exit::Exit;
use crate::outfile::{Input, OutFile};
use crate::output;
use crate::output::OutputFormat;
use crate::render::roster::{self as view, Sink};

pub fn run(ctx: &Context, args: &RosterArgs) -> Result<Exit> {
    let options = Options {
        delimiter: args.delimiter.as_deref().map(parse_delimiter).transpose()?,
        encoding: match args.encoding {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Windows1254 => Encoding::Windows1254,
        },
        expiry_column: args.expiry_column.clone(),
        name_column: args.name_column.clone(),
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
                    .map_err(|e| anyhow!("--due-within {e}"))
            })
            .transpose()?,
    };

    let is_stdin = args.file.as_os_str() == "-";
    let origin = if is_stdin {
        "standard input".to_owned()
    } else {
        args.file.display().to_string()
    };
    let input: Box<dyn Read> = if is_stdin {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(&args.file).with_context(|| format!("cannot read roster {origin}"))?)
    };
    let mut reader = RosterReader::new(input, &options, rules, today)
        .with_context(|| format!("roster {origin}"))?;

    let mut ics_out = match &args.ics {
        None => None,
        Some(p) => {
            let mut inputs = vec![if is_stdin {
                Input::Stdin { role: "roster" }
            } else {
                Input::File {
                    path: &args.file,
                    role: "roster",
                }
            }];
            if let Some(path) = ctx.source.path() {
                inputs.push(Input::File {
                    path,
                    role: "rules file",
                });
            }
            Some(OutFile::open(p, &inputs, ctx.lang)?)
        }
    };
    if let Some(w) = ics_out.as_mut() {
        w.write_all(ics::begin(ctx.lang).as_bytes())?;
    }
    let now = moment.now.with_timezone(&Utc);

    // The calendar on standard output replaces the report there.
    let quiet_report = ctx.quiet || ics_out.as_ref().is_some_and(OutFile::is_stdout);
    let mut out: Box<dyn Write> = if quiet_report {
        Box::new(io::sink())
    } else if ctx.format == OutputFormat::Text {
        output::text_stdout(ctx)
    } else {
        output::data_stdout(ctx)
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
            args.excel_safe,
        )
    };
    sink.begin(&mut out)?;

    let mut summary = Summary::default();
    let mut stderr = io::stderr();
    while let Some(row) = reader.next_row() {
        let row = row.with_context(|| format!("roster {origin}"))?;
        summary.add(&row.outcome);
        if let Some(message) = view::diagnostic(&row) {
            let _ = writeln!(stderr, "{message}");
        }
        if !filter.keeps(&row.outcome) {
            continue;
        }
        sink.row(&mut out, &row)?;
        if let (Some(w), Some(r)) = (ics_out.as_mut(), row.outcome.renewal()) {
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
            w.write_all(ics::events(&reminder, rules, ctx.lang, now).as_bytes())?;
        }
    }
    sink.finish(&mut out, &summary)?;
    out.flush()?;

    if let Some(mut f) = ics_out {
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
    match ctx.lang {
        esign::lang::Lang::En => format!("line {line}"),
        esign::lang::Lang::Tr => format!("satır {line}"),
    }
}

fn state_name(s: StateArg) -> StateName {
    match s {
        StateArg::Valid => StateName::State(State::Valid),
        StateArg::NotYetValid => StateName::State(State::NotYetValid),
        StateArg::RenewalDue => StateName::State(State::RenewalDue),
        StateArg::Expired => StateName::State(State::Expired),
        StateArg::Error => StateName::Error,
    }
}

/// `,` `;` `tab` (or `\t`) or any one printable ASCII character other than a quote.
fn parse_delimiter(text: &str) -> Result<u8> {
    match text {
        "tab" | "\\t" | "\t" | "TAB" => Ok(b'\t'),
        _ => match text.as_bytes() {
            [b] if b.is_ascii_graphic() && *b != b'"' => Ok(*b),
            _ => bail!("--delimiter \"{text}\" is not one character: use , ; tab or another single ASCII character"),
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
