//! The one way errors about a place in an input file are displayed.

use std::fmt;

/// Writes `<message>: <file>[:line[:column]]`, then a `hint:` line when
/// there is a hint: what went wrong, where, and what to do.
pub(crate) fn write_located(
    f: &mut fmt::Formatter<'_>,
    message: &str,
    file: &str,
    line: Option<usize>,
    column: Option<usize>,
    hint: &str,
) -> fmt::Result {
    write!(f, "{message}: {file}")?;
    if let Some(line) = line {
        write!(f, ":{line}")?;
        if let Some(column) = column {
            write!(f, ":{column}")?;
        }
    }
    if !hint.is_empty() {
        write!(f, "\nhint: {hint}")?;
    }
    Ok(())
}

/// `Display` for an error type with the fields `message`, `file`, `line`,
/// `column` and `hint`, through [`write_located`].
macro_rules! display_located {
    ($error:ty) => {
        impl std::fmt::Display for $error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                $crate::located::write_located(
                    f,
                    &self.message,
                    &self.file,
                    self.line,
                    self.column,
                    &self.hint,
                )
            }
        }
    };
}
pub(crate) use display_located;
