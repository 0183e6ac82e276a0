//! The command-line interface: one file per subcommand, shared options and
//! input/output helpers. Only this module talks to the terminal, the
//! environment and the file system layout.

mod batch;
mod cmd;
mod glossary_loader;
mod io;
mod output_format;
mod pipeline;

use clap::{Args, Parser, Subcommand};
use cmd::{
    brief, check, completions, glossary, lookup, man, split, summarize, terms, tm, translate,
};
use std::borrow::Cow;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::error::{FileError, Hinted};
use tarjama::mt::MtError;
use tarjama::mt::command::CommandError;
use tarjama::text::DecodeError;
use tarjama::tm::TmError;

/// Exit code for bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;

const EXAMPLES: &str = "\
Examples:
  tarjama brief article.txt                  English briefing with the built-in glossary
  tarjama translate article.txt -o out.xlf   bilingual XLIFF for a CAT tool
  tarjama split article.txt                  one sentence per line
  tarjama terms -g names.yaml article.txt    glossary hits
  cat article.txt | tarjama summarize --sentences 3

Exit codes: 0 success, 1 a check found problems, 2 bad input or usage.";

/// Arabic→English translation memory, terminology and briefings.
#[derive(Debug, Parser)]
#[command(name = "tarjama", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Split(split::Args),
    Terms(terms::Args),
    Translate(translate::Args),
    Summarize(summarize::Args),
    Brief(brief::Args),
    Tm(tm::Args),
    Glossary(glossary::Args),
    Check(check::Args),
    Lookup(lookup::Args),
    Completions(completions::Args),
    Man(man::Args),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Split(args) => split::run(args),
        Command::Terms(args) => terms::run(args),
        Command::Translate(args) => translate::run(args),
        Command::Summarize(args) => summarize::run(args),
        Command::Brief(args) => brief::run(args),
        Command::Tm(args) => tm::run(args),
        Command::Glossary(args) => glossary::run(args),
        Command::Check(args) => check::run(args),
        Command::Lookup(args) => lookup::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

/// Glossary selection shared by every command that matches terms.
#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// Add a glossary: YAML, TSV or TBX file, or folder of *.yaml (repeatable; later ones win)
    #[arg(short = 'g', long = "glossary", value_name = "PATH")]
    pub glossary: Vec<PathBuf>,
    /// Do not use the built-in glossary
    #[arg(long)]
    pub no_default_glossary: bool,
}

/// Translation-memory selection shared by every command that uses the TM.
#[derive(Debug, Args)]
pub struct TmArgs {
    /// Translation memory (SQLite file) [default: the user's data directory]
    #[arg(long = "tm", env = "TARJAMA_TM", value_name = "PATH")]
    pub tm: Option<PathBuf>,
}

/// A translation memory that is used only when named (`check`, `lookup`).
#[derive(Debug, Args)]
pub struct OptionalTmArgs {
    /// Also use this translation memory (SQLite file; also TARJAMA_TM) [default: none]
    #[arg(long = "tm", env = "TARJAMA_TM", value_name = "PATH")]
    pub tm: Option<PathBuf>,
}

/// Where the result goes.
#[derive(Debug, Args)]
pub struct OutputArg {
    /// Write to FILE instead of standard output (written whole or not at all)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// True when the command stopped because the reader of its output went
/// away (`tarjama split | head`): not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(<dyn std::error::Error + 'static>::is::<io::OutputClosed>)
}

/// An error of the command line itself: what went wrong and where, and
/// what to do about it, which [`report`] shows on a line of its own. As the
/// context of another error ([`add_hint`]) it only adds its hint, after
/// those of the error.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Advice {
    message: String,
    hint: String,
}

/// The error `message` with `hint` (see [`Advice`]).
pub fn advice(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Advice {
        message: message.into(),
        hint: hint.into(),
    })
}

/// `err` with one more thing to do about it.
pub fn add_hint(err: anyhow::Error, hint: impl Into<String>) -> anyhow::Error {
    err.context(Advice {
        message: String::new(),
        hint: hint.into(),
    })
}

/// What the library or the command line says to do about one cause of an
/// error.
fn hint_of<'a>(cause: &'a (dyn std::error::Error + 'static)) -> Option<Cow<'a, str>> {
    if let Some(advice) = cause.downcast_ref::<Advice>() {
        return Some(Cow::Borrowed(&advice.hint));
    }
    if let Some(error) = cause.downcast_ref::<FileError>() {
        return error.hint();
    }
    if let Some(error) = cause.downcast_ref::<TmError>() {
        return error.hint();
    }
    if let Some(error) = cause.downcast_ref::<DecodeError>() {
        return error.hint();
    }
    if let Some(error) = cause.downcast_ref::<MtError<CommandError>>() {
        return error.hint();
    }
    None
}

/// Formats an error as `tarjama: <what>: <where>`, then a `hint:` line for
/// each thing to do: every cause once, its hint apart.
///
/// Library errors say what went wrong (and where, when they know it); the
/// contexts the CLI adds name the file, so they go after the message.
pub fn report(err: &anyhow::Error) -> String {
    let mut messages: Vec<String> = err
        .chain()
        .map(ToString::to_string)
        .filter(|message| !message.is_empty())
        .collect();
    let root = messages.pop().unwrap_or_default();
    let mut line = format!("tarjama: {root}");
    for place in messages.iter().rev() {
        line.push_str(": ");
        line.push_str(place);
    }
    let causes: Vec<_> = err.chain().collect();
    let mut hints: Vec<Cow<'_, str>> = causes
        .iter()
        .rev()
        .filter_map(|cause| hint_of(*cause))
        .collect();
    // A context is not a cause of its own: its hint is found by type.
    if let Some(added) = err
        .downcast_ref::<Advice>()
        .filter(|a| a.message.is_empty())
    {
        hints.push(Cow::Borrowed(&added.hint));
    }
    for hint in hints {
        line.push_str("\nhint: ");
        line.push_str(&hint);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;
    use tarjama::error::FileErrorKind;

    #[test]
    fn report_puts_the_place_after_the_message_and_keeps_the_hint() {
        let err = Err::<(), _>(advice("invalid UTF-8 at byte offset 3", "convert it"))
            .context("article.txt")
            .unwrap_err();
        assert_eq!(
            report(&err),
            "tarjama: invalid UTF-8 at byte offset 3: article.txt\nhint: convert it"
        );
    }

    #[test]
    fn report_gives_the_hints_of_the_library_and_of_the_contexts() {
        let error = FileError::at_line(FileErrorKind::Content, "m.tsv", 3, "one column")
            .with_hint("add a tab");
        let err = add_hint(
            anyhow::Error::new(TmError::from(error)),
            "nothing from m.tsv was imported",
        );
        assert_eq!(
            report(&err),
            "tarjama: one column: m.tsv:3\nhint: add a tab\nhint: nothing from m.tsv was imported"
        );
    }

    #[test]
    fn command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
