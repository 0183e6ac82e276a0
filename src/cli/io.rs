//! Reading the input and writing the output of a command.

use anyhow::{Context, Result};
use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use tarjama::text::decode_owned;

/// How an input is named in messages.
pub fn display_name(path: Option<&Path>) -> String {
    match path {
        None => "<stdin>".to_owned(),
        Some(path) if path == Path::new("-") => "<stdin>".to_owned(),
        Some(path) => path.display().to_string(),
    }
}

/// Reads FILE, or standard input when FILE is absent or `-`, as UTF-8 text.
pub fn read_text(path: Option<&Path>) -> Result<String> {
    let name = display_name(path);
    let bytes = match path {
        Some(path) if path != Path::new("-") => fs::read(path).map_err(|err| {
            anyhow::anyhow!(
                "cannot read the input ({err}): {name}\nhint: check the path and its permissions"
            )
        })?,
        _ => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            bytes
        }
    };
    decode_owned(bytes).context(name)
}

/// Runs `write` against standard output or, with `-o FILE`, against a
/// temporary file next to FILE that replaces it only when everything was
/// written: a failure never leaves half a file behind.
pub fn write_output(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match output {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush()?;
            Ok(())
        }
        Some(path) if path == Path::new("-") => write_output(None, write),
        Some(path) => write_file_atomically(path, write),
    }
}

fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let failed = |err: io::Error| {
        anyhow::anyhow!(
            "cannot write the output file ({}): {}\nhint: check that its folder exists and is writable",
            err.kind(),
            path.display()
        )
    };
    if !dir.is_dir() {
        return Err(failed(io::ErrorKind::NotFound.into()));
    }
    let temp = tempfile::NamedTempFile::new_in(&dir).map_err(failed)?;
    let mut out = BufWriter::new(temp);
    write(&mut out)?;
    let temp = out.into_inner().map_err(|err| failed(err.into_error()))?;
    temp.persist(path).map_err(|err| failed(err.error))?;
    Ok(())
}

/// Writes `text` as one line: its inner line breaks become spaces.
pub fn write_one_line(out: &mut dyn Write, text: &str) -> Result<()> {
    let lines = text.split(['\n', '\r']).filter(|line| !line.is_empty());
    for (index, line) in lines.enumerate() {
        if index > 0 {
            out.write_all(b" ")?;
        }
        out.write_all(line.as_bytes())?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_every_kind_of_line_break() {
        let mut out = Vec::new();
        write_one_line(&mut out, "أ\nب\r\nج\rد").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "أ ب ج د\n");
    }
}
