//! Which format a command writes: `--format` when given, else what the
//! extension of the `-o` file asks for. One rule for every command: an
//! extension no format of the command has is an error, never a silent other
//! format; standard output and a file name without an extension get the
//! command's default.

use super::advice;
use anyhow::{Result, bail};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use std::path::Path;
pub use tarjama::named::{Named, OutputFormat};

/// The value parser of an option that takes one of the values of `T`
/// (`--format`): their names, each with its description in `--help`.
pub fn parser<T: Named>() -> impl TypedValueParser<Value = T> {
    values_parser(T::ALL, |value: T| {
        PossibleValue::new(value.name()).help(value.help())
    })
}

/// [`parser`] for values whose names say enough: `--help` lists the names.
pub fn names_parser<T: Named>() -> impl TypedValueParser<Value = T> {
    values_parser(T::ALL, |value: T| PossibleValue::new(value.name()))
}

fn values_parser<T: Named>(
    values: &'static [T],
    possible: impl Fn(T) -> PossibleValue,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(values.iter().map(|&value| possible(value))).try_map(|name| {
        values
            .iter()
            .copied()
            .find(|value| value.name() == name)
            .ok_or("not a value of this option")
    })
}

/// `chosen` (`--format`) when given; else the format the extension of
/// `output` asks for (in any case); else `default`.
pub fn choose<F: OutputFormat>(chosen: Option<F>, output: Option<&Path>, default: F) -> Result<F> {
    if let Some(format) = chosen {
        return Ok(format);
    }
    let Some((path, extension)) = output.and_then(|path| Some((path, extension(path)?))) else {
        return Ok(default);
    };
    match of_extension::<F>(&extension) {
        Some(format) => Ok(format),
        None => bail!(advice(
            format!(
                "cannot tell the output format from the extension `.{extension}`: {}",
                path.display()
            ),
            format!(
                "name the file {}, or choose the format with --format",
                known_extensions::<F>()
            ),
        )),
    }
}

/// True when `path`, given as the folder of a batch, rather looks like the
/// name of one output file (`-o all.html`): it has the extension of one of
/// the formats, does not exist as a folder yet and does not end with `/`.
pub fn names_a_file<F: OutputFormat>(path: &Path) -> bool {
    let ends_with_separator = path
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator);
    !ends_with_separator
        && !path.is_dir()
        && extension(path).is_some_and(|extension| of_extension::<F>(&extension).is_some())
}

/// ".md, .html or .json", for hints.
pub fn known_extensions<F: OutputFormat>() -> String {
    let all: Vec<String> = F::ALL
        .iter()
        .flat_map(|format| format.extensions())
        .map(|extension| format!(".{extension}"))
        .collect();
    match all.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The extension of `path`'s file name, lower case; `None` for `-`, a
/// name without one, and devices and pipes (`/dev/stdout`).
fn extension(path: &Path) -> Option<String> {
    if path == Path::new("-") || super::io::is_special_file(path) {
        return None;
    }
    Some(path.extension()?.to_string_lossy().to_lowercase())
}

fn of_extension<F: OutputFormat>(extension: &str) -> Option<F> {
    F::ALL
        .iter()
        .copied()
        .find(|format| format.extensions().contains(&extension))
}

/// The one format of commands that write only text for people to read
/// (`glossary show`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainText;

impl Named for PlainText {
    const ALL: &'static [Self] = &[PlainText];

    fn name(self) -> &'static str {
        "text"
    }

    fn help(self) -> String {
        "Text for people to read".to_owned()
    }
}

impl OutputFormat for PlainText {
    fn extensions(self) -> &'static [&'static str] {
        &["txt"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Sample {
        Lines,
        Json,
    }

    impl Named for Sample {
        const ALL: &'static [Self] = &[Sample::Lines, Sample::Json];

        fn name(self) -> &'static str {
            match self {
                Sample::Lines => "lines",
                Sample::Json => "json",
            }
        }

        fn help(self) -> String {
            String::new()
        }
    }

    impl OutputFormat for Sample {
        fn extensions(self) -> &'static [&'static str] {
            match self {
                Sample::Lines => &["txt"],
                Sample::Json => &["json"],
            }
        }
    }

    fn chosen(output: &str) -> Result<Sample> {
        choose(None, Some(Path::new(output)), Sample::Lines)
    }

    #[test]
    fn the_extension_decides_unless_the_format_is_given() {
        assert_eq!(chosen("out.json").unwrap(), Sample::Json);
        assert_eq!(chosen("dir.v2/OUT.JSON").unwrap(), Sample::Json);
        assert_eq!(chosen("out.txt").unwrap(), Sample::Lines);
        assert_eq!(chosen("out").unwrap(), Sample::Lines);
        assert_eq!(chosen("-").unwrap(), Sample::Lines);
        assert_eq!(chosen("/dev/stdout").unwrap(), Sample::Lines);
        assert_eq!(choose(None, None, Sample::Json).unwrap(), Sample::Json);
        assert_eq!(
            choose(
                Some(Sample::Lines),
                Some(Path::new("out.json")),
                Sample::Json
            )
            .unwrap(),
            Sample::Lines
        );
    }

    #[test]
    fn an_unknown_extension_is_an_error_naming_the_known_ones() {
        let err = chosen("out.csv").unwrap_err();
        assert_eq!(
            crate::cli::report(&err),
            "tarjama: cannot tell the output format from the extension `.csv`: out.csv\n\
             hint: name the file .txt or .json, or choose the format with --format"
        );
    }

    #[test]
    fn a_batch_folder_with_a_format_extension_looks_like_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("old.json");
        std::fs::create_dir(&existing).unwrap();
        assert!(names_a_file::<Sample>(Path::new("multi.json")));
        assert!(!names_a_file::<Sample>(Path::new("multi.json/")));
        assert!(!names_a_file::<Sample>(&existing));
        assert!(!names_a_file::<Sample>(Path::new("out")));
        assert!(!names_a_file::<Sample>(Path::new("news.2024")));
    }
}
