//! Enums whose values have names: in glossary files, in outputs and on the
//! command line (`person`, `tm-fuzzy`, `md`). `named_enum!` (crate-internal) declares one
//! with its names in one place and gives it `ALL`, `name`, `help` (its
//! documentation, for `--help`), `Display` and `FromStr`; output formats
//! also list the file name extensions that ask for them (`extensions`).

use std::fmt;

/// Declares an enum with a name for each value:
///
/// ```ignore
/// named_enum! {
///     /// What a finding is about.
///     pub enum Severity {
///         /// Worth a look.
///         Warning = "warning",
///         /// Wrong as it stands.
///         Error = "error",
///     }
/// }
/// ```
///
/// An output format adds the extensions that ask for it, the first being
/// the one written: `Markdown = "md" in ["md", "markdown"]`.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $type:ident {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident = $name:literal in [$($extension:literal),+]
            ),+ $(,)?
        }
    ) => {
        $crate::named::named_enum! {
            $(#[$meta])*
            $vis enum $type { $( $(#[doc = $doc])* $variant = $name ),+ }
        }

        impl $type {
            /// The file name extensions (lower case, without the dot) that
            /// ask for this format; the first is the one written.
            pub fn extensions(self) -> &'static [&'static str] {
                match self {
                    $($type::$variant => &[$($extension),+],)+
                }
            }

            /// The file name extension written for this format.
            pub fn extension(self) -> &'static str {
                self.extensions()[0]
            }
        }

        impl $crate::named::OutputFormat for $type {
            fn extensions(self) -> &'static [&'static str] {
                $type::extensions(self)
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $type:ident {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident = $name:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $type {
            $( $(#[doc = $doc])* $variant, )+
        }

        impl $type {
            /// Every value, in the order `--help` and reports list them.
            pub const ALL: &'static [$type] = &[$($type::$variant),+];

            /// The name in files, outputs and on the command line.
            pub fn name(self) -> &'static str {
                match self {
                    $($type::$variant => $name,)+
                }
            }

            /// What the value means: its documentation on one line.
            pub fn help(self) -> String {
                match self {
                    $($type::$variant => $crate::named::one_line(&[$($doc),*]),)+
                }
            }
        }

        impl $crate::named::Named for $type {
            const ALL: &'static [Self] = $type::ALL;

            fn name(self) -> &'static str {
                $type::name(self)
            }

            fn help(self) -> String {
                $type::help(self)
            }
        }

        impl ::std::fmt::Display for $type {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::std::str::FromStr for $type {
            type Err = $crate::named::UnknownName;

            fn from_str(name: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|value| value.name() == name)
                    .ok_or_else(|| {
                        $crate::named::UnknownName::new(name, Self::ALL.iter().map(|v| v.name()))
                    })
            }
        }
    };
}
pub(crate) use named_enum;

/// An enum whose values have names, as `named_enum!` declares one: what
/// a command line offers.
pub trait Named: Copy + Send + Sync + 'static {
    /// Every value, in the order `--help` lists them.
    const ALL: &'static [Self];

    /// The name of the value.
    fn name(self) -> &'static str;

    /// What the value means, for `--help`.
    fn help(self) -> String;
}

/// A format a command writes, as `named_enum!` declares one with its
/// extensions: what a command line offers and the `-o` file extension
/// chooses among.
pub trait OutputFormat: Named {
    /// The extensions (lower case, without the dot) that ask for this
    /// format; the first is the one given to the files a batch writes.
    fn extensions(self) -> &'static [&'static str];
}

/// Lines of documentation joined into one line, as `--help` shows them:
/// the Markdown escapes of `<` and `>` (`line\<TAB\>`, which keep rustdoc
/// from reading a tag) taken out.
#[doc(hidden)]
pub fn one_line(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("\\<", "<")
        .replace("\\>", ">")
}

/// A name that none of an enum's values has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The name given.
    pub name: String,
    /// The names there are.
    pub known: Vec<&'static str>,
}

impl UnknownName {
    /// `name`, which is none of `known`.
    pub fn new(name: &str, known: impl IntoIterator<Item = &'static str>) -> Self {
        Self {
            name: name.to_owned(),
            known: known.into_iter().collect(),
        }
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown name `{}`: expected one of {}",
            self.name,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

#[cfg(test)]
mod tests {
    named_enum! {
        /// A test enum.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Sample {
            /// The first,
            /// on two lines.
            First = "first" in ["one", "1"],
            /// The second.
            Second = "second-one" in ["two"],
        }
    }

    #[test]
    fn names_round_trip_and_help_is_one_line() {
        for &value in Sample::ALL {
            assert_eq!(value.name().parse::<Sample>(), Ok(value));
            assert_eq!(value.to_string(), value.name());
        }
        assert_eq!(Sample::First.help(), "The first, on two lines.");
        assert_eq!(Sample::Second.extension(), "two");
        assert_eq!(Sample::First.extensions(), ["one", "1"]);
        assert_eq!(
            "third".parse::<Sample>().unwrap_err().to_string(),
            "unknown name `third`: expected one of first, second-one"
        );
    }
}
