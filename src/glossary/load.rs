//! Reading glossary files: YAML (`entries:` list or a plain `arabic: english`
//! mapping), OmegaT-style TSV and TBX, one file or a folder of them, and the
//! glossary compiled into the binary.
//!
//! This is the only module that names the YAML crate, so swapping it for a
//! maintained fork touches nothing else.

use super::model::{Entry, Kind, Source};
use super::{EntryTable, MAX_TEXT_BYTES, tbx, tsv};
use crate::error::{FileError, FileErrorKind};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The glossary files compiled into the binary: `(file name, contents)`.
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_glossary.rs"));

const YAML_HINT: &str = "a glossary is `entries:` followed by a list of {ar, en, type, variants, avoid, long, note}, \
     or a plain mapping `arabic: english`";

crate::named::named_enum! {
    /// The file formats a glossary is read from and written in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum GlossaryFormat {
        /// source\<TAB\>target\<TAB\>comment, one line per Arabic form (OmegaT's glossary layout)
        Tsv = "tsv" in ["tsv", "tab", "txt", "utf8"],
        /// TBX 2 (TBX-Basic style)
        Tbx = "tbx" in ["tbx"],
        /// tarjama's YAML schema
        Yaml = "yaml" in ["yaml", "yml"],
    }
}

impl GlossaryFormat {
    /// Guesses the format from the file extension: `.tsv` `.tab` `.txt`
    /// `.utf8` are TSV, `.tbx` is TBX, anything else YAML.
    pub fn of_path(path: &Path) -> GlossaryFormat {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        GlossaryFormat::ALL
            .iter()
            .copied()
            .find(|format| format.extensions().contains(&extension.as_str()))
            .unwrap_or(GlossaryFormat::Yaml)
    }
}

/// True for the file names a glossary folder is made of.
pub fn is_yaml_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The files a glossary path stands for: the file itself, or every
/// `*.yaml`/`*.yml` of a folder in name order.
pub fn glossary_files(path: &Path) -> Result<Vec<PathBuf>, FileError> {
    let name = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|err| unreadable(&name, "glossary", &err))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .and_then(|dir| dir.map(|item| item.map(|item| item.path())).collect())
        .map_err(|err| unreadable(&name, "glossary folder", &err))?;
    files.retain(|file| is_yaml_file(file) && file.is_file());
    files.sort();
    if files.is_empty() {
        return Err(FileError::new(
            FileErrorKind::Empty,
            &name,
            "no *.yaml or *.yml glossary in the folder",
        )
        .with_hint("pass a glossary file, or a folder that holds some"));
    }
    Ok(files)
}

fn unreadable(name: &str, what: &str, err: &std::io::Error) -> FileError {
    FileError::new(
        FileErrorKind::Unreadable,
        name,
        format!("cannot read the {what} ({err})"),
    )
    .with_hint("check the path and its permissions")
}

/// Reads a glossary file, or every `*.yaml`/`*.yml` of a folder (in name
/// order), into entries that remember their file and line.
pub fn read_path(path: &Path) -> Result<Vec<Entry>, FileError> {
    Ok(read_table(path)?.to_entries())
}

/// [`read_path`] into an [`EntryTable`]: a TSV file's text becomes the
/// table's own, so a large term list is read without a copy per entry.
pub fn read_table(path: &Path) -> Result<EntryTable, FileError> {
    let mut table = EntryTable::default();
    for file in glossary_files(path)? {
        let next = read_file(&file)?;
        if table.text_len() + next.text_len() > MAX_TEXT_BYTES {
            return Err(too_large(&path.display().to_string()));
        }
        table.append(next);
    }
    Ok(table)
}

/// The error for glossaries of more than [`MAX_TEXT_BYTES`] together.
pub fn too_large(name: &str) -> FileError {
    FileError::new(
        FileErrorKind::TooLarge,
        name,
        "the glossaries hold more than 4 GiB of text together",
    )
    .with_hint("split the work: match against fewer or smaller glossaries at a time")
}

fn read_file(path: &Path) -> Result<EntryTable, FileError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|err| unreadable(&name, "glossary", &err))?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(too_large(&name));
    }
    let text = crate::text::decode_owned(bytes).map_err(|err| err.in_file(&name))?;
    let format = GlossaryFormat::of_path(path);
    let table = match text.strip_prefix('\u{feff}') {
        _ if format != GlossaryFormat::Tsv => EntryTable::from(parse(&name, &text, format)?),
        Some(rest) => tsv::read_table(&name, rest.to_owned())?,
        None => tsv::read_table(&name, text)?,
    };
    if table.is_empty() {
        return Err(no_entries(&name));
    }
    Ok(table)
}

/// Parses the text of one glossary file. `name` is used in sources and errors.
pub fn parse(name: &str, text: &str, format: GlossaryFormat) -> Result<Vec<Entry>, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let entries = match format {
        GlossaryFormat::Yaml => parse_yaml(name, text)?,
        GlossaryFormat::Tsv => tsv::parse(name, text)?,
        GlossaryFormat::Tbx => tbx::parse(name, text)?,
    };
    if entries.is_empty() {
        return Err(no_entries(name));
    }
    Ok(entries)
}

fn no_entries(name: &str) -> FileError {
    FileError::new(FileErrorKind::Empty, name, "the glossary has no entries")
        .with_hint(YAML_HINT.replace("a glossary is", "write at least one entry:"))
}

/// The glossary compiled into the binary (every `glossary/*.yaml` present at
/// build time); empty when there was none.
pub fn read_builtin() -> Result<Vec<Entry>, FileError> {
    let mut entries = Vec::new();
    for (name, text) in BUILTIN {
        entries.extend(parse(
            &format!("<built-in>/{name}"),
            text,
            GlossaryFormat::Yaml,
        )?);
    }
    Ok(entries)
}

fn parse_yaml(name: &str, text: &str) -> Result<Vec<Entry>, FileError> {
    if crate::text::lines(text)
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
    {
        return Ok(Vec::new());
    }
    // Every alias starts with `*`: most glossaries skip the extra pass.
    if text.contains('*') {
        Expansion::of(text).map_err(|err| yaml_error(name, text, &err))?;
    }
    let document = Document::deserialize(serde_yaml::Deserializer::from_str(text))
        .map_err(|err| yaml_error(name, text, &err))?;
    let file: Arc<str> = Arc::from(name);
    let entries = match document {
        Document::List(raw) => {
            let lines = locate_list_items(text, raw.len());
            raw.into_iter()
                .zip(lines)
                .map(|(raw, line)| raw.into_entry(&file, line))
                .collect()
        }
        Document::Mapping(pairs) => {
            let lines = locate_mapping_keys(text, pairs.len());
            pairs
                .into_iter()
                .zip(lines)
                .map(|((ar, en), line)| Entry {
                    ar,
                    en,
                    source: Some(Source {
                        file: file.clone(),
                        line,
                    }),
                    ..Entry::default()
                })
                .collect()
        }
    };
    Ok(entries)
}

/// The parser's error, placed by its byte offset: the parser also starts a
/// line at NEL and U+2028, which editors do not show as line breaks.
fn yaml_error(name: &str, text: &str, err: &serde_yaml::Error) -> FileError {
    let mut message = err.to_string();
    // The crate appends " at line L column C"; the location goes after the file name instead.
    if let Some(at) = message.find(" at line ") {
        message.truncate(at);
    }
    let message = elide_middle(&message, 120);
    let (kind, hint) = if message.contains("tab") || message.contains("cannot start any token") {
        (
            FileErrorKind::Syntax,
            "indent with spaces: YAML does not allow tabs for indentation".to_owned(),
        )
    } else if message.contains("YAML aliases") {
        (
            FileErrorKind::Refused,
            "write the values out: an alias (*name) may repeat only a little text".to_owned(),
        )
    } else if message.contains("invalid type") {
        (
            FileErrorKind::Content,
            format!("quote text values (en: \"1990\"); {YAML_HINT}"),
        )
    } else if [
        "unknown field",
        "missing field",
        "duplicate",
        "unknown variant",
    ]
    .iter()
    .any(|what| message.contains(what))
    {
        (FileErrorKind::Content, YAML_HINT.to_owned())
    } else {
        (FileErrorKind::Syntax, YAML_HINT.to_owned())
    };
    let error = FileError::new(kind, name, message).with_hint(hint);
    match err.location() {
        Some(location) => {
            let (line, column) = crate::error::line_column(text, location.index());
            error.at(line, Some(column))
        }
        None => error,
    }
}

/// Keeps the first and last `keep` characters of a long message (one that
/// quotes a huge value).
fn elide_middle(message: &str, keep: usize) -> String {
    let count = message.chars().count();
    if count <= 2 * keep + 10 {
        return message.to_owned();
    }
    let head: String = message.chars().take(keep).collect();
    let tail: String = message.chars().skip(count - keep).collect();
    format!("{head} … {tail}")
}

/// Measures the text a YAML document holds once its aliases are followed,
/// without copying any of it, and refuses one that aliases make far larger
/// than the file (an alias bomb: a few kilobytes that would fill gigabytes).
struct Expansion<'a> {
    /// Bytes of text still allowed.
    left: &'a mut usize,
}

impl Expansion<'_> {
    fn of(text: &str) -> Result<(), serde_yaml::Error> {
        // Escapes aside, a document without aliases holds at most its own
        // length in text.
        let mut left = text.len().saturating_mul(4).saturating_add(1 << 20);
        Expansion { left: &mut left }.deserialize(serde_yaml::Deserializer::from_str(text))
    }

    fn again(&mut self) -> Expansion<'_> {
        Expansion {
            left: &mut *self.left,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Expansion<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Expansion<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        *self.left = self.left.checked_sub(text.len()).ok_or_else(|| {
            E::custom("YAML aliases expand the glossary far beyond the size of the file")
        })?;
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self.again())?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(self.again())?.is_some() {
            map.next_value_seed(self.again())?;
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag is the variant.
        let ((), variant) = data.variant_seed(self.again())?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// The two shapes a YAML glossary can take.
enum Document {
    List(Vec<RawEntry>),
    Mapping(Vec<(String, String)>),
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    ar: String,
    en: String,
    #[serde(rename = "type", default, skip_serializing_if = "is_default_kind")]
    kind: Kind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    variants: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    avoid: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    long: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

fn is_default_kind(kind: &Kind) -> bool {
    *kind == Kind::Term
}

impl RawEntry {
    fn into_entry(self, file: &Arc<str>, line: usize) -> Entry {
        Entry {
            ar: self.ar,
            en: self.en,
            kind: self.kind,
            variants: self.variants,
            avoid: self.avoid,
            long: self.long,
            note: self.note,
            source: Some(Source {
                file: file.clone(),
                line,
            }),
        }
    }

    fn from_entry(entry: &Entry) -> Self {
        Self {
            ar: entry.ar.clone(),
            en: entry.en.clone(),
            kind: entry.kind,
            variants: entry.variants.clone(),
            avoid: entry.avoid.clone(),
            long: entry.long.clone(),
            note: entry.note.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(DocumentVisitor)
    }
}

struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping: `entries:` with a list, or `arabic: english` pairs")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut seen = HashSet::new();
        let mut entries = None;
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key_seed(UniqueKey {
            seen: &mut seen,
            list_style: entries.is_some(),
        })? {
            if key == "entries" && pairs.is_empty() {
                entries = Some(map.next_value_seed(EntryList)?);
            } else {
                pairs.push((key, map.next_value::<String>()?));
            }
        }
        Ok(match entries {
            Some(entries) => Document::List(entries),
            None => Document::Mapping(pairs),
        })
    }
}

/// Reads a mapping key and refuses one seen before, so the error points at
/// the repeated key itself.
struct UniqueKey<'a> {
    seen: &'a mut HashSet<String>,
    /// After `entries:` no other top-level key is allowed.
    list_style: bool,
}

impl<'de> DeserializeSeed<'de> for UniqueKey<'_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        // Checking inside the visitor lets the error carry the key's position.
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for UniqueKey<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<String, E> {
        if self.list_style {
            return Err(E::custom(format!(
                "unknown top-level key `{key}` after `entries`"
            )));
        }
        if !self.seen.insert(key.to_owned()) {
            return Err(E::custom(format!("duplicate key `{key}`")));
        }
        Ok(key.to_owned())
    }
}

/// The `entries:` list; each item is read with duplicate-field checks.
struct EntryList;

impl<'de> DeserializeSeed<'de> for EntryList {
    type Value = Vec<RawEntry>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EntryList {
    type Value = Vec<RawEntry>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(entry) = seq.next_element()? {
            entries.push(entry);
        }
        Ok(entries)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

/// Lines (from 1) of the `count` items of the top-level `entries:` list in
/// block style. Any other layout (flow style, odd indentation) gives every
/// entry the line of `entries:`.
fn locate_list_items(text: &str, count: usize) -> Vec<usize> {
    let mut lines = crate::text::lines(text).enumerate();
    let Some((key_line, _)) = lines.find(|(_, line)| line.starts_with("entries:")) else {
        return vec![1; count];
    };
    let mut found = Vec::with_capacity(count);
    let mut item_indent = None;
    for (number, line) in lines {
        let content = line.trim_start_matches(' ');
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        let is_item =
            content.starts_with('-') && content[1..].chars().next().is_none_or(char::is_whitespace);
        if is_item && item_indent.is_none_or(|wanted| wanted == indent) {
            item_indent = Some(indent);
            found.push(number + 1);
        } else if indent == 0 && !is_item {
            break;
        }
    }
    if found.len() == count {
        found
    } else {
        vec![key_line + 1; count]
    }
}

/// Lines (from 1) of the `count` keys of a top-level block mapping.
fn locate_mapping_keys(text: &str, count: usize) -> Vec<usize> {
    let found: Vec<usize> = crate::text::lines(text)
        .enumerate()
        .filter(|(_, line)| {
            let starts_key = line
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && !matches!(c, '#' | '-' | '%' | '.'));
            starts_key && !line.starts_with("---")
        })
        .map(|(number, _)| number + 1)
        .collect();
    if found.len() == count {
        found
    } else {
        vec![1; count]
    }
}

/// Writes entries as a YAML glossary (`entries:` list).
pub fn write_yaml(entries: &[Entry], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct File {
        entries: Vec<RawEntry>,
    }
    let file = File {
        entries: entries.iter().map(RawEntry::from_entry).collect(),
    };
    serde_yaml::to_writer(out, &file).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Result<Vec<Entry>, FileError> {
        parse("g.yaml", text, GlossaryFormat::Yaml)
    }

    #[test]
    fn reads_the_list_schema_with_lines() {
        let entries = yaml(
            "# names\nentries:\n  - ar: سيرغي ريابكوف\n    en: Sergei Ryabkov\n    type: person\n    variants: [سيرجي ريابكوف]\n    avoid: [Sergey Riabkov]\n    note: deputy minister\n\n  - ar: منظمة الأمن والتعاون في أوروبا\n    en: OSCE\n    long: Organization for Security and Co-operation in Europe\n    type: org\n",
        )
        .unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].kind, Kind::Person);
        assert_eq!(entries[0].variants, ["سيرجي ريابكوف"]);
        assert_eq!(entries[0].source.as_ref().unwrap().to_string(), "g.yaml:3");
        assert_eq!(entries[1].kind, Kind::Org);
        assert_eq!(entries[1].source.as_ref().unwrap().line, 10);
        assert_eq!(
            entries[1].long.as_deref(),
            Some("Organization for Security and Co-operation in Europe")
        );
    }

    #[test]
    fn reads_a_plain_mapping_with_lines() {
        let entries = yaml("ريابكوف: Ryabkov\n\n# places\nجنيف: Geneva\n").unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].ar, "جنيف");
        assert_eq!(entries[1].kind, Kind::Term);
        assert_eq!(entries[1].source.as_ref().unwrap().line, 4);
    }

    #[test]
    fn entry_lines_count_old_mac_line_ends_as_errors_do() {
        let entries = yaml(
            "# names\rentries:\r  - ar: جنيف\r    en: Geneva\r\r  - ar: روسيا\r    en: Russia\r",
        )
        .unwrap();
        let lines: Vec<usize> = entries
            .iter()
            .map(|e| e.source.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, [3, 6]);
        let entries = yaml("ريابكوف: Ryabkov\r\n\r\nجنيف: Geneva\r\n").unwrap();
        assert_eq!(entries[1].source.as_ref().unwrap().line, 3);
    }

    #[test]
    fn flow_style_entries_fall_back_to_the_key_line() {
        let entries =
            yaml("\nentries: [{ar: جنيف, en: Geneva}, {ar: روسيا, en: Russia}]\n").unwrap();
        assert_eq!(entries.len(), 2);
        assert!(entries.iter().all(|e| e.source.as_ref().unwrap().line == 2));
    }

    /// The error as the binary shows it: the message, then the hint.
    fn error(text: &str) -> String {
        let err = yaml(text).unwrap_err();
        format!("{err}\nhint: {}", err.hint)
    }

    #[test]
    fn unknown_field_has_file_line_and_column() {
        let err = yaml("entries:\n  - ar: جنيف\n    en: Geneva\n    colour: blue\n").unwrap_err();
        assert_eq!(err.kind, FileErrorKind::Content);
        let message = error("entries:\n  - ar: جنيف\n    en: Geneva\n    colour: blue\n");
        assert!(
            message.starts_with("entries[0]: unknown field `colour`"),
            "{message}"
        );
        assert!(message.contains(": g.yaml:4:5\nhint:"), "{message}");
    }

    #[test]
    fn missing_english_is_an_error() {
        let message = error("entries:\n  - ar: جنيف\n    type: place\n");
        assert!(message.contains("missing field `en`"), "{message}");
        assert!(message.contains("g.yaml:2:"), "{message}");
    }

    #[test]
    fn wrong_types_are_errors() {
        assert!(
            error("entries:\n  - ar: جنيف\n    en: Geneva\n    variants: جنيفا\n")
                .contains("invalid type")
        );
        assert!(
            error("entries:\n  - ar: جنيف\n    en: Geneva\n    type: city\n")
                .contains("unknown variant `city`")
        );
        assert!(error("entries: 3\n").contains("invalid type"));
        assert!(error("- a\n- b\n").contains("invalid type"));
    }

    #[test]
    fn duplicate_keys_point_at_the_repeated_key() {
        let message = error("جنيف: Geneva\nروسيا: Russia\nجنيف: Genf\n");
        assert!(
            message.starts_with("duplicate key `جنيف`: g.yaml:3:1"),
            "{message}"
        );
        let message = error("entries:\n  - ar: جنيف\n    en: Geneva\n    en: Genf\n");
        assert!(message.contains("duplicate field `en`"), "{message}");
    }

    #[test]
    fn syntax_errors_and_tabs_have_positions() {
        let message = error("entries:\n  - ar: [جنيف\n");
        assert!(message.contains("g.yaml:"), "{message}");
        let message = error("entries:\n\t- ar: جنيف\n\t  en: Geneva\n");
        assert!(message.contains("g.yaml:2:"), "{message}");
        assert!(message.contains("hint: indent with spaces"), "{message}");
    }

    #[test]
    fn empty_files_are_refused() {
        assert!(error("").starts_with("the glossary has no entries: g.yaml"));
        assert!(error("# nothing yet\n").starts_with("the glossary has no entries"));
        assert!(error("entries:\n").starts_with("the glossary has no entries"));
        assert!(error("entries: []\n").starts_with("the glossary has no entries"));
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let entries = yaml("\u{feff}entries:\r\n  - ar: جنيف\r\n    en: Geneva\r\n").unwrap();
        assert_eq!(entries[0].en, "Geneva");
        assert_eq!(entries[0].source.as_ref().unwrap().line, 2);
    }

    #[test]
    fn alias_bombs_stop_quickly() {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for level in b'b'..=b'i' {
            let previous = (level - 1) as char;
            let level = level as char;
            bomb.push_str(&format!(
                "{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"
            ));
        }
        let started = std::time::Instant::now();
        assert!(yaml(&bomb).is_err());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn string_alias_bombs_are_refused_before_they_expand() {
        // 100 KB of text, read 10 000 times through aliases: a gigabyte.
        let long = "ل".repeat(50_000);
        let aliases = vec!["*a"; 10_000].join(", ");
        let bomb = format!(
            "entries:\n  - ar: جنيف\n    en: Geneva\n    note: &a {long}\n  - ar: روما\n    en: Rome\n    variants: [{aliases}]\n"
        );
        let started = std::time::Instant::now();
        let err = yaml(&bomb).unwrap_err();
        assert!(started.elapsed().as_secs() < 5);
        assert!(
            err.message.contains("YAML aliases expand the glossary"),
            "{err}"
        );
        // The place is the text the aliases repeat.
        assert_eq!(err.line, Some(4), "{err}");
        // A few aliases of short text are fine.
        let fine = "entries:\n  - ar: جنيف\n    en: &g Geneva\n  - ar: جنيفا\n    en: *g\n";
        assert_eq!(yaml(fine).unwrap()[1].en, "Geneva");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panicking(text in "(\\PC|[ \t\n:\\-\\[\\]{}&*!|>'\"#%@`,?])*") {
            for format in [GlossaryFormat::Yaml, GlossaryFormat::Tsv, GlossaryFormat::Tbx] {
                let _ = parse("g", &text, format);
            }
        }
    }

    #[test]
    fn yaml_round_trips() {
        let entries = yaml("entries:\n  - ar: ريابكوف\n    en: Ryabkov\n    type: person\n    variants: [ريابكوفا]\n    note: 'a: b'\n").unwrap();
        let mut out = Vec::new();
        write_yaml(&entries, &mut out).unwrap();
        let again = yaml(std::str::from_utf8(&out).unwrap()).unwrap();
        let strip = |e: &Entry| Entry {
            source: None,
            ..e.clone()
        };
        assert_eq!(
            again.iter().map(strip).collect::<Vec<_>>(),
            entries.iter().map(strip).collect::<Vec<_>>()
        );
    }
}
