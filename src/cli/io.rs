//! Reading the input and writing the output of a command.

use super::advice;
use anyhow::{Context, Result};
use std::fs;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use tarjama::text::segment::Stretches;
use tarjama::text::{DecodeError, TextReader, decode_owned};

/// How an input is named in messages.
pub fn display_name(path: Option<&Path>) -> String {
    match path {
        None => "<stdin>".to_owned(),
        Some(path) if path == Path::new("-") => "<stdin>".to_owned(),
        Some(path) => path.display().to_string(),
    }
}

/// FILE, or `-` (standard input) when it is absent.
pub fn or_stdin(path: Option<&Path>) -> &Path {
    path.unwrap_or(Path::new("-"))
}

/// What a command reads, for [`write_output`]: its input (standard input
/// when absent) and `files` (glossaries, the memory).
pub fn reads<'a>(input: Option<&'a Path>, files: &'a [PathBuf]) -> Vec<&'a Path> {
    std::iter::once(or_stdin(input))
        .chain(files.iter().map(PathBuf::as_path))
        .collect()
}

/// The error of a failed read: the [`DecodeError`] of input that is no
/// text (a [`TextReader`] wraps it in an `io::Error`), else what the system
/// said.
fn cannot_read(err: io::Error, name: &str) -> anyhow::Error {
    if let Some(decode) = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<DecodeError>())
    {
        return anyhow::Error::new(decode.clone()).context(name.to_owned());
    }
    advice(
        format!("cannot read the input ({err}): {name}"),
        "check the path and its permissions",
    )
}

/// Reads FILE, or standard input when FILE is absent or `-`, as text
/// (UTF-8, or UTF-16 behind its byte-order mark).
// For the commands that need the whole text at once; `split` and `terms` stream.
pub fn read_text(path: Option<&Path>) -> Result<String> {
    let name = display_name(path);
    let bytes = match path {
        Some(path) if path != Path::new("-") => {
            fs::read(path).map_err(|err| cannot_read(err, &name))?
        }
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

/// Reads an exchange file (TMX, XLIFF, TSV): UTF-8, or UTF-16 behind its
/// byte-order mark; `-` reads standard input. `name` names it in errors.
pub fn read_exchange_file(file: &Path, name: &str) -> Result<String> {
    if file == Path::new("-") {
        return read_text(None);
    }
    let bytes = fs::read(file).map_err(|err| cannot_read(err, name))?;
    Ok(tarjama::exchange::decode(name, bytes)?)
}

/// An input read as text piece by piece.
type TextInput = TextReader<Box<dyn Read>>;

/// FILE, or standard input when FILE is absent or `-`, opened for reading
/// as text piece by piece; its size when known.
fn open_text(path: Option<&Path>, name: &str) -> Result<(TextInput, Option<u64>)> {
    let (input, len): (Box<dyn Read>, _) = match path {
        Some(path) if path != Path::new("-") => {
            let file = fs::File::open(path).map_err(|err| cannot_read(err, name))?;
            let len = file.metadata().ok().map(|meta| meta.len());
            (Box::new(file), len)
        }
        _ => (Box::new(io::stdin().lock()), None),
    };
    let reader = TextReader::new(input).map_err(|err| cannot_read(err, name))?;
    Ok((reader, len))
}

/// How much input is read at a time by [`read_text_pieces`].
const PIECE_LEN: usize = 1 << 20;

/// Reads FILE, or standard input when FILE is absent or `-`, piece by piece
/// (about a megabyte each, whole characters only) and hands every piece to
/// `each`, so that inputs larger than memory can be processed. A leading
/// byte-order mark is dropped and UTF-16 converted; invalid UTF-8 is the
/// same error as in [`read_text`], raised when the reading gets there.
pub fn read_text_pieces(
    path: Option<&Path>,
    mut each: impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    let name = display_name(path);
    let (mut input, _) = open_text(path, &name)?;
    let mut buffer = vec![0; PIECE_LEN];
    // Bytes of an unfinished character kept at the start of `buffer`, and
    // the bytes handed on before them (after the byte-order mark).
    let mut kept = 0;
    let mut passed = input.mark_len();
    loop {
        let read = match input.read(&mut buffer[kept..]) {
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(cannot_read(err, &name)),
        };
        let filled = kept + read;
        let at_end = read == 0;
        let whole = if at_end {
            filled
        } else {
            whole_characters(&buffer[..filled])
        };
        match std::str::from_utf8(&buffer[..whole]) {
            Ok("") => {}
            Ok(piece) => each(piece)?,
            Err(err) => {
                let offset = passed + err.valid_up_to();
                return Err(anyhow::Error::new(DecodeError::InvalidUtf8 { offset }).context(name));
            }
        }
        if at_end {
            return Ok(());
        }
        buffer.copy_within(whole..filled, 0);
        kept = filled - whole;
        passed += whole;
    }
}

/// Reads FILE, or standard input when FILE is absent or `-`, and hands on
/// stretches of it that split into sentences on their own
/// ([`Stretches`]), so memory stays bounded whatever the input's size.
pub fn for_each_stretch(
    input: Option<&Path>,
    mut each: impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    let mut stretches = Stretches::new();
    read_text_pieces(input, |piece| stretches.push(piece, &mut each))?;
    stretches.finish(each)
}

/// Like [`for_each_stretch`], but joins stretches into chunks of at least
/// `min_len` bytes (the last one may be shorter): an input shorter than
/// that comes whole, in one call.
pub fn for_each_chunk(
    input: Option<&Path>,
    min_len: usize,
    mut each: impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    let mut chunk = String::new();
    for_each_stretch(input, |stretch| {
        chunk.push_str(stretch);
        if chunk.len() >= min_len {
            each(&chunk)?;
            chunk.clear();
        }
        Ok(())
    })?;
    if chunk.is_empty() {
        Ok(())
    } else {
        each(&chunk)
    }
}

/// The length of `bytes` without a character cut off at its end.
fn whole_characters(bytes: &[u8]) -> usize {
    let len = bytes.len();
    for back in 1..=len.min(4) {
        let byte = bytes[len - back];
        if byte & 0xC0 != 0x80 {
            // A lead byte (or ASCII): is its character complete?
            let width = match byte {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            return if width > back { len - back } else { len };
        }
    }
    len
}

/// FILE, or standard input when FILE is absent or `-`, read one line at a
/// time (for commands that answer line by line and stream their output).
pub struct Lines {
    input: io::BufReader<TextInput>,
    name: String,
    /// The size of FILE, when known (for a progress bar).
    pub len: Option<u64>,
    /// Bytes read so far.
    pub read: u64,
    /// The number of the last line read, from 1.
    pub line: usize,
    buffer: Vec<u8>,
    /// The last line ended with a `\r` that may be followed by a `\n`.
    after_carriage_return: bool,
}

impl Lines {
    /// Opens FILE (or standard input).
    pub fn open(path: Option<&Path>) -> Result<Self> {
        let name = display_name(path);
        let (input, len) = open_text(path, &name)?;
        Ok(Self::from_reader(input, name, len, 1 << 16))
    }

    fn from_reader(input: TextInput, name: String, len: Option<u64>, capacity: usize) -> Self {
        Self {
            // Counted from the start of the file, byte-order mark included.
            read: input.mark_len() as u64,
            input: io::BufReader::with_capacity(capacity, input),
            name,
            len,
            line: 0,
            buffer: Vec::new(),
            after_carriage_return: false,
        }
    }

    /// How the input is named in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True when the next line needs a read from the file or pipe, which
    /// may wait: the moment to flush what was written so far.
    pub fn needs_read(&self) -> bool {
        self.input.buffer().is_empty()
    }

    /// The next line without its line end (`\n`, `\r\n` or a lone `\r`);
    /// `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<&str>> {
        self.buffer.clear();
        let read = self
            .read_line_with_end()
            .map_err(|err| cannot_read(err, &self.name))?;
        if read == 0 {
            return Ok(None);
        }
        let start = self.read;
        self.read += read as u64;
        self.line += 1;
        let mut bytes = self.buffer.as_slice();
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(line) => Ok(Some(line)),
            Err(err) => {
                let offset = usize::try_from(start).unwrap_or(usize::MAX) + err.valid_up_to();
                Err(anyhow::Error::new(DecodeError::InvalidUtf8 { offset })
                    .context(self.name.clone()))
            }
        }
    }

    /// Appends the next line with its end to the buffer; the number of
    /// bytes taken from the input (0 at the end). A `\r` that ends one
    /// buffer fill may be the first half of a `\r\n`: the `\n` is then
    /// taken at the start of the next call and counted as read there.
    fn read_line_with_end(&mut self) -> io::Result<usize> {
        let mut read = 0;
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if available.is_empty() {
                return Ok(read);
            }
            if std::mem::take(&mut self.after_carriage_return) && available[0] == b'\n' {
                self.input.consume(1);
                self.read += 1;
                continue;
            }
            let (end, taken) = tarjama::text::line_end(available, 0);
            self.after_carriage_return = taken == end + 1 && available.get(end) == Some(&b'\r');
            self.buffer.extend_from_slice(&available[..taken]);
            self.input.consume(taken);
            read += taken;
            if end < taken {
                return Ok(read);
            }
        }
    }
}

/// For [`write_output`] from commands that read no file.
pub const NOTHING_READ: &[&Path] = &[];

/// How standard output is named in messages.
const STANDARD_OUTPUT: &str = "standard output";

/// The error of a write to a closed pipe (`tarjama split | head`): the
/// reader has all it wanted, so the command ends quietly with success, as
/// it would have by SIGPIPE.
#[derive(Debug, thiserror::Error)]
#[error("the reader of the output went away")]
pub struct OutputClosed;

/// Runs `write` against standard output or, with `-o FILE`, against a
/// temporary file next to FILE that replaces it only when everything was
/// written: a failure never leaves half a file behind. An output that is
/// one of the files in `reads` (what the command reads; `-` is standard
/// input) is refused before anything is written. A failed write is
/// reported with the place it went to, whatever code it went through; a
/// closed pipe is [`OutputClosed`].
pub fn write_output(
    output: Option<&Path>,
    reads: &[impl AsRef<Path>],
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    refuse_to_replace(output, reads)?;
    match output {
        None => write_watched(io::stdout().lock(), STANDARD_OUTPUT, write).map(drop),
        Some(path) if path == Path::new("-") => write_output(None, reads, write),
        Some(path) if is_special_file(path) => write_in_place(path, write),
        Some(path) => write_file_atomically(path, write),
    }
}

/// A writer that keeps the first error of the one it wraps: serializers
/// and format writers turn I/O errors into their own (serde_yaml keeps no
/// trace of it), so what failed is read here instead of from the error.
struct Watched<W> {
    inner: W,
    failure: Option<(io::ErrorKind, String)>,
}

impl<W: Write> Watched<W> {
    fn note<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(err) = &result
            && self.failure.is_none()
        {
            self.failure = Some((err.kind(), err.to_string()));
        }
        result
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.note(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.note(result)
    }
}

/// Runs `write` against `inner` (buffered) and flushes it; `inner` back
/// when all went well. A failed write is reported as such, naming `name`.
fn write_watched<W: Write>(
    inner: W,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<W> {
    let mut watched = Watched {
        inner,
        failure: None,
    };
    let result = {
        let mut out = BufWriter::new(&mut watched);
        write(&mut out).and_then(|()| Ok(out.flush()?))
    };
    match watched.failure {
        Some((io::ErrorKind::BrokenPipe, _)) => Err(OutputClosed.into()),
        Some((kind, message)) => Err(cannot_write(name, kind, &message)),
        None => result.map(|()| watched.inner),
    }
}

/// The error of a failed write to `name`, with what to do about it.
fn cannot_write(name: &str, kind: io::ErrorKind, message: &str) -> anyhow::Error {
    let hint = match kind {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "make room on its disk, or write the output elsewhere"
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "check its permissions, or write the output elsewhere"
        }
        _ => "check that it can be written, or write the output elsewhere",
    };
    advice(format!("cannot write the output ({message}): {name}"), hint)
}

/// A device, pipe or socket (`-o /dev/null`, a FIFO): renaming a temporary
/// file over it would replace it, so it is written in place.
pub fn is_special_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

fn write_in_place(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let name = path.display().to_string();
    let file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|err| cannot_write(&name, err.kind(), &err.to_string()))?;
    write_watched(file, &name, write).map(drop)
}

fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let name = path.display().to_string();
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        let what = if dir.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        anyhow::bail!(advice(
            format!("the folder of the output file {what}: {name}"),
            format!(
                "create the folder first (mkdir -p {}), or choose another -o",
                shell_quote(&dir.display().to_string())
            ),
        ));
    }
    // A replaced file keeps its permissions; a new one gets the usual
    // ones (0666 less the umask), not the temporary file's private 0600.
    let mut builder: tempfile::Builder<'_, '_> = tempfile::Builder::new();
    match fs::metadata(path) {
        Ok(meta) => builder.permissions(meta.permissions()),
        Err(_) => with_new_file_permissions(&mut builder),
    };
    let temp = builder
        .tempfile_in(&dir)
        .map_err(|err| cannot_write(&name, err.kind(), &err.to_string()))?;
    let temp = write_watched(temp, &name, write)?;
    temp.persist(path)
        .map_err(|err| cannot_write(&name, err.error.kind(), &err.error.to_string()))?;
    Ok(())
}

#[cfg(unix)]
fn with_new_file_permissions<'b, 'a>(
    builder: &'b mut tempfile::Builder<'a, 'a>,
) -> &'b mut tempfile::Builder<'a, 'a> {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn with_new_file_permissions<'b, 'a>(
    builder: &'b mut tempfile::Builder<'a, 'a>,
) -> &'b mut tempfile::Builder<'a, 'a> {
    builder
}

/// `text` as one word for a POSIX shell: as it is when that is safe, else
/// in single quotes.
pub fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./:,+=@%".contains(c));
    if safe {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// What makes a file itself: its device and inode on Unix, the same
/// through any hard or symbolic link.
#[cfg(unix)]
type FileId = (u64, u64);
/// What makes a file itself: its canonical path (hard links are not seen).
#[cfg(not(unix))]
type FileId = PathBuf;

/// Which standard stream `-` (or no file) stands for.
#[derive(Clone, Copy)]
enum Standard {
    Input,
    Output,
}

/// The identity of a regular file: `path`, or the file `standard` is
/// redirected from or to when `path` is absent or `-`. `None` for anything
/// else (a terminal, a pipe, a device, a file that does not exist):
/// writing to those replaces nothing.
fn regular_file_id(path: Option<&Path>, standard: Standard) -> Option<FileId> {
    let metadata = match path {
        Some(path) if path != Path::new("-") => fs::metadata(path).ok()?,
        _ => standard_stream_metadata(standard)?,
    };
    if !metadata.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        fs::canonicalize(path?).ok()
    }
}

#[cfg(unix)]
fn standard_stream_metadata(standard: Standard) -> Option<fs::Metadata> {
    use std::os::fd::AsFd;
    let fd = match standard {
        Standard::Input => io::stdin().as_fd().try_clone_to_owned(),
        Standard::Output => io::stdout().as_fd().try_clone_to_owned(),
    };
    fs::File::from(fd.ok()?).metadata().ok()
}

#[cfg(not(unix))]
fn standard_stream_metadata(_standard: Standard) -> Option<fs::Metadata> {
    None
}

/// An error when the output (`output`, or standard output when it is
/// absent or `-`) is the same file as one of `reads` (`-`: standard input),
/// through any link: writing would destroy what the command reads.
pub fn refuse_to_replace(output: Option<&Path>, reads: &[impl AsRef<Path>]) -> Result<()> {
    let Some(written) = regular_file_id(output, Standard::Output) else {
        return Ok(());
    };
    for read in reads {
        let read = read.as_ref();
        if regular_file_id(Some(read), Standard::Input).as_ref() == Some(&written) {
            let (output, hint) = match output.filter(|path| *path != Path::new("-")) {
                Some(path) => (path.display().to_string(), "choose another -o"),
                None => (
                    STANDARD_OUTPUT.to_owned(),
                    "redirect standard output to another file",
                ),
            };
            anyhow::bail!(advice(
                format!(
                    "the output would replace its own input ({}): {output}",
                    display_name(Some(read))
                ),
                hint,
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(input: &'static [u8], capacity: usize) -> Lines {
        let reader = TextReader::new(Box::new(input) as Box<dyn Read>).unwrap();
        Lines::from_reader(reader, "in".into(), None, capacity)
    }

    fn all_lines(input: &'static [u8], capacity: usize) -> (Vec<String>, u64) {
        let mut lines = lines_of(input, capacity);
        let mut found = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            found.push(line.to_owned());
        }
        (found, lines.read)
    }

    #[test]
    fn lines_end_at_every_kind_of_line_end_whatever_the_buffer() {
        let input = "\u{feff}جنيف\r\nموسكو\rروسيا\n\r\nend".as_bytes();
        for capacity in 1..=12 {
            let (lines, read) = all_lines(input, capacity);
            assert_eq!(
                lines,
                ["جنيف", "موسكو", "روسيا", "", "end"],
                "capacity {capacity}"
            );
            assert_eq!(read, input.len() as u64, "capacity {capacity}");
        }
        assert_eq!(all_lines(b"a\r", 1).0, ["a"]);
        assert_eq!(all_lines(b"a\r\r\nb", 2).0, ["a", "", "b"]);
    }

    #[test]
    fn bad_utf8_in_a_line_names_its_byte_offset() {
        let mut lines = lines_of(b"ok\rx\xff\n", 2);
        assert_eq!(lines.next_line().unwrap(), Some("ok"));
        let err = lines.next_line().unwrap_err();
        assert_eq!(
            err.root_cause().to_string(),
            DecodeError::InvalidUtf8 { offset: 4 }.to_string()
        );
    }

    /// A writer that fails every write with `kind`.
    #[derive(Debug)]
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(self.0.into())
        }

        fn flush(&mut self) -> io::Result<()> {
            Err(self.0.into())
        }
    }

    #[test]
    fn a_failed_write_is_reported_whatever_became_of_its_error() {
        // A serializer that turns the I/O error into one of its own.
        let hiding = |out: &mut dyn Write| {
            let written = out.write_all(&[b'x'; 1 << 17]);
            anyhow::ensure!(written.is_ok(), "serialization failed");
            Ok(())
        };
        let err = write_watched(Failing(io::ErrorKind::BrokenPipe), "x", hiding).unwrap_err();
        assert!(err.is::<OutputClosed>());
        let err = write_watched(Failing(io::ErrorKind::StorageFull), STANDARD_OUTPUT, hiding)
            .unwrap_err();
        let err = crate::cli::report(&err);
        assert!(
            err.starts_with("tarjama: cannot write the output ("),
            "{err}"
        );
        assert!(
            err.contains("): standard output\nhint: make room on its disk"),
            "{err}"
        );
        // Buffered output that fails only when flushed.
        let err = write_watched(Failing(io::ErrorKind::PermissionDenied), "out.md", |out| {
            Ok(out.write_all(b"short")?)
        })
        .unwrap_err();
        let err = crate::cli::report(&err);
        assert!(
            err.contains("): out.md\nhint: check its permissions"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_output_is_refused_when_it_is_a_file_read_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.txt");
        fs::write(&input, "نص").unwrap();
        let hard = dir.path().join("hard.txt");
        fs::hard_link(&input, &hard).unwrap();
        let soft = dir.path().join("soft.txt");
        std::os::unix::fs::symlink(&input, &soft).unwrap();
        let other = dir.path().join("other.txt");
        fs::write(&other, "نص").unwrap();
        for output in [&input, &hard, &soft] {
            let err = refuse_to_replace(Some(output), &[Path::new("x.yaml"), &input])
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with("the output would replace its own input ("),
                "{err}"
            );
        }
        assert!(refuse_to_replace(Some(&other), &[&input]).is_ok());
        assert!(refuse_to_replace(Some(&dir.path().join("new.txt")), &[&input]).is_ok());
        assert!(refuse_to_replace(Some(Path::new("/dev/null")), &[Path::new("/dev/null")]).is_ok());
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_quote("glossary/names.yaml"), "glossary/names.yaml");
        assert_eq!(shell_quote("my terms.tsv"), "'my terms.tsv'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("أسماء.yaml"), "أسماء.yaml");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn utf16_lines_are_read_as_their_text() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("جنيف\r\nموسكو".encode_utf16().flat_map(u16::to_le_bytes));
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        assert_eq!(all_lines(bytes, 3).0, ["جنيف", "موسكو"]);
    }
}
