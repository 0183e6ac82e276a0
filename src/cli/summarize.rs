//! `tarjama summarize`: the sentences that carry the main points.

use super::{OutputArg, io};
use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::summary::{Budget, Ranking, Weights};
use tarjama::text::CharOffsets;

const EXAMPLES: &str = "\
Examples:
  tarjama summarize article.txt                 about a quarter of the sentences (1 to 7)
  tarjama summarize --sentences 3 article.txt
  tarjama summarize --words 120 article.txt     sentences until 120 words are reached
  tarjama summarize --format json article.txt   with sentence numbers, offsets and scores

The sentences are printed in the order of the article. The ranking leans on
position (news put their point first) and adds LexRank centrality, coverage of
the article's salient terms and redundancy removal.";

/// Pick the sentences that carry the main points (extractive summary)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Input text (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
    #[command(flatten)]
    budget: BudgetArgs,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = Format::Lines)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// The chosen sentences, one per line, inner line breaks turned into spaces
    Lines,
    /// A Markdown table: sentence number, score, sentence
    Md,
    /// `{"sentences": N, "summary": [{"index","start","end","score","text"}]}`
    Json,
}

/// One chosen sentence as the md and json formats show it. The briefing's
/// English and term renderings become further fields of this record.
#[derive(Serialize)]
struct Chosen<'a> {
    /// Sentence number in the text, from 1 (as `tarjama split` numbers them).
    index: usize,
    /// Offsets in Unicode scalar values, end exclusive.
    start: usize,
    end: usize,
    score: f64,
    text: &'a str,
}

#[derive(Serialize)]
struct Report<'a> {
    /// How many sentences the text has.
    sentences: usize,
    summary: Vec<Chosen<'a>>,
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
    let text = io::read_text(args.file.as_deref())?;
    let ranking = Ranking::new(&text, &Weights::default());
    let chosen = ranking.select(args.budget.budget());
    let mut offsets = CharOffsets::new(&text);
    let report = Report {
        sentences: ranking.sentences.len(),
        summary: chosen
            .iter()
            .map(|&index| {
                let sentence = &ranking.sentences[index];
                Chosen {
                    index: index + 1,
                    start: offsets.char_offset(sentence.range.start),
                    end: offsets.char_offset(sentence.range.end),
                    score: (sentence.score * 1e4).round() / 1e4,
                    text: &text[sentence.range.clone()],
                }
            })
            .collect(),
    };
    io::write_output(args.output.output.as_deref(), |out| {
        match args.format {
            Format::Lines => {
                for chosen in &report.summary {
                    io::write_one_line(out, chosen.text)?;
                }
            }
            Format::Md => write_markdown(out, &report)?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn write_markdown(out: &mut dyn Write, report: &Report) -> Result<()> {
    writeln!(
        out,
        "Summary: {} of {} sentences\n",
        report.summary.len(),
        report.sentences
    )?;
    writeln!(out, "| # | score | sentence |\n|---:|---:|---|")?;
    for chosen in &report.summary {
        writeln!(
            out,
            "| {} | {:.4} | {} |",
            chosen.index,
            chosen.score,
            markdown_cell(chosen.text)
        )?;
    }
    Ok(())
}

/// The text on one line with the characters that would break a table
/// cell escaped.
fn markdown_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len());
    for line in text.split(['\n', '\r']).filter(|line| !line.is_empty()) {
        if !cell.is_empty() {
            cell.push(' ');
        }
        for c in line.chars() {
            if matches!(c, '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']') {
                cell.push('\\');
            }
            cell.push(c);
        }
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_stay_in_their_column() {
        assert_eq!(markdown_cell("أ | ب\nج*"), "أ \\| ب ج\\*");
    }

    #[test]
    fn ratio_must_be_a_share() {
        assert!(parse_ratio("0.3").is_ok());
        assert!(parse_ratio("0").is_err());
        assert!(parse_ratio("1.5").is_err());
        assert!(parse_ratio("NaN").is_err());
        assert!(parse_ratio("x").is_err());
    }
}
