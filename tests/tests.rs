//! Integration tests: each runs the real `tarjama` binary in a temporary
//! directory with a scrubbed environment.

mod util;

mod brief;
mod check;
mod cli;
mod glossary;
mod hardening;
mod lookup;
mod output;
mod properties;
mod split;
mod summarize;
mod terms;
mod tm;
mod translate;
mod translate_pipeline;
