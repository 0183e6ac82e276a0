//! The subcommands, one file each: its arguments, its `--help` text and its
//! `run`.

pub mod brief;
pub mod check;
pub mod completions;
pub mod glossary;
pub mod lookup;
pub mod man;
pub mod split;
pub mod summarize;
pub mod terms;
pub mod tm;
pub mod translate;
