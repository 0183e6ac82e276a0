//! `tarjama brief`: the English briefing of Arabic articles, one per input.

use super::summarize::BudgetArgs;
use crate::cli::OutputArg;
use crate::cli::pipeline::{FuzzyMatches, PerInputArgs, PipelineArgs};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use tarjama::brief::{Briefing, ENTITY_WEIGHT, Options};
use tarjama::output::BriefFormat;

const EXAMPLES: &str = "\
A briefing has the headline (the first line, when it is one: a breadcrumb trail before it and
a repeat after it are left out), the key points (the summary of the body, with their English
from an exact match of the translation memory or --mt-cmd, else the English of their names,
terms and numbers in sentence order: `… [Sergei Ryabkov] … [Moscow] … 2014`; a fuzzy match
only as a similar sentence, with what differs), a who/what/where table of the glossary's
people, organizations, places, titles and terms with their mentions and first sentence, and
the whole text aligned sentence by sentence (as `translate` writes it).

Key points are picked from the body as `summarize` picks sentences; --sentences, --words and
--ratio set how many. --entity-weight W ranks sentences that name more of the glossary's people,
organizations and places higher (off by default: on the EASC benchmark every weight that changed
the picks made them worse).

With several inputs, or a folder (all its *.txt), -o names a folder (created if missing) that
receives one briefing per input, named after it: articles/gaza.txt -> out/gaza.html.
Without --format the -o extension decides (.md .html .json); standard output gets md.

Examples:
  tarjama brief article.txt                        Markdown on standard output
  tarjama brief article.txt -o article.html        one self-contained page
  tarjama brief -f json article.txt                every field, for scripts
  tarjama brief --sentences 5 article.txt          five key points
  tarjama brief --tm project.sqlite --mt-cmd 'trans -b ar:en' article.txt
  tarjama brief -f html articles/ -o briefings/    every *.txt of a folder";

/// Write an English briefing of Arabic articles: headline, key points, who/what/where, the
/// aligned text
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    inputs: PerInputArgs<BriefFormat>,
    #[command(flatten)]
    budget: BudgetArgs,
    /// Rank key points that name more people, organizations and places higher by this weight
    /// (position counts 1 for the first sentence, 0.5 for the second …)
    #[arg(long, value_name = "W", default_value_t = ENTITY_WEIGHT, value_parser = parse_weight)]
    entity_weight: f64,
    #[command(flatten)]
    pipeline: PipelineArgs,
    #[command(flatten)]
    output: OutputArg,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let options = Options {
        budget: args.budget.budget(),
        entity_weight: args.entity_weight,
    };
    let write = |text: &str, document, format: BriefFormat, out: &mut dyn Write| {
        Ok(format.write(&Briefing::new(text, document, &options), out)?)
    };
    args.pipeline
        .run_per_input(&args.inputs, &args.output, FuzzyMatches::Reference, write)
}

fn parse_weight(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(weight) if weight.is_finite() && weight >= 0.0 => Ok(weight),
        _ => Err(format!("`{value}` is not a number of 0 or more")),
    }
}
