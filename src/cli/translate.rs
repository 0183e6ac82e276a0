//! `tarjama translate`: texts aligned with their English, one output per input.

use super::{EXIT_BAD_INPUT, GlossaryArgs, OutputArg, TmArgs, io};
use anyhow::{Context, Result, bail};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::fs;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use tarjama::align::Translator;
use tarjama::mt;
use tarjama::output::{Format, Options, XliffVersion};
use tarjama::tm::{OpenMode, TmError, TranslationMemory};

const EXAMPLES: &str = "\
Every sentence is looked up in the translation memory (exact, or fuzzy from --min-score) and
its glossary terms are found; rows the memory leaves empty show the terms' English as a hint
(md, html) or go to --mt-cmd. The memory is only read, never created: without one, no row is
filled from it (a warning says so when --tm or TARJAMA_TM names a missing file).

With several inputs, or a folder (all its *.txt), -o names a folder (created if missing) that
receives one output per input, named after it: articles/gaza.txt -> out/gaza.md.

Formats: md (table and term list), tsv (id, source, target, origin, score, terms: fill in
target and import it back with `tm import`), json (every field), html (one self-contained page),
xliff (1.2 for CAT tools, or 2.0 with --xliff-version 2), tmx (the rows that have English).
Without --format the -o extension decides (.md .tsv .json .html .xlf/.xliff .tmx); standard
output gets md.

Examples:
  tarjama translate article.txt                       Markdown on standard output
  tarjama translate article.txt -o article.xlf        XLIFF 1.2 for a CAT tool
  tarjama translate --xliff-copy-source article.txt -o omegat.xlf
  tarjama translate -f tsv article.txt -o todo.tsv    a sheet for a translator
  tarjama tm import todo.tsv                          ... once its targets are filled in
  tarjama translate --tm project.sqlite --min-score 85 -f html article.txt -o article.html
  tarjama translate --mt-cmd 'trans -b ar:en' -f tsv article.txt -o draft.tsv
  tarjama translate -g names.yaml --no-default-glossary article.txt
  tarjama translate -f html articles/ -o pages/       every *.txt of a folder

--mt-cmd runs CMD with /bin/sh once per input, writes one Arabic sentence per line to its
standard input and reads one English line per line back (origin mt); an English line without
the glossary's rendering of a term in its sentence gets a warning. A command that fails or
answers a different number of lines is an error (exit code 2): that input gets no output.";

/// Write texts aligned sentence by sentence with their English
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Inputs (UTF-8): files or folders of *.txt; `-` or none reads standard input
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format [default: from the -o extension, else md]
    #[arg(short = 'f', long, value_name = "FORMAT", value_parser = format_parser())]
    format: Option<Format>,
    /// XLIFF version to write
    #[arg(long, value_name = "VERSION", default_value = "1.2", value_parser = xliff_version_parser())]
    xliff_version: XliffVersion,
    /// In XLIFF, copy the Arabic into the target of untranslated units (OmegaT translates the
    /// text inside <target>)
    #[arg(long)]
    xliff_copy_source: bool,
    /// Lowest translation-memory score that fills a row (100: exact matches only)
    #[arg(long, value_name = "SCORE", default_value_t = 75, value_parser = clap::value_parser!(u8).range(0..=100))]
    min_score: u8,
    /// Machine-translate the rows the memory leaves empty with this shell command (one Arabic
    /// sentence per line in, one English line per line out)
    #[arg(long, value_name = "CMD")]
    mt_cmd: Option<String>,
    #[command(flatten)]
    glossary: GlossaryArgs,
    #[command(flatten)]
    tm: TmArgs,
    #[command(flatten)]
    output: OutputArg,
}

/// Everything a translation needs besides its input, set up once for all
/// inputs.
struct Job<'a> {
    translator: Translator<'a>,
    mt_cmd: Option<&'a str>,
    format: Format,
    options: Options,
}

fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(|format| PossibleValue::new(format.name())))
        .try_map(|name| name.parse::<Format>())
}

fn xliff_version_parser() -> impl TypedValueParser<Value = XliffVersion> {
    PossibleValuesParser::new([
        PossibleValue::new("1.2"),
        PossibleValue::new("2").alias("2.0"),
    ])
    .try_map(|name| name.parse::<XliffVersion>())
}

pub fn run(args: Args) -> Result<ExitCode> {
    let options = Options {
        xliff_version: args.xliff_version,
        xliff_copy_source: args.xliff_copy_source,
    };
    let output = args.output.output.as_deref();
    let (inputs, found_in_folder) = expand_inputs(&args.files)?;
    let names_folder = |path: &Path| {
        path.is_dir()
            || path
                .as_os_str()
                .to_string_lossy()
                .ends_with(std::path::MAIN_SEPARATOR)
    };
    let batch = inputs.len() > 1 || found_in_folder || output.is_some_and(names_folder);
    let format = match (args.format, output) {
        (Some(format), _) => format,
        (None, Some(path)) if !batch => format_of(path)?,
        (None, _) => Format::Markdown,
    };
    if batch && output.is_none() {
        bail!(
            "several inputs need an output folder\n\
             hint: add -o DIR to get one output per input there"
        );
    }
    if batch && inputs.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let glossary = args.glossary.load_any()?;
    let memory = open_memory(&args.tm)?;
    let job = Job {
        translator: Translator {
            glossary: (!glossary.is_empty()).then_some(&glossary),
            memory: memory.as_ref(),
            min_score: args.min_score,
        },
        mt_cmd: args.mt_cmd.as_deref(),
        format,
        options,
    };
    let code = match output {
        Some(dir) if batch => {
            fs::create_dir_all(dir).map_err(|err| {
                anyhow::anyhow!(
                    "cannot create the output folder ({err}): {}\nhint: check the path and its permissions",
                    dir.display()
                )
            })?;
            let plan = plan_outputs(&inputs, dir, format)?;
            translate_batch(&plan, &job)
        }
        _ => {
            translate_one(inputs.first().map(PathBuf::as_path), output, &job)?;
            ExitCode::SUCCESS
        }
    };
    // The process ends here: freeing a large glossary piece by piece would
    // only delay the exit.
    std::mem::forget(glossary);
    Ok(code)
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

/// Each FILE, or for a folder its `*.txt` in name order; and whether any
/// folder was given.
fn expand_inputs(files: &[PathBuf]) -> Result<(Vec<PathBuf>, bool)> {
    let mut inputs = Vec::new();
    let mut found_in_folder = false;
    for file in files {
        if !file.is_dir() {
            inputs.push(file.clone());
            continue;
        }
        found_in_folder = true;
        let entries = fs::read_dir(file)
            .map_err(|err| anyhow::anyhow!("cannot read the folder ({err}): {}", file.display()))?;
        let mut texts = Vec::new();
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot read the folder: {}", file.display()))?
                .path();
            let is_text = path
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("txt"));
            if is_text && path.is_file() {
                texts.push(path);
            }
        }
        if texts.is_empty() {
            bail!(
                "no *.txt file in the folder: {}\nhint: name the files to translate",
                file.display()
            );
        }
        texts.sort();
        inputs.extend(texts);
    }
    Ok((inputs, found_in_folder))
}

/// The format an output file's extension asks for.
fn format_of(path: &Path) -> Result<Format> {
    Format::from_path(path).ok_or_else(|| {
        anyhow::anyhow!(
            "cannot tell the output format from the file name: {}\n\
             hint: add --format md|tsv|json|html|xliff|tmx, or name it .md .tsv .json .html .xlf .tmx",
            path.display()
        )
    })
}

fn translate_one(input: Option<&Path>, output: Option<&Path>, job: &Job) -> Result<()> {
    let text = io::read_text(input)?;
    if let (Some(input), Some(output)) = (input, output) {
        refuse_to_replace(input, output)?;
    }
    let mut document = job.translator.translate(document_name(input), &text)?;
    if let Some(command) = job.mt_cmd {
        mt::translate_untranslated(&mut document, |sentences| {
            run_mt_command(command, sentences)
        })
        .with_context(|| format!("`{command}`"))?;
    }
    io::write_output(output, |out| {
        Ok(job.format.write(&document, &job.options, out)?)
    })
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

/// The input's file name without its folder (outputs do not reveal where the
/// file was kept), or `<stdin>`.
fn document_name(input: Option<&Path>) -> String {
    match input
        .filter(|path| *path != Path::new("-"))
        .and_then(Path::file_name)
    {
        Some(name) => name.to_string_lossy().into_owned(),
        None => io::display_name(input),
    }
}

/// An error when `output` is the file `input` itself: writing would destroy it.
fn refuse_to_replace(input: &Path, output: &Path) -> Result<()> {
    let same = match (fs::canonicalize(input), fs::canonicalize(output)) {
        (Ok(input), Ok(output)) => input == output,
        _ => false,
    };
    if same {
        bail!(
            "the output would replace its own input: {}\nhint: choose another -o",
            output.display()
        );
    }
    Ok(())
}

/// Pairs every input with its output file in `dir`; refuses names that two
/// inputs would share, and outputs that would replace an input.
fn plan_outputs(inputs: &[PathBuf], dir: &Path, format: Format) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut taken: HashMap<PathBuf, &Path> = HashMap::new();
    let mut plan = Vec::with_capacity(inputs.len());
    for input in inputs {
        if input == Path::new("-") {
            bail!(
                "standard input cannot be one of several inputs\n\
                 hint: save it to a file first"
            );
        }
        let output = dir.join(output_file_name(input, format));
        if let Some(other) = taken.insert(output.clone(), input) {
            bail!(
                "two inputs would write the same output file: {} ({} and {})\n\
                 hint: rename one of them, or translate them in separate calls",
                output.display(),
                other.display(),
                input.display()
            );
        }
        refuse_to_replace(input, &output)?;
        refuse_odd_output(&output)?;
        plan.push((input.clone(), output));
    }
    Ok(plan)
}

/// An error when a batch output already exists as anything but a regular
/// file: a symbolic link (writing would go wherever it points), a folder, a
/// device or a pipe.
fn refuse_odd_output(output: &Path) -> Result<()> {
    match fs::symlink_metadata(output) {
        Ok(meta) if !meta.file_type().is_file() => {
            let what = if meta.file_type().is_symlink() {
                "a symbolic link"
            } else {
                "not a regular file"
            };
            bail!(
                "the output file is {what}: {}\n\
                 hint: remove it, or choose another output folder",
                output.display()
            )
        }
        _ => Ok(()),
    }
}

/// Output names keep at most this many bytes of the input's name, so that
/// with the extension they stay within what file systems allow (255).
const MAX_STEM_LEN: usize = 200;

/// The output file name for `input`: its name without the last extension,
/// with anything but letters, digits, `-`, `_`, `.` and spaces replaced by
/// `_`, no leading dot and at most [`MAX_STEM_LEN`] bytes, then the format's
/// extension. It never holds a path separator, so the file always lands
/// inside the output folder.
fn output_file_name(input: &Path, format: Format) -> String {
    let stem = input
        .file_stem()
        .map(|stem| stem.to_string_lossy())
        .unwrap_or_default();
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let safe = safe[..safe.floor_char_boundary(MAX_STEM_LEN)].trim();
    let safe = if safe.is_empty() { "document" } else { safe };
    format!("{safe}.{}", format.extension())
}

/// Translates every planned input, reporting failures as they come and going
/// on with the rest; exit code 2 when any failed.
fn translate_batch(plan: &[(PathBuf, PathBuf)], job: &Job) -> ExitCode {
    let bar = if std::io::stderr().is_terminal() {
        let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        ProgressBar::new(plan.len() as u64).with_style(style)
    } else {
        ProgressBar::hidden()
    };
    let mut failed = false;
    for (input, output) in plan {
        bar.set_message(input.display().to_string());
        if let Err(err) = translate_one(Some(input), Some(output), job) {
            failed = true;
            bar.suspend(|| eprintln!("{}", super::report(&err)));
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    if failed {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_stay_inside_the_folder() {
        let name = |input: &str| output_file_name(Path::new(input), Format::Markdown);
        assert_eq!(name("articles/water-talks.ar.txt"), "water-talks.ar.md");
        assert_eq!(name("مقال جديد.txt"), "مقال جديد.md");
        assert_eq!(name("../../etc/passwd"), "passwd.md");
        assert_eq!(name(".."), "document.md");
        assert_eq!(name(".hidden.txt"), "hidden.md");
        assert_eq!(name("a\u{202E}b:c*.txt"), "a_b_c_.md");
        assert_eq!(output_file_name(Path::new("x.txt"), Format::Xliff), "x.xlf");
        assert_eq!(name("a\nb/c\r.txt"), "c_.md");
        assert_eq!(name("سطر\nجديد.txt"), "سطر_جديد.md");
        let long = format!("{}.txt", "م".repeat(127));
        let named = name(&long);
        assert!(named.len() <= 255 && named.ends_with("م.md"), "{named}");
    }

    #[cfg(unix)]
    #[test]
    fn outputs_that_are_links_or_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere.md");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = refuse_odd_output(&link).unwrap_err().to_string();
        assert!(
            err.starts_with("the output file is a symbolic link: "),
            "{err}"
        );
        let err = refuse_odd_output(dir.path()).unwrap_err().to_string();
        assert!(
            err.starts_with("the output file is not a regular file"),
            "{err}"
        );
        assert!(refuse_odd_output(&target).is_ok());
        assert!(refuse_odd_output(&dir.path().join("new.md")).is_ok());
    }
}
