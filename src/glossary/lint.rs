//! Checks that keep a glossary clean.
