//! Several inputs in one call: finding them (files, folders of `*.txt`),
//! naming one output per input in the `-o` folder, and working through them
//! with a progress bar on a terminal. Shared by the commands that write one
//! output per input (`translate`, `brief`).

use super::output_format::{self, OutputFormat};
use super::{EXIT_BAD_INPUT, advice, io};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The inputs of a command, and whether they go one output each into a
/// folder.
pub struct Inputs {
    /// Each FILE, or for a folder its `*.txt` in name order; empty for
    /// standard input.
    pub files: Vec<PathBuf>,
    /// True for several inputs, a folder, or `-o` naming a folder.
    pub batch: bool,
}

impl Inputs {
    /// Expands `files` (folders become their `*.txt`) and decides whether
    /// this is a batch. A batch without an `output` folder is an error, and
    /// so is standard input alone with one: it has no name to give its
    /// output there.
    pub fn new(files: &[PathBuf], output: Option<&Path>) -> Result<Self> {
        let (expanded, folder) = expand(files)?;
        let names_folder = |path: &Path| path.is_dir() || ends_with_separator(path);
        let batch = expanded.len() > 1 || folder.is_some() || output.is_some_and(names_folder);
        let only_stdin = expanded.iter().all(|file| file == Path::new("-"));
        match output {
            None if batch => match folder {
                Some(folder) => bail!(advice(
                    format!(
                        "a folder of inputs needs an output folder: {}",
                        folder.display()
                    ),
                    "add -o DIR to get one output per input there, or name the file itself",
                )),
                None => bail!(advice(
                    "several inputs need an output folder",
                    "add -o DIR to get one output per input there",
                )),
            },
            Some(dir) if batch && only_stdin => bail!(advice(
                format!(
                    "standard input has no file name to give its output in a folder: {}",
                    dir.display()
                ),
                "name the output file instead (-o FILE), or save the input to a file first",
            )),
            _ => {}
        }
        Ok(Self {
            files: expanded,
            batch,
        })
    }

    /// The output format: `chosen` (`--format`), else for a single output
    /// file what its extension asks for ([`output_format::choose`]), else
    /// `default`. A batch folder named like a file of one of the formats
    /// (`-o all.html`) is refused as a likely mistake.
    pub fn format<F: OutputFormat>(
        &self,
        chosen: Option<F>,
        output: Option<&Path>,
        default: F,
    ) -> Result<F> {
        match output {
            Some(dir) if self.batch => {
                if output_format::names_a_file::<F>(dir) {
                    bail!(advice(
                        format!(
                            "several outputs go into a folder, and this looks like the name of \
                             one file: {}",
                            dir.display()
                        ),
                        "choose a folder name without a format's extension, or end it with / to \
                         make a folder of that name",
                    ));
                }
                Ok(chosen.unwrap_or(default))
            }
            _ => output_format::choose(chosen, output, default),
        }
    }

    /// The single input: `None` for standard input.
    fn single(&self) -> Option<&Path> {
        self.files.first().map(PathBuf::as_path)
    }
}

/// True for `dir/`: a path that can only name a folder.
fn ends_with_separator(path: &Path) -> bool {
    path.as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator)
}

/// Each FILE, or for a folder its `*.txt` in name order; and the first
/// folder given, if any.
fn expand(files: &[PathBuf]) -> Result<(Vec<PathBuf>, Option<PathBuf>)> {
    let mut inputs = Vec::new();
    let mut first_folder = None;
    for file in files {
        if !file.is_dir() {
            inputs.push(file.clone());
            continue;
        }
        first_folder.get_or_insert_with(|| file.clone());
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
            bail!(advice(
                format!("no *.txt file in the folder: {}", file.display()),
                "name the files to work on",
            ));
        }
        texts.sort();
        inputs.extend(texts);
    }
    Ok((inputs, first_folder))
}

/// Runs `each(input, output)`: once for a single input (`None` for
/// standard input) with the `-o` file, if any; in a batch, for every input
/// with an output file in the `output` folder (created if missing) named
/// after it with `extension`. Batch failures are reported as they come and
/// the rest go on; the exit code is then 2. Names that two inputs would
/// share, and outputs that would replace an input or one of the other
/// files the command reads (`reads`), are refused before anything is
/// written.
pub fn run(
    inputs: &Inputs,
    output: Option<&Path>,
    extension: &str,
    reads: &[PathBuf],
    mut each: impl FnMut(Option<&Path>, Option<&Path>) -> Result<()>,
) -> Result<ExitCode> {
    let dir = match output {
        Some(dir) if inputs.batch => dir,
        _ => {
            each(inputs.single(), output)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    fs::create_dir_all(dir).map_err(|err| {
        advice(
            format!("cannot create the output folder ({err}): {}", dir.display()),
            "check the path and its permissions",
        )
    })?;
    let plan = plan_outputs(&inputs.files, dir, extension, reads)?;
    let bar = if std::io::stderr().is_terminal() {
        let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        ProgressBar::new(plan.len() as u64).with_style(style)
    } else {
        ProgressBar::hidden()
    };
    let mut failed = false;
    for (input, output) in &plan {
        bar.set_message(input.display().to_string());
        if let Err(err) = each(Some(input), Some(output)) {
            failed = true;
            bar.suspend(|| eprintln!("{}", super::report(&err)));
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(if failed {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

/// Pairs every input with its output file in `dir`; refuses names that two
/// inputs would share, and outputs that would replace an input or one of
/// `reads`.
fn plan_outputs(
    inputs: &[PathBuf],
    dir: &Path,
    extension: &str,
    reads: &[PathBuf],
) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut taken: HashMap<PathBuf, &Path> = HashMap::new();
    let mut plan = Vec::with_capacity(inputs.len());
    for input in inputs {
        if input == Path::new("-") {
            bail!(advice(
                "standard input cannot be one of several inputs",
                "save it to a file first",
            ));
        }
        let output = dir.join(output_file_name(input, extension));
        if let Some(other) = taken.insert(output.clone(), input) {
            bail!(advice(
                format!(
                    "two inputs would write the same output file: {} ({} and {})",
                    output.display(),
                    other.display(),
                    input.display()
                ),
                "rename one of them, or run them in separate calls",
            ));
        }
        io::refuse_to_replace(Some(&output), &io::reads(Some(input), reads))?;
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
            bail!(advice(
                format!("the output file is {what}: {}", output.display()),
                "remove it, or choose another output folder",
            ))
        }
        _ => Ok(()),
    }
}

/// Output names keep at most this many bytes of the input's name, so that
/// with the extension they stay within what file systems allow (255).
const MAX_STEM_LEN: usize = 200;

/// The output file name for `input`: its name without the last extension,
/// with anything but letters, digits, `-`, `_`, `.` and spaces replaced by
/// `_`, no leading dot and at most [`MAX_STEM_LEN`] bytes, then `extension`.
/// It never holds a path separator, so the file always lands inside the
/// output folder.
fn output_file_name(input: &Path, extension: &str) -> String {
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
    format!("{safe}.{extension}")
}

/// The input's file name without its folder (outputs do not reveal where the
/// file was kept), or `<stdin>`.
pub fn document_name(input: Option<&Path>) -> String {
    match input
        .filter(|path| *path != Path::new("-"))
        .and_then(Path::file_name)
    {
        Some(name) => name.to_string_lossy().into_owned(),
        None => io::display_name(input),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_stay_inside_the_folder() {
        let name = |input: &str| output_file_name(Path::new(input), "md");
        assert_eq!(name("articles/water-talks.ar.txt"), "water-talks.ar.md");
        assert_eq!(name("مقال جديد.txt"), "مقال جديد.md");
        assert_eq!(name("../../etc/passwd"), "passwd.md");
        assert_eq!(name(".."), "document.md");
        assert_eq!(name(".hidden.txt"), "hidden.md");
        assert_eq!(name("a\u{202E}b:c*.txt"), "a_b_c_.md");
        assert_eq!(output_file_name(Path::new("x.txt"), "xlf"), "x.xlf");
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
