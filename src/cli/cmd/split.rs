//! `tarjama split`: the sentences of a text.

use crate::cli::output_format::{self, OutputFormat};
use crate::cli::{OutputArg, io};
use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer as _};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tarjama::text::CharOffsets;
use tarjama::text::segment::sentences;

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
    #[arg(short = 'f', long, value_enum)]
    format: Option<Format>,
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

impl OutputFormat for Format {
    const ALL: &'static [Self] = &[Format::Lines, Format::Json];

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Lines => &["txt"],
            Format::Json => &["json"],
        }
    }
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    id: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let input = args.file.as_deref();
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, Format::Lines)?;
    let reads = [io::or_stdin(input)];
    io::write_output(output, &reads, |out| match format {
        Format::Lines => write_lines(input, out),
        Format::Json => write_json(input, out),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn write_lines(input: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    io::for_each_stretch(input, |stretch| {
        for range in sentences(stretch) {
            io::write_one_line(out, &stretch[range])?;
        }
        Ok(())
    })
}

fn write_json(input: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    let mut records = serializer.serialize_seq(None)?;
    let mut id = 0;
    let mut chars_before = 0;
    io::for_each_stretch(input, |stretch| {
        let mut offsets = CharOffsets::new(stretch);
        for range in sentences(stretch) {
            id += 1;
            records.serialize_element(&SentenceRecord {
                id,
                start: chars_before + offsets.char_offset(range.start),
                end: chars_before + offsets.char_offset(range.end),
                text: &stretch[range],
            })?;
        }
        chars_before += offsets.char_offset(stretch.len());
        Ok(())
    })?;
    records.end()?;
    out.write_all(b"\n")?;
    Ok(())
}
