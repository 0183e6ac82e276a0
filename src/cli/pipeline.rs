//! Where the English of a text comes from, for every command that shows
//! it: the glossary's terms, the translation memory (read only) and an
//! optional machine translator (`--mt-cmd`).

use super::{GlossaryArgs, TmArgs};
use anyhow::{Context, Result};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use tarjama::document::{Document, Translator};
use tarjama::glossary::Glossary;
use tarjama::mt;
use tarjama::text::script::LetterCounts;
use tarjama::tm::{OpenMode, TmError, TranslationMemory};

/// The options that pick the glossary, the memory and the machine
/// translator.
#[derive(Debug, clap::Args)]
pub struct EnglishArgs {
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
pub struct English {
    glossary: Glossary,
    memory: Option<TranslationMemory>,
    min_score: u8,
    fuzzy: FuzzyMatches,
    mt_cmd: Option<String>,
}

impl EnglishArgs {
    /// The files the glossaries and the memory are read from.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = self.glossary.files();
        files.extend(self.tm.path().ok());
        files
    }

    /// Loads the glossaries (none is fine) and opens the memory, if there
    /// is one; `fuzzy` says what fuzzy matches are for.
    pub fn load(&self, fuzzy: FuzzyMatches) -> Result<English> {
        Ok(English {
            glossary: self.glossary.load_any()?,
            memory: open_memory(&self.tm)?,
            min_score: self.min_score,
            fuzzy,
            mt_cmd: self.mt_cmd.clone(),
        })
    }
}

impl English {
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
        if let Some(memory) = &self.memory {
            document.fill_from_memory(memory, self.min_score)?;
        }
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
            mt::translate_untranslated(document, |sentences| run_mt_command(command, sentences))
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

/// Runs the machine translator: `command` through the shell, `input` on its
/// standard input, its standard output returned; its standard error goes to
/// ours.
fn run_mt_command(command: &str, input: &str) -> std::io::Result<String> {
    let failed = |what: String| {
        std::io::Error::other(format!(
            "{what}\nhint: try it by hand: echo 'وصل الوفد إلى جنيف.' | {command}"
        ))
    };
    let mut child = shell(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|err| failed(format!("cannot start the machine translator ({err})")))?;
    let mut stdin = child.stdin.take().expect("piped standard input");
    let mut stdout = child.stdout.take().expect("piped standard output");
    let mut answer = Vec::new();
    // Written on a second thread so that a translator that answers while it
    // reads never waits for us; one that stops reading shows in its answer.
    let read = std::thread::scope(|scope| {
        scope.spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        stdout.read_to_end(&mut answer)
    });
    let status = child.wait()?;
    read?;
    if !status.success() {
        let how = match status.code() {
            Some(127) => "the shell did not find it (exit status 127)".to_owned(),
            Some(code) => format!("exit status {code}"),
            None => format!("{status}"),
        };
        return Err(failed(format!("the machine translator failed: {how}")));
    }
    String::from_utf8(answer).map_err(|err| {
        failed(format!(
            "the machine translator's output is not UTF-8 (byte offset {})",
            err.utf8_error().valid_up_to()
        ))
    })
}

/// `command` run by the system's shell.
fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut shell = Command::new("cmd");
        shell.arg("/C").arg(command);
        shell
    } else {
        let mut shell = Command::new("/bin/sh");
        shell.arg("-c").arg(command);
        shell
    }
}
