//! `tarjama check`: QA of a translated bilingual file.

use crate::cli::output_format;
use crate::cli::{GlossaryArgs, OptionalTmArgs, OutputArg, io};
use anyhow::Result;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::exchange::ExchangeFormat;
use tarjama::glossary::Glossary;
use tarjama::output::qa::{Report, ReportFormat};
use tarjama::qa::{self, Severity};

const EXAMPLES: &str = "\
Examples:
  tarjama check done.tsv                       the TSV `translate` wrote, targets filled in
  tarjama check project.xlf -g names.yaml      XLIFF 1.2/2.0 from a CAT tool, one more glossary
  tarjama check memory.tmx --tm team.sqlite    also compare with a translation memory
  tarjama check -f json --fail-on warning done.xlf > findings.json

Input: TSV (source<TAB>target, or the id/source/target/... file of `translate`), XLIFF 1.2 or
2.0, TMX, told apart by content and extension. Segment ids: the TSV id column (the line number
without one), the XLIFF unit id, the TMX <tu> position.

Findings (severity):
  untranslated     error    empty target, a copy of the source, Arabic script left in the target
  term-missing     error    an entry found in the source whose en (or long) the target lacks
  term-avoided     error    the target uses one of the entry's `avoid` renderings
  number-mismatch  error    digits of one side missing on the other (٢٠١٤ = 2014, 1,000 = 1000)
  punctuation      warning  a question in the source, none in the target
  inconsistent     warning  the same source translated differently (in the file, or in the TM
                            with --tm), or one translation given to unrelated sources

Exit codes: 0 no finding at or above --fail-on, 1 some, 2 bad input or usage.";

/// Check a translated bilingual file against the glossary and the TM
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Bilingual file (TSV, XLIFF, TMX); `-` or absent reads standard input
    file: Option<PathBuf>,
    /// Output format [default: from the -o extension (.txt .json .tsv), else text]
    #[arg(short = 'f', long, value_parser = output_format::parser::<ReportFormat>())]
    format: Option<ReportFormat>,
    /// Exit 1 when a finding of this severity or worse is found
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    #[command(flatten)]
    glossary: GlossaryArgs,
    #[command(flatten)]
    tm: OptionalTmArgs,
    #[command(flatten)]
    output: OutputArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    /// Errors only
    Error,
    /// Warnings and errors
    Warning,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let output = args.output.output.as_deref();
    let report_format = output_format::choose(args.format, output, ReportFormat::Text)?;
    let path = io::or_stdin(args.file.as_deref());
    let name = io::display_name(Some(path));
    let text = io::read_exchange_file(path, &name)?;
    let format = ExchangeFormat::detect(Some(path), &text);
    let segments = qa::read_pairs(&name, &text, format)?;
    if segments.is_empty() {
        eprintln!(
            "tarjama: warning: checked 0 segments: {name} has none\n\
             hint: check needs source and target pairs (TSV source<TAB>target, XLIFF, TMX)"
        );
    }
    let glossary = if args.glossary.no_default_glossary && args.glossary.glossary.is_empty() {
        Glossary::new()
    } else {
        args.glossary.load()?
    };
    let tm = args.tm.open()?;
    let findings = qa::check(&segments, &glossary, tm.as_ref())?;
    let report = Report {
        file: &name,
        segments: &segments,
        findings: &findings,
    };
    let mut files = args.glossary.files();
    files.extend(args.tm.tm.clone());
    io::write_output(output, &io::reads(Some(path), &files), |out| {
        Ok(report.write(report_format, out)?)
    })?;
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    Ok(if findings.iter().any(|f| f.severity() >= threshold) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
