//! `tarjama split`: the sentences of a text.

use super::{OutputArg, io};
use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::text::{CharOffsets, split};

const EXAMPLES: &str = "\
Examples:
  tarjama split article.txt
  tarjama split --format json article.txt -o sentences.json
  curl -s https://example.org/news.txt | tarjama split";

/// Split Arabic text into sentences
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Input text (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = Format::Lines)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// One sentence per line, inner line breaks turned into spaces
    Lines,
    /// `[{"id","start","end","text"}]`, offsets in Unicode scalar values
    Json,
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    id: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let text = io::read_text(args.file.as_deref())?;
    let sentences = split(&text);
    io::write_output(args.output.output.as_deref(), |out| {
        match args.format {
            Format::Lines => {
                for range in &sentences {
                    let sentence = &text[range.clone()];
                    for (index, line) in sentence.lines().enumerate() {
                        if index > 0 {
                            out.write_all(b" ")?;
                        }
                        out.write_all(line.trim_end_matches('\r').as_bytes())?;
                    }
                    out.write_all(b"\n")?;
                }
            }
            Format::Json => {
                let mut offsets = CharOffsets::new(&text);
                let records: Vec<SentenceRecord> = sentences
                    .iter()
                    .enumerate()
                    .map(|(index, range)| SentenceRecord {
                        id: index + 1,
                        start: offsets.char_offset(range.start),
                        end: offsets.char_offset(range.end),
                        text: &text[range.clone()],
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &records)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
