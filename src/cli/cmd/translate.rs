//! `tarjama translate`: texts aligned with their English, one output per input.

use crate::cli::OutputArg;
use crate::cli::pipeline::{FuzzyMatches, PerInputArgs, PipelineArgs};
use anyhow::Result;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use std::io::Write;
use std::process::ExitCode;
use tarjama::document::Document;
use tarjama::exchange::xliff::XliffVersion;
use tarjama::output::{DocumentFormat, Options};

const EXAMPLES: &str = "\
Every sentence is looked up in the translation memory (exact, or fuzzy from --min-score: a
fuzzy row notes what differs from the memory's sentence, numbers and negation included) and
its glossary terms are found; rows the memory leaves empty show the terms' English as a hint
(md, html) or go to --mt-cmd. The memory is only read, never created: without one, no row is
filled from it (a warning says so when --tm or TARJAMA_TM names a missing file).

With several inputs, or a folder (all its *.txt), -o names a folder (created if missing) that
receives one output per input, named after it: articles/gaza.txt -> out/gaza.md.

Formats: md (table and term list), tsv (id, source, target, origin, score, terms, note: fill in
target and import it back with `tm import`), json (every field), html (one self-contained page),
xliff (1.2 for CAT tools, or 2.0 with --xliff-version 2), tmx (the rows that have English).
Without --format the -o extension decides (.md .tsv .json .html .xlf/.xliff .tmx); standard
output gets md.

Examples:
  tarjama translate article.txt                       Markdown on standard output
  tarjama translate article.txt -o article.xlf        XLIFF 1.2 for a CAT tool
  tarjama translate --xliff-copy-source article.txt -o omegat.xlf
  tarjama translate -f tsv article.txt -o todo.tsv    a sheet for a translator
  tarjama tm import todo.tsv                          ... once its targets are filled in
  tarjama translate --tm project.sqlite --min-score 85 -f html article.txt -o article.html
  tarjama translate --mt-cmd 'trans -b ar:en' -f tsv article.txt -o draft.tsv
  tarjama translate -g names.yaml --no-default-glossary article.txt
  tarjama translate -f html articles/ -o pages/       every *.txt of a folder

--mt-cmd runs CMD with /bin/sh once per input, writes one Arabic sentence per line to its
standard input and reads one English line per line back (origin mt); an English line without
the glossary's rendering of a term in its sentence gets a warning. A command that fails or
answers a different number of lines is an error (exit code 2): that input gets no output.";

/// Write texts aligned sentence by sentence with their English
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    inputs: PerInputArgs<DocumentFormat>,
    /// XLIFF version to write
    #[arg(long, value_name = "VERSION", default_value = "1.2", value_parser = xliff_version_parser())]
    xliff_version: XliffVersion,
    /// In XLIFF, copy the Arabic into the target of untranslated units (OmegaT translates the
    /// text inside <target>)
    #[arg(long)]
    xliff_copy_source: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
    #[command(flatten)]
    output: OutputArg,
}

fn xliff_version_parser() -> impl TypedValueParser<Value = XliffVersion> {
    PossibleValuesParser::new([
        PossibleValue::new("1.2"),
        PossibleValue::new("2").alias("2.0"),
    ])
    .try_map(|name| name.parse::<XliffVersion>())
}

pub fn run(args: Args) -> Result<ExitCode> {
    let options = Options {
        xliff_version: args.xliff_version,
        xliff_copy_source: args.xliff_copy_source,
    };
    let write = |_: &str, document: Document, format: DocumentFormat, out: &mut dyn Write| {
        Ok(format.write(&document, &options, out)?)
    };
    args.pipeline
        .run_per_input(&args.inputs, &args.output, FuzzyMatches::Draft, write)
}
