//! Reading the input and writing the output of a command.

use anyhow::{Context, Result};
use std::fs;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use tarjama::text::segment::Stretches;
use tarjama::text::{DecodeError, decode_owned};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How an input is named in messages.
pub fn display_name(path: Option<&Path>) -> String {
    match path {
        None => "<stdin>".to_owned(),
        Some(path) if path == Path::new("-") => "<stdin>".to_owned(),
        Some(path) => path.display().to_string(),
    }
}

fn cannot_read(err: io::Error, name: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot read the input ({err}): {name}\nhint: check the path and its permissions"
    )
}

/// Reads FILE, or standard input when FILE is absent or `-`, as UTF-8 text.
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
/// byte-order mark; `-` reads standard input (UTF-8). `name` names it in
/// errors.
pub fn read_exchange_file(file: &Path, name: &str) -> Result<String> {
    if file == Path::new("-") {
        return read_text(None);
    }
    let bytes = fs::read(file).map_err(|err| cannot_read(err, name))?;
    Ok(tarjama::formats::decode(name, bytes)?)
}

/// How much input is read at a time by [`read_text_pieces`].
const PIECE_LEN: usize = 1 << 20;

/// Reads FILE, or standard input when FILE is absent or `-`, piece by piece
/// (about a megabyte each, whole characters only) and hands every piece to
/// `each`, so that inputs larger than memory can be processed. A leading
/// byte-order mark is dropped; invalid UTF-8 is the same error as in
/// [`read_text`], raised when the reading gets there.
pub fn read_text_pieces(
    path: Option<&Path>,
    mut each: impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    let name = display_name(path);
    let mut input: Box<dyn Read> = match path {
        Some(path) if path != Path::new("-") => {
            Box::new(fs::File::open(path).map_err(|err| cannot_read(err, &name))?)
        }
        _ => Box::new(io::stdin().lock()),
    };
    let mut buffer = vec![0; PIECE_LEN];
    // Bytes of an unfinished character (or a possible byte-order mark)
    // kept at the start of `buffer`, and raw bytes handed on before them.
    let mut kept = 0;
    let mut passed = 0;
    let mut at_start = true;
    loop {
        let read = match input.read(&mut buffer[kept..]) {
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(cannot_read(err, &name)),
        };
        let filled = kept + read;
        let at_end = read == 0;
        let mut from = 0;
        if at_start {
            if filled < BOM.len() && !at_end {
                kept = filled;
                continue;
            }
            at_start = false;
            if buffer[..filled].starts_with(BOM) {
                from = BOM.len();
            }
        }
        let whole = if at_end {
            filled
        } else {
            whole_characters(&buffer[..filled])
        };
        match std::str::from_utf8(&buffer[from..whole]) {
            Ok("") => {}
            Ok(piece) => each(piece)?,
            Err(err) => {
                let offset = passed + from + err.valid_up_to();
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
    input: io::BufReader<Box<dyn Read>>,
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
        let (input, len): (Box<dyn Read>, _) = match path {
            Some(path) if path != Path::new("-") => {
                let file = fs::File::open(path).map_err(|err| cannot_read(err, &name))?;
                let len = file.metadata().ok().map(|meta| meta.len());
                (Box::new(file), len)
            }
            _ => (Box::new(io::stdin()), None),
        };
        Ok(Self::from_reader(input, name, len, 1 << 16))
    }

    fn from_reader(input: Box<dyn Read>, name: String, len: Option<u64>, capacity: usize) -> Self {
        Self {
            input: io::BufReader::with_capacity(capacity, input),
            name,
            len,
            read: 0,
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

    /// The next line without its line end (`\n`, `\r\n` or a lone `\r`),
    /// a leading byte-order mark dropped; `None` at the end.
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
        let skipped = if start == 0 && bytes.starts_with(BOM) {
            bytes = &bytes[BOM.len()..];
            BOM.len()
        } else {
            0
        };
        match std::str::from_utf8(bytes) {
            Ok(line) => Ok(Some(line)),
            Err(err) => {
                let offset = start as usize + skipped + err.valid_up_to();
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
        Some(path) if is_special_file(path) => write_in_place(path, write),
        Some(path) => write_file_atomically(path, write),
    }
}

/// A device, pipe or socket (`-o /dev/null`, a FIFO): renaming a temporary
/// file over it would replace it, so it is written in place.
fn is_special_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

fn write_in_place(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|err| output_error(path, &err))?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush().map_err(|err| output_error(path, &err))?;
    Ok(())
}

fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(output_error(path, &io::ErrorKind::NotFound.into()));
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
        .map_err(|err| output_error(path, &err))?;
    let mut out = BufWriter::new(temp);
    write(&mut out)?;
    let temp = out
        .into_inner()
        .map_err(|err| output_error(path, err.error()))?;
    temp.persist(path)
        .map_err(|err| output_error(path, &err.error))?;
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

fn output_error(path: &Path, err: &io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot write the output file ({}): {}\nhint: check that its folder exists and is writable",
        err.kind(),
        path.display()
    )
}

/// Writes `sentence` and a newline, each line break inside it (`\r\n`
/// counts once; NEL, U+2028 and U+2029 too) turned into a space.
pub fn write_one_line(out: &mut dyn Write, sentence: &str) -> std::io::Result<()> {
    let bytes = sentence.as_bytes();
    let mut from = 0;
    // Where each byte can start a line break: `\n`, `\r` and E2 (U+2028,
    // U+2029) are one search, C2 (NEL, but also « and ») another. Each is
    // searched again only once passed, which keeps this linear.
    let mut common = memchr::memchr3_iter(b'\n', b'\r', 0xE2, bytes).peekable();
    let mut rare = memchr::memchr_iter(0xC2, bytes).peekable();
    loop {
        let at = match (common.peek(), rare.peek()) {
            (Some(&c), Some(&r)) if r < c => rare.next(),
            (Some(_), _) => common.next(),
            (None, _) => rare.next(),
        };
        let Some(at) = at else {
            break;
        };
        if at < from {
            continue; // the `\n` of a `\r\n`
        }
        let len = match &bytes[at..] {
            [b'\r', b'\n', ..] => 2,
            [b'\n' | b'\r', ..] => 1,
            [0xC2, 0x85, ..] => 2,
            [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
            _ => continue,
        };
        out.write_all(&bytes[from..at])?;
        out.write_all(b" ")?;
        from = at + len;
    }
    out.write_all(&bytes[from..])?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lines(input: &'static [u8], capacity: usize) -> (Vec<String>, u64) {
        let mut lines = Lines::from_reader(Box::new(input), "in".into(), None, capacity);
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
        let mut lines = Lines::from_reader(Box::new(&b"ok\rx\xff\n"[..]), "in".into(), None, 2);
        assert_eq!(lines.next_line().unwrap(), Some("ok"));
        let err = lines.next_line().unwrap_err();
        assert_eq!(
            err.root_cause().to_string(),
            DecodeError::InvalidUtf8 { offset: 4 }.to_string()
        );
    }

    #[test]
    fn one_line_joins_every_kind_of_line_break() {
        let mut out = Vec::new();
        write_one_line(&mut out, "أ\nب\r\nج\rد\u{2028}ه").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "أ ب ج د ه\n");
    }
}
