//! Writing the findings of a check (`tarjama check`): a readable report
//! grouped by segment, JSON, or TSV.

use crate::exchange::tsv::{TableLayout, TableWriter};
use crate::qa::{Finding, Pair, Severity};
use serde::Serialize;
use std::io::{self, Write};

crate::named::named_enum! {
    /// How the findings are written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ReportFormat {
        /// Grouped by segment: its id, source and target, then one line per finding
        Text = "text" in ["txt"],
        /// {"file","segments","errors","warnings","findings":[{"segment","kind","severity","message",
        /// "source_words","target_words","expected","other_segment"}]}
        Json = "json" in ["json"],
        /// One finding per line under a header; cells safe for spreadsheets
        Tsv = "tsv" in ["tsv", "tab"],
    }
}

/// The findings of one file, ready to be written.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The file as the user named it.
    pub file: &'a str,
    /// Its segments.
    pub segments: &'a [Pair],
    /// What the checks found, in segment order.
    pub findings: &'a [Finding],
}

/// The columns of the TSV report.
pub const TSV_COLUMNS: [&str; 8] = [
    "segment",
    "kind",
    "severity",
    "message",
    "source_words",
    "target_words",
    "expected",
    "other_segment",
];

#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    segments: usize,
    errors: usize,
    warnings: usize,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    segment: &'a str,
    kind: &'static str,
    severity: &'static str,
    message: &'a str,
    source_words: &'a str,
    target_words: &'a str,
    expected: &'a str,
    other_segment: Option<&'a str>,
}

impl<'a> Report<'a> {
    /// Writes the report in `format`.
    pub fn write(&self, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            ReportFormat::Text => self.write_text(out),
            ReportFormat::Json => self.write_json(out),
            ReportFormat::Tsv => self.write_tsv(out),
        }
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity() == severity)
            .count()
    }

    fn id(&self, index: usize) -> &'a str {
        &self.segments[index].id
    }

    fn fields(&self, finding: &'a Finding) -> JsonFinding<'a> {
        JsonFinding {
            segment: self.id(finding.segment),
            kind: finding.kind.name(),
            severity: finding.severity().name(),
            message: &finding.message,
            source_words: &finding.source_words,
            target_words: &finding.target_words,
            expected: &finding.expected,
            other_segment: finding.other_segment.map(|index| self.id(index)),
        }
    }

    /// One block per segment with findings (its id, source and target, then
    /// one line per finding), and a count at the end.
    pub fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut previous = None;
        for finding in self.findings {
            if previous != Some(finding.segment) {
                let segment = &self.segments[finding.segment];
                if previous.is_some() {
                    writeln!(out)?;
                }
                writeln!(out, "segment {}", one_line(&segment.id))?;
                writeln!(out, "  ar: {}", one_line(&segment.source))?;
                writeln!(out, "  en: {}", one_line(&segment.target))?;
                previous = Some(finding.segment);
            }
            writeln!(
                out,
                "  {:<7}  {:<15}  {}",
                finding.severity().name(),
                finding.kind.name(),
                one_line(&finding.message)
            )?;
        }
        if previous.is_some() {
            writeln!(out)?;
        }
        writeln!(out, "{}", self.summary())
    }

    /// "file: 3 errors and 1 warning in 2 of 64 segments"; "file: checked 0
    /// segments: the file has none".
    pub fn summary(&self) -> String {
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        let total = self.segments.len();
        if total == 0 {
            return format!("{}: checked 0 segments: the file has none", self.file);
        }
        if self.findings.is_empty() {
            return format!("{}: no findings in {}", self.file, plural(total, "segment"));
        }
        let mut flagged: Vec<usize> = self.findings.iter().map(|f| f.segment).collect();
        flagged.dedup();
        format!(
            "{}: {} and {} in {} of {}",
            self.file,
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
            flagged.len(),
            plural(total, "segment")
        )
    }

    /// `{"file","segments","errors","warnings","findings":[{"segment","kind",
    /// "severity","message","source_words","target_words","expected",
    /// "other_segment"}]}`.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        let report = JsonReport {
            file: self.file,
            segments: self.segments.len(),
            errors: self.count(Severity::Error),
            warnings: self.count(Severity::Warning),
            findings: self.findings.iter().map(|f| self.fields(f)).collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)
    }

    /// A header ([`TSV_COLUMNS`]) and one row per finding, cells for
    /// spreadsheets ([`TableLayout::SPREADSHEET`]: formulas neutralized,
    /// one line each).
    pub fn write_tsv(&self, out: &mut dyn Write) -> io::Result<()> {
        let table = TableWriter::new(TableLayout::SPREADSHEET);
        table.write_row(out, &TSV_COLUMNS)?;
        for finding in self.findings {
            let fields = self.fields(finding);
            let cells = [
                fields.segment,
                fields.kind,
                fields.severity,
                fields.message,
                fields.source_words,
                fields.target_words,
                fields.expected,
                fields.other_segment.unwrap_or_default(),
            ];
            table.write_row(out, &cells)?;
        }
        Ok(())
    }
}

/// Line breaks and tabs as spaces, so that a text stays on its line.
fn one_line(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_says_it_checked_no_segment() {
        let report = Report {
            file: "empty.tsv",
            segments: &[],
            findings: &[],
        };
        assert_eq!(
            report.summary(),
            "empty.tsv: checked 0 segments: the file has none"
        );
        let one = [Pair::new("1", "نعم", "Yes")];
        let report = Report {
            segments: &one,
            ..report
        };
        assert_eq!(report.summary(), "empty.tsv: no findings in 1 segment");
    }
}
