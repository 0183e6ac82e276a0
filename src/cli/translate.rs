//! `tarjama translate`: texts aligned with their English, one output per input.

use super::{EXIT_BAD_INPUT, OutputArg, io};
use anyhow::{Context, Result, bail};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tarjama::align::Document;
use tarjama::output::{Format, Options, XliffVersion};

const EXAMPLES: &str = "\
With several inputs, or a folder (all its *.txt), -o names a folder (created if missing) that
receives one output per input, named after it: articles/gaza.txt -> out/gaza.md.

Formats: md (table and term list), tsv (id, source, target, origin, score, terms: fill in
target and import it back), json (every field), html (one self-contained page), xliff (1.2 for
CAT tools, or 2.0 with --xliff-version 2). Without --format the -o extension decides
(.md .tsv .json .html .xlf/.xliff); standard output gets md.

Examples:
  tarjama translate article.txt                       Markdown on standard output
  tarjama translate article.txt -o article.xlf        XLIFF 1.2 for a CAT tool
  tarjama translate --xliff-copy-source article.txt -o omegat.xlf
  tarjama translate -f tsv article.txt -o todo.tsv    a sheet for a translator
  tarjama translate -f html articles/ -o pages/       every *.txt of a folder";

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
    #[command(flatten)]
    output: OutputArg,
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
    if !batch {
        let input = inputs.first().map(PathBuf::as_path);
        let format = match (args.format, output) {
            (Some(format), _) => format,
            (None, None) => Format::Markdown,
            (None, Some(path)) => format_of(path)?,
        };
        translate_one(input, output, format, &options)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(dir) = output else {
        bail!(
            "several inputs need an output folder\n\
             hint: add -o DIR to get one output per input there"
        );
    };
    if inputs.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let format = args.format.unwrap_or(Format::Markdown);
    fs::create_dir_all(dir).map_err(|err| {
        anyhow::anyhow!(
            "cannot create the output folder ({err}): {}\nhint: check the path and its permissions",
            dir.display()
        )
    })?;
    let plan = plan_outputs(&inputs, dir, format)?;
    Ok(translate_batch(&plan, format, &options))
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
             hint: add --format md|tsv|json|html|xliff, or name it .md .tsv .json .html .xlf",
            path.display()
        )
    })
}

fn translate_one(
    input: Option<&Path>,
    output: Option<&Path>,
    format: Format,
    options: &Options,
) -> Result<()> {
    let text = io::read_text(input)?;
    if let (Some(input), Some(output)) = (input, output) {
        refuse_to_replace(input, output)?;
    }
    let document = Document::from_text(document_name(input), &text);
    io::write_output(output, |out| Ok(format.write(&document, options, out)?))
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
        plan.push((input.clone(), output));
    }
    Ok(plan)
}

/// The output file name for `input`: its name without the last extension,
/// with anything but letters, digits, `-`, `_`, `.` and spaces replaced by
/// `_` and no leading dot, then the format's extension. It never holds a
/// path separator, so the file always lands inside the output folder.
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
    let safe = safe.trim_start_matches('.').trim();
    let safe = if safe.is_empty() { "document" } else { safe };
    format!("{safe}.{}", format.extension())
}

/// Translates every planned input, reporting failures as they come and going
/// on with the rest; exit code 2 when any failed.
fn translate_batch(plan: &[(PathBuf, PathBuf)], format: Format, options: &Options) -> ExitCode {
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
        if let Err(err) = translate_one(Some(input), Some(output), format, options) {
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
    }
}
