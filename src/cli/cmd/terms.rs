//! `tarjama terms`: the glossary entries found in a text.

use crate::cli::output_format;
use crate::cli::{GlossaryArgs, OutputArg, io};
use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tarjama::glossary::Glossary;
use tarjama::output::terms::{TermFormat, TermWriter};

const EXAMPLES: &str = "\
Examples:
  tarjama terms article.txt                       table of the built-in glossary's hits
  tarjama terms -g names.yaml -g extra.tsv article.txt
  tarjama terms --no-default-glossary -g names.yaml --format json article.txt
  echo 'وصل لافروف إلى جنيف' | tarjama terms

Matching ignores diacritics and tatweel, folds أ إ آ to ا, ة to ه and ى to ي, and sees names
behind the proclitics و ف ب ك ل (وللأمم المتحدة, بجنيف). In JSON, start/end count Unicode scalar
values of the input (end exclusive), byte_start/byte_end count UTF-8 bytes, and entry is the
entry's Arabic key even when a variant matched.";

/// Find glossary names and terms in Arabic text
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Input text (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
    /// Output format [default: from the -o extension (.txt .json), else table]
    #[arg(short = 'f', long, value_parser = output_format::parser::<TermFormat>())]
    format: Option<TermFormat>,
    #[command(flatten)]
    glossary: GlossaryArgs,
    #[command(flatten)]
    output: OutputArg,
}

/// Texts are matched in chunks of at least this many bytes, cut where the
/// splitter cuts its stretches (after a blank line or a sentence end at a
/// line end): no glossary form crosses such a cut, and an input shorter than
/// this is matched whole. The matcher's ى/ي rule (is علي the name or the
/// preposition?) looks at how a text writes its particles; it decides per
/// chunk, which for 8 MB of one writer's text is the same decision.
const CHUNK_LEN: usize = 8 << 20;

pub fn run(args: Args) -> Result<ExitCode> {
    let input = args.file.as_deref();
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, TermFormat::Table)?;
    let glossary_files = args.glossary.files();
    let reads = io::reads(input, &glossary_files);
    let glossary = args.glossary.load()?;
    io::write_output(output, &reads, |out| {
        write_matches(input, format, &glossary, CHUNK_LEN, out)
    })?;
    // The process ends here: freeing a million-entry glossary piece by piece
    // would only delay the exit.
    std::mem::forget(glossary);
    Ok(ExitCode::SUCCESS)
}

/// Reads the input chunk by chunk (see [`CHUNK_LEN`]) and writes the hits
/// of each as it goes, offsets counted from the start of the input.
fn write_matches(
    input: Option<&Path>,
    format: TermFormat,
    glossary: &Glossary,
    chunk_len: usize,
    out: &mut dyn Write,
) -> Result<()> {
    // Both formats write many small pieces: a typed buffer in front of the
    // `dyn Write` keeps each from being a call through it.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut writer = TermWriter::new(format);
    writer.begin(&mut out)?;
    io::for_each_chunk(input, chunk_len, |chunk| {
        Ok(writer.chunk(&mut out, chunk, glossary, &glossary.find(chunk))?)
    })?;
    writer.finish(&mut out)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tarjama::glossary::Entry;

    fn matches(path: &Path, format: TermFormat, glossary: &Glossary, chunk_len: usize) -> String {
        let mut out = Vec::new();
        write_matches(Some(path), format, glossary, chunk_len, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn chunks_give_the_offsets_and_hits_of_the_whole_text() {
        let mut glossary = Glossary::new();
        glossary.add(
            [("جنيف", "Geneva"), ("الأمم المتحدة", "United Nations")]
                .map(|(ar, en)| Entry {
                    ar: ar.into(),
                    en: en.into(),
                    ..Entry::default()
                })
                .to_vec(),
        );
        let paragraph = "وصل 😀 الوفد إلى جنيف.\nوقالت الأمم\nالمتحدة إن المحادثات بدأت.\n\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("text.txt");
        std::fs::write(&path, paragraph.repeat(40)).unwrap();
        for format in [TermFormat::Json, TermFormat::Table] {
            let whole = matches(&path, format, &glossary, usize::MAX);
            assert_eq!(matches(&path, format, &glossary, 100), whole);
            assert_eq!(matches(&path, format, &glossary, 1), whole);
        }
        let json: serde_json::Value =
            serde_json::from_str(&matches(&path, TermFormat::Json, &glossary, 1)).unwrap();
        let hits = json["matches"].as_array().unwrap();
        assert_eq!(hits.len(), 80);
        let last = &hits[79];
        let text = paragraph.repeat(40);
        let (start, end) = (
            usize::try_from(last["byte_start"].as_u64().unwrap()).unwrap(),
            usize::try_from(last["byte_end"].as_u64().unwrap()).unwrap(),
        );
        assert_eq!(&text[start..end], "الأمم\nالمتحدة");
        assert_eq!(
            usize::try_from(last["start"].as_u64().unwrap()).unwrap(),
            text[..start].chars().count()
        );
    }
}
