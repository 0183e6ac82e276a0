//! `tarjama split`: the sentences of a text.

use crate::cli::output_format;
use crate::cli::{OutputArg, io};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::output::sentences::{SentenceFormat, write_sentences};

const EXAMPLES: &str = "\
Examples:
  tarjama split article.txt
  tarjama split --format json article.txt -o sentences.json
  curl -s https://example.org/news.txt | tarjama split

Headlines, bylines, list items and paragraphs are sentences of their own; a
line break inside a running sentence (text pasted from a PDF or an e-mail) is
not a boundary. Input of any size is read piece by piece.";

/// Split Arabic text into sentences
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Input text (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
    /// Output format [default: from the -o extension (.txt .json), else lines]
    #[arg(short = 'f', long, value_parser = output_format::parser::<SentenceFormat>())]
    format: Option<SentenceFormat>,
    #[command(flatten)]
    output: OutputArg,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let input = args.file.as_deref();
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, SentenceFormat::Lines)?;
    let reads = [io::or_stdin(input)];
    io::write_output(output, &reads, |out| {
        write_sentences(format, out, |each| io::for_each_stretch(input, each))
    })?;
    Ok(ExitCode::SUCCESS)
}
