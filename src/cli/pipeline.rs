//! The library's pipeline ([`tarjama::pipeline`]) as the commands that show
//! English set it up (`translate`, `brief`, `summarize`): the glossary's
//! terms, the translation memory (read only) and an optional machine
//! translator (`--mt-cmd`).

use super::batch::{self, Inputs};
use super::output_format::{OutputFormat, names_parser};
use super::{GlossaryArgs, OutputArg, TmArgs, io};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::document::Document;
use tarjama::glossary::Glossary;
use tarjama::mt;
use tarjama::pipeline::Translator;
use tarjama::text::script::LetterCounts;
use tarjama::tm::{OpenMode, TmError, TranslationMemory};

/// The options that pick the glossary, the memory and the machine
/// translator.
#[derive(Debug, clap::Args)]
pub struct PipelineArgs {
    /// Lowest translation-memory score of a match: translate gives a fuzzy match's English as a
    /// draft, brief and summarize show it only as a similar sentence (100: exact matches only)
    #[arg(long, value_name = "SCORE", default_value_t = 75, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_score: u8,
    /// Machine-translate the sentences the memory leaves without English with this shell
    /// command (one Arabic sentence per line in, one English line per line out)
    #[arg(long, value_name = "CMD")]
    pub mt_cmd: Option<String>,
    #[command(flatten)]
    pub glossary: GlossaryArgs,
    #[command(flatten)]
    pub tm: TmArgs,
}

/// What a fuzzy match of the memory gives a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuzzyMatches {
    /// Its English, for a translator to post-edit (`translate`).
    Draft,
    /// Only a similar sentence to compare with: the English shown must be
    /// the sentence's own, from an exact match or the machine translator
    /// (`brief`, `summarize`).
    Reference,
}

/// The glossary, memory and machine translator, set up once for all inputs.
pub struct Pipeline {
    glossary: Glossary,
    memory: Option<TranslationMemory>,
    min_score: u8,
    fuzzy: FuzzyMatches,
    mt_cmd: Option<String>,
}

impl PipelineArgs {
    /// The files the glossaries and the memory are read from.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = self.glossary.files();
        files.extend(self.tm.path().ok());
        files
    }

    /// Loads the glossaries (none is fine) and opens the memory, if there
    /// is one; `fuzzy` says what fuzzy matches are for.
    pub fn load(&self, fuzzy: FuzzyMatches) -> Result<Pipeline> {
        Ok(Pipeline {
            glossary: self.glossary.load_any()?,
            memory: open_memory(&self.tm)?,
            min_score: self.min_score,
            fuzzy,
            mt_cmd: self.mt_cmd.clone(),
        })
    }
}

/// The inputs and the format of a command that writes one document per
/// input text (`translate`, `brief`).
#[derive(Debug, clap::Args)]
pub struct PerInputArgs<F: OutputFormat> {
    /// Inputs (UTF-8): files or folders of *.txt; `-` or none reads standard input
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format [default: from the -o extension, else md]
    #[arg(short = 'f', long, value_name = "FORMAT", value_parser = names_parser::<F>())]
    format: Option<F>,
}

impl PipelineArgs {
    /// Runs a command that makes a document of every input text and writes
    /// it (`translate`, `brief`): one output per input, in the format of
    /// `--format`, else the one the `-o` extension asks for, else the
    /// first of `F` (Markdown). `write(text, document, format, out)` writes
    /// one.
    pub fn run_per_input<F: OutputFormat>(
        &self,
        inputs: &PerInputArgs<F>,
        output: &OutputArg,
        fuzzy: FuzzyMatches,
        write: impl Fn(&str, Document, F, &mut dyn Write) -> Result<()>,
    ) -> Result<ExitCode> {
        let output = output.output.as_deref();
        let format = inputs.format;
        let inputs = Inputs::new(&inputs.files, output)?;
        let format = inputs.format(format, output, F::ALL[0])?;
        let pipeline = self.load(fuzzy)?;
        let reads = self.files();
        let code = batch::run(
            &inputs,
            output,
            format.extensions()[0],
            &reads,
            |input, output| {
                let text = io::read_text(input)?;
                warn_unless_arabic(&io::display_name(input), &text);
                let document = pipeline.translate(batch::document_name(input), &text)?;
                io::write_output(output, &io::reads(input, &reads), |out| {
                    write(&text, document, format, out)
                })
            },
        )?;
        pipeline.finish();
        Ok(code)
    }
}

impl Pipeline {
    /// The glossary, `None` when there is none.
    pub fn glossary(&self) -> Option<&Glossary> {
        (!self.glossary.is_empty()).then_some(&self.glossary)
    }

    /// The library's translator over this glossary and memory.
    pub fn translator(&self) -> Translator<'_> {
        Translator {
            glossary: self.glossary(),
            memory: self.memory.as_ref(),
            min_score: self.min_score,
        }
    }

    /// `text` aligned: its sentences with their terms, English from the
    /// memory, then from the machine translator for the rest.
    pub fn translate(&self, name: String, text: &str) -> Result<Document> {
        let mut document = self.translator().translate(name, text)?;
        self.machine_translate(&mut document)?;
        Ok(document)
    }

    /// Fills the segments of `document` without English from the memory,
    /// then from the machine translator.
    pub fn fill(&self, document: &mut Document) -> Result<()> {
        self.translator().fill(document)?;
        self.machine_translate(document)
    }

    /// Sends the segments still without English to `--mt-cmd`, if given,
    /// after taking out the English of fuzzy matches where they are only
    /// for reference.
    fn machine_translate(&self, document: &mut Document) -> Result<()> {
        if self.fuzzy == FuzzyMatches::Reference {
            document.fuzzy_as_reference();
        }
        if let Some(command) = &self.mt_cmd {
            mt::translate_untranslated(document, |sentences| mt::command::run(command, sentences))
                .with_context(|| format!("`{command}`"))?;
        }
        Ok(())
    }

    /// Ends the command: the memory is closed, the glossary left for the
    /// process exit to free (freeing a large glossary piece by piece would
    /// only delay the exit).
    pub fn finish(self) {
        std::mem::forget(self.glossary);
    }
}

/// Warns on standard error when `text` (the input `name`) is not Arabic:
/// the command still runs, but finds no terms and no Arabic sentences.
pub fn warn_unless_arabic(name: &str, text: &str) {
    let letters = LetterCounts::of(text);
    if letters.is_not_arabic() {
        eprintln!(
            "tarjama: warning: the text is not Arabic ({} of its {} letters are of another script): {name}\n\
             hint: tarjama reads Arabic text; check that this is the input you meant",
            letters.other,
            letters.arabic + letters.other
        );
    }
}

/// The translation memory, opened read-only; `None` when the file does not
/// exist (a warning says so when the user named it).
fn open_memory(args: &TmArgs) -> Result<Option<TranslationMemory>> {
    let path = args.path()?;
    match TranslationMemory::open(&path, OpenMode::ReadOnly) {
        Ok(memory) => Ok(Some(memory)),
        Err(TmError::Missing { path }) => {
            if args.tm.is_some() {
                eprintln!(
                    "tarjama: warning: no translation memory, no row is filled from it: {}\n\
                     hint: check --tm or TARJAMA_TM; `tarjama tm import FILE` creates one",
                    path.display()
                );
            }
            Ok(None)
        }
        Err(err) => Err(err.into()),
    }
}
