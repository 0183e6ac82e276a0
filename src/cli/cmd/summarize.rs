//! `tarjama summarize`: the sentences that carry the main points.

use crate::cli::output_format;
use crate::cli::pipeline::{FuzzyMatches, PipelineArgs, warn_unless_arabic};
use crate::cli::{OutputArg, batch, io};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::brief::{KeyPoint, Summary};
use tarjama::document::{Document, Segment};
use tarjama::output::sentences::write_one_line;
use tarjama::output::summary::{SummaryFormat, write_summary};
use tarjama::summary::{Budget, Ranking, Weights};

const EXAMPLES: &str = "\
With --format md or json, each sentence comes with its English: from an exact match of the
translation memory (--tm) or --mt-cmd when they have it (a fuzzy match from --min-score is shown
only as a similar sentence, with what differs), and always the English of its glossary terms
(-g, --no-default-glossary), also in sentence order (`… [Sergei Ryabkov] … [Moscow] …`).
The default output is the sentences alone and reads no glossary and no memory.

Examples:
  tarjama summarize article.txt                 about a quarter of the sentences (1 to 7)
  tarjama summarize --sentences 3 article.txt
  tarjama summarize --words 120 article.txt     sentences until 120 words are reached
  tarjama summarize --format json article.txt   with sentence numbers, offsets and scores
  tarjama summarize -f md --tm project.sqlite article.txt   with each sentence's English

The sentences are printed in the order of the article. The ranking is by
position (news and encyclopedia articles put their point first), with run-on
sentences of more than 60 words counted down, near-repeats and fragments of fewer
than three words kept out, and a breadcrumb trail or repeated headline at the top
never taken; with
--words, a sentence that alone has as many words as the budget is only taken
when nothing else is left (except the first).";

/// Pick the sentences that carry the main points (extractive summary)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Input text (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
    #[command(flatten)]
    budget: BudgetArgs,
    /// Output format [default: from the -o extension (.txt .md .json), else lines]
    #[arg(short = 'f', long, value_parser = output_format::parser::<SummaryFormat>())]
    format: Option<SummaryFormat>,
    #[command(flatten)]
    pipeline: PipelineArgs,
    #[command(flatten)]
    output: OutputArg,
}

fn parse_ratio(value: &str) -> Result<f64, String> {
    let ratio: f64 = value
        .parse()
        .map_err(|_| format!("`{value}` is not a number"))?;
    if ratio > 0.0 && ratio <= 1.0 {
        Ok(ratio)
    } else {
        Err("the ratio must be above 0 and at most 1".to_owned())
    }
}

/// How much of the text a summary takes (at most one of the three).
#[derive(Debug, clap::Args)]
pub struct BudgetArgs {
    /// Take this many sentences
    #[arg(long, value_name = "N", group = "budget", value_parser = clap::value_parser!(u32).range(1..))]
    sentences: Option<u32>,
    /// Take sentences until they reach N words (the last one may go past N)
    #[arg(long, value_name = "N", group = "budget", value_parser = clap::value_parser!(u32).range(1..))]
    words: Option<u32>,
    /// Take this share of the sentences (0 < R ≤ 1), at least one
    #[arg(long, value_name = "R", group = "budget", value_parser = parse_ratio)]
    ratio: Option<f64>,
}

impl BudgetArgs {
    pub fn budget(&self) -> Budget {
        match (self.sentences, self.words, self.ratio) {
            (Some(count), _, _) => Budget::Sentences(count as usize),
            (_, Some(count), _) => Budget::Words(count as usize),
            (_, _, Some(ratio)) => Budget::Ratio(ratio),
            _ => Budget::Default,
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, SummaryFormat::Lines)?;
    let files = args.pipeline.files();
    let reads = io::reads(args.file.as_deref(), &files);
    let text = io::read_text(args.file.as_deref())?;
    warn_unless_arabic(&io::display_name(args.file.as_deref()), &text);
    let ranking = Ranking::of_article(&text, &Weights::default());
    let chosen = ranking.select(args.budget.budget());
    if let SummaryFormat::Lines = format {
        // What the benchmark runs: no glossary, no memory.
        return io::write_output(output, &reads, |out| {
            for &index in &chosen {
                write_one_line(out, &text[ranking.sentences[index].range.clone()])?;
            }
            Ok(())
        })
        .map(|()| ExitCode::SUCCESS);
    }
    let pipeline = args.pipeline.load(FuzzyMatches::Reference)?;
    let document = pipeline
        .translator()
        .sentences(batch::document_name(args.file.as_deref()), &text);
    // Only the chosen sentences are looked up and machine-translated.
    let (segments, scores): (Vec<Segment>, Vec<f64>) = chosen
        .iter()
        .filter_map(|&index| {
            let segment = document.segments.get(index)?.clone();
            Some((segment, ranking.sentences[index].score))
        })
        .unzip();
    let mut picked = Document {
        name: document.name,
        segments,
    };
    pipeline.fill(&mut picked)?;
    let summary = Summary {
        sentences: ranking.sentences.len(),
        summary: picked
            .segments
            .iter()
            .zip(scores)
            .map(|(segment, score)| KeyPoint::new(segment, score))
            .collect(),
    };
    io::write_output(output, &reads, |out| {
        Ok(write_summary(&summary, format, out)?)
    })?;
    pipeline.finish();
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_must_be_a_share() {
        assert!(parse_ratio("0.3").is_ok());
        assert!(parse_ratio("0").is_err());
        assert!(parse_ratio("1.5").is_err());
        assert!(parse_ratio("NaN").is_err());
        assert!(parse_ratio("x").is_err());
    }
}
